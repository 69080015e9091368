import type { Score } from "../../../markets/types";
import type { CountSituation } from "./counts";

/** Periods of a football match, in order. */
export const PERIODS = ["PRE", "1H", "HT", "2H", "END"] as const;
export type Period = (typeof PERIODS)[number];

/**
 * A moment of a match as the models see it. Expected goals are for the whole match
 * (90 minutes and stoppage time) as priced before kick-off; the in-play model scales
 * them to what is left.
 */
export interface MatchSituation {
  homeXg: number;
  awayXg: number;
  /** Dixon-Coles dependence; 0 for independent Poisson. */
  rho: number;
  period: Period;
  /** Match minute (0 to 90, more in stoppage time); ignored before kick-off. */
  minute: number;
  score: Score;
  /** Score at half time, once the first half is over. */
  halfTimeScore?: Score;
  redCards: Score;
  /**
   * Added time announced for the current half, minutes (the fourth official's board);
   * absent or null while none has been. Bounds the half: it ends within
   * STOPPAGE_OVERRUN_MINUTES of the board.
   */
  addedTime?: number | null;
  /** Corners and yellow cards so far and the match's expected counts; absent: none so far and the league's averages. */
  counts?: CountSituation;
}
