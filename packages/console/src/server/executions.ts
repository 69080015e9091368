import {
  DescribeExecutionCommand, DescribeStateMachineCommand, GetExecutionHistoryCommand, ListExecutionsCommand,
  type HistoryEvent,
} from "@aws-sdk/client-sfn";
import { InputError } from "@pricing/core/errors";
import { STATE_DATA_LIMIT, STATE_VISITS_KEPT, type ExecutionDetailResponse, type ExecutionSummary, type HistoryEventView, type StateGraph, type StateVisit } from "../api";
import type { ConsoleClients } from "./clients";
import { layoutStateMachine, type AslMachine } from "./graph";
import { RefusedError } from "./guard";

/** Most executions a list shows: matches of a few match days. */
const LIST_LIMIT = 500;

const iso = (d: Date | undefined) => (d ? d.toISOString() : null);

export function executionSummary(e: { executionArn?: string; name?: string; status?: string; startDate?: Date; stopDate?: Date }): ExecutionSummary {
  return { executionArn: e.executionArn ?? "", name: e.name ?? "", status: e.status ?? "", startDate: iso(e.startDate), stopDate: iso(e.stopDate) };
}

/** The executions of a Standard machine, newest first. */
export async function listExecutions(clients: ConsoleClients, stateMachineArn: string): Promise<ExecutionSummary[]> {
  const out: ExecutionSummary[] = [];
  let nextToken: string | undefined;
  do {
    const page = await clients.sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 100, nextToken }));
    out.push(...(page.executions ?? []).map(executionSummary));
    nextToken = page.nextToken;
  } while (nextToken && out.length < LIST_LIMIT);
  return out.sort((a, b) => (b.startDate ?? "").localeCompare(a.startDate ?? ""));
}

export async function executionHistory(clients: ConsoleClients, executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await clients.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, nextToken, includeExecutionData: true }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

/** Which states an execution entered, which it is in now, and where it failed. */
export function stateProgress(events: HistoryEvent[], status: string): Pick<ExecutionDetailResponse, "visited" | "current" | "failed"> {
  const open = new Map<string, number>();
  const visited: string[] = [];
  for (const e of events) {
    const entered = e.stateEnteredEventDetails?.name;
    const exited = e.stateExitedEventDetails?.name;
    if (entered) {
      if (!visited.includes(entered)) visited.push(entered);
      open.set(entered, (open.get(entered) ?? 0) + 1);
    }
    if (exited) open.set(exited, (open.get(exited) ?? 1) - 1);
  }
  const unfinished = [...open.entries()].filter(([, n]) => n > 0).map(([name]) => name);
  const stopped = ["FAILED", "TIMED_OUT", "ABORTED"].includes(status);
  return { visited, current: status === "RUNNING" ? unfinished : [], failed: stopped ? unfinished : [] };
}

const DETAIL_LIMIT = 160;
const clip = (text: string) => (text.length > DETAIL_LIMIT ? `${text.slice(0, DETAIL_LIMIT)}…` : text);

/** The few words of an event's details the history table shows. */
function eventDetail(e: HistoryEvent): string | null {
  for (const [key, value] of Object.entries(e)) {
    if (!key.endsWith("EventDetails") || !value || typeof value !== "object") continue;
    const d = value as Record<string, unknown>;
    if (typeof d.error === "string") return clip(`${d.error}${typeof d.cause === "string" && d.cause ? `: ${d.cause}` : ""}`);
    if (typeof d.resource === "string") return clip(`${d.resourceType ? `${d.resourceType}:` : ""}${d.resource}`);
    if (typeof d.output === "string" && !("name" in d)) return clip(`output ${d.output}`);
    if (typeof d.input === "string" && !("name" in d)) return clip(`input ${d.input}`);
    if (typeof d.index === "number") return `iteration ${d.index}`;
    if (typeof d.length === "number") return `${d.length} items`;
  }
  return null;
}

const clipData = (text: unknown) => (typeof text !== "string" ? null : text.length > STATE_DATA_LIMIT ? `${text.slice(0, STATE_DATA_LIMIT)}…` : text);

/** The error details of a failure event ("TaskFailed", "LambdaFunctionFailed", "ExecutionFailed"...), if it is one. */
function failureOf(e: HistoryEvent): string | null {
  if (!e.type?.endsWith("Failed") && !e.type?.endsWith("TimedOut") && !e.type?.endsWith("Aborted")) return null;
  for (const [key, value] of Object.entries(e)) {
    if (!key.endsWith("EventDetails") || !value || typeof value !== "object") continue;
    const d = value as { error?: unknown; cause?: unknown };
    if (typeof d.error === "string") return `${d.error}${typeof d.cause === "string" && d.cause ? `: ${d.cause}` : ""}`;
  }
  return e.type ?? null;
}

/**
 * Each state's visits from the history: entered with an input, exited with an output,
 * or failed. A state inside a Map runs once per iteration, some at once: an exit closes
 * the oldest open visit of its name. The newest STATE_VISITS_KEPT of each state are kept.
 */
export function stateVisits(events: HistoryEvent[]): Record<string, StateVisit[]> {
  const visits: Record<string, StateVisit[]> = {};
  const open = new Map<string, Array<{ visit: StateVisit; at: number | null }>>();
  const entered: Array<{ visit: StateVisit }> = [];
  for (const e of events) {
    const at = e.timestamp?.getTime() ?? null;
    const enteredState = e.stateEnteredEventDetails;
    const exited = e.stateExitedEventDetails;
    if (enteredState?.name) {
      const visit: StateVisit = { enteredAt: iso(e.timestamp), exitedAt: null, durationMs: null, input: clipData(enteredState.input), output: null, error: null };
      (visits[enteredState.name] ??= []).push(visit);
      (open.get(enteredState.name) ?? open.set(enteredState.name, []).get(enteredState.name)!).push({ visit, at });
      entered.push({ visit });
    } else if (exited?.name) {
      const first = open.get(exited.name)?.shift();
      if (first) {
        first.visit.exitedAt = iso(e.timestamp);
        first.visit.output = clipData(exited.output);
        first.visit.durationMs = at !== null && first.at !== null ? at - first.at : null;
      }
    } else {
      const failure = failureOf(e);
      // The state that failed is the newest one entered and not left.
      const last = [...entered].reverse().find(({ visit }) => visit.exitedAt === null && visit.error === null);
      if (failure && last) last.visit.error = failure;
    }
  }
  for (const name of Object.keys(visits)) visits[name] = visits[name].slice(-STATE_VISITS_KEPT);
  return visits;
}

/** History rows: each event with the state it belongs to (the state entered most recently). */
export function historyView(events: HistoryEvent[]): HistoryEventView[] {
  const start = events[0]?.timestamp?.getTime() ?? null;
  let state: string | null = null;
  return events.map((e) => {
    state = e.stateEnteredEventDetails?.name ?? e.stateExitedEventDetails?.name ?? state;
    const at = e.timestamp?.getTime() ?? null;
    const row = { id: e.id ?? 0, type: e.type ?? "", timestamp: iso(e.timestamp), elapsedMs: at !== null && start !== null ? at - start : null, state, detail: eventDetail(e) };
    if (e.stateExitedEventDetails) state = null;
    return row;
  });
}

/**
 * The error name of each execution that stopped without succeeding: ListExecutions
 * leaves it out, so it is described once (a stopped execution's error never changes).
 */
export class ExecutionErrors {
  private readonly known = new Map<string, Promise<string | null>>();

  constructor(private readonly clients: ConsoleClients) {}

  async of(executions: ExecutionSummary[]): Promise<Map<string, string | null>> {
    const stopped = executions.filter((e) => e.status === "FAILED" || e.status === "TIMED_OUT" || e.status === "ABORTED");
    const errors = await Promise.all(stopped.map((e) => {
      let error = this.known.get(e.executionArn);
      if (!error) {
        error = this.clients.sfn.send(new DescribeExecutionCommand({ executionArn: e.executionArn })).then((d) => d.error ?? (e.status === "TIMED_OUT" ? "States.Timeout" : null));
        error.catch(() => this.known.delete(e.executionArn));
        this.known.set(e.executionArn, error);
      }
      return error.catch(() => null);
    }));
    return new Map(stopped.map((e, i) => [e.executionArn, errors[i]]));
  }
}

/** State machine graphs by ARN: a definition does not change under a running console. */
export class GraphCache {
  private readonly graphs = new Map<string, Promise<StateGraph>>();

  constructor(private readonly clients: ConsoleClients) {}

  get(stateMachineArn: string): Promise<StateGraph> {
    let graph = this.graphs.get(stateMachineArn);
    if (!graph) {
      graph = this.clients.sfn.send(new DescribeStateMachineCommand({ stateMachineArn })).then((m) => layoutStateMachine(JSON.parse(m.definition ?? "{}") as AslMachine));
      graph.catch(() => this.graphs.delete(stateMachineArn));
      this.graphs.set(stateMachineArn, graph);
    }
    return graph;
  }
}

/**
 * The state machine an execution belongs to, read from its ARN:
 * `arn:<partition>:states:<region>:<account>:execution:<machine>:<name>` (Standard) or
 * `…:express:<machine>:<name>:<id>` (Express).
 *
 * @throws InputError "console.invalid_execution_arn" when it is not an execution ARN
 */
export function stateMachineOf(executionArn: string): string {
  const [arn, partition, service, region, account, kind, machine, name] = executionArn.split(":");
  if (arn !== "arn" || service !== "states" || (kind !== "execution" && kind !== "express") || !partition || !region || !account || !machine || !name) {
    throw new InputError("console.invalid_execution_arn", `not a Step Functions execution ARN: ${JSON.stringify(executionArn.slice(0, 200))}`);
  }
  return `arn:${partition}:states:${region}:${account}:stateMachine:${machine}`;
}

/**
 * Checks an execution belongs to one of the stage's state machines: the console reads
 * with the operator's credentials, which may reach every state machine in the account.
 *
 * @throws RefusedError 403 "console.foreign_execution"
 */
export function requireOwnExecution(executionArn: string, stateMachineArns: readonly (string | null)[]): void {
  const machine = stateMachineOf(executionArn);
  if (!stateMachineArns.includes(machine)) {
    throw new RefusedError(403, "console.foreign_execution", `execution ${executionArn} belongs to ${machine}, which is not a state machine of this stage`);
  }
}

/** Everything the execution page shows: description, graph with progress, history. */
export async function executionDetail(clients: ConsoleClients, graphs: GraphCache, executionArn: string, clockSpeed: number | null): Promise<ExecutionDetailResponse> {
  const [described, events] = await Promise.all([
    clients.sfn.send(new DescribeExecutionCommand({ executionArn })),
    executionHistory(clients, executionArn),
  ]);
  const status = described.status ?? "";
  return {
    execution: {
      ...executionSummary(described),
      stateMachineArn: described.stateMachineArn ?? "",
      input: described.input ?? null,
      output: described.output ?? null,
      error: described.error ?? null,
      cause: described.cause ?? null,
    },
    graph: await graphs.get(described.stateMachineArn ?? ""),
    ...stateProgress(events, status),
    states: stateVisits(events),
    events: historyView(events),
    clockSpeed,
  };
}
