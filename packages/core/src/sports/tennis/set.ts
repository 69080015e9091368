import { gameWinProbability } from "./game";
import { ADVANTAGE_SET_CAP, type FinalSetRule, type Player } from "./rules";
import type { ServeTables } from "./serve-tables";
import { tiebreakWinProbability } from "./tiebreak";

/**
 * The ways a set can end: final games of A and B, probability, and whether it went to
 * a tiebreak. Parallel arrays, so a match recursion walks them without allocating.
 */
export interface SetOutcomes {
  a: number[];
  b: number[];
  p: number[];
  tiebreak: boolean[];
}

function emptyOutcomes(): SetOutcomes {
  return { a: [], b: [], p: [], tiebreak: [] };
}

function addOutcome(out: SetOutcomes, a: number, b: number, p: number, tiebreak: boolean): void {
  if (p === 0) return;
  for (let k = 0; k < out.a.length; k++) {
    if (out.a[k] === a && out.b[k] === b) { out.p[k] += p; return; }
  }
  out.a.push(a); out.b.push(b); out.p.push(p); out.tiebreak.push(tiebreak);
}

/** A's probability of winning the game at games (a, b) of a set that `first` started serving. */
function holdsAt(t: ServeTables, first: Player, a: number, b: number): number {
  const aServes = ((a + b) % 2 === 0) === (first === "a");
  return aServes ? t.holdA : 1 - t.holdB;
}

/** A's probability of winning the tiebreak at 6-6 of a set that `first` started serving (who also serves first in the tiebreak). */
export function tiebreakWinA(t: ServeTables, rule: FinalSetRule, first: Player): number {
  const table = rule === "tiebreak10" ? t.tiebreak10 : t.tiebreak7;
  return first === "a" ? table[0] : table[1];
}

const SIZE = ADVANTAGE_SET_CAP + 2;

/**
 * How a set ends from the start of the game at games (a0, b0), by forward recursion
 * over game scores. Sets with a tiebreak end 7-6 at 6-6; an advantage set continues
 * in pairs of games (one served by each) until one player leads by two.
 */
export function setOutcomesFrom(t: ServeTables, rule: FinalSetRule, first: Player, a0: number, b0: number, weight = 1, out = emptyOutcomes()): SetOutcomes {
  const reach = new Float64Array(SIZE * SIZE);
  reach[a0 * SIZE + b0] = weight;
  const advantage = rule === "advantage";
  for (let total = a0 + b0; total <= 2 * ADVANTAGE_SET_CAP; total++) {
    let any = false;
    for (let a = Math.max(a0, total - SIZE + 1); a <= Math.min(total, SIZE - 1); a++) {
      const b = total - a;
      if (b < b0) continue;
      const r = reach[a * SIZE + b];
      if (r === 0) continue;
      any = true;
      if ((a >= 6 && a - b >= 2) || (b >= 6 && b - a >= 2)) { addOutcome(out, a, b, r, false); continue; }
      if (!advantage && a === 6 && b === 6) {
        const w = tiebreakWinA(t, rule, first);
        addOutcome(out, 7, 6, r * w, true);
        addOutcome(out, 6, 7, r * (1 - w), true);
        continue;
      }
      if (a === b && a >= ADVANTAGE_SET_CAP - 2) {
        // Cut-off: the rest of the race of pairs of games, in closed form.
        const x = holdsAt(t, first, a, b) * holdsAt(t, first, a + 1, b);
        const y = (1 - holdsAt(t, first, a, b)) * (1 - holdsAt(t, first, a, b + 1));
        addOutcome(out, a + 2, b, (r * x) / (x + y), false);
        addOutcome(out, a, b + 2, (r * y) / (x + y), false);
        continue;
      }
      const w = holdsAt(t, first, a, b);
      reach[(a + 1) * SIZE + b] += r * w;
      reach[a * SIZE + b + 1] += r * (1 - w);
    }
    if (!any && total > a0 + b0 + 1) break;
  }
  return out;
}

/** Where a set stands: games, and points of the game (or tiebreak) in progress. */
export interface SetState {
  gamesA: number;
  gamesB: number;
  pointsA: number;
  pointsB: number;
  /** Who serves the game in progress; in a tiebreak, who served its first point. */
  server: Player;
}

/** Who served the first game of the set, from the game in progress and its server. */
export function setFirstServer(state: SetState, inTiebreak: boolean): Player {
  if (inTiebreak) return state.server;
  const even = (state.gamesA + state.gamesB) % 2 === 0;
  return even ? state.server : state.server === "a" ? "b" : "a";
}

export function inTiebreak(rule: FinalSetRule, gamesA: number, gamesB: number): boolean {
  return rule !== "advantage" && gamesA === 6 && gamesB === 6;
}

/** A's probability of winning the game (or tiebreak) in progress. */
export function currentGameWinA(t: ServeTables, rule: FinalSetRule, state: SetState): number {
  const { pointsA, pointsB, server } = state;
  if (inTiebreak(rule, state.gamesA, state.gamesB)) {
    const target = rule === "tiebreak10" ? 10 : 7;
    return server === "a"
      ? tiebreakWinProbability(t.pA, t.pB, target, pointsA, pointsB)
      : 1 - tiebreakWinProbability(t.pB, t.pA, target, pointsB, pointsA);
  }
  return server === "a" ? gameWinProbability(t.pA, pointsA, pointsB, t.noAd) : 1 - gameWinProbability(t.pB, pointsB, pointsA, t.noAd);
}

/** Probability of reaching games (a, b) of a set from 0-0 (the game at (a, b) not yet played). */
export function reachProbability(t: ServeTables, first: Player, a: number, b: number): number {
  if (t.variants) return t.variants.reduce((s, v) => s + v.weight * reachProbability(v.tables, first, a, b), 0);
  const w = b + 2;
  const reach = new Float64Array((a + 2) * w);
  reach[0] = 1;
  for (let x = 0; x <= a; x++) {
    for (let y = 0; y <= b; y++) {
      const r = reach[x * w + y];
      if (r === 0 || (x === a && y === b)) continue;
      if ((x >= 6 && x - y >= 2) || (y >= 6 && y - x >= 2)) continue;
      const hold = holdsAt(t, first, x, y);
      if (x < a) reach[(x + 1) * w + y] += r * hold;
      if (y < b) reach[x * w + y + 1] += r * (1 - hold);
    }
  }
  return reach[a * w + b];
}

function mergeInto(out: SetOutcomes, from: SetOutcomes, weight: number): void {
  for (let k = 0; k < from.p.length; k++) addOutcome(out, from.a[k], from.b[k], weight * from.p[k], from.tiebreak[k]);
}

/**
 * How the set in progress ends, from any score inside it. With a set spread, the
 * set's own pair is weighed by how likely each made the games so far (Bayes).
 */
export function setOutcomesFromState(t: ServeTables, rule: FinalSetRule, state: SetState): SetOutcomes {
  if (t.variants) {
    const first = setFirstServer(state, inTiebreak(rule, state.gamesA, state.gamesB));
    const weights = t.variants.map((v) => v.weight * reachProbability(v.tables, first, state.gamesA, state.gamesB));
    const total = weights.reduce((s, w) => s + w, 0);
    const out = emptyOutcomes();
    t.variants.forEach((v, k) => mergeInto(out, setOutcomesFromState(v.tables, rule, state), weights[k] / total));
    return out;
  }
  const tb = inTiebreak(rule, state.gamesA, state.gamesB);
  const first = setFirstServer(state, tb);
  const w = currentGameWinA(t, rule, state);
  const out = emptyOutcomes();
  if (tb) {
    addOutcome(out, 7, 6, w, true);
    addOutcome(out, 6, 7, 1 - w, true);
    return out;
  }
  if (state.pointsA === 0 && state.pointsB === 0) {
    return state.gamesA === 0 && state.gamesB === 0 ? setOutcomes(t, rule, first) : setOutcomesFrom(t, rule, first, state.gamesA, state.gamesB, 1, out);
  }
  setOutcomesFrom(t, rule, first, state.gamesA + 1, state.gamesB, w, out);
  setOutcomesFrom(t, rule, first, state.gamesA, state.gamesB + 1, 1 - w, out);
  return out;
}

const fromStart = new WeakMap<ServeTables, Map<string, SetOutcomes>>();

/** How a set ends from 0-0, memoized per serve tables, rule and first server. */
export function setOutcomes(t: ServeTables, rule: FinalSetRule, first: Player): SetOutcomes {
  let byRule = fromStart.get(t);
  if (!byRule) { byRule = new Map(); fromStart.set(t, byRule); }
  const key = rule + first;
  let out = byRule.get(key);
  if (!out) {
    if (t.variants) {
      out = emptyOutcomes();
      for (const v of t.variants) mergeInto(out, setOutcomes(v.tables, rule, first), v.weight);
    } else out = setOutcomesFrom(t, rule, first, 0, 0);
    byRule.set(key, out);
  }
  return out;
}

/** Who serves first in the next set: the player who would have served the game after the set's last. */
export function nextSetServer(first: Player, gamesA: number, gamesB: number): Player {
  return (gamesA + gamesB) % 2 === 0 ? first : first === "a" ? "b" : "a";
}
