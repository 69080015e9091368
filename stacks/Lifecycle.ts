import { Duration } from "aws-cdk-lib";
import { SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import {
  Choice, Condition, IntegrationPattern, JsonPath, Pass, StateMachine, StateMachineType, Succeed, TaskInput, Timeout,
  type IChainable,
} from "aws-cdk-lib/aws-stepfunctions";
import { LambdaInvoke, StepFunctionsStartExecution } from "aws-cdk-lib/aws-stepfunctions-tasks";
import type { Construct } from "constructs";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { use, type StackContext } from "sst/constructs";
import { SPORTS } from "@pricing/core/sports/registry";
import { Epoch } from "@pricing/core/match/epoch";
import { CLOCK_BATCHING_WINDOW_SECONDS, CLOCK_VISIBILITY_TIMEOUT_SECONDS, GAP_BOUND_SECONDS, PRICE_JOBS_PER_EXECUTION, TICK_SECONDS, TICK_TIMEOUT_SECONDS } from "@pricing/core/policy";
import { Events } from "./Events";
import { handler } from "./functions";
import { grantPutEngineEvents, grantStart, grantTable, grantTaskCallbacks } from "./grants";
import { stateMachineArn } from "./names";
import { Pricing } from "./Pricing";
import { workQueue } from "./queues";
import { Storage } from "./Storage";
import { loggedStateMachine } from "./state-machines";

/** How long AwaitResult waits for `Result Confirmed` before settling on the reported score. */
export const RESULT_CONFIRMATION_TIMEOUT = Duration.hours(2);

/**
 * Lifecycle, a Standard machine, one execution per match named after it. It holds only
 * the epoch transitions (about a dozen per match); each Await state parks a task token
 * and resumes when ingest sees the epoch move. Abandonment at any point goes to Void.
 */
export function Lifecycle({ stack, app }: StackContext) {
  const { table } = use(Storage);
  const { bus } = use(Events);
  const { priceMatch } = use(Pricing);
  const env = { TABLE_NAME: table.tableName, BUS_NAME: bus.eventBusName };
  const lifecycleArn = stateMachineArn(app, "Lifecycle");

  // A tick that fails comes back after the visibility timeout, six of the ClockTick function's timeouts (see policy.ts).
  const { queue: clockQueue, dlq: clockDlq } = workQueue(stack, "ClockTicks", { visibilityTimeout: Duration.seconds(CLOCK_VISIBILITY_TIMEOUT_SECONDS) });
  const clockEnv = { ...env, CLOCK_QUEUE_URL: clockQueue.queueUrl, TICK_SECONDS: String(TICK_SECONDS) };

  const register = handler(stack, "RegisterMatch", "sfn/register-match", { environment: env });
  grantTable(register, table, ["GetItem", "UpdateItem"]);
  const awaitEpoch = handler(stack, "AwaitEpoch", "sfn/await-epoch", { environment: env });
  grantTable(awaitEpoch, table, ["GetItem", "UpdateItem"]);
  grantTaskCallbacks(awaitEpoch, lifecycleArn);
  const startTicker = handler(stack, "StartTicker", "sfn/start-ticker", { environment: clockEnv });
  grantTable(startTicker, table, ["UpdateItem"]);
  clockQueue.grantSendMessages(startTicker);
  const settle = handler(stack, "SettleMatch", "sfn/settle-match", { timeout: "60 seconds", environment: env });
  const voidMatch = handler(stack, "VoidMatch", "sfn/void-match", { timeout: "60 seconds", environment: env });
  for (const fn of [settle, voidMatch]) {
    grantTable(fn, table, ["GetItem", "UpdateItem", "BatchWriteItem"]);
    grantPutEngineEvents(fn, bus);
  }

  const tick = handler(stack, "ClockTick", "clock/tick", {
    timeout: TICK_TIMEOUT_SECONDS,
    environment: { ...clockEnv, PRICE_MATCH_ARN: priceMatch.stateMachineArn, LIFECYCLE_ARN: lifecycleArn, GAP_BOUND_SECONDS: String(GAP_BOUND_SECONDS) },
  });
  // A batch of ticks is one PriceMatch execution of its matches (the jobs path).
  tick.addEventSource(new SqsEventSource(clockQueue, { batchSize: PRICE_JOBS_PER_EXECUTION, maxBatchingWindow: Duration.seconds(CLOCK_BATCHING_WINDOW_SECONDS), reportBatchItemFailures: true, maxConcurrency: 2 }));
  grantTable(tick, table, ["GetItem", "PutItem", "UpdateItem", "BatchWriteItem"]);
  clockQueue.grantSendMessages(tick);
  grantStart(tick, [priceMatch.stateMachineArn, lifecycleArn]);
  grantTaskCallbacks(tick, lifecycleArn);
  grantPutEngineEvents(tick, bus);

  const definition = lifecycleDefinition(stack, { register, awaitEpoch, startTicker, settle, voidMatch, priceMatch });
  const lifecycle = loggedStateMachine(stack, app, "Lifecycle", { type: StateMachineType.STANDARD, definition, timeout: Duration.days(60) });
  stack.addOutputs({ LifecycleArn: lifecycle.stateMachineArn, PriceMatchArn: priceMatch.stateMachineArn });
  return { lifecycle, clockQueue, deadLetterQueues: { clockTicks: clockDlq }, functions: { register, awaitEpoch, startTicker, settle, voidMatch, tick } };
}

interface LifecycleFunctions {
  register: IFunction; awaitEpoch: IFunction; startTicker: IFunction; settle: IFunction; voidMatch: IFunction;
  priceMatch: StateMachine;
}

function lifecycleDefinition(scope: Construct, fns: LifecycleFunctions): IChainable {
  const matchId = JsonPath.stringAt("$.matchId");
  const invoke = (id: string, fn: IFunction, payload: Record<string, unknown>) =>
    new LambdaInvoke(scope, id, { lambdaFunction: fn, payloadResponseOnly: true, payload: TaskInput.fromObject(payload), resultPath: JsonPath.DISCARD });
  const awaitEpoch = (id: string, awaiting: Epoch, timeout?: Duration) =>
    new LambdaInvoke(scope, id, {
      lambdaFunction: fns.awaitEpoch,
      integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: TaskInput.fromObject({ matchId, awaiting, taskToken: JsonPath.taskToken }),
      resultPath: "$.signal",
      ...(timeout ? { taskTimeout: Timeout.duration(timeout) } : {}),
    });

  const voided = invoke("Void", fns.voidMatch, { matchId }).next(new Succeed(scope, "Voided"));
  const settled = invoke("Settle", fns.settle, { matchId }).next(new Succeed(scope, "Settled"));
  const unlessAbandoned = (id: string, next: IChainable) =>
    new Choice(scope, id).when(Condition.stringEquals("$.signal.epoch", Epoch.Abandoned), voided).otherwise(next);

  const awaitResult = awaitEpoch("AwaitResult", Epoch.Confirmed, RESULT_CONFIRMATION_TIMEOUT);
  awaitResult.addCatch(new Pass(scope, "AutoConfirm", { result: { value: { epoch: Epoch.FullTime, autoConfirmed: true } }, resultPath: "$.signal" }).next(settled), {
    errors: ["States.Timeout"],
    resultPath: "$.timeout",
  });
  const untilFinalWhistle = awaitEpoch("AwaitFinalWhistle", Epoch.FullTime)
    .next(unlessAbandoned("FinalWhistle?", awaitResult.next(unlessAbandoned("Result?", settled))));
  // The clock-tick chain runs for a sport whose prices move with time; a point sport reprices on its events alone.
  const clockSports = Object.values(SPORTS).filter((sport) => sport.clock).map((sport) => Condition.stringEquals("$.sport", sport.id));
  const inPlay = new Choice(scope, "ClockRuns?")
    .when(Condition.or(...clockSports), invoke("InPlay", fns.startTicker, { matchId, tickerId: JsonPath.stringAt("$$.Execution.Id") }).next(untilFinalWhistle))
    .otherwise(untilFinalWhistle);

  const register = invoke("Register", fns.register, { matchId, executionArn: JsonPath.stringAt("$$.Execution.Id") });
  const pricePreEvent = new StepFunctionsStartExecution(scope, "PricePreEvent", {
    stateMachine: fns.priceMatch,
    integrationPattern: IntegrationPattern.REQUEST_RESPONSE,
    input: TaskInput.fromObject({ matchId, reason: "pre-event", asOf: JsonPath.stringAt("$$.State.EnteredTime") }),
    resultPath: JsonPath.DISCARD,
  });
  return register
    .next(pricePreEvent)
    .next(awaitEpoch("AwaitKickoff", Epoch.InPlay))
    .next(unlessAbandoned("KickedOff?", inPlay));
}
