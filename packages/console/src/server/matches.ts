import type { OfferedMarket } from "@pricing/core/margin/offer";
import { Epoch } from "@pricing/core/match/epoch";
import type { MatchState } from "@pricing/core/match/state";
import { matchView } from "@pricing/core/sports/registry";
import type { MatchItem } from "@pricing/core/store/match";
import type { MatchStatus, MatchSummary, Odds1x2 } from "../api";
import type { MatchPriceHistory } from "./prices";

/** How many price versions the Matches view's sparkline spans. */
export const SPARKLINE_POINTS = 60;

/**
 * The trader's status of a match: a scheduled match with prices is pre-event; full
 * time and a confirmed result are ended until settled; abandoned and void are void.
 */
export function matchStatus(epoch: string, priced: boolean): MatchStatus {
  switch (epoch) {
    case Epoch.Scheduled: return priced ? "pre-event" : "scheduled";
    case Epoch.InPlay: return "in play";
    case Epoch.FullTime:
    case Epoch.Confirmed: return "ended";
    case Epoch.Settled: return "settled";
    default: return "void";
  }
}

/** The epoch to show: settlement and void are recorded on the Match item, the rest in the state. */
export function currentEpoch(match: Pick<MatchItem, "status">, state: MatchState | null): string {
  if (match.status === Epoch.Settled || match.status === Epoch.Void || !state) return match.status;
  return state.epoch;
}

/**
 * Why markets are suspended now: an incident the newest prices do not know yet (a goal,
 * a red card: the state moved past the priced state version), and groups whose newest
 * price set was published suspended after a model failure (each group's newest: a
 * group-limited version, a corner's, holds its groups alone).
 */
export function suspensionReasons(state: MatchState | null, prices: MatchPriceHistory | null, epoch: string): string[] {
  if (!state || (epoch !== Epoch.InPlay && epoch !== Epoch.Scheduled)) return [];
  const reasons: string[] = [];
  const latest = prices?.latest() ?? [];
  const pricedState = latest.reduce((v, p) => Math.max(v, p.stateVersion), 0);
  const last = state.changes.at(-1);
  if (last && latest.length > 0 && state.version > pricedState) {
    // The suspension the reducer recorded with the change, in its sport's words.
    if (last.suspend) reasons.push(last.suspend);
  }
  for (const p of latest) if (p.status === "suspended") reasons.push(`${p.group}: model failure`);
  return reasons;
}

function oneXTwo(markets: OfferedMarket[] | undefined): OfferedMarket | undefined {
  return markets?.find((m) => m.key === "1x2");
}

/** One row of the Matches view from the Match item, its state and its 1X2 price history. */
export function matchSummary(match: MatchItem, state: MatchState | null, prices: MatchPriceHistory | null): MatchSummary {
  const result = prices?.groups.get("match-result") ?? null;
  const latest = result?.latest ?? null;
  const epoch = currentEpoch(match, state);
  const market = latest?.status === "priced" ? oneXTwo(latest.markets) : undefined;
  const odds: Odds1x2 | null = market
    ? { home: market.selections[0]?.odds ?? null, draw: market.selections[1]?.odds ?? null, away: market.selections[2]?.odds ?? null }
    : null;
  const series = result?.markets.get("1x2|-")?.selections;
  const sparkline: Array<[number, number, number]> = [];
  if (series && result) {
    const [home, draw, away] = ["home", "draw", "away"].map((k) => series.get(k)?.probability ?? []);
    for (let i = Math.max(0, result.times.length - SPARKLINE_POINTS); i < result.times.length; i++) {
      if (home[i] != null && draw[i] != null && away[i] != null) sparkline.push([home[i]!, draw[i]!, away[i]!]);
    }
  }
  // The clock of the newest price: ticks reprice every few seconds of play, past the state's anchor.
  const view = state ? matchView(state, latest?.asOf) : null;
  return {
    matchId: match.matchId,
    sport: state?.sport ?? null,
    competition: match.competition ?? view?.competition ?? null,
    homeTeam: match.homeTeam ?? view?.participants?.[0] ?? null,
    awayTeam: match.awayTeam ?? view?.participants?.[1] ?? null,
    kickoff: match.kickoff === "unscheduled" ? null : match.kickoff,
    status: matchStatus(epoch, latest !== null),
    epoch,
    score: view?.score ?? null,
    clock: view?.situation ?? null,
    odds,
    sparkline,
    suspended: suspensionReasons(state, prices, epoch),
    priceVersion: match.priceVersion ?? null,
    pricedStateVersion: match.priceVersion !== undefined ? Math.floor(match.priceVersion / 100_000) : null,
    stateVersion: state?.version ?? 0,
    executionArn: match.executionArn ?? null,
  };
}
