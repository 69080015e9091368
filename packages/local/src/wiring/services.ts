import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { SQSEvent } from "aws-lambda";
import type { Clock } from "../clock";
import { createTablesFromTemplate, type TableCreated } from "../dynamodb";
import { LocalEventBridge, type RuleProps } from "../eventbridge/bus";
import type { BusEvent } from "../eventbridge/events";
import { routeTargets } from "../eventbridge/targets";
import { lambdaFunctionsFromTemplate, type LambdaInvocationResult, type LocalLambda } from "../lambda";
import { SqsEventSource } from "../sqs/event-source";
import type { LocalSqs } from "../sqs/sqs";
import type { SendInput } from "../sqs/queue";
import { stateMachinesFromTemplate, type LocalStepFunctions, type ServiceIntegrations } from "../stepfunctions";
import type { AppTemplate } from "../template/app";
import type { LocalLog } from "./log";

/** Counts invocations in progress, so `idle()` can tell motion from rest, and when each started. */
export class Activity {
  private readonly startedAt = new Set<{ ms: number }>();

  constructor(private readonly clock: Pick<Clock, "now">) {}

  /** Invocations in progress. */
  get running(): number {
    return this.startedAt.size;
  }

  track<T>(work: Promise<T>): Promise<T> {
    const started = { ms: this.clock.now() };
    this.startedAt.add(started);
    return work.finally(() => this.startedAt.delete(started));
  }

  /** Simulated time the longest-running invocation started; undefined when none runs. */
  oldestStartMs(): number | undefined {
    let oldest: number | undefined;
    for (const { ms } of this.startedAt) if (oldest === undefined || ms < oldest) oldest = ms;
    return oldest;
  }

  /** Resolves once nothing is running, or after `timeoutMs` real ms. */
  async settled(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.running > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** DynamoDB tables of every stack, created on the backend. */
export async function createTables(app: AppTemplate, client: DynamoDBClient): Promise<TableCreated[]> {
  const created: TableCreated[] = [];
  for (const stack of app.stacks) created.push(...(await createTablesFromTemplate(client, stack.stack.template, stack.resolve)));
  return created;
}

/** AWS::SQS::Queue resources as local queues. */
export function createQueues(app: AppTemplate, sqs: LocalSqs): void {
  for (const queue of app.resources("AWS::SQS::Queue")) {
    sqs.createQueue({ ...queue.properties, QueueName: queue.resolver.nameOf(queue.logicalId) });
  }
}

/** AWS::Lambda::Function resources that have a source handler, registered with the local Lambda. */
export function registerFunctions(app: AppTemplate, lambda: LocalLambda, handlers: Record<string, Record<string, string>>): void {
  for (const stack of app.stacks) {
    const specs = lambdaFunctionsFromTemplate(stack.stack.template, { resolve: stack.resolve, handlers: handlers[stack.stack.stackName] ?? {} });
    for (const spec of specs) lambda.register(spec);
  }
}

/** Synchronous invoke that rejects on a function error, as an event-source mapping sees it. */
export function invokeForEventSource(lambda: LocalLambda, activity: Activity) {
  return async (functionName: string, event: SQSEvent): Promise<unknown> => {
    const result = await activity.track(lambda.invoke(functionName, event));
    if (result.functionError) {
      const error = new Error(result.error?.errorMessage ?? "function error");
      error.name = result.error?.errorType ?? "Unhandled";
      throw error;
    }
    return result.payload;
  };
}

/** AWS::Lambda::EventSourceMapping resources on SQS queues, polling. */
export function startEventSources(app: AppTemplate, sqs: LocalSqs, lambda: LocalLambda, activity: Activity, log: LocalLog): SqsEventSource[] {
  const sources: SqsEventSource[] = [];
  for (const mapping of app.resources("AWS::Lambda::EventSourceMapping")) {
    const props = mapping.properties;
    if (!String(props.EventSourceArn).startsWith("arn:aws:sqs:")) {
      log.warn(`event source mapping ${mapping.logicalId}: only SQS sources run locally, ${props.EventSourceArn} skipped`);
      continue;
    }
    const source = new SqsEventSource(
      { ...props, EventSourceArn: String(props.EventSourceArn), FunctionName: String(props.FunctionName) } as never,
      sqs,
      invokeForEventSource(lambda, activity),
      (error) => log.debug(`${props.FunctionName} batch failed: ${(error as Error).message}`),
    );
    source.start();
    sources.push(source);
  }
  return sources;
}

/** The Task integrations of the local Step Functions, wired to the other local services. */
export function stepFunctionIntegrations(deps: {
  lambda: LocalLambda;
  sqs: LocalSqs;
  bridge: () => LocalEventBridge;
  dynamodb: DynamoDBClient;
  activity: Activity;
}): ServiceIntegrations {
  return {
    lambda: { invoke: (name: string, payload: unknown): Promise<LambdaInvocationResult> => deps.activity.track(deps.lambda.invoke(name, payload)) },
    sendSqsMessage: async (params) => {
      deps.sqs.stats.requests++;
      deps.sqs.stats.messagesSent++;
      return deps.sqs.getQueue(params.QueueUrl).send(params as SendInput) as never;
    },
    putEvents: async (entries) => deps.bridge().putEvents(entries) as never,
    dynamodb: deps.dynamodb,
  };
}

/** Every state machine of every stack, registered with the local Step Functions. */
export function registerStateMachines(app: AppTemplate, stepFunctions: LocalStepFunctions, nowMs: number): void {
  for (const stack of app.stacks) {
    for (const spec of stateMachinesFromTemplate(stack.stack.template, stack.resolve, nowMs)) stepFunctions.addStateMachine(spec);
  }
}

/** The bus, rules and archives of the template, with targets routed by ARN to the local services. */
export function createEventBridge(deps: {
  app: AppTemplate;
  clock: Clock;
  sqs: LocalSqs;
  lambda: LocalLambda;
  stepFunctions: LocalStepFunctions;
  activity: Activity;
  log: LocalLog;
  observe: (event: BusEvent, busName: string) => void;
}): LocalEventBridge {
  const { app, lambda, stepFunctions, activity, log } = deps;
  const bridge: LocalEventBridge = new LocalEventBridge({
    clock: deps.clock,
    region: app.place.region,
    accountId: app.place.accountId,
    observe: deps.observe,
    onDeliveryFailure: (delivery, error) => log.warn(`event ${delivery.event.id} to ${delivery.targetArn} dropped: ${(error as Error)?.message ?? error}`),
    deliver: routeTargets({
      sqs: deps.sqs,
      startExecution: async (stateMachineArn, input) => void (await stepFunctions.startExecution({ stateMachineArn, input })),
      invokeAsync: async (functionArn, payload) => {
        if (!lambda.find(functionArn)) throw new Error(`Function not found: ${functionArn}`);
        void activity.track(lambda.invoke(functionArn, payload)).then((result) => {
          if (result.functionError) log.warn(`async invocation of ${functionArn} failed: ${result.error?.errorMessage}`);
        });
      },
      putOnBus: async (busArn, delivery) => {
        const result = bridge.putEvents([{ ...eventAsEntry(delivery.event), EventBusName: busArn }]);
        if (result.FailedEntryCount > 0) throw new Error(JSON.stringify(result.Entries));
      },
    }),
  });
  for (const bus of app.resources("AWS::Events::EventBus")) bridge.addEventBus({ Name: bus.resolver.nameOf(bus.logicalId) });
  for (const rule of app.resources("AWS::Events::Rule")) {
    bridge.addRule({ ...rule.properties, Name: rule.resolver.nameOf(rule.logicalId) } as RuleProps);
  }
  for (const archive of app.resources("AWS::Events::Archive")) bridge.addArchive(archive.properties as never);
  return bridge;
}

function eventAsEntry(event: BusEvent) {
  return { Source: event.source, DetailType: event["detail-type"], Detail: JSON.stringify(event.detail), Resources: event.resources, Time: new Date(event.time) };
}
