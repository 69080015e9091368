import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseFootballData } from "@pricing/core/sports/football/models/csv";
import { matchDayFixtures } from "@pricing/core/sports/football/replay/fixtures";
import { matchDayFeed } from "@pricing/core/sports/football/replay/feed";
import { sportFeed as footballFeed } from "@pricing/core/sports/football/replay/index";
import { replayProgress } from "@pricing/replay/progress";
import { replayMatchDay } from "@pricing/replay/replay";
import { formatSummary } from "@pricing/replay/summary";

const season = parseFootballData(readFileSync("data/football-data/E0_2122.csv", "utf8"));

describe("a match day replayed on the local cloud", () => {
  // Stepped time (10 simulated seconds once the cloud is idle) keeps the outcome independent
  // of how busy the machine is; on a real-time clock a loaded machine can fall behind the
  // engine's feed-gap bound and skip a late goal. Its wall time grows with the machine's
  // load (72 s alone on two cores, over 240 s beside the rest of the suite), so the
  // limit is for a replay that stops, not for one that is slow.
  test("two real fixtures reach Settled and the summary adds up", { timeout: 600_000 }, async () => {
    const day = matchDayFixtures(season);
    const fixtures = day.fixtures.slice(0, 2);
    const seed = 3;
    const { summary } = await replayMatchDay({
      sport: footballFeed, fixtures, matchDay: { competition: "Premier League", date: day.date, fixturesOfDay: day.fixtures.length },
      seed, stepSeconds: 10, port: 0, progress: replayProgress(process.stdout, { quiet: true }),
      cloudOptions: { logLevel: "silent" },
    });
    const feeds = matchDayFeed(fixtures, { seed, kickoffMs: 0 });
    const eventCount = feeds.reduce((n, f) => n + f.events.length, 0);
    const priceRelevant = feeds.reduce((n, f) => n + f.events.filter((e) => e.priceRelevant).length, 0);

    assert.equal(summary.matches, 2);
    assert.deepEqual(summary.outcomes.map((o) => [o.lifecycle, o.settled]), [["SUCCEEDED", true], ["SUCCEEDED", true]]);
    assert.equal(summary.settled, 2);
    assert.deepEqual(summary.events, { put: eventCount, priceRelevant });
    assert.deepEqual(summary.problems, []);
    assert.equal(summary.ok, true);
    assert.deepEqual({ ...summary.feed, dropped: summary.feed.dropped.length }, { events: eventCount, applied: eventCount, rejected: 0, skipped: 0, parked: 0, missing: 0, dropped: 0 });
    assert.equal(summary.backpressure, null, "stepped time never runs ahead of the work");
    assert.equal(summary.executions.lifecycle, 2);
    // Not one to one: a batch of the clock's ticks reprices its matches in one PriceMatch execution.
    assert.ok(summary.reprices > 0 && summary.executions.pricing > 0);
    assert.equal(summary.latencyMs.samples + summary.latencyMs.unpriced, priceRelevant);
    assert.equal(summary.latencyMs.unpriced, 0);
    assert.ok(summary.latencyMs.p50! > 0 && summary.latencyMs.p50! <= summary.latencyMs.p99! && summary.latencyMs.p99! <= summary.latencyMs.max!);
    assert.deepEqual(
      { put: summary.errors.putFailures, rejected: summary.errors.rejectedEvents, failed: summary.errors.failedExecutions, model: summary.errors.modelFailures },
      { put: 0, rejected: 0, failed: 0, model: 0 },
    );
    assert.ok(summary.cost.perMatch.totalUsd > 0);
    assert.ok(Math.abs(summary.cost.perMatch.totalUsd * 2 - summary.cost.totalUsd) < 1e-12);
    assert.equal(summary.cost.idleDay.computeUsd, 0);
    assert.deepEqual(JSON.parse(JSON.stringify(summary)).events, summary.events);
    assert.match(formatSummary(summary), /p50 \d+ ms, p99 \d+ ms/);
  });
});
