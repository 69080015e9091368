import { holdProbability } from "./game";
import { tiebreakWinProbability } from "./tiebreak";

/**
 * Everything the set and match recursions need about one pair of serve probabilities,
 * computed once: hold probabilities and the tiebreak win probabilities of player A
 * from 0-0 with either player serving first. A set or match recursion is then sums and
 * products of these few numbers. With a set spread, each set is played at a pair drawn
 * around this one (form that comes and goes within a match): sets stay independent
 * given the pair, but one set tells less about the next.
 */
export interface ServeTables {
  /** A's probability of winning a point on serve. */
  pA: number;
  /** B's probability of winning a point on serve. */
  pB: number;
  noAd: boolean;
  holdA: number;
  holdB: number;
  /** A wins a 7-point tiebreak: [A serves first, B serves first]. */
  tiebreak7: [number, number];
  /** A wins a 10-point tiebreak: [A serves first, B serves first]. */
  tiebreak10: [number, number];
  /** Standard deviation of pA - pB from set to set around this pair (0: every set alike). */
  setSpread: number;
  /** With a set spread: the pairs a set is played at, with their weights (5-point Gauss-Hermite). */
  variants: { tables: ServeTables; weight: number }[] | null;
}

/** Serve probabilities are held inside this band so no probability of a reachable score underflows to zero. */
export const SERVE_BOUNDS = [0.02, 0.98] as const;

const clampServe = (p: number) => Math.min(SERVE_BOUNDS[1], Math.max(SERVE_BOUNDS[0], p));

const CACHE_SIZE = 4096;
const cache = new Map<string, ServeTables>();

/**
 * The serve tables of (pA, pB), memoized: pricing every market of one state, or
 * repricing point after point, computes them once.
 */
const SET_NODES = [-2.8569700138728056, -1.3556261799742659, 0, 1.3556261799742659, 2.8569700138728056];
const SET_WEIGHTS = [0.01125741132772069, 0.22207592200561263, 0.5333333333333333, 0.22207592200561263, 0.01125741132772069];

export function serveTables(pA: number, pB: number, noAd = false, setSpread = 0): ServeTables {
  const key = `${pA},${pB},${noAd ? 1 : 0},${setSpread}`;
  const known = cache.get(key);
  if (known) return known;
  const a = clampServe(pA);
  const b = clampServe(pB);
  const tables: ServeTables = {
    pA: a,
    pB: b,
    noAd,
    holdA: holdProbability(a, noAd),
    holdB: holdProbability(b, noAd),
    tiebreak7: [tiebreakWinProbability(a, b, 7), 1 - tiebreakWinProbability(b, a, 7)],
    tiebreak10: [tiebreakWinProbability(a, b, 10), 1 - tiebreakWinProbability(b, a, 10)],
    setSpread: setSpread > 0 ? setSpread : 0,
    variants: setSpread > 0
      ? SET_NODES.map((z, k) => ({ tables: serveTables(a + (z * setSpread) / 2, b - (z * setSpread) / 2, noAd), weight: SET_WEIGHTS[k] }))
      : null,
  };
  if (cache.size >= CACHE_SIZE) cache.clear();
  cache.set(key, tables);
  return tables;
}
