import type { ExecutionRecord } from "@pricing/local/stepfunctions/types";
import type { LatencyStats, PricingRun } from "../api";
import type { LocalHooks } from "./local-hooks";
import { clockSecondsOf } from "@pricing/core/match/price-version";
import type { PricingTable } from "./table";

/** One published price version of a match: what every PriceMatch execution that publishes leaves in the table. */
export interface PublishedVersion {
  matchId: string;
  priceVersion: number;
  stateVersion: number;
  asOf: string;
  groups: Array<{ group: string; status: "priced" | "suspended"; error: string | null }>;
}

/**
 * The published versions of every match, read incrementally without their markets: the
 * record of pricing runs that also exists on AWS, where Express executions cannot be listed.
 */
export class PublishedVersions {
  private readonly byMatch = new Map<string, { last?: number; versions: Map<number, PublishedVersion> }>();

  async sync(table: PricingTable, matchIds: string[]): Promise<void> {
    await Promise.all(matchIds.map(async (matchId) => {
      let entry = this.byMatch.get(matchId);
      if (!entry) this.byMatch.set(matchId, (entry = { versions: new Map() }));
      // A version is one item, written whole: nothing read before changes, so read only newer ones.
      const headers = await table.versionHeaders(matchId, entry.last);
      for (const h of headers) {
        const groups = h.groups.map((g) => ({ group: g.group, status: g.status, error: g.error ?? null }));
        entry.versions.set(h.priceVersion, { matchId: h.matchId, priceVersion: h.priceVersion, stateVersion: h.stateVersion, asOf: h.asOf, groups });
      }
      entry.last = Math.max(entry.last ?? 0, ...headers.map((h) => h.priceVersion));
    }));
  }

  all(): PublishedVersion[] {
    return [...this.byMatch.values()].flatMap((e) => [...e.versions.values()]);
  }

  /** The newest versions over every match, newest first. */
  newest(limit: number): PublishedVersion[] {
    return this.all().sort((a, b) => b.asOf.localeCompare(a.asOf) || b.priceVersion - a.priceVersion).slice(0, limit);
  }
}

/** What a PriceMatch execution's input says of it: its match, the time it prices at, its trigger and the groups it prices. */
export interface PriceMatchInput {
  matchId?: string;
  asOf?: string;
  reason?: string;
  groups?: string[];
}

export const parsePriceMatchInput = (record: Pick<ExecutionRecord, "input">): PriceMatchInput => {
  try {
    return JSON.parse(record.input) as PriceMatchInput;
  } catch {
    return {};
  }
};

/**
 * The repricings a PriceMatch execution's input asks for: its one job, or each job of
 * its jobs path (a batch of the clock's ticks, `{ reason, sport, jobs }`), with the
 * execution's reason.
 */
export function priceMatchJobs(record: Pick<ExecutionRecord, "input">): PriceMatchInput[] {
  const input = parsePriceMatchInput(record) as PriceMatchInput & { jobs?: unknown };
  if (!Array.isArray(input.jobs)) return [input];
  return input.jobs.flatMap((job: PriceMatchInput | null) => (job && typeof job === "object" ? [{ matchId: job.matchId, asOf: job.asOf, groups: job.groups, reason: input.reason }] : []));
}

/** Pricing runs: published versions, joined to the Express execution that priced them when the local cloud still has it. */
export function pricingRuns(versions: PublishedVersion[], express: ExecutionRecord[], speed: number): PricingRun[] {
  const byKey = new Map<string, ExecutionRecord>();
  for (const record of express) {
    for (const input of priceMatchJobs(record)) if (input.matchId && input.asOf) byKey.set(`${input.matchId}|${input.asOf}`, record);
  }
  return versions.map((v) => {
    const record = byKey.get(`${v.matchId}|${v.asOf}`);
    return {
      matchId: v.matchId,
      priceVersion: v.priceVersion,
      stateVersion: v.stateVersion,
      asOf: v.asOf,
      clockSeconds: clockSecondsOf(v.priceVersion),
      groups: v.groups.length,
      failedGroups: v.groups.filter((g) => g.status === "suspended").map((g) => ({ group: g.group, error: g.error })),
      execution: record
        ? {
            executionArn: record.executionArn,
            status: record.status,
            durationMs: record.stopDate !== undefined ? (record.stopDate - record.startDate) / speed : null,
            reason: priceMatchJobs(record)[0]?.reason ?? null,
          }
        : null,
    };
  });
}

/** A model task of PriceMatch's jobs path: `Price<Sport>Jobs`. */
const JOBS_MODEL_TASK = /^Price[A-Z]\w*Jobs$/;

/**
 * Per market group, the time the Map iteration of PriceMatch that priced it took (model
 * invocation and its retries), in real ms: iteration i prices the batch `batches[i]` of
 * the Map's input, so each group of a batch takes its batch's time. An execution of
 * the jobs path prices every job's groups in one model task: each group of each job
 * takes that task's time, from its entry to its exit.
 */
export function groupLatencies(record: ExecutionRecord, speed: number): Array<{ group: string; ms: number }> {
  let batches: string[][] = [];
  const started = new Map<number, number>();
  const out: Array<{ group: string; ms: number }> = [];
  let jobsTaskEntered: number | undefined;
  for (const e of record.history) {
    const name = (e.stateEnteredEventDetails as { name?: string } | undefined)?.name ?? (e.stateExitedEventDetails as { name?: string } | undefined)?.name;
    if (name !== undefined && JOBS_MODEL_TASK.test(name)) {
      if (e.type === "TaskStateEntered") jobsTaskEntered = e.timestamp;
      if (e.type === "TaskStateExited" && jobsTaskEntered !== undefined) {
        const ms = (e.timestamp - jobsTaskEntered) / speed;
        for (const job of priceMatchJobs(record)) for (const group of job.groups ?? []) out.push({ group, ms });
      }
      continue;
    }
    if (e.type === "MapStateEntered") {
      const input = (e.stateEnteredEventDetails as { input?: string } | undefined)?.input;
      try {
        batches = (JSON.parse(input ?? "{}") as { batches?: string[][] }).batches ?? [];
      } catch {
        batches = [];
      }
    }
    const index = (kind: string) => (e[`${kind}EventDetails`] as { index?: number } | undefined)?.index;
    const begun = index("mapIterationStarted");
    if (e.type === "MapIterationStarted" && begun !== undefined) started.set(begun, e.timestamp);
    const ended = e.type === "MapIterationSucceeded" ? index("mapIterationSucceeded") : e.type === "MapIterationFailed" ? index("mapIterationFailed") : undefined;
    if (ended !== undefined && started.has(ended)) for (const group of batches[ended] ?? []) out.push({ group, ms: (e.timestamp - started.get(ended)!) / speed });
  }
  return out;
}

/** The p-th percentile (0-100) of sorted values, nearest rank. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** Keeps model latency samples of every Express execution seen, beyond the few the local cloud retains. */
export class LatencyCollector {
  private readonly samples = new Map<string, number[]>();
  private seen = new Set<string>();
  static readonly MAX_SAMPLES = 20_000;

  collect(hooks: LocalHooks, priceMatchArn: string): void {
    const records = hooks.expressExecutions(priceMatchArn).filter((r) => r.status !== "RUNNING");
    const now = new Set<string>();
    for (const record of records) {
      now.add(record.executionArn);
      if (this.seen.has(record.executionArn)) continue;
      for (const { group, ms } of groupLatencies(record, hooks.speed)) {
        const list = this.samples.get(group) ?? this.samples.set(group, []).get(group)!;
        if (list.length >= LatencyCollector.MAX_SAMPLES) list.shift();
        list.push(ms);
      }
    }
    this.seen = now;
  }

  stats(group: string): LatencyStats | null {
    const list = this.samples.get(group);
    if (!list || list.length === 0) return null;
    const sorted = [...list].sort((a, b) => a - b);
    return { samples: sorted.length, p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99), max: sorted.at(-1)! };
  }
}
