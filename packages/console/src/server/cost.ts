import { DEFAULT_SPORT, sportGroups } from "@pricing/core/sports/registry";
import type { MatchItem } from "@pricing/core/store/match";
import { estimateCost, type CostEstimate, type MeteredUsage } from "@pricing/core/cost/estimate";
import { meteredUsage } from "@pricing/local/cost/usage";
import type { CostResponse } from "../api";
import type { LocalHooks } from "./local-hooks";
import type { PublishedVersions } from "./runs";
import { ARCHITECTURE, estimateMatchUsage } from "@pricing/core/cost/match-usage";

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
    estimate: estimateCost(estimateMatchUsage({ events: eventCounts.get(m.matchId) ?? 0, groups: sportGroups(DEFAULT_SPORT).length, versions: versionsByMatch.get(m.matchId) ?? 0, epoch: m.status })),
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
