import { describe, test } from "vitest";
import assert from "node:assert/strict";
import type { MatchSummary } from "@pricing/console/api";
import { filterMatches, filterOf, nextSort, queryOf } from "../../packages/console/web/match-filter";
import { duration } from "../../packages/console/web/duration";

const match = (matchId: string, competition: string, status: MatchSummary["status"], kickoff: string | null, homeTeam: string, awayTeam: string) =>
  ({ matchId, sport: matchId.startsWith("t") ? "tennis" : "football", competition, status, kickoff, homeTeam, awayTeam }) as MatchSummary;
// In the server's order: kick-off, then id.
const MATCHES = [
  match("t1", "Great Ocean Road Open", "in play", "2021-02-03T00:30:00+11:00", "Sinner J.", "Vukic A."),
  match("f1", "Premier League", "settled", "2022-05-22T15:00:00Z", "Arsenal", "Everton"),
  match("f2", "Premier League", "scheduled", "2022-05-29T15:00:00Z", "Chelsea", "Watford"),
  match("t2", "Murray River Open", "pre-event", "2022-05-29T23:30:00-05:00", "Monfils G.", "Dimitrov G."),
  match("f3", "Premier League", "scheduled", null, "Leeds", "Brentford"),
];
const ids = (query: string) => filterMatches(MATCHES, filterOf(new URLSearchParams(query))).map((m) => m.matchId);

describe("the Matches list's search, dates and order", () => {
  test("the search reads the competition as well as the sides", () => {
    assert.deepEqual(ids("q=ocean"), ["t1"]);
    assert.deepEqual(ids("q=premier+chelsea"), ["f2"], "every word, from either");
    assert.deepEqual(ids("q=open"), ["t1", "t2"]);
  });

  test("dates are the fixture's as the feed wrote them, whatever its offset; a day is from = to", () => {
    // 00:30 on 3 February in Melbourne is 2 February in UTC: the feed's day counts.
    assert.deepEqual(ids("from=2021-02-03&to=2021-02-03"), ["t1"]);
    assert.deepEqual(ids("from=2021-02-02&to=2021-02-02"), []);
    assert.deepEqual(ids("from=2022-05-29"), ["f2", "t2"], "from a day on; an unscheduled match has no date");
    assert.deepEqual(ids("to=2022-05-22"), ["t1", "f1"]);
    assert.deepEqual(ids("from=2022-05-23&to=2022-05-22"), []);
    assert.deepEqual(filterOf(new URLSearchParams("from=yesterday&to=2022-5-1")), { sport: "", competition: "", status: "", q: "", from: "", to: "", sort: "" }, "not a date: no filter");
  });

  test("a column orders the list either way; ties keep the server's order", () => {
    assert.deepEqual(ids("sort=kickoff"), ["t1", "f1", "f2", "t2", "f3"], "unscheduled last");
    assert.deepEqual(ids("sort=-kickoff"), ["f3", "t2", "f2", "f1", "t1"]);
    assert.deepEqual(ids("sort=competition"), ["t1", "t2", "f1", "f2", "f3"]);
    assert.deepEqual(ids("sort=status"), ["f2", "f3", "t2", "t1", "f1"], "in the order a match goes through them");
    assert.deepEqual(ids("sort=-match"), ["t1", "t2", "f3", "f2", "f1"]);
    assert.deepEqual(ids("sort=odds"), ids(""), "an unknown column leaves the order");
    assert.equal(nextSort("", "kickoff"), "kickoff");
    assert.equal(nextSort("kickoff", "kickoff"), "-kickoff");
    assert.equal(nextSort("-kickoff", "kickoff"), "kickoff");
    assert.equal(nextSort("-kickoff", "status"), "status");
  });

  test("the whole of it goes into the address and comes back the same", () => {
    const filter = filterOf(new URLSearchParams("q=open&from=2022-05-29&to=2022-05-30&sort=-kickoff&sport=tennis"));
    assert.equal(queryOf(filter), "sport=tennis&q=open&from=2022-05-29&to=2022-05-30&sort=-kickoff");
    assert.deepEqual(filterOf(new URLSearchParams(queryOf(filter))), filter);
  });
});

describe("durations", () => {
  test("h:mm:ss everywhere, with milliseconds under a minute", () => {
    assert.equal(duration(42), "0:00:00.042");
    assert.equal(duration(12_350), "0:00:12.350");
    assert.equal(duration(59_999.6), "0:01:00", "rounds up into the next format");
    assert.equal(duration(205_000), "0:03:25");
    assert.equal(duration(3_723_400), "1:02:03");
    assert.equal(duration(26 * 3600_000), "26:00:00");
    for (const none of [null, undefined, Number.NaN, -1]) assert.equal(duration(none), "–");
  });
});
