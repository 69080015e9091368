import { InputError } from "../errors";
import { PRICE_LADDER, roundDownToLadder } from "./ladder";
import { MAX_ODDS_PRE_MATCH, MIN_ODDS, OVERROUND_TOLERANCE } from "./limits";

export interface BookOptions {
  /** Target overround, e.g. 0.05: sum of 1/odds = winners * 1.05. */
  margin: number;
  /** Selections each outcome wins: 1, or 2 for double chance. */
  winners?: number;
  minOdds?: number;
  maxOdds?: number;
  /** Leave out selections whose fair odds are past maxOdds instead of capping them (correct score). */
  listLikelyOnly?: boolean;
  tolerance?: { below: number; above: number };
  ladder?: readonly number[];
}

/** A market's offered prices: every selection that can win priced, or the whole market suspended. */
export interface Book {
  /** Ladder odds per selection; null when it cannot win, is not listed, or the market is suspended. */
  odds: (number | null)[];
  /** (sum of 1/odds offered) / winners - 1; null when suspended. */
  overround: number | null;
  suspended: boolean;
  /** Why the market is suspended. */
  reason?: string;
}

/**
 * Implied probabilities q_i = max(p_i^k, 1 / maxOdds) with k in (0, 1] solving
 * sum q = winners * (1 + margin): the power method, the inverse of removeMargin's
 * "power". Power rather than multiplicative because p^k < 1 for every p < 1: a short
 * favourite's implied probability never reaches 1, so it keeps a price, and the
 * relative margin p^(k-1) - 1 grows as p falls, so longshots carry most of it, as
 * they do in real books (the favourite-longshot bias). Power rather than odds-ratio
 * because it is what removeMargin("power") undoes exactly and keeps one exponent for
 * markets of any size.
 */
export function powerImplied(probabilities: readonly number[], target: number, maxOdds: number): number[] {
  const floor = 1 / maxOdds;
  const logs = probabilities.filter((p) => p > 0).map(Math.log);
  const at = (k: number) => probabilities.map((p) => (p > 0 ? Math.max(Math.exp(k * Math.log(p)), floor) : 0));
  const total = (k: number) => {
    let sum = 0;
    for (const l of logs) sum += Math.max(Math.exp(k * l), floor);
    return sum;
  };
  if (total(1) >= target) return at(1);
  return at(powerExponent(logs, target, floor));
}

/**
 * The k in (0, 1) with Σ max(e^{k·l_i}, floor) = target, given that the sum at k = 1 is
 * below the target. The sum falls and is convex in k, so Newton's method from k = 1
 * overshoots once to the root's left and then climbs to it monotonically: about five
 * steps where bisection to the same precision takes sixty (this runs for every market
 * of every repricing). A step that would leave the bracket the iterates have proved
 * bisects it instead.
 */
function powerExponent(logs: readonly number[], target: number, floor: number): number {
  let lo = 1e-9, hi = 1, k = 1;
  for (let i = 0; i < 200; i++) {
    let sum = 0, slope = 0;
    for (const l of logs) {
      const v = Math.exp(k * l);
      if (v > floor) { sum += v; slope += l * v; } else sum += floor;
    }
    if (sum === target) return k;
    if (sum > target) lo = k; else hi = k;
    const newton = slope < 0 ? k - (sum - target) / slope : NaN;
    const next = newton > lo && newton < hi ? newton : (lo + hi) / 2;
    if (Math.abs(next - k) <= 1e-15 * k || hi - lo <= 1e-15) return next;
    k = next;
  }
  return k;
}

function nextOnLadder(price: number, ladder: readonly number[]): number | null {
  let lo = 0, hi = ladder.length - 1, found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ladder[mid] > price * (1 + 1e-12)) { found = mid; hi = mid - 1; } else lo = mid + 1;
  }
  return found < 0 ? null : ladder[found];
}

const suspended = (n: number, reason: string): Book => ({ odds: new Array(n).fill(null), overround: null, suspended: true, reason });

/**
 * Offered odds of one market from its fair win probabilities (summing to `winners`).
 *
 * The margin is spread by the power method (see powerImplied), capped at maxOdds. Each
 * price goes to one of its two ladder neighbours, never above its fair odds: all start
 * rounded down, then a price moves up to its upper neighbour, largest effect first,
 * whenever that brings the overround closer to the target. The market is offered only
 * if every selection that can win gets a price and the overround lands within the
 * tolerance of the target; otherwise it is suspended whole, never one side only. A
 * favourite whose fair odds are below the ladder's minimum therefore suspends its
 * market, and one whose margined price falls below the minimum is offered at it.
 *
 * @throws InputError "margin.invalid_probabilities", "margin.invalid_target"
 */
export function priceBook(probabilities: readonly number[], options: BookOptions): Book {
  const { margin, winners = 1, minOdds = MIN_ODDS, maxOdds = MAX_ODDS_PRE_MATCH, listLikelyOnly = false, tolerance = OVERROUND_TOLERANCE, ladder = PRICE_LADDER } = options;
  if (typeof margin !== "number" || !(margin >= 0 && margin < 1)) {
    throw new InputError("margin.invalid_target", `target margin must be in [0, 1), e.g. 0.05 for 5%; got ${String(margin)}`);
  }
  if (probabilities.some((p) => typeof p !== "number" || !(p >= 0 && p <= 1))) {
    throw new InputError("margin.invalid_probabilities", `probabilities must be in [0, 1], got ${probabilities.join(", ")}`);
  }
  const n = probabilities.length;
  const listed = probabilities.map((p) => (p > 0 && (!listLikelyOnly || 1 / p <= maxOdds) ? p : 0));
  if (listed.filter((p) => p > 0).length < 2) return suspended(n, "fewer than two selections can win");
  if (listed.some((p) => p * minOdds > 1)) return suspended(n, `a selection is shorter than the minimum price ${minOdds}`);
  const implied = powerImplied(listed, winners * (1 + margin), maxOdds);
  const down: (number | null)[] = [];
  const up: (number | null)[] = [];
  for (let i = 0; i < n; i++) {
    if (!(listed[i] > 0)) { down.push(null); up.push(null); continue; }
    const margined = Math.min(Math.max(1 / implied[i], minOdds), maxOdds);
    const d = roundDownToLadder(margined, minOdds, maxOdds, ladder)!;
    const u = d < margined ? nextOnLadder(d, ladder) : null;
    down.push(d);
    up.push(u !== null && u <= Math.min(1 / listed[i], maxOdds) ? u : null);
  }
  const odds = [...down];
  const target = winners * (1 + margin);
  let book = odds.reduce((s: number, o) => s + (o === null ? 0 : 1 / o), 0);
  const moves = up
    .map((u, i) => ({ i, gain: u === null ? 0 : 1 / down[i]! - 1 / u }))
    .filter((m) => m.gain > 0)
    .sort((a, b) => b.gain - a.gain);
  for (const { i, gain } of moves) {
    if (Math.abs(book - gain - target) < Math.abs(book - target)) {
      odds[i] = up[i];
      book -= gain;
    }
  }
  const overround = book / winners - 1;
  if (overround < margin - tolerance.below - 1e-12 || overround > margin + tolerance.above + 1e-12) {
    return suspended(n, `overround ${(100 * overround).toFixed(2)}% after rounding is outside ${(100 * margin).toFixed(1)}% -${100 * tolerance.below}/+${100 * tolerance.above} points`);
  }
  return { odds, overround, suspended: false };
}
