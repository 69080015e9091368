import { removeMargin } from "../../margin/remove";
import { marketExpectedGoals } from "./models/invert";
import type { Strength } from "./state";

/** Offered decimal odds as a feed or a trader sees them. */
export interface ObservedOdds {
  matchResult: { home: number; draw: number; away: number };
  overUnder25?: { over: number; under: number };
}

/**
 * A market strength from a bookmaker's offered odds: the 1X2 (and over/under 2.5)
 * de-margined with Shin's method, as the engine stores `Market Prices Observed`.
 *
 * @throws InputError "margin.*" for odds that are not a usable book.
 */
export function marketStrength(bookmaker: string, odds: ObservedOdds): Extract<Strength, { source: "market" }> {
  const { matchResult: m, overUnder25: ou } = odds;
  const [home, draw, away] = removeMargin([m.home, m.draw, m.away], "shin").probabilities;
  const over25 = ou ? removeMargin([ou.over, ou.under], "shin").probabilities[0] : null;
  return { source: "market", bookmaker, matchResult: { home, draw, away }, over25 };
}

/**
 * Whole-match expected goals and Dixon-Coles rho from a strength estimate. Observed
 * market prices (de-margined) go through the one market inversion the backtest
 * validates (sports/football/models/invert.ts, marketExpectedGoals): with an over/under 2.5
 * price rho is solved too; from 1X2 alone rho is the validated market rho.
 */
export function expectedGoals(strength: Strength): { homeXg: number; awayXg: number; rho: number } {
  if (strength.source !== "market") return { homeXg: strength.homeXg, awayXg: strength.awayXg, rho: strength.rho };
  const { home, draw, away } = strength.matchResult;
  const over = strength.over25;
  return marketExpectedGoals(
    over === null ? { matchResult: [home, draw, away] } : { matchResult: [home, draw, away], overUnder25: [over, 1 - over] },
  );
}
