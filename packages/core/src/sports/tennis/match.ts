import { ADVANTAGE_SET_CAP, setRuleOf, setsToWin, type MatchRules, type Player } from "./rules";
import type { ServeTables } from "./serve-tables";
import { nextSetServer, setOutcomes, setOutcomesFromState, type SetOutcomes } from "./set";
import { setsWon, type TennisScore } from "./state";

/** Side of the grid of one set's final score. */
export const SET_GRID = ADVANTAGE_SET_CAP + 3;

/**
 * The distribution of how a match ends, from one score: everything the markets are
 * sums over. Probabilities include what has already happened.
 */
export interface MatchDistribution {
  /** A wins the match. */
  winA: number;
  /** B wins the match (summed apart from winA, so a decided match has exactly 0 on one side). */
  winB: number;
  /** Final sets: index setsA * 4 + setsB. */
  sets: Float64Array;
  /** Final games of the whole match: index gamesA * width + gamesB. */
  games: Float64Array;
  width: number;
  /** At least one set of the match goes (or went) to a tiebreak. */
  tiebreak: number;
  /** No set of the match goes to a tiebreak. */
  noTiebreak: number;
  /** 0-based number of the set in progress (or about to start); null when the match is over. */
  setIndex: number | null;
  /** Final score of that set: index gamesA * SET_GRID + gamesB. */
  setScore: Float64Array;
}

interface Node {
  setsA: number;
  setsB: number;
  server: Player;
  tiebreak: boolean;
  grid: Float64Array;
  maxA: number;
  maxB: number;
  minA: number;
  minB: number;
}

/** Side of the final-games grid from a score: the most games a player can end the match with, plus one. */
export function gridWidth(score: TennisScore, rules: MatchRules): number {
  let a = score.current.gamesA, b = score.current.gamesB;
  for (const [x, y] of score.sets) { a += x; b += y; }
  // Sets still to start or finish, each at most 7 games a side; an advantage final set up to the cap.
  const remaining = rules.bestOf - score.sets.length;
  const finalExtra = rules.finalSet === "advantage" ? ADVANTAGE_SET_CAP + 2 : 7;
  return Math.max(a, b) + 7 * (remaining - 1) + finalExtra + 1;
}

function nodeKey(setsA: number, setsB: number, server: Player, tiebreak: boolean): number {
  return ((setsA * 4 + setsB) * 2 + (server === "a" ? 0 : 1)) * 2 + (tiebreak ? 1 : 0);
}

/** The non-zero cells of a node's grid: flat indices and masses. */
function cellsOf(node: Node, width: number): [number[], number[]] {
  const at: number[] = [], mass: number[] = [];
  for (let ga = node.minA; ga <= node.maxA; ga++) {
    for (let gb = node.minB; gb <= node.maxB; gb++) {
      const m = node.grid[ga * width + gb];
      if (m !== 0) { at.push(ga * width + gb); mass.push(m); }
    }
  }
  return [at, mass];
}

/** Adds the mass of a finished match to the distribution: games, sets, winner, tiebreak. */
function finish(dist: MatchDistribution, setsA: number, setsB: number, need: number, tiebreak: boolean, total: number): void {
  if (setsA >= need) dist.winA += total; else dist.winB += total;
  dist.sets[setsA * 4 + setsB] += total;
  if (tiebreak) dist.tiebreak += total; else dist.noTiebreak += total;
}

/**
 * Spreads a node's games over how the next set ends. A set that ends the match adds
 * straight into the distribution; any other opens (or adds to) the node of the sets
 * score, next server and tiebreak flag it leads to.
 */
function spread(frontier: Map<number, Node>, from: Node, outcomes: SetOutcomes, first: Player, dist: MatchDistribution, need: number): void {
  const { a, b, p, tiebreak } = outcomes;
  const width = dist.width;
  const [at, mass] = cellsOf(from, width);
  let fromTotal = 0;
  for (let i = 0; i < mass.length; i++) fromTotal += mass[i];
  for (let k = 0; k < p.length; k++) {
    const winA = a[k] > b[k];
    const setsA = from.setsA + (winA ? 1 : 0), setsB = from.setsB + (winA ? 0 : 1);
    const tb = from.tiebreak || tiebreak[k];
    const pk = p[k];
    const shift = a[k] * width + b[k];
    if (setsA >= need || setsB >= need) {
      const games = dist.games;
      for (let i = 0; i < at.length; i++) games[at[i] + shift] += mass[i] * pk;
      finish(dist, setsA, setsB, need, tb, fromTotal * pk);
      continue;
    }
    const server = nextSetServer(first, a[k], b[k]);
    const key = nodeKey(setsA, setsB, server, tb);
    let node = frontier.get(key);
    if (!node) {
      node = { setsA, setsB, server, tiebreak: tb, grid: new Float64Array(width * width), maxA: 0, maxB: 0, minA: width, minB: width };
      frontier.set(key, node);
    }
    const grid = node.grid;
    for (let i = 0; i < at.length; i++) grid[at[i] + shift] += mass[i] * pk;
    node.maxA = Math.max(node.maxA, from.maxA + a[k]);
    node.maxB = Math.max(node.maxB, from.maxB + b[k]);
    node.minA = Math.min(node.minA, from.minA + a[k]);
    node.minB = Math.min(node.minB, from.minB + b[k]);
  }
}

/**
 * The exact distribution of the end of a match under the iid model from any score,
 * set by set: each set's outcomes (memoized from 0-0) are spread over the games
 * played so far, and the next set's first server follows from the parity of the games.
 */
export function matchDistribution(t: ServeTables, rules: MatchRules, score: TennisScore | null): MatchDistribution {
  // No score: before the first point, each player serving first with probability one half.
  const coinToss = score === null;
  if (score === null) score = { sets: [], current: { gamesA: 0, gamesB: 0, pointsA: 0, pointsB: 0, server: "a" } };
  const need = setsToWin(rules);
  const width = gridWidth(score, rules);
  const [setsA, setsB] = setsWon(score);
  let playedA = 0, playedB = 0, playedTiebreak = false;
  for (const [x, y] of score.sets) { playedA += x; playedB += y; if (Math.min(x, y) >= 6 && Math.abs(x - y) === 1) playedTiebreak = true; }
  const dist: MatchDistribution = {
    winA: 0, winB: 0, sets: new Float64Array(16), games: new Float64Array(width * width), width, tiebreak: 0, noTiebreak: 0,
    setIndex: null, setScore: new Float64Array(SET_GRID * SET_GRID),
  };
  const starts: [Player, number][] = coinToss ? [["a", 0.5], ["b", 0.5]] : [[score.current.server, 1]];
  let frontier = new Map<number, Node>();
  for (const [server, mass] of starts) {
    const start: Node = {
      setsA, setsB, server, tiebreak: playedTiebreak, grid: new Float64Array(width * width),
      maxA: playedA, maxB: playedB, minA: playedA, minB: playedB,
    };
    start.grid[playedA * width + playedB] = mass;
    frontier.set(server === "a" ? 0 : 1, start);
  }
  let first = true;
  while (frontier.size > 0) {
    const next = new Map<number, Node>();
    for (const node of frontier.values()) {
      if (node.setsA >= need || node.setsB >= need) {
        // The match was over before this score: everything is decided.
        dist.games[node.minA * width + node.minB] += 1;
        finish(dist, node.setsA, node.setsB, need, node.tiebreak, 1);
        continue;
      }
      const index = node.setsA + node.setsB;
      const rule = setRuleOf(rules, index);
      let outcomes: SetOutcomes;
      let setFirst = node.server;
      if (first && !coinToss) {
        outcomes = setOutcomesFromState(t, rule, score.current);
        const { gamesA, gamesB, server } = score.current;
        setFirst = rule !== "advantage" && gamesA === 6 && gamesB === 6 ? server : (gamesA + gamesB) % 2 === 0 ? server : server === "a" ? "b" : "a";
      } else outcomes = setOutcomes(t, rule, node.server);
      if (first) {
        const mass = coinToss ? 0.5 : 1;
        dist.setIndex = index;
        for (let k = 0; k < outcomes.p.length; k++) dist.setScore[outcomes.a[k] * SET_GRID + outcomes.b[k]] += mass * outcomes.p[k];
      }
      spread(next, node, outcomes, setFirst, dist, need);
    }
    first = false;
    frontier = next;
  }
  return dist;
}

/** A's probability of winning the match from 0-0 (a cheaper path than the whole distribution). */
export function matchWinProbability(t: ServeTables, rules: MatchRules, firstServer: Player): number {
  const need = setsToWin(rules);
  // State: sets of A, sets of B, who serves first in the next set -> probability.
  let frontier = new Map<number, number>([[firstServer === "a" ? 0 : 1, 1]]);
  let win = 0;
  while (frontier.size > 0) {
    const next = new Map<number, number>();
    for (const [key, mass] of frontier) {
      const server: Player = key % 2 === 0 ? "a" : "b";
      const sA = key >> 3, sB = (key >> 1) & 3;
      const out = setOutcomes(t, setRuleOf(rules, sA + sB), server);
      for (let k = 0; k < out.p.length; k++) {
        const winA = out.a[k] > out.b[k];
        const nA = sA + (winA ? 1 : 0), nB = sB + (winA ? 0 : 1);
        const m = mass * out.p[k];
        if (nA >= need) { win += m; continue; }
        if (nB >= need) continue;
        const nKey = (nA << 3) | (nB << 1) | (nextSetServer(server, out.a[k], out.b[k]) === "a" ? 0 : 1);
        next.set(nKey, (next.get(nKey) ?? 0) + m);
      }
    }
    frontier = next;
  }
  return win;
}
