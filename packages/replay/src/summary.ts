import { DAYS_PER_MONTH } from "@pricing/core/cost/prices";
import type { CostEstimate, IdleDayCost } from "@pricing/core/cost/estimate";
import type { FeedAudit } from "./audit";

/** How one match of the replay ended. */
export interface MatchOutcome {
  matchId: string;
  fixture: string;
  /** The real full-time score. */
  result: string;
  /** Lifecycle execution status (SUCCEEDED, RUNNING, FAILED, ...) and whether markets settled. */
  lifecycle: string;
  settled: boolean;
}

/** The end-of-replay report; `--json` prints it as is. */
export interface MatchDaySummary {
  /** No problems: every event applied and priced where it moves prices, every match settled. */
  ok: boolean;
  /** What went wrong, one line each (see `problemsOf`); empty when `ok`. */
  problems: string[];
  matchDay: { competition: string; date: string; fixturesOfDay: number; seed: number; speed: number; endpoint: string };
  matches: number;
  settled: number;
  events: { put: number; priceRelevant: number };
  executions: { lifecycle: number; pricing: number };
  /** `Prices Published` events: every repricing that published a newer price set. */
  reprices: number;
  suspensions: number;
  /** Real ms from putting a price-relevant event to the first publication that priced it. */
  latencyMs: { samples: number; p50: number | null; p99: number | null; max: number | null; unpriced: number };
  errors: {
    putFailures: number;
    rejectedEvents: number;
    failedExecutions: number;
    functionErrors: number;
    modelFailures: number;
    dlqDepth: number;
    /** Dead-letter queues holding messages, by queue name. */
    dlqByQueue: Record<string, number>;
  };
  cost: {
    perMatch: CostEstimate;
    totalUsd: number;
    idleDay: IdleDayCost;
    notes: string[];
  };
  /** Every feed event: applied, or dropped (rejected, skipped, parked, missing) with the reason. */
  feed: FeedAudit;
  /**
   * The clock held behind work in flight: simulated time per real time achieved,
   * holds, real seconds held, the longest hold, holds given up; null on stepped time.
   */
  backpressure: { maxLagSeconds: number | null; achievedSpeed: number; holds: number; heldSeconds: number; longestHoldMs: number; overruns: number } | null;
  /** Real seconds: cloud start (synthesis and DynamoDB included), replay, total. */
  wallSeconds: { startup: number; replay: number; total: number };
  outcomes: MatchOutcome[];
}

/** Dropped events listed one by one up to this many; the rest are counted. */
const LISTED_DROPS = 20;

/**
 * Everything that makes a replay a failure, one line each: events refused by
 * PutEvents, rejected, skipped, still parked or missing; price-relevant events never
 * priced; matches not settled; messages in a dead-letter queue; clock holds given up.
 */
export function problemsOf(s: Omit<MatchDaySummary, "ok" | "problems">): string[] {
  const problems: string[] = [];
  const f = s.feed;
  if (s.errors.putFailures > 0) problems.push(`${s.errors.putFailures} events refused by PutEvents`);
  if (f.dropped.length > 0) {
    const counts = (["rejected", "skipped", "parked", "missing"] as const).filter((k) => f[k] > 0).map((k) => `${f[k]} ${k}`);
    problems.push(`${f.dropped.length} of ${f.events} feed events not applied (${counts.join(", ")})`);
    for (const d of f.dropped.slice(0, LISTED_DROPS)) problems.push(`  ${d.matchId} seq ${d.seq} ${d.type}: ${d.fate}, ${d.reason}`);
    if (f.dropped.length > LISTED_DROPS) problems.push(`  ... and ${f.dropped.length - LISTED_DROPS} more (see the JSON summary's feed.dropped)`);
  }
  if (s.latencyMs.unpriced > 0) problems.push(`${s.latencyMs.unpriced} of ${s.events.priceRelevant} price-relevant events never priced`);
  const unsettled = s.outcomes.filter((o) => !o.settled);
  if (unsettled.length > 0) problems.push(`${unsettled.length} of ${s.matches} matches did not settle: ${unsettled.map((o) => `${o.fixture} (Lifecycle ${o.lifecycle})`).join(", ")}`);
  if (s.errors.dlqDepth > 0) problems.push(`${s.errors.dlqDepth} messages dead-lettered: ${Object.entries(s.errors.dlqByQueue).map(([q, n]) => `${q}: ${n}`).join(", ")}`);
  if (s.backpressure && s.backpressure.overruns > 0) problems.push(`the clock gave up holding for work in flight ${s.backpressure.overruns} times`);
  return problems;
}

const usd = (x: number) => (x >= 0.01 ? `$${x.toFixed(4)}` : `$${x.toPrecision(3)}`);
const ms = (x: number | null) => (x === null ? "-" : `${Math.round(x)} ms`);

/** The summary as the lines `npm start` prints at the end. */
export function formatSummary(s: MatchDaySummary): string {
  const e = s.errors;
  const lines = [
    "",
    `${s.matchDay.competition}, ${s.matchDay.date}: ${s.matches} of the day's ${s.matchDay.fixturesOfDay} fixtures replayed at ${s.matchDay.speed}x, seed ${s.matchDay.seed}`,
    ...s.outcomes.map((o) => `  ${o.fixture.padEnd(34)} ${o.result.padEnd(5)} ${o.settled ? "settled" : `NOT SETTLED (${o.lifecycle})`}`),
    "",
    `matches        ${s.matches} (${s.settled} settled)`,
    `events         ${s.events.put} put (${s.events.priceRelevant} price-relevant)`,
    `executions     ${s.executions.lifecycle} lifecycle (Standard), ${s.executions.pricing} pricing (Express)`,
    `reprices       ${s.reprices} price sets published, ${s.suspensions} suspensions`,
    `event → price  p50 ${ms(s.latencyMs.p50)}, p99 ${ms(s.latencyMs.p99)}, max ${ms(s.latencyMs.max)} over ${s.latencyMs.samples} events (real time)` +
      (s.latencyMs.unpriced > 0 ? `; ${s.latencyMs.unpriced} never priced` : ""),
    `feed           ${s.feed.events} events: ${s.feed.applied} applied, ${s.feed.rejected} rejected, ${s.feed.skipped} skipped, ${s.feed.parked} parked, ${s.feed.missing} missing`,
    ...(s.backpressure ? [backpressureLine(s.backpressure)] : []),
    `errors         ${e.putFailures} put failures, ${e.rejectedEvents} rejected events, ${e.failedExecutions} failed executions, ` +
      `${e.functionErrors} function errors, ${e.modelFailures} model failures, DLQ depth ${e.dlqDepth}` +
      (e.dlqDepth > 0 ? ` (${Object.entries(e.dlqByQueue).map(([q, n]) => `${q}: ${n}`).join(", ")})` : ""),
    "",
    `projected AWS cost (us-east-1 list prices): ${usd(s.cost.perMatch.totalUsd)} per match, ${usd(s.cost.totalUsd)} for the match day`,
    ...s.cost.perMatch.lines.filter((l) => l.usd > 0).map((l) => `  ${`${l.service}: ${l.item}`.padEnd(48)} ${formatQuantity(l.quantity).padStart(10)} ${l.unit.padEnd(11)} ${usd(l.usd)}`),
    idleDayLine(s.cost.idleDay),
    ...s.cost.notes.map((n) => `  note: ${n}`),
    "",
    `wall time      ${s.wallSeconds.total.toFixed(1)} s (cloud start ${s.wallSeconds.startup.toFixed(1)} s, replay ${s.wallSeconds.replay.toFixed(1)} s)`,
    ...(s.problems.length > 0 ? ["", `FAILED: ${s.problems.length > 1 ? "problems" : "a problem"} in this replay`, ...s.problems.map((p) => `  ${p}`)] : []),
  ];
  return lines.join("\n");
}

function backpressureLine(b: NonNullable<MatchDaySummary["backpressure"]>): string {
  const bound = b.maxLagSeconds === null ? "" : `, timers at most ${b.maxLagSeconds} s ahead of work in flight`;
  return `clock          ${b.achievedSpeed}x achieved; held ${b.holds} times for ${b.heldSeconds.toFixed(1)} s (longest ${b.longestHoldMs} ms)${bound}` +
    (b.overruns > 0 ? `; ${b.overruns} holds given up` : "");
}

/** An idle day: no compute; the standing charges that are not compute, alarms at their per-alarm rate when none are listed. */
function idleDayLine(idle: IdleDayCost): string {
  const parts = idle.standing.map((l) =>
    l.service === "CloudWatch" && l.quantity === 0
      ? `CloudWatch alarms ${usd(l.unitPriceUsd / DAYS_PER_MONTH)} each`
      : `${l.service} ${l.item} ${usd(l.usd)}`,
  );
  return `idle day: $0 of compute (nothing runs without a match); not compute: ${parts.join(", ")}; log storage not estimated`;
}

function formatQuantity(q: number): string {
  if (q >= 100) return Math.round(q).toLocaleString("en-US");
  return q.toPrecision(3);
}
