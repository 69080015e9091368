/**
 * Scoring rules for one forecast against one result, whatever the sport. Every score
 * here is negatively oriented (lower is better) and uses natural logarithms.
 */
import { InputError } from "../errors";

/**
 * Smallest probability a log-loss is taken of. A forecast that gives a result that
 * happened probability 0 scores -ln(1e-15) = 34.5 instead of Infinity, so one such
 * match is visible in a mean without turning it into Infinity or NaN.
 */
export const PROBABILITY_FLOOR = 1e-15;

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
