import { countMatch, baselineAfterFirstSet, baselineKey, baselineOver, baselineSets, baselineTiebreak, newBaseline, type FrequencyBaseline } from "./baseline";
import { impliedWinner, type TennisDataFile, type TennisDataMatch } from "./csv";
import { rulesOf } from "./formats";
import { mixtureDistribution, scoreLikelihood } from "./inplay";
import type { MatchDistribution } from "./match";
import { setBettingKeys } from "./markets";
import { newRatingBook, predictMatch, rateMatch, RATING_PARAMS, type RatingBook } from "./ratings";
import type { MatchRules, Player } from "./rules";
import { serveTables } from "./serve-tables";
import { nextSetServer } from "./set";
import { differenceFor, serveComponents, serveSpreadOf, serveSumOf, setSpreadOf, sumSpreadOf, type ServeComponent } from "./strength";
import type { TennisScore } from "./state";

/** A season file, labelled by its name ("ATP_2019"). */
export interface TennisSeason extends TennisDataFile {
  label: string;
}

/** A probability and what happened (1 or 0), for log-loss and calibration. */
export interface Forecast {
  p: number;
  y: number;
  baseline: number;
}

/** One scored match. A is Pinnacle's favourite, decided before the match. */
export interface TennisBacktestRecord {
  tour: string;
  date: string;
  label: string;
  bestOf: number;
  /** A wins the match: ratings, Pinnacle de-margined, outcome. */
  ratings: number;
  pinnacle: number;
  aWon: number;
  /** One forecast per set-betting selection; `chosen` is the index that happened. */
  setBetting: Forecast[];
  chosen: number;
  /** Over the main line (the half-line nearest the model's median). */
  totalGames: Forecast & { line: number };
  tiebreak: Forecast;
  /** After the first set, A wins the match; prematch is the pre-match model on the same match. */
  afterFirstSet: (Forecast & { prematch: number }) | null;
}

export interface TennisBacktestRun {
  records: TennisBacktestRecord[];
  /** Rows not scored, by reason: parser rejects, retirements, walkovers, no Pinnacle odds. */
  badRows: Record<string, number>;
  beforeFrom: number;
}

const isTiebreakSet = ([a, b]: [number, number]) => Math.min(a, b) >= 6 && Math.abs(a - b) === 1;

/** The match from A's side (A the favourite): sets, games, who won. */
function fromA(m: TennisDataMatch, aIsWinner: boolean): [number, number][] {
  return m.sets.map(([w, l]) => (aIsWinner ? [w, l] : [l, w]));
}

function mainLine(d: MatchDistribution): [number, number] {
  const total = new Float64Array(2 * d.width);
  for (let a = 0; a < d.width; a++) for (let b = 0; b < d.width; b++) total[a + b] += d.games[a * d.width + b];
  let best = 0.5, bestOver = 1, over = 1;
  for (let t = 0; t < total.length; t++) {
    over -= total[t];
    if (Math.abs(over - 0.5) < Math.abs(bestOver - 0.5)) { best = t + 0.5; bestOver = over; }
  }
  return [best, bestOver];
}

/**
 * A's probability of winning after the first set, the first server unknown: each
 * first server is weighed by the likelihood of the first set's score under it.
 */
function afterFirstSetWin(components: ServeComponent[], rules: MatchRules, firstSet: [number, number]): number {
  let total = 0, weight = 0;
  for (const first of ["a", "b"] as Player[]) {
    const score: TennisScore = { sets: [firstSet], current: { gamesA: 0, gamesB: 0, pointsA: 0, pointsB: 0, server: nextSetServer(first, firstSet[0], firstSet[1]) } };
    let like = 0;
    for (const c of components) like += c.weight * scoreLikelihood(serveTables(c.pA, c.pB, rules.noAd, c.setSpread), rules, score);
    total += like * mixtureDistribution(components, rules, score).winA;
    weight += like;
  }
  return weight > 0 ? total / weight : 0.5;
}

/** A completed match with Pinnacle odds from the favourite's side (A), as the scores and the baseline see it. */
function favouriteView(m: TennisDataMatch) {
  const pw = impliedWinner(m.pinnacle!);
  const aIsWinner = pw >= 0.5;
  const pA = aIsWinner ? pw : 1 - pw;
  const sets = fromA(m, aIsWinner);
  const rules = rulesOf(m);
  const keys = setBettingKeys(rules);
  const setsA = sets.filter(([a, b]) => a > b).length, setsB = sets.length - setsA;
  const chosen = keys.findIndex(([a, b]) => a === setsA && b === setsB);
  const games = sets.reduce((s, [a, b]) => s + a + b, 0);
  return { pA, aIsWinner, sets, rules, keys, chosen, games, tiebreak: sets.some(isTiebreakSet), key: baselineKey(m.tour, m.bestOf, pA) };
}

/** Adds a match to the baseline, after any scoring of it. */
function countInBaseline(baseline: FrequencyBaseline, v: ReturnType<typeof favouriteView>): void {
  countMatch(baseline, v.key, v.chosen, v.keys.length, v.tiebreak, v.games, v.sets[0][0] > v.sets[0][1], v.aIsWinner);
}

function scoreMatch(m: TennisDataMatch, label: string, book: RatingBook, baseline: FrequencyBaseline): TennisBacktestRecord {
  const v = favouriteView(m);
  const { pA, aIsWinner, sets, rules, keys, chosen, games, tiebreak, key } = v;
  const strength = differenceFor(pA, serveSumOf(m.tour, m.surface), serveSpreadOf(m.tour), rules, setSpreadOf(m.tour), sumSpreadOf(m.tour));
  const components = serveComponents(strength);
  const d = mixtureDistribution(components, rules, null);
  const base = baselineSets(baseline, key, keys.length);
  const setBetting = keys.map(([a, b], i) => ({ p: d.sets[a * 4 + b], y: i === chosen ? 1 : 0, baseline: base[i] }));
  const [line, over] = mainLine(d);
  const ratingWinner = predictMatch(book, m.winner, m.loser, m.surface, m.winnerRank, m.loserRank, m.bestOf);
  const record: TennisBacktestRecord = {
    tour: m.tour, date: m.date, label, bestOf: m.bestOf,
    ratings: aIsWinner ? ratingWinner : 1 - ratingWinner, pinnacle: pA, aWon: aIsWinner ? 1 : 0,
    setBetting, chosen,
    totalGames: { p: over, y: games > line ? 1 : 0, baseline: baselineOver(baseline, key, line), line },
    tiebreak: { p: d.tiebreak, y: tiebreak ? 1 : 0, baseline: baselineTiebreak(baseline, key) },
    afterFirstSet: null,
  };
  if (sets.length >= 2) {
    const aWonSet = sets[0][0] > sets[0][1];
    record.afterFirstSet = { p: afterFirstSetWin(components, rules, sets[0]), y: record.aWon, baseline: baselineAfterFirstSet(baseline, key, aWonSet), prematch: d.winA };
  }
  countInBaseline(baseline, v);
  return record;
}

/** Whether a completed match's set scores have the winner on the sets needed and the loser short of them. */
function finishesMatch(m: TennisDataMatch): boolean {
  const need = m.bestOf === 3 ? 2 : 3;
  const won = m.sets.filter(([w, l]) => w > l).length, lost = m.sets.filter(([w, l]) => l > w).length;
  return won === need && lost < need && won + lost === m.sets.length;
}

/**
 * Walks forward through seasons in date order: every match is first scored (from
 * `from` on, if completed with Pinnacle odds) with ratings and baselines built on
 * earlier matches only, then added to them. Derived markets are priced in market
 * mode, from Pinnacle's de-margined match odds.
 *
 * @param from ISO date; earlier matches are history only
 */
export function runTennisBacktest(seasons: TennisSeason[], from?: string): TennisBacktestRun {
  const run: TennisBacktestRun = { records: [], badRows: {}, beforeFrom: 0 };
  const bad = (reason: string, n = 1) => { run.badRows[reason] = (run.badRows[reason] ?? 0) + n; };
  for (const s of seasons) for (const [reason, n] of Object.entries(s.rejectCounts)) bad(reason, n);
  const matches = seasons.flatMap((s) => s.matches.map((m) => ({ m, label: s.label })));
  matches.sort((x, y) => (x.m.date < y.m.date ? -1 : x.m.date > y.m.date ? 1 : 0));
  const books = new Map<string, RatingBook>();
  const baseline = newBaseline();
  for (const { m, label } of matches) {
    let book = books.get(m.tour);
    if (!book) { book = newRatingBook(RATING_PARAMS[m.tour]); books.set(m.tour, book); }
    const scored = !from || m.date >= from;
    if (m.status !== "completed") { if (scored) bad(m.status); }
    else if (!m.pinnacle) { if (scored) bad("no Pinnacle odds"); }
    else if (!finishesMatch(m)) { if (scored) bad("set scores do not finish the match"); }
    else if (scored) run.records.push(scoreMatch(m, label, book, baseline));
    else {
      run.beforeFrom++;
      countInBaseline(baseline, favouriteView(m));
    }
    rateMatch(book, m);
  }
  return run;
}
