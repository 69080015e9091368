import { TOTAL_GOALS_LINES } from "./catalogue";
import type { GoalDistribution } from "./distributions";
import type { LineBasis } from "../../../markets/types";
import type { PricingState } from "./types";

/**
 * Whether a state is in play: as the state says, or else once it has a goal or a
 * half-time score (a 0-0 state from kick-off prices the same either way).
 */
export function isInPlay(state: PricingState): boolean {
  if (state.inPlay !== undefined) return state.inPlay;
  return state.score.home + state.score.away > 0 || state.halfTimeScore !== null;
}

/** What Asian handicap lines are counted on: the whole match before kick-off, the rest of it in play. */
export function handicapBasis(state: PricingState): LineBasis {
  return isInPlay(state) ? "rest" : "match";
}

/** The middle of the catalogue's totals lines (0.5 to 6.5): 3.5 goals. */
const TOTALS_MIDDLE = (TOTAL_GOALS_LINES[0] + TOTAL_GOALS_LINES[TOTAL_GOALS_LINES.length - 1]) / 2;

function mean(d: GoalDistribution): number {
  let m = 0;
  for (let i = 0; i < d.length; i++) m += (d.offset + i) * d.pmf[i];
  return m;
}

/**
 * Whole goals added to every totals line so the lines follow the score: in play they are
 * centred on the expected final total (goals so far + expected goals to come), so at
 * seven goals the lines run on past seven instead of all being decided. Never below the
 * catalogue's lines, and 0 before kick-off, where the catalogue's lines stand.
 *
 * @param total the distribution of final total goals
 */
export function totalsShift(state: PricingState, total: GoalDistribution): number {
  if (!isInPlay(state)) return 0;
  return Math.max(0, Math.round(mean(total) - TOTALS_MIDDLE));
}
