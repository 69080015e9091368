import type { Outcome } from "../../../markets/types";

/**
 * Settlement rules as plain numbers, shared by settlement and by the derivation of
 * decided markets so that both always agree. Outcome codes are ordered so that a
 * quarter line's result is the mean of its two half stakes:
 * lost 0, half-lost 1, push 2, half-won 3, won 4 (void 5).
 */
export const LOST = 0;
export const HALF_LOST = 1;
export const PUSH = 2;
export const HALF_WON = 3;
export const WON = 4;
export const VOID = 5;

/** Outcome names by code. */
export const OUTCOME_BY_CODE: readonly Outcome[] = ["lost", "half-lost", "push", "half-won", "won", "void"];

/** Win and push probability of a settled stake, by outcome code: half results count as halves. */
export const WIN_BY_CODE: readonly number[] = [0, 0, 0, 0.5, 1, 0];
export const PUSH_BY_CODE: readonly number[] = [0, 0.5, 1, 0.5, 0, 1];

/** How each market settles; every catalogue market has one kind. */
export const KIND = {
  matchResult: 0,
  doubleChance: 1,
  drawNoBet: 2,
  totalGoals: 3,
  asianHandicap: 4,
  correctScore: 5,
  btts: 6,
  teamTotalHome: 7,
  teamTotalAway: 8,
  oddEven: 9,
  nextGoal: 10,
  halfTimeResult: 11,
  halfTimeTotalGoals: 12,
  winToNilHome: 13,
  winToNilAway: 14,
  cleanSheetHome: 15,
  cleanSheetAway: 16,
  winningMargin: 17,
  exactTotalGoals: 18,
  halfTimeFullTime: 19,
  secondHalfResult: 20,
  secondHalfTotalGoals: 21,
  secondHalfBtts: 22,
  bothHalvesOver: 23,
} as const;
export type MarketKind = (typeof KIND)[keyof typeof KIND];

/**
 * Kinds settled on the second half's goals alone (final score less the half-time
 * score): the rules of 1X2, total goals and BTTS applied to that score.
 */
export const SECOND_HALF_KINDS: ReadonlySet<MarketKind> = new Set([KIND.secondHalfResult, KIND.secondHalfTotalGoals, KIND.secondHalfBtts]);

/** Kinds whose settlement needs both the half-time and the final score (see halves.ts). */
export const TWO_SCORE_KINDS: ReadonlySet<MarketKind> = new Set([KIND.halfTimeFullTime, KIND.bothHalvesOver, ...SECOND_HALF_KINDS]);

/** Largest winning margin named in winning-margin before "by 3+". */
export const MARGIN_MAX = 3;
/** Exact total goals lists 0 to EXACT_GOALS_MAX - 1 by name, then "7+". */
export const EXACT_GOALS_MAX = 7;

/**
 * Winning-margin selection index of a goal difference: home by 1, 2, 3+ (0-2), draw
 * (3), away by 1, 2, 3+ (4-6).
 */
export function marginIndex(diff: number): number {
  if (diff > 0) return Math.min(diff, MARGIN_MAX) - 1;
  if (diff === 0) return MARGIN_MAX;
  return MARGIN_MAX + Math.min(-diff, MARGIN_MAX);
}

/** Largest goals a side may score that correct-score lists by name; beyond it, "other-*". */
export const CORRECT_SCORE_MAX = 6;
const CS_SIDE = CORRECT_SCORE_MAX + 1;
/** Selection index of "other-home"; "other-draw" and "other-away" follow it. */
export const CS_OTHER = CS_SIDE * CS_SIDE;

function signOutcome(x: number): number {
  return x > 0 ? WON : x === 0 ? PUSH : LOST;
}

/**
 * Outcome of an Asian-style stake that wins when `margin + line > 0` and pushes when it
 * is 0 (`margin` is a whole number of goals). A quarter line (line * 4 odd; lines are
 * quarter-goal multiples, and the integer test avoids a slow floating-point modulo) splits the
 * stake over line - 0.25 and line + 0.25, giving half-won or half-lost results.
 */
export function asianOutcome(margin: number, line: number): number {
  if (((line * 4) & 1) === 1) {
    return (signOutcome(margin + line - 0.25) + signOutcome(margin + line + 0.25)) / 2;
  }
  return signOutcome(margin + line);
}

/** Correct-score selection index of a final score: h * 7 + a, or other-home/draw/away. */
export function correctScoreIndex(home: number, away: number): number {
  if (home <= CORRECT_SCORE_MAX && away <= CORRECT_SCORE_MAX) return home * CS_SIDE + away;
  return CS_OTHER + (home > away ? 0 : home === away ? 1 : 2);
}

function wonIf(condition: boolean): number {
  return condition ? WON : LOST;
}

/**
 * Outcome code of one selection given a score: the final score for full-time markets,
 * the half-time score for half-time markets, the second half's goals for second-half
 * markets. Selection indices follow the catalogue order (e.g. 1x2: 0 home, 1 draw,
 * 2 away; lines: 0 over/home, 1 under/away; yes/no: 0 yes). Next-goal markets depend on
 * the order of goals, half-time/full-time and both-halves markets on two scores: they
 * settle elsewhere (halves.ts).
 */
export function selectionOutcome(kind: MarketKind, line: number, selection: number, home: number, away: number): number {
  const diff = home - away;
  switch (kind) {
    case KIND.matchResult:
    case KIND.halfTimeResult:
    case KIND.secondHalfResult:
      return wonIf(selection === 0 ? diff > 0 : selection === 1 ? diff === 0 : diff < 0);
    case KIND.doubleChance:
      return wonIf(selection === 0 ? diff >= 0 : selection === 1 ? diff !== 0 : diff <= 0);
    case KIND.drawNoBet:
      return selection === 0 ? asianOutcome(diff, 0) : asianOutcome(-diff, 0);
    case KIND.totalGoals:
    case KIND.halfTimeTotalGoals:
    case KIND.secondHalfTotalGoals:
      return selection === 0 ? asianOutcome(home + away, -line) : asianOutcome(-(home + away), line);
    case KIND.asianHandicap:
      return selection === 0 ? asianOutcome(diff, line) : asianOutcome(-diff, -line);
    case KIND.correctScore:
      return wonIf(correctScoreIndex(home, away) === selection);
    case KIND.btts:
    case KIND.secondHalfBtts:
      return wonIf((home > 0 && away > 0) === (selection === 0));
    case KIND.teamTotalHome:
      return selection === 0 ? asianOutcome(home, -line) : asianOutcome(-home, line);
    case KIND.teamTotalAway:
      return selection === 0 ? asianOutcome(away, -line) : asianOutcome(-away, line);
    case KIND.oddEven:
      return wonIf(((home + away) % 2 === 1) === (selection === 0));
    case KIND.winToNilHome:
      return wonIf((home > 0 && away === 0) === (selection === 0));
    case KIND.winToNilAway:
      return wonIf((away > 0 && home === 0) === (selection === 0));
    case KIND.cleanSheetHome:
      return wonIf((away === 0) === (selection === 0));
    case KIND.cleanSheetAway:
      return wonIf((home === 0) === (selection === 0));
    case KIND.winningMargin:
      return wonIf(marginIndex(diff) === selection);
    case KIND.exactTotalGoals:
      return wonIf(Math.min(home + away, EXACT_GOALS_MAX) === selection);
    default:
      return VOID;
  }
}
