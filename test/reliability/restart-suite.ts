import { afterAll, describe, test } from "vitest";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FeedEvent } from "@pricing/core/match/events";
import { ManualClock } from "@pricing/local";
import {
  advance, allEnded, lifecycle, postFeed, postLive, randomFeeds, runSeed, runUntil, startHarness, type Harness, assertEndedAsReduced,
} from "./cloud";
import type { ReliabilitySport } from "./sports";

const seed = runSeed();
let h: (Harness & { clock: ManualClock }) | undefined;
const dataDirs: string[] = [];
afterAll(async () => {
  await h?.stop();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

const start = async (dataDir: string, atMs: number, port?: number) =>
  (h = (await startHarness({ clock: new ManualClock(atMs), dataDir, port })) as Harness & { clock: ManualClock });
const publicationsOf = (x: Harness, matchId: string) => x.engine.filter((e) => e.type === "Prices Published" && e.detail.matchId === matchId);

/**
 * Each sport's matches and where they are cut: football's in the second half, where
 * each clock tick moves the match clock (two late incidents in every match keep it in
 * play across the stop); tennis's halfway through its points.
 */
function scenario(sport: ReliabilitySport): { feeds: FeedEvent[][]; cut: (f: FeedEvent[]) => number; startMs: number } {
  if (sport.sport === "football") {
    const feeds = randomFeeds("restart", 4, seed, [{ kind: "card", team: "home", colour: "yellow", minute: 88 }, { kind: "goal", team: "away", minute: 89 }]);
    // The feeds' second halves start at 15:00: the clock runs in the second half, so each tick moves the match clock.
    return { feeds, cut: (f) => f.findIndex((e) => e.type === "Period Started") + 1, startMs: Date.parse("2024-08-17T15:05:00Z") };
  }
  const feeds = sport.feeds("restart-tennis", sport.matches(4), seed);
  return { feeds, cut: (f) => Math.floor(f.findLastIndex((e) => e.type === "Point Won") / 2), startMs: Date.parse("2030-06-01T12:10:00Z") };
}

/**
 * The restart test of one sport. Each sport runs in its own test file (restart.test.ts,
 * restart-tennis.test.ts), so each process starts its clouds afresh.
 */
export function restartSuite(sport: ReliabilitySport): void {
  describe(`restart mid-match: ${sport.sport} (seed ${seed})`, () => {
    const { feeds, cut, startMs } = scenario(sport);
    const ids = feeds.map((f) => f[0].matchId);
    const post = (x: Harness & { clock: ManualClock }, parts: FeedEvent[][]) => (sport.fitsWindow ? Promise.all(parts.map((p) => postFeed(x, p))).then(() => {}) : postLive(x, parts));

    test("stopped with matches in play and events in flight, started on the same data: nothing lost, nothing applied twice, the Lifecycles finish", async () => {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), `pricing-reliability-restart-${sport.sport}-`));
      dataDirs.push(dataDir);
      const first = await start(dataDir, startMs);
      const port = Number(new URL(first.cloud.endpoint).port);
      await post(first, feeds.map((f) => f.slice(0, cut(f))));
      await runUntil(first, async () => (await Promise.all(ids.map((id) => lifecycle(first, id)))).every((l) => l.entered.includes("AwaitFinalWhistle")), "every match in play");
      await advance(first, 30);
      assert.ok(ids.every((id) => publicationsOf(first, id).length > 1), "in-play prices before the stop");
      // A few more events go in, and the cloud stops before ingest has seen them.
      for (const feed of feeds) await postFeed(first, feed.slice(cut(feed), cut(feed) + 2));
      const stoppedAt = first.clock.now();
      await first.stop();
      h = undefined;

      const second = await start(dataDir, stoppedAt + 5_000, port);
      for (const id of ids) assert.equal((await lifecycle(second, id)).status, "RUNNING", `${id} resumed`);
      if (sport.clock) {
        await runUntil(second, async () => ids.every((id) => publicationsOf(second, id).length >= 2), "clock repricing of every in-play match after the restart", { maxSeconds: 60 });
      }
      await post(second, feeds.map((f) => f.slice(cut(f) + 2)));
      await runUntil(second, allEnded(second, ids), "every Lifecycle's end");
      // A point sport reprices on its events alone: the points after the restart were priced.
      for (const id of ids) assert.ok(publicationsOf(second, id).length >= 1, `${id}: priced after the restart`);

      for (const feed of feeds) {
        const matchId = feed[0].matchId;
        await assertEndedAsReduced(feed, seed, sport);
        const run = await lifecycle(second, matchId);
        assert.equal(run.status, "SUCCEEDED", matchId);
        assert.deepEqual(run.entered, sport.settledPath, `${matchId}: no Lifecycle state ran twice across the restart`);
        assert.equal(second.engine.filter((e) => e.type === "Markets Settled" && e.detail.matchId === matchId).length, 1);
      }
      await second.stop();
      h = undefined;
    });
  });
}
