/**
 * The negative binomial size of a match's total count, refitted walk-forward: by
 * maximum likelihood on every earlier match, each weighted by its age, given the means
 * the model forecast for it. Fixed constants fitted on 2012/13 to 2018/19 left the
 * total's spread where those seasons had it while the league's moved (corners per
 * match and their spread drift from season to season).
 */
import jstat from "jstat";
import { goldenMax, SIZE_RANGE } from "./counts";
import { DatedSample } from "./dated-sample";

const { jStat } = jstat;

/**
 * The size r of a negative binomial maximising Σ w_i log NB(y_i; μ_i, r). The terms of
 * the log-likelihood that depend on r are Σ w_i [log Γ(y_i + r) - log Γ(r) + r log r -
 * (r + y_i) log(r + μ_i)]; the log-gamma terms are summed once per distinct count (a
 * few dozen) rather than per match.
 */
export function fitWeightedSize(y: ArrayLike<number>, means: ArrayLike<number>, weights: ArrayLike<number>, n = y.length): number {
  const byCount = new Map<number, number>();
  for (let i = 0; i < n; i++) byCount.set(y[i], (byCount.get(y[i]) ?? 0) + weights[i]);
  let weight = 0;
  for (let i = 0; i < n; i++) weight += weights[i];
  const logLik = (r: number) => {
    let s = weight * r * Math.log(r);
    for (const [count, w] of byCount) s += w * (jStat.gammaln(count + r) - jStat.gammaln(r));
    for (let i = 0; i < n; i++) s -= weights[i] * (r + y[i]) * Math.log(r + means[i]);
    return s;
  };
  return goldenMax(logLik, SIZE_RANGE.min, SIZE_RANGE.max);
}

/** How the size is refitted: the half-life of a match's weight, and how many matches it takes before the fit replaces the prior size. */
export interface DispersionRefitParams {
  halfLifeDays: number;
  minMatches: number;
}


/**
 * The walk-forward size of one count's match total. `observe` each played match with
 * the mean forecast for it; `size(date)` fits on the matches observed so far (only
 * earlier ones when called before a day's matches are observed), once per date.
 */
export class TotalDispersion {
  private readonly sample = new DatedSample(["total", "mean"] as const);

  constructor(private readonly params: DispersionRefitParams, private readonly prior: number) {}

  /** Matches observed so far. */
  get matches(): number {
    return this.sample.length;
  }

  observe(date: string, total: number, mean: number): void {
    this.sample.observe(date, { total, mean });
  }

  /** The size on `date`: the prior until minMatches matches are observed. */
  size(date: string): number {
    if (this.sample.length < this.params.minMatches) return this.prior;
    const { total, mean } = this.sample.columns;
    return this.sample.fitOn(date, () => fitWeightedSize(total, mean, this.sample.weights(date, this.params.halfLifeDays)));
  }
}
