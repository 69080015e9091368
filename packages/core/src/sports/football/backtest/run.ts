/**
 * A backtest run: walks forward through football-data.co.uk seasons and records, for
 * every match that can be priced, each source's forecast of the backtested markets.
 * Rows that cannot be used are counted with a reason; none stops the run.
 */
import { PricingError } from "../../../errors";
import type { CsvReject, FootballDataMatch } from "../models/csv";
import { matchEvidence, type MatchEvidence } from "../models/evidence";
import { rhoBounds, scoreGrid } from "../models/grid";
import { gridMarkets, marketRho } from "../models/invert";
import { behindClosedDoors, expectedGoals } from "../models/ratings";
import { marketExpectedGoals } from "./market";
import { DEFAULT_PARAMS, type BacktestParams } from "./params";
import {
  checkHandicapLine, closingMarkets, closingProbabilities, halfTimeForecast, modelForecast,
  type ClosingMarkets, type ExpectedGoals, type HalfTimeForecast, type MarketForecast,
} from "./prices";
import { hasHistory, walkForward, type MatchDay } from "./walk-forward";

/** The sources compared on the same matches. */
export const SOURCES = ["ratings", "market", "pinnacle"] as const;
export type Source = (typeof SOURCES)[number];

/** One parsed results file; `label` names its season in reports (e.g. "E0_2122"). */
export interface SeasonInput {
  label: string;
  matches: FootballDataMatch[];
  rejects: CsvReject[];
  /** Header names, to tell a missing cell from a column the file never had. */
  columns: string[];
}

/** A match the backtest priced. */
export interface MatchRecord {
  /** League code: the file's Div column ("E0"), else its label up to the first "_". */
  league: string;
  season: string;
  /** CSV line of the match. */
  line: number;
  date: string;
  homeTeam: string;
  awayTeam: string;
  homeGoals: number;
  awayGoals: number;
  /** Pinnacle's closing Asian handicap line (home side), where priced. */
  handicapLine: number | null;
  expectedGoals: { ratings: ExpectedGoals; market: ExpectedGoals };
  forecasts: Record<Source, MarketForecast>;
  /** Full-time 1X2 at the start of the second half, where the half-time score is known. */
  halfTime: (HalfTimeForecast & {
    prematch: [number, number, number];
    /** The in-play model given the full-match red cards as if shown by half time (uses later information). */
    modelWithRedCards: [number, number, number] | null;
  }) | null;
}

/** A row, or a part of one, left out, and why. */
export interface BadRow {
  season: string;
  line: number;
  /** Stable kind: an error code ("margin.no_solution"), prefixed by the market ("ah/") where only that market is lost. */
  code: string;
  reason: string;
}

export interface BacktestRun {
  records: MatchRecord[];
  /** Unparseable rows, missing or unusable odds, missing half-time scores. */
  badRows: BadRow[];
  /** Matches played before `from`: history only. */
  beforeFrom: number;
  /** Matches not priced because a team had too little history. */
  insufficientHistory: number;
  params: BacktestParams;
}

export interface BacktestOptions {
  /** ISO date: matches before it are history only. */
  from?: string;
  params?: BacktestParams;
}

type Tagged = FootballDataMatch & { league: string; season: string; hasColumn: (name: string) => boolean; source: FootballDataMatch };

/** The league a file's match belongs to: its Div code, else the file label up to the first "_". */
export function leagueOf(match: FootballDataMatch, label: string): string {
  return match.division ?? label.split("_")[0];
}

/** A bad row from a pricing error; anything but a PricingError is a bug and is rethrown. */
function badRowOf(match: Tagged, error: unknown, market?: string): BadRow {
  if (!(error instanceof PricingError)) throw error;
  const code = market ? `${market}/${error.code}` : error.code;
  return { season: match.season, line: match.line, code, reason: market ? `${market} odds: ${error.message}` : error.message };
}

/** A line market's Pinnacle probability, or null (and a bad row) when its odds are unusable. */
function optionalMarket(match: Tagged, market: string, bad: BadRow[], price: () => number | null): number | null {
  try {
    return price();
  } catch (error) {
    bad.push(badRowOf(match, error, market));
    return null;
  }
}

function pinnacleOf(match: Tagged, closing: ClosingMarkets, bad: BadRow[]): MarketForecast {
  const [home, draw, away] = closingProbabilities(closing.matchResult);
  const over25 = optionalMarket(match, "ou25", bad, () => closing.overUnder25 && closingProbabilities(closing.overUnder25)[0]);
  const handicapHome = optionalMarket(match, "ah", bad, () => {
    if (!closing.handicap) return null;
    checkHandicapLine(closing.handicap.line);
    return closingProbabilities([closing.handicap.home, closing.handicap.away])[0];
  });
  return { matchResult: [home, draw, away], over25, handicapHome };
}

function missingCells(match: Tagged, closing: ClosingMarkets, bad: BadRow[]): void {
  const note = (columns: string[], code: string, what: string) => {
    if (columns.every(match.hasColumn)) bad.push({ season: match.season, line: match.line, code, reason: `missing ${what} (${columns.join(", ")})` });
  };
  if (!closing.overUnder25) note(["PC>2.5", "PC<2.5"], "backtest.missing_ou25_odds", "closing over/under 2.5 odds");
  if (!closing.handicap) note(["AHCh", "PCAHH", "PCAHA"], "backtest.missing_ah_odds", "closing Asian handicap odds");
  if (!match.halfTime) note(["HTHG", "HTAG"], "backtest.missing_half_time", "half-time score");
}

function halfTimeOf(match: Tagged, xg: { ratings: ExpectedGoals; market: ExpectedGoals }, prematch: MarketForecast, params: BacktestParams): MatchRecord["halfTime"] {
  if (!match.halfTime) return null;
  const start = xg[params.halfTime.expectedGoals];
  const forecast = halfTimeForecast(start, match.halfTime, { home: 0, away: 0 }, params.halfTime.baselineShare);
  const cards = match.redCards;
  const withCards = cards && (cards.home > 0 || cards.away > 0) && cards.home <= 5 && cards.away <= 5
    ? halfTimeForecast(start, match.halfTime, cards, params.halfTime.baselineShare).model
    : forecast.model;
  return { ...forecast, prematch: prematch.matchResult, modelWithRedCards: cards ? withCards : null };
}

/**
 * The ratings' rho (or the fixed one the parameters set) kept inside the range where
 * every score probability of this fixture stays positive (a fit on few matches can
 * give rho -0.3, which a lopsided fixture cannot take).
 */
function feasibleRho(xg: ExpectedGoals, fixed: BacktestParams["ratingsRho"]): ExpectedGoals {
  const { min, max } = rhoBounds(xg.homeXg, xg.awayXg);
  return { ...xg, rho: Math.min(0.95 * max, Math.max(0.95 * min, fixed === "market" ? ratingsMarketRho(xg) : fixed ?? xg.rho)) };
}

/**
 * The rho the market inversion would hold for this fixture's 1X2 (priced at rho 0):
 * ratings fitted to market-implied goals are on that inversion's scale, so pricing
 * them at the same rho keeps the draw where the market's goals put it.
 */
function ratingsMarketRho(xg: ExpectedGoals): number {
  const m = gridMarkets(scoreGrid(xg.homeXg, xg.awayXg, 0));
  return marketRho([m.home, m.draw, m.away]);
}

/** Prices one match with ratings fitted before its day; null (and a bad row) when it cannot be. */
function priceMatch(day: MatchDay<Tagged>, match: Tagged, closing: ClosingMarkets, params: BacktestParams, bad: BadRow[]): MatchRecord | null {
  try {
    const pinnacle = pinnacleOf(match, closing, bad);
    missingCells(match, closing, bad);
    const xg = {
      ratings: feasibleRho(expectedGoals(day.ratings!, match.homeTeam, match.awayTeam, false, behindClosedDoors(match.date)), params.ratingsRho),
      market: marketExpectedGoals(pinnacle.matchResult, params.market),
    };
    const withOverUnder = pinnacle.over25 !== null;
    const handicapLine = pinnacle.handicapHome !== null ? closing.handicap!.line : null;
    const forecasts = {
      ratings: modelForecast(xg.ratings, withOverUnder, handicapLine),
      market: modelForecast(xg.market, withOverUnder, handicapLine),
      pinnacle,
    };
    const { league, season, line, date, homeTeam, awayTeam, homeGoals, awayGoals } = match;
    return {
      league, season, line, date, homeTeam, awayTeam, homeGoals, awayGoals, handicapLine, expectedGoals: xg, forecasts,
      halfTime: halfTimeOf(match, xg, forecasts[params.halfTime.expectedGoals], params),
    };
  } catch (error) {
    bad.push(badRowOf(match, error));
    return null;
  }
}

/** Evidence already read from a parsed row, with the settings it was read with (runs over the same files share it). */
const evidenceCache = new WeakMap<FootballDataMatch, { key: string; evidence: MatchEvidence }>();

/** Each match's evidence for later fits, with a bad row for every part it lacks. */
function evidenceLookup(all: readonly Tagged[], params: BacktestParams, bad: BadRow[]): ((m: Tagged) => MatchEvidence) | undefined {
  const blend = params.walkForward.evidence;
  if (!blend) return undefined;
  const key = JSON.stringify([blend.shotCoefficients, params.market]);
  const byMatch = new Map<Tagged, MatchEvidence>();
  for (const m of all) {
    const cached = evidenceCache.get(m.source);
    const e = cached?.key === key ? cached.evidence : matchEvidence(m, blend.shotCoefficients, params.market);
    evidenceCache.set(m.source, { key, evidence: e });
    for (const issue of e.issues) {
      bad.push({ season: m.season, line: m.line, code: `${issue.part}/${issue.code}`, reason: `ratings evidence without ${issue.part}: ${issue.reason}` });
    }
    byMatch.set(m, e);
  }
  return (m) => byMatch.get(m)!;
}

/**
 * Runs the walk forward over `seasons`, each league on its own (its own ratings and
 * home advantage), files in the order given (which should be chronological; matches
 * are sorted by date in any case). Every file's matches are history for the later
 * ones of its league; matches on or after `from` are priced. Records come league by
 * league, in the order the leagues first appear.
 *
 * @throws InputError "backtest.invalid_option" for unusable parameters.
 */
export function runBacktest(seasons: readonly SeasonInput[], options: BacktestOptions = {}): BacktestRun {
  const params = options.params ?? DEFAULT_PARAMS;
  const badRows: BadRow[] = seasons.flatMap((s) => s.rejects.map((r) => ({ season: s.label, line: r.line, code: "csv.rejected_row", reason: r.reason })));
  const all: Tagged[] = seasons.flatMap((s) => {
    const columns = new Set(s.columns);
    const hasColumn = (name: string) => columns.has(name);
    return s.matches.map((m) => ({ ...m, league: leagueOf(m, s.label), season: s.label, hasColumn, source: m }));
  });
  const evidenceOf = evidenceLookup(all, params, badRows);
  const leagues = [...new Set(all.map((m) => m.league))];
  const records: MatchRecord[] = [];
  let yielded = 0, insufficientHistory = 0;
  for (const league of leagues) {
    for (const day of walkForward(all.filter((m) => m.league === league), params.walkForward, options.from, evidenceOf)) {
      for (const match of day.matches) {
        yielded++;
        const closing = closingMarkets(match);
        if (!closing) {
          badRows.push({ season: match.season, line: match.line, code: "backtest.missing_1x2_odds", reason: "missing closing 1X2 odds (PSCH, PSCD, PSCA)" });
          continue;
        }
        if (!hasHistory(day, match, params.walkForward.minTeamMatches)) { insufficientHistory++; continue; }
        const record = priceMatch(day, match, closing, params, badRows);
        if (record) records.push(record);
      }
    }
  }
  return { records, badRows, beforeFrom: all.length - yielded, insufficientHistory, params };
}
