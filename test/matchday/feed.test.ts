import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { InputError } from "@pricing/core/errors";
import { FeedDetail, feedEntry, parseFeedEvent } from "@pricing/core/match/events";
import type { FootballEvent as FeedEvent } from "@pricing/core/sports/football/events";
import { parseCsvRecords, parseFootballData } from "@pricing/core/sports/football/models/csv";
import { matchDayFixtures, type MatchDayFixture } from "@pricing/core/sports/football/replay/fixtures";
import { matchDayFeed, matchFeed } from "@pricing/core/sports/football/replay/feed";
import type { MatchFeed } from "@pricing/core/sports/feed";

const CSV = readFileSync("data/football-data/E0_2122.csv", "utf8");
const season = parseFootballData(CSV);
const KICKOFF = Date.parse("2030-05-18T15:00:00Z");

/** The raw CSV cells of a fixture by column name, read independently of the parser. */
function rawRow(home: string, away: string, date: string): Record<string, string> {
  const [header, ...rows] = parseCsvRecords(CSV).map((r) => r.fields);
  const [y, m, d] = date.split("-");
  const row = rows.find((r) => r[3] === home && r[4] === away && r[1] === `${d}/${m}/${y}`);
  assert.ok(row, `${home} v ${away} on ${date} is in the file`);
  return Object.fromEntries(header.map((h, i) => [h, row[i]]));
}

/** Every fixture of the season, one match day after another. */
const allFixtures: MatchDayFixture[] = [...new Set(season.matches.map((m) => m.date))].flatMap((date) => matchDayFixtures(season, { date }).fixtures);

const ofType = <K extends FeedEvent["type"]>(feed: MatchFeed, type: K) =>
  feed.events.map((t) => t.event).filter((e): e is Extract<FeedEvent, { type: K }> => e.type === type);

describe("the match day", () => {
  test("defaults to the last day of the 2021/22 Premier League: ten fixtures on 22 May 2022", () => {
    const { date, fixtures } = matchDayFixtures(season);
    assert.equal(date, "2022-05-22");
    assert.equal(fixtures.length, 10);
    const city = fixtures.find((f) => f.homeTeam === "Man City");
    assert.equal(city?.awayTeam, "Aston Villa");
    assert.deepEqual(city?.fullTime, { home: 3, away: 2 });
    assert.deepEqual(city?.halfTime, { home: 0, away: 1 });
    assert.equal(matchDayFixtures(season, { matches: 3 }).fixtures.length, 3);
  });

  test("the closing odds are Pinnacle's closing columns of the row", () => {
    const feed = matchFeed(matchDayFixtures(season).fixtures[0], { seed: 1, kickoffMs: KICKOFF });
    const raw = rawRow(feed.fixture.homeTeam, feed.fixture.awayTeam, feed.fixture.date);
    const [observed] = ofType(feed, "Market Prices Observed");
    assert.equal(observed.bookmaker, "pinnacle");
    assert.deepEqual(observed.matchResult, { home: Number(raw.PSCH), draw: Number(raw.PSCD), away: Number(raw.PSCA) });
    assert.deepEqual(observed.overUnder25, { over: Number(raw["PC>2.5"]), under: Number(raw["PC<2.5"]) });
  });

  test("bad choices are input errors that say what to fix", () => {
    assert.throws(() => matchDayFixtures(season, { date: "2022-07-01" }), (e: unknown) => e instanceof InputError && e.code === "matchday.no_fixtures");
    assert.throws(() => matchDayFixtures(season, { matches: 0 }), (e: unknown) => e instanceof InputError && e.code === "matchday.invalid_matches");
  });
});

describe("feed generation", () => {
  const feeds = matchDayFeed(allFixtures, { seed: 7, kickoffMs: KICKOFF });

  test("every event of the season's feeds passes the catalogue's schema and parses as delivered", () => {
    for (const feed of feeds) {
      for (const { event } of feed.events) {
        const { type, ...detail } = event;
        assert.equal(FeedDetail[type as keyof typeof FeedDetail].safeParse(detail).success, true, `${feed.matchId} seq ${event.seq} ${type}`);
        const entry = feedEntry(event, "local-match-events");
        assert.deepEqual(parseFeedEvent({ source: entry.Source, "detail-type": entry.DetailType, detail: JSON.parse(entry.Detail) }), event);
      }
    }
  });

  test("seq runs 1, 2, ... per match, event ids are unique and times never go back", () => {
    const ids = new Set<string>();
    for (const feed of feeds) {
      feed.events.forEach(({ event, atMs }, i) => {
        assert.equal(event.seq, i + 1);
        assert.equal(event.matchId, feed.matchId);
        assert.equal(Date.parse(event.occurredAt), atMs);
        if (i > 0) assert.ok(atMs >= feed.events[i - 1].atMs, `${feed.matchId} seq ${event.seq}`);
        ids.add(event.eventId);
      });
    }
    assert.equal(ids.size, feeds.reduce((n, f) => n + f.events.length, 0));
  });

  test("a match runs scheduled, prices, kick-off, play, half time, play, full time, result", () => {
    const types = feeds[0].events.map((t) => t.event.type);
    assert.deepEqual(types.slice(0, 4), ["Match Scheduled", "Market Prices Observed", "Match Started", "Period Started"]);
    assert.deepEqual(types.slice(-3), ["Period Ended", "Match Ended", "Result Confirmed"]);
  });

  test("the board goes up 45 minutes into each half with the stoppage that half then plays", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        for (const fixture of allFixtures.slice(0, 40)) {
          const feed = matchFeed(fixture, { seed, kickoffMs: KICKOFF });
          const events = feed.events.map((t) => t.event);
          for (const [period, regular] of [["1H", 45], ["2H", 90]] as const) {
            const start = events.find((e) => e.type === "Period Started" && e.period === period)!;
            const board = events.findIndex((e) => e.type === "Added Time Announced" && e.period === period);
            const end = events.findIndex((e) => e.type === "Period Ended" && e.period === period);
            assert.ok(board >= 0 && board < end, `${fixture.homeTeam} v ${fixture.awayTeam}: the ${period} board before the half ends`);
            const announced = events[board] as Extract<FeedEvent, { type: "Added Time Announced" }>;
            const ended = events[end] as Extract<FeedEvent, { type: "Period Ended" }>;
            assert.equal(Date.parse(announced.occurredAt) - Date.parse(start.occurredAt), 45 * 60_000);
            assert.equal(announced.minutes, ended.minute - regular);
          }
        }
      }),
      { numRuns: 5 },
    );
  });

  test("goals fall in their real halves at feed minutes, in the real numbers, for any seed", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        for (const fixture of allFixtures) {
          const feed = matchFeed(fixture, { seed, kickoffMs: KICKOFF });
          const [halfTime] = ofType(feed, "Period Ended");
          const secondHalf = ofType(feed, "Period Started").find((e) => e.period === "2H")!;
          const fullTime = ofType(feed, "Match Ended")[0];
          const goals = ofType(feed, "Goal Scored");
          const first = goals.filter((g) => g.seq < halfTime.seq);
          const second = goals.filter((g) => g.seq > secondHalf.seq);
          assert.equal(first.length + second.length, goals.length);
          const count = (gs: typeof goals, team: string) => gs.filter((g) => g.team === team).length;
          assert.deepEqual({ home: count(first, "home"), away: count(first, "away") }, fixture.halfTime);
          assert.deepEqual({ home: count(goals, "home"), away: count(goals, "away") }, fixture.fullTime);
          for (const g of first) assert.ok(g.minute >= 1 && g.minute <= halfTime.minute, `first-half goal at ${g.minute}, half ended ${halfTime.minute}`);
          for (const g of second) assert.ok(g.minute >= 46 && g.minute <= fullTime.minute, `second-half goal at ${g.minute}, match ended ${fullTime.minute}`);
          assert.ok(halfTime.minute > 45 && fullTime.minute > 90);
          const [result] = ofType(feed, "Result Confirmed");
          assert.deepEqual(result.score, fixture.fullTime);
          assert.deepEqual(result.halfTimeScore, fixture.halfTime);
        }
      }),
      { numRuns: 20 },
    );
  });

  test("the real red and yellow cards are shown and the real corners taken, team by team, during play", () => {
    const withReds = feeds.filter((f) => f.fixture.redCards.home + f.fixture.redCards.away > 0);
    assert.ok(withReds.length >= 30, "the 2021/22 season has dozens of matches with red cards");
    for (const feed of feeds) {
      const raw = rawRow(feed.fixture.homeTeam, feed.fixture.awayTeam, feed.fixture.date);
      const cards = ofType(feed, "Card Shown").filter((c) => c.colour === "red");
      assert.equal(cards.filter((c) => c.team === "home").length, Number(raw.HR));
      assert.equal(cards.filter((c) => c.team === "away").length, Number(raw.AR));
      const started = ofType(feed, "Match Started")[0].seq;
      const ended = ofType(feed, "Match Ended")[0].seq;
      for (const c of cards) assert.ok(c.seq > started && c.seq < ended);
      // Yellow cards and corners too, in the row's numbers, during play; the result confirms them.
      const yellows = ofType(feed, "Card Shown").filter((c) => c.colour === "yellow");
      const corners = ofType(feed, "Corner Taken");
      assert.deepEqual([yellows.filter((c) => c.team === "home").length, yellows.filter((c) => c.team === "away").length], [Number(raw.HY), Number(raw.AY)]);
      assert.deepEqual([corners.filter((c) => c.team === "home").length, corners.filter((c) => c.team === "away").length], [Number(raw.HC), Number(raw.AC)]);
      for (const c of [...yellows, ...corners]) assert.ok(c.seq > started && c.seq < ended && c.minute >= 1);
      const [result] = ofType(feed, "Result Confirmed");
      assert.deepEqual(result.corners, { home: Number(raw.HC), away: Number(raw.AC) });
    }
  });

  test("the reducer's reprices mark the price-relevant events", () => {
    const relevant = feeds[0].events.filter((t) => t.priceRelevant).map((t) => t.event.type);
    const goals = feeds[0].fixture.fullTime.home + feeds[0].fixture.fullTime.away;
    assert.equal(relevant.filter((t) => t === "Goal Scored").length, goals);
    assert.ok(relevant.includes("Market Prices Observed") && relevant.includes("Match Started"));
    assert.ok(!relevant.includes("Match Scheduled") && !relevant.includes("Result Confirmed") && !relevant.includes("Match Ended"));
  });

  test("the same seed gives the same feed; another seed other minutes", () => {
    const day = matchDayFixtures(season).fixtures;
    assert.deepEqual(matchDayFeed(day, { seed: 11, kickoffMs: KICKOFF }), matchDayFeed(day, { seed: 11, kickoffMs: KICKOFF }));
    const minutes = (seed: number) => matchDayFeed(day, { seed, kickoffMs: KICKOFF }).flatMap((f) => ofType(f, "Goal Scored").map((g) => g.minute));
    assert.notDeepEqual(minutes(11), minutes(12));
    // Each match draws from its own stream: replaying fewer matches leaves the others as they were.
    assert.deepEqual(matchDayFeed(day.slice(0, 2), { seed: 11, kickoffMs: KICKOFF }), matchDayFeed(day, { seed: 11, kickoffMs: KICKOFF }).slice(0, 2));
  });
});
