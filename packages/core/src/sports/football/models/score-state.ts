/**
 * The effect of the score on scoring: a side that is behind pushes forward and scores
 * more than its pre-match rate, the side ahead a little less. Measured by
 * scripts/score-state-estimate.ts on the Premier League 2012/13 to 2018/19 (no red
 * cards, expected goals inverted from Pinnacle's closing 1X2): second-half goals
 * against expectation were 1.088 for 1,352 sides trailing at half time and 0.978 for
 * the 1,352 leading (0.973 for sides level, which the model leaves at 1 so that a
 * level match keeps its pre-match rates).
 */
import type { Score } from "../../../markets/types";

export const SCORE_STATE_EFFECT = { trailing: 1.088, leading: 0.978 } as const;

/** Factors on each side's remaining scoring rate at a score. */
export function scoreStateFactors(score: Score): Score {
  if (score.home === score.away) return { home: 1, away: 1 };
  const homeAhead = score.home > score.away;
  return {
    home: homeAhead ? SCORE_STATE_EFFECT.leading : SCORE_STATE_EFFECT.trailing,
    away: homeAhead ? SCORE_STATE_EFFECT.trailing : SCORE_STATE_EFFECT.leading,
  };
}
