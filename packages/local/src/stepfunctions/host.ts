import { TIMER_NO_LONGER_NEEDED } from "../clock";
import type { ExecutionHistory } from "./history";
import type { ServiceIntegrations } from "./integrations";
import type { Journal } from "./journal";
import type { ClockLike, ExecutionRecord, Json } from "./types";

/** A task waiting for SendTaskSuccess/Failure on its token. */
export interface ParkedTask {
  /** Resolves with the output sent by SendTaskSuccess; rejects with the SendTaskFailure error. */
  readonly result: Promise<Json>;
  /** Clock time of the last heartbeat (or of parking). */
  lastBeat: number;
  /** Closes the token: later sends get TaskTimedOut. */
  close(): void;
}

/** What a task runner needs from its execution and the engine. */
export interface TaskHost {
  readonly record: ExecutionRecord;
  readonly history: ExecutionHistory;
  readonly journal: Journal;
  readonly clock: ClockLike;
  readonly signal: AbortSignal;
  readonly region: string;
  readonly integrations: ServiceIntegrations;
  /** Tokens `$$.Task.Token` handed out in this execution. */
  readonly mintedTokens: Set<string>;
  /** Other context values that differ on replay (`$$.State.EnteredTime`): masked in journal keys like tokens. */
  readonly volatileValues: Set<string>;
  /** Registers an open token. */
  park(token: string): ParkedTask;
  /** StartExecution on behalf of this execution. */
  startChild(stateMachineArn: string, name: string | undefined, input: string): Promise<ExecutionRecord>;
  /** Resolves when a (child) execution ends. */
  finished(executionArn: string): Promise<ExecutionRecord>;
  stopChild(executionArn: string): void;
  /** Persists the record (STANDARD only). */
  save(): void;
  /** The library's own States.Timeout error class, so its Catch treats our timeouts as its own. */
  readonly timeoutError: () => Error;
}

/** Sleeps on the clock until `until`; resolves early (without error) if `signal` aborts. */
export async function sleepUntil(clock: ClockLike, until: number, signal: AbortSignal): Promise<void> {
  const ms = until - clock.now();
  if (ms <= 0 || signal.aborted) return;
  const local = new AbortController();
  const onAbort = () => local.abort();
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    await Promise.race([clock.sleep(ms, local.signal).catch(() => undefined), new Promise<void>((resolve) => local.signal.addEventListener("abort", () => resolve(), { once: true }))]);
  } finally {
    signal.removeEventListener("abort", onAbort);
    local.abort(TIMER_NO_LONGER_NEEDED);
  }
}

/** Settles as `work` does, or rejects with States.Aborted as soon as `signal` aborts. */
export function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(abortedError());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortedError());
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/** The error a task sees when its execution ends under it; no Retry or Catch applies. */
function abortedError(): Error {
  return Object.assign(new Error("Execution ended"), { name: "States.Aborted", isRetryable: false, isCatchable: false });
}
