/**
 * The in-play model: from a moment of a match to the grids of goals still to come.
 * Each side's remaining expected goals are its pre-match expected goals times the
 * share of the goal-time profile still to come (stoppage time counted) times the red
 * card factors; goals still to come are Poisson with those means.
 */
import { InputError, requireFinite } from "../../../errors";
import type { Score } from "../../../markets/types";
import type { PricingState } from "../markets/types";
import { GOAL_PROFILE, checkAddedTime, checkMinute, firstHalfRemainingShare, remainingShare, type GoalProfile } from "./goal-profile";
import { MAX_EXPECTED_GOALS, rhoBounds, scoreGrid, type ScoreGrid } from "./grid";
import { checkRedCards, redCardFactors } from "./red-cards";
import { scoreStateFactors } from "./score-state";
import { PERIODS, type MatchSituation } from "./situation";

/** Expected goals still to come for each side. */
export interface ExpectedGoals {
  home: number;
  away: number;
}

/** Means of the remaining-goal grids of a situation. */
export interface RemainingExpectedGoals {
  /** Until the final whistle. */
  fullTime: ExpectedGoals;
  /** Until half time; null once the first half is over. */
  firstHalf: ExpectedGoals | null;
  /** Dixon-Coles rho of the full-time remaining grid (see inPlayRho). */
  rho: number;
}

function isScore(score: Score | undefined): score is Score {
  return (
    typeof score === "object" && score !== null &&
    Number.isSafeInteger(score.home) && score.home >= 0 &&
    Number.isSafeInteger(score.away) && score.away >= 0
  );
}

function checkScore(code: string, what: string, score: Score | undefined): Score {
  if (!isScore(score)) {
    throw new InputError(code, `${what} must be whole, non-negative goals for home and away, got ${JSON.stringify(score)}`, { score });
  }
  return score;
}

function checkExpectedGoals(situation: MatchSituation): void {
  const code = "inplay.invalid_expected_goals";
  requireFinite(code, "home expected goals", situation.homeXg, 0, MAX_EXPECTED_GOALS);
  requireFinite(code, "away expected goals", situation.awayXg, 0, MAX_EXPECTED_GOALS);
  const rho = requireFinite("inplay.invalid_rho", "rho", situation.rho, -1, 1);
  const { min, max } = rhoBounds(situation.homeXg, situation.awayXg);
  if (rho !== 0 && (rho < min || rho > max)) {
    throw new InputError(
      "inplay.invalid_rho",
      `rho ${rho} makes a negative probability for expected goals ${situation.homeXg} v ${situation.awayXg}; keep it within [${min.toFixed(4)}, ${max.toFixed(4)}]`,
      { rho },
    );
  }
}

/** The half-time score a period allows: none before half time, the score at half time, required after. */
function checkHalfTimeScore(situation: MatchSituation): void {
  const { period, score, halfTimeScore: ht } = situation;
  const code = "inplay.invalid_half_time_score";
  if (period === "PRE" || period === "1H") {
    if (ht !== undefined && ht !== null) throw new InputError(code, `there is no half-time score during ${period}; leave it out`);
    return;
  }
  if (period === "HT" && (ht === undefined || ht === null)) return;
  checkScore(code, "the half-time score", ht ?? undefined);
  if (ht!.home > score.home || ht!.away > score.away) {
    throw new InputError(code, `the half-time score ${ht!.home}-${ht!.away} is more than the score ${score.home}-${score.away}`, { halfTimeScore: ht });
  }
  if (period === "HT" && (ht!.home !== score.home || ht!.away !== score.away)) {
    throw new InputError(code, `at half time the half-time score must be the score ${score.home}-${score.away}`, { halfTimeScore: ht });
  }
}

/**
 * Checks a match situation: expected goals and rho, a known period, a minute inside
 * 1H (0-60) or 2H (45-110), whole non-negative scores, 0-5 red cards a side, nothing
 * scored or shown before kick-off, and a half-time score that fits the period.
 *
 * @throws InputError with code "inplay.invalid_situation", "inplay.invalid_expected_goals",
 *   "inplay.invalid_rho", "inplay.invalid_period", "inplay.invalid_minute",
 *   "inplay.invalid_score", "inplay.invalid_red_cards", "inplay.invalid_half_time_score"
 *   or "inplay.invalid_added_time".
 */
export function checkSituation(situation: MatchSituation): MatchSituation {
  if (typeof situation !== "object" || situation === null) {
    throw new InputError("inplay.invalid_situation", "a match situation must be an object with expected goals, period, minute, score and red cards");
  }
  checkExpectedGoals(situation);
  const { period } = situation;
  if (!PERIODS.includes(period)) {
    throw new InputError("inplay.invalid_period", `period must be one of ${PERIODS.join(", ")}, got ${String(period)}`, { period });
  }
  if (period === "1H" || period === "2H") checkMinute(period, situation.minute);
  checkAddedTime(situation.addedTime);
  const score = checkScore("inplay.invalid_score", "the score", situation.score);
  const cards = checkRedCards(situation.redCards);
  if (period === "PRE" && (score.home || score.away)) {
    throw new InputError("inplay.invalid_score", "before kick-off the score must be 0-0", { score });
  }
  if (period === "PRE" && (cards.home || cards.away)) {
    throw new InputError("inplay.invalid_red_cards", "before kick-off no red cards can have been shown", { redCards: cards });
  }
  checkHalfTimeScore(situation);
  return situation;
}

/**
 * Dixon-Coles rho for the grid of goals still to come. The correction multiplies the
 * probabilities of the final scores 0-0, 1-0, 0-1 and 1-1; the remaining grid's low
 * cells are those final scores only while the match is 0-0, so after a goal rho is
 * dropped (independent Poisson). While 0-0 it is scaled by the share of the match
 * still to come: at kick-off the grid is the pre-match grid exactly, and the
 * dependence fades with the time left instead of leaving a constant (1 - rho) factor
 * on 1-1 in the last minute. Red cards can raise a side's remaining mean above its
 * pre-match one, so the result is kept within the bounds that keep cells non-negative.
 */
export function inPlayRho(rho: number, share: number, score: Score, remaining: ExpectedGoals): number {
  if (rho === 0 || score.home !== 0 || score.away !== 0) return 0;
  const { min, max } = rhoBounds(remaining.home, remaining.away);
  return Math.min(max, Math.max(min, rho * share));
}

function remainingOrThrow(side: "home" | "away", mean: number): number {
  if (!(mean <= MAX_EXPECTED_GOALS)) {
    throw new InputError(
      "inplay.invalid_expected_goals",
      `${side} expected goals still to come (${mean.toFixed(2)}) exceed ${MAX_EXPECTED_GOALS}: lower the expected goals or check the red cards`,
      { side, mean },
    );
  }
  return mean;
}

/**
 * Each side's expected goals still to come, to the final whistle and to half time, and
 * the rho of the remaining full-time grid. Rates scale with red cards (red-cards.ts) and
 * with the score (score-state.ts: the side behind scores more).
 *
 * @param situation a moment of a match, checked with checkSituation
 * @throws InputError as checkSituation, or "inplay.invalid_expected_goals" when red
 *   cards push a side's remaining expected goals past MAX_EXPECTED_GOALS.
 */
export function remainingExpectedGoals(situation: MatchSituation, profile: GoalProfile = GOAL_PROFILE): RemainingExpectedGoals {
  const { homeXg, awayXg, period, minute } = checkSituation(situation);
  const addedTime = period === "1H" || period === "2H" ? (situation.addedTime ?? null) : null;
  const share = remainingShare(period, minute, profile, addedTime);
  const red = redCardFactors(situation.redCards);
  const state = scoreStateFactors(situation.score);
  const factors = { home: red.home * state.home, away: red.away * state.away };
  const fullTime = {
    home: remainingOrThrow("home", homeXg * share * factors.home),
    away: remainingOrThrow("away", awayXg * share * factors.away),
  };
  const firstHalfShare =
    period === "PRE" ? profile.firstHalfShare : period === "1H" ? firstHalfRemainingShare(minute, profile, addedTime) : null;
  const firstHalf = firstHalfShare === null ? null : {
    home: homeXg * firstHalfShare * factors.home,
    away: awayXg * firstHalfShare * factors.away,
  };
  return { fullTime, firstHalf, rho: inPlayRho(situation.rho, share, situation.score, fullTime) };
}

/**
 * Who scores the next goal, from the grid of goals still to come and the sides'
 * expected goals still to come: nobody is the grid's no-more-goals cell (the remaining
 * 0-0, so with Dixon-Coles rho it is e^-(λh+λa)(1 - λh λa rho), the same number as
 * under 0.5 remaining goals and the correct score at the current score); a goal is
 * split by the rates, home λh/(λh+λa)(1 - none). Sums to 1.
 */
export function nextGoalProbabilities(remaining: ScoreGrid, home: number, away: number): { home: number; none: number; away: number } {
  const total = home + away;
  const none = remaining.p[0];
  if (!(total > 0)) return { home: 0, none: 1, away: 0 };
  const some = 1 - none;
  return { home: (home / total) * some, none, away: (away / total) * some };
}

/** The half-time score once the first half is over: the score itself at half time. */
function halfTimeScoreOf({ period, score, halfTimeScore }: MatchSituation): Score | null {
  if (period === "PRE" || period === "1H") return null;
  const ht = period === "HT" ? score : halfTimeScore!;
  return { home: ht.home, away: ht.away };
}

/**
 * Everything market derivation needs at a moment of a match. Before kick-off: the
 * Dixon-Coles grid of the whole match and an independent first-half grid at the
 * first-half share of each side's expected goals. In play: the grids of goals still
 * to come to the final whistle and (in the first half) to half time. At the end: all
 * mass on no more goals.
 *
 * @throws InputError with an "inplay.*" code for an invalid situation (see checkSituation).
 */
export function pricingState(situation: MatchSituation): PricingState {
  const expected = remainingExpectedGoals(situation);
  const { fullTime, firstHalf, rho } = expected;
  const { score } = situation;
  const remaining = scoreGrid(fullTime.home, fullTime.away, rho);
  return {
    fullTime: remaining,
    firstHalf: firstHalf && scoreGrid(firstHalf.home, firstHalf.away),
    score: { home: score.home, away: score.away },
    halfTimeScore: halfTimeScoreOf(situation),
    nextGoal: nextGoalProbabilities(remaining, fullTime.home, fullTime.away),
  };
}
