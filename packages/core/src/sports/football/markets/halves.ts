import type { Score } from "../../../markets/types";
import { decideMarket } from "./decided";
import { KIND, LOST, SECOND_HALF_KINDS, VOID, WON, selectionOutcome, type MarketKind } from "./rules";

/** Goals added to reach "as many as you like" (as decided.ts). */
const MANY_GOALS = 1000;

function resultOf(home: number, away: number): number {
  return home > away ? 0 : home === away ? 1 : 2;
}

/**
 * Outcome code of one selection of a market settled on both the half-time and the
 * final score: second-half markets on the final score less the half-time score (the
 * rules of 1X2, totals and BTTS), half-time/full-time on the two results (selection
 * 3 * half-time result + full-time result, 0 home, 1 draw, 2 away), both halves over
 * the line on each half's total.
 */
export function twoScoreOutcome(kind: MarketKind, line: number, selection: number, ht: Score, final: Score): number {
  if (SECOND_HALF_KINDS.has(kind)) return selectionOutcome(kind, line, selection, final.home - ht.home, final.away - ht.away);
  if (kind === KIND.halfTimeFullTime) {
    return 3 * resultOf(ht.home, ht.away) + resultOf(final.home, final.away) === selection ? WON : LOST;
  }
  if (kind === KIND.bothHalvesOver) {
    const first = ht.home + ht.away;
    const yes = first > line && final.home + final.away - first > line;
    return yes === (selection === 0) ? WON : LOST;
  }
  return VOID;
}

/**
 * What goals may still come, by half: the half-time score so far and whether each
 * side may still add to it (false once the first half is over), the final score so far
 * and whether each side may still score, and the same for the second half (0-0 until
 * it starts).
 */
export interface HalvesReach {
  ht: Score;
  htCanHome: boolean;
  htCanAway: boolean;
  final: Score;
  canHome: boolean;
  canAway: boolean;
  second: Score;
  secondCanHome: boolean;
  secondCanAway: boolean;
}

const htOutcomes = new Uint8Array(3);
const ftOutcomes = new Uint8Array(3);

/**
 * Whether no goal still to come can change how a two-score market settles; writes each
 * selection's outcome code into `outcomes[first + s]` (meaningful only when true).
 * Second-half markets are decided as their full-time rules are, on the second half's
 * score. Half-time/full-time is decided when both results are (then each selection's
 * outcome is known): if either can still change, at least two of its cells can still
 * happen. Both halves over is increasing in each half's total, so it is decided when
 * it settles the same with no more goals and with many in every half still open.
 */
export function decideTwoScore(kind: MarketKind, line: number, count: number, r: HalvesReach, outcomes: Uint8Array, first: number): boolean {
  if (SECOND_HALF_KINDS.has(kind)) {
    return decideMarket(kind, line, count, r.second.home, r.second.away, r.secondCanHome, r.secondCanAway, outcomes, first);
  }
  if (kind === KIND.halfTimeFullTime) {
    if (!decideMarket(KIND.halfTimeResult, 0, 3, r.ht.home, r.ht.away, r.htCanHome, r.htCanAway, htOutcomes, 0)) return false;
    if (!decideMarket(KIND.matchResult, 0, 3, r.final.home, r.final.away, r.canHome, r.canAway, ftOutcomes, 0)) return false;
    for (let h = 0; h < 3; h++) {
      for (let f = 0; f < 3; f++) outcomes[first + 3 * h + f] = htOutcomes[h] === WON && ftOutcomes[f] === WON ? WON : LOST;
    }
    return true;
  }
  if (kind === KIND.bothHalvesOver) {
    const first0 = r.ht.home + r.ht.away;
    const second0 = r.second.home + r.second.away;
    const yesNow = first0 > line && second0 > line;
    const firstMax = first0 + (r.htCanHome || r.htCanAway ? MANY_GOALS : 0);
    const secondMax = second0 + (r.secondCanHome || r.secondCanAway ? MANY_GOALS : 0);
    const yesMost = firstMax > line && secondMax > line;
    if (yesNow !== yesMost) return false;
    outcomes[first] = yesNow ? WON : LOST;
    outcomes[first + 1] = yesNow ? LOST : WON;
    return true;
  }
  return false;
}
