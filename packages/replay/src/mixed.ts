import type { FeedOptions, MatchFeed, SportFeed } from "@pricing/core/sports/feed";
import type { ReplaySport } from "./replay";

/** One sport's part of a mixed day: its feed simulator and the fixtures it replays. */
export interface SportDay {
  sport: SportFeed<unknown, MatchFeed, unknown>;
  fixtures: unknown[];
}

export interface MixedFixture {
  /** Which of the day's sports the fixture is of. */
  part: number;
  fixture: unknown;
}

/**
 * Several sports' days as one: every fixture keeps its own sport's feed, summary name
 * and progress follower; the first events fall due after the longest of the sports'
 * leads. The replay posts, observes and audits them all on one clock, as a bookmaker
 * runs every sport on one stage.
 */
export function mixedDay(days: SportDay[]): { sport: ReplaySport<MixedFixture>; fixtures: MixedFixture[] } {
  const partOf = new Map<string, number>();
  const leadSeconds = Math.max(...days.map((d) => d.sport.leadSeconds));
  const sport: ReplaySport<MixedFixture> = {
    leadSeconds,
    matchFeed({ part, fixture }: MixedFixture, options: FeedOptions) {
      const feed = days[part].sport.matchFeed(fixture, options);
      partOf.set(feed.matchId, part);
      return feed;
    },
    describe: (feed) => days[partOf.get(feed.matchId) ?? 0].sport.describe(feed),
    watch: (feed) => days[partOf.get(feed.matchId) ?? 0].sport.watch(feed),
  };
  return { sport, fixtures: days.flatMap((d, part) => d.fixtures.map((fixture) => ({ part, fixture }))) };
}
