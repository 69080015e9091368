/**
 * Market mode: expected goals inverted from Pinnacle's de-margined closing 1X2 alone.
 *
 * 1X2 has two free probabilities, so with rho held the inversion gives both sides'
 * expected goals exactly; the total comes from the draw price through the grid's
 * draw-to-total relation, and rho sets that relation (a more negative rho inflates
 * 0-0 and 1-1, so the same draw price needs more goals). A fixed rho of -0.13 (the
 * Dixon-Coles fit) puts far too many goals in the matches; a single rho tuned to the
 * goals scored fits the average but not the slope: inverted totals rise too steeply
 * with the favourite's edge (too few goals between equals, too many when one side is
 * a heavy favourite), because the market prices more draws in mismatches than
 * independent scoring does. So rho here rises linearly with the gap between the
 * home and away win probabilities, with both coefficients tuned on earlier seasons.
 */
import { requireFinite } from "../errors";
import { rhoBounds } from "../models/football/grid";
import { expectedGoalsFromMarkets } from "../models/football/invert";
import type { ExpectedGoals } from "./prices";

/** rho = rho + rhoPerGap * |P(home) - P(away)|, within the grid's feasible range. */
export interface MarketInversionParams {
  /** rho between equal sides. */
  rho: number;
  /** Change in rho per unit of |P(home win) - P(away win)|. */
  rhoPerGap: number;
}

/** The rho the inversion holds for a de-margined 1X2. */
export function marketRho(matchResult: readonly [number, number, number], params: MarketInversionParams): number {
  requireFinite("backtest.invalid_option", "the market rho", params.rho, -1, 1);
  requireFinite("backtest.invalid_option", "the market rho per gap", params.rhoPerGap, -1, 1);
  return params.rho + params.rhoPerGap * Math.abs(matchResult[0] - matchResult[2]);
}

/**
 * Expected goals whose score grid reproduces a de-margined 1X2 at the rho of
 * `marketRho`. Should that rho make a negative score probability for the solved
 * expected goals (only for extreme prices), it is pulled halfway towards 0 and the
 * inversion repeated.
 *
 * @throws InputError "invert.invalid_probabilities" for probabilities outside (0, 1) or not summing to 1.
 */
export function marketExpectedGoals(matchResult: readonly [number, number, number], params: MarketInversionParams): ExpectedGoals {
  let rho = marketRho(matchResult, params);
  for (let attempt = 0; ; attempt++) {
    try {
      const solved = expectedGoalsFromMarkets({ matchResult }, { rho });
      const { min, max } = rhoBounds(solved.homeXg, solved.awayXg);
      if (rho === 0 || (rho > min && rho < max)) return { homeXg: solved.homeXg, awayXg: solved.awayXg, rho };
    } catch (error) {
      if (attempt >= 8 || !(error instanceof Error && "code" in error && error.code === "invert.invalid_rho")) throw error;
    }
    rho = attempt >= 8 ? 0 : rho / 2;
  }
}
