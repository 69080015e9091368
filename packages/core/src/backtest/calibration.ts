/**
 * Calibration measures of pooled probability forecasts that sampling noise does not
 * bias toward a flat forecast, whatever the sport:
 *
 * - the debiased squared calibration error of Kumar, Liang and Ma (2019, "Verified
 *   Uncertainty Calibration", NeurIPS) over equal-mass bins, and its square root, each
 *   selection binned on its own (their marginal calibration error);
 * - the calibration intercept and slope of a logistic recalibration,
 *   logit P(outcome) = a + b logit(forecast), fitted by maximum likelihood (the
 *   intercept with b held at 1, calibration in the large);
 * - a paired bootstrap over matches of two forecasts' difference in debiased error and
 *   in log-loss.
 *
 * The binned ECE over equal-width bins (sports/football/backtest/counts.ts) is biased
 * upward by each bin's sampling noise, and more so the more bins a forecast occupies:
 * a forecast that never moves sits in one bin and shows the least noise. Here every
 * forecast is cut into the same number of equal-mass bins, and the noise's expected
 * contribution to each bin's squared gap, f(1 - f)/(n - 1), is subtracted.
 */
import { goldenMin, minimizeLbfgs } from "../math/optimize";
import { seededRandom } from "../math/random";
import { logLoss } from "./scores";

/**
 * (forecast, happened) pairs of one selection sorted by forecast, `match` the index of
 * the match each came from (the bootstrap resamples matches).
 */
export interface CalibrationPairs {
  forecast: Float64Array;
  happened: Uint8Array;
  match: Int32Array;
}

/** Pairs of probability forecasts `p` of events that did (1) or did not (0) happen, match i's at i: sorted by forecast (ties in match order). */
export function calibrationPairs(p: ArrayLike<number>, happened: ArrayLike<number>): CalibrationPairs {
  const order = Array.from({ length: p.length }, (_, i) => i).sort((i, j) => p[i] - p[j] || i - j);
  return {
    forecast: Float64Array.from(order, (i) => p[i]),
    happened: Uint8Array.from(order, (i) => (happened[i] ? 1 : 0)),
    match: Int32Array.from(order),
  };
}

/** Each selection's pairs: selection k's forecast of every match, and whether it won. */
export function selectionPairs(forecasts: readonly (readonly number[])[], outcomes: readonly number[]): CalibrationPairs[] {
  const selections = forecasts[0]?.length ?? 0;
  return Array.from({ length: selections }, (_, k) => calibrationPairs(forecasts.map((ps) => ps[k]), outcomes.map((o) => (o === k ? 1 : 0))));
}

/** One equal-mass bin: its mean forecast, the share of its pairs that happened and its (weighted) count. */
export interface MassBin {
  meanForecast: number;
  observedFrequency: number;
  count: number;
}

/**
 * Equal-mass bins of sorted pairs: each run of equal forecasts goes whole to the bin of
 * its middle rank, bin = floor(bins * (rank before the run + half the run) / pairs), so
 * without ties every bin holds the same number of pairs, and a constant forecast is one
 * bin. `matchWeight[m]`, when given, counts match m's pairs that many times (a bootstrap
 * resample); a weight 0 leaves them out. Empty bins are left out.
 */
export function equalMassBins(pairs: CalibrationPairs, bins = 10, matchWeight?: ArrayLike<number>): MassBin[] {
  const { forecast, happened, match } = pairs;
  const n = forecast.length;
  const weightOf = (i: number) => (matchWeight ? matchWeight[match[i]] : 1);
  let total = 0;
  for (let i = 0; i < n; i++) total += weightOf(i);
  const count = new Float64Array(bins), sum = new Float64Array(bins), hits = new Float64Array(bins);
  let before = 0;
  for (let i = 0; i < n;) {
    let j = i, run = 0;
    while (j < n && forecast[j] === forecast[i]) run += weightOf(j++);
    if (run > 0) {
      const b = Math.min(bins - 1, Math.floor((bins * (before + run / 2)) / total));
      for (let k = i; k < j; k++) {
        const w = weightOf(k);
        count[b] += w;
        sum[b] += w * forecast[k];
        hits[b] += w * happened[k];
      }
      before += run;
    }
    i = j;
  }
  const out: MassBin[] = [];
  for (let b = 0; b < bins; b++) if (count[b] > 0) out.push({ meanForecast: sum[b] / count[b], observedFrequency: hits[b] / count[b], count: count[b] });
  return out;
}

/**
 * The debiased squared calibration error of binned pairs (Kumar, Liang and Ma 2019):
 * over the bins, weighted by their share of pairs, (mean forecast - observed
 * frequency)^2 less the part sampling noise alone puts there in expectation,
 * f(1 - f)/(n - 1) for a bin of n pairs of which a share f happened. Unbiased for the
 * binned squared error, so it can be below 0; a bin of one pair adds nothing.
 */
export function debiasedSquaredError(bins: readonly MassBin[]): number {
  const total = bins.reduce((s, b) => s + b.count, 0);
  let e = 0;
  for (const b of bins) {
    if (b.count < 2) continue;
    const f = b.observedFrequency;
    e += (b.count / total) * ((b.meanForecast - f) ** 2 - (f * (1 - f)) / (b.count - 1));
  }
  return e;
}

/**
 * The debiased squared error of each selection (`pairs`, from selectionPairs), each over
 * its own equal-mass bins; unclamped. `matchWeight` as in equalMassBins.
 */
export function selectionSquaredErrors(pairs: readonly CalibrationPairs[], bins = 10, matchWeight?: ArrayLike<number>): number[] {
  return pairs.map((sp) => debiasedSquaredError(equalMassBins(sp, bins, matchWeight)));
}

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);

/** The debiased calibration error of selections' squared errors: each clamped at 0, their mean's square root. */
const marginalError = (squared: readonly number[]) => Math.sqrt(mean(squared.map((e) => Math.max(0, e))));

/**
 * The debiased calibration error of forecasts of several selections, the marginal
 * calibration error of Kumar, Liang and Ma (2019): each selection's forecasts binned on
 * their own (equal mass, `bins` bins), its debiased squared error clamped at 0, the
 * mean over the selections and its square root. Each selection is binned apart because
 * pooling them cancels misses: an over/under's over forecast at 0.45 and its under at
 * 0.45 (the over at 0.55) share a bin, so an over forecast 0.05 too low everywhere
 * shows no gap pooled.
 */
export function debiasedCalibrationError(forecasts: readonly (readonly number[])[], outcomes: readonly number[], bins = 10): number {
  return marginalError(selectionSquaredErrors(selectionPairs(forecasts, outcomes), bins));
}

/** The indices of each stratum's matches, strata in order of first appearance. */
function strataRows(strata: ArrayLike<string | number>): number[][] {
  const rows = new Map<string | number, number[]>();
  for (let i = 0; i < strata.length; i++) {
    const list = rows.get(strata[i]);
    if (list) list.push(i);
    else rows.set(strata[i], [i]);
  }
  return [...rows.values()];
}

/**
 * Each stratum's selection pairs (`strata[i]`, match i's stratum: its season, say), in
 * order of the strata's first appearance; `match` indexes the whole forecast list, so a
 * bootstrap's match weights apply.
 */
export function stratifiedSelectionPairs(forecasts: readonly (readonly number[])[], outcomes: readonly number[], strata: ArrayLike<string | number>): CalibrationPairs[][] {
  return strataRows(strata).map((idx) => selectionPairs(idx.map((i) => forecasts[i]), idx.map((i) => outcomes[i])).map((sp) => ({ ...sp, match: Int32Array.from(sp.match, (j) => idx[j]) })));
}

/**
 * Each selection's debiased squared error within strata: the stratum's own equal-mass
 * bins, the strata's errors weighted by their share of the (weighted) matches;
 * unclamped. `matchWeight` as in equalMassBins.
 */
export function stratifiedSquaredErrors(strata: readonly (readonly CalibrationPairs[])[], bins = 10, matchWeight?: ArrayLike<number>): number[] {
  const weightOf = (sp: CalibrationPairs) => {
    if (!matchWeight) return sp.match.length;
    let w = 0;
    for (const m of sp.match) w += matchWeight[m];
    return w;
  };
  const shares = strata.map((s) => (s.length ? weightOf(s[0]) : 0));
  const total = shares.reduce((a, b) => a + b, 0);
  const selections = strata[0]?.length ?? 0;
  return Array.from({ length: selections }, (_, k) => strata.reduce((e, s, j) => (shares[j] > 0 ? e + (shares[j] / total) * debiasedSquaredError(equalMassBins(s[k], bins, matchWeight)) : e), 0));
}

/**
 * The debiased calibration error within strata (calibration conditional on the
 * stratum): as debiasedCalibrationError, each selection binned within each stratum on
 * its own and the strata's squared errors averaged by their share of matches. Pooled
 * over seasons, a forecast too high in one season and too low in the next shares bins
 * in both and its misses cancel; within seasons they do not. A forecast calibrated in
 * every stratum is calibrated pooled; not the other way about.
 */
export function withinStrataCalibrationError(forecasts: readonly (readonly number[])[], outcomes: readonly number[], strata: ArrayLike<string | number>, bins = 10): number {
  return marginalError(stratifiedSquaredErrors(stratifiedSelectionPairs(forecasts, outcomes, strata), bins));
}

/**
 * A logistic recalibration's fit. `intercept` is calibration in the large, a of
 * logit P = a + logit(p) (b held at 1); `slope` is b of the joint fit
 * logit P = a + b logit(p), whose a is `jointIntercept` (its value at p = 0.5, far from
 * the data when the forecasts barely move). null where undefined: the slope and the
 * joint intercept of a constant forecast.
 */
export interface Recalibration {
  intercept: number;
  interceptSE: number;
  slope: number | null;
  slopeSE: number | null;
  jointIntercept: number | null;
  jointInterceptSE: number | null;
  pairs: number;
}

const LOGIT_FLOOR = 1e-12;
const logit = (p: number) => {
  const q = Math.min(1 - LOGIT_FLOOR, Math.max(LOGIT_FLOOR, p));
  return Math.log(q / (1 - q));
};
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
/** log(1 + e^z) without overflow. */
const softplus = (z: number) => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));

/** The range searched for the intercept at b = 1 (a shift of the log-odds). */
const INTERCEPT_RANGE = { min: -10, max: 10 } as const;

/**
 * The logistic recalibration of probability forecasts `p` of events that did (1) or did
 * not (0) happen, by maximum likelihood: the intercept a of logit P(happened) = a +
 * logit(p) (golden-section search), and the slope b of logit P = a + b logit(p) (L-BFGS
 * from a = 0, b = 1); standard errors from the inverse Fisher information at each fit.
 * A calibrated forecast has a = 0 and b = 1; a > 0, events more frequent than forecast;
 * b > 1, a forecast too flat (its spread too small), b < 1 too extreme. When every
 * forecast is the same, the slope is undefined (null).
 */
export function logisticRecalibration(p: readonly number[], happened: readonly number[]): Recalibration {
  const n = p.length;
  const x = Float64Array.from(p, logit), y = Float64Array.from(happened);
  const nll = (a: number, b: number) => {
    let f = 0;
    for (let i = 0; i < n; i++) { const z = a + b * x[i]; f += softplus(z) - y[i] * z; }
    return f;
  };
  const intercept = goldenMin((a) => nll(a, 1), INTERCEPT_RANGE.min, INTERCEPT_RANGE.max, 1e-9);
  let info = 0;
  for (let i = 0; i < n; i++) { const q = sigmoid(intercept + x[i]); info += q * (1 - q); }
  const atOne = { intercept, interceptSE: 1 / Math.sqrt(info), pairs: n };
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < n; i++) { lo = Math.min(lo, x[i]); hi = Math.max(hi, x[i]); }
  if (!(hi - lo > 1e-9 * Math.max(1, Math.abs(hi)))) return { ...atOne, slope: null, slopeSE: null, jointIntercept: null, jointInterceptSE: null };
  // The mean negative log-likelihood and its gradient in (a, b).
  const fit = minimizeLbfgs((ab, grad) => {
    const [a, b] = ab;
    let ga = 0, gb = 0;
    for (let i = 0; i < n; i++) {
      const r = sigmoid(a + b * x[i]) - y[i];
      ga += r;
      gb += r * x[i];
    }
    grad[0] = ga / n;
    grad[1] = gb / n;
    return nll(a, b) / n;
  }, [0, 1], { gradientTolerance: 1e-10, valueTolerance: 1e-15 });
  const [a, b] = fit.x;
  let iaa = 0, iab = 0, ibb = 0;
  for (let i = 0; i < n; i++) {
    const q = sigmoid(a + b * x[i]), w = q * (1 - q);
    iaa += w;
    iab += w * x[i];
    ibb += w * x[i] * x[i];
  }
  const det = iaa * ibb - iab * iab;
  return { ...atOne, slope: b, slopeSE: Math.sqrt(iaa / det), jointIntercept: a, jointInterceptSE: Math.sqrt(ibb / det) };
}

/** The paired bootstrap's result: how often the first forecast ("model") did better than the second. */
export interface PairedBootstrap {
  resamples: number;
  seed: number;
  /** Share of resamples with the model's debiased squared calibration error below the baseline's (ties count half). */
  modelBetterCalibration: number;
  /** Share of resamples with the model's mean log-loss below the baseline's (ties count half). */
  modelBetterLogLoss: number;
  /** 95% percentile intervals of model minus baseline: debiased calibration error, and mean log-loss. */
  calibrationDifference: [number, number];
  logLossDifference: [number, number];
}

export interface PairedBootstrapOptions {
  resamples?: number;
  seed?: number;
  bins?: number;
  /**
   * Each match's stratum (its season, say): given, each resample draws each stratum's
   * matches from that stratum alone (as many as it has) and the calibration compared is
   * the error within strata (withinStrataCalibrationError).
   */
  strata?: ArrayLike<string | number>;
}

const quantile = (sorted: Float64Array, q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))];

/**
 * A paired bootstrap over matches of two forecasts of the same matches: each resample
 * draws as many matches as there are, with replacement, from a generator seeded with
 * `seed` (the same seed, the same resamples), and scores both forecasts on it: the
 * debiased calibration error (each selection's equal-mass bins of the resample) and
 * the mean log-loss. The debiased errors are compared as the mean of the selections'
 * squared errors before any clamp at 0, so two forecasts both within noise of
 * calibrated still differ; the interval is of the errors as reported. With `strata`,
 * each stratum is resampled on its own and the errors are within strata.
 */
export function pairedBootstrap(
  model: readonly (readonly number[])[],
  baseline: readonly (readonly number[])[],
  outcomes: readonly number[],
  options: PairedBootstrapOptions = {},
): PairedBootstrap {
  const { resamples = 2000, seed = 1, bins = 10, strata } = options;
  const n = outcomes.length;
  // Each stratum's matches and pairs; unstratified, one stratum of every match.
  const groups = strataRows(strata ?? new Uint8Array(n));
  const pairsOf = (forecasts: readonly (readonly number[])[]) => (strata ? stratifiedSelectionPairs(forecasts, outcomes, strata) : [selectionPairs(forecasts, outcomes)]);
  const modelPairs = pairsOf(model), baselinePairs = pairsOf(baseline);
  const modelLoss = Float64Array.from(model, (ps, i) => logLoss(ps as number[], outcomes[i]));
  const baselineLoss = Float64Array.from(baseline, (ps, i) => logLoss(ps as number[], outcomes[i]));
  const rng = seededRandom(seed, "paired-bootstrap");
  const weight = new Float64Array(n);
  const calibrationDiff = new Float64Array(resamples), lossDiff = new Float64Array(resamples);
  let betterCalibration = 0, betterLoss = 0;
  for (let r = 0; r < resamples; r++) {
    weight.fill(0);
    for (const g of groups) for (let i = 0; i < g.length; i++) weight[g[rng.int(0, g.length - 1)]]++;
    const sm = stratifiedSquaredErrors(modelPairs, bins, weight), sb = stratifiedSquaredErrors(baselinePairs, bins, weight);
    const em = mean(sm), eb = mean(sb);
    let dl = 0;
    for (let i = 0; i < n; i++) dl += weight[i] * (modelLoss[i] - baselineLoss[i]);
    dl /= n;
    betterCalibration += em < eb ? 1 : em === eb ? 0.5 : 0;
    betterLoss += dl < 0 ? 1 : dl === 0 ? 0.5 : 0;
    calibrationDiff[r] = marginalError(sm) - marginalError(sb);
    lossDiff[r] = dl;
  }
  calibrationDiff.sort();
  lossDiff.sort();
  return {
    resamples,
    seed,
    modelBetterCalibration: betterCalibration / resamples,
    modelBetterLogLoss: betterLoss / resamples,
    calibrationDifference: [quantile(calibrationDiff, 0.025), quantile(calibrationDiff, 0.975)],
    logLossDifference: [quantile(lossDiff, 0.025), quantile(lossDiff, 0.975)],
  };
}

/** A forecast's consistency test (consistencyTest). */
export interface ConsistencyTest {
  /** The debiased calibration error seen (within strata when strata were given). */
  error: number;
  /** Its mean over outcomes drawn from the forecast itself: what a calibrated forecast of this spread shows on these matches. */
  nullMean: number;
  /** The share of those draws whose error is at least the one seen, (1 + k)/(1 + resamples): small, the forecast is not calibrated. */
  pValue: number;
  resamples: number;
  seed: number;
}

export interface ConsistencyOptions {
  resamples?: number;
  seed?: number;
  bins?: number;
  /** Each match's stratum: given, the error tested is the error within strata (withinStrataCalibrationError). */
  strata?: ArrayLike<string | number>;
}

/**
 * Consistency resampling (Bröcker and Smith 2007, "Increasing the reliability of
 * reliability diagrams", Weather and Forecasting 22): is a forecast's debiased
 * calibration error more than a calibrated forecast of the same spread would show on
 * as many matches? Each resample draws every match's outcome from the forecast itself
 * (selection k with probability p_k) and measures the error again on the same bins (the
 * bins depend on the forecasts alone, so the pairs are sorted once and only their
 * outcomes change). The p-value is the share of draws at least as far out as the error
 * seen. This asks each forecast about itself, so it answers what comparing two
 * forecasts' errors cannot: a forecast that never moves fills one bin, and its error
 * is the noise of one bin, while a forecast spread over ten bins carries the noise of
 * ten; clamped at 0 they are not on one footing, and even with both exactly calibrated
 * the spread forecast's error is the higher more often than the lower.
 */
export function consistencyTest(forecasts: readonly (readonly number[])[], outcomes: readonly number[], options: ConsistencyOptions = {}): ConsistencyTest {
  const { resamples = 1000, seed = 1, bins = 10, strata } = options;
  const n = outcomes.length;
  const strataPairs = strata ? stratifiedSelectionPairs(forecasts, outcomes, strata) : [selectionPairs(forecasts, outcomes)];
  // One stratum of every match is the pooled error (debiasedCalibrationError) to the bit; given strata, withinStrataCalibrationError.
  const errorOf = () => marginalError(stratifiedSquaredErrors(strataPairs, bins));
  const error = errorOf();
  const rng = seededRandom(seed, "consistency");
  const drawn = new Int32Array(n);
  let atLeast = 0, total = 0;
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) {
      const ps = forecasts[i];
      let u = rng.unit(), k = 0;
      while (k < ps.length - 1 && u >= ps[k]) u -= ps[k++];
      drawn[i] = k;
    }
    for (const selections of strataPairs) {
      selections.forEach((sp, k) => { for (let j = 0; j < sp.match.length; j++) sp.happened[j] = drawn[sp.match[j]] === k ? 1 : 0; });
    }
    const e = errorOf();
    total += e;
    // A hair of tolerance: a draw equal to the error seen, in floating point, counts as at least as far out.
    if (e >= error - 1e-12) atLeast++;
  }
  return { error, nullMean: total / resamples, pValue: (1 + atLeast) / (1 + resamples), resamples, seed };
}
