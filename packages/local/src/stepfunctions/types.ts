export type { ClockLike, Resolver } from "../lambda/types";

export type StateMachineType = "STANDARD" | "EXPRESS";
export type ExecutionStatus = "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED";
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/**
 * An Amazon States Language state: the fields the local cloud reads or rewrites, typed;
 * every other field (Parameters, ResultPath, Catch, ...) passes through to the library
 * as it is.
 */
export interface AslState {
  Type: string;
  Resource?: string;
  TimeoutSeconds?: number;
  HeartbeatSeconds?: number;
  TimeoutSecondsPath?: string;
  HeartbeatSecondsPath?: string;
  Retry?: unknown[];
  /** Wait states. */
  Seconds?: number;
  Timestamp?: string;
  SecondsPath?: string;
  TimestampPath?: string;
  /** Map states (ItemProcessor, or the older Iterator) and Parallel states. */
  ItemProcessor?: AslDefinition;
  Iterator?: AslDefinition;
  Branches?: AslDefinition[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the passed-through fields are untyped ASL JSON, and the definition tests read them unnarrowed
  [key: string]: any;
}
export type AslDefinition = { StartAt: string; States: Record<string, AslState>; TimeoutSeconds?: number; [key: string]: unknown };

/** AWS's limits, kept locally. */
export const LIMITS = {
  /** Bytes (UTF-8) of an execution input, a state's input or output, a task result. */
  payloadBytes: 262_144,
  /** Events in a STANDARD execution's history. */
  historyEvents: 25_000,
  /** Duration of an EXPRESS execution, in milliseconds. */
  expressDurationMs: 5 * 60_000,
  /** Duration of a STANDARD execution, in milliseconds (one year). */
  standardDurationMs: 365 * 24 * 3600_000,
} as const;

export interface StateMachineSpec {
  arn: string;
  name: string;
  type: StateMachineType;
  definition: AslDefinition;
  roleArn: string;
  /** Epoch milliseconds. */
  creationDate: number;
}

/** One event of an execution's history, as GetExecutionHistory returns it (timestamp in epoch ms here). */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: number;
  type: string;
  [details: string]: unknown;
}

/**
 * The outcome of one task, in the order the execution met it: what lets a restarted
 * local cloud replay a STANDARD execution to where it stopped without re-running
 * finished tasks. `key` is the state name and a hash of its effective input.
 */
export type JournalEntry =
  | { key: string; status: "succeeded"; output: Json }
  | { key: string; status: "failed"; error: string; cause: string }
  | { key: string; status: "parked"; token: string; since: number }
  | { key: string; status: "waiting"; until: number };

export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  type: StateMachineType;
  status: ExecutionStatus;
  /** JSON text, as the API returns it. */
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  /** Epoch milliseconds on the shared clock. */
  startDate: number;
  stopDate?: number;
  history: HistoryEvent[];
  journal: JournalEntry[];
  /** Tokens this execution handed out, with whether each is still open. */
  tokens: Record<string, "open" | "closed">;
  /** The execution that started this one through `states:startExecution`, if any. */
  parentExecutionArn?: string;
}

/**
 * The error a state fails with: `name` is the Step Functions error name
 * ("States.Timeout", "InputError"), `message` its cause, so the library's Retry/Catch
 * matching and ExecutionFailed see what AWS would show.
 */
export class StatesError extends Error {
  constructor(name: string, cause: string) {
    super(cause);
    this.name = name;
  }
}

/** A terminal error (States.DataLimitExceeded, States.Runtime): no Retry or Catch applies, as on AWS. */
export class TerminalStatesError extends StatesError {
  get isRetryable(): boolean {
    return false;
  }
  get isCatchable(): boolean {
    return false;
  }
}

export function byteLength(text: string): number {
  return Buffer.byteLength(text, "utf8");
}
