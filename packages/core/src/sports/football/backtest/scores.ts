/**
 * Football's scoring: the 1X2 outcome of a score and the Asian handicap's decided
 * stake, beside the sport-neutral rules (backtest/scores.ts) re-exported here.
 */
import { InputError } from "../../../errors";
import { PROBABILITY_FLOOR } from "../../../backtest/scores";
import { KIND, PUSH_BY_CODE, WIN_BY_CODE, selectionOutcome } from "../markets/rules";

export { brierScore, logLoss, PROBABILITY_FLOOR, rankedProbabilityScore } from "../../../backtest/scores";

/** Index of the 1X2 outcome of a score: 0 home win, 1 draw, 2 away win. */
export function matchResultOutcome(homeGoals: number, awayGoals: number): 0 | 1 | 2 {
  return homeGoals > awayGoals ? 0 : homeGoals === awayGoals ? 1 : 2;
}


/**
 * How a stake on the home side of an Asian handicap settles, as shares of the stake:
 * won, pushed (returned) and lost. A quarter line splits the stake over the two
 * neighbouring half-goal lines, so half-won is { win 0.5, push 0.5 } and half-lost
 * is { push 0.5, lose 0.5 }.
 *
 * @param goalDifference final home goals minus away goals
 * @param line the home side's handicap in quarter goals (-1.25: the home side gives 1.25)
 */
export function asianHandicapStake(goalDifference: number, line: number): { win: number; push: number; lose: number } {
  if (!Number.isInteger(goalDifference) || !Number.isFinite(line) || !Number.isInteger(line * 4)) {
    throw new InputError("backtest.invalid_handicap", `an Asian handicap needs a whole goal difference and a line in quarter goals, got ${goalDifference} and ${line}`);
  }
  const code = selectionOutcome(KIND.asianHandicap, line, 0, Math.max(goalDifference, 0), Math.max(-goalDifference, 0));
  const win = WIN_BY_CODE[code], push = PUSH_BY_CODE[code];
  return { win, push, lose: 1 - win - push };
}

/**
 * Log-loss of a two-way line market on the part of the stake that was decided. `q`
 * is the forecast probability that the selection wins given that the stake does not
 * push (win / (win + lose), halves counted as halves), which is what fair two-way odds
 * price: 1/odds = q. The match contributes -(win ln q + lose ln(1 - q)) with weight
 * win + lose: a full win or loss weighs 1, a half-won or half-lost quarter line 1/2,
 * a push 0 (left out). The market's log-loss is the sum of losses over the sum of weights.
 */
export function decidedStakeLogLoss(q: number, stake: { win: number; lose: number }): { loss: number; weight: number } {
  if (!(q >= 0 && q <= 1)) {
    throw new InputError("backtest.invalid_forecast", `a two-way forecast must be a probability in [0, 1], got ${q}`);
  }
  const loss = (stake.win > 0 ? -stake.win * Math.log(Math.max(q, PROBABILITY_FLOOR)) : 0)
    + (stake.lose > 0 ? -stake.lose * Math.log(Math.max(1 - q, PROBABILITY_FLOOR)) : 0);
  return { loss, weight: stake.win + stake.lose };
}
