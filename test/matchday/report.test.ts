import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseFootballData } from "@pricing/core/sports/football/models/csv";
import { auditFeeds, type MatchRecord } from "@pricing/replay/audit";
import { matchDayFixtures } from "@pricing/core/sports/football/replay/fixtures";
import { matchDayFeed } from "@pricing/core/sports/football/replay/feed";
import type { MatchFeed } from "@pricing/core/sports/feed";
import { formatSummary, problemsOf, type MatchDaySummary } from "@pricing/replay/summary";

const season = parseFootballData(readFileSync("data/football-data/E0_2122.csv", "utf8"));
const feeds = matchDayFeed(matchDayFixtures(season).fixtures.slice(0, 2), { seed: 1, kickoffMs: Date.parse("2022-05-22T15:00:00Z") });

const seqsOf = (feed: MatchFeed) => feed.events.map((t) => t.event.seq);
const allSeqs = seqsOf(feeds[0]);

/** The engine's records with every event of every match applied; the first match's as `first` says. */
function recordsWith(first: Partial<MatchRecord> = {}): Map<string, MatchRecord> {
  return new Map(feeds.map((feed, i) => {
    const whole: MatchRecord = { logged: new Set(seqsOf(feed)), parked: new Set(), lastSeq: Math.max(...seqsOf(feed)) };
    return [feed.matchId, i === 0 ? { ...whole, ...first } : whole];
  }));
}

function summaryWith(overrides: Partial<MatchDaySummary>): Omit<MatchDaySummary, "ok" | "problems"> {
  const events = feeds.reduce((n, f) => n + f.events.length, 0);
  return {
    matchDay: { competition: "Premier League", date: "2022-05-22", fixturesOfDay: 10, seed: 1, speed: 90, endpoint: "http://127.0.0.1:4010" },
    matches: 2, settled: 2,
    events: { put: events, priceRelevant: 18 },
    executions: { lifecycle: 2, pricing: 900 },
    reprices: 800, suspensions: 10,
    latencyMs: { samples: 18, p50: 70, p99: 600, max: 600, unpriced: 0 },
    errors: { putFailures: 0, rejectedEvents: 0, failedExecutions: 0, functionErrors: 0, modelFailures: 0, dlqDepth: 0, dlqByQueue: {} },
    cost: { perMatch: { totalUsd: 0.01, lines: [] } as never, totalUsd: 0.02, idleDay: { computeUsd: 0, standing: [] } as never, notes: [] },
    feed: auditFeeds(feeds, recordsWith(), []),
    backpressure: { maxLagSeconds: 10, achievedSpeed: 88, holds: 3, heldSeconds: 0.2, longestHoldMs: 90, overruns: 0 },
    wallSeconds: { startup: 5, replay: 85, total: 90 },
    outcomes: feeds.map((f) => ({ matchId: f.matchId, fixture: `${f.fixture.homeTeam} v ${f.fixture.awayTeam}`, result: "1-0", lifecycle: "SUCCEEDED", settled: true })),
    ...overrides,
  };
}

describe("auditFeeds: what became of every feed event", () => {
  test("a feed the engine logged whole is all applied", () => {
    const audit = auditFeeds(feeds, recordsWith(), []);
    assert.equal(audit.events, feeds.reduce((n, f) => n + f.events.length, 0));
    assert.equal(audit.applied, audit.events);
    assert.deepEqual(audit.dropped, []);
  });

  test("an event missing from the log behind the last seq was skipped; one withheld says so", () => {
    const audit = auditFeeds(feeds, recordsWith({ logged: new Set(allSeqs.filter((s) => s !== 5)) }), [], new Map([[feeds[0].events[4].event.eventId, "withheld from the feed"]]));
    assert.equal(audit.skipped, 1);
    assert.equal(audit.applied, audit.events - 1);
    assert.deepEqual(audit.dropped, [{
      matchId: feeds[0].matchId, seq: 5, type: feeds[0].events[4].event.type, fate: "skipped",
      reason: "a feed gap the engine stopped waiting for (withheld from the feed)",
    }]);
  });

  test("rejections carry the engine's reason; events waiting behind a gap are parked, the gap missing", () => {
    const first = feeds[0];
    const reason = `match ${first.matchId} was never scheduled: no Match Scheduled (seq 1) came within 30 s`;
    const rejections = first.events.map((t) => ({ eventId: t.event.eventId, matchId: first.matchId, reason }));
    const audit = auditFeeds(feeds, recordsWith({ logged: new Set(), lastSeq: 0 }), rejections);
    assert.equal(audit.rejected, first.events.length);
    assert.ok(audit.dropped.every((d) => d.fate === "rejected" && d.reason === reason));

    const parked = auditFeeds(feeds, recordsWith({ logged: new Set(allSeqs.slice(0, -2)), parked: new Set([allSeqs.length]), lastSeq: allSeqs.length - 2 }), []);
    assert.equal(parked.parked, 1);
    assert.equal(parked.missing, 1, "behind the gap, neither logged nor parked");
    assert.deepEqual(parked.dropped.map((d) => [d.seq, d.fate, d.reason]), [
      [allSeqs.length - 1, "missing", "never reached the match's state"],
      [allSeqs.length, "parked", `still waiting for seq ${allSeqs.length - 1}`],
    ]);
  });
});

describe("problemsOf: a replay that dropped anything fails, and says what", () => {
  test("a clean replay has no problems", () => {
    assert.deepEqual(problemsOf(summaryWith({})), []);
  });

  test("a skipped event, an unpriced one, an unsettled match and a dead letter are each named", () => {
    const feed = auditFeeds(feeds, recordsWith({ logged: new Set(allSeqs.filter((s) => s !== 5)) }), []);
    const problems = problemsOf(summaryWith({
      feed,
      latencyMs: { samples: 17, p50: 70, p99: 600, max: 600, unpriced: 1 },
      errors: { putFailures: 0, rejectedEvents: 0, failedExecutions: 0, functionErrors: 0, modelFailures: 0, dlqDepth: 2, dlqByQueue: { "match-events-dlq": 2 } },
      outcomes: summaryWith({}).outcomes.map((o, i) => (i === 1 ? { ...o, lifecycle: "RUNNING", settled: false } : o)),
    }));
    assert.equal(problems[0], `1 of ${feed.events} feed events not applied (1 skipped)`);
    assert.match(problems[1], new RegExp(`${feeds[0].matchId} seq 5 .*: skipped, a feed gap the engine stopped waiting for`));
    assert.ok(problems.includes("1 of 18 price-relevant events never priced"));
    assert.ok(problems.some((p) => /1 of 2 matches did not settle: .*Lifecycle RUNNING/.test(p)));
    assert.ok(problems.includes("2 messages dead-lettered: match-events-dlq: 2"));
  });

  test("the printed summary ends with the problems, loudly", () => {
    const base = summaryWith({ feed: auditFeeds(feeds, recordsWith({ logged: new Set(allSeqs.filter((s) => s !== 5)) }), []) });
    const problems = problemsOf(base);
    const text = formatSummary({ ...base, ok: false, problems });
    assert.match(text, /feed {11}\d+ events: \d+ applied, 0 rejected, 1 skipped, 0 parked, 0 missing/);
    assert.match(text, /FAILED: a problem in this replay|FAILED: problems in this replay/);
    assert.ok(text.trimEnd().endsWith(problems.at(-1)!));
    assert.doesNotMatch(formatSummary({ ...summaryWith({}), ok: true, problems: [] }), /FAILED/);
  });
});
