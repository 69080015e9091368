import "./polyfill";
import { randomUUID } from "node:crypto";
import { StateMachine } from "aws-local-stepfunctions";
import { ExecutionHistory, type LibraryEvent } from "./history";
import { sleepUntil, type ParkedTask, type TaskHost } from "./host";
import type { ServiceIntegrations } from "./integrations";
import { Journal } from "./journal";
import { taskHandler } from "./tasks";
import type { PreparedDefinition } from "./definition";
import { runTimeLimitMs } from "../lambda/types";
import { LIMITS, byteLength, type ClockLike, type ExecutionRecord, type ExecutionStatus, type Json, type StateMachineSpec } from "./types";

/** What an execution needs from the engine that runs it. */
export interface ExecutionDeps {
  clock: ClockLike;
  region: string;
  integrations: ServiceIntegrations;
  timeoutError: () => Error;
  park(token: string, run: ExecutionRun): ParkedTask;
  startChild(stateMachineArn: string, name: string | undefined, input: string, parentArn: string): Promise<ExecutionRecord>;
  finished(executionArn: string): Promise<ExecutionRecord>;
  stop(executionArn: string, error?: string, cause?: string): void;
  save(record: ExecutionRecord): void;
  countTransition(spec: StateMachineSpec): void;
}

type Ending = { status: Exclude<ExecutionStatus, "RUNNING">; error?: string; cause?: string };

/** A task token: opaque to callers, but it names its execution so the engine can tell a closed task from an unknown one. */
export function mintToken(executionArn: string): string {
  return `${Buffer.from(executionArn).toString("base64url")}.${randomUUID()}`;
}

export function tokenExecutionArn(token: string): string | undefined {
  const [head, nonce] = token.split(".");
  if (!head || !nonce || !/^[0-9a-f-]{36}$/.test(nonce)) return undefined;
  const arn = Buffer.from(head, "base64url").toString();
  return arn.startsWith("arn:") ? arn : undefined;
}

/** One execution of a state machine, on the library, with AWS's rules kept around it. */
export class ExecutionRun implements TaskHost {
  readonly history: ExecutionHistory;
  readonly journal: Journal;
  readonly mintedTokens = new Set<string>();
  readonly volatileValues = new Set<string>();
  private readonly controller = new AbortController();
  private ending?: Ending;
  private abortLibrary?: () => void;
  /** Resolves with the final record. */
  readonly done: Promise<ExecutionRecord>;
  /** Resolves once a resumed execution has caught up with its journal (at once for a fresh one). */
  readonly caughtUp: Promise<void>;
  private markCaughtUp!: () => void;

  constructor(
    readonly spec: StateMachineSpec,
    private readonly prepared: PreparedDefinition,
    readonly record: ExecutionRecord,
    private readonly deps: ExecutionDeps,
    resumed: boolean,
  ) {
    this.journal = new Journal(record.journal, spec.type === "STANDARD");
    this.caughtUp = new Promise((resolve) => (this.markCaughtUp = resolve));
    if (!resumed || !this.journal.replaying) this.markCaughtUp();
    this.history = new ExecutionHistory(record, {
      clock: deps.clock,
      stateTypes: prepared.stateTypes,
      onTransition: () => deps.countTransition(spec),
      onLimit: () => this.terminate({ status: "FAILED", error: "States.Runtime", cause: `The execution reached the maximum number of history events (${LIMITS.historyEvents}).` }),
      onOversized: (state) => this.terminate({ status: "FAILED", error: "States.DataLimitExceeded", cause: `The state/task '${state}' returned a result with a size exceeding the maximum number of bytes service limit.` }),
    });
    this.history.replaying = resumed && this.journal.replaying;
    this.done = this.run(resumed);
  }

  get clock(): ClockLike { return this.deps.clock; }
  get signal(): AbortSignal { return this.controller.signal; }
  get region(): string { return this.deps.region; }
  get integrations(): ServiceIntegrations { return this.deps.integrations; }
  get timeoutError(): () => Error { return this.deps.timeoutError; }

  park(token: string): ParkedTask {
    this.markCaughtUp();
    return this.deps.park(token, this);
  }
  startChild(arn: string, name: string | undefined, input: string): Promise<ExecutionRecord> {
    return this.deps.startChild(arn, name, input, this.record.executionArn);
  }
  finished(arn: string): Promise<ExecutionRecord> { return this.deps.finished(arn); }
  stopChild(arn: string): void { this.deps.stop(arn, "States.Aborted", "The parent execution ended"); }
  save(): void {
    if (!this.journal.replaying) this.markCaughtUp();
    this.deps.save(this.record);
  }

  /** Ends the execution now (StopExecution, a timeout, a broken limit); the first ending wins. */
  terminate(ending: Ending): void {
    if (this.ending || this.record.status !== "RUNNING") return;
    this.ending = ending;
    this.abortLibrary?.();
    this.controller.abort();
  }

  private context(): Record<string, unknown> {
    const { record, spec } = this;
    const tokens = this.mintedTokens;
    const volatile = this.volatileValues;
    const clock = this.deps.clock;
    return {
      Execution: { Id: record.executionArn, Name: record.name, RoleArn: spec.roleArn },
      StateMachine: { Id: spec.arn, Name: spec.name },
      // The library has no $$.State: EnteredTime reads the clock when a path is evaluated,
      // which for Parameters (evaluated as the state is entered) is the entered time.
      State: {
        get EnteredTime() {
          const entered = new Date(clock.now()).toISOString();
          volatile.add(entered);
          return entered;
        },
        RetryCount: 0,
      },
      // The library has no $$.Task.Token: each read of this getter mints a distinct token.
      Task: {
        get Token() {
          const token = mintToken(record.executionArn);
          tokens.add(token);
          return token;
        },
      },
    };
  }

  private async run(resumed: boolean): Promise<ExecutionRecord> {
    const { record, prepared } = this;
    if (!resumed) {
      this.history.add("ExecutionStarted", { executionStartedEventDetails: { input: record.input, inputDetails: { truncated: false }, roleArn: this.spec.roleArn } });
      this.deps.save(record);
    }
    const handlers: Record<string, (input: Json) => Promise<Json>> = {};
    for (const [name, state] of prepared.tasks) handlers[name] = taskHandler(this, name, state, false);
    for (const [name, state] of prepared.waits) handlers[name] = taskHandler(this, name, state, true);
    const machine = new StateMachine(prepared.definition as never, { validationOptions: { noValidate: true } });
    const execution = machine.run(JSON.parse(record.input) as Json, { overrides: { taskResourceLocalHandlers: handlers as never }, context: this.context() as never });
    this.abortLibrary = execution.abort;
    const consumed = this.history.consume(execution.eventLogs as AsyncGenerator<LibraryEvent>);
    const watchdog = this.watchDuration();
    let ending: Ending;
    try {
      const output = JSON.stringify((await execution.result) ?? null);
      ending = this.ending ?? (byteLength(output) > LIMITS.payloadBytes
        ? { status: "FAILED", error: "States.DataLimitExceeded", cause: "The execution output exceeds the maximum number of bytes service limit." }
        : { status: "SUCCEEDED" });
      if (ending.status === "SUCCEEDED") record.output = output;
    } catch (error) {
      const cause = (error as Error).cause as Error | undefined;
      ending = this.ending ?? { status: "FAILED", error: cause?.name ?? (error as Error).name, cause: cause?.message ?? (error as Error).message };
    }
    this.ending ??= ending;
    this.controller.abort();
    await consumed;
    await watchdog;
    this.close(ending);
    this.markCaughtUp();
    return record;
  }

  /** TimeoutSeconds of the machine, and EXPRESS's five minutes, on the clock. */
  private async watchDuration(): Promise<void> {
    const cap = this.spec.type === "EXPRESS" ? LIMITS.expressDurationMs : LIMITS.standardDurationMs;
    const declared = this.spec.definition.TimeoutSeconds;
    const limit = declared === undefined ? cap : Math.min(cap, declared * 1000);
    // An EXPRESS execution is short and compute-bound: its limit bounds run time (see runTimeLimitMs).
    const span = this.spec.type === "EXPRESS" ? runTimeLimitMs(this.clock, limit) : limit;
    await sleepUntil(this.clock, this.record.startDate + span, this.signal);
    if (!this.signal.aborted) this.terminate({ status: "TIMED_OUT", error: "States.Timeout", cause: `The execution ran longer than ${limit / 1000} seconds` });
  }

  private close(ending: Ending): void {
    const { record } = this;
    record.status = ending.status;
    record.stopDate = this.clock.now();
    const details = ending.error === undefined ? {} : { error: ending.error, cause: ending.cause };
    if (ending.status === "SUCCEEDED") {
      this.history.add("ExecutionSucceeded", { executionSucceededEventDetails: { output: record.output, outputDetails: { truncated: false } } }, true);
    } else {
      record.error = ending.error;
      record.cause = ending.cause;
      const type = { FAILED: "ExecutionFailed", TIMED_OUT: "ExecutionTimedOut", ABORTED: "ExecutionAborted" }[ending.status];
      const key = { FAILED: "executionFailedEventDetails", TIMED_OUT: "executionTimedOutEventDetails", ABORTED: "executionAbortedEventDetails" }[ending.status];
      this.history.add(type, { [key]: details }, true);
    }
    for (const token of Object.keys(record.tokens)) record.tokens[token] = "closed";
    this.deps.save(record);
  }
}
