/**
 * Scoring rules for one forecast against one result. Every score here is negatively
 * oriented (lower is better) and uses natural logarithms.
 */
import { InputError } from "../../../errors";
import { KIND, PUSH_BY_CODE, WIN_BY_CODE, selectionOutcome } from "../markets/rules";

/**
 * Smallest probability a log-loss is taken of. A forecast that gives a result that
 * happened probability 0 scores -ln(1e-15) = 34.5 instead of Infinity, so one such
 * match is visible in a mean without turning it into Infinity or NaN.
 */
export const PROBABILITY_FLOOR = 1e-15;

/** Index of the 1X2 outcome of a score: 0 home win, 1 draw, 2 away win. */
export function matchResultOutcome(homeGoals: number, awayGoals: number): 0 | 1 | 2 {
  return homeGoals > awayGoals ? 0 : homeGoals === awayGoals ? 1 : 2;
}

function checkForecast(probabilities: readonly number[], outcome: number): void {
  const ok = probabilities.length >= 2 && probabilities.every((p) => p >= 0 && p <= 1)
    && Math.abs(probabilities.reduce((s, p) => s + p, 0) - 1) <= 1e-6;
  if (!ok) {
    throw new InputError("backtest.invalid_forecast", `a forecast needs probabilities in [0, 1] summing to 1, got ${JSON.stringify(probabilities)}`);
  }
  if (!Number.isInteger(outcome) || outcome < 0 || outcome >= probabilities.length) {
    throw new InputError("backtest.invalid_outcome", `outcome ${outcome} is not one of the ${probabilities.length} selections`);
  }
}

/**
 * Log-loss (ignorance in nats): -ln p(outcome).
 *
 * @param probabilities one probability per outcome, summing to 1
 * @param outcome index of the outcome that happened
 * @throws InputError "backtest.invalid_forecast", "backtest.invalid_outcome"
 */
export function logLoss(probabilities: readonly number[], outcome: number): number {
  checkForecast(probabilities, outcome);
  return -Math.log(Math.max(probabilities[outcome], PROBABILITY_FLOOR));
}

/**
 * Brier score in its multi-category form: the sum over outcomes of
 * (p_i - o_i)^2 with o_i 1 for the outcome that happened, else 0. Ranges 0 to 2.
 */
export function brierScore(probabilities: readonly number[], outcome: number): number {
  checkForecast(probabilities, outcome);
  return probabilities.reduce((s, p, i) => s + (p - (i === outcome ? 1 : 0)) ** 2, 0);
}

/**
 * Ranked probability score (Epstein 1969) for ordered outcomes (home, draw, away):
 * the mean over the first r - 1 cumulative sums of (P_k - O_k)^2. Ranges 0 to 1; a
 * home win forecast is punished less for a draw than for an away win.
 */
export function rankedProbabilityScore(probabilities: readonly number[], outcome: number): number {
  checkForecast(probabilities, outcome);
  let forecast = 0, observed = 0, sum = 0;
  for (let k = 0; k < probabilities.length - 1; k++) {
    forecast += probabilities[k];
    observed += k === outcome ? 1 : 0;
    sum += (forecast - observed) ** 2;
  }
  return sum / (probabilities.length - 1);
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
