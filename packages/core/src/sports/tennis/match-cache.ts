import { FutureTable, type Future } from "./futures";
import { posteriorComponents } from "./inplay";
import type { GameSums } from "./markets";
import { gridWidth, SET_GRID, type MatchDistribution } from "./match";
import { setRuleOf, type FinalSetRule, type MatchRules } from "./rules";
import { serveTables, type ServeTables } from "./serve-tables";
import { inTiebreak, setFirstServer, type SetState } from "./set";
import { isOver, setsWon, type TennisScore } from "./state";
import { serveComponents, type ServeComponent, type ServeStrength } from "./strength";

/**
 * A match's pricing state, kept between prices of the same match (same strength and
 * format): its mixture's components and serve tables, each component's futures from
 * the start of every game asked for so far (FutureTable), and the mixture updated on
 * each games score seen. Repricing point after point then mixes two stored futures
 * per component (the game in progress won by A or by B); only a new game's first
 * price computes futures, and only the first price of a match computes the futures
 * from the start of each later set.
 */
interface MatchEntry {
  sum: number;
  difference: number;
  spread: number;
  setSpread: number;
  sumSpread: number;
  evidence: number;
  /** The after-first-set blend (blendKey), "" for none. */
  blend: string;
  rules: MatchRules;
  components: ServeComponent[];
  tables: ServeTables[];
  futures: FutureTable[];
  /** Each games score priced so far, mixed (key: scoreKey, "+" for a game in progress). */
  games: Map<string, GameEntry>;
}

/** Matches kept, the least recently priced dropped first: a few MB at most each. */
const MATCHES = 32;
/** Games scores kept per match before its posteriors are dropped. */
const SCORES = 1024;
const byKey = new Map<string, MatchEntry>();
let byObject = new WeakMap<ServeStrength, MatchEntry>();

const blendKey = (s: ServeStrength) => (s.firstSetBlend ? `${s.firstSetBlend.weight}/${s.firstSetBlend.aWonSet}/${s.firstSetBlend.aLostSet}` : "");

function sameMatch(e: MatchEntry, s: ServeStrength, rules: MatchRules): boolean {
  return e.sum === s.sum && e.difference === s.difference && e.spread === s.spread && e.setSpread === (s.setSpread ?? 0) && e.sumSpread === (s.sumSpread ?? 0) && e.evidence === (s.evidence ?? 1) && e.blend === blendKey(s)
    && e.rules.bestOf === rules.bestOf && e.rules.finalSet === rules.finalSet && e.rules.noAd === rules.noAd;
}

function matchEntry(strength: ServeStrength, rules: MatchRules): MatchEntry {
  const known = byObject.get(strength);
  if (known && sameMatch(known, strength, rules)) return known;
  const setSpread = strength.setSpread ?? 0, sumSpread = strength.sumSpread ?? 0, evidence = strength.evidence ?? 1;
  const blend = blendKey(strength);
  const key = `${strength.sum},${strength.difference},${strength.spread},${setSpread},${sumSpread},${evidence},${blend},${rules.bestOf},${rules.finalSet},${rules.noAd ? 1 : 0}`;
  let entry = byKey.get(key);
  if (entry) byKey.delete(key);
  else {
    const components = serveComponents(strength);
    const tables = components.map((c) => serveTables(c.pA, c.pB, rules.noAd, c.setSpread));
    const own: MatchRules = { bestOf: rules.bestOf, finalSet: rules.finalSet, noAd: rules.noAd };
    entry = {
      sum: strength.sum, difference: strength.difference, spread: strength.spread, setSpread, sumSpread, evidence, blend, rules: own,
      components, tables, futures: tables.map((t) => new FutureTable(t, own)), games: new Map(),
    };
    if (byKey.size >= MATCHES) byKey.delete(byKey.keys().next().value as string);
  }
  byKey.set(key, entry);
  byObject.set(strength, entry);
  return entry;
}

/** What the likelihood of a score reads: the completed sets, the games of the set in progress and who serves. */
function scoreKey(score: TennisScore): string {
  let key = "";
  for (const [x, y] of score.sets) key += `${x}-${y} `;
  const c = score.current;
  return `${key}${c.gamesA}-${c.gamesB} ${c.server}`;
}

/** Forgets every match's pricing state (tests, and timing a first price). */
export function clearMatchCache(): void {
  byKey.clear();
  byObject = new WeakMap();
}

/** A match distribution with the games as the markets read them; `games` is left empty. */
export interface CachedPricing {
  distribution: MatchDistribution;
  sums: GameSums;
  /** The mixture updated on the score, and each component's serve tables. */
  posterior: ServeComponent[];
  tables: ServeTables[];
  /** In play: each component's chance that A wins the game (or tiebreak) in progress. */
  currentWins: Float64Array;
}

/**
 * Where each part of a mixed distribution sits in one flat array, for a grid width and
 * the side of the set-score grid: winA, winB, tiebreak, noTiebreak, the 16 sets, the
 * totals (2w), A's leads (2w, index lead + w), A's games (w), B's games (w) and the set
 * score (side * side). One array lets a component's share be added in one loop.
 */
class Layout {
  readonly total = 20;
  readonly diff: number;
  readonly byA: number;
  readonly byB: number;
  readonly setScore: number;
  readonly length: number;
  /** The scratch the mix is summed into, and views of it as the markets read them. */
  readonly flat: Float64Array;
  readonly sets: Float64Array;
  readonly sums: GameSums;
  readonly setGrid: Float64Array;

  constructor(readonly width: number, readonly side: number) {
    this.diff = this.total + 2 * width;
    this.byA = this.diff + 2 * width;
    this.byB = this.byA + width;
    this.setScore = this.byB + width;
    this.length = this.setScore + side * side;
    const flat = (this.flat = new Float64Array(this.length));
    this.sets = flat.subarray(4, 20);
    this.sums = {
      total: flat.subarray(this.total, this.diff), diff: flat.subarray(this.diff, this.byA),
      byA: flat.subarray(this.byA, this.byB), byB: flat.subarray(this.byB, this.setScore), w: width,
    };
    this.setGrid = side === SET_GRID ? flat.subarray(this.setScore) : new Float64Array(SET_GRID * SET_GRID);
  }
}

const layouts = new Map<number, Layout>();

function layoutOf(width: number, side: number): Layout {
  const key = width * 64 + side;
  let layout = layouts.get(key);
  if (!layout) { layout = new Layout(width, side); layouts.set(key, layout); }
  return layout;
}

/** Games already played when a score's game entry was made: where its futures start. */
interface Played {
  a: number;
  b: number;
  tiebreak: boolean;
}

function addShifted(into: Float64Array, from: Float64Array, start: number, m: number): void {
  for (let i = 0; i < from.length; i++) into[start + i] += m * from[i];
}

/** Adds m times a future into a flat distribution. */
function place(into: Float64Array, layout: Layout, f: Future, m: number, played: Played): void {
  into[0] += m * f.winA;
  into[1] += m * f.winB;
  if (played.tiebreak) into[2] += m * (f.tiebreak + f.noTiebreak);
  else { into[2] += m * f.tiebreak; into[3] += m * f.noTiebreak; }
  for (let i = 0; i < 16; i++) into[4 + i] += m * f.sets[i];
  addShifted(into, f.total, layout.total + f.totalLo + played.a + played.b, m);
  addShifted(into, f.diff, layout.diff + f.diffLo + played.a - played.b + layout.width, m);
  addShifted(into, f.byA, layout.byA + f.byALo + played.a, m);
  addShifted(into, f.byB, layout.byB + f.byBLo + played.b, m);
  const side = layout.side;
  for (let k = 0; k < f.setAt.length; k++) {
    const at = f.setAt[k];
    into[layout.setScore + Math.floor(at / SET_GRID) * side + (at % SET_GRID)] += m * f.setP[k];
  }
}

/**
 * One games score of a match (or its first point, a coin toss for the first server),
 * mixed once: the mixture updated on the score and its distribution with every
 * component's weight in. In a game in progress the base is every component's future
 * after B wins the game, and each component adds its weight times A's chance in the
 * game times the difference A's win makes (stored over its non-zero range), so a
 * price from any point score of the game is one pass per component.
 */
interface GameEntry {
  posterior: ServeComponent[];
  layout: Layout;
  base: Float64Array;
  deltas: Sparse[] | null;
  /** Each component's chance that A wins the game in progress, per point score (pointsA * 1024 + pointsB). */
  wins: Map<number, Float64Array>;
}

const EMPTY = new Float64Array(0);

/** The non-zero runs of a flat array: (start, length) pairs and their values end to end. */
interface Sparse {
  runs: Int32Array;
  values: Float64Array;
}

function sparse(dense: Float64Array): Sparse {
  const runs: number[] = [], values: number[] = [];
  let i = 0;
  while (i < dense.length) {
    if (dense[i] === 0) { i++; continue; }
    // A run goes on over a single zero: one more product is cheaper than a new run.
    let end = i + 1;
    while (end < dense.length && (dense[end] !== 0 || (end + 1 < dense.length && dense[end + 1] !== 0))) end++;
    runs.push(i, end - i);
    for (let j = i; j < end; j++) values.push(dense[j]);
    i = end;
  }
  return { runs: Int32Array.from(runs), values: Float64Array.from(values) };
}

function addSparse(into: Float64Array, s: Sparse, m: number): void {
  const { runs, values } = s;
  let p = 0;
  for (let r = 0; r < runs.length; r += 2) {
    const start = runs[r], end = start + runs[r + 1];
    for (let i = start; i < end; i++) into[i] += m * values[p++];
  }
}

/** A game (or tiebreak) in progress: its futures are the ones after it; a game not yet started is the future from its start. */
function isStarted(rule: FinalSetRule, c: SetState): boolean {
  return inTiebreak(rule, c.gamesA, c.gamesB) || c.pointsA !== 0 || c.pointsB !== 0;
}

function gameEntry(entry: MatchEntry, rules: MatchRules, score: TennisScore | null): GameEntry {
  const { components, futures } = entry;
  const posterior = score ? posteriorComponents(components, rules, score) : components;
  const sets = score ? score.sets : [];
  const played: Played = { a: 0, b: 0, tiebreak: false };
  for (const [x, y] of sets) { played.a += x; played.b += y; if (Math.min(x, y) >= 6 && Math.abs(x - y) === 1) played.tiebreak = true; }
  const width = gridWidth(score ?? { sets: [], current: { gamesA: 0, gamesB: 0, pointsA: 0, pointsB: 0, server: "a" } }, rules);
  const rule = setRuleOf(rules, sets.length);
  const layout = layoutOf(width, rule === "advantage" ? SET_GRID : 8);
  const base = new Float64Array(layout.length);
  if (!score) {
    for (let k = 0; k < posterior.length; k++) {
      const half = posterior[k].weight * 0.5;
      place(base, layout, futures[k].at(0, 0, "a", 0, 0), half, played);
      place(base, layout, futures[k].at(0, 0, "b", 0, 0), half, played);
    }
    return { posterior, layout, base, deltas: null, wins: new Map() };
  }
  const [setsA, setsB] = setsWon(score);
  const c = score.current;
  const tb = inTiebreak(rule, c.gamesA, c.gamesB);
  const first = setFirstServer(c, tb);
  const a = c.gamesA, b = c.gamesB;
  if (!isStarted(rule, c)) {
    for (let k = 0; k < posterior.length; k++) place(base, layout, futures[k].at(setsA, setsB, first, a, b), posterior[k].weight, played);
    return { posterior, layout, base, deltas: null, wins: new Map() };
  }
  const deltas: Sparse[] = [];
  const scratch = new Float64Array(layout.length);
  for (let k = 0; k < posterior.length; k++) {
    const aWins = futures[k].at(setsA, setsB, first, tb ? 7 : a + 1, tb ? 6 : b);
    const bWins = futures[k].at(setsA, setsB, first, tb ? 6 : a, tb ? 7 : b + 1);
    place(base, layout, bWins, posterior[k].weight, played);
    scratch.fill(0);
    place(scratch, layout, aWins, 1, played);
    place(scratch, layout, bWins, -1, played);
    deltas.push(sparse(scratch));
  }
  return { posterior, layout, base, deltas, wins: new Map() };
}

/**
 * The mixture's match distribution from a score (null: before the first point, a coin
 * toss for the first server) and the mixture updated on it, from the match's stored
 * games. The distribution's arrays are scratch, valid until the next call. Null where
 * this path does not apply (a set-to-set spread, or a match already over); the caller
 * then takes matchDistribution's.
 */
export function cachedPricing(strength: ServeStrength, rules: MatchRules, score: TennisScore | null): CachedPricing | null {
  if ((strength.setSpread ?? 0) > 0 || (score && isOver(score, rules))) return null;
  const entry = matchEntry(strength, rules);
  const rule = setRuleOf(rules, score ? score.sets.length : 0);
  const key = score ? scoreKey(score) + (isStarted(rule, score.current) ? " +" : "") : "pre";
  let game = entry.games.get(key);
  if (!game) {
    game = gameEntry(entry, rules, score);
    if (entry.games.size >= SCORES) entry.games.clear();
    entry.games.set(key, game);
  }
  const { posterior, layout, base, deltas } = game;
  const flat = layout.flat;
  flat.set(base);
  let currentWins: Float64Array = EMPTY;
  if (score) {
    const c = score.current;
    const points = c.pointsA * 1024 + c.pointsB;
    const known = game.wins.get(points);
    if (known) currentWins = known;
    else {
      currentWins = new Float64Array(posterior.length);
      for (let k = 0; k < posterior.length; k++) currentWins[k] = entry.futures[k].gameWin(rule, c);
      game.wins.set(points, currentWins);
    }
  }
  if (deltas) {
    for (let k = 0; k < deltas.length; k++) addSparse(flat, deltas[k], posterior[k].weight * currentWins[k]);
    // A sum of differences can round a vanishing mass below zero.
    for (let i = 0; i < flat.length; i++) if (flat[i] < 0) flat[i] = 0;
  }
  if (layout.side !== SET_GRID) {
    const grid = layout.setGrid, side = layout.side;
    grid.fill(0);
    for (let x = 0; x < side; x++) for (let y = 0; y < side; y++) grid[x * SET_GRID + y] = flat[layout.setScore + x * side + y];
  }
  const distribution: MatchDistribution = {
    winA: flat[0], winB: flat[1], sets: layout.sets, games: new Float64Array(0), width: layout.width, tiebreak: flat[2], noTiebreak: flat[3],
    setIndex: score ? score.sets.length : 0, setScore: layout.setGrid,
  };
  return { distribution, sums: layout.sums, posterior, tables: entry.tables, currentWins };
}
