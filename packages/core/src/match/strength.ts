import { marketExpectedGoals } from "../models/football/invert";
import type { Strength } from "./state";

/**
 * Whole-match expected goals and Dixon-Coles rho from a strength estimate. Observed
 * market prices (de-margined) go through the one market inversion the backtest
 * validates (models/football/invert.ts, marketExpectedGoals): with an over/under 2.5
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
