import { settlementKey } from "@pricing/core/markets/settlement-key";
import { DEFAULT_SPORT, sportGroups } from "@pricing/core/sports/registry";
import { Epoch } from "@pricing/core/match/epoch";
import type { MatchItem } from "@pricing/core/store/match";
import type { PriceSetItem } from "@pricing/core/store/price-set";
import type { SettlementItem } from "@pricing/core/store/settlement";
import type { GroupPerformance, ModelsResponse } from "../api";
import { binaryLogLoss, brier, marketLogLoss, reliabilityBins, settledShare, type CalibrationSample } from "./calibration";
import type { LatencyCollector, PublishedVersions } from "./runs";
import type { PricingTable } from "./table";

interface GroupCalibration {
  samples: CalibrationSample[];
  marketLosses: number[];
}


/**
 * Pairs the pre-event prices of one settled match with its settlements: every offered
 * selection of every market that settled, by market group.
 */
export function calibrationPairs(preEvent: PriceSetItem[], settlements: SettlementItem[]): Map<string, GroupCalibration> {
  const settled = new Map(settlements.filter((s) => !s.void).map((s) => [s.market, s.selections as Array<{ key: string; outcome: string }>]));
  const out = new Map<string, GroupCalibration>();
  for (const item of preEvent) {
    if (item.status !== "priced") continue;
    const entry = out.get(item.group) ?? out.set(item.group, { samples: [], marketLosses: [] }).get(item.group)!;
    for (const market of item.markets) {
      const outcomes = settled.get(settlementKey(market));
      if (!outcomes) continue;
      const byKey = new Map(outcomes.map((o) => [o.key, o.outcome]));
      const paired = market.selections.flatMap((s) => (byKey.has(s.key) ? [{ p: s.probability, outcome: byKey.get(s.key)! }] : []));
      for (const { p, outcome } of paired) {
        const share = settledShare(outcome);
        if (share !== null) entry.samples.push({ forecast: Math.min(1, Math.max(0, p)), outcome: share });
      }
      if (paired.length === market.selections.length) {
        const loss = marketLogLoss(paired.map((x) => x.p), paired.map((x) => x.outcome));
        if (loss !== null) entry.marketLosses.push(loss);
      }
    }
  }
  return out;
}

/**
 * The newest price set of each group priced before kick-off: before its time (ISO) and
 * of a state that had not seen the kick-off event (a state's version never exceeds the
 * seq of the events it applied, so a pre-event state's version is below the kick-off
 * seq). The first version's sets when none was.
 */
export function preEventPrices(items: PriceSetItem[], kickoff: { at: string; seq: number } | null): PriceSetItem[] {
  const sorted = [...items].sort((a, b) => a.priceVersion - b.priceVersion);
  const before = kickoff ? sorted.filter((p) => p.asOf < kickoff.at && p.stateVersion < kickoff.seq) : [];
  const pool = before.length > 0 ? before : sorted.filter((p) => p.priceVersion === sorted[0]?.priceVersion);
  const newest = new Map<string, PriceSetItem>();
  for (const p of pool) newest.set(p.group, p);
  return [...newest.values()];
}

const KICKOFF_EVENTS = new Set(["Match Started", "Period Started"]);

/** Model performance: latency and failures of each market group's model, calibration on settled matches. */
export class ModelPerformance {
  /** Settled matches do not change: their pairs are read once. */
  private readonly settled = new Map<string, Map<string, GroupCalibration>>();

  constructor(private readonly table: PricingTable, private readonly published: PublishedVersions, private readonly latency: LatencyCollector | null) {}

  private async pairsOf(matchId: string): Promise<Map<string, GroupCalibration>> {
    const known = this.settled.get(matchId);
    if (known) return known;
    const log = await this.table.eventLog(matchId);
    const started = log.find((e) => KICKOFF_EVENTS.has(e.type));
    const kickoff = started ? { at: started.occurredAt, seq: started.seq } : null;
    const [early, settlements] = await Promise.all([
      this.table.earlyPriceSets(matchId, kickoff?.at ?? "9999", kickoff?.seq),
      this.table.settlements(matchId),
    ]);
    const pairs = calibrationPairs(preEventPrices(early, kickoff), settlements);
    this.settled.set(matchId, pairs);
    return pairs;
  }

  async report(matches: MatchItem[]): Promise<ModelsResponse> {
    const settled = matches.filter((m) => m.status === Epoch.Settled);
    const perMatch = await Promise.all(settled.map((m) => this.pairsOf(m.matchId)));
    const versions = this.published.all();
    // Every sport's groups that have run or settled; with nothing yet, the first sport's, so the view is never empty.
    const seen = new Set([...versions.flatMap((v) => v.groups.map((g) => g.group)), ...perMatch.flatMap((m) => [...m.keys()])]);
    const shown = seen.size > 0 ? sportGroups(null).filter((g) => seen.has(g)) : sportGroups(DEFAULT_SPORT);
    const groups: GroupPerformance[] = shown.map((group) => {
      const samples = perMatch.flatMap((m) => m.get(group)?.samples ?? []);
      const losses = perMatch.flatMap((m) => m.get(group)?.marketLosses ?? []);
      const runs = versions.flatMap((v) => v.groups.filter((g) => g.group === group).map((g) => ({ ...g, asOf: v.asOf })));
      const failures = runs.filter((r) => r.status === "suspended").sort((a, b) => a.asOf.localeCompare(b.asOf));
      return {
        group,
        latency: this.latency?.stats(group) ?? null,
        priced: runs.length - failures.length,
        failed: failures.length,
        lastError: failures.at(-1)?.error ?? null,
        calibration: {
          selections: samples.length,
          logLoss: binaryLogLoss(samples),
          marketLogLoss: losses.length ? losses.reduce((s, x) => s + x, 0) / losses.length : null,
          markets: losses.length,
          brier: brier(samples),
          bins: reliabilityBins(samples),
        },
      };
    });
    return {
      groups,
      settledMatches: settled.length,
      latencySource: this.latency
        ? "Map iterations of the PriceMatch executions the local cloud keeps (a batch's model invocation and retries, given to each group of the batch), real milliseconds"
        : "not available: Express executions cannot be listed through the Step Functions API (on AWS see the ModelLatency metric in CloudWatch)",
      calibrationBasis: "pre-event prices (the last price before kick-off) against the settlement of every market",
    };
  }
}
