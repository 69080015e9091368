import { fairOddsOf } from "../../markets/fair-odds";
import type { SelectionPrice } from "../../markets/types";
import { SET_GRID, type MatchDistribution } from "./match";
import type { MarketLines, TennisMarket, TennisMarketGroup } from "./market-types";
import { setRuleOf, setsToWin, type MatchRules } from "./rules";

/**
 * A market from its selections' win and push probabilities. It is decided when only
 * one selection can still win and nothing can push: every reachable score has a
 * positive probability (serve probabilities are held inside (0.02, 0.98)), so a sum
 * that is exactly zero means no reachable score wins that selection.
 */
export function marketOf(group: TennisMarketGroup, key: string, line: number | null, keys: string[], win: number[], push?: number[]): TennisMarket {
  const n = keys.length;
  let wins = 0, pushes = 0, winners = 0, pushed = false;
  for (let i = 0; i < n; i++) {
    wins += win[i];
    if (win[i] > 0) winners++;
  }
  if (push) {
    // A push voids every selection of the market at once: it counts once in the total.
    for (let i = 0; i < n; i++) {
      pushes = Math.max(pushes, push[i]);
      if (push[i] !== 0) pushed = true;
    }
  }
  const total = wins + pushes;
  const scale = total > 0 ? 1 / total : 1;
  const decided = winners <= 1 && !pushed;
  const selections: SelectionPrice[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const probability = Math.min(1, win[i] * scale);
    const p = push ? Math.min(1, push[i] * scale) : 0;
    const sel: SelectionPrice = { key: keys[i], probability, push: p, lose: Math.max(0, 1 - probability - p), fairOdds: fairOddsOf(probability, p) };
    if (decided) sel.outcome = win[i] > 0 ? "won" : "lost";
    selections[i] = sel;
  }
  return { group, key, line, status: decided ? "decided" : "open", selections };
}

/** The exact-sets selections from A's side: 2-0, 2-1, 1-2, 0-2 (or 3-0 ... 0-3). */
export function setBettingKeys(rules: MatchRules): [number, number][] {
  const n = setsToWin(rules);
  const out: [number, number][] = [];
  for (let b = 0; b < n; b++) out.push([n, b]);
  for (let a = n - 1; a >= 0; a--) out.push([a, n]);
  return out;
}

function setMarkets(d: MatchDistribution, rules: MatchRules): TennisMarket[] {
  const keys = setBettingKeys(rules);
  const probs = keys.map(([a, b]) => d.sets[a * 4 + b]);
  const out = [marketOf("match-winner", "match-winner", null, ["a", "b"], [d.winA, d.winB])];
  out.push(marketOf("set-betting", "set-betting", null, keys.map(([a, b]) => `${a}-${b}`), probs));
  const n = setsToWin(rules);
  for (let h = 1.5; h <= n - 0.5; h++) {
    for (const line of [-h, h]) {
      const a = keys.reduce((s, [x, y], i) => s + (x + line > y ? probs[i] : 0), 0);
      const b = keys.reduce((s, [x, y], i) => s + (x + line > y ? 0 : probs[i]), 0);
      out.push(marketOf("set-handicap", "set-handicap", line, ["a", "b"], [a, b]));
    }
  }
  for (let total = n + 0.5; total < 2 * n - 1; total++) {
    const over = keys.reduce((s, [x, y], i) => s + (x + y > total ? probs[i] : 0), 0);
    const under = keys.reduce((s, [x, y], i) => s + (x + y > total ? 0 : probs[i]), 0);
    out.push(marketOf("total-sets", "total-sets", total, ["over", "under"], [over, under]));
  }
  return out;
}

function setWinnerMarkets(d: MatchDistribution, rules: MatchRules): TennisMarket[] {
  if (d.setIndex === null) return [];
  const set = d.setIndex + 1;
  const keys: string[] = [], probs: number[] = [];
  let winA = 0, winB = 0;
  // A set with a tiebreak ends by 7 games a side.
  const size = setRuleOf(rules, d.setIndex) === "advantage" ? SET_GRID : 8;
  for (let a = 0; a < size; a++) {
    for (let b = 0; b < size; b++) {
      const p = d.setScore[a * SET_GRID + b];
      if (p === 0) continue;
      keys.push(`${a}-${b}`);
      probs.push(p);
      if (a > b) winA += p; else winB += p;
    }
  }
  return [
    marketOf("set-winner", `set-${set}-winner`, null, ["a", "b"], [winA, winB]),
    marketOf("set-winner", `set-${set}-score`, null, keys, probs),
  ];
}

/** The final games as the markets read them: by total, by A's lead (index lead + w), by each player's games. */
export interface GameSums {
  total: Float64Array;
  diff: Float64Array;
  byA: Float64Array;
  byB: Float64Array;
  w: number;
}

/** Sums of the final-games grid: by total, by A's lead, by each player's games. */
export function gameSums(d: MatchDistribution): GameSums {
  const w = d.width;
  const total = new Float64Array(2 * w), diff = new Float64Array(2 * w), byA = new Float64Array(w), byB = new Float64Array(w);
  for (let a = 0; a < w; a++) {
    for (let b = 0; b < w; b++) {
      const p = d.games[a * w + b];
      if (p === 0) continue;
      total[a + b] += p; diff[a - b + w] += p; byA[a] += p; byB[b] += p;
    }
  }
  return { total, diff, byA, byB, w };
}

function mean(dist: Float64Array, offset = 0): number {
  let m = 0, s = 0;
  for (let i = 0; i < dist.length; i++) { m += dist[i] * (i - offset); s += dist[i]; }
  return s > 0 ? m / s : 0;
}

/** Half-point lines around a mean: the `count` lines nearest to it. */
export function linesAround(m: number, count: number, min = -Infinity): number[] {
  const centre = Math.round(m - 0.5) + 0.5;
  const out: number[] = [];
  for (let k = -Math.floor(count / 2); k < Math.ceil(count / 2); k++) if (centre + k >= min) out.push(centre + k);
  return out;
}

/**
 * A distribution's tails, for the over and under of every line in one pass: below[i]
 * sums entries before i, above[i] entries from i on (summed from the top, so a tail
 * with no mass is exactly 0 and a market it decides shows as decided).
 */
interface Tails {
  dist: Float64Array;
  below: Float64Array;
  above: Float64Array;
  /** Index of the value 0. */
  offset: number;
}

/** Scratch for the tails of the four marginals, grown when a wider grid needs it: the markets read them before the next call. */
const scratch: Float64Array[] = [];

function tailsOf(dist: Float64Array, slot: number, offset = 0): Tails {
  const n = dist.length;
  if (!scratch[2 * slot] || scratch[2 * slot].length < n + 1) {
    scratch[2 * slot] = new Float64Array(2 * n + 2);
    scratch[2 * slot + 1] = new Float64Array(2 * n + 2);
  }
  const below = scratch[2 * slot], above = scratch[2 * slot + 1];
  below[0] = 0;
  for (let i = 0; i < n; i++) below[i + 1] = below[i] + dist[i];
  above[n] = 0;
  for (let i = n - 1; i >= 0; i--) above[i] = above[i + 1] + dist[i];
  return { dist, below, above, offset };
}

/** Win, loss and push of "over" a line. */
function overUnder(t: Tails, line: number): [number, number, number] {
  const n = t.dist.length;
  const c = line + t.offset;
  const under = t.below[Math.min(n, Math.max(0, Math.ceil(c)))];
  const over = t.above[Math.min(n, Math.max(0, Math.floor(c) + 1))];
  const push = Number.isInteger(c) && c >= 0 && c < n ? t.dist[c] : 0;
  return [over, under, push];
}

function gameMarkets(g: GameSums, lines: MarketLines): TennisMarket[] {
  const out: TennisMarket[] = [];
  const total = tailsOf(g.total, 0);
  for (const line of lines.totalGames ?? linesAround(mean(g.total), 9)) {
    const [over, under, push] = overUnder(total, line);
    out.push(marketOf("total-games", "total-games", line, ["over", "under"], [over, under], [push, push]));
  }
  const diff = tailsOf(g.diff, 1, g.w);
  for (const line of lines.gameHandicap ?? linesAround(-mean(g.diff, g.w), 9)) {
    // A covers when gamesA - gamesB > -line.
    const [over, under, push] = overUnder(diff, -line);
    out.push(marketOf("game-handicap", "game-handicap", line, ["a", "b"], [over, under], [push, push]));
  }
  for (const [player, dist, own, slot] of [["a", g.byA, lines.playerGamesA, 2], ["b", g.byB, lines.playerGamesB, 3]] as const) {
    const tails = tailsOf(dist, slot);
    for (const line of own ?? linesAround(mean(dist), 5)) {
      const [over, under, push] = overUnder(tails, line);
      out.push(marketOf("player-games", `player-games-${player}`, line, ["over", "under"], [over, under], [push, push]));
    }
  }
  return out;
}

/**
 * Every market derived from one match distribution: sums over masks of it, so they
 * agree with each other by construction (set betting sums to the match winner, and so on).
 * `sums` are the games markets' input when the caller has them without the grid.
 */
export function deriveMarkets(d: MatchDistribution, rules: MatchRules, lines: MarketLines = {}, sums: GameSums = gameSums(d)): TennisMarket[] {
  return [
    ...setMarkets(d, rules),
    ...setWinnerMarkets(d, rules),
    ...gameMarkets(sums, lines),
    marketOf("tiebreak", "tiebreak", null, ["yes", "no"], [d.tiebreak, d.noTiebreak]),
  ];
}
