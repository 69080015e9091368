import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { parseFootballData, type FootballDataMatch } from "@pricing/core/sports/football/models/csv";
import { HISTORY_ODDS_COLUMNS } from "@pricing/core/sports/football/models/evidence";
import { matchDayFixtures, type MatchDayFixture } from "@pricing/core/sports/football/replay/fixtures";

const season = parseFootballData(readFileSync("data/football-data/E0_2122.csv", "utf8"));

/** The match with every 1X2 odds column of the row set to `odds`. */
function withOdds(m: FootballDataMatch, odds: [number, number, number]): FootballDataMatch {
  const values = { ...m.values };
  for (const columns of HISTORY_ODDS_COLUMNS) columns.forEach((c, i) => { values[c] = odds[i]; });
  return { ...m, values };
}

const HEAVY_FAVOURITE: [number, number, number] = [1.12, 9, 21];
const CLOSE: [number, number, number] = [2.7, 3.1, 2.8];
const cardTotal = (f: MatchDayFixture) => f.countExpectations!.yellowCards.home + f.countExpectations!.yellowCards.away;

/** The day's fixtures with the first fixture's odds replaced. */
function dayWith(date: string, odds: [number, number, number]): MatchDayFixture[] {
  const first = season.matches.find((m) => m.date === date)!;
  return matchDayFixtures({ matches: season.matches.map((m) => (m === first ? withOdds(m, odds) : m)) }, { date }).fixtures;
}

describe("the replay's card expectations carry each fixture's odds (the closeness term)", () => {
  for (const [what, date] of [["the season's last day, walked over the file's earlier matches", "2022-05-22"], ["the season's first day, the live constants' closeness term alone", season.matches[0].date]] as const) {
    test(`${what}: a heavy favourite's match is expected fewer cards than a close one; its corners and the other fixtures are unchanged`, () => {
      const favourite = dayWith(date, HEAVY_FAVOURITE), close = dayWith(date, CLOSE);
      expect(cardTotal(favourite[0])).toBeLessThan(cardTotal(close[0]) * 0.95);
      expect(favourite[0].countExpectations!.corners).toEqual(close[0].countExpectations!.corners);
      expect(favourite.slice(1).map((f) => f.countExpectations)).toEqual(close.slice(1).map((f) => f.countExpectations));
    });
  }
});
