import { Duration } from "aws-cdk-lib";
import {
  Choice, Condition, JitterType, JsonPath, Map as MapState, StateMachineType, Succeed, TaskInput, Timeout,
} from "aws-cdk-lib/aws-stepfunctions";
import { LambdaInvoke } from "aws-cdk-lib/aws-stepfunctions-tasks";
import { use, type StackContext } from "sst/constructs";
import { MARKET_GROUPS } from "@pricing/core/markets/types";
import { Events } from "./Events";
import { handler } from "./functions";
import { grantPutEngineEvents, grantTable } from "./grants";
import { Storage } from "./Storage";
import { loggedStateMachine } from "./state-machines";

/**
 * Errors a model invocation is retried on: Lambda's transient ones, the model's own
 * unexpected failure, and a function that ran out of time (`Sandbox.Timedout`) or
 * crashed (`Lambda.Unknown`).
 */
export const MODEL_RETRY_ERRORS = [
  "ModelError", "Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException", "Lambda.TooManyRequestsException", "States.Timeout",
  "Sandbox.Timedout", "Lambda.Unknown",
];

/**
 * PriceMatch, an Express machine: take the pricing job its starter passed (the clock
 * tick and ingest hold the state they just read or stored) or load the state (the
 * Lifecycle's pre-event pricing passes only the match), price every market group in
 * parallel (one model invocation each, retried with backoff and full jitter; a group
 * that still fails is suspended and `Model Failed` announced), then publish.
 */
export function Pricing({ stack, app }: StackContext) {
  const { table } = use(Storage);
  const { bus } = use(Events);
  const env = { TABLE_NAME: table.tableName, BUS_NAME: bus.eventBusName };

  const loadState = handler(stack, "LoadState", "sfn/load-state", { environment: env });
  grantTable(loadState, table, ["GetItem"]);
  const priceGroup = handler(stack, "PriceGroup", "sfn/price-group", { memorySize: "1024 MB", timeout: "10 seconds" });
  const modelFailed = handler(stack, "ModelFailed", "sfn/model-failed", { environment: env });
  grantPutEngineEvents(modelFailed, bus);
  const publish = handler(stack, "PublishPrices", "sfn/publish-prices", { environment: env });
  grantTable(publish, table, ["UpdateItem", "PutItem"]);
  grantPutEngineEvents(publish, bus);

  const load = new LambdaInvoke(stack, "LoadState", { lambdaFunction: loadState, payloadResponseOnly: true });
  const price = new LambdaInvoke(stack, "PriceGroup", {
    lambdaFunction: priceGroup,
    payloadResponseOnly: true,
    retryOnServiceExceptions: false,
    taskTimeout: Timeout.duration(Duration.seconds(15)),
  });
  price.addRetry({ errors: MODEL_RETRY_ERRORS, interval: Duration.seconds(1), maxAttempts: 3, backoffRate: 2, maxDelay: Duration.seconds(8), jitterStrategy: JitterType.FULL });
  const failed = new LambdaInvoke(stack, "GroupFailed", {
    lambdaFunction: modelFailed,
    payloadResponseOnly: true,
    payload: TaskInput.fromObject({
      matchId: JsonPath.stringAt("$.matchId"), group: JsonPath.stringAt("$.group"), stateVersion: JsonPath.numberAt("$.stateVersion"), error: JsonPath.objectAt("$.error"),
    }),
  });
  price.addCatch(failed, { errors: ["States.ALL"], resultPath: "$.error" });

  const groups = new MapState(stack, "PriceGroups", {
    itemsPath: "$.groups",
    maxConcurrency: MARKET_GROUPS.length,
    itemSelector: {
      "group.$": "$$.Map.Item.Value", "situation.$": "$.situation", "matchId.$": "$.matchId", "stateVersion.$": "$.stateVersion",
    },
    resultPath: "$.results",
  }).itemProcessor(price);
  const publishTask = new LambdaInvoke(stack, "Publish", {
    lambdaFunction: publish,
    payloadResponseOnly: true,
    payload: TaskInput.fromObject({
      matchId: JsonPath.stringAt("$.matchId"), stateVersion: JsonPath.numberAt("$.stateVersion"), priceVersion: JsonPath.numberAt("$.priceVersion"),
      asOf: JsonPath.stringAt("$.asOf"), executionName: JsonPath.stringAt("$$.Execution.Name"), results: JsonPath.listAt("$.results"),
    }),
  });
  // A failure after the claim (a throttled write, the bus unavailable) is retried: the
  // execution's own claim lets the retry finish storing and announcing its prices.
  publishTask.addRetry({ errors: ["States.ALL"], interval: Duration.seconds(1), maxAttempts: 3, backoffRate: 2, jitterStrategy: JitterType.FULL });
  const priceable = new Choice(stack, "Priceable?")
    .when(Condition.booleanEquals("$.priceable", false), new Succeed(stack, "NothingToPrice"))
    .otherwise(groups.next(publishTask));
  // A job comes with its state version; an input without one is a match to load.
  const definition = new Choice(stack, "JobGiven?")
    .when(Condition.isPresent("$.stateVersion"), priceable)
    .otherwise(load.next(priceable));

  const priceMatch = loggedStateMachine(stack, app, "PriceMatch", { type: StateMachineType.EXPRESS, definition, timeout: Duration.minutes(1) });
  return { priceMatch, functions: { loadState, priceGroup, modelFailed, publish } };
}
