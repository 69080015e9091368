/**
 * Count models of corners and cards: each side's count in a match is negative
 * binomial (a Poisson whose rate is gamma distributed from match to match), which
 * fits the over-dispersion of the real counts (EPL corners per side: variance about
 * 1.3 times the mean). The mean comes from walk-forward team ratings (counts.ts in
 * backtest/ and CountRatings below); the dispersion from a maximum-likelihood fit.
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
  let lo = Math.log(SIZE_RANGE.min), hi = Math.log(SIZE_RANGE.max);
  const phi = (Math.sqrt(5) - 1) / 2;
  let a = hi - phi * (hi - lo), b = lo + phi * (hi - lo);
  let fa = logLik(Math.exp(a)), fb = logLik(Math.exp(b));
  for (let i = 0; i < 80 && hi - lo > 1e-6; i++) {
    if (fa < fb) { lo = a; a = b; fa = fb; b = lo + phi * (hi - lo); fb = logLik(Math.exp(b)); }
    else { hi = b; b = a; fb = fa; a = hi - phi * (hi - lo); fa = logLik(Math.exp(a)); }
  }
  const size = Math.exp((lo + hi) / 2);
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

/**
 * The count model's constants: the dispersion (NB size) of each count, and the EPL
 * average per side used when a match comes with no team expectations. Fitted on EPL
 * 2012/13 to 2018/19 (walk-forward ratings from 2011/12; `npx tsx
 * scripts/fit-counts.ts`), scored on 2019/20 to 2021/22 (BENCHMARKS.md, README).
 */
export interface CountParams {
  corners: { size: number; league: SideMeans };
  yellowCards: { size: number; league: SideMeans };
  /** Red cards are rare (about 0.06 a side a match) and Poisson; team ratings for them are noise. */
  redCards: { league: SideMeans };
}

export const COUNT_PARAMS: CountParams = {
  corners: { size: 19.5, league: { home: 5.73, away: 4.6 } },
  yellowCards: { size: 28, league: { home: 1.57, away: 1.8 } },
  redCards: { league: { home: 0.054, away: 0.071 } },
};

/** Team ratings of a count: multipliers of the league's per-side mean, fitted on earlier matches only. */
export interface CountRatingParams {
  /** Half-life of a match's weight, days. */
  halfLifeDays: number;
  /** Prior strength, in league-average matches: a team with little history stays near 1. */
  priorMatches: number;
}

/** Tuned on EPL 2012/13 to 2018/19 (grid over half-life and prior; scripts/fit-counts.ts). */
export const COUNT_RATING_PARAMS: Readonly<Record<"corners" | "yellowCards", CountRatingParams>> = {
  corners: { halfLifeDays: 240, priorMatches: 8 },
  yellowCards: { halfLifeDays: 240, priorMatches: 16 },
};

interface Sums {
  /** Decayed sum of counts (for, against) and of the expected counts they are measured against. */
  forCount: number;
  forExpected: number;
  againstCount: number;
  againstExpected: number;
  day: number;
}

const DAY_MS = 86_400_000;

/**
 * Walk-forward count ratings of one count (corners, or yellow cards): each team's
 * "for" and "against" multipliers of the league's per-side mean, gamma-Poisson
 * shrunk to 1 (rating = (Σ w·count + κ) / (Σ w·expected + κ), κ = priorMatches), the
 * weights halving every halfLifeDays; the league's per-side mean from every earlier
 * match, weighted the same way. Call `expect` before `observe` for each match: the
 * expectation then uses earlier matches only.
 */
export class CountRatings {
  private readonly teams = new Map<string, Sums>();
  private league = { home: 0, away: 0, weight: 0, day: 0 };

  constructor(private readonly params: CountRatingParams, private readonly prior: SideMeans) {}

  private decay(fromDay: number, toDay: number): number {
    return toDay > fromDay ? Math.pow(0.5, (toDay - fromDay) / this.params.halfLifeDays) : 1;
  }

  /** The league's per-side mean at `day`, the prior counting as priorMatches matches. */
  leagueMeans(date: string): SideMeans {
    const day = Date.parse(date) / DAY_MS;
    const w = this.league.weight * this.decay(this.league.day, day);
    const f = this.decay(this.league.day, day);
    const k = this.params.priorMatches;
    return {
      home: (this.league.home * f + k * this.prior.home) / (w + k),
      away: (this.league.away * f + k * this.prior.away) / (w + k),
    };
  }

  private rating(team: string, day: number): { attack: number; defence: number } {
    const s = this.teams.get(team);
    const k = this.params.priorMatches;
    if (!s) return { attack: 1, defence: 1 };
    const f = this.decay(s.day, day);
    return { attack: (s.forCount * f + k) / (s.forExpected * f + k), defence: (s.againstCount * f + k) / (s.againstExpected * f + k) };
  }

  /** The expected count of each side of a match on `date`, from matches observed so far. */
  expect(homeTeam: string, awayTeam: string, date: string): SideMeans {
    const day = Date.parse(date) / DAY_MS;
    const league = this.leagueMeans(date);
    const home = this.rating(homeTeam, day), away = this.rating(awayTeam, day);
    return { home: league.home * home.attack * away.defence, away: league.away * away.attack * home.defence };
  }

  /** Adds a played match's counts. */
  observe(homeTeam: string, awayTeam: string, date: string, counts: SideMeans): void {
    const day = Date.parse(date) / DAY_MS;
    const league = this.leagueMeans(date);
    const home = this.rating(homeTeam, day), away = this.rating(awayTeam, day);
    // Each side's count against what the opponent's rating (and the league) led to expect.
    this.add(homeTeam, day, counts.home, league.home * away.defence, counts.away, league.away * away.attack);
    this.add(awayTeam, day, counts.away, league.away * home.defence, counts.home, league.home * home.attack);
    const f = this.decay(this.league.day, day);
    this.league = { home: this.league.home * f + counts.home, away: this.league.away * f + counts.away, weight: this.league.weight * f + 1, day: Math.max(day, this.league.day) };
  }

  private add(team: string, day: number, forCount: number, forExpected: number, againstCount: number, againstExpected: number): void {
    const s = this.teams.get(team) ?? { forCount: 0, forExpected: 0, againstCount: 0, againstExpected: 0, day };
    const f = this.decay(s.day, day);
    this.teams.set(team, {
      forCount: s.forCount * f + forCount,
      forExpected: s.forExpected * f + forExpected,
      againstCount: s.againstCount * f + againstCount,
      againstExpected: s.againstExpected * f + againstExpected,
      day: Math.max(day, s.day),
    });
  }
}
