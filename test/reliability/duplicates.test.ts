import { afterAll, beforeAll, describe, test } from "vitest";
import { footballOf } from "@pricing/core/sports/football/state";
import assert from "node:assert/strict";
import type { FeedEvent } from "@pricing/core/match/events";
import { ManualClock } from "@pricing/local";
import {
  allEnded, lifecycle, postFeed, prng, randomFeeds, runSeed, runUntil, SETTLED_PATH, startHarness, type Harness, assertEndedAsReduced,
} from "./cloud";

const MATCHES = 6;
const WINDOW = 5;
const seed = runSeed();
const feeds = randomFeeds("dup", MATCHES, seed);
let h: Harness & { clock: ManualClock };

/**
 * A delivery order of a match's feed as a misbehaving transport makes it: every event
 * one to three times, copies shuffled within each window of five consecutive events.
 */
function misdeliver(feed: FeedEvent[], random: () => number): FeedEvent[] {
  const out: FeedEvent[] = [];
  for (let i = 0; i < feed.length; i += WINDOW) {
    const window = feed.slice(i, i + WINDOW).flatMap((e) => Array.from({ length: 1 + Math.floor(random() * 3) }, () => e));
    for (let j = window.length - 1; j > 0; j--) {
      const k = Math.floor(random() * (j + 1));
      [window[j], window[k]] = [window[k], window[j]];
    }
    out.push(...window);
  }
  return out;
}

beforeAll(async () => {
  h = (await startHarness({ clock: new ManualClock(Date.parse("2024-08-17T13:00:00Z")) })) as typeof h;
});
afterAll(() => h?.stop());

describe(`duplicated and reordered feeds (seed ${seed})`, () => {
  test(`${MATCHES} matches, every event up to three times, shuffled in windows of ${WINDOW}: each ends as the reducer says, settled once`, async () => {
    const random = prng(seed);
    const deliveries = feeds.map((feed) => misdeliver(feed, random));
    assert.ok(deliveries.reduce((n, d) => n + d.length, 0) > feeds.reduce((n, f) => n + f.length, 0), "some events were duplicated");
    // The matches' deliveries interleave, a window at a time, as a feed of several matches would.
    const longest = Math.max(...deliveries.map((d) => d.length));
    for (let i = 0; i < longest; i += WINDOW) for (const d of deliveries) if (i < d.length) await postFeed(h, d.slice(i, i + WINDOW));
    const ids = feeds.map((f) => f[0].matchId);
    await runUntil(h, allEnded(h, ids), "every Lifecycle's end");

    for (const feed of feeds) {
      const matchId = feed[0].matchId;
      const expected = await assertEndedAsReduced(feed, seed);

      const run = await lifecycle(h, matchId);
      assert.equal(run.status, "SUCCEEDED", matchId);
      assert.deepEqual(run.entered, SETTLED_PATH, `${matchId}: every Lifecycle state entered once`);
      const settled = h.engine.filter((e) => e.type === "Markets Settled" && e.detail.matchId === matchId);
      assert.equal(settled.length, 1, `${matchId}: settled once`);
      const { score, halfTimeScore } = footballOf(expected).result!;
      assert.equal(settled[0].detail.result, `${score.home}-${score.away} (HT ${halfTimeScore.home}-${halfTimeScore.away})`);
    }
  });
});
