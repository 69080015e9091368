import { countMatch, baselineAfterFirstSet, baselineKey, baselineOver, baselineSets, baselineTiebreak, newBaseline, type FrequencyBaseline } from "./baseline";
import { impliedWinner, type TennisDataFile, type TennisDataMatch } from "./csv";
import { rulesOf } from "./formats";
import { afterFirstSetParts, afterFirstSetWin, fitEvidence, type AfterFirstSetParts } from "./after-first-set";
import { mixtureDistribution } from "./inplay";
import type { MatchDistribution } from "./match";
import { setBettingKeys } from "./markets";
import { newRatingBook, predictMatch, rateMatch, RATING_PARAMS, type RatingBook } from "./ratings";
import type { MatchRules } from "./rules";
import { blendWithFrequency, FIRST_SET_BLEND_TOURS, fitBlendWeight, type BlendSeen } from "./first-set-blend";
import { differenceFor, serveComponents, serveSpreadOf, serveSumOf, setSpreadOf, sumSpreadOf } from "./strength";

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
  /**
   * After the first set, A wins the match: `p` the forecast (blended with the baseline on
   * the tours of FIRST_SET_BLEND_TOURS), `model` the point model's alone, `prematch` the
   * pre-match model on the same match.
   */
  afterFirstSet: (Forecast & { model: number; prematch: number }) | null;
}

export interface TennisBacktestRun {
  records: TennisBacktestRecord[];
  /** Rows not scored, by reason: parser rejects, retirements, walkovers, no Pinnacle odds. */
  badRows: Record<string, number>;
  beforeFrom: number;
  /** The in-play evidence weight each tour was priced with, by year. */
  evidence: Record<string, Record<string, number>>;
  /** The baseline's weight in the after-first-set blend, per tour and year (0: the model alone). */
  blend: Record<string, Record<string, number>>;
  /**
   * Per tour, the settings refitted on every match of the run: what a season after the
   * last would be priced with, and live prices are (strength.ts EVIDENCE, first-set-blend.ts
   * FIRST_SET_BLEND). Null where the tour does not refit the setting.
   */
  next: Record<string, { evidence: number | null; blend: number | null }>;
  /** The baseline's counts after every match of the run (live prices read its after-first-set frequencies). */
  baseline: FrequencyBaseline;
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
 * The favourite-longshot slope of a tour's de-margined prices: the b of
 * P(favourite wins) = logistic(b * logit(p)) by maximum likelihood on the matches given
 * (Newton's method from 1). Proportional de-margining leaves the longshot too much
 * (WTA 2015-18: b = 1.07, favourites win more often than their price says); 1 with
 * fewer than `MIN_SLOPE_MATCHES` matches.
 */
export function favouriteLongshotSlope(logits: readonly number[], won: readonly number[]): number {
  if (logits.length < MIN_SLOPE_MATCHES) return 1;
  let b = 1;
  for (let iter = 0; iter < 20; iter++) {
    let g = 0, h = 0;
    for (let i = 0; i < logits.length; i++) {
      const x = logits[i], q = 1 / (1 + Math.exp(-b * x));
      g += (won[i] - q) * x;
      h += q * (1 - q) * x * x;
    }
    if (!(h > 0)) break;
    const step = g / h;
    b += step;
    if (Math.abs(step) < 1e-9) break;
  }
  return b;
}

/**
 * Tours whose derived markets are priced through the favourite-longshot slope, chosen on
 * 2016-18 by the log-loss of the calibrated price (slope refitted yearly on earlier
 * matches): WTA 0.5968 against 0.5971 de-margined; ATP 0.5767 against 0.5762, so not ATP.
 */
export const PRICE_SLOPE_TOURS: Record<string, boolean> = { ATP: false, WTA: true };

/** Fewer earlier matches than this and the price is used as de-margined. */
export const MIN_SLOPE_MATCHES = 500;

/** A de-margined price through the slope: the match probability the derived markets are priced from. */
export function calibratedPrice(p: number, slope: number): number {
  return 1 / (1 + Math.exp(-slope * Math.log(p / (1 - p))));
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

/** What a tour's forecasts after the first set are made with this year, and the earlier matches its settings are refitted on. */
interface AfterFirstSetFit {
  evidence: number;
  blend: number;
  /** Earlier matches for the evidence weight (null: not refitted). */
  seen: AfterFirstSetSeen[] | null;
  /** Earlier matches for the blend weight (null: not blended). */
  blendSeen: BlendSeen[] | null;
}

function scoreMatch(m: TennisDataMatch, label: string, book: RatingBook, baseline: FrequencyBaseline, slope: number, fit: AfterFirstSetFit): TennisBacktestRecord {
  const v = favouriteView(m);
  const { pA, aIsWinner, sets, rules, keys, chosen, games, tiebreak, key } = v;
  const components = serveComponents(strengthOf(m, pA, slope, rules));
  const d = mixtureDistribution(components, rules, null);
  const base = baselineSets(baseline, key, keys.length);
  const setBetting = keys.map(([a, b], i) => ({ p: d.sets[a * 4 + b], y: i === chosen ? 1 : 0, baseline: base[i] }));
  const [line, over] = mainLine(d);
  const ratingWinner = predictMatch(book, m.winner, m.loser, m.surface, m.winnerRank, m.loserRank, m.bestOf, m.date);
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
    const parts = afterFirstSetParts(components, rules, sets[0]);
    const model = afterFirstSetWin(parts, fit.evidence), frequency = baselineAfterFirstSet(baseline, key, aWonSet);
    record.afterFirstSet = { p: blendWithFrequency(model, frequency, fit.blend), model, y: record.aWon, baseline: frequency, prematch: d.winA };
    fit.seen?.push({ parts, y: record.aWon });
    fit.blendSeen?.push({ model, frequency, y: record.aWon });
  }
  countInBaseline(baseline, v);
  return record;
}

/** One earlier match's forecast after the first set and what happened, kept for refitting the evidence weight. */
interface AfterFirstSetSeen {
  parts: AfterFirstSetParts;
  y: number;
}

function strengthOf(m: TennisDataMatch, pA: number, slope: number, rules: MatchRules) {
  return differenceFor(calibratedPrice(pA, slope), serveSumOf(m.tour, m.surface), serveSpreadOf(m.tour), rules, setSpreadOf(m.tour), sumSpreadOf(m.tour));
}

/**
 * A history-only match (before `from`), kept for the refits as a scored match would be:
 * its first-set parts for the evidence weight, the model's and the baseline's forecasts
 * for the blend weight. Read before the match is counted in the baseline.
 */
function seeBefore(m: TennisDataMatch, slope: number, baseline: FrequencyBaseline, fit: AfterFirstSetFit): void {
  if (!fit.seen && !fit.blendSeen) return;
  const { pA, aIsWinner, sets, rules, key } = favouriteView(m);
  if (sets.length < 2) return;
  const y = aIsWinner ? 1 : 0;
  const parts = afterFirstSetParts(serveComponents(strengthOf(m, pA, slope, rules)), rules, sets[0]);
  fit.seen?.push({ parts, y });
  fit.blendSeen?.push({ model: afterFirstSetWin(parts, fit.evidence), frequency: baselineAfterFirstSet(baseline, key, sets[0][0] > sets[0][1]), y });
}

/** Whether a completed match's set scores have the winner on the sets needed and the loser short of them. */
function finishesMatch(m: TennisDataMatch): boolean {
  const need = m.bestOf === 3 ? 2 : 3;
  const won = m.sets.filter(([w, l]) => w > l).length, lost = m.sets.filter(([w, l]) => l > w).length;
  return won === need && lost < need && won + lost === m.sets.length;
}

/** How the backtest sets the in-play evidence weight: the tour's fixed setting, or refitted each year. */
export type EvidenceMode = "fixed" | "refit";

/** Whether the backtest blends the forecast after the first set with the baseline (weight refitted each year), or not. */
export type BlendMode = "refit" | "off";

/**
 * Tours whose in-play evidence weight is refitted each year, chosen on 2016-18 (2015 as
 * history) by the log-loss after the first set against the fixed weight 1: ATP 0.4436
 * against 0.4444; WTA 0.4211 against 0.4207, so not WTA.
 */
export const EVIDENCE_REFIT_TOURS: Record<string, boolean> = { ATP: true, WTA: false };

/**
 * Walks forward through seasons in date order: every match is first scored (from
 * `from` on, if completed with Pinnacle odds) with ratings and baselines built on
 * earlier matches only, then added to them. Derived markets are priced in market
 * mode, from Pinnacle's de-margined match odds through the tour's favourite-longshot
 * slope (on the tours of PRICE_SLOPE_TOURS), refitted at the start of each calendar
 * year on every earlier completed match of the tour (`calibrate: false` prices from
 * the de-margined odds as they are). The in-play evidence weight (ServeStrength's
 * `evidence`) is refitted at the start of each calendar year by maximum likelihood on
 * every earlier match's outcome after the first set (`fitEvidence`: the same history
 * the frequency baseline counts) on the tours of EVIDENCE_REFIT_TOURS, and is the
 * 1 (plain Bayes) on the others; `evidence: "refit"` or "fixed" (1) sets every tour.
 * On the tours of FIRST_SET_BLEND_TOURS the forecast after the first set is then
 * blended with the baseline's (first-set-blend.ts), the weight refitted each January
 * by maximum likelihood on every earlier match's two forecasts and outcome; `blend:
 * "refit"` or "off" sets every tour.
 *
 * @param from ISO date; earlier matches are history only
 */
export function runTennisBacktest(seasons: TennisSeason[], from?: string, options: { calibrate?: boolean; evidence?: EvidenceMode; blend?: BlendMode } = {}): TennisBacktestRun {
  const calibrate = options.calibrate ?? true;
  const refitsTour = (tour: string) => (options.evidence ? options.evidence === "refit" : EVIDENCE_REFIT_TOURS[tour] ?? false);
  const blendsTour = (tour: string) => (options.blend ? options.blend === "refit" : FIRST_SET_BLEND_TOURS[tour] ?? false);
  const baseline = newBaseline();
  const run: TennisBacktestRun = { records: [], badRows: {}, beforeFrom: 0, evidence: {}, blend: {}, next: {}, baseline };
  const bad = (reason: string, n = 1) => { run.badRows[reason] = (run.badRows[reason] ?? 0) + n; };
  for (const s of seasons) for (const [reason, n] of Object.entries(s.rejectCounts)) bad(reason, n);
  const matches = seasons.flatMap((s) => s.matches.map((m) => ({ m, label: s.label })));
  matches.sort((x, y) => (x.m.date < y.m.date ? -1 : x.m.date > y.m.date ? 1 : 0));
  const books = new Map<string, RatingBook>();
  const history = new Map<string, { logits: number[]; won: number[]; year: string; slope: number; fit: AfterFirstSetFit }>();
  for (const { m, label } of matches) {
    let book = books.get(m.tour);
    if (!book) { book = newRatingBook(RATING_PARAMS[m.tour]); books.set(m.tour, book); }
    let h = history.get(m.tour);
    if (!h) {
      h = { logits: [], won: [], year: "", slope: 1, fit: { evidence: 1, blend: 0, seen: refitsTour(m.tour) ? [] : null, blendSeen: blendsTour(m.tour) ? [] : null } };
      history.set(m.tour, h);
    }
    const year = m.date.slice(0, 4), fit = h.fit;
    if (year !== h.year) {
      h.year = year;
      h.slope = calibrate && PRICE_SLOPE_TOURS[m.tour] ? favouriteLongshotSlope(h.logits, h.won) : 1;
      fit.evidence = fit.seen ? fitEvidence(fit.seen, 1) : 1;
      fit.blend = fit.blendSeen ? fitBlendWeight(fit.blendSeen, 0) : 0;
      (run.evidence[m.tour] ??= {})[year] = fit.evidence;
      (run.blend[m.tour] ??= {})[year] = fit.blend;
    }
    const scored = !from || m.date >= from;
    if (m.status !== "completed") { if (scored) bad(m.status); }
    else if (!m.pinnacle) { if (scored) bad("no Pinnacle odds"); }
    else if (!finishesMatch(m)) { if (scored) bad("set scores do not finish the match"); }
    else {
      if (scored) run.records.push(scoreMatch(m, label, book, baseline, h.slope, fit));
      else {
        run.beforeFrom++;
        seeBefore(m, h.slope, baseline, fit);
        countInBaseline(baseline, favouriteView(m));
      }
      const { pA, aIsWinner } = favouriteView(m);
      h.logits.push(Math.log(pA / (1 - pA)));
      h.won.push(aIsWinner ? 1 : 0);
    }
    rateMatch(book, m);
  }
  for (const [tour, { fit }] of history) run.next[tour] = { evidence: fit.seen ? fitEvidence(fit.seen, 1) : null, blend: fit.blendSeen ? fitBlendWeight(fit.blendSeen, 0) : null };
  return run;
}
