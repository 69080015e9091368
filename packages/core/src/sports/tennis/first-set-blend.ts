import { goldenMin } from "../../math/optimize";
import { baselineKey } from "./baseline";
import { FIRST_SET_FREQUENCIES } from "./first-set-frequencies";

/**
 * After the first set, the match-winner forecast is the point model's probability
 * blended on the logit scale with the frequency baseline's: how often, in earlier
 * matches of the same tour, format and favourite's price (bins of 0.05), the favourite
 * went on to win having won (or lost) the first set. The model knows tennis; the
 * frequency follows what the tour has been doing lately (WTA favourites who lost the
 * first set came back in 28.6% of matches in 2016-18 and 31.7% in 2019-21), and
 * each is wrong where the other is not.
 */
export interface FirstSetBlend {
  /** The frequency's share of the logit, in [0, 1] (0: the model alone). */
  weight: number;
  /** A's frequency of winning the match having won the first set, and having lost it. */
  aWonSet: number;
  aLostSet: number;
}

const logit = (p: number) => Math.log(p / (1 - p));
const clampP = (p: number) => Math.min(1 - 1e-12, Math.max(1e-12, p));

/** logistic((1 - weight) * logit(model) + weight * logit(frequency)). */
export function blendWithFrequency(model: number, frequency: number, weight: number): number {
  if (weight === 0) return model;
  return 1 / (1 + Math.exp(-((1 - weight) * logit(clampP(model)) + weight * logit(clampP(frequency)))));
}

/** Fewer earlier matches than this and the blend weight stays at its fallback. */
export const MIN_BLEND_MATCHES = 500;

/** One earlier match after its first set: the model's forecast, the baseline's, and whether the favourite won. */
export interface BlendSeen {
  model: number;
  frequency: number;
  y: number;
}

/**
 * The blend weight by maximum likelihood on earlier matches' outcomes after the first
 * set (golden-section search on [0, 1]: the log-likelihood of a logit-linear blend is
 * concave in the weight).
 */
export function fitBlendWeight(matches: readonly BlendSeen[], fallback = 0): number {
  if (matches.length < MIN_BLEND_MATCHES) return fallback;
  const lm = Float64Array.from(matches, (m) => logit(clampP(m.model)));
  const lf = Float64Array.from(matches, (m) => logit(clampP(m.frequency)));
  const loss = (w: number) => {
    let l = 0;
    for (let i = 0; i < matches.length; i++) {
      const x = (1 - w) * lm[i] + w * lf[i];
      // -log(logistic(x)) = log(1 + e^-x), for the favourite winning; x -> -x when she lost.
      const s = matches[i].y ? x : -x;
      l += s > 0 ? Math.log1p(Math.exp(-s)) : -s + Math.log1p(Math.exp(s));
    }
    return l;
  };
  return goldenMin(loss, 0, 1, 1e-4);
}

/**
 * Tours whose after-first-set forecast is blended with the baseline, chosen on 2016-18
 * (2015 as history; the weight refitted each January on every earlier match) by the
 * log-loss after the first set: WTA 0.4201 against 0.4207 unblended, ATP 0.4431
 * against 0.4436.
 */
export const FIRST_SET_BLEND_TOURS: Record<string, boolean> = { ATP: true, WTA: true };

/**
 * The blend weight live prices use, per tour: fitted by maximum likelihood on every
 * match of 2015-2021 after its first set (walk-forward forecasts against outcomes), as
 * the backtest refits it each January (`next` of a run over 2015-2021: WTA 0.380, ATP
 * 0.189; refitted each January, WTA 0.29 to 0.36 and ATP 0.03 to 0.20 for 2016-21).
 * Written with the baseline's counts by `scripts/tennis-first-set-frequencies.ts`.
 */
export const FIRST_SET_BLEND: Record<string, number> = { ATP: 0.19, WTA: 0.38 };

/**
 * A's frequencies after the first set for live prices: the baseline's counts of 2015-2021
 * (FIRST_SET_FREQUENCIES) for the tour, format and favourite's probability, Laplace-
 * smoothed as the baseline is, turned to A's side. Null where the tour has no blend.
 *
 * @param matchProbability A's pre-match probability of winning (ratings or market)
 */
export function firstSetBlendOf(tour: string, bestOf: number, matchProbability: number): FirstSetBlend | null {
  const weight = FIRST_SET_BLEND[tour] ?? 0;
  if (!(weight > 0) || !(matchProbability > 0 && matchProbability < 1)) return null;
  const aFavourite = matchProbability >= 0.5;
  const key = baselineKey(tour, bestOf, aFavourite ? matchProbability : 1 - matchProbability);
  const freq = (favouriteWonSet: boolean) => {
    const [wins, n] = FIRST_SET_FREQUENCIES[`${key}|${favouriteWonSet}`] ?? [0, 0];
    return (wins + 1) / (n + 2);
  };
  return aFavourite ? { weight, aWonSet: freq(true), aLostSet: freq(false) } : { weight, aWonSet: 1 - freq(false), aLostSet: 1 - freq(true) };
}

/**
 * Weights tilted exponentially by each component's probability of winning, w_k e^(θ x_k)
 * renormalised, with θ solved (bisection: the mean rises with θ) so the mixture's
 * probability is `target`: the smallest change of the mixture (in relative entropy)
 * that gives A the blended probability, so every market moves with the match winner.
 */
export function tiltWeights(weights: ArrayLike<number>, wins: ArrayLike<number>, target: number): { weights: Float64Array; theta: number } {
  const n = weights.length;
  const out = new Float64Array(n);
  const mean = (theta: number) => {
    let total = 0, win = 0;
    for (let k = 0; k < n; k++) { out[k] = weights[k] * Math.exp(theta * (wins[k] - 0.5)); total += out[k]; win += out[k] * wins[k]; }
    for (let k = 0; k < n; k++) out[k] /= total;
    return win / total;
  };
  let lo = -200, hi = 200;
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (mean(mid) < target) lo = mid; else hi = mid;
  }
  const theta = (lo + hi) / 2;
  mean(theta);
  return { weights: out, theta };
}
