import * as z from "zod/mini";
import { InputError } from "@pricing/core/errors";
import type { ExecutionRecord } from "@pricing/local/stepfunctions/types";
import {
  EXECUTION_PAGE_DEFAULT, EXECUTION_PAGE_MAX, EXECUTION_STATUSES, STATE_MACHINES,
  type ExecutionQuery, type ExecutionRow, type ExecutionStatus, type ExecutionSummary, type PricingRun,
} from "../api";
import { priceMatchJobs } from "./runs";

const Query = z.object({
  machine: z.optional(z.enum(STATE_MACHINES)),
  match: z.optional(z.string().check(z.maxLength(200))),
  status: z.optional(z.enum(EXECUTION_STATUSES)),
  error: z.optional(z.string().check(z.maxLength(200))),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(EXECUTION_PAGE_MAX)), EXECUTION_PAGE_DEFAULT),
  next: z.optional(z.string().check(z.maxLength(1000))),
});

/**
 * The Executions view's filters and page from GET executions' query (empty values
 * left out).
 *
 * @throws InputError "console.invalid_execution_query" on an unknown machine or status, or a page size out of 1..EXECUTION_PAGE_MAX
 */
export function executionQuery(params: URLSearchParams): ExecutionQuery {
  const given = Object.fromEntries([...params].filter(([, v]) => v !== ""));
  const parsed = Query.safeParse(given);
  if (!parsed.success) throw new InputError("console.invalid_execution_query", `executions?machine=&match=&status=&error=&limit=&next=: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** The name of a match for a row: its sides, else its id. */
export type MatchNames = ReadonlyMap<string, string>;

const duration = (start: string | null, stop: string | null) => (start && stop ? Date.parse(stop) - Date.parse(start) : null);

/** A Lifecycle execution as a row: Lifecycle executions are named after their match, and their title is that name as Step Functions lists it. */
export function lifecycleRow(e: ExecutionSummary, names: MatchNames, error: string | null): ExecutionRow {
  return {
    machine: "Lifecycle", key: e.executionArn, executionArn: e.executionArn, matchId: e.name, matchName: names.get(e.name) ?? e.name,
    title: e.name, status: e.status as ExecutionStatus, startDate: e.startDate, stopDate: e.stopDate,
    durationMs: duration(e.startDate, e.stopDate), errors: error ? [error] : [], run: null,
  };
}

const pluralGroups = (n: number) => `${n} group${n === 1 ? "" : "s"}`;

/**
 * PriceMatch runs as rows: every published version (joined to its Express execution
 * where one is kept), then every kept Express execution that published nothing (one
 * still running, one that failed before publishing).
 */
export function pricingRows(runs: PricingRun[], express: ExecutionRecord[], names: MatchNames, speed: number): ExecutionRow[] {
  const joined = new Set(runs.flatMap((r) => (r.execution ? [r.execution.executionArn] : [])));
  const published = runs.map((run): ExecutionRow => {
    // A model failure is published as its error's name; a group a trader holds, as "trader: <why>", which is no failure.
    const failed = run.failedGroups.flatMap((g) => (g.error && !g.error.startsWith("trader: ") ? [g.error] : []));
    const trigger = run.execution?.reason;
    const record = run.execution ? express.find((r) => r.executionArn === run.execution!.executionArn) : undefined;
    return {
      // An execution of the jobs path published several matches: one row each, keyed by execution and match.
      machine: "PriceMatch", key: run.execution ? `${run.execution.executionArn}#${run.matchId}` : `${run.matchId}:${run.priceVersion}`, executionArn: run.execution?.executionArn ?? null,
      matchId: run.matchId, matchName: names.get(run.matchId) ?? run.matchId,
      title: [trigger, pluralGroups(run.groups)].filter(Boolean).join(" · "),
      status: (run.execution?.status ?? "SUCCEEDED") as ExecutionStatus,
      startDate: record ? new Date(record.startDate).toISOString() : run.asOf,
      stopDate: record?.stopDate !== undefined ? new Date(record.stopDate).toISOString() : null,
      durationMs: run.execution?.durationMs ?? null,
      errors: [...new Set([...(record?.error ? [record.error] : []), ...failed])],
      run,
    };
  });
  // An execution of the jobs path that published nothing: one row, of its first match.
  const unpublished = express.filter((r) => !joined.has(r.executionArn)).map((r): ExecutionRow => {
    const input = priceMatchJobs(r)[0] ?? {};
    return {
      machine: "PriceMatch", key: r.executionArn, executionArn: r.executionArn, matchId: input.matchId ?? null,
      matchName: input.matchId ? (names.get(input.matchId) ?? input.matchId) : null,
      title: [input.reason, input.groups ? pluralGroups(input.groups.length) : null, "published nothing"].filter(Boolean).join(" · "),
      status: r.status, startDate: new Date(r.startDate).toISOString(), stopDate: r.stopDate !== undefined ? new Date(r.stopDate).toISOString() : null,
      durationMs: r.stopDate !== undefined ? (r.stopDate - r.startDate) / speed : null,
      errors: r.error ? [r.error] : [], run: null,
    };
  });
  return [...published, ...unpublished];
}

/** Newest first; ties by key, so every row has one place in the order and a page boundary falls between two rows. */
function compare(a: Pick<ExecutionRow, "startDate" | "key">, b: Pick<ExecutionRow, "startDate" | "key">): number {
  return (b.startDate ?? "").localeCompare(a.startDate ?? "") || a.key.localeCompare(b.key);
}

/**
 * A page token: the place in the order of the last row of the page. A row arriving
 * meanwhile (newer, so before it) moves nothing on the next page, as an offset would.
 */
const tokenOf = (row: ExecutionRow) => Buffer.from(JSON.stringify([row.startDate ?? "", row.key])).toString("base64url");

function placeOf(token: string): Pick<ExecutionRow, "startDate" | "key"> {
  try {
    const [startDate, key] = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as unknown[];
    if (typeof startDate === "string" && typeof key === "string") return { startDate, key };
  } catch {
    // falls through to the error below
  }
  throw new InputError("console.invalid_page_token", "next is not a token of this list: start again from the first page");
}

/** Whether a row passes every filter set. */
export function passes(row: ExecutionRow, q: ExecutionQuery): boolean {
  return (!q.machine || row.machine === q.machine)
    && (!q.match || row.matchId === q.match)
    && (!q.status || row.status === q.status)
    && (!q.error || row.errors.includes(q.error));
}

/** One page of the rows that pass the filters, newest first, with the token of the next. */
export function executionPage(rows: ExecutionRow[], q: ExecutionQuery): { executions: ExecutionRow[]; total: number; next: string | null } {
  const shown = rows.filter((r) => passes(r, q)).sort(compare);
  const after = q.next ? placeOf(q.next) : null;
  const rest = after ? shown.filter((r) => compare(after, r) < 0) : shown;
  const page = rest.slice(0, q.limit);
  return { executions: page, total: shown.length, next: rest.length > q.limit ? tokenOf(page.at(-1)!) : null };
}
