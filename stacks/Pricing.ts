import { Duration } from "aws-cdk-lib";
import {
  Choice, Condition, CustomState, Fail, JitterType, JsonPath, Map as MapState, Pass, StateMachineType, Succeed, TaskInput, Timeout,
} from "aws-cdk-lib/aws-stepfunctions";
import { LambdaInvoke } from "aws-cdk-lib/aws-stepfunctions-tasks";
import { use, type StackContext } from "sst/constructs";
import { modelBatches } from "@pricing/core/sports/batches";
import { SPORTS } from "@pricing/core/sports/registry";
import type { Function } from "sst/constructs";
import { Events } from "./Events";
import { handler, lambdaFunction } from "./functions";
import { pascal } from "./names";
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
 * Lifecycle's pre-event pricing passes only the match), price the job's market groups
 * in batches (the job's batch plan; by default one batch of every group, see
 * MODEL_GROUPS_PER_INVOCATION), the batches in parallel, one invocation each of the
 * sport's model function, which bundles only that sport's code (retried with backoff
 * and full jitter), then publish. A group whose model throws is suspended and `Model
 * Failed` announced while the rest of its batch publishes; a batch whose invocation
 * still fails after its retries has every group suspended and announced. Publish
 * stores the prices and returns their announcement; the machine puts it on the bus.
 * A batch of the clock's ticks takes the jobs path: every match in one model
 * invocation and one Publish (below).
 */
export function Pricing({ stack, app }: StackContext) {
  const { table } = use(Storage);
  const { bus } = use(Events);
  const env = { TABLE_NAME: table.tableName, BUS_NAME: bus.eventBusName };

  const loadState = handler(stack, "LoadState", "sfn/load-state", { environment: env });
  grantTable(loadState, table, ["GetItem"]);
  const models: Record<string, Function> = Object.fromEntries(
    Object.values(SPORTS).map((sport) => [sport.id, lambdaFunction(stack, `${pascal(sport.id)}Model`, sport.modelHandler, `${sport.id}-model`, { memorySize: "1024 MB", timeout: "10 seconds" })]),
  );
  const modelFailed = handler(stack, "ModelFailed", "sfn/model-failed", { environment: env });
  grantPutEngineEvents(modelFailed, bus);
  const publish = handler(stack, "PublishPrices", "sfn/publish-prices", { environment: env });
  grantTable(publish, table, ["UpdateItem", "PutItem", "BatchWriteItem"]);

  const load = new LambdaInvoke(stack, "LoadState", { lambdaFunction: loadState, payloadResponseOnly: true });
  // A batch whose invocation failed after its retries: every group of it.
  const batchFailed = new LambdaInvoke(stack, "BatchFailed", {
    lambdaFunction: modelFailed,
    payloadResponseOnly: true,
    payload: TaskInput.fromObject({
      matchId: JsonPath.stringAt("$.matchId"), groups: JsonPath.listAt("$.groups"), stateVersion: JsonPath.numberAt("$.stateVersion"), error: JsonPath.objectAt("$.error"),
    }),
  });
  // A batch priced with some groups failed (each group's model runs in its own try): those groups.
  const groupsFailed = new LambdaInvoke(stack, "GroupsFailed", {
    lambdaFunction: modelFailed,
    payloadResponseOnly: true,
    payload: TaskInput.fromObject({
      matchId: JsonPath.stringAt("$.matchId"), stateVersion: JsonPath.numberAt("$.stateVersion"), results: JsonPath.listAt("$.batch.results"), failures: JsonPath.listAt("$.batch.failures"),
    }),
  });
  const priced = new Pass(stack, "BatchPriced", { outputPath: "$.batch.results" });
  const anyFailed = new Choice(stack, "AnyGroupFailed?")
    .when(Condition.isPresent("$.batch.failures[0]"), groupsFailed)
    .otherwise(priced);
  // One model task per sport, chosen by the item's sport; each shares the retry policy and the failure paths.
  const bySport = new Choice(stack, "Sport?");
  for (const [sport, fn] of Object.entries(models)) {
    const price = new LambdaInvoke(stack, `Price${pascal(sport)}`, {
      lambdaFunction: fn,
      payloadResponseOnly: true,
      retryOnServiceExceptions: false,
      taskTimeout: Timeout.duration(Duration.seconds(15)),
      payload: TaskInput.fromObject({
        matchId: JsonPath.stringAt("$.matchId"), groups: JsonPath.listAt("$.groups"), situation: JsonPath.objectAt("$.situation"), margins: JsonPath.objectAt("$.margins"),
      }),
      resultPath: "$.batch",
    });
    price.addRetry({ errors: MODEL_RETRY_ERRORS, interval: Duration.seconds(1), maxAttempts: 3, backoffRate: 2, maxDelay: Duration.seconds(8), jitterStrategy: JitterType.FULL });
    price.addCatch(batchFailed, { errors: ["States.ALL"], resultPath: "$.error" });
    bySport.when(Condition.stringEquals("$.sport", sport), price.next(anyFailed));
  }
  bySport.otherwise(new Fail(stack, "UnknownSport", { error: "UnknownSport", cause: "the pricing job names a sport with no model function" }));

  // Each item is a batch of groups (the job's batch plan, from the sport's
  // groupsPerInvocation): one model invocation prices the batch, and its output is the
  // batch's group results, one list per item.
  const groups = new MapState(stack, "PriceBatches", {
    itemsPath: "$.batches",
    maxConcurrency: Math.max(...Object.values(SPORTS).map((sport) => modelBatches(sport, sport.groups).length)),
    itemSelector: {
      "groups.$": "$$.Map.Item.Value", "sport.$": "$.sport", "situation.$": "$.situation", "matchId.$": "$.matchId", "stateVersion.$": "$.stateVersion",
      // A trader's margin overrides (group to margin): the model takes its groups'.
      "margins.$": "$.margins",
    },
    resultPath: "$.results",
  }).itemProcessor(bySport);
  const publishTask = new LambdaInvoke(stack, "Publish", {
    lambdaFunction: publish,
    payloadResponseOnly: true,
    payload: TaskInput.fromObject({
      matchId: JsonPath.stringAt("$.matchId"), stateVersion: JsonPath.numberAt("$.stateVersion"), priceVersion: JsonPath.numberAt("$.priceVersion"),
      asOf: JsonPath.stringAt("$.asOf"), executionName: JsonPath.stringAt("$$.Execution.Name"), partial: JsonPath.stringAt("$.partial"), results: JsonPath.listAt("$.results"),
      // The groups a trader holds: not priced, published as suspended with the trader's reason.
      held: JsonPath.listAt("$.held"),
    }),
  });
  // A failure after the claim (a throttled write) is retried: the execution's own claim
  // lets the retry finish storing its prices.
  const retryAnyError = { errors: ["States.ALL"], interval: Duration.seconds(1), maxAttempts: 3, backoffRate: 2, jitterStrategy: JitterType.FULL };
  publishTask.addRetry(retryAnyError);
  // The announcement: Publish returns its events as PutEvents entries in chunks of ten
  // (one chunk but for many distinct hold reasons), and the machine puts them with
  // EventBridge's optimized integration, which fails the task when any entry is
  // refused (EventBridge.FailedEntry). Publish itself makes no call to the bus: on the
  // hot path that is a call fewer for each price set. The output stays Publish's.
  const putEntries = (id: string, entriesPath: string) => new CustomState(stack, id, {
    stateJson: { Type: "Task", Resource: "arn:aws:states:::events:putEvents", Parameters: { "Entries.$": entriesPath }, ResultPath: null },
  }).addRetry(retryAnyError);
  const announceChunks = new MapState(stack, "AnnounceChunks", { itemsPath: "$.announce", maxConcurrency: 1, resultPath: JsonPath.DISCARD })
    .itemProcessor(putEntries("AnnounceChunk", "$"));
  // Nothing to announce (no chunk): a repricing a newer one overtook (its claim refused),
  // with no model failure to report.
  const announce = new Choice(stack, "Announce?")
    .when(Condition.isPresent("$.announce[1]"), announceChunks)
    .when(Condition.isPresent("$.announce[0]"), putEntries("Announce", "$.announce[0]"))
    .otherwise(new Succeed(stack, "Superseded"));
  const priceable = new Choice(stack, "Priceable?")
    .when(Condition.booleanEquals("$.priceable", false), new Succeed(stack, "NothingToPrice"))
    .otherwise(groups.next(publishTask).next(announce));

  // The jobs path: several matches of one sport repriced in one execution (a batch of
  // the clock's ticks, PRICE_JOBS_PER_EXECUTION at most), each with its groups in one
  // model invocation. One model invocation prices every job (each group in its own try,
  // as above), one Publish claims each job's version on its own, stores the claimed ones
  // in one batch write and returns the announcement, `Model Failed` for each failed
  // group included. An invocation that still fails after its retries publishes every
  // job's groups as suspended, with `Model Failed` for each (PublishUnpriced).
  const publishJobs = (id: string, payload: Record<string, unknown>) => new LambdaInvoke(stack, id, {
    lambdaFunction: publish,
    payloadResponseOnly: true,
    payload: TaskInput.fromObject({ executionName: JsonPath.stringAt("$$.Execution.Name"), jobs: JsonPath.listAt("$.jobs"), ...payload }),
  }).addRetry(retryAnyError).next(announce);
  const publishPriced = publishJobs("PublishJobs", { priced: JsonPath.listAt("$.priced.jobs") });
  const publishUnpriced = publishJobs("PublishUnpriced", { error: JsonPath.objectAt("$.error") });
  const jobsBySport = new Choice(stack, "JobsSport?");
  for (const [sport, fn] of Object.entries(models)) {
    const price = new LambdaInvoke(stack, `Price${pascal(sport)}Jobs`, {
      lambdaFunction: fn,
      payloadResponseOnly: true,
      retryOnServiceExceptions: false,
      taskTimeout: Timeout.duration(Duration.seconds(15)),
      payload: TaskInput.fromObject({ jobs: JsonPath.listAt("$.jobs") }),
      resultPath: "$.priced",
    });
    price.addRetry({ errors: MODEL_RETRY_ERRORS, interval: Duration.seconds(1), maxAttempts: 3, backoffRate: 2, maxDelay: Duration.seconds(8), jitterStrategy: JitterType.FULL });
    price.addCatch(publishUnpriced, { errors: ["States.ALL"], resultPath: "$.error" });
    jobsBySport.when(Condition.stringEquals("$.sport", sport), price.next(publishPriced));
  }
  jobsBySport.otherwise(new Fail(stack, "UnknownJobsSport", { error: "UnknownSport", cause: "the pricing jobs name a sport with no model function" }));

  // Jobs of several matches, or one job given with its state version; an input with neither is a match to load.
  const definition = new Choice(stack, "Jobs?")
    .when(Condition.isPresent("$.jobs"), jobsBySport)
    .otherwise(new Choice(stack, "JobGiven?")
      .when(Condition.isPresent("$.stateVersion"), priceable)
      .otherwise(load.next(priceable)));

  const priceMatch = loggedStateMachine(stack, app, "PriceMatch", { type: StateMachineType.EXPRESS, definition, timeout: Duration.minutes(1) });
  grantPutEngineEvents(priceMatch, bus);
  return { priceMatch, functions: { loadState, models, modelFailed, publish } };
}
