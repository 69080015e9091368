import type { OfferedMarket } from "@pricing/core/margin/offer";
import { Epoch } from "@pricing/core/match/epoch";
import type { MatchState } from "@pricing/core/match/state";
import { matchScoreboard, matchView, sportGroups } from "@pricing/core/sports/registry";
import type { MatchItem } from "@pricing/core/store/match";
import type { MatchStatus, MatchSummary, Odds1x2 } from "../api";
import { marketId, type MatchPriceHistory } from "./prices";

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
 * price set was published suspended (each group's newest: a group-limited version, a
 * corner's, holds its groups alone), with the reason stored (a trader's "trader: <why>"),
 * else as a model failure.
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
  for (const p of latest) if (p.status === "suspended") reasons.push(`${p.group}: ${p.error?.startsWith("trader: ") ? p.error : "model failure"}`);
  return reasons;
}

/** The group of a sport's headline market (its first: football's match result, tennis's match winner). */
export const headlineGroup = (sport: string | null): string => sportGroups(sport)[0];

/** The headline market of a group's prices: its first market (1X2, the match winner). */
function headline(markets: OfferedMarket[] | undefined): OfferedMarket | undefined {
  return markets?.[0];
}

/**
 * The headline odds by position: a three-way market as home, draw and away; a two-way
 * one as its first and second side with no draw.
 */
function oddsOf(market: OfferedMarket): Odds1x2 {
  const odds = market.selections.map((s) => s.odds ?? null);
  return odds.length === 2 ? { home: odds[0], draw: null, away: odds[1] } : { home: odds[0] ?? null, draw: odds[1] ?? null, away: odds[2] ?? null };
}

/** One row of the Matches view from the Match item, its state and its headline group's price history. */
export function matchSummary(match: MatchItem, state: MatchState | null, prices: MatchPriceHistory | null): MatchSummary {
  const sport = state?.sport ?? null;
  const result = prices?.groups.get(headlineGroup(sport)) ?? null;
  const latest = result?.latest ?? null;
  const epoch = currentEpoch(match, state);
  const market = latest?.status === "priced" ? headline(latest.markets) : undefined;
  const odds = market ? oddsOf(market) : null;
  const first = result?.latest ? headline(result.latest.markets) : undefined;
  const series = first && result ? result.markets.get(marketId(first))?.selections : undefined;
  const sparkline: number[][] = [];
  if (series && result) {
    const lines = [...series.values()].map((line) => line.probability);
    for (let i = Math.max(0, result.times.length - SPARKLINE_POINTS); i < result.times.length; i++) {
      if (lines.every((line) => line[i] != null)) sparkline.push(lines.map((line) => line[i]!));
    }
  }
  // The clock of the newest price: ticks reprice every few seconds of play, past the state's anchor.
  const view = state ? matchView(state, latest?.asOf) : null;
  return {
    matchId: match.matchId,
    sport,
    scoreboard: state ? matchScoreboard(state, latest?.asOf) : null,
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
