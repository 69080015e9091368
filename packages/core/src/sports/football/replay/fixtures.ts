import { InputError } from "../../../errors";
import type { FootballDataFile, FootballDataMatch } from "../models/csv";
import type { Score } from "../../../markets/types";
import type { DaySelection } from "../../feed";
import { countFixture, countsOfRow, observeRows } from "../backtest/counts";
import { MAX_COUNT_MEAN } from "../models/count-bounds";
import { CountForecaster } from "../models/count-forecast";
import { COUNT_PARAMS, type CountExpectations } from "../models/counts";

/** Closing prices of one bookmaker, as a `Market Prices Observed` event carries them. */
export interface ClosingOdds {
  bookmaker: string;
  matchResult: { home: number; draw: number; away: number };
  overUnder25?: { over: number; under: number };
}

/** One real fixture of a match day: who played, what happened, the closing prices. */
export interface MatchDayFixture {
  /** Stable key of the fixture ("E0-20220522-arsenal-everton"): a valid match id. */
  key: string;
  competition: string;
  /** The real match date (ISO) and kick-off time ("hh:mm", UK) where recorded. */
  date: string;
  time: string | null;
  homeTeam: string;
  awayTeam: string;
  halfTime: Score;
  fullTime: Score;
  /** Red cards shown, per team (0 when the file has no HR/AR columns). */
  redCards: Score;
  /** Corners and yellow cards per team where the row has HC/AC and HY/AY; null otherwise. */
  corners?: Score | null;
  yellowCards?: Score | null;
  /** Each side's expected corners and yellow cards from the count ratings of the file's earlier match days; null when the file has no counts. */
  countExpectations?: CountExpectations | null;
  /** Pinnacle closing odds (PSCH/PSCD/PSCA, PC>2.5/PC<2.5); null when the row has none. */
  closing: ClosingOdds | null;
}

const COMPETITIONS: Record<string, string> = {
  E0: "Premier League", E1: "Championship", SP1: "La Liga", D1: "Bundesliga", I1: "Serie A", F1: "Ligue 1",
};

/**
 * The fixtures of one match day of a football-data.co.uk season file. A match day is
 * the fixtures played on one date (by default the date with the most fixtures, the
 * latest if tied); on the last day of a Premier League season that is the whole round
 * of ten, kicking off together.
 *
 * @throws InputError "matchday.no_fixtures" when the date has no fixtures,
 *   "matchday.invalid_matches" for a bad --matches, "matchday.missing_half_time" when
 *   a fixture has no half-time score to draw goal minutes from
 */
export function matchDayFixtures(file: Pick<FootballDataFile, "matches">, selection: DaySelection = {}): { date: string; fixtures: MatchDayFixture[] } {
  const limit = selection.matches;
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1)) {
    throw new InputError("matchday.invalid_matches", `--matches must be a positive whole number, got ${limit}`);
  }
  const date = selection.date ?? busiestDate(file.matches);
  const played = file.matches.filter((m) => m.date === date);
  if (played.length === 0) {
    const dates = file.matches.map((m) => m.date).sort();
    throw new InputError("matchday.no_fixtures", `no fixtures on ${date}; the file covers ${dates[0] ?? "nothing"} to ${dates.at(-1) ?? "nothing"}`, { date });
  }
  const ratings = countRatingsBefore(file.matches, date);
  return { date, fixtures: played.slice(0, limit ?? played.length).map((m) => fixtureOf(m, ratings)) };
}

function busiestDate(matches: FootballDataMatch[]): string {
  const counts = new Map<string, number>();
  for (const m of matches) counts.set(m.date, (counts.get(m.date) ?? 0) + 1);
  let best: [string, number] | null = null;
  for (const entry of counts) if (!best || entry[1] > best[1] || (entry[1] === best[1] && entry[0] > best[0])) best = entry;
  if (!best) throw new InputError("matchday.no_fixtures", "the file has no matches");
  return best[0];
}

/**
 * The count forecast (ratings, referees, league means, the card closeness term) from
 * the matches before `date`, walked a day at a time as the backtest walks it. The
 * file's first matches start from the live constants' league means and closeness term.
 */
function countRatingsBefore(matches: readonly FootballDataMatch[], date: string): CountForecaster {
  return observeRows(new CountForecaster(COUNT_PARAMS), matches.filter((x) => x.date < date));
}

function fixtureOf(m: FootballDataMatch, ratings: ReturnType<typeof countRatingsBefore>): MatchDayFixture {
  if (!m.halfTime) {
    throw new InputError("matchday.missing_half_time", `${m.homeTeam} v ${m.awayTeam} on ${m.date} (line ${m.line}) has no half-time score (HTHG/HTAG)`, { line: m.line });
  }
  const division = m.division ?? "match";
  return {
    key: [division, m.date.replaceAll("-", ""), slug(m.homeTeam), slug(m.awayTeam)].join("-").slice(0, 60),
    competition: COMPETITIONS[division] ?? division,
    date: m.date,
    time: m.time,
    homeTeam: m.homeTeam,
    awayTeam: m.awayTeam,
    halfTime: { ...m.halfTime },
    fullTime: { home: m.homeGoals, away: m.awayGoals },
    redCards: m.redCards ? { ...m.redCards } : { home: 0, away: 0 },
    ...countsOfFixture(m, ratings),
    closing: pinnacleClosing(m.values),
  };
}

function countsOfFixture(m: FootballDataMatch, ratings: ReturnType<typeof countRatingsBefore>): Pick<MatchDayFixture, "corners" | "yellowCards" | "countExpectations"> {
  const c = countsOfRow(m);
  if (!c) return { corners: null, yellowCards: null, countExpectations: null };
  const bound = (x: number, max: number) => Math.min(max, x);
  const { corners, yellowCards: yellow } = ratings.forecast(countFixture(m));
  return {
    corners: c.corners,
    yellowCards: c.yellowCards,
    countExpectations: {
      corners: { home: bound(corners.home, MAX_COUNT_MEAN.corners), away: bound(corners.away, MAX_COUNT_MEAN.corners) },
      yellowCards: { home: bound(yellow.home, MAX_COUNT_MEAN.yellowCards), away: bound(yellow.away, MAX_COUNT_MEAN.yellowCards) },
    },
  };
}

/** Pinnacle's closing 1X2 and over/under 2.5 odds where the row has them. */
export function pinnacleClosing(values: Record<string, number>): ClosingOdds | null {
  const [home, draw, away] = [values.PSCH, values.PSCD, values.PSCA];
  if (![home, draw, away].every((o) => o > 1)) return null;
  const [over, under] = [values["PC>2.5"], values["PC<2.5"]];
  return {
    bookmaker: "pinnacle",
    matchResult: { home, draw, away },
    ...(over > 1 && under > 1 ? { overUnder25: { over, under } } : {}),
  };
}

/** The fixture as a person names it: "Arsenal v Everton". */
export const matchName = (fixture: Pick<MatchDayFixture, "homeTeam" | "awayTeam">) => `${fixture.homeTeam} v ${fixture.awayTeam}`;

const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
