/**
 * A walk-forward recalibration of a count's forecast match total on the log scale:
 * the forecast mean μ becomes L·e^a·(μ/L)^b, L the league's expected total, with a and
 * b fitted by maximum likelihood (negative binomial, the total's size held) on earlier
 * matches only, each weighted by its age. The intercept a corrects a bias of the level
 * (the forecast running above or below what is seen); the slope b the spread of the
 * forecasts about the league's (b > 1: the forecasts are too flat, the ratings and the
 * referee explain more than they are given; b < 1: too extreme). a = 0, b = 1 is the
 * forecast unchanged.
 */
import { InputError } from "../../../errors";
import { DatedSample } from "./dated-sample";

/** The log-linear map of a forecast mean: μ' = L·e^a·(μ/L)^b. */
export interface MeanCalibrationFit {
  a: number;
  b: number;
}

export const IDENTITY_CALIBRATION: MeanCalibrationFit = { a: 0, b: 1 };

/** The recalibrated mean of a forecast `mean` when the league's expected total is `league`. */
export function calibrateMean(mean: number, league: number, fit: MeanCalibrationFit): number {
  return league * Math.exp(fit.a + fit.b * Math.log(mean / league));
}

/**
 * The (a, b) maximising Σ w_i log NB(y_i; L_i e^a (μ_i/L_i)^b, r): Newton's method on
 * the two parameters (the log-likelihood is concave in them for a fixed size), from
 * the identity. With x_i = log(μ_i/L_i) and m_i the recalibrated mean, the score is
 * Σ w_i r (y_i - m_i)/(r + m_i) (1, x_i) and the Hessian -Σ w_i (y_i + r) r m_i/(r + m_i)² (1, x_i)(1, x_i)ᵀ.
 * A size of Infinity is the Poisson. With `slope` false, or a sample whose forecasts
 * do not vary (the slope undetermined), b stays 1 and a alone is fitted.
 *
 * @throws InputError "counts.invalid_sample" for samples of different lengths, a
 *   negative count or a mean or league total that is not positive
 */
export function fitMeanCalibration(y: ArrayLike<number>, means: ArrayLike<number>, league: ArrayLike<number>, weights: ArrayLike<number>, size: number, n = y.length, slope = true): MeanCalibrationFit {
  if (means.length < n || league.length < n || weights.length < n) throw new InputError("counts.invalid_sample", "a calibration fit needs a mean, a league total and a weight per count");
  const x = new Float64Array(n), off = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (!(y[i] >= 0) || !(means[i] > 0) || !(league[i] > 0)) throw new InputError("counts.invalid_sample", "a calibration fit needs non-negative counts and positive means");
    x[i] = Math.log(means[i] / league[i]);
    off[i] = Math.log(league[i]);
  }
  let sw = 0, swx = 0, swxx = 0;
  for (let i = 0; i < n; i++) { sw += weights[i]; swx += weights[i] * x[i]; swxx += weights[i] * x[i] * x[i]; }
  const slopeFree = slope && sw > 0 && swxx - (swx * swx) / sw > 1e-12 * Math.max(1, sw);
  let a = 0, b = 1;
  for (let iter = 0; iter < 50; iter++) {
    let g0 = 0, g1 = 0, h00 = 0, h01 = 0, h11 = 0;
    for (let i = 0; i < n; i++) {
      const m = Math.exp(off[i] + a + b * x[i]);
      const w = weights[i];
      const [score, curv] = Number.isFinite(size)
        ? [(size * (y[i] - m)) / (size + m), ((y[i] + size) * size * m) / ((size + m) * (size + m))]
        : [y[i] - m, m];
      g0 += w * score; g1 += w * score * x[i];
      h00 += w * curv; h01 += w * curv * x[i]; h11 += w * curv * x[i] * x[i];
    }
    let da: number, db: number;
    if (slopeFree) {
      const det = h00 * h11 - h01 * h01;
      da = (h11 * g0 - h01 * g1) / det;
      db = (h00 * g1 - h01 * g0) / det;
    } else {
      da = h00 > 0 ? g0 / h00 : 0;
      db = 0;
    }
    // A step of at most 1 on either parameter: the first steps from the identity are small in practice.
    const scale = Math.min(1, 1 / Math.max(Math.abs(da), Math.abs(db), 1e-300));
    a += da * scale;
    b += db * scale;
    if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) break;
  }
  return { a, b };
}

/** How the calibration is refitted: the half-life of a match's weight, and how many matches it takes before the fit replaces the identity. */
export interface MeanCalibrationParams {
  halfLifeDays: number;
  minMatches: number;
  /** false: the intercept alone is fitted (b = 1), a correction of the level only. */
  slope?: boolean;
}


/**
 * The walk-forward calibration of one count's match total. `observe` each played
 * match with the uncalibrated mean forecast for it and the league's expected total
 * then; `fit(date, size)` fits on the matches observed so far (only earlier ones when
 * called before a day's matches are observed), once per date.
 */
export class MeanCalibration {
  private readonly sample = new DatedSample(["total", "mean", "league"] as const);

  constructor(private readonly params: MeanCalibrationParams) {}

  observe(date: string, total: number, mean: number, league: number): void {
    this.sample.observe(date, { total, mean, league });
  }

  /** The calibration on `date`: the identity until minMatches matches are observed. */
  fit(date: string, size: number): MeanCalibrationFit {
    if (this.sample.length < this.params.minMatches) return IDENTITY_CALIBRATION;
    const { total, mean, league } = this.sample.columns;
    return this.sample.fitOn(date, () =>
      fitMeanCalibration(total, mean, league, this.sample.weights(date, this.params.halfLifeDays), size, total.length, this.params.slope ?? true));
  }
}
