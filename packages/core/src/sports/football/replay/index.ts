import { seededRandom } from "../../../math/random";
import type { FootballDataFile } from "../models/csv";
import type { SportFeed } from "../../feed";
import { DEFAULT_TIMING, matchFeed, type FootballMatchFeed } from "./feed";
import { matchDayFixtures, matchName, type MatchDayFixture } from "./fixtures";
import { watchFootballMatch } from "./watch";

/**
 * Football as the replay plays it: a match day of a football-data.co.uk season file,
 * each fixture's feed drawn from its real scores and cards, followed by score, match
 * minute and half time.
 */
export const sportFeed: SportFeed<MatchDayFixture, FootballMatchFeed, Pick<FootballDataFile, "matches">> = {
  fixturesOfDay: (source, selection) => matchDayFixtures(source, selection),
  leadSeconds: DEFAULT_TIMING.scheduledLeadMinutes * 60,
  matchFeed: (fixture, options) => matchFeed(fixture, options),
  describe: ({ fixture }) => ({ fixture: matchName(fixture), result: `${fixture.fullTime.home}-${fixture.fullTime.away}` }),
  watch: watchFootballMatch,
  examples: (seed) => exampleFixtures(seed).map((fixture) => matchFeed(fixture, { seed, kickoffMs: Date.parse("2030-05-18T14:00:00Z") })),
};

/**
 * Six made-up fixtures: scores up to 4-4 with the second half's goals after the
 * first's, red cards now and then, closing prices or none (the match is then priced
 * from expected goals); corners and yellow cards from a stream of their own, so the
 * goals and red cards are what they were without them.
 */
function exampleFixtures(seed: number): MatchDayFixture[] {
  const random = seededRandom(seed, "football-examples");
  const counts = seededRandom(seed, "football-example-counts");
  return Array.from({ length: 6 }, (_, i) => {
    const halfTime = { home: random.int(0, 2), away: random.int(0, 2) };
    const fullTime = { home: halfTime.home + random.int(0, 2), away: halfTime.away + random.int(0, 2) };
    const home = 1.4 + random.unit() * 3, draw = 3 + random.unit() * 1.5;
    const away = 1 / Math.max(0.05, 1.05 - 1 / home - 1 / draw);
    return {
      key: `EX-${seed}-${i + 1}`,
      competition: "Example League",
      date: "2030-05-18",
      time: "15:00",
      homeTeam: `Home ${i + 1}`,
      awayTeam: `Away ${i + 1}`,
      halfTime,
      fullTime,
      redCards: { home: random.unit() < 0.2 ? 1 : 0, away: random.unit() < 0.2 ? 1 : 0 },
      corners: { home: counts.int(0, 11), away: counts.int(0, 9) },
      yellowCards: { home: counts.int(0, 4), away: counts.int(0, 4) },
      countExpectations: i % 2 === 0 ? { corners: { home: 5.8, away: 4.5 }, yellowCards: { home: 1.5, away: 1.8 } } : null,
      closing: i % 3 === 2 ? null : { bookmaker: "pinnacle", matchResult: { home, draw, away }, ...(i % 2 === 0 ? { overUnder25: { over: 1.95, under: 1.95 } } : {}) },
    };
  });
}
