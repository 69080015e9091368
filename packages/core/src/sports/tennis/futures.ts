import { ADVANTAGE_SET_CAP, setRuleOf, setsToWin, type MatchRules, type Player } from "./rules";
import type { ServeTables } from "./serve-tables";
import type { FinalSetRule } from "./rules";
import { currentGameWinA, inTiebreak, nextSetServer, setOutcomes, setOutcomesFrom, type SetOutcomes, type SetState } from "./set";
import { isFinishedSet } from "./state";

/** Side of the grid of one set's final score (match.ts's SET_GRID, repeated to keep this module free of match.ts). */
const GRID = ADVANTAGE_SET_CAP + 3;

/**
 * How a match ends from the start of one game of the set in progress, under one pair
 * of serve probabilities: games are counted from the start of that set, so the same
 * future serves every score that reaches the game, whatever was played before it.
 * Only what the markets read is kept: the winner, the final sets, whether a set (from
 * this one on) goes to a tiebreak, the four marginals of the final games (total, A's
 * lead, A's games, B's games) and the final score of the set in progress. Each
 * marginal is stored over its non-zero range: entry i is the value lo + i.
 */
export interface Future {
  winA: number;
  winB: number;
  /** A set from this one on goes to a tiebreak. */
  tiebreak: number;
  noTiebreak: number;
  /** Final sets: index setsA * 4 + setsB. */
  sets: Float64Array;
  total: Float64Array;
  totalLo: number;
  /** Games of A minus games of B. */
  diff: Float64Array;
  diffLo: number;
  byA: Float64Array;
  byALo: number;
  byB: Float64Array;
  byBLo: number;
  /** Final score of the set in progress: indices gamesA * SET_GRID + gamesB and their probabilities. */
  setAt: Int32Array;
  setP: Float64Array;
}

/** A marginal being built: dense over [0, size), with the range touched so far. */
class Marginal {
  readonly v: Float64Array;
  lo: number;
  hi = -1;
  constructor(size: number, readonly offset = 0) {
    this.v = new Float64Array(size);
    this.lo = size;
  }

  add(x: number, p: number): void {
    const i = x + this.offset;
    this.v[i] += p;
    if (i < this.lo) this.lo = i;
    if (i > this.hi) this.hi = i;
  }

  /** Adds p times a stored marginal shifted by `shift`. */
  addShifted(from: Float64Array, fromLo: number, shift: number, p: number): void {
    const start = fromLo + shift + this.offset;
    const v = this.v;
    for (let i = 0; i < from.length; i++) v[start + i] += p * from[i];
    if (start < this.lo) this.lo = start;
    if (start + from.length - 1 > this.hi) this.hi = start + from.length - 1;
  }

  /** The non-zero range and its first value; the marginal is empty again after. */
  done(): [Float64Array, number] {
    let lo = this.lo, hi = this.hi;
    while (lo <= hi && this.v[lo] === 0) lo++;
    while (hi >= lo && this.v[hi] === 0) hi--;
    const out: [Float64Array, number] = [this.v.slice(lo, hi + 1), lo - this.offset];
    if (this.hi >= this.lo) this.v.fill(0, this.lo, this.hi + 1);
    this.lo = this.v.length;
    this.hi = -1;
    return out;
  }
}

/** The futures of one pair of serve probabilities under one format, computed as scores ask for them. */
export class FutureTable {
  private readonly byKey = new Map<number, Future>();
  private readonly gameWins = new Map<number, number>();
  private readonly need: number;
  /** Most games a player can win from the start of a set to the end of the match, plus one. */
  private readonly width: number;
  /** Marginals being built, one set per depth of the recursion over sets (a future asks for the next set's). */
  private readonly scratch: Marginal[][] = [];
  private depth = 0;

  constructor(readonly tables: ServeTables, readonly rules: MatchRules) {
    this.need = setsToWin(rules);
    this.width = 7 * (rules.bestOf - 1) + (rules.finalSet === "advantage" ? ADVANTAGE_SET_CAP + 3 : 8);
  }

  get size(): number {
    return this.byKey.size;
  }

  /**
   * The future from the start of the game at games (a, b) of the set after setsA-setsB,
   * which `first` started serving. A finished set score (7-6, 6-4, ...) stands for the
   * set just ended.
   */
  at(setsA: number, setsB: number, first: Player, a: number, b: number): Future {
    const key = (((setsA * 4 + setsB) * 2 + (first === "a" ? 0 : 1)) * 64 + a) * 64 + b;
    let f = this.byKey.get(key);
    if (!f) {
      f = this.compute(setsA, setsB, first, a, b);
      this.byKey.set(key, f);
    }
    return f;
  }

  /** A's probability of winning the game (or tiebreak) in progress: currentGameWinA, remembered per point score. */
  gameWin(rule: FinalSetRule, state: SetState): number {
    const { pointsA, pointsB } = state;
    if (pointsA > 255 || pointsB > 255) return currentGameWinA(this.tables, rule, state);
    const kind = inTiebreak(rule, state.gamesA, state.gamesB) ? (rule === "tiebreak10" ? 2 : 1) : 0;
    const key = ((kind * 2 + (state.server === "a" ? 0 : 1)) * 256 + pointsA) * 256 + pointsB;
    let w = this.gameWins.get(key);
    if (w === undefined) {
      w = currentGameWinA(this.tables, rule, state);
      this.gameWins.set(key, w);
    }
    return w;
  }

  private outcomes(index: number, first: Player, a: number, b: number): SetOutcomes {
    const rule = setRuleOf(this.rules, index);
    if (isFinishedSet(this.rules, index, a, b)) {
      const tiebreak = rule !== "advantage" && Math.min(a, b) === 6 && Math.max(a, b) === 7;
      return { a: [a], b: [b], p: [1], tiebreak: [tiebreak] };
    }
    return a === 0 && b === 0 ? setOutcomes(this.tables, rule, first) : setOutcomesFrom(this.tables, rule, first, a, b);
  }

  private compute(setsA: number, setsB: number, first: Player, a0: number, b0: number): Future {
    const w = this.width;
    const need = this.need;
    const depth = this.depth++;
    if (!this.scratch[depth]) this.scratch[depth] = [new Marginal(2 * w), new Marginal(2 * w + 1, w), new Marginal(w), new Marginal(w)];
    const [total, diff, byA, byB] = this.scratch[depth];
    const sets = new Float64Array(16);
    let winA = 0, winB = 0, tiebreak = 0, noTiebreak = 0;
    const out = this.outcomes(setsA + setsB, first, a0, b0);
    const setAt = new Int32Array(out.p.length), setP = new Float64Array(out.p.length);
    for (let k = 0; k < out.p.length; k++) {
      const a = out.a[k], b = out.b[k], p = out.p[k];
      setAt[k] = a * GRID + b;
      setP[k] = p;
      const sA = setsA + (a > b ? 1 : 0), sB = setsB + (a > b ? 0 : 1);
      if (sA >= need || sB >= need) {
        total.add(a + b, p); diff.add(a - b, p); byA.add(a, p); byB.add(b, p);
        sets[sA * 4 + sB] += p;
        if (sA >= need) winA += p; else winB += p;
        if (out.tiebreak[k]) tiebreak += p; else noTiebreak += p;
        continue;
      }
      const next = this.at(sA, sB, nextSetServer(first, a, b), 0, 0);
      total.addShifted(next.total, next.totalLo, a + b, p);
      diff.addShifted(next.diff, next.diffLo, a - b, p);
      byA.addShifted(next.byA, next.byALo, a, p);
      byB.addShifted(next.byB, next.byBLo, b, p);
      for (let i = 0; i < 16; i++) sets[i] += p * next.sets[i];
      winA += p * next.winA;
      winB += p * next.winB;
      if (out.tiebreak[k]) tiebreak += p * (next.tiebreak + next.noTiebreak);
      else { tiebreak += p * next.tiebreak; noTiebreak += p * next.noTiebreak; }
    }
    const [t, tLo] = total.done(), [d, dLo] = diff.done(), [x, xLo] = byA.done(), [y, yLo] = byB.done();
    this.depth--;
    return { winA, winB, tiebreak, noTiebreak, sets, total: t, totalLo: tLo, diff: d, diffLo: dLo, byA: x, byALo: xLo, byB: y, byBLo: yLo, setAt, setP };
  }
}
