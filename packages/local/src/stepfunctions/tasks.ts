import { TIMER_NO_LONGER_NEEDED } from "../clock";
import { type TaskHost, raceAbort, sleepUntil } from "./host";
import { journalKey } from "./journal";
import { parseResource, type ParsedResource } from "./integrations";
import { perform, reattachToken } from "./perform";
import { runTimeLimitMs } from "../lambda/types";
import { LIMITS, StatesError, TerminalStatesError, byteLength, type AslState, type Json, type JournalEntry } from "./types";

type Retrier = { ErrorEquals: string[]; IntervalSeconds?: number; MaxAttempts?: number; BackoffRate?: number; MaxDelaySeconds?: number; JitterStrategy?: "FULL" | "NONE" };
const TERMINAL = new Set(["States.DataLimitExceeded", "States.Runtime"]);

/** Whether a Retry/Catch ErrorEquals list matches an error name, with AWS's wildcard rules. */
export function errorMatches(errorEquals: string[], name: string): boolean {
  return errorEquals.some((wanted) => {
    if (wanted === name) return true;
    if (TERMINAL.has(name)) return false;
    if (wanted === "States.ALL") return true;
    return wanted === "States.TaskFailed" && name !== "States.Timeout" && name !== "States.HeartbeatTimeout";
  });
}

/** Milliseconds before retry `attempt` (0-based) of a retrier: interval × rate^attempt, capped, optionally full jitter. */
export function retryDelayMs(retrier: Retrier, attempt: number, random = Math.random): number {
  const base = (retrier.IntervalSeconds ?? 1) * (retrier.BackoffRate ?? 2) ** attempt;
  const capped = retrier.MaxDelaySeconds === undefined ? base : Math.min(base, retrier.MaxDelaySeconds);
  return (retrier.JitterStrategy === "FULL" ? random() * capped : capped) * 1000;
}

function text(value: Json | undefined): string {
  return JSON.stringify(value ?? null);
}

function eventNames(parsed: ParsedResource): { prefix: string; details: (kind: string) => string; base: Record<string, unknown> } {
  if (parsed.kind === "lambda-arn") {
    return { prefix: "LambdaFunction", details: (kind) => `lambdaFunction${kind}EventDetails`, base: {} };
  }
  return { prefix: "Task", details: (kind) => `task${kind}EventDetails`, base: { resourceType: parsed.resourceType, resource: parsed.resource } };
}

/** A request-response task bounds run time (see runTimeLimitMs); a callback or .sync task bounds waiting. */
function timeoutSpanMs(host: TaskHost, parsed: ParsedResource, timeoutSeconds: number): number {
  return parsed.pattern === "request" && parsed.kind !== "wait" ? runTimeLimitMs(host.clock, timeoutSeconds * 1000) : timeoutSeconds * 1000;
}

/** One attempt with its history events and the task's TimeoutSeconds on the clock. */
async function attempt(host: TaskHost, stateName: string, state: AslState, parsed: ParsedResource, input: Json, key: string): Promise<Json> {
  const names = eventNames(parsed);
  const timeout = state.TimeoutSeconds as number | undefined;
  if (parsed.kind === "lambda-arn") {
    host.history.add("LambdaFunctionScheduled", { [names.details("Scheduled")]: { resource: parsed.resource, input: text(input), inputDetails: { truncated: false }, timeoutInSeconds: timeout } });
    host.history.add("LambdaFunctionStarted");
  } else {
    const scheduled = { ...names.base, region: host.region, parameters: text(input), timeoutInSeconds: timeout, heartbeatInSeconds: state.HeartbeatSeconds };
    host.history.add("TaskScheduled", { [names.details("Scheduled")]: scheduled });
    host.history.add("TaskStarted", { [names.details("Started")]: names.base });
  }
  const stopTimer = new AbortController();
  try {
    const work = perform(host, stateName, state, parsed, input, key);
    const timer = timeout
      ? sleepUntil(host.clock, host.clock.now() + timeoutSpanMs(host, parsed, timeout), stopTimer.signal).then(() => {
          if (stopTimer.signal.aborted) return new Promise<never>(() => undefined);
          const error = host.timeoutError();
          error.message = `Task timed out after ${timeout} seconds`;
          throw error;
        })
      : new Promise<never>(() => undefined);
    work.catch(() => undefined);
    const output = await raceAbort(Promise.race([work, timer]), host.signal);
    const body = text(output);
    if (byteLength(body) > LIMITS.payloadBytes) {
      throw new TerminalStatesError("States.DataLimitExceeded", `The state/task '${stateName}' returned a result with a size exceeding the maximum number of bytes service limit.`);
    }
    host.history.add(`${names.prefix}Succeeded`, { [names.details("Succeeded")]: { ...names.base, output: body, outputDetails: { truncated: false } } });
    return output;
  } catch (error) {
    const { name, message } = error as Error;
    if (name !== "States.Aborted") {
      const kind = name === "States.Timeout" || name === "States.HeartbeatTimeout" ? "TimedOut" : "Failed";
      host.history.add(`${names.prefix}${kind}`, { [names.details(kind)]: { ...names.base, error: name, cause: message } });
    }
    throw error;
  } finally {
    stopTimer.abort(TIMER_NO_LONGER_NEEDED);
  }
}

/** Runs attempts until one succeeds or no retrier applies (the first retrier matching the error decides). */
async function runWithRetry(host: TaskHost, stateName: string, state: AslState, parsed: ParsedResource, input: Json, key: string): Promise<Json> {
  const retriers = (state.Retry ?? []) as Retrier[];
  const attempts = retriers.map(() => 0);
  for (;;) {
    try {
      const output = await attempt(host, stateName, state, parsed, input, key);
      host.journal.append({ key, status: "succeeded", output });
      host.save();
      return output;
    } catch (error) {
      const { name, message } = error as Error;
      if (host.signal.aborted || name === "States.Aborted") throw error;
      const index = retriers.findIndex((r) => errorMatches(r.ErrorEquals, name));
      const retrier = retriers[index];
      if (retrier && !(error instanceof TerminalStatesError) && attempts[index] < (retrier.MaxAttempts ?? 3)) {
        await sleepUntil(host.clock, host.clock.now() + retryDelayMs(retrier, attempts[index]), host.signal);
        attempts[index]++;
        continue;
      }
      host.journal.append({ key, status: "failed", error: name, cause: message });
      host.save();
      throw error;
    }
  }
}

/** A converted Wait state: sleeps on the clock, then passes its input on. */
async function runWait(host: TaskHost, state: AslState, input: Json, key: string, until?: number): Promise<Json> {
  const args = input as { input: Json; seconds?: number; timestamp?: string };
  if (until === undefined) {
    if (state.Seconds !== undefined) until = host.clock.now() + state.Seconds * 1000;
    else if (args.seconds !== undefined) until = host.clock.now() + Number(args.seconds) * 1000;
    else until = Date.parse(String(state.Timestamp ?? args.timestamp));
    if (!Number.isFinite(until)) throw new StatesError("States.Runtime", "Wait state has no valid Seconds or Timestamp");
  }
  const entry = host.journal.append({ key, status: "waiting", until });
  host.save();
  await raceAbort(sleepUntil(host.clock, until, host.signal), host.signal);
  host.journal.remove(entry);
  host.journal.append({ key, status: "succeeded", output: args.input });
  return args.input;
}

async function replay(host: TaskHost, stateName: string, state: AslState, parsed: ParsedResource, input: Json, key: string, entry: JournalEntry): Promise<Json> {
  if (entry.status === "succeeded") return entry.output;
  if (entry.status === "failed") throw entry.error === "States.Timeout" ? Object.assign(host.timeoutError(), { message: entry.cause }) : new StatesError(entry.error, entry.cause);
  host.history.replaying = false;
  host.journal.endReplay();
  if (entry.status === "waiting") {
    host.journal.remove(entry);
    return runWait(host, state, input, key, entry.until);
  }
  host.journal.remove(entry);
  const parked = host.journal.append(entry);
  try {
    const output = await reattachToken(host, state, entry.token);
    host.journal.remove(parked);
    host.journal.append({ key, status: "succeeded", output });
    host.history.add(parsed.kind === "lambda-arn" ? "LambdaFunctionSucceeded" : "TaskSucceeded", { taskSucceededEventDetails: { resourceType: parsed.resourceType, resource: parsed.resource, output: text(output) } });
    host.save();
    return output;
  } catch (error) {
    host.journal.remove(parked);
    throw error;
  }
}

/** The library's local handler for one Task (or converted Wait) state. */
export function taskHandler(host: TaskHost, stateName: string, state: AslState, isWait: boolean): (input: Json) => Promise<Json> {
  const parsed = isWait ? parseResource(stateName, "arn:aws:states:::local:wait") : parseResource(stateName, String(state.Resource));
  return async (input) => {
    await host.history.waitEntered(stateName);
    const key = host.journal.kept ? journalKey(stateName, isWait ? (input as { input: Json }).input : input, [...host.mintedTokens, ...host.volatileValues]) : "";
    if (host.journal.replaying) {
      const entry = host.journal.next(key);
      host.history.replaying = host.journal.replaying;
      if (entry) return replay(host, stateName, state, parsed, input, key, entry);
    }
    if (isWait) return runWait(host, state, input, key);
    return runWithRetry(host, stateName, state, parsed, input, key);
  };
}
