/**
 * The count distributions of one moment of a match, built once and read by every
 * corners and cards market: the corners, cards and booking-points equivalents of the
 * score grid. For each measure, the four distributions its rules read (total, each
 * side, difference: counts.ts CountMarginals) with their running sums from below and
 * from above, so a line's probabilities are two array reads. Building them is most of
 * a count group's cost (a joint of up to 51 x 51 cells); repricing the same state, or
 * the other count group of it, finds them in a cache keyed by the state's numbers.
 */
import { CARD_MARKETS } from "./cards";
import { CORNER_MARKETS } from "./corners";
import { marginalsOf, type CountMarginals, type CountMarketSpec, type CountMeasure } from "./counts";
import { checkState, jointOf, yellowJointOf, type CountInput, type CountPricingState } from "./count-prices";

/**
 * One distribution a rule reads, P(value = first + step·k), with `below[k]` = Σ_{j<k} p_j
 * and `above[k]` = Σ_{j≥k} p_j, each summed from the lowest cell up as the direct path
 * sums a market's cells, so every price is the direct path's to the last bit. `above`
 * is filled only where a market's line starts a tail (NaN elsewhere).
 */
export interface RunningSums {
  pmf: Float64Array;
  below: Float64Array;
  above: Float64Array;
}

/** A measure's distributions of final values and their running sums. */
export interface CountGrid {
  marginals: CountMarginals;
  total: RunningSums;
  home: RunningSums;
  away: RunningSums;
  diff: RunningSums;
}

/** Every count distribution of a moment of a match. `over`: no play left, every market decided. */
export interface CountGrids {
  over: boolean;
  corners: CountGrid;
  cards: CountGrid;
  points: CountGrid;
}

/**
 * Running sums of a pmf, from below. A tail from above taken from the top down (or as
 * 1 - below) would differ from the direct path's by a rounding (a fair price of
 * 80,000 by 1e-11), so each tail a market reads is summed upward from its own first
 * cell (withTail).
 */
function runningSums(pmf: Float64Array): RunningSums {
  const n = pmf.length;
  const below = new Float64Array(n + 1), above = new Float64Array(n + 1).fill(NaN);
  for (let k = 0; k < n; k++) below[k + 1] = below[k] + pmf[k];
  above[n] = 0;
  return { pmf, below, above };
}

/**
 * Where a line falls on a distribution of values first + step·k (k < n): the cells
 * below it are k < lower, the cell on it (a whole line) is `lower` when `onLine`, the
 * cells above start at `tail`.
 */
export function lineCells(n: number, first: number, step: number, line: number): { lower: number; onLine: boolean; tail: number } {
  const t = (line - first) / step;
  const lower = lowerCell(n, t);
  const onLine = lower === t && t < n;
  return { lower, onLine, tail: onLine ? lower + 1 : lower };
}

/** The first cell not below a line at `t` = (line - first) / step cells, of n (see lineCells). */
export function lowerCell(n: number, t: number): number {
  return Math.min(n, Math.max(0, Math.ceil(t)));
}

/** The distribution a rule reads, its first value, and the line it is read at ("over" the line wins the first selection). */
export function ruleView(g: CountGrid, spec: Pick<CountMarketSpec, "rule" | "line">): { sums: RunningSums; first: number; line: number } {
  const { home, away, step, dim } = g.marginals.joint;
  const line = spec.line ?? 0;
  switch (spec.rule) {
    case "total": return { sums: g.total, first: home + away, line };
    case "team-home": return { sums: g.home, first: home, line };
    case "team-away": return { sums: g.away, first: away, line };
    // Home wins when difference + line > 0: over -line on the difference.
    case "handicap": return { sums: g.diff, first: home - away - step * (dim - 1), line: -line };
    // Home, draw, away: the difference above, at and below 0.
    case "most": return { sums: g.diff, first: home - away - step * (dim - 1), line: 0 };
  }
}

function gridOf(marginals: CountMarginals): CountGrid {
  return { marginals, total: runningSums(marginals.total), home: runningSums(marginals.home), away: runningSums(marginals.away), diff: runningSums(marginals.diff) };
}

/** Sums the tail of every market of the measure that reads this grid. */
function withTails(g: CountGrid, markets: readonly CountMarketSpec[]): CountGrid {
  for (const spec of markets) {
    const { sums, first, line } = ruleView(g, spec);
    const { pmf, above } = sums;
    const { tail } = lineCells(pmf.length, first, g.marginals.joint.step, line);
    if (!Number.isNaN(above[tail])) continue;
    let sum = 0;
    for (let k = tail; k < pmf.length; k++) sum += pmf[k];
    above[tail] = sum;
  }
  return g;
}

const MARKETS_OF: Readonly<Record<CountMeasure, readonly CountMarketSpec[]>> = {
  corners: CORNER_MARKETS,
  cards: CARD_MARKETS.filter((m) => m.measure === "cards"),
  points: CARD_MARKETS.filter((m) => m.measure === "points"),
};

/**
 * Builds the count distributions of a state: the same joints and marginals the direct
 * path (priceCountGroup) builds, the yellow-card joint shared by cards and booking
 * points.
 * @throws InputError "counts.invalid_share", "counts.invalid_counts" or "counts.invalid_mean"
 */
export function countGrids(state: CountPricingState): CountGrids {
  checkState(state);
  let yellow: Float64Array | null = null;
  const yellowJoint = () => (yellow ??= yellowJointOf(state));
  const grid = (measure: CountMeasure) => withTails(gridOf(marginalsOf(jointOf(state, measure, yellowJoint))), MARKETS_OF[measure]);
  return { over: state.share === 0, corners: grid("corners"), cards: grid("cards"), points: grid("points") };
}

/** States kept; the least recently used is dropped first (about 30 KB each). */
const CACHE_SIZE = 64;
const cache = new Map<string, CountGrids>();

const inputKey = (c: CountInput) => `${c.now.home},${c.now.away},${c.means.home},${c.means.away},${c.dispersion.totalSize},${c.dispersion.concentration}`;

/** The cache key: every number the distributions depend on (a number's string is exact). */
export function countStateKey(state: CountPricingState): string {
  const r = state.redCards;
  return `${state.share}|${inputKey(state.corners)}|${inputKey(state.yellowCards)}|${r.now.home},${r.now.away},${r.means.home},${r.means.away}`;
}

/**
 * countGrids, cached by the state's numbers: a match's corners and cards groups priced
 * for one moment (two model invocations) build the distributions once, and so does a
 * moment priced again. The grids are shared: callers must not write to them.
 */
export function cachedCountGrids(state: CountPricingState): CountGrids {
  const key = countStateKey(state);
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const grids = countGrids(state);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(key, grids);
  return grids;
}

/** Empties the cache (tests). */
export function clearCountGridCache(): void {
  cache.clear();
}
