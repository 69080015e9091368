import { LIMITS, byteLength, type ClockLike, type ExecutionRecord, type HistoryEvent, type Json } from "./types";

/** An event of the library's event stream (aws-local-stepfunctions `EventLog`). */
export interface LibraryEvent {
  type: string;
  state?: { name: string; type: string; input: Json; output?: Json };
  parentState?: { name: string; type: string; input: Json };
  index?: number;
}

export interface HistoryOptions {
  clock: ClockLike;
  /** Original state types (Wait states run as local Tasks). */
  stateTypes: Map<string, string>;
  /** Counts transitions for the cost projection. */
  onTransition: () => void;
  /** Called once when a STANDARD history would pass 25,000 events. */
  onLimit: () => void;
  /** Called when a state's output passes 256 KiB. */
  onOversized: (stateName: string) => void;
}

function inputOf(value: Json | undefined): { input: string; inputDetails: { truncated: false } } {
  return { input: JSON.stringify(value ?? null), inputDetails: { truncated: false } };
}

/**
 * The Step Functions history of one execution. The library reports its own event
 * stream (StateEntered, StateExited, MapIterationStarted, ...); this turns it into
 * AWS's event types (TaskStateEntered, MapStateStarted, ...). Task events
 * (TaskScheduled ... TaskSucceeded) are added by the task runner, which first waits
 * for its state's entry to be recorded here, so the two streams stay in order.
 */
export class ExecutionHistory {
  private readonly entered = new Map<string, number>();
  private readonly waiters = new Map<string, (() => void)[]>();
  private limitReached = false;
  /** While true (replaying a resumed execution) library events are not recorded again. */
  replaying = false;

  constructor(
    private readonly record: ExecutionRecord,
    private readonly options: HistoryOptions,
  ) {}

  get length(): number {
    return this.record.history.length;
  }

  /** Appends an event; non-terminal events stop at the STANDARD limit, leaving room for the terminal one. */
  add(type: string, details: Record<string, unknown> = {}, terminal = false): void {
    const events = this.record.history;
    if (!terminal && this.record.type === "STANDARD" && events.length >= LIMITS.historyEvents - 1) {
      if (!this.limitReached) {
        this.limitReached = true;
        this.options.onLimit();
      }
      return;
    }
    const id = events.length + 1;
    const event: HistoryEvent = { id, previousEventId: id - 1, timestamp: this.options.clock.now(), type, ...details };
    events.push(event);
  }

  /** Resolves once the library's StateEntered for `stateName` has been recorded (claims one entry). */
  waitEntered(stateName: string): Promise<void> {
    const count = this.entered.get(stateName) ?? 0;
    if (count > 0) {
      this.entered.set(stateName, count - 1);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const list = this.waiters.get(stateName) ?? [];
      list.push(resolve);
      this.waiters.set(stateName, list);
    });
  }

  private markEntered(stateName: string): void {
    const waiting = this.waiters.get(stateName);
    const next = waiting?.shift();
    if (next) next();
    else this.entered.set(stateName, (this.entered.get(stateName) ?? 0) + 1);
  }

  /** Consumes the library's event stream until the execution ends. */
  async consume(events: AsyncGenerator<LibraryEvent>): Promise<void> {
    for await (const event of events) {
      if (!this.replaying) this.translate(event);
      if (event.type === "StateEntered" && event.state) {
        this.options.onTransition();
        this.markEntered(event.state.name);
      }
    }
  }

  private translate(event: LibraryEvent): void {
    const state = event.state;
    const type = state ? (this.options.stateTypes.get(state.name) ?? state.type) : undefined;
    switch (event.type) {
      case "StateEntered":
        this.add(`${type}StateEntered`, { stateEnteredEventDetails: { name: state!.name, ...inputOf(state!.input) } });
        if (type === "Map") this.add("MapStateStarted", { mapStateStartedEventDetails: { length: mapLength(state!.input) } });
        if (type === "Parallel") this.add("ParallelStateStarted");
        break;
      case "StateExited": {
        const output = JSON.stringify(state!.output ?? null);
        if (byteLength(output) > LIMITS.payloadBytes) this.options.onOversized(state!.name);
        if (type === "Map") this.add("MapStateSucceeded");
        if (type === "Parallel") this.add("ParallelStateSucceeded");
        this.add(`${type}StateExited`, { stateExitedEventDetails: { name: state!.name, output, outputDetails: { truncated: false } } });
        break;
      }
      case "StateFailed":
        if (type === "Map") this.add("MapStateFailed");
        if (type === "Parallel") this.add("ParallelStateFailed");
        break;
      case "MapIterationStarted":
      case "MapIterationSucceeded":
      case "MapIterationFailed": {
        const key = `${event.type[0].toLowerCase()}${event.type.slice(1)}EventDetails`;
        this.add(event.type, { [key]: { name: event.parentState?.name, index: event.index } });
        break;
      }
      default:
        // ExecutionStarted/Succeeded/Failed are recorded by the execution itself;
        // StateRetried/StateCaught and ParallelBranch* have no AWS event.
        break;
    }
  }
}

/** The item count a Map state reports in MapStateStarted: its input array or the first array field. */
function mapLength(input: Json): number {
  if (Array.isArray(input)) return input.length;
  if (input && typeof input === "object") {
    for (const value of Object.values(input)) if (Array.isArray(value)) return value.length;
  }
  return 0;
}
