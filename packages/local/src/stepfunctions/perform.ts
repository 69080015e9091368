import { TIMER_NO_LONGER_NEEDED } from "../clock";
import { type ParkedTask, type TaskHost, raceAbort, sleepUntil } from "./host";
import { callService, invokeLambda, lambdaInvokeResult, type ParsedResource } from "./integrations";
import { StatesError, type AslState, type Json } from "./types";

function text(value: Json | undefined): string {
  return JSON.stringify(value ?? null);
}

/** The token `$$.Task.Token` put into this task's Parameters. */
function tokenIn(host: TaskHost, stateName: string, input: Json): string {
  const body = text(input);
  for (const token of host.mintedTokens) if (body.includes(token)) return token;
  throw new StatesError("States.Runtime", `State ${stateName} uses .waitForTaskToken but its Parameters do not pass $$.Task.Token`);
}

/**
 * Waits for SendTaskSuccess/Failure on `token`, failing with States.HeartbeatTimeout
 * when HeartbeatSeconds pass on the clock without SendTaskHeartbeat.
 */
export async function awaitToken(host: TaskHost, token: string, heartbeatSeconds: number | undefined, parked = host.park(token)): Promise<Json> {
  const done = new AbortController();
  try {
    if (!heartbeatSeconds) return await raceAbort(parked.result, host.signal);
    let settled = false;
    const result = parked.result.finally(() => (settled = true));
    result.catch(() => undefined);
    for (;;) {
      const due = parked.lastBeat + heartbeatSeconds * 1000;
      await raceAbort(Promise.race([result, sleepUntil(host.clock, due, done.signal)]), host.signal);
      if (settled) return await result;
      if (host.clock.now() >= parked.lastBeat + heartbeatSeconds * 1000) {
        throw new StatesError("States.HeartbeatTimeout", `No heartbeat within ${heartbeatSeconds} seconds`);
      }
    }
  } finally {
    done.abort(TIMER_NO_LONGER_NEEDED);
    parked.close();
  }
}

/** After the request of a .waitForTaskToken task: TaskSubmitted, then the parked token. */
async function submitAndPark(host: TaskHost, parsed: ParsedResource, state: AslState, token: OpenToken, submitted: Json, key: string): Promise<Json> {
  host.history.add("TaskSubmitted", { taskSubmittedEventDetails: { resourceType: parsed.resourceType, resource: parsed.resource, output: text(submitted), outputDetails: { truncated: false } } });
  const entry = host.journal.append({ key, status: "parked", token: token.token, since: host.clock.now() });
  host.save();
  try {
    return await awaitToken(host, token.token, state.HeartbeatSeconds, token.parked);
  } finally {
    host.journal.remove(entry);
  }
}

/** Resumes a task whose token was open when the local cloud stopped. */
export function reattachToken(host: TaskHost, state: AslState, token: string): Promise<Json> {
  return awaitToken(host, token, state.HeartbeatSeconds);
}

async function startExecutionTask(host: TaskHost, parsed: ParsedResource, state: AslState, params: Record<string, Json>, key: string, token?: OpenToken): Promise<Json> {
  const input = typeof params.Input === "string" ? params.Input : text(params.Input ?? {});
  const child = await host.startChild(String(params.StateMachineArn), params.Name === undefined ? undefined : String(params.Name), input);
  const started: Json = { ExecutionArn: child.executionArn, StartDate: child.startDate };
  if (parsed.pattern === "request") return started;
  if (parsed.pattern === "token") return submitAndPark(host, parsed, state, token!, started, key);
  host.history.add("TaskSubmitted", { taskSubmittedEventDetails: { resourceType: parsed.resourceType, resource: parsed.resource, output: text(started), outputDetails: { truncated: false } } });
  let end;
  try {
    end = await raceAbort(host.finished(child.executionArn), host.signal);
  } catch (error) {
    host.stopChild(child.executionArn);
    throw error;
  }
  const parse = (value: string | undefined) => (parsed.pattern === "sync2" && value !== undefined ? (JSON.parse(value) as Json) : (value ?? null));
  const described: Record<string, Json> = {
    ExecutionArn: end.executionArn,
    Input: parse(end.input),
    InputDetails: { Included: true },
    Name: end.name,
    StartDate: end.startDate,
    StateMachineArn: end.stateMachineArn,
    Status: end.status,
    StopDate: end.stopDate ?? null,
  };
  if (end.status === "SUCCEEDED") return { ...described, Output: parse(end.output), OutputDetails: { Included: true } };
  throw new StatesError("States.TaskFailed", JSON.stringify({ ...described, Error: end.error ?? null, Cause: end.cause ?? null }));
}

/** A .waitForTaskToken task's token, open from before its request is made. */
type OpenToken = { token: string; parked: ParkedTask };

/**
 * Runs one attempt of a Task's integration (without events, retries or timeout). A
 * .waitForTaskToken task's token is open before the request goes out, as on AWS: the
 * function it invokes may hand the token on, and SendTaskSuccess may arrive before the
 * invocation returns.
 */
export async function perform(host: TaskHost, stateName: string, state: AslState, parsed: ParsedResource, input: Json, key: string): Promise<Json> {
  const token = parsed.pattern === "token" ? tokenIn(host, stateName, input) : undefined;
  const open = token ? { token, parked: host.park(token) } : undefined;
  try {
    return await request(host, state, parsed, input, key, open);
  } catch (error) {
    if (open) {
      open.parked.result.catch(() => undefined);
      open.parked.close();
    }
    throw error;
  }
}

async function request(host: TaskHost, state: AslState, parsed: ParsedResource, input: Json, key: string, token: OpenToken | undefined): Promise<Json> {
  const params = (input ?? {}) as Record<string, Json>;
  switch (parsed.kind) {
    case "lambda-arn":
      return (await invokeLambda(host.integrations, parsed.resource, input)).payload as Json;
    case "lambda-invoke": {
      const functionName = String(params.FunctionName);
      if (params.InvocationType === "Event") {
        invokeLambda(host.integrations, functionName, params.Payload).catch(() => undefined);
        return { Payload: "", StatusCode: 202, SdkHttpMetadata: { HttpStatusCode: 202 } };
      }
      const result = lambdaInvokeResult(await invokeLambda(host.integrations, functionName, params.Payload ?? input));
      return token ? submitAndPark(host, parsed, state, token, result, key) : result;
    }
    case "start-execution":
      return startExecutionTask(host, parsed, state, params, key, token);
    default: {
      const result = await callService(parsed, host.integrations, params, host.record);
      return token ? submitAndPark(host, parsed, state, token, result, key) : result;
    }
  }
}
