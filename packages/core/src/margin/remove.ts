import { InputError } from "../errors";
import { findRoot } from "../math/optimize";

/** Ways of removing a bookmaker's overround from offered odds (penaltyblog's definitions). */
export const REMOVAL_METHODS = ["multiplicative", "additive", "power", "shin", "odds-ratio"] as const;
export type RemovalMethod = (typeof REMOVAL_METHODS)[number];

/**
 * Fair probabilities recovered from one market's offered odds.
 * `margin` is the overround: the sum of 1/odds minus 1 (0.05 is a 5% book).
 * The method's own parameter is set where it has one: Shin's insider share `z`,
 * the power method's exponent `k`, the odds-ratio method's ratio `c`.
 */
export interface MarginRemoval {
  method: RemovalMethod;
  probabilities: number[];
  margin: number;
  z?: number;
  k?: number;
  c?: number;
}

/** Throws "margin.invalid_odds" unless there are at least two finite decimal odds above 1. */
export function checkOdds(odds: readonly number[]): void {
  if (!Array.isArray(odds) || odds.length < 2) {
    throw new InputError("margin.invalid_odds", `a market needs at least two decimal odds, got ${JSON.stringify(odds)}`);
  }
  odds.forEach((o, i) => {
    if (typeof o !== "number" || !Number.isFinite(o) || o <= 1) {
      throw new InputError("margin.invalid_odds", `decimal odds must be finite numbers above 1; odds ${i + 1} is ${String(o)}`, { odds });
    }
  });
}

function noSolution(method: RemovalMethod, odds: readonly number[], why: string): InputError {
  return new InputError("margin.no_solution", `the ${method} method cannot de-margin odds ${odds.join(", ")}: ${why}`, { odds, method });
}

/** An overround this close to 0 is a fair book up to rounding in sum(1/odds). */
const FAIR_BOOK = 1e-12;

const sum = (xs: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s;
};

/**
 * Finds the root of f(t) = 1 - sum p(t), increasing in the positive parameter t, with
 * f(neutral) = -margin: the root lies above `neutral` for a positive overround and
 * below it (down to `floor`) for a negative one. The upper end doubles until it brackets.
 */
function solveScale(f: (t: number) => number, neutral: number, margin: number, floor: number): number {
  const atNeutral = f(neutral);
  if (Math.abs(margin) <= FAIR_BOOK || atNeutral === 0) return neutral;
  if (atNeutral > 0) return findRoot(f, floor, neutral).root;
  let hi = 2 * neutral;
  while (f(hi) < 0 && hi < 1e300) hi *= 2;
  return findRoot(f, neutral, hi).root;
}

function shinProbabilities(z: number, inverse: readonly number[], total: number): number[] {
  return inverse.map((q) => (Math.sqrt(z * z + (4 * (1 - z) * q * q) / total) - z) / (2 - 2 * z));
}

/**
 * Removes the overround from one market's decimal odds.
 *
 * - multiplicative: p_i = (1/o_i) / sum(1/o)
 * - additive: p_i = 1/o_i - margin / n (fails if a probability would be negative)
 * - power: p_i = (1/o_i)^k with k solving sum p = 1
 * - shin: p_i = (sqrt(z^2 + 4 (1 - z) q_i^2 / sum q) - z) / (2 - 2z), q_i = 1/o_i, z in [0, 1)
 *   solving sum p = 1 (Shin 1993; needs a non-negative overround)
 * - odds-ratio: p_i = q_i / (c + q_i - c q_i) with c solving sum p = 1 (Cheung)
 *
 * @param odds decimal odds of every selection of one market (at least two, each > 1)
 * @throws InputError "margin.invalid_odds" for fewer than two odds, odds <= 1 or NaN;
 *   "margin.no_solution" where the method has none for these odds.
 */
export function removeMargin(odds: readonly number[], method: RemovalMethod = "multiplicative"): MarginRemoval {
  checkOdds(odds);
  const inverse = odds.map((o) => 1 / o);
  const total = sum(inverse);
  const margin = total - 1;
  switch (method) {
    case "multiplicative":
      return { method, probabilities: inverse.map((q) => q / total), margin };
    case "additive": {
      const probabilities = inverse.map((q) => q - margin / odds.length);
      if (probabilities.some((p) => p < 0)) throw noSolution(method, odds, "a longshot would get a negative probability");
      return { method, probabilities, margin };
    }
    case "power": {
      const logs = inverse.map(Math.log);
      const f = (k: number) => 1 - logs.reduce((s, l) => s + Math.exp(k * l), 0);
      const k = solveScale(f, 1, margin, 1e-9);
      return { method, probabilities: logs.map((l) => Math.exp(k * l)), margin, k };
    }
    case "shin": {
      if (margin < -FAIR_BOOK) throw noSolution(method, odds, "Shin's model needs a non-negative overround");
      if (margin <= FAIR_BOOK) return { method, probabilities: inverse.map((q) => q / total), margin, z: 0 };
      const f = (z: number) => 1 - sum(shinProbabilities(z, inverse, total));
      const z = findRoot(f, 0, 1 - 1e-12).root;
      return { method, probabilities: shinProbabilities(z, inverse, total), margin, z };
    }
    case "odds-ratio": {
      const at = (c: number) => inverse.map((q) => q / (c + q - c * q));
      const c = solveScale((c) => 1 - sum(at(c)), 1, margin, 1e-12);
      return { method, probabilities: at(c), margin, c };
    }
    default:
      throw new InputError("margin.invalid_method", `unknown margin method ${String(method)}; use one of ${REMOVAL_METHODS.join(", ")}`);
  }
}
