import { expectedGoalsFromMarkets } from "../models/football/invert";
import type { Strength } from "./state";

/**
 * Whole-match expected goals and Dixon-Coles rho from a strength estimate. Observed
 * market prices (de-margined) are inverted through the score grid; with an over/under
 * 2.5 price as well, rho is solved too.
 */
export function expectedGoals(strength: Strength): { homeXg: number; awayXg: number; rho: number } {
  if (strength.source !== "market") return { homeXg: strength.homeXg, awayXg: strength.awayXg, rho: strength.rho };
  const { home, draw, away } = strength.matchResult;
  const over = strength.over25;
  const fit = expectedGoalsFromMarkets(
    over === null ? { matchResult: [home, draw, away] } : { matchResult: [home, draw, away], overUnder25: [over, 1 - over] },
    { fitRho: over !== null },
  );
  return { homeXg: fit.homeXg, awayXg: fit.awayXg, rho: fit.rho };
}
