import { InputError } from "../../../errors";
import { poissonPmf, poissonSupport, type ScoreGrid } from "../models/grid";
import type { Score } from "../../../markets/types";
import {
  accumulate,
  emptyDistribution,
  probAbove,
  probAt,
  probBelow,
  resetDistribution,
  type GoalDistribution,
} from "./distributions";
import type { MatchDistributions } from "./match-distributions";
import type { PricingState } from "./types";

/**
 * The second half, and the two halves together, as the second-half and
 * half-time/full-time markets read them.
 *
 * Once the first half is over the second half's goals are the final score less the
 * half-time score: the full-time distributions, shifted. While the first half runs
 * (and before kick-off) the second half is its own grid, and the halves are coupled so
 * that they add up to the full-time grid exactly:
 *
 * - each side's second-half goals are Poisson with the full-time grid's mean less the
 *   first-half grid's (before kick-off the goal-time profile's share of goals after half
 *   time, 1 - 0.446 = 55.4% of each side's expected goals; in play the profile's share
 *   still to come after half time);
 * - the joint law of (first-half goals x, second-half goals z) is the independent
 *   product H(x) P0(z) plus a correction on eight low cells that carries the full-time
 *   grid's Dixon-Coles dependence. With F = H * P0 + kappa (1, -1, -1, 1) on the full-time
 *   cells 0-0, 1-0, 0-1, 1-1 (exactly what a Dixon-Coles F and a Poisson H give,
 *   kappa = -lambda mu rho e^(-lambda - mu)), the correction puts kappa on (x, z) =
 *   (0-0, 0-0), -kappa (1 - a) on (0-0, 1-0), -kappa (1 - b) on (0-0, 0-1),
 *   kappa (1 - a - b) on (0-0, 1-1), -kappa a on (1-0, 0-0), kappa a on (1-0, 0-1),
 *   -kappa b on (0-1, 0-0) and kappa b on (0-1, 1-0). Each first-half row gains nothing
 *   (the first half stays the first-half grid, so half-time markets are unchanged) and
 *   the cells of each full-time score gain F's correction (so first half + second half
 *   is the full-time grid, cell by cell). `a` and `b` are the first half's share of
 *   each side's goals still to come, which keeps every cell non-negative for any rho
 *   below 0 and, for rho above 0, as far as the grids allow (beyond that no split into
 *   halves exists and pricing says so).
 *
 * The second-half grid is then P0 + kappa (1 - a - b) (1, -1, -1, 1) on its low cells:
 * Poisson margins, with a Dixon-Coles-like dependence of its own.
 */
export interface SecondHalfDistributions {
  /** Second-half goal difference and total (so far plus to come). */
  diff: GoalDistribution;
  total: GoalDistribution;
  /** P(home scores no second-half goal), P(away none), P(neither does). */
  homeBlank: number;
  awayBlank: number;
  bothBlank: number;
  /** The second half's score so far (0-0 until half time). */
  score: Score;
  /** Whether each side may still score in the second half. */
  canHome: boolean;
  canAway: boolean;
  /** P(half-time result, full-time result), index 3 * ht + ft with 0 home, 1 draw, 2 away. */
  htft: Float64Array;
  /** P(no goal in the first half and none in the second): P(the match ends 0-0). */
  bothHalvesBlank: number;
  /** The distributions' own buffers (first half running) and views on the full-time ones (after it). */
  own: Record<"diff" | "total", GoalDistribution>;
  view: Record<"diff" | "total", GoalDistribution>;
}

/** Reusable buffers for fillSecondHalf. */
export function emptySecondHalf(): SecondHalfDistributions {
  const own = { diff: emptyDistribution(), total: emptyDistribution() };
  const view = { diff: emptyDistribution(), total: emptyDistribution() };
  return {
    ...own,
    own,
    view,
    homeBlank: 1,
    awayBlank: 1,
    bothBlank: 1,
    score: { home: 0, away: 0 },
    canHome: false,
    canAway: false,
    htft: new Float64Array(9),
    bothHalvesBlank: 1,
  };
}

/** How the two halves are coupled while the first half runs (see SecondHalfDistributions). */
export interface HalvesCoupling {
  /** Each side's expected second-half goals. */
  home: number;
  away: number;
  /** The first half's share of each side's goals still to come. */
  a: number;
  b: number;
  /** F(0-0) - H(0-0) P0(0-0): the full-time grid's low-score dependence. */
  kappa: number;
  /** The correction's eight cells: first-half goals x, second-half goals z (both still to come), mass. */
  cells: readonly { x: Score; z: Score; p: number }[];
}

function meanOf(d: GoalDistribution, offset: number): number {
  let m = 0;
  for (let i = 1; i < d.length; i++) m += i * d.pmf[i];
  return m + (d.offset - offset);
}

/** Slack on "the first half expects no more goals than the whole rest of the match". */
const MEAN_TOLERANCE = 1e-9;

function secondHalfMean(side: string, fullTime: number, firstHalf: number): number {
  const mean = fullTime - firstHalf;
  if (!(mean >= -MEAN_TOLERANCE * Math.max(1, fullTime))) {
    throw new InputError(
      "markets.invalid_state",
      `the first-half grid expects more ${side} goals (${firstHalf}) than the full-time grid (${fullTime}): the halves cannot add up to the match`,
    );
  }
  return Math.max(0, mean);
}

/** The correction's cells in order: first-half goals x and second-half goals z still to come, home and away. */
const CELL_XH = [0, 0, 0, 0, 1, 1, 0, 0];
const CELL_XA = [0, 0, 0, 0, 0, 0, 1, 1];
const CELL_ZH = [0, 1, 0, 1, 0, 0, 0, 1];
const CELL_ZA = [0, 0, 1, 1, 0, 1, 0, 0];

/**
 * Below this the residual at 0-0 is the grids' truncation (each leaves out up to 1e-10
 * of its mass, so the means read from them are good to about 1e-9), not dependence.
 */
const KAPPA_NOISE = 1e-8;

/**
 * Slack for a correction cell's mass below zero, relative to the cell: at the edge of
 * rho's range a cell is exactly 0, and the means read from the grids are good to 1e-9.
 */
const NEGATIVE_TOLERANCE = 1e-8;

/** Layout of the coupling's numbers: home, away, a, b, kappa, then the eight cells' masses. */
const C_HOME = 0, C_AWAY = 1, C_A = 2, C_B = 3, C_KAPPA = 4, C_CELLS = 5;

/**
 * Writes the coupling of the halves into `c` (see the C_* layout), allocation-free.
 * See halvesCoupling.
 */
function couplingInto(state: PricingState, d: MatchDistributions, c: Float64Array): void {
  const { fullTime, firstHalf, score } = state;
  const H = firstHalf!;
  const lambdaF = meanOf(d.home, score.home);
  const muF = meanOf(d.away, score.away);
  const lambdaH = meanOf(d.htHome, score.home);
  const muH = meanOf(d.htAway, score.away);
  const home = secondHalfMean("home", lambdaF, lambdaH);
  const away = secondHalfMean("away", muF, muH);
  const ph0 = Math.exp(-home);
  const pa0 = Math.exp(-away);
  const residual = fullTime.p[0] - H.p[0] * ph0 * pa0;
  const kappa = Math.abs(residual) <= KAPPA_NOISE ? 0 : residual;
  // First-half cells 0-0, 1-0 and 0-1 (0 when the first-half grid is a single cell).
  const h00 = H.p[0];
  const h10 = H.size > 1 ? H.p[H.size] : 0;
  const h01 = H.size > 1 ? H.p[1] : 0;
  let a = lambdaF > 0 ? Math.min(1, lambdaH / lambdaF) : 0;
  let b = muF > 0 ? Math.min(1, muH / muF) : 0;
  if (kappa < 0) {
    // A positive rho: (1-0, 0-1) and (0-1, 1-0) lose mass; keep them non-negative.
    a = Math.min(a, (h10 * ph0 * away * pa0) / -kappa);
    b = Math.min(b, (h01 * home * ph0 * pa0) / -kappa);
  }
  c[C_HOME] = home;
  c[C_AWAY] = away;
  c[C_A] = a;
  c[C_B] = b;
  c[C_KAPPA] = kappa;
  c[C_CELLS] = kappa;
  c[C_CELLS + 1] = -kappa * (1 - a);
  c[C_CELLS + 2] = -kappa * (1 - b);
  c[C_CELLS + 3] = kappa * (1 - a - b);
  c[C_CELLS + 4] = -kappa * a;
  c[C_CELLS + 5] = kappa * a;
  c[C_CELLS + 6] = -kappa * b;
  c[C_CELLS + 7] = kappa * b;
  if (kappa === 0) return;
  for (let k = 0; k < 8; k++) {
    const x = CELL_XH[k] === 1 ? h10 : CELL_XA[k] === 1 ? h01 : h00;
    const base = x * ph0 * pa0 * (CELL_ZH[k] === 1 ? home : 1) * (CELL_ZA[k] === 1 ? away : 1);
    if (base + c[C_CELLS + k] < -NEGATIVE_TOLERANCE * base) {
      throw new InputError(
        "markets.invalid_state",
        "the full-time grid's low-score dependence (Dixon-Coles rho) is too strong for the first-half grid: no split into halves adds up to it",
        { cell: k, independent: base, correction: c[C_CELLS + k], a, b, kappa },
      );
    }
  }
}

/**
 * The coupling of the halves while the first half runs, from the state's grids and the
 * first-half and full-time distributions derived from them (matchDistributions).
 *
 * @throws InputError "markets.invalid_state" when the first-half grid expects more goals
 *   than the full-time grid, or the full-time grid's low-score dependence is too strong
 *   for any split into halves (a rho above about 0.8; the feed allows up to 0.5).
 */
export function halvesCoupling(state: PricingState, d: MatchDistributions): HalvesCoupling {
  const c = new Float64Array(C_CELLS + 8);
  couplingInto(state, d, c);
  return {
    home: c[C_HOME],
    away: c[C_AWAY],
    a: c[C_A],
    b: c[C_B],
    kappa: c[C_KAPPA],
    cells: CELL_XH.map((_, k) => ({
      x: { home: CELL_XH[k], away: CELL_XA[k] },
      z: { home: CELL_ZH[k], away: CELL_ZA[k] },
      p: c[C_CELLS + k],
    })),
  };
}

/** Scales the first n probabilities to sum to 1 (the tail beyond them, under 1e-10, left out). */
function normalised(p: Float64Array, n: number): Float64Array {
  let total = 0;
  for (let i = 0; i < n; i++) total += p[i];
  const scale = 1 / total;
  for (let i = 0; i < n; i++) p[i] *= scale;
  return p;
}

function sign(x: number): number {
  return x > 0 ? 0 : x === 0 ? 1 : 2;
}

const NO_GOALS: Score = { home: 0, away: 0 };
const couplingScratch = new Float64Array(C_CELLS + 8);
const ph = new Float64Array(64);
const pa = new Float64Array(64);

/**
 * Fills `out` from the state and its match distributions `d` (matchDistributions): the
 * second half's distributions, the half-time/full-time joint and P(a goalless match).
 * Allocates nothing once warm beyond grown buffers.
 */
export function fillSecondHalf(state: PricingState, d: MatchDistributions, out: SecondHalfDistributions): SecondHalfDistributions {
  if (state.firstHalf === null) return fillAfterHalfTime(state, d, out);
  const c = couplingScratch;
  couplingInto(state, d, c);
  const home = c[C_HOME], away = c[C_AWAY];
  const n = Math.max(poissonSupport(Math.max(home, away)), 2);
  const phBuf = n <= ph.length ? ph : new Float64Array(n);
  const paBuf = n <= pa.length ? pa : new Float64Array(n);
  normalised(poissonPmf(home, n, phBuf), n);
  normalised(poissonPmf(away, n, paBuf), n);
  const second = c[C_KAPPA] * (1 - c[C_A] - c[C_B]);
  out.diff = out.own.diff;
  out.total = out.own.total;

  // Total: Poisson(home + away) and the correction (+1, -2, +1 on totals 0, 1, 2).
  resetDistribution(out.total, 0, 2 * n - 1);
  normalised(poissonPmf(home + away, 2 * n - 1, out.total.pmf as Float64Array<ArrayBuffer>), 2 * n - 1);
  out.total.pmf[0] += second;
  out.total.pmf[1] -= 2 * second;
  out.total.pmf[2] += second;
  accumulate(out.total);

  // Difference of the independent part first: the half-time/full-time joint needs it.
  const diff = out.diff;
  resetDistribution(diff, -(n - 1), 2 * n - 1);
  const dm = diff.pmf;
  // Difference k - (n - 1) gathers home i and away j = i + n - 1 - k, added in order of
  // i (as a pass over the rows adding each row's products would): one sum in a register
  // per difference instead of a read-modify-write per cell.
  for (let k = 0; k < 2 * n - 1; k++) {
    const last = k < n ? k : n - 1;
    let sum = dm[k];
    for (let i = k < n ? 0 : k - n + 1, j = i + n - 1 - k; i <= last; i++, j++) sum += phBuf[i] * paBuf[j];
    dm[k] = sum;
  }
  accumulate(diff);
  fillHalfTimeFullTime(d, diff, c, state.score, out.htft);
  // The correction: +2 on a level second half (0-0, 1-1), -1 on each one-goal lead;
  // only the cumulative sums at those three differences move.
  dm[n - 2] -= second;
  dm[n - 1] += 2 * second;
  dm[n] -= second;
  diff.cdf[n - 2] -= second;
  diff.cdf[n - 1] += second;
  diff.sf[n] -= second;
  diff.sf[n - 1] += second;

  out.homeBlank = phBuf[0];
  out.awayBlank = paBuf[0];
  out.bothBlank = out.total.pmf[0];
  out.score = NO_GOALS;
  out.canHome = home > 0;
  out.canAway = away > 0;
  out.bothHalvesBlank = state.score.home === 0 && state.score.away === 0 ? state.fullTime.p[0] : 0;
  return out;
}

/**
 * The half-time/full-time joint while the first half runs: the independent part sums,
 * for each half-time difference, the second-half differences that give each full-time
 * result; the correction cells add their mass where they land.
 */
function fillHalfTimeFullTime(d: MatchDistributions, secondDiff: GoalDistribution, c: Float64Array, score: Score, htft: Float64Array): void {
  htft.fill(0);
  const ht = d.htDiff;
  for (let i = 0; i < ht.length; i++) {
    const p = ht.pmf[i];
    if (p === 0) continue;
    const d1 = ht.offset + i;
    const row = 3 * sign(d1);
    // Full time home when d1 + d2 > 0, i.e. d2 > -d1.
    htft[row] += p * probAbove(secondDiff, -d1);
    htft[row + 1] += p * probAt(secondDiff, -d1);
    htft[row + 2] += p * probBelow(secondDiff, -d1);
  }
  const now = score.home - score.away;
  for (let k = 0; k < 8; k++) {
    const d1 = now + CELL_XH[k] - CELL_XA[k];
    htft[3 * sign(d1) + sign(d1 + CELL_ZH[k] - CELL_ZA[k])] += c[C_CELLS + k];
  }
}

function shifted(view: GoalDistribution, of: GoalDistribution, by: number): GoalDistribution {
  view.offset = of.offset - by;
  view.length = of.length;
  view.pmf = of.pmf;
  view.cdf = of.cdf;
  view.sf = of.sf;
  return view;
}

/**
 * At half time and in the second half: the second half's goals are the final score
 * less the half-time score, the half-time result is known.
 */
function fillAfterHalfTime(state: PricingState, d: MatchDistributions, out: SecondHalfDistributions): SecondHalfDistributions {
  const ht = state.halfTimeScore!;
  const { score } = state;
  // Views on the full-time buffers: no copy.
  out.diff = shifted(out.view.diff, d.diff, ht.home - ht.away);
  out.total = shifted(out.view.total, d.total, ht.home + ht.away);
  out.score = { home: score.home - ht.home, away: score.away - ht.away };
  // Each side's goals are Poisson in the first-half case; here the full-time marginals, shifted.
  out.homeBlank = probAt(d.home, ht.home);
  out.awayBlank = probAt(d.away, ht.away);
  out.bothBlank = out.score.home === 0 && out.score.away === 0 ? state.fullTime.p[0] : 0;
  out.canHome = d.canHome;
  out.canAway = d.canAway;
  const row = 3 * sign(ht.home - ht.away);
  out.htft.fill(0);
  out.htft[row] = probAbove(d.diff, 0);
  out.htft[row + 1] = probAt(d.diff, 0);
  out.htft[row + 2] = probBelow(d.diff, 0);
  out.bothHalvesBlank = ht.home + ht.away === 0 ? out.bothBlank : 0;
  return out;
}

/**
 * The second-half grid while the first half runs, as a ScoreGrid: p[h * size + a] is
 * the probability that the home side scores h and the away side a after half time.
 * Not on the pricing path (which reads its 1-D distributions); for checks and display.
 */
export function secondHalfGrid(coupling: HalvesCoupling): ScoreGrid {
  const size = Math.max(poissonSupport(coupling.home), poissonSupport(coupling.away), 2);
  const h = poissonPmf(coupling.home, size);
  const w = poissonPmf(coupling.away, size);
  const p = new Float64Array(size * size);
  for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) p[i * size + j] = h[i] * w[j];
  const second = coupling.kappa * (1 - coupling.a - coupling.b);
  p[0] += second;
  p[1] -= second;
  p[size] -= second;
  p[size + 1] += second;
  return { size, p };
}
