import { DEFAULT_SPORT, sportGroups } from "@pricing/core/sports/registry";
import { Epoch } from "@pricing/core/match/epoch";
import type { MatchItem } from "@pricing/core/store/match";
import { estimateCost, type CostEstimate, type MeteredUsage } from "@pricing/local/cost/estimate";
import { meteredUsage } from "@pricing/local/cost/usage";
import type { CostResponse } from "../api";
import type { LocalHooks } from "./local-hooks";
import type { PublishedVersions } from "./runs";

/** Every function of the app runs on Graviton (stacks/functions.ts). */
const ARCHITECTURE = "arm64";

/**
 * What one match's work costs in billed units, per thing the table counts. Counts are
 * exact (events logged, versions published); durations and sizes are assumptions,
 * marked as such, for a deployed stage where nothing measures them.
 */
export const UNITS = {
  /** Lifecycle: Register, PricePreEvent, three awaits, two choices, InPlay, Settle, Settled and the rest. */
  standardTransitionsPerMatch: 14,
  /** Lifecycle Lambda tasks: Register, three AwaitEpoch, InPlay (start ticker), Settle. */
  lifecycleInvocationsPerMatch: 6,
  /** Per published version: one model per market group, Publish (the tick or ingest passes the job; LoadState runs pre-event only). */
  invocationsPerVersion: sportGroups(DEFAULT_SPORT).length + 1,
  /** A clock tick (tick Lambda, SQS send/receive/delete) per version priced on the clock: assumed most of them. */
  sqsRequestsPerTick: 3,
  /** Per feed event: EventBridge's send to the buffer queue, the poller's receive and delete (batches of one when events are sparse). */
  sqsRequestsPerEvent: 3,
  /** Assumed: a model runs ~20 ms at 1024 MB, other handlers ~30 ms at 256 MB. */
  modelGbSeconds: 0.02 * 1,
  handlerGbSeconds: 0.03 * 0.25,
  /** Assumed: an Express execution bills its 100 ms minimum. */
  expressBilledMs: 100,
  /** Write units: a version's price sets (the correct-score group alone is ~5 KB), the price claim; an event's state, log and match writes. */
  writeUnitsPerVersion: 28,
  writeUnitsPerEvent: 6,
  /** Read units: the clock tick's strongly consistent read of the state per version, the state read of ingest per event. */
  readUnitsPerVersion: 2,
  readUnitsPerEvent: 2,
  /** Settlement items written when a match settles (one per market). */
  settlementWriteUnits: 160,
  /** Engine events per version (Prices Published) and per match (Markets Settled, suspensions). */
  engineEventsPerVersion: 1,
  engineEventsPerMatch: 6,
} as const;

export interface MatchCounts {
  events: number;
  versions: number;
  /** The match's epoch: how far its Lifecycle got. */
  epoch: string;
}

/** Lifecycle transitions by how far the match got: registered and waiting, in play, finished. */
function lifecycleTransitions(c: MatchCounts): number {
  if (c.events === 0) return 0;
  if (c.epoch === Epoch.Settled || c.epoch === Epoch.Void) return UNITS.standardTransitionsPerMatch;
  return c.epoch === Epoch.Scheduled ? 4 : 8;
}

/** The billed units of one match, estimated from what the table holds for it. */
export function estimateMatchUsage(c: MatchCounts): MeteredUsage {
  const u = UNITS;
  const settled = c.epoch === Epoch.Settled;
  const transitions = lifecycleTransitions(c);
  const lifecycleTasks = Math.round((u.lifecycleInvocationsPerMatch * transitions) / u.standardTransitionsPerMatch);
  // Per version, Publish and the clock tick; per event, ingest.
  const handlers = c.versions * 2 + c.events + lifecycleTasks;
  return {
    stepFunctions: { standardTransitions: transitions, expressRequests: c.versions, expressBilledMs: c.versions * u.expressBilledMs },
    lambda: {
      requests: c.versions * u.invocationsPerVersion + c.events + c.versions + lifecycleTasks,
      gbSeconds: c.versions * sportGroups(DEFAULT_SPORT).length * u.modelGbSeconds + handlers * u.handlerGbSeconds,
      architecture: ARCHITECTURE,
    },
    eventBridge: { events: c.events + c.versions * u.engineEventsPerVersion + (c.events > 0 ? u.engineEventsPerMatch : 0) },
    sqs: { standardRequests: c.events * u.sqsRequestsPerEvent + c.versions * u.sqsRequestsPerTick, fifoRequests: 0 },
    dynamodb: {
      writeUnits: c.versions * u.writeUnitsPerVersion + c.events * u.writeUnitsPerEvent + (settled ? u.settlementWriteUnits : 0),
      readUnits: c.versions * u.readUnitsPerVersion + c.events * u.readUnitsPerEvent,
    },
  };
}

const day = (match: MatchItem) => (match.kickoff === "unscheduled" ? "unscheduled" : match.kickoff.slice(0, 10));
const label = (m: MatchItem) => (m.homeTeam && m.awayTeam ? `${m.homeTeam} v ${m.awayTeam}` : m.matchId);

/**
 * The projected AWS cost of what has run. On a local cloud the total is measured (its
 * usage counters, in AWS's billing units) and split over matches in proportion to each
 * match's estimated share; on a deployed stage every figure is estimated from counts
 * in the table.
 */
export function costReport(matches: MatchItem[], eventCounts: Map<string, number>, published: PublishedVersions, hooks: LocalHooks | null, consoleSqsRequests: number): CostResponse {
  const versionsByMatch = new Map<string, number>();
  for (const v of published.all()) versionsByMatch.set(v.matchId, (versionsByMatch.get(v.matchId) ?? 0) + 1);
  const estimates = matches.map((m) => ({
    match: m,
    estimate: estimateCost(estimateMatchUsage({ events: eventCounts.get(m.matchId) ?? 0, versions: versionsByMatch.get(m.matchId) ?? 0, epoch: m.status })),
  }));
  const estimatedTotal = estimates.reduce((s, e) => s + e.estimate.totalUsd, 0);
  let total: CostEstimate;
  let basis: string;
  if (hooks) {
    const usage = hooks.usage();
    usage.sqs.requests = Math.max(0, usage.sqs.requests - consoleSqsRequests);
    total = estimateCost(meteredUsage(usage, { architecture: ARCHITECTURE }));
    basis = "measured on the local cloud (transitions, invocations, GB-seconds, events, requests and capacity units it counted) at us-east-1 list prices; split over matches by their estimated share";
  } else {
    total = sumEstimates(estimates.map((e) => e.estimate));
    basis = "estimated from counts in the table (events logged, price versions published) with assumed durations and item sizes, at us-east-1 list prices";
  }
  const share = (usd: number) => (estimatedTotal > 0 ? (usd / estimatedTotal) * total.totalUsd : 0);
  const byMatch = estimates.map((e) => ({ matchId: e.match.matchId, label: label(e.match), usd: share(e.estimate.totalUsd), day: day(e.match) }));
  const days = new Map<string, { matches: number; usd: number }>();
  for (const m of byMatch) {
    const d = days.get(m.day) ?? days.set(m.day, { matches: 0, usd: 0 }).get(m.day)!;
    d.matches++;
    d.usd += m.usd;
  }
  return {
    basis,
    totalUsd: total.totalUsd,
    lines: total.lines.map((l) => ({ service: l.service, item: l.item, quantity: l.quantity, unit: l.unit, usd: l.usd })),
    matches: matches.length,
    perMatchUsd: matches.length > 0 ? total.totalUsd / matches.length : null,
    days: [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([d, v]) => ({ day: d, ...v })),
    byMatch: byMatch.map(({ day: _d, ...m }) => m),
  };
}

const NOTHING: MeteredUsage = {
  stepFunctions: { standardTransitions: 0, expressRequests: 0, expressBilledMs: 0 },
  lambda: { requests: 0, gbSeconds: 0, architecture: ARCHITECTURE },
  eventBridge: { events: 0 },
  sqs: { standardRequests: 0, fifoRequests: 0 },
  dynamodb: { writeUnits: 0, readUnits: 0 },
};

function sumEstimates(list: CostEstimate[]): CostEstimate {
  if (list.length === 0) return estimateCost(NOTHING);
  const lines = list[0].lines.map((l, i) => {
    const quantity = list.reduce((s, e) => s + e.lines[i].quantity, 0);
    return { ...l, quantity, usd: quantity * l.unitPriceUsd };
  });
  return { lines, totalUsd: lines.reduce((s, l) => s + l.usd, 0) };
}
