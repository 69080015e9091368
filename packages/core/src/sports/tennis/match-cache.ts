import { FutureTable, type Future } from "./futures";
import { posteriorComponents } from "./inplay";
import type { GameSums } from "./markets";
import { gridWidth, SET_GRID, type MatchDistribution } from "./match";
import { setRuleOf, type MatchRules } from "./rules";
import { serveTables, type ServeTables } from "./serve-tables";
import { inTiebreak, setFirstServer } from "./set";
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
  rules: MatchRules;
  components: ServeComponent[];
  tables: ServeTables[];
  futures: FutureTable[];
  /** The mixture updated on a games score (key: scoreKey), shared by every point of its game. */
  posteriors: Map<string, ServeComponent[]>;
}

/** Matches kept, the least recently priced dropped first: a few MB at most each. */
const MATCHES = 32;
/** Games scores kept per match before its posteriors are dropped. */
const SCORES = 1024;
const byKey = new Map<string, MatchEntry>();
let byObject = new WeakMap<ServeStrength, MatchEntry>();

function sameMatch(e: MatchEntry, s: ServeStrength, rules: MatchRules): boolean {
  return e.sum === s.sum && e.difference === s.difference && e.spread === s.spread && e.setSpread === (s.setSpread ?? 0) && e.sumSpread === (s.sumSpread ?? 0)
    && e.rules.bestOf === rules.bestOf && e.rules.finalSet === rules.finalSet && e.rules.noAd === rules.noAd;
}

function matchEntry(strength: ServeStrength, rules: MatchRules): MatchEntry {
  const known = byObject.get(strength);
  if (known && sameMatch(known, strength, rules)) return known;
  const setSpread = strength.setSpread ?? 0, sumSpread = strength.sumSpread ?? 0;
  const key = `${strength.sum},${strength.difference},${strength.spread},${setSpread},${sumSpread},${rules.bestOf},${rules.finalSet},${rules.noAd ? 1 : 0}`;
  let entry = byKey.get(key);
  if (entry) byKey.delete(key);
  else {
    const components = serveComponents(strength);
    const tables = components.map((c) => serveTables(c.pA, c.pB, rules.noAd, c.setSpread));
    const own: MatchRules = { bestOf: rules.bestOf, finalSet: rules.finalSet, noAd: rules.noAd };
    entry = {
      sum: strength.sum, difference: strength.difference, spread: strength.spread, setSpread, sumSpread, rules: own,
      components, tables, futures: tables.map((t) => new FutureTable(t, own)), posteriors: new Map(),
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
 * The mixed distribution being summed. One per grid width, reused from call to call:
 * the markets read it before the next price starts, and keep none of its arrays.
 */
class Accumulator {
  winA = 0;
  winB = 0;
  tiebreak = 0;
  noTiebreak = 0;
  playedA = 0;
  playedB = 0;
  playedTiebreak = false;
  readonly sets = new Float64Array(16);
  readonly setScore = new Float64Array(SET_GRID * SET_GRID);
  readonly sums: GameSums;

  constructor(readonly width: number) {
    this.sums = { total: new Float64Array(2 * width), diff: new Float64Array(2 * width), byA: new Float64Array(width), byB: new Float64Array(width), w: width };
  }

  reset(playedA: number, playedB: number, playedTiebreak: boolean): this {
    this.winA = 0; this.winB = 0; this.tiebreak = 0; this.noTiebreak = 0;
    this.playedA = playedA; this.playedB = playedB; this.playedTiebreak = playedTiebreak;
    this.sets.fill(0);
    this.setScore.fill(0);
    const { total, diff, byA, byB } = this.sums;
    total.fill(0); diff.fill(0); byA.fill(0); byB.fill(0);
    return this;
  }

  add(f: Future, m: number): void {
    if (m === 0) return;
    this.winA += m * f.winA;
    this.winB += m * f.winB;
    if (this.playedTiebreak) this.tiebreak += m * (f.tiebreak + f.noTiebreak);
    else { this.tiebreak += m * f.tiebreak; this.noTiebreak += m * f.noTiebreak; }
    const sets = this.sets;
    for (let i = 0; i < 16; i++) sets[i] += m * f.sets[i];
    const { total, diff, byA, byB, w } = this.sums;
    addShifted(total, f.total, f.totalLo + this.playedA + this.playedB, m);
    addShifted(diff, f.diff, f.diffLo + this.playedA - this.playedB + w, m);
    addShifted(byA, f.byA, f.byALo + this.playedA, m);
    addShifted(byB, f.byB, f.byBLo + this.playedB, m);
    const setScore = this.setScore;
    for (let k = 0; k < f.setAt.length; k++) setScore[f.setAt[k]] += m * f.setP[k];
  }
}

const accumulators = new Map<number, Accumulator>();

function accumulator(width: number): Accumulator {
  let acc = accumulators.get(width);
  if (!acc) { acc = new Accumulator(width); accumulators.set(width, acc); }
  return acc;
}

function addShifted(into: Float64Array, from: Float64Array, start: number, m: number): void {
  for (let i = 0; i < from.length; i++) into[start + i] += m * from[i];
}

/**
 * The mixture's match distribution from a score (null: before the first point, a coin
 * toss for the first server) and the mixture updated on it, from the match's stored
 * futures. The distribution's arrays are scratch, valid until the next call. Null where this path does not apply (a set-to-set spread, or a match
 * already over); the caller then takes matchDistribution's.
 */
export function cachedPricing(strength: ServeStrength, rules: MatchRules, score: TennisScore | null): CachedPricing | null {
  if ((strength.setSpread ?? 0) > 0 || (score && isOver(score, rules))) return null;
  const entry = matchEntry(strength, rules);
  const { components, tables, futures } = entry;
  let posterior = components;
  if (score) {
    const key = scoreKey(score);
    let known = entry.posteriors.get(key);
    if (!known) {
      known = posteriorComponents(components, rules, score);
      if (entry.posteriors.size >= SCORES) entry.posteriors.clear();
      entry.posteriors.set(key, known);
    }
    posterior = known;
  }
  const sets = score ? score.sets : [];
  let playedA = 0, playedB = 0, playedTiebreak = false;
  for (const [x, y] of sets) { playedA += x; playedB += y; if (Math.min(x, y) >= 6 && Math.abs(x - y) === 1) playedTiebreak = true; }
  const width = gridWidth(score ?? { sets: [], current: { gamesA: 0, gamesB: 0, pointsA: 0, pointsB: 0, server: "a" } }, rules);
  const acc = accumulator(width).reset(playedA, playedB, playedTiebreak);
  const currentWins = new Float64Array(posterior.length);
  if (!score) {
    for (let k = 0; k < posterior.length; k++) {
      const half = posterior[k].weight * 0.5;
      acc.add(futures[k].at(0, 0, "a", 0, 0), half);
      acc.add(futures[k].at(0, 0, "b", 0, 0), half);
    }
  } else {
    const [setsA, setsB] = setsWon(score);
    const rule = setRuleOf(rules, sets.length);
    const c = score.current;
    const tb = inTiebreak(rule, c.gamesA, c.gamesB);
    const first = setFirstServer(c, tb);
    const a = c.gamesA, b = c.gamesB;
    // A game not yet started is the future from its start; a game (or tiebreak) in progress mixes the futures after it.
    const started = tb || c.pointsA !== 0 || c.pointsB !== 0;
    for (let k = 0; k < posterior.length; k++) {
      const m = posterior[k].weight;
      const table = futures[k];
      const w = table.gameWin(rule, c);
      currentWins[k] = w;
      if (!started) { acc.add(table.at(setsA, setsB, first, a, b), m); continue; }
      acc.add(table.at(setsA, setsB, first, tb ? 7 : a + 1, tb ? 6 : b), m * w);
      acc.add(table.at(setsA, setsB, first, tb ? 6 : a, tb ? 7 : b + 1), m * (1 - w));
    }
  }
  const distribution: MatchDistribution = {
    winA: acc.winA, winB: acc.winB, sets: acc.sets, games: new Float64Array(0), width, tiebreak: acc.tiebreak, noTiebreak: acc.noTiebreak,
    setIndex: sets.length, setScore: acc.setScore,
  };
  return { distribution, sums: acc.sums, posterior, tables, currentWins };
}
