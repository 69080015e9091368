/**
 * Count models of corners and cards. A match's total count (both sides) is negative
 * binomial: a Poisson whose rate is gamma distributed from match to match, which fits
 * the over-dispersion of the real counts. The total is split between the sides
 * beta-binomially: each count goes to the home side with a probability p̃ drawn once
 * per match from a beta around the sides' share of the expected count. That gives
 * each side's count its own over-dispersion and the two sides the correlation the data
 * show: EPL 2012/13 to 2018/19, with the rated means, corners per side are
 * over-dispersed (NB size about 13) but the residuals of the two sides correlate
 * -0.2 (one side's pressure is the other's lack of it), so the total is far less
 * dispersed (size about 85) than two independent sides would make it; yellow cards
 * correlate +0.17 (the referee, the temper of the match). The means come from
 * walk-forward team ratings (CountRatings, count-ratings.ts); the dispersions from
 * maximum-likelihood fits (scripts/fit-counts.ts).
 */
import jstat from "jstat";
import { InputError } from "../../../errors";

const { jStat } = jstat;

/** A negative binomial by its mean and size r (variance mean + mean²/r); size Infinity is the Poisson. */
export interface NegativeBinomial {
  mean: number;
  size: number;
}

/**
 * P(X = k) for k < n of a negative binomial, by the recurrence
 * p(k) = p(k-1) (k-1+r)/k · μ/(r+μ), p(0) = (r/(r+μ))^r; Poisson when size is Infinity.
 * The last cell is left as it is: callers size n past any line they price.
 */
export function nbPmf({ mean, size }: NegativeBinomial, n: number): Float64Array {
  const out = new Float64Array(n);
  if (n === 0) return out;
  if (mean <= 0) {
    out[0] = 1;
    return out;
  }
  if (!Number.isFinite(size)) {
    out[0] = Math.exp(-mean);
    for (let k = 1; k < n; k++) out[k] = (out[k - 1] * mean) / k;
    return out;
  }
  const q = mean / (size + mean);
  out[0] = Math.exp(size * Math.log(size / (size + mean)));
  for (let k = 1; k < n; k++) out[k] = (out[k - 1] * (k - 1 + size) * q) / k;
  return out;
}

/** log P(X = y) of a negative binomial (jstat's log-gamma). */
export function nbLogPmf(y: number, { mean, size }: NegativeBinomial): number {
  if (!Number.isFinite(size)) return y * Math.log(mean) - mean - jStat.gammaln(y + 1);
  return jStat.gammaln(y + size) - jStat.gammaln(size) - jStat.gammaln(y + 1)
    + size * Math.log(size / (size + mean)) + y * Math.log(mean / (size + mean));
}

/** Bounds of the fitted size: below 0.5 no football count has been seen; above 1e4 it is the Poisson. */
export const SIZE_RANGE = { min: 0.5, max: 1e4 } as const;

/**
 * The maximum-likelihood size of a negative binomial for counts `y` with known means
 * `means` (one per count; the sample mean when left out, which is the ML mean of an
 * NB with one mean). Golden-section search on log r, the log-likelihood being
 * unimodal in r; an under-dispersed sample gives SIZE_RANGE.max (the Poisson).
 *
 * @throws InputError "counts.invalid_sample" for no counts, a negative or fractional
 *   count, or means of another length or not positive
 */
export function fitNegativeBinomial(y: readonly number[], means?: readonly number[]): NegativeBinomial & { logLik: number } {
  if (y.length === 0 || y.some((v) => !Number.isInteger(v) || v < 0)) {
    throw new InputError("counts.invalid_sample", "a negative binomial fit needs whole, non-negative counts");
  }
  const sampleMean = y.reduce((a, b) => a + b, 0) / y.length;
  const mu = means ?? y.map(() => sampleMean);
  if (mu.length !== y.length || mu.some((m) => !(m > 0))) {
    throw new InputError("counts.invalid_sample", "one positive mean per count is needed");
  }
  const logLik = (size: number) => y.reduce((sum, v, i) => sum + nbLogPmf(v, { mean: mu[i], size }), 0);
  const size = goldenMax(logLik, SIZE_RANGE.min, SIZE_RANGE.max);
  return { mean: sampleMean, size, logLik: logLik(size) };
}

/**
 * The count still to come of a side that has `seen` so far, when a share `share` of
 * the match's expected count is still to come (1 before kick-off, 0 at the end). The
 * gamma-Poisson update: the match's rate multiplier has prior Gamma(r, r) (mean 1);
 * after `seen` counts against an expected mean·(1-share) it is Gamma(r + seen,
 * r + mean·(1-share)), so the rest is NB with size r + seen and mean
 * mean·share·(r + seen)/(r + mean·(1-share)). A match with many corners so far goes
 * on having more; a Poisson (size Infinity) ignores what was seen.
 */
export function remainingCount(prior: NegativeBinomial, share: number, seen: number): NegativeBinomial {
  if (!(share >= 0 && share <= 1)) throw new InputError("counts.invalid_share", `the share of the match still to come must be in [0, 1], got ${share}`);
  if (!Number.isFinite(prior.size)) return { mean: prior.mean * share, size: Infinity };
  const size = prior.size + seen;
  return { mean: (prior.mean * share * size) / (prior.size + prior.mean * (1 - share)), size };
}

/**
 * P(K = k) for k = 0..n of a beta-binomial: n trials, success probability drawn from
 * Beta(a, b). By the recurrence P(k+1)/P(k) = (n-k)/(k+1) · (k+a)/(n-k-1+b) from
 * P(0) = B(a, b+n)/B(a, b). With a or b Infinity (no spread) it is the binomial with
 * p = a/(a+b) given by `p`.
 */
export function betaBinomialPmf(n: number, a: number, b: number, p: number): Float64Array {
  const out = new Float64Array(n + 1);
  if (!Number.isFinite(a) || !Number.isFinite(b)) {
    out[0] = Math.pow(1 - p, n);
    for (let k = 0; k < n; k++) out[k + 1] = p >= 1 ? (k + 1 === n ? 1 : 0) : (out[k] * (n - k) * p) / ((k + 1) * (1 - p));
    return out;
  }
  out[0] = Math.exp(jStat.gammaln(b + n) + jStat.gammaln(a + b) - jStat.gammaln(b) - jStat.gammaln(a + b + n));
  for (let k = 0; k < n; k++) out[k + 1] = (out[k] * (n - k) * (k + a)) / ((k + 1) * (n - k - 1 + b));
  return out;
}

/** log P(K = k) of a beta-binomial (n trials, Beta(a, b)). */
function betaBinomialLogPmf(k: number, n: number, a: number, b: number): number {
  const g = jStat.gammaln;
  return g(n + 1) - g(k + 1) - g(n - k + 1) + g(k + a) + g(n - k + b) - g(n + a + b) + g(a + b) - g(a) - g(b);
}

/** Bounds of the fitted split concentration: below 1 the split would be U-shaped; above 1e4 it is the binomial. */
export const CONCENTRATION_RANGE = { min: 1, max: 1e4 } as const;

/**
 * The maximum-likelihood concentration φ of a beta-binomial split: count k_i of n_i
 * to the home side, the home side's share of the expected count p_i, the split's
 * probability Beta(φ p_i, φ (1 - p_i)). Golden-section search on log φ.
 *
 * @throws InputError "counts.invalid_sample" for samples of different lengths, k
 *   outside 0..n or shares outside (0, 1)
 */
export function fitSplitConcentration(k: readonly number[], n: readonly number[], p: readonly number[]): { concentration: number; logLik: number } {
  if (k.length === 0 || k.length !== n.length || k.length !== p.length || k.some((v, i) => !Number.isInteger(v) || v < 0 || v > n[i]) || p.some((x) => !(x > 0 && x < 1))) {
    throw new InputError("counts.invalid_sample", "a split fit needs, per match, whole 0 <= k <= n and a share in (0, 1)");
  }
  const logLik = (phi: number) => k.reduce((s, v, i) => s + betaBinomialLogPmf(v, n[i], phi * p[i], phi * (1 - p[i])), 0);
  const phi = goldenMax(logLik, CONCENTRATION_RANGE.min, CONCENTRATION_RANGE.max);
  return { concentration: phi, logLik: logLik(phi) };
}

/** The maximum of a unimodal function of x in [min, max], searched on log x. */
export function goldenMax(f: (x: number) => number, min: number, max: number): number {
  let lo = Math.log(min), hi = Math.log(max);
  const phi = (Math.sqrt(5) - 1) / 2;
  let a = hi - phi * (hi - lo), b = lo + phi * (hi - lo);
  let fa = f(Math.exp(a)), fb = f(Math.exp(b));
  for (let i = 0; i < 80 && hi - lo > 1e-6; i++) {
    if (fa < fb) { lo = a; a = b; fa = fb; b = lo + phi * (hi - lo); fb = f(Math.exp(b)); }
    else { hi = b; b = a; fb = fa; a = hi - phi * (hi - lo); fa = f(Math.exp(a)); }
  }
  return Math.exp((lo + hi) / 2);
}

/** A per-side count expectation of one match. */
export interface SideMeans {
  home: number;
  away: number;
}

/** Each side's expected corners and yellow cards in a match. */
export interface CountExpectations {
  corners: SideMeans;
  yellowCards: SideMeans;
}

/** The counts of a moment of a match as the model input carries them. */
export interface CountSituation {
  corners: SideMeans;
  yellowCards: SideMeans;
  /** null or absent: the league's averages (COUNT_PARAMS). */
  expected?: CountExpectations | null;
}

/** A count's dispersion: the NB size of the match total and the concentration of its beta-binomial split. */
export interface CountDispersion {
  totalSize: number;
  concentration: number;
  /** EPL average per side, for a match that comes with no expectations of its own. */
  league: SideMeans;
}

/**
 * The count model's constants: each count's dispersion, and the EPL average per side
 * used when a match comes with no team expectations. Fitted on EPL 2012/13 to
 * 2018/19 (walk-forward ratings from 2011/12; `npx tsx scripts/fit-counts.ts`),
 * scored on 2019/20 to 2021/22 (README, "Corners and cards").
 */
export interface CountParams {
  corners: CountDispersion;
  yellowCards: CountDispersion;
  /**
   * Red cards are rare (about 0.06 a side a match) and Poisson; team ratings for them
   * are noise. COUNT_PRIOR's is the 2012/13-2018/19 average, where the walk forward
   * starts; the walk forward refits the league's rate (count-forecast.ts).
   */
  redCards: { league: SideMeans };
  /**
   * The card total's closeness term (count-closeness.ts): β and the league's average
   * feature x̄ until the walk forward has fitted its own (CountForecastParams.cardCloseness.minMatches
   * matches); left out, β 0 until then.
   */
  cardCloseness?: { beta: number; average: number };
}

export const COUNT_PRIOR: CountParams = {
  // Corners: the split is beta-binomial, wider than a binomial (one side's dominance).
  corners: { totalSize: 88.9, concentration: 14.9, league: { home: 5.932, away: 4.698 } },
  // Yellow cards: the split's fit runs to the top of its range: a binomial split, the
  // shared spread all in the total (the referee and the match's temper).
  yellowCards: { totalSize: 39.0, concentration: Infinity, league: { home: 1.516, away: 1.754 } },
  redCards: { league: { home: 0.056, away: 0.080 } },
};

/**
 * The live constants: the walk forward (CountForecaster) run to the end of the data
 * (EPL to 2021/22; `npx tsx scripts/fit-counts.ts --live`), its league means and
 * totals' sizes, the league's red-card rates and the card closeness term's β and
 * average feature as they stand after the last match, so a match priced live is priced
 * as the backtest prices its last matches. The split concentrations are COUNT_PRIOR's.
 * The walk is the live forecast's (COUNT_FORECAST_PARAMS: the last re-tune, whose card
 * ratings keep all their departure from the league). The card total's size,
 * 138.7, is the spread left around those means (107.5 around the 2012/13-2018/19
 * settings' means, 64.4 around means without the closeness term: the ratings and the
 * term explain part of the spread).
 */
export const COUNT_PARAMS: CountParams = {
  corners: { totalSize: 74.1, concentration: COUNT_PRIOR.corners.concentration, league: { home: 5.637, away: 4.755 } },
  yellowCards: { totalSize: 138.7, concentration: COUNT_PRIOR.yellowCards.concentration, league: { home: 1.543, away: 1.685 } },
  redCards: { league: { home: 0.052, away: 0.069 } },
  cardCloseness: { beta: 1.490, average: 0.2465 },
};
