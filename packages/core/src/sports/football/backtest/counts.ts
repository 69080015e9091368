/**
 * The corners and cards backtest: walks forward through football-data.co.uk seasons
 * (HC/AC corners, HY/AY yellow and HR/AR red cards per side), rates each team's counts
 * on earlier match days only (models/counts.ts, CountRatings), prices the corner and
 * card markets as the engine does (markets/count-prices.ts) and scores the main lines
 * (match corners and cards, booking points, each side's corners and cards, the corner
 * handicap) and most corners (1X2) on the real counts, against the league's empirical
 * distribution of the counts of every earlier match.
 */
import { consistencyTest, debiasedCalibrationError, logisticRecalibration, pairedBootstrap, withinStrataCalibrationError, type ConsistencyTest, type PairedBootstrap, type Recalibration } from "../../../backtest/calibration";
import { logLoss } from "../../../backtest/scores";
import { unitSquareSvg, type PlotSeries } from "../../../backtest/svg";
import type { Score } from "../../../markets/types";
import type { CountPricingState } from "../markets/count-prices";
import { priceCountGroupFromGrids } from "../markets/count-flat";
import { countGrids } from "../markets/count-grids";
import type { FootballDataMatch } from "../models/csv";
import { COUNT_FORECAST_BASE, COUNT_TUNES, CountForecaster, withCountTune, type CountFixture, type CountForecast, type CountForecastParams } from "../models/count-forecast";
import { COUNT_PRIOR, type CountParams } from "../models/counts";
import { rowProbabilities } from "../models/count-closeness";

/** A season file's matches, labelled ("E0_2122"). */
export interface CountSeason {
  label: string;
  matches: readonly FootballDataMatch[];
}

/** A match's real counts. */
export interface MatchCounts {
  corners: Score;
  yellowCards: Score;
  redCards: Score;
}

/** The counts of a football-data row, or null when any of HC, AC, HY, AY, HR, AR is missing. */
export function countsOfRow(m: Pick<FootballDataMatch, "values">): MatchCounts | null {
  const v = m.values;
  const cells = [v.HC, v.AC, v.HY, v.AY, v.HR, v.AR];
  if (!cells.every((c) => Number.isInteger(c) && c >= 0)) return null;
  return { corners: { home: v.HC, away: v.AC }, yellowCards: { home: v.HY, away: v.AY }, redCards: { home: v.HR, away: v.AR } };
}

/** A row as the count forecast reads it: with its pre-match 1X2 probabilities (the card closeness term's input), de-margined from the row's odds. */
export const countFixture = (m: FootballDataMatch): CountFixture => ({ ...m, probabilities: rowProbabilities(m.values) });

/**
 * Adds rows' counts to `forecaster` a match day at a time, in date order, each match
 * with its odds (`countFixture`); a row without counts is left out. The walk forward
 * without forecasts: the live constants, a replay's ratings before its day.
 */
export function observeRows(forecaster: CountForecaster, rows: readonly FootballDataMatch[]): CountForecaster {
  const sorted = [...rows].sort((a, b) => a.date.localeCompare(b.date));
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j < sorted.length && sorted[j].date === sorted[i].date) j++;
    forecaster.observeDay(sorted.slice(i, j).flatMap((m) => {
      const counts = countsOfRow(m);
      return counts ? [{ fixture: countFixture(m), counts }] : [];
    }));
    i = j;
  }
  return forecaster;
}

/** One match priced before its day: the forecast counts (means and each total's size) and the real counts. */
export interface CountRecord {
  season: string;
  date: string;
  homeTeam: string;
  awayTeam: string;
  expected: CountForecast;
  observed: MatchCounts;
}

export interface CountWalk {
  /** Matches on or after `from` with their pre-match expectations. */
  records: CountRecord[];
  /** Every earlier match's counts, in date order: history for the baseline. */
  history: MatchCounts[];
  /** For each record, how many history entries came before its day. */
  historyBefore: number[];
  /** Rows without the six count columns. */
  missingCounts: number;
  beforeFrom: number;
}

export interface CountWalkOptions {
  from?: string;
  /** One forecast for every match; left out, each match takes the re-tune in force on its date (COUNT_TUNES). */
  forecast?: CountForecastParams;
  /** The league's means before any match, the split concentrations and red cards: fitted on seasons before the scored ones. */
  params?: CountParams;
}

/**
 * The walk forward: match days in date order; every match of a day is forecast from
 * the days before it (CountForecaster: ratings, referees, league means and the totals'
 * sizes, all refitted as matches come in), then the day's counts are added. Without a
 * forecast given, each close season's re-tune (COUNT_TUNES) prices the matches from its
 * `from` to the next one's, from a walk of its own over every earlier match (its
 * settings shape the ratings it walks with); the first prices anything before it too.
 */
export function walkCounts(seasons: readonly CountSeason[], options: CountWalkOptions = {}): CountWalk {
  const rows = seasons.flatMap((s) => s.matches.map((m) => ({ season: s.label, m, counts: countsOfRow(m) })));
  const missingCounts = rows.filter((r) => r.counts === null).length;
  // Each match's pre-match 1X2 probabilities travel with its fixture (the closeness term's input).
  const usable: UsableRow[] = rows.flatMap(({ season, m, counts }) => (counts ? [{ season, m: countFixture(m), counts }] : [])).sort((a, b) => a.m.date.localeCompare(b.m.date));
  const walk = (forecast: CountForecastParams, range: WalkRange = {}) => walkWith(usable, missingCounts, forecast, options, range);
  if (options.forecast) return walk(options.forecast);
  const ranges = COUNT_TUNES.map((tune, i) => ({ tune, from: i === 0 ? undefined : tune.from, to: COUNT_TUNES[i + 1]?.from }));
  const used = ranges.filter((r) => usable.some(({ m }) => (options.from === undefined || m.date >= options.from) && inRange(r, m.date)));
  if (used.length === 0) return walk(withCountTune(COUNT_FORECAST_BASE, COUNT_TUNES[0]));
  // The last walk runs to the end of the data: its history and counts are the whole walk's.
  const walks = used.map((r, i) => walk(withCountTune(COUNT_FORECAST_BASE, r.tune), { from: r.from, to: r.to, stop: i < used.length - 1 }));
  const last = walks[walks.length - 1];
  return { ...last, records: walks.flatMap((w) => w.records), historyBefore: walks.flatMap((w) => w.historyBefore) };
}

/** A row with its counts, its fixture carrying the match's odds. */
type UsableRow = { season: string; m: CountFixture; counts: MatchCounts };

/** The dates a walk records, [from, to); with `stop`, no day from `to` on is walked. */
type WalkRange = { from?: string; to?: string; stop?: boolean };

const inRange = (range: WalkRange, date: string) => (range.from === undefined || date >= range.from) && (range.to === undefined || date < range.to);

/** One walk with one forecast over the usable rows, in date order. */
function walkWith(usable: readonly UsableRow[], missingCounts: number, forecast: CountForecastParams, options: CountWalkOptions, range: WalkRange): CountWalk {
  const forecaster = new CountForecaster(options.params ?? COUNT_PRIOR, forecast);
  const records: CountRecord[] = [], history: MatchCounts[] = [], historyBefore: number[] = [];
  let beforeFrom = 0;
  for (let i = 0; i < usable.length;) {
    const date = usable[i].m.date;
    if (range.stop && range.to !== undefined && date >= range.to) break;
    let j = i;
    while (j < usable.length && usable[j].m.date === date) j++;
    const day = usable.slice(i, j);
    if (options.from === undefined || date >= options.from) {
      if (inRange(range, date)) {
        for (const { season, m, counts } of day) {
          records.push({ season, date, homeTeam: m.homeTeam, awayTeam: m.awayTeam, observed: counts, expected: forecaster.forecast(m) });
          historyBefore.push(history.length);
        }
      }
    } else beforeFrom += day.length;
    forecaster.observeDay(day.map(({ m, counts }) => ({ fixture: m, counts })));
    for (const { counts } of day) history.push(counts);
    i = j;
  }
  return { records, history, historyBefore, missingCounts, beforeFrom };
}

/** The scored lines: the main match totals of each group (booking points: 10 a yellow, 25 a red, the two lines either side of the league's mean of about 36). */
export const SCORED_LINES = { corners: [9.5, 10.5], cards: [3.5, 4.5], bookingPoints: [30.5, 40.5] } as const;

/**
 * The scored team totals: each side's corners and cards (a yellow 1, a red 2) at the
 * line nearest its league mean (home corners about 5.6, away 4.7; cards about 1.6 and
 * 1.9 a side).
 */
export const SCORED_TEAM_LINES = [
  { key: "team-corners-home", group: "corners", line: 5.5, of: (c: MatchCounts) => c.corners.home },
  { key: "team-corners-away", group: "corners", line: 4.5, of: (c: MatchCounts) => c.corners.away },
  { key: "team-cards-home", group: "cards", line: 1.5, of: (c: MatchCounts) => c.yellowCards.home + 2 * c.redCards.home },
  { key: "team-cards-away", group: "cards", line: 1.5, of: (c: MatchCounts) => c.yellowCards.away + 2 * c.redCards.away },
] as const;

/**
 * The scored corner handicaps, the home side's line: a corner either side of the
 * league's home edge (about 0.9 a match). The half line between them, -0.5, is most
 * corners' home selection against the other two, already scored.
 */
export const SCORED_HANDICAP_LINES = [-1.5, 1.5] as const;

/** A market's forecasts on the scored matches: the model's and the baseline's, and what happened. */
export interface ScoredMarket {
  name: string;
  model: number[][];
  baseline: number[][];
  outcome: number[];
}

export interface MarketMetrics {
  logLoss: number;
  /** Binned ECE: 10 equal-width bins, every selection pooled. */
  ece: number;
  /** Debiased calibration error (Kumar, Liang and Ma 2019): 10 equal-mass bins, every selection pooled. */
  debiasedCalibrationError: number;
  /** Logistic recalibration: the over selection of an over/under, every selection of a three-way market. */
  recalibration: MarketRecalibration;
}

export interface CountMarketSummary {
  /** "total-corners@10.5 over/under", "corners-1x2". */
  market: string;
  model: MarketMetrics;
  baseline: MarketMetrics;
  /** Paired bootstrap over matches, model against baseline. */
  bootstrap: PairedBootstrap;
  /** Each forecast's debiased calibration error tested against its own (consistency resampling): is it more than a calibrated forecast of its spread shows? */
  consistency: Consistency;
  /** Calibration within seasons (when the records' seasons are given); see SeasonCalibration. */
  withinSeason?: SeasonCalibration;
}

/**
 * The debiased calibration error within seasons (withinStrataCalibrationError, each
 * season binned on its own, the seasons weighted by their matches) of the model and the
 * baseline, and a paired bootstrap resampling each season's matches apart. The
 * baseline's frequencies barely move within a season, so pooled over seasons its
 * misses in opposite directions (too many overs one season, too few the next) share
 * bins and cancel; within seasons they count.
 */
export interface SeasonCalibration {
  seasons: number;
  model: number;
  baseline: number;
  bootstrap: PairedBootstrap;
  /** The errors within seasons, each tested against its own forecast's draws. */
  consistency: Consistency;
}

/**
 * The model's and the baseline's consistency tests (consistencyTest). Comparing the two
 * errors leans to the baseline: its forecast barely moves, fills one bin and carries
 * one bin's noise, the model's ten; with both exactly calibrated the model's error is
 * the higher more often than the lower. Each tested against draws from itself, a
 * forecast is judged by whether its error is more than its own spread explains.
 */
export interface Consistency {
  model: ConsistencyTest;
  baseline: ConsistencyTest;
}

export interface CountsSummary {
  matches: number;
  markets: CountMarketSummary[];
  /** Whether the model's log-loss beats the baseline's on every scored market. */
  beatsBaseline: boolean;
  /**
   * Each scored season on its own (when the records' seasons are given): pooled over
   * seasons, a baseline that over-forecasts one season and under-forecasts the next
   * can look calibrated, its errors cancelling in the same bins.
   */
  bySeason?: SeasonCounts[];
}

/** The scored markets of one season: the model's and the baseline's metrics. */
export interface SeasonCounts {
  season: string;
  matches: number;
  markets: Array<{ market: string; model: MarketMetrics; baseline: MarketMetrics }>;
}

const cardsOf = (c: MatchCounts) => c.yellowCards.home + c.yellowCards.away + 2 * (c.redCards.home + c.redCards.away);
const pointsOf = (c: MatchCounts) => 10 * (c.yellowCards.home + c.yellowCards.away) + 25 * (c.redCards.home + c.redCards.away);
const cornersOf = (c: MatchCounts) => c.corners.home + c.corners.away;
const mostCorners = (c: MatchCounts) => (c.corners.home > c.corners.away ? 0 : c.corners.home === c.corners.away ? 1 : 2);

function pricingStateOf(r: CountRecord, params: CountParams): CountPricingState {
  const zero = { home: 0, away: 0 };
  const { totalSize } = r.expected;
  return {
    share: 1,
    corners: { now: zero, means: r.expected.corners, dispersion: { ...params.corners, totalSize: totalSize.corners } },
    yellowCards: { now: zero, means: r.expected.yellowCards, dispersion: { ...params.yellowCards, totalSize: totalSize.yellowCards } },
    redCards: { now: zero, means: r.expected.redCards ?? params.redCards.league },
  };
}

/** The win probabilities of a priced market's selections (a half line: no push). */
function probabilitiesOf(markets: ReturnType<typeof priceCountGroupFromGrids>, key: string, line: number | null): number[] {
  const m = markets.find((x) => x.key === key && x.line === line)!;
  return m.selections.map((s) => s.probability);
}

/**
 * The baseline of one scored line: add-one smoothed frequencies of each outcome over the
 * earlier matches, its tallies advanced as the history before each record grows (the
 * records come in date order; a record with less history before it starts them again).
 */
function empiricalBaseline(history: readonly MatchCounts[], classes: number, outcomeOf: (c: MatchCounts) => number): (upTo: number) => number[] {
  const n = new Array<number>(classes).fill(1);
  let seen = 0;
  return (upTo) => {
    if (upTo < seen) { n.fill(1); seen = 0; }
    for (; seen < upTo; seen++) n[outcomeOf(history[seen])]++;
    const total = n.reduce((a, b) => a + b, 0);
    return n.map((k) => k / total);
  };
}

/** A scored line: its market key and line in its group, and which outcome a match's counts settle it on (0, the first selection). */
interface LineSpec {
  group: ScoredGroup;
  name: string;
  priced: "corners" | "cards";
  key: string;
  line: number | null;
  classes: number;
  outcomeOf: (c: MatchCounts) => number;
}

/** A corner handicap at the home side's half line: the home side covers (outcome 0) when its corners plus the line beat the away side's. */
const cornerHandicap = (line: number): LineSpec =>
  ({ group: "cornerHandicaps", name: `corner-handicap@${line} home/away`, priced: "corners", key: "corner-handicap", line, classes: 2, outcomeOf: (c) => (c.corners.home + line > c.corners.away ? 0 : 1) });

const overUnder = (group: ScoredGroup, priced: LineSpec["priced"], key: string, line: number, measure: (c: MatchCounts) => number): LineSpec =>
  ({ group, name: `${key}@${line} over/under`, priced, key, line, classes: 2, outcomeOf: (c) => (measure(c) > line ? 0 : 1) });

/** Every scored line, each group's in its order. */
const SCORED_SPECS: readonly LineSpec[] = [
  ...SCORED_LINES.corners.map((l) => overUnder("corners", "corners", "total-corners", l, cornersOf)),
  { group: "corners", name: "corners-1x2", priced: "corners", key: "corners-1x2", line: null, classes: 3, outcomeOf: mostCorners },
  ...SCORED_LINES.cards.map((l) => overUnder("cards", "cards", "total-cards", l, cardsOf)),
  ...SCORED_LINES.bookingPoints.map((l) => overUnder("bookingPoints", "cards", "booking-points", l, pointsOf)),
  ...SCORED_TEAM_LINES.map((t) => overUnder("teamTotals", t.group, t.key, t.line, t.of)),
  ...SCORED_HANDICAP_LINES.map(cornerHandicap),
];

/**
 * The scored markets of a walk: corners over/under 9.5 and 10.5, most corners, total
 * cards over/under 3.5 and 4.5, booking points over/under 30.5 and 40.5, each side's
 * corners and cards (SCORED_TEAM_LINES), the corner handicap at -1.5 and +1.5; the model
 * as priced, the baseline from earlier matches. The re-tunes choose by the corner and
 * card match lines alone (scripts/retune-counts.ts); booking points, team totals and
 * handicaps, read from the same forecasts, are scored only.
 */
export function scoreCounts(walk: CountWalk, params: CountParams = COUNT_PRIOR): Record<ScoredGroup, ScoredMarket[]> {
  const lines = SCORED_SPECS.map((spec) => ({ spec, market: { name: spec.name, model: [], baseline: [], outcome: [] } as ScoredMarket, baseline: empiricalBaseline(walk.history, spec.classes, spec.outcomeOf) }));
  walk.records.forEach((r, i) => {
    const grids = countGrids(pricingStateOf(r, params));
    const priced = { corners: priceCountGroupFromGrids("corners", grids), cards: priceCountGroupFromGrids("cards", grids) };
    for (const { spec, market, baseline } of lines) {
      push(market, probabilitiesOf(priced[spec.priced], spec.key, spec.line), baseline(walk.historyBefore[i]), spec.outcomeOf(r.observed));
    }
  });
  return Object.fromEntries(SCORED_GROUPS.map(({ group }) => [group, lines.filter((l) => l.spec.group === group).map((l) => l.market)])) as Record<ScoredGroup, ScoredMarket[]>;
}

function push(m: ScoredMarket, model: number[], baseline: number[], outcome: number): void {
  m.model.push(model);
  m.baseline.push(baseline);
  m.outcome.push(outcome);
}

export interface ReliabilityBin {
  meanForecast: number;
  observedFrequency: number;
  count: number;
}

/**
 * Reliability of pooled probabilities: every selection of every match is one
 * (forecast, happened) pair, binned into `bins` equal-width bins over [0, 1]; empty
 * bins left out.
 */
export function reliability(forecasts: readonly number[][], outcomes: readonly number[], bins = 10): ReliabilityBin[] {
  const count = new Array<number>(bins).fill(0), sum = new Array<number>(bins).fill(0), hits = new Array<number>(bins).fill(0);
  forecasts.forEach((ps, i) => ps.forEach((p, k) => {
    const b = Math.min(bins - 1, Math.floor(p * bins));
    count[b]++;
    sum[b] += p;
    hits[b] += k === outcomes[i] ? 1 : 0;
  }));
  return count.flatMap((n, b) => (n === 0 ? [] : [{ meanForecast: sum[b] / n, observedFrequency: hits[b] / n, count: n }]));
}

/** Expected calibration error: the count-weighted mean gap between forecast and frequency over the reliability bins. */
export function expectedCalibrationError(forecasts: readonly number[][], outcomes: readonly number[], bins = 10): number {
  const rel = reliability(forecasts, outcomes, bins);
  const total = rel.reduce((n, b) => n + b.count, 0);
  return rel.reduce((e, b) => e + (b.count / total) * Math.abs(b.meanForecast - b.observedFrequency), 0);
}

/** A market's logistic recalibration; the intercept null where it is 0 by construction. */
export type MarketRecalibration = Omit<Recalibration, "intercept" | "interceptSE"> & { intercept: number | null; interceptSE: number | null };

/**
 * The logistic recalibration of a market's forecasts. An over/under's two selections
 * mirror each other (logit(1 - p) = -logit(p), one happens when the other does not):
 * pooled, they force the intercept to 0, so only the first (the over) is fitted. A
 * three-way market pools its three selections for the slope; its intercept at b = 1 is
 * 0 by construction (each match's forecasts and outcomes both sum to 1), so it is left
 * out (null).
 */
export function recalibrationOf(forecasts: readonly number[][], outcomes: readonly number[]): MarketRecalibration {
  const p: number[] = [], happened: number[] = [];
  forecasts.forEach((ps, i) => {
    const used = ps.length === 2 ? 1 : ps.length;
    for (let k = 0; k < used; k++) { p.push(ps[k]); happened.push(k === outcomes[i] ? 1 : 0); }
  });
  const fit = logisticRecalibration(p, happened);
  return (forecasts[0]?.length ?? 2) > 2 ? { ...fit, intercept: null, interceptSE: null } : fit;
}

/** Resamples and seed of the model-v-baseline bootstrap. */
export const COUNT_BOOTSTRAP = { resamples: 2000, seed: 20190701 } as const;
/** Draws of each consistency test (p-values in steps of 1/1001). */
export const COUNT_CONSISTENCY = { resamples: 1000, seed: 20190701 } as const;

const consistencyOf = (m: ScoredMarket, strata?: readonly string[]): Consistency => ({
  model: consistencyTest(m.model, m.outcome, { ...COUNT_CONSISTENCY, strata }),
  baseline: consistencyTest(m.baseline, m.outcome, { ...COUNT_CONSISTENCY, strata }),
});

function metricsOf(forecasts: readonly number[][], outcomes: readonly number[]): MarketMetrics {
  const ll = forecasts.reduce((s, p, i) => s + logLoss(p, outcomes[i]), 0) / Math.max(1, forecasts.length);
  return {
    logLoss: ll,
    ece: expectedCalibrationError(forecasts, outcomes),
    debiasedCalibrationError: debiasedCalibrationError(forecasts, outcomes),
    recalibration: recalibrationOf(forecasts, outcomes),
  };
}

/**
 * The summary of scored markets, as `pricing backtest --json` prints it under `corners`
 * and `cards`; with `seasons` (each record's season, in the markets' order) each season's
 * metrics as well, in order of first appearance.
 */
export function summarizeCounts(markets: readonly ScoredMarket[], seasons?: readonly string[]): CountsSummary {
  const out = markets.map((m): CountMarketSummary => {
    const summary: CountMarketSummary = {
      market: m.name,
      model: metricsOf(m.model, m.outcome),
      baseline: metricsOf(m.baseline, m.outcome),
      bootstrap: pairedBootstrap(m.model, m.baseline, m.outcome, COUNT_BOOTSTRAP),
      consistency: consistencyOf(m),
    };
    if (seasons) summary.withinSeason = seasonCalibration(m, seasons);
    return summary;
  });
  const summary: CountsSummary = { matches: markets[0]?.outcome.length ?? 0, markets: out, beatsBaseline: out.every((m) => m.model.logLoss < m.baseline.logLoss) };
  if (seasons) summary.bySeason = countsBySeason(markets, seasons);
  return summary;
}

function seasonCalibration(m: ScoredMarket, seasons: readonly string[]): SeasonCalibration {
  return {
    seasons: new Set(seasons).size,
    model: withinStrataCalibrationError(m.model, m.outcome, seasons),
    baseline: withinStrataCalibrationError(m.baseline, m.outcome, seasons),
    bootstrap: pairedBootstrap(m.model, m.baseline, m.outcome, { ...COUNT_BOOTSTRAP, strata: seasons }),
    consistency: consistencyOf(m, seasons),
  };
}

function countsBySeason(markets: readonly ScoredMarket[], seasons: readonly string[]): SeasonCounts[] {
  return [...new Set(seasons)].map((season) => {
    const rows = seasons.flatMap((s, i) => (s === season ? [i] : []));
    return {
      season,
      matches: rows.length,
      markets: markets.map((m) => {
        const outcome = rows.map((i) => m.outcome[i]);
        return { market: m.name, model: metricsOf(rows.map((i) => m.model[i]), outcome), baseline: metricsOf(rows.map((i) => m.baseline[i]), outcome) };
      }),
    };
  });
}

/** The whole counts backtest: the walk, the scored markets and their summaries. */
export function runCountsBacktest(seasons: readonly CountSeason[], options: CountWalkOptions = {}) {
  const walk = walkCounts(seasons, options);
  const scored = scoreCounts(walk, options.params);
  const seasonOf = walk.records.map((r) => r.season);
  return {
    walk,
    scored,
    corners: summarizeCounts(scored.corners, seasonOf),
    cards: summarizeCounts(scored.cards, seasonOf),
    bookingPoints: summarizeCounts(scored.bookingPoints, seasonOf),
    teamTotals: summarizeCounts(scored.teamTotals, seasonOf),
    cornerHandicaps: summarizeCounts(scored.cornerHandicaps, seasonOf),
    skipped: { missingCounts: walk.missingCounts, beforeFrom: walk.beforeFrom },
  };
}
export type CountsBacktest = ReturnType<typeof runCountsBacktest>;

const f4 = (x: number) => (Number.isFinite(x) ? x.toFixed(4) : "-");
const f2 = (x: number | null) => (x !== null && Number.isFinite(x) ? x.toFixed(2) : "—");
const share = (x: number) => `${(100 * x).toFixed(1)}%`;
const recalibrationText = (r: MarketRecalibration) =>
  `${r.intercept === null ? "—" : `${f2(r.intercept)} (${f2(r.interceptSE)})`}; ${r.slope === null ? "—" : `${f2(r.slope)} (${f2(r.slopeSE)})`}`;

function reliabilityPlot(title: string, markets: readonly ScoredMarket[]): string {
  const colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"];
  const series: PlotSeries[] = markets.flatMap((m, i) => [
    { label: `${m.name} model`, colour: colours[i % colours.length], style: "line" as const, points: reliability(m.model, m.outcome).map((b) => ({ x: b.meanForecast, y: b.observedFrequency })) },
  ]);
  const base = markets[0];
  if (base) series.push({ label: `${base.name} baseline`, colour: "#999", style: "line", points: reliability(base.baseline, base.outcome).map((b) => ({ x: b.meanForecast, y: b.observedFrequency })) });
  return unitSquareSvg({ title, xLabel: "forecast probability", yLabel: "observed frequency", series });
}

/** The scored groups in the report's order (and the CLI's, and `--json`'s keys): each one's heading, plot title and plot file. */
export const SCORED_GROUPS = [
  { group: "corners", title: "Corners", plot: "Corners", file: "corners-reliability.svg" },
  { group: "cards", title: "Cards (a yellow 1, a red 2)", plot: "Cards", file: "cards-reliability.svg" },
  { group: "bookingPoints", title: "Booking points (10 a yellow, 25 a red)", plot: "Booking points", file: "booking-points-reliability.svg" },
  { group: "teamTotals", title: "Team totals (each side's corners, and its cards: a yellow 1, a red 2)", plot: "Team totals", file: "team-totals-reliability.svg" },
  { group: "cornerHandicaps", title: "Corner handicaps (the home side's line)", plot: "Corner handicaps", file: "corner-handicaps-reliability.svg" },
] as const;

/** A scored group's name: `corners`, `cards`, `bookingPoints`, `teamTotals`, `cornerHandicaps`. */
export type ScoredGroup = (typeof SCORED_GROUPS)[number]["group"];

/** The report's corners and cards section (Markdown) and a reliability plot of each scored group. */
export function countsReport(run: CountsBacktest): { markdown: string; files: { name: string; text: string }[] } {
  const table = (s: CountsSummary) => [
    "| market | model LL | baseline LL | model ECE | baseline ECE | model debiased CE | baseline debiased CE | model intercept; slope | baseline intercept; slope | model better: debiased CE; LL |",
    "|---|---|---|---|---|---|---|---|---|---|",
    ...s.markets.map((m) => `| ${m.market} | ${f4(m.model.logLoss)} | ${f4(m.baseline.logLoss)} | ${f4(m.model.ece)} | ${f4(m.baseline.ece)} | `
      + `${f4(m.model.debiasedCalibrationError)} | ${f4(m.baseline.debiasedCalibrationError)} | ${recalibrationText(m.model.recalibration)} | ${recalibrationText(m.baseline.recalibration)} | `
      + `${share(m.bootstrap.modelBetterCalibration)}; ${share(m.bootstrap.modelBetterLogLoss)} |`),
  ];
  const consistencyTable = (s: CountsSummary) => {
    const within = s.markets.some((m) => (m.withinSeason?.seasons ?? 0) > 1);
    const cell = (t: ConsistencyTest) => `${f4(t.error)} (${f4(t.nullMean)}), ${t.pValue.toFixed(3)}`;
    return [
      "",
      "Each forecast tested against itself (consistency resampling): its debiased error, the error's mean over draws from the forecast (in brackets) and p:",
      "",
      `| market | model: error (null mean), p | baseline: error (null mean), p |${within ? " within seasons, model | within seasons, baseline |" : ""}`,
      `|---|---|---|${within ? "---|---|" : ""}`,
      ...s.markets.map((m) => `| ${m.market} | ${cell(m.consistency.model)} | ${cell(m.consistency.baseline)} |`
        + (within && m.withinSeason ? ` ${cell(m.withinSeason.consistency.model)} | ${cell(m.withinSeason.consistency.baseline)} |` : "")),
    ];
  };
  const seasonTable = (s: CountsSummary) => {
    if (!s.bySeason || s.bySeason.length < 2) return [];
    const rows = s.bySeason.flatMap((season) => season.markets.map((m) => ({ season: season.season, ...m })));
    const better = rows.filter((r) => r.model.debiasedCalibrationError < r.baseline.debiasedCalibrationError).length;
    const level = rows.filter((r) => r.model.debiasedCalibrationError === r.baseline.debiasedCalibrationError).length;
    const within = s.markets.flatMap((m) => (m.withinSeason ? [{ market: m.market, ...m.withinSeason }] : []));
    return [
      "",
      `Within seasons (each season binned on its own, the ${within[0]?.seasons ?? 0} seasons weighted by their matches; pooled, a baseline too high one season and too low the next shows no gap), with the share of paired bootstrap resamples, each season's matches resampled apart, in which the model's error is below the baseline's:`,
      "",
      "| market | model debiased CE within seasons | baseline | model better |",
      "|---|---|---|---|",
      ...within.map((w) => `| ${w.market} | ${f4(w.model)} | ${f4(w.baseline)} | ${share(w.bootstrap.modelBetterCalibration)} |`),
      "",
      `Season by season, the model's debiased calibration error is below the baseline's in ${better} of ${rows.length} (season, market) pairs${level > 0 ? `, level in ${level}` : ""}; its log-loss in ${rows.filter((r) => r.model.logLoss < r.baseline.logLoss).length}:`,
      "",
      "| market | season | model LL | baseline LL | model ECE | baseline ECE | model debiased CE | baseline debiased CE | model intercept; slope |",
      "|---|---|---|---|---|---|---|---|---|",
      ...rows.map((r) => `| ${r.market} | ${r.season} | ${f4(r.model.logLoss)} | ${f4(r.baseline.logLoss)} | ${f4(r.model.ece)} | ${f4(r.baseline.ece)} | `
        + `${f4(r.model.debiasedCalibrationError)} | ${f4(r.baseline.debiasedCalibrationError)} | ${recalibrationText(r.model.recalibration)} |`),
    ];
  };
  const boot = run.corners.markets[0]?.bootstrap ?? run.cards.markets[0]?.bootstrap;
  const markdown = [
    "## Corners and cards",
    "",
    `Each match's total corners and yellow cards are negative binomial, split between the sides beta-binomially: the means from walk-forward team ratings (for and against, shrunk to the league's per-side mean) and, for cards, the referee's walk-forward booking rate; the league means and each total's size refitted on every earlier match; red cards Poisson at the league's walk-forward rate. The team ratings' half-lives, priors and shrinks and the referee's prior are re-tuned each close season on the seasons before it (COUNT_TUNES: ${COUNT_TUNES.map((t) => `from ${t.from}, tuned on ${t.tunedOn}`).join('; ')}). Scored on ${run.corners.matches} matches against the baseline: the empirical distribution of every earlier match's counts (add-one smoothed). Log-loss in nats per market; ECE over 10 equal-width bins, every selection pooled. ECE is biased upward by each bin's sampling noise, the more so the more bins a forecast spreads over, so it favours a flat forecast (one occupied bin). The debiased calibration error (Kumar, Liang and Ma 2019) bins each selection's forecasts on their own into 10 equal-mass bins (by forecast quantile, equal forecasts kept in one bin: pooled, an over at 0.45 and an under at 0.45 share a bin and their misses cancel), subtracts each bin's sampling variance f(1 - f)/(n - 1) from its squared gap, sums over the bins by share (0 when below 0) and takes the square root of the mean over the selections. Intercept and slope (standard errors in brackets): the logistic recalibration logit P(outcome) = a + b logit(forecast) by maximum likelihood, fitted on the first selection of each two-way line (the over of an over/under, the home side of a handicap; the other mirrors it) and on all three selections of most corners; the intercept with b held at 1 (calibration in the large; a > 0, outcomes more frequent than forecast), the slope from the joint fit (b > 1, a forecast too flat); calibrated is a = 0, b = 1; a constant forecast has no slope (—), and most corners no intercept (—: pooled, it is 0 by construction). Model better: the share of ${boot?.resamples ?? 0} paired bootstrap resamples of the matches (seed ${boot?.seed ?? "-"}) in which the model's debiased calibration error, then its log-loss, is below the baseline's. That comparison leans to the baseline: a forecast that barely moves fills one bin and carries one bin's noise, the model ten bins', so with both exactly calibrated the model's error is more often the higher than the lower. So each forecast is also tested against itself (consistency resampling, Bröcker and Smith 2007, "Increasing the reliability of reliability diagrams"): ${run.corners.markets[0]?.consistency.model.resamples ?? 0} draws of every match's outcome from the forecast's own probabilities, the debiased error measured again on the same bins; the mean over the draws is what a calibrated forecast of that spread shows on these matches, and p is the share of draws at least as far out as the error seen (p small: more than noise).`,
    "",
    ...SCORED_GROUPS.flatMap((g) => [`### ${g.title}`, "", ...table(run[g.group]), ...consistencyTable(run[g.group]), ...seasonTable(run[g.group]), ""]),
    `Rows without corner and card counts: ${run.skipped.missingCounts}; matches before --from used as history only: ${run.skipped.beforeFrom}.`,
    "",
    SCORED_GROUPS.map((g) => `![${g.file.replace(/-/g, " ").replace(".svg", "")}](${g.file})`).join(" "),
    "",
  ].join("\n");
  return {
    markdown,
    files: SCORED_GROUPS.map((g) => ({ name: g.file, text: reliabilityPlot(`${g.plot}: reliability (10 bins)`, run.scored[g.group]) })),
  };
}
