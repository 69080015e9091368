/**
 * Market mode: expected goals inverted from Pinnacle's de-margined closing 1X2 alone,
 * through the inversion the live engine uses (sports/football/models/invert.ts: the rho it
 * holds and why).
 */
import { marketExpectedGoals as invertMarket, type MarketInversionParams } from "../models/invert";
import type { ExpectedGoals } from "./prices";

export { marketRho, type MarketInversionParams } from "../models/invert";

/**
 * Expected goals whose score grid reproduces a de-margined 1X2 at the rho of
 * `marketRho` (see sports/football/models/invert.ts, marketExpectedGoals).
 *
 * @throws InputError "invert.invalid_probabilities" for probabilities outside (0, 1) or not summing to 1.
 */
export function marketExpectedGoals(matchResult: readonly [number, number, number], params: MarketInversionParams): ExpectedGoals {
  return invertMarket({ matchResult }, params);
}
