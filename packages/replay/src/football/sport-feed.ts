import type { FootballDataFile } from "@pricing/core/sports/football/models/csv";
import type { SportFeed } from "../sport";
import { DEFAULT_TIMING, matchFeed, type FootballMatchFeed } from "./feed";
import { matchDayFixtures, matchName, type MatchDayFixture } from "./fixtures";
import { watchFootballMatch } from "./watch";

/**
 * Football as the replay plays it: a match day of a football-data.co.uk season file,
 * each fixture's feed drawn from its real scores and cards, followed by score, match
 * minute and half time.
 */
export const footballFeed: SportFeed<MatchDayFixture, FootballMatchFeed, Pick<FootballDataFile, "matches">> = {
  fixturesOfDay: (source, selection) => matchDayFixtures(source, selection),
  leadSeconds: DEFAULT_TIMING.scheduledLeadMinutes * 60,
  matchFeed: (fixture, options) => matchFeed(fixture, options),
  describe: ({ fixture }) => ({ fixture: matchName(fixture), result: `${fixture.fullTime.home}-${fixture.fullTime.away}` }),
  watch: watchFootballMatch,
};
