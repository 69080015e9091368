import { afterAll, describe, test } from "vitest";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ManualClock } from "@pricing/local";
import {
  advance, allEnded, lifecycle, postFeed, randomFeeds, runSeed, runUntil, SETTLED_PATH, startHarness, type Harness, assertEndedAsReduced,
} from "./cloud";

const seed = runSeed();
// Two late incidents in every match: the events in flight at the stop keep it in play.
const feeds = randomFeeds("restart", 4, seed, [{ kind: "card", team: "home", colour: "yellow", minute: 88 }, { kind: "goal", team: "away", minute: 89 }]);
const ids = feeds.map((f) => f[0].matchId);
const dataDir = mkdtempSync(path.join(os.tmpdir(), "pricing-reliability-restart-"));
let h: (Harness & { clock: ManualClock }) | undefined;
afterAll(async () => {
  await h?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const start = async (atMs: number, port?: number) =>
  (h = (await startHarness({ clock: new ManualClock(atMs), dataDir, port })) as Harness & { clock: ManualClock });
const publicationsOf = (x: Harness, matchId: string) => x.engine.filter((e) => e.type === "Prices Published" && e.detail.matchId === matchId);

describe(`restart mid-match (seed ${seed})`, () => {
  test("stopped with matches in play and events in flight, started on the same data: nothing lost, nothing applied twice, the Lifecycles finish", async () => {
    // The feeds' second halves start at 15:00: the clock runs in the second half, so each tick moves the match clock.
    const first = await start(Date.parse("2024-08-17T15:05:00Z"));
    const port = Number(new URL(first.cloud.endpoint).port);
    const cut = (f: (typeof feeds)[number]) => f.findIndex((e) => e.type === "Period Started") + 1;
    for (const feed of feeds) await postFeed(first, feed.slice(0, cut(feed)));
    await runUntil(first, async () => (await Promise.all(ids.map((id) => lifecycle(first, id)))).every((l) => l.entered.includes("AwaitFinalWhistle")), "every match in play");
    await advance(first, 30);
    assert.ok(ids.every((id) => publicationsOf(first, id).length > 1), "in-play prices before the stop");
    // A few more events go in, and the cloud stops before ingest has seen them.
    for (const feed of feeds) await postFeed(first, feed.slice(cut(feed), cut(feed) + 2));
    const stoppedAt = first.clock.now();
    await first.stop();
    h = undefined;

    const second = await start(stoppedAt + 5_000, port);
    for (const id of ids) assert.equal((await lifecycle(second, id)).status, "RUNNING", `${id} resumed`);
    await runUntil(second, async () => ids.every((id) => publicationsOf(second, id).length >= 2), "clock repricing of every in-play match after the restart", { maxSeconds: 60 });
    for (const feed of feeds) await postFeed(second, feed.slice(cut(feed) + 2));
    await runUntil(second, allEnded(second, ids), "every Lifecycle's end");

    for (const feed of feeds) {
      const matchId = feed[0].matchId;
      await assertEndedAsReduced(feed, seed);
      const run = await lifecycle(second, matchId);
      assert.equal(run.status, "SUCCEEDED", matchId);
      assert.deepEqual(run.entered, SETTLED_PATH, `${matchId}: no Lifecycle state ran twice across the restart`);
      assert.equal(second.engine.filter((e) => e.type === "Markets Settled" && e.detail.matchId === matchId).length, 1);
    }
  });
});
