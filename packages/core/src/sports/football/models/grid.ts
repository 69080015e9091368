import { InputError, InternalError, requireFinite } from "../../../errors";

/**
 * A joint distribution of goals: `p[h * size + a]` is the probability that the home
 * side scores exactly `h` and the away side exactly `a` (goals still to come, when the
 * grid describes the rest of a match). Every market is a sum over a mask of one grid,
 * so all markets priced from it are consistent by construction.
 */
export interface ScoreGrid {
  readonly size: number;
  readonly p: Float64Array;
}

/** The probability mass a grid may leave out beyond its last row and column. */
export const GRID_TAIL = 1e-10;

/** Largest expected goals accepted for one side (a whole match of one side). */
export const MAX_EXPECTED_GOALS = 15;

/**
 * Smallest number of goals n such that P(X >= n) < tail for X ~ Poisson(mean),
 * by the recurrence p(k+1) = p(k) * mean / (k+1).
 */
export function poissonSupport(mean: number, tail = GRID_TAIL / 2): number {
  let pk = Math.exp(-mean);
  let cdf = pk;
  let k = 0;
  while (1 - cdf >= tail && k < 200) {
    k += 1;
    pk *= mean / k;
    cdf += pk;
  }
  return k + 1;
}

/** Poisson probabilities P(X = k) for k < n, by recurrence. */
export function poissonPmf(mean: number, n: number, out = new Float64Array(n)): Float64Array {
  let pk = Math.exp(-mean);
  for (let k = 0; k < n; k++) {
    out[k] = pk;
    pk *= mean / (k + 1);
  }
  return out;
}

function checkExpectedGoals(homeXg: number, awayXg: number): void {
  requireFinite("grid.invalid_expected_goals", "home expected goals", homeXg, 0, MAX_EXPECTED_GOALS);
  requireFinite("grid.invalid_expected_goals", "away expected goals", awayXg, 0, MAX_EXPECTED_GOALS);
}

/**
 * The Dixon-Coles low-score dependence factor tau (Dixon and Coles, 1997): it scales
 * 0-0, 1-0, 0-1 and 1-1 and leaves every marginal sum unchanged.
 */
export function rhoBounds(homeXg: number, awayXg: number): { min: number; max: number } {
  const lo = Math.max(-1 / Math.max(homeXg, 1e-12), -1 / Math.max(awayXg, 1e-12));
  const hi = Math.min(1 / Math.max(homeXg * awayXg, 1e-12), 1);
  return { min: lo, max: hi };
}

/**
 * Independent Poisson score grid (rho = 0) or Dixon-Coles grid, from each side's
 * expected goals. Sized so that the tail left out is below GRID_TAIL, then
 * renormalised and validated.
 */
export function scoreGrid(homeXg: number, awayXg: number, rho = 0): ScoreGrid {
  checkExpectedGoals(homeXg, awayXg);
  requireFinite("grid.invalid_rho", "rho", rho, -1, 1);
  if (rho !== 0) {
    const { min, max } = rhoBounds(homeXg, awayXg);
    if (rho < min || rho > max) {
      throw new InputError(
        "grid.invalid_rho",
        `rho ${rho} makes a negative probability for expected goals ${homeXg} v ${awayXg}; keep it within [${min.toFixed(4)}, ${max.toFixed(4)}]`,
        { rho, homeXg, awayXg },
      );
    }
  }
  const size = Math.max(poissonSupport(homeXg), poissonSupport(awayXg), 2);
  const ph = poissonPmf(homeXg, size);
  const pa = poissonPmf(awayXg, size);
  // Every cell is a product of two positive Poisson terms, so only the four cells the
  // Dixon-Coles factor scales can go negative (rhoBounds rules that out) and the
  // validation reduces to the total: checked here rather than in a second pass.
  let total = 0;
  for (let h = 0; h < size; h++) total += ph[h];
  let totalAway = 0;
  for (let a = 0; a < size; a++) totalAway += pa[a];
  total *= totalAway;
  const scale = 1 / total;
  const p = new Float64Array(size * size);
  for (let h = 0; h < size; h++) {
    const row = h * size;
    const phh = ph[h] * scale;
    for (let a = 0; a < size; a++) p[row + a] = phh * pa[a];
  }
  if (rho !== 0) {
    p[0] *= 1 - homeXg * awayXg * rho;
    p[1] *= 1 + homeXg * rho;
    p[size] *= 1 + awayXg * rho;
    p[size + 1] *= 1 - rho;
    if (!(p[0] >= 0 && p[1] >= 0 && p[size] >= 0 && p[size + 1] >= 0)) {
      throw new InternalError("grid.negative_probability", `rho ${rho} made a negative low-score probability`);
    }
  }
  if (!(Math.abs(total - 1) <= GRID_TAIL) || !Number.isFinite(total)) {
    throw new InternalError("grid.not_normalised", `the grid kept ${total} of the mass, more than ${GRID_TAIL} left out`);
  }
  return { size, p };
}

/** Checks a grid is a probability distribution: non-negative, finite, sums to 1. */
export function validateGrid(grid: ScoreGrid, tolerance = 1e-9): ScoreGrid {
  const { size, p } = grid;
  if (!Number.isInteger(size) || size < 1 || p.length !== size * size) {
    throw new InternalError("grid.malformed", `grid of size ${size} has ${p.length} cells`);
  }
  let total = 0;
  for (let i = 0; i < p.length; i++) {
    const v = p[i];
    if (!(v >= 0) || !Number.isFinite(v)) {
      throw new InternalError("grid.negative_probability", `grid cell ${i} is ${v}`);
    }
    total += v;
  }
  if (Math.abs(total - 1) > tolerance) {
    throw new InternalError("grid.not_normalised", `grid sums to ${total}, not 1`);
  }
  return grid;
}

/** Probability at a score, 0 outside the grid. */
export function cell(grid: ScoreGrid, home: number, away: number): number {
  return home < grid.size && away < grid.size ? grid.p[home * grid.size + away] : 0;
}
