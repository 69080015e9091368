import type { ScoreGrid } from "../models/grid";

/**
 * The distribution of one whole-number quantity of a match (final goal difference,
 * total goals, one side's goals) over `offset .. offset + length - 1`, with cumulative
 * sums both ways so that every line of a market is two array reads. Buffers are reused
 * from call to call: pricing a match allocates nothing.
 */
export interface GoalDistribution {
  offset: number;
  length: number;
  pmf: Float64Array;
  /** cdf[i] = P(X <= offset + i). */
  cdf: Float64Array;
  /** sf[i] = P(X >= offset + i). */
  sf: Float64Array;
}

/** A distribution with no buffers yet; resetDistribution sizes it. */
export function emptyDistribution(): GoalDistribution {
  return { offset: 0, length: 0, pmf: new Float64Array(0), cdf: new Float64Array(0), sf: new Float64Array(0) };
}

/** Sets the range and zeroes the mass, growing the buffers when needed. */
export function resetDistribution(d: GoalDistribution, offset: number, length: number): void {
  if (d.pmf.length < length) {
    const capacity = Math.max(length, 2 * d.pmf.length);
    d.pmf = new Float64Array(capacity);
    d.cdf = new Float64Array(capacity);
    d.sf = new Float64Array(capacity);
  } else {
    // A loop: for the few dozen cells of a goal distribution, cheaper than a fill call.
    const pmf = d.pmf;
    for (let i = 0; i < length; i++) pmf[i] = 0;
  }
  d.offset = offset;
  d.length = length;
}

/** Fills cdf and sf from pmf; sums run from each end so small tails keep their precision. */
export function accumulate(d: GoalDistribution): void {
  const { pmf, cdf, sf, length } = d;
  // The two sums in one loop: each is a chain of dependent additions, so the processor
  // runs them side by side. Each adds the same cells in the same order as on its own.
  let below = 0, above = 0;
  for (let i = 0, j = length - 1; i < length; i++, j--) {
    cdf[i] = below += pmf[i];
    sf[j] = above += pmf[j];
  }
}

/** A quantity known for certain: all mass at `value`. */
export function pointDistribution(d: GoalDistribution, value: number): void {
  resetDistribution(d, value, 1);
  d.pmf[0] = 1;
  accumulate(d);
}

/** P(X > c) for a whole or half number c; exactly 1 or 0 outside the support. */
export function probAbove(d: GoalDistribution, c: number): number {
  const i = Math.floor(c) + 1 - d.offset;
  return i <= 0 ? 1 : i >= d.length ? 0 : d.sf[i];
}

/** P(X < c) for a whole or half number c; exactly 0 or 1 outside the support. */
export function probBelow(d: GoalDistribution, c: number): number {
  const i = Math.ceil(c) - 1 - d.offset;
  return i < 0 ? 0 : i >= d.length - 1 ? 1 : d.cdf[i];
}

/** P(X = c); 0 when c is not a whole number or lies outside the support. */
export function probAt(d: GoalDistribution, c: number): number {
  const i = c - d.offset;
  return i >= 0 && i < d.length && i === Math.floor(i) ? d.pmf[i] : 0;
}

/** Whether X can exceed its smallest value: some mass above index 0. */
export function canIncrease(d: GoalDistribution): boolean {
  return d.length > 1 && d.sf[1] > 0;
}

/**
 * The final goal difference (home - away), total goals and each side's goals implied by
 * a grid of goals still to come offset by the score now, in one pass over the grid.
 */
export function fillFromGrid(
  grid: ScoreGrid,
  home: number,
  away: number,
  diff: GoalDistribution,
  total: GoalDistribution,
  homeGoals: GoalDistribution,
  awayGoals: GoalDistribution,
): void {
  const n = grid.size;
  resetDistribution(diff, home - away - (n - 1), 2 * n - 1);
  resetDistribution(total, home + away, 2 * n - 1);
  resetDistribution(homeGoals, home, n);
  resetDistribution(awayGoals, away, n);
  let i = 0;
  for (; i + 1 < n; i += 2) addRowPair(grid, i, diff.pmf, total.pmf, homeGoals.pmf, awayGoals.pmf);
  if (i < n) addRow(grid, i, diff.pmf, total.pmf, homeGoals.pmf, awayGoals.pmf);
  accumulate(diff);
  accumulate(total);
  accumulate(homeGoals);
  accumulate(awayGoals);
}

/** Adds grid row i (i home goals) to the difference, total and marginal masses. */
function addRow(grid: ScoreGrid, i: number, dm: Float64Array, tm: Float64Array, hm: Float64Array, am: Float64Array): void {
  const { size: n, p } = grid;
  const row = i * n;
  const diagonal = i + n - 1;
  let rowSum = 0;
  for (let j = 0; j < n; j++) {
    const v = p[row + j];
    rowSum += v;
    am[j] += v;
    dm[diagonal - j] += v;
    tm[i + j] += v;
  }
  hm[i] = rowSum;
}

/**
 * Adds grid rows i and i + 1 together. Cells (i, j + 1) and (i + 1, j) share a total,
 * cells (i, j) and (i + 1, j + 1) share a difference, so each update of the difference,
 * total and away arrays carries two cells: about a third faster than row by row, as
 * those scattered read-modify-writes dominate the cost of pricing from a grid.
 */
function addRowPair(grid: ScoreGrid, i: number, dm: Float64Array, tm: Float64Array, hm: Float64Array, am: Float64Array): void {
  const { size: n, p } = grid;
  const upper = i * n;
  const lower = upper + n;
  const diagonal = i + n - 1;
  let upperSum = 0, lowerSum = 0;
  let a = p[upper], b = p[lower];
  tm[i] += a;
  dm[diagonal + 1] += b;
  for (let j = 0; j < n - 1; j++) {
    const aNext = p[upper + j + 1];
    const bNext = p[lower + j + 1];
    upperSum += a;
    lowerSum += b;
    am[j] += a + b;
    tm[i + j + 1] += aNext + b;
    dm[diagonal - j] += a + bNext;
    a = aNext;
    b = bNext;
  }
  upperSum += a;
  lowerSum += b;
  am[n - 1] += a + b;
  tm[i + n] += b;
  dm[diagonal - n + 1] += a;
  hm[i] = upperSum;
  hm[i + 1] = lowerSum;
}
