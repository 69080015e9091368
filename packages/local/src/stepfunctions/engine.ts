import "./polyfill";
import { randomUUID } from "node:crypto";
import { StateMachine } from "aws-local-stepfunctions";
import { AwsServiceError } from "../protocol";
import { prepareDefinition, validateDefinition, type PreparedDefinition } from "./definition";
import { ExecutionRun, tokenExecutionArn, type ExecutionDeps } from "./execution";
import type { ParkedTask } from "./host";
import type { ServiceIntegrations } from "./integrations";
import { parseResource } from "./integrations";
import { MemoryExecutionStore, type ExecutionStore } from "./store";
import { LIMITS, StatesError, byteLength, type ClockLike, type ExecutionRecord, type Json, type StateMachineSpec } from "./types";

export interface LocalStepFunctionsOptions {
  clock: ClockLike;
  integrations: ServiceIntegrations;
  /** Where STANDARD executions are kept for a restart (default: in memory). */
  store?: ExecutionStore;
  region?: string;
  account?: string;
  /** Finished EXPRESS executions kept in memory for local inspection: at most this many (default 200), */
  expressRetention?: number;
  /**
   * and at most this much of their text, inputs, outputs and the data in their
   * histories (default EXPRESS_RETENTION_CHARS), the oldest let go first.
   */
  expressRetentionChars?: number;
}

/**
 * The text of finished EXPRESS executions kept for inspection. A busy match day runs
 * twenty a second, a batch of ten ticks' carrying half a megabyte of JSON in its
 * history: two hundred of them (45 MB) kept the local cloud's old generation growing by
 * megabytes a second, and its major collections (pauses of 40-70 ms, and 90-170 ms of
 * marking steps besides; three in 25 s) stalled every execution under way
 * (BENCHMARKS.md, "Pipeline"). On AWS an Express execution's history is in its logs,
 * not in the service.
 */
export const EXPRESS_RETENTION_CHARS = 8 * 2 ** 20;

/** The characters of JSON an execution record holds: its input and output, and each history event's data. */
function recordText(record: ExecutionRecord): number {
  let chars = record.input.length + (record.output?.length ?? 0);
  for (const event of record.history) {
    for (const value of Object.values(event)) {
      if (value === null || typeof value !== "object") continue;
      const { input, output } = value as { input?: unknown; output?: unknown };
      if (typeof input === "string") chars += input.length;
      if (typeof output === "string") chars += output.length;
    }
  }
  return chars;
}

/** Counted use, for the cost projection. */
export interface StepFunctionsUsage {
  standardExecutions: number;
  /** State transitions of STANDARD executions (billed per 1,000). */
  standardTransitions: number;
  expressRequests: number;
  /** Clock milliseconds EXPRESS executions ran (billed per GB-s at 64 MB minimum). */
  expressDurationMs: number;
}

// eslint-disable-next-line no-control-regex -- AWS execution names exclude the control characters U+0000-U+001F, so the class names them
const NAME = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]{1,80}$/;
type OpenToken = { resolve: (output: Json) => void; reject: (error: Error) => void; parked: ParkedTask; run: ExecutionRun };

/** Gets the library's States.Timeout class (not exported) by letting a 1 ms task time out once. */
async function libraryTimeoutErrorClass(): Promise<new () => Error> {
  const probe = new StateMachine(
    { StartAt: "T", States: { T: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:000000000000:function:probe", TimeoutSeconds: 0.001, End: true } } } as never,
    { validationOptions: { noValidate: true } },
  );
  const run = probe.run(null, { overrides: { taskResourceLocalHandlers: { T: () => new Promise((resolve) => setTimeout(() => resolve(null), 20)) } } });
  try {
    await run.result;
  } catch (error) {
    const cause = (error as Error).cause;
    if (cause instanceof Error && cause.name === "States.Timeout") return cause.constructor as new () => Error;
  }
  return class extends StatesError {
    constructor() {
      super("States.Timeout", "States.Timeout");
    }
  };
}

/**
 * The local Step Functions: state machines from the template run on
 * aws-local-stepfunctions, with Task states wired to local services, every timer on
 * the shared clock, and AWS's rules for names, payloads, history and durations.
 */
export class LocalStepFunctions {
  private readonly machines = new Map<string, { spec: StateMachineSpec; prepared: PreparedDefinition }>();
  private readonly records = new Map<string, ExecutionRecord>();
  private readonly runs = new Map<string, ExecutionRun>();
  private readonly open = new Map<string, OpenToken>();
  /** Finished EXPRESS executions still kept, oldest first, with their text's length; and the sum of those. */
  private readonly expressDone: Array<{ arn: string; chars: number }> = [];
  private expressChars = 0;
  private readonly store: ExecutionStore;
  private readonly timeoutClass = libraryTimeoutErrorClass();
  readonly region: string;
  readonly account: string;
  readonly usage: StepFunctionsUsage = { standardExecutions: 0, standardTransitions: 0, expressRequests: 0, expressDurationMs: 0 };

  constructor(private readonly options: LocalStepFunctionsOptions) {
    this.store = options.store ?? new MemoryExecutionStore();
    this.region = options.region ?? "us-east-1";
    this.account = options.account ?? "000000000000";
  }

  /** Registers a state machine; its definition is validated and every Task resource checked. */
  addStateMachine(spec: StateMachineSpec): void {
    validateDefinition(spec.name, spec.definition);
    const prepared = prepareDefinition(spec.definition);
    for (const [name, state] of prepared.tasks) parseResource(name, String(state.Resource));
    this.machines.set(spec.arn, { spec, prepared });
  }

  stateMachines(): StateMachineSpec[] {
    return [...this.machines.values()].map((m) => m.spec);
  }

  stateMachine(arn: string): StateMachineSpec {
    const machine = this.machines.get(arn);
    if (!machine) throw new AwsServiceError("StateMachineDoesNotExist", `State Machine Does Not Exist: '${arn}'`);
    return machine.spec;
  }

  execution(arn: string): ExecutionRecord {
    const record = this.records.get(arn);
    if (!record) throw new AwsServiceError("ExecutionDoesNotExist", `Execution Does Not Exist: '${arn}'`);
    return record;
  }

  /** Executions of one state machine, newest first. */
  executions(stateMachineArn: string): ExecutionRecord[] {
    return [...this.records.values()].filter((r) => r.stateMachineArn === stateMachineArn).sort((a, b) => b.startDate - a.startDate);
  }

  /** Resolves when the execution ends. */
  finished(arn: string): Promise<ExecutionRecord> {
    const run = this.runs.get(arn);
    return run ? run.done : Promise.resolve(this.execution(arn));
  }

  /** StartExecution: STANDARD names are unique per machine (same name and input while running returns the running one). */
  async startExecution(request: { stateMachineArn: string; name?: string; input?: string }, parentExecutionArn?: string): Promise<ExecutionRecord> {
    this.stateMachine(request.stateMachineArn);
    const { spec, prepared } = this.machines.get(request.stateMachineArn)!;
    const input = request.input ?? "{}";
    if (byteLength(input) > LIMITS.payloadBytes) {
      throw new AwsServiceError("ValidationException", `1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have length less than or equal to ${LIMITS.payloadBytes}`);
    }
    try {
      JSON.parse(input);
    } catch {
      throw new AwsServiceError("InvalidExecutionInput", "Invalid State Machine Execution Input: the input is not valid JSON");
    }
    const name = request.name ?? randomUUID();
    if (!NAME.test(name)) throw new AwsServiceError("InvalidName", `Invalid Name: '${name}'`);
    const stem = `arn:aws:states:${this.region}:${this.account}`;
    const executionArn = spec.type === "STANDARD" ? `${stem}:execution:${spec.name}:${name}` : `${stem}:express:${spec.name}:${name}:${randomUUID()}`;
    const existing = this.records.get(executionArn);
    if (existing) {
      if (existing.status === "RUNNING" && existing.input === input) return existing;
      throw new AwsServiceError("ExecutionAlreadyExists", `Execution Already Exists: '${executionArn}'`);
    }
    const timeoutClass = await this.timeoutClass;
    const record: ExecutionRecord = {
      executionArn, stateMachineArn: spec.arn, name, type: spec.type, status: "RUNNING", input,
      startDate: this.options.clock.now(), history: [], journal: [], tokens: {}, parentExecutionArn,
    };
    this.records.set(executionArn, record);
    if (spec.type === "STANDARD") this.usage.standardExecutions++;
    else this.usage.expressRequests++;
    this.launch(spec, prepared, record, false, () => new timeoutClass());
    return record;
  }

  /** StartSyncExecution (EXPRESS only): runs to the end and returns the final record. */
  async startSyncExecution(request: { stateMachineArn: string; name?: string; input?: string }): Promise<ExecutionRecord> {
    if (this.stateMachine(request.stateMachineArn).type !== "EXPRESS") {
      throw new AwsServiceError("StateMachineTypeNotSupported", "This operation is not supported by this type of state machine");
    }
    const record = await this.startExecution(request);
    return this.finished(record.executionArn);
  }

  /** StopExecution: aborts a running execution (ABORTED, with the given error and cause). */
  async stopExecution(arn: string, error?: string, cause?: string): Promise<ExecutionRecord> {
    const record = this.execution(arn);
    const run = this.runs.get(arn);
    if (record.status !== "RUNNING" || !run) return record;
    run.terminate({ status: "ABORTED", error, cause });
    return run.done;
  }

  sendTaskSuccess(token: string, output: string): Promise<void> {
    return this.withOpenToken(token, (open) => {
      let value: Json;
      try {
        value = JSON.parse(output) as Json;
      } catch {
        throw new AwsServiceError("InvalidOutput", "Invalid Output: the output is not valid JSON");
      }
      if (byteLength(output) > LIMITS.payloadBytes) throw new AwsServiceError("ValidationException", `Output exceeds ${LIMITS.payloadBytes} bytes`);
      open.resolve(value);
    });
  }

  sendTaskFailure(token: string, error = "", cause = ""): Promise<void> {
    return this.withOpenToken(token, (open) => open.reject(new StatesError(error, cause)));
  }

  sendTaskHeartbeat(token: string): Promise<void> {
    return this.withOpenToken(token, (open) => void (open.parked.lastBeat = this.options.clock.now()));
  }

  /**
   * Re-attaches the store's RUNNING STANDARD executions after a restart: each is run
   * again from its input, finished tasks answered from its journal (not re-invoked),
   * open task tokens parked again under the same token and Wait states resumed at
   * their original end time. Resolves with their ARNs once all have caught up.
   */
  async resume(): Promise<string[]> {
    const timeoutClass = await this.timeoutClass;
    const resumed: ExecutionRun[] = [];
    for (const record of await this.store.load()) {
      if (this.records.has(record.executionArn)) continue;
      this.records.set(record.executionArn, record);
      const machine = this.machines.get(record.stateMachineArn);
      if (record.status !== "RUNNING" || record.type !== "STANDARD" || !machine) continue;
      resumed.push(this.launch(machine.spec, machine.prepared, record, true, () => new timeoutClass()));
    }
    await Promise.all(resumed.map((run) => run.caughtUp));
    return resumed.map((run) => run.record.executionArn);
  }

  /** Stops running executions without closing them (they stay RUNNING in the store) and flushes the store. */
  async shutdown(): Promise<void> {
    const runs = [...this.runs.values()];
    for (const run of runs) if (run.spec.type === "STANDARD") this.store.save(JSON.parse(JSON.stringify(run.record)) as ExecutionRecord);
    this.detached = true;
    for (const run of runs) run.terminate({ status: "ABORTED", error: "States.Aborted", cause: "The local cloud stopped" });
    await Promise.allSettled(runs.map((run) => run.done));
    await this.store.flush();
  }

  private detached = false;

  private launch(spec: StateMachineSpec, prepared: PreparedDefinition, record: ExecutionRecord, resumed: boolean, timeoutError: () => Error): ExecutionRun {
    const run = new ExecutionRun(spec, prepared, record, this.deps(timeoutError), resumed);
    this.runs.set(record.executionArn, run);
    void run.done.finally(() => this.retire(run));
    return run;
  }

  private retire(run: ExecutionRun): void {
    this.runs.delete(run.record.executionArn);
    if (run.spec.type !== "EXPRESS") return;
    this.usage.expressDurationMs += (run.record.stopDate ?? run.record.startDate) - run.record.startDate;
    const chars = recordText(run.record);
    this.expressDone.push({ arn: run.record.executionArn, chars });
    this.expressChars += chars;
    const count = this.options.expressRetention ?? 200;
    const budget = this.options.expressRetentionChars ?? EXPRESS_RETENTION_CHARS;
    // The latest is kept whatever its size, so a finished execution can always be described once.
    while (this.expressDone.length > count || (this.expressChars > budget && this.expressDone.length > 1)) {
      const oldest = this.expressDone.shift()!;
      this.expressChars -= oldest.chars;
      this.records.delete(oldest.arn);
    }
  }

  private deps(timeoutError: () => Error): ExecutionDeps {
    return {
      clock: this.options.clock,
      region: this.region,
      integrations: this.options.integrations,
      timeoutError,
      park: (token, run) => this.park(token, run),
      startChild: async (arn, name, input, parentArn) => {
        try {
          return await this.startExecution({ stateMachineArn: arn, name, input }, parentArn);
        } catch (error) {
          if (!(error instanceof AwsServiceError)) throw error;
          throw new StatesError(`StepFunctions.${error.type.replace(/(Exception)?$/, "Exception")}`, error.message);
        }
      },
      finished: (arn) => this.finished(arn),
      stop: (arn, error, cause) => void this.stopExecution(arn, error, cause).catch(() => undefined),
      save: (record) => {
        if (record.type === "STANDARD" && !this.detached) this.store.save(record);
      },
      countTransition: (spec) => {
        if (spec.type === "STANDARD") this.usage.standardTransitions++;
      },
    };
  }

  private park(token: string, run: ExecutionRun): ParkedTask {
    let resolve!: (output: Json) => void;
    let reject!: (error: Error) => void;
    const result = new Promise<Json>((res, rej) => ((resolve = res), (reject = rej)));
    run.record.tokens[token] = "open";
    const parked: ParkedTask = {
      result,
      lastBeat: this.options.clock.now(),
      close: () => {
        if (this.open.get(token)?.parked === parked) this.open.delete(token);
        if (!this.detached) run.record.tokens[token] = "closed";
      },
    };
    this.open.set(token, { resolve, reject, parked, run });
    return parked;
  }

  private async withOpenToken(token: string, act: (open: OpenToken) => void): Promise<void> {
    let open = this.open.get(token);
    const arn = tokenExecutionArn(token);
    if (!open && arn && this.runs.get(arn)) {
      await this.runs.get(arn)!.caughtUp;
      open = this.open.get(token);
    }
    if (open) return act(open);
    if (!arn) throw new AwsServiceError("InvalidToken", "Invalid Token: the task token is malformed");
    if (this.records.get(arn)?.tokens[token]) throw new AwsServiceError("TaskTimedOut", "Task Timed Out: the task has timed out or its execution has closed");
    throw new AwsServiceError("TaskDoesNotExist", "Task Does Not Exist");
  }
}
