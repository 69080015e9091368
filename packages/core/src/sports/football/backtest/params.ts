/**
 * The backtest's tuned settings. Tuned on EPL 2012/13 to 2018/19 only (walk forward
 * with 2011/12 as history); the seasons reported against targets, 2019/20 to 2021/22,
 * played no part. See BENCHMARKS.md, "Backtest", for the search and the figures.
 */
import { MARKET_INVERSION, type MarketInversionParams } from "../models/invert";
import type { ShotCoefficients } from "../models/evidence";
import type { WalkForwardParams } from "./walk-forward";

/**
 * Goals per shot on target and per shot off target: least squares through the origin
 * of each side's goals on its shots on target and other shots, EPL 2012/13 to 2018/19
 * (5,320 side-matches; scripts/tune-football-ratings.ts).
 */
export const SHOT_COEFFICIENTS: ShotCoefficients = { onTarget: 0.2538, offTarget: 0.0147 };

/** Everything a backtest run can be set with. */
export interface BacktestParams {
  walkForward: WalkForwardParams;
  /**
   * rho of the score grids priced from the ratings; null uses the fit's own (0 for
   * Poisson ratings, the fitted rho for Dixon-Coles, kept feasible); "market" the rho
   * the market inversion holds for the fixture's 1X2 (marketRho).
   */
  ratingsRho: number | null | "market";
  market: MarketInversionParams;
  halfTime: {
    /** The simple in-play baseline: share of each side's expected goals left for the second half. */
    baselineShare: number;
    /** Which pre-match expected goals the half-time forecasts start from. */
    expectedGoals: "market" | "ratings";
  };
}

export const DEFAULT_PARAMS: BacktestParams = {
  walkForward: {
    // Poisson beat Dixon-Coles on 1X2 (1.66% v 1.74% above Pinnacle's log-loss): the
    // fitted rho (about -0.1) over-inflates draws once the ratings are decayed and shrunk.
    model: "poisson",
    xi: 0.0018,
    ridge: 3,
    windowDays: 1100,
    minTeamMatches: 10,
    // Goals, the shots xG proxy and earlier matches' market-implied goals, weighted
    // 1 : 0.5 : 256 before decay, aged in the league's rounds played (a break within a
    // season ages nothing; a new season adds 20 rounds): the market's weight halves in
    // 1.5 rounds, the others' in 41. Walk-forward search on EPL 2012/13-2018/19
    // (BENCHMARKS.md): 1X2 log-loss 0.39% above Pinnacle's closing line there (0.44% on
    // calendar days, 1.64% on goals alone).
    evidence: {
      clock: "rounds",
      newSeasonRounds: 20,
      goals: { weight: 1, xi: 0.017 },
      shots: { weight: 0.5, xi: 0.017 },
      market: { weight: 256, xi: 0.45 },
      ridge: 3,
      shotCoefficients: SHOT_COEFFICIENTS,
    },
  },
  // The blended ratings are on the scale of goals the market inversion gives at its rho,
  // so they are priced at that rho (tuning seasons, market weight 4: 1.07% v 1.12% at rho 0).
  ratingsRho: "market",
  market: MARKET_INVERSION,
  halfTime: { baselineShare: 0.554, expectedGoals: "market" },
};

/** DEFAULT_PARAMS with some settings replaced. */
export function withParams(overrides: {
  walkForward?: Partial<WalkForwardParams>;
  ratingsRho?: number | null | "market";
  market?: Partial<MarketInversionParams>;
  halfTime?: Partial<BacktestParams["halfTime"]>;
} = {}): BacktestParams {
  return {
    walkForward: { ...DEFAULT_PARAMS.walkForward, ...overrides.walkForward },
    ratingsRho: overrides.ratingsRho === undefined ? DEFAULT_PARAMS.ratingsRho : overrides.ratingsRho,
    market: { ...DEFAULT_PARAMS.market, ...overrides.market },
    halfTime: { ...DEFAULT_PARAMS.halfTime, ...overrides.halfTime },
  };
}
