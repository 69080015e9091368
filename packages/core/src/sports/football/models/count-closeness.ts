/**
 * A match's closeness as a term of its card total: log μ' = log μ + β·(x − x̄), x a
 * feature of the match's pre-match 1X2 probabilities (the favourite's edge
 * |P(home) − P(away)|, or the draw's probability), x̄ its league average over earlier
 * matches, β fitted by maximum likelihood (negative binomial, the total's size held)
 * on earlier matches only, each weighted by its age, or held fixed. Close matches and
 * matches an underdog must chase are booked more; a heavy favourite's are booked less.
 * A match without odds keeps its mean (x = x̄).
 */
import { InputError } from "../../../errors";
import { DatedSample } from "./dated-sample";
import { HISTORY_ODDS_COLUMNS } from "./evidence";

/** The match features the closeness term may use. */
export type ClosenessFeature = "edge" | "draw";

/** De-margined (proportionally) 1X2 probabilities of odds, or null for odds that are not all above 1. */
export function matchProbabilities(odds: readonly [number, number, number]): [number, number, number] | null {
  if (!odds.every((o) => Number.isFinite(o) && o > 1)) return null;
  const inv = odds.map((o) => 1 / o);
  const s = inv[0] + inv[1] + inv[2];
  return [inv[0] / s, inv[1] / s, inv[2] / s];
}

/** The first complete 1X2 odds triple of a football-data row (HISTORY_ODDS_COLUMNS, Pinnacle closing first), de-margined; null where none. */
export function rowProbabilities(values: Readonly<Record<string, number>>): [number, number, number] | null {
  for (const columns of HISTORY_ODDS_COLUMNS) {
    const p = matchProbabilities(columns.map((c) => values[c]) as [number, number, number]);
    if (p) return p;
  }
  return null;
}

/** The feature of a match's 1X2 probabilities. */
export function closenessFeature(p: readonly [number, number, number], feature: ClosenessFeature): number {
  return feature === "edge" ? Math.abs(p[0] - p[2]) : p[1];
}

/**
 * The β maximising Σ w_i log NB(y_i; μ_i e^{β x_i}, r) (x_i centred by the caller):
 * Newton's method from 0, the log-likelihood concave in β for a fixed size. Score
 * Σ w r (y − m) x/(r + m), curvature Σ w (y + r) r m x²/(r + m)². A size of Infinity
 * is the Poisson.
 *
 * @throws InputError "counts.invalid_sample" for a negative count or a mean that is not positive
 */
export function fitClosenessBeta(y: ArrayLike<number>, means: ArrayLike<number>, x: ArrayLike<number>, weights: ArrayLike<number>, size: number, n = y.length): number {
  for (let i = 0; i < n; i++) {
    if (!(y[i] >= 0) || !(means[i] > 0) || !Number.isFinite(x[i])) throw new InputError("counts.invalid_sample", "a closeness fit needs non-negative counts, positive means and finite features");
  }
  let beta = 0;
  for (let iter = 0; iter < 50; iter++) {
    let g = 0, h = 0;
    for (let i = 0; i < n; i++) {
      const m = means[i] * Math.exp(beta * x[i]);
      const [score, curv] = Number.isFinite(size)
        ? [(size * (y[i] - m)) / (size + m), ((y[i] + size) * size * m) / ((size + m) * (size + m))]
        : [y[i] - m, m];
      g += weights[i] * score * x[i];
      h += weights[i] * curv * x[i] * x[i];
    }
    if (!(h > 0)) return 0;
    const step = Math.max(-1, Math.min(1, g / h));
    beta += step;
    if (Math.abs(step) < 1e-10) break;
  }
  return beta;
}

export interface ClosenessParams {
  feature: ClosenessFeature;
  /** Half-life of a match's weight in the fit of β and in the league average x̄, days. */
  halfLifeDays: number;
  /** Matches before β is fitted (0 until then); with `beta` set, the average x̄ only. */
  minMatches: number;
  /** A fixed β (no fit). */
  beta?: number;
}


/**
 * The walk-forward closeness term of one count's total. `observe` each played match
 * with its total, the mean forecast for it before the term and its feature (null: no
 * odds); `at(date, size)` gives β and x̄ from the matches observed so far (only earlier
 * ones when called before a day's matches are observed), refitted once per date.
 * With a prior, β and x̄ are the prior's until minMatches matches are observed (a
 * replay walking one season file from its first day).
 */
export class ClosenessEffect {
  private readonly sample = new DatedSample(["total", "mean", "feature"] as const);

  /** `prior`: β and x̄ used until `minMatches` matches are observed (the live constants' values at the end of the data); left out, β 0. */
  constructor(readonly params: ClosenessParams, private readonly prior: { beta: number; average: number } | null = null) {}

  observe(date: string, total: number, mean: number, feature: number | null): void {
    if (feature !== null) this.sample.observe(date, { total, mean, feature });
  }

  /** β and the league's average feature x̄ on `date`. */
  at(date: string, size: number): { beta: number; average: number } {
    return this.sample.fitOn(date, () => {
      const { total, mean, feature } = this.sample.columns;
      const n = total.length;
      if (this.prior && n < this.params.minMatches) return { ...this.prior };
      const weights = this.sample.weights(date, this.params.halfLifeDays);
      let sw = 0, swx = 0;
      for (let i = 0; i < n; i++) { sw += weights[i]; swx += weights[i] * feature[i]; }
      const average = sw > 0 ? swx / sw : 0;
      let beta = this.params.beta ?? 0;
      if (this.params.beta === undefined && n >= this.params.minMatches && n > 0) {
        beta = fitClosenessBeta(total, mean, feature.map((f) => f - average), weights, size, n);
      }
      return { beta, average };
    });
  }

  /** The multiplier of a match's total: e^{β (x − x̄)}; 1 without a feature. */
  multiplier(date: string, size: number, feature: number | null | undefined): number {
    if (feature === null || feature === undefined) return 1;
    const { beta, average } = this.at(date, size);
    return Math.exp(beta * (feature - average));
  }
}
