import { afterAll, beforeAll, describe, test } from "vitest";
import assert from "node:assert/strict";
import type { FeedEvent } from "@pricing/core/match/events";
import { loadState } from "@pricing/core/store/match-state";
import { SEQ_WINDOW } from "@pricing/core/policy";
import { ManualClock } from "@pricing/local";
import {
  allEnded, lifecycle, postFeed, prng, runSeed, runUntil, startHarness, type Harness, assertEndedAsReduced,
} from "./cloud";
import { expectedResult, RELIABILITY_SPORTS } from "./sports";

const MATCHES = 6;
const seed = runSeed();

/**
 * A delivery order of a match's feed as a misbehaving transport makes it: every event
 * one to three times, copies shuffled within each window of `window` consecutive
 * events; returned a window at a time.
 */
function misdeliver(feed: FeedEvent[], random: () => number, window: number): FeedEvent[][] {
  const out: FeedEvent[][] = [];
  for (let i = 0; i < feed.length; i += window) {
    const copies = feed.slice(i, i + window).flatMap((e) => Array.from({ length: 1 + Math.floor(random() * 3) }, () => e));
    for (let j = copies.length - 1; j > 0; j--) {
      const k = Math.floor(random() * (j + 1));
      [copies[j], copies[k]] = [copies[k], copies[j]];
    }
    out.push(copies);
  }
  return out;
}

let h: Harness & { clock: ManualClock };
beforeAll(async () => {
  h = (await startHarness({ clock: new ManualClock(Date.parse("2024-08-17T13:00:00Z")) })) as typeof h;
});
afterAll(() => h?.stop());

describe.each(RELIABILITY_SPORTS)(`duplicated and reordered feeds: $sport (seed ${seed})`, (sport) => {
  /**
   * A football match (20-30 events) fits the sequence window whole: posted at once,
   * shuffled in windows of five. A tennis match is hundreds of events, so it arrives as
   * a live feed does: shuffled in windows of half the sequence window, each window
   * posted once the one before it is applied.
   */
  const window = sport.fitsWindow ? 5 : SEQ_WINDOW / 2;
  const matches = sport.matches(MATCHES);
  const feeds = sport.feeds(`dup-${sport.sport}`, matches, seed);

  test(`${matches} matches, every event up to three times, shuffled in windows: each ends as the reducer says, settled once`, async () => {
    const random = prng(seed);
    const deliveries = feeds.map((feed) => misdeliver(feed, random, window));
    assert.ok(deliveries.flat(2).length > feeds.flat().length, "some events were duplicated");
    // The matches' deliveries interleave, a window at a time, as a feed of several matches would.
    const windows = Math.max(...deliveries.map((d) => d.length));
    for (let w = 0; w < windows; w++) {
      for (const d of deliveries) if (w < d.length) await postFeed(h, d[w]);
      if (sport.fitsWindow) continue;
      await runUntil(h, async () => {
        for (const [k, d] of deliveries.entries()) {
          if (w < d.length && (await loadState(feeds[k][0].matchId)).lastSeq < Math.max(...d[w].map((e) => e.seq))) return false;
        }
        return true;
      }, `window ${w + 1} applied`, { maxSeconds: 120 });
    }
    const ids = feeds.map((f) => f[0].matchId);
    await runUntil(h, allEnded(h, ids), "every Lifecycle's end");

    for (const feed of feeds) {
      const matchId = feed[0].matchId;
      const expected = await assertEndedAsReduced(feed, seed, sport);
      const run = await lifecycle(h, matchId);
      assert.equal(run.status, "SUCCEEDED", matchId);
      assert.deepEqual(run.entered, sport.settledPath, `${matchId}: every Lifecycle state entered once`);
      const settled = h.engine.filter((e) => e.type === "Markets Settled" && e.detail.matchId === matchId);
      assert.equal(settled.length, 1, `${matchId}: settled once`);
      assert.equal(settled[0].detail.result, expectedResult(expected));
    }
    assert.deepEqual(h.engine.filter((e) => e.type === "Event Rejected" && ids.includes(e.detail.matchId)), [], "a duplicate or a reordering is never a rejection");
  });
});
