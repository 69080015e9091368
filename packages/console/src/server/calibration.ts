import { InputError } from "@pricing/core/errors";
import { logLoss, PROBABILITY_FLOOR } from "@pricing/core/backtest/scores";
import type { ReliabilityBin } from "../api";

/** One priced selection against how it settled: `outcome` is the share of the stake won (1, 0.5 or 0). */
export interface CalibrationSample {
  forecast: number;
  outcome: number;
}

/**
 * The share of a stake a settled selection won, comparable with the engine's win
 * probability (halves counted as halves): won 1, half-won 0.5, lost, half-lost and push 0.
 * Void selections have no outcome (null).
 */
export function settledShare(outcome: string): number | null {
  switch (outcome) {
    case "won": return 1;
    case "half-won": return 0.5;
    case "lost":
    case "half-lost":
    case "push": return 0;
    case "void": return null;
    default: throw new InputError("console.unknown_outcome", `unknown settlement outcome "${outcome}"`);
  }
}

function check(samples: readonly CalibrationSample[]): void {
  for (const s of samples) {
    if (!(s.forecast >= 0 && s.forecast <= 1) || !(s.outcome >= 0 && s.outcome <= 1)) {
      throw new InputError("console.invalid_sample", `a calibration sample needs forecast and outcome in [0, 1], got ${JSON.stringify(s)}`);
    }
  }
}

/**
 * Reliability diagram: samples binned by forecast into `bins` equal-width bins over
 * [0, 1]; per bin the mean forecast and the observed frequency (mean outcome). A
 * calibrated model's bins lie on the diagonal. Empty bins are left out.
 */
export function reliabilityBins(samples: readonly CalibrationSample[], bins = 10): ReliabilityBin[] {
  check(samples);
  const count = new Array<number>(bins).fill(0), forecast = new Array<number>(bins).fill(0), observed = new Array<number>(bins).fill(0);
  for (const s of samples) {
    const b = Math.min(bins - 1, Math.floor(s.forecast * bins));
    count[b]++;
    forecast[b] += s.forecast;
    observed[b] += s.outcome;
  }
  return count.flatMap((n, b) => (n === 0 ? [] : [{ from: b / bins, to: (b + 1) / bins, count: n, meanForecast: forecast[b] / n, observedFrequency: observed[b] / n }]));
}

/**
 * Mean binary log-loss in nats: -(y ln p + (1 - y) ln(1 - p)) per selection, p kept
 * within [1e-15, 1 - 1e-15]. Null for no samples.
 */
export function binaryLogLoss(samples: readonly CalibrationSample[]): number | null {
  check(samples);
  if (samples.length === 0) return null;
  const clamp = (p: number) => Math.min(1 - PROBABILITY_FLOOR, Math.max(PROBABILITY_FLOOR, p));
  const total = samples.reduce((sum, { forecast, outcome }) => sum - (outcome * Math.log(clamp(forecast)) + (1 - outcome) * Math.log(clamp(1 - forecast))), 0);
  return total / samples.length;
}

/** Mean squared difference between forecast and outcome. Null for no samples. */
export function brier(samples: readonly CalibrationSample[]): number | null {
  check(samples);
  if (samples.length === 0) return null;
  return samples.reduce((sum, s) => sum + (s.forecast - s.outcome) ** 2, 0) / samples.length;
}

/**
 * Log-loss of a market with exactly one winner among mutually exclusive selections
 * whose probabilities sum to 1 (1X2, correct score, next goal): -ln p(winner). Null
 * for markets where more or fewer than one selection won outright, or with pushes.
 */
export function marketLogLoss(probabilities: readonly number[], outcomes: readonly string[]): number | null {
  const winners = outcomes.flatMap((o, i) => (o === "won" ? [i] : []));
  const clean = outcomes.every((o) => o === "won" || o === "lost");
  const total = probabilities.reduce((s, p) => s + p, 0);
  if (winners.length !== 1 || !clean || Math.abs(total - 1) > 1e-6) return null;
  return logLoss(probabilities, winners[0]);
}
