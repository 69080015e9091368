import { scoreGrid } from "../models/grid";
import type { PricingState } from "./types";

/** Share of a match's goals scored in the first half (EPL 2011/12 to 2024/25). */
export const FIRST_HALF_GOAL_SHARE = 0.446;

/**
 * The PricingState before kick-off from each side's expected goals for the match and
 * the Dixon-Coles rho: the full-time grid, an independent first-half grid at 44.6% of
 * the rates, and the first goal split by the sides' rates (none: the grid's 0-0, rho included).
 * A thin pre-match fallback; the in-play model builds states for every period.
 */
export function preMatchState(homeXg: number, awayXg: number, rho = 0): PricingState {
  const fullTime = scoreGrid(homeXg, awayXg, rho);
  const firstHalf = scoreGrid(FIRST_HALF_GOAL_SHARE * homeXg, FIRST_HALF_GOAL_SHARE * awayXg);
  const rate = homeXg + awayXg;
  const none = fullTime.p[0];
  const home = rate > 0 ? (homeXg / rate) * (1 - none) : 0;
  const away = rate > 0 ? (awayXg / rate) * (1 - none) : 0;
  return {
    fullTime,
    firstHalf,
    score: { home: 0, away: 0 },
    halfTimeScore: null,
    nextGoal: { home, none, away },
  };
}
