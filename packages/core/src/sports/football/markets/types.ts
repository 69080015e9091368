import type { Score } from "../../../markets/types";
import type { ScoreGrid } from "../models/grid";

/** The market groups priced from the goal grid (the catalogue's). */
export const GOAL_GROUPS = [
  "match-result",
  "totals",
  "handicap",
  "correct-score",
  "goals",
  "next-goal",
  "half-time",
  "second-half",
] as const;
export type GoalGroup = (typeof GOAL_GROUPS)[number];
/** The market groups a match is priced in (PriceMatch prices them in batches, by default all in one model invocation). Corners and cards are priced from count models (count-prices.ts). */
export const MARKET_GROUPS = [...GOAL_GROUPS, "corners", "cards"] as const;
export type MarketGroup = (typeof MARKET_GROUPS)[number];

/**
 * Everything market derivation needs for one moment of a match. Pre-match it is two
 * grids from 0-0; in play the grids hold the goals still to come, offset by the score.
 */
export interface PricingState {
  /** Goals still to come until the final whistle. */
  fullTime: ScoreGrid;
  /** Goals still to come until half time; null once the first half is over. */
  firstHalf: ScoreGrid | null;
  /** The score now. */
  score: Score;
  /** The half-time score, once the first half is over. */
  halfTimeScore: Score | null;
  /** Probability that the next goal is scored by the home side, by nobody, by the away side. */
  nextGoal: { home: number; none: number; away: number };
  /**
   * Whether the match has kicked off. In play, Asian handicaps are quoted on the rest of
   * the match and totals lines follow the score (see LINE_BASIS). Left out, a state is
   * in play once it has a goal or a half-time score.
   */
  inPlay?: boolean;
}
