/**
 * What a local cloud is given and what it offers: the options of startLocalCloud and
 * the LocalCloud it returns. Apart from ./cloud, so that the wiring that builds one can
 * name them without importing what imports it.
 */
import type { Clock } from "./clock";
import type { DynamoDbBackend } from "./dynamodb";
import type { BusEvent } from "./eventbridge/events";
import type { EventBridgeStats, LocalEventBridge } from "./eventbridge/bus";
import type { LambdaUsage, LocalLambda } from "./lambda";
import type { LocalSqs, SqsStats } from "./sqs/sqs";
import type { LocalStepFunctions, StepFunctionsUsage } from "./stepfunctions";
import type { RouteHandler } from "./server";
import type { CapacityUsage } from "./wiring/dynamodb-proxy";

export type LogLevel = "silent" | "error" | "warn" | "info" | "debug";

export interface LocalCloudOptions {
  /** Port of the one local endpoint: default 4010, 0 picks a free port. */
  port?: number;
  /** Simulated time per real time (default 1); ignored when `clock` is given. */
  speed?: number;
  /** The clock every timer runs on (a ManualClock in tests); default a RealClock at `speed`. */
  clock?: Clock;
  /** Keeps DynamoDB tables and STANDARD executions here across restarts; in memory when omitted. */
  dataDir?: string;
  /** DynamoDB backend: "auto" (default) is DynamoDB Local when Java 17+ is present, else dynalite. */
  backend?: DynamoDbBackend | "auto";
  /** SST stage the app is synthesized for (default "local"): names the bus, table and machines. */
  stage?: string;
  /** Handler log level (Powertools) and the local cloud's own messages (default "warn"). */
  logLevel?: LogLevel;
  /** Repository root the handler paths are relative to (default: found from this file). */
  appRoot?: string;
  /**
   * Worker threads the handlers run in, beside the thread of the queues, bus, state
   * machines and endpoint: default 1 on a RealClock, 0 (that same thread) on another
   * clock, which threads cannot follow.
   */
  handlerThreads?: number;
  /**
   * Run the handler threads as child processes instead, and the functions that only
   * compute (the models, which otherwise run in the local cloud's thread) in one more
   * process: their CPU then leaves the local cloud's process, each message is copied
   * between processes. Needs handler threads (a RealClock). Default false.
   */
  handlerProcesses?: boolean;
  /**
   * Backpressure on the cloud's own RealClock: a timer waits while work in flight (a
   * visible message on a polled queue, a running invocation) started more than this
   * many simulated seconds before it was due (see RealClock.holdBehind). Unset, time
   * runs at `speed` however far behind the work falls.
   */
  maxLagSeconds?: number;
}

/** Names and addresses of what the template declared, as the local cloud runs them. */
export interface LocalCloudResources {
  /** Table name by logical id. */
  tables: Record<string, string>;
  /** Queue URL by queue name. */
  queues: Record<string, string>;
  /** State machine ARN by name (e.g. "local-pricing-engine-Lifecycle"). */
  stateMachines: Record<string, string>;
  /** Function ARN by name. */
  functions: Record<string, string>;
  /** Rule names by bus name. */
  rules: Record<string, string[]>;
  /** CloudFormation outputs by stack id and output key (BusName, LifecycleArn, ...). */
  outputs: Record<string, Record<string, string>>;
}

/** Everything counted so far: the inputs of an AWS cost projection. */
export interface LocalCloudUsage {
  /**
   * `expressDurationMs` is on the clock; `expressRunTimeMs` is it divided by the clock's
   * speed: the real run time of the (compute-bound) EXPRESS executions, what AWS bills
   * per GB-s on a fast clock. The two agree at speed 1 and on a ManualClock.
   */
  stepFunctions: StepFunctionsUsage & { expressRunTimeMs: number };
  lambda: { total: LambdaUsage; byFunction: Record<string, LambdaUsage> };
  eventBridge: EventBridgeStats;
  /** SQS requests (sends, receives and deletes made by pollers and clients), messages sent, dead-lettered. */
  sqs: SqsStats & { receives: number; deletes: number };
  /** DynamoDB capacity units as the backend reported them for every request through the endpoint. */
  dynamodb: CapacityUsage;
}

export interface LocalCloud {
  /** The one local endpoint, e.g. "http://127.0.0.1:4010" (EventBridge, Step Functions, SQS, DynamoDB). */
  readonly endpoint: string;
  readonly clock: Clock;
  readonly stage: string;
  readonly region: string;
  readonly accountId: string;
  /** The app's event bus (feed events go here). */
  readonly busName: string;
  readonly eventBridge: LocalEventBridge;
  readonly sqs: LocalSqs;
  readonly lambda: LocalLambda;
  readonly stepFunctions: LocalStepFunctions;
  readonly dynamodb: {
    backend: DynamoDbBackend;
    /** The backend's own endpoint; clients should use `endpoint` (it counts capacity units). */
    backendEndpoint: string;
    /** The app's single table. */
    tableName: string;
    /** Real ms the backend took to answer. */
    startMs: number;
  };
  /** The state machines of the app by role. */
  readonly stateMachines: { lifecycle: string; priceMatch: string };
  readonly resources: LocalCloudResources;
  /** Real milliseconds startLocalCloud took, by phase and in total. */
  readonly startup: { synthMs: number; dynamodbMs: number; totalMs: number };
  /** AWS_ENDPOINT_URL_* for each service, dummy credentials and the region, for SDK clients and the aws CLI. */
  env(): Record<string, string>;
  /** Counts for the cost projection. */
  usage(): LocalCloudUsage;
  /** Serves plain HTTP under a path prefix of the endpoint, beside the AWS protocols (the console mounts here). */
  route(pathPrefix: string, handler: RouteHandler): void;
  /** Calls `listener` with every event put on any bus (feed and engine events); returns the unsubscribe. */
  onEvent(listener: (event: BusEvent, busName: string) => void): () => void;
  /**
   * Resolves when nothing is in motion, i.e. nothing would happen without the clock
   * moving: no invocation or EXPRESS execution running, no bus delivery being attempted,
   * no visible message on a queue a poller drains. Delayed messages (the next clock
   * tick), messages in a batching window or a visibility timeout, Wait states and parked
   * task tokens wait on the clock: they are rest. With a ManualClock, alternate
   * `clock.advance()` and `idle()`. With `timeoutMs` (real ms) it rejects if still busy.
   */
  idle(options?: { timeoutMs?: number }): Promise<void>;
  /**
   * Simulated time the oldest work in motion started (a visible message on a queue a
   * poller drains, a running invocation); undefined when nothing is in motion. A
   * RealClock's `holdBehind` takes it as the work its timers must not overtake.
   */
  oldestWorkMs(): number | undefined;
  /** Stops pollers, executions (STANDARD ones stay RUNNING in the store), the endpoint and DynamoDB. */
  stop(): Promise<void>;
}
