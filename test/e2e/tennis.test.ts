import { afterAll, beforeAll, describe, test } from "vitest";
import assert from "node:assert/strict";
import type { FeedEvent } from "@pricing/core/match/events";
import { latestPriceSets } from "@pricing/core/store/price-set";
import { loadState } from "@pricing/core/store/match-state";
import { sportFeed } from "@pricing/core/sports/tennis/replay/index";
import { history, lifecycleArn, lifecycleStatus, postFeed, runUntil, startE2e, statesEntered, type E2e } from "./harness";

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
  process.env.TABLE_NAME = e2e.cloud.dynamodb.tableName;
});
afterAll(() => e2e?.stop());

const ended = (matchId: string) => async () => ["SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"].includes((await lifecycleStatus(e2e, matchId)) ?? "");
/** The tennis simulator's example matches: 6-4 3-6 7-6 best of 3 first, a retirement fifth, a walkover sixth. */
const examples = sportFeed.examples(11);
const events = (k: number) => examples[k].events.map((t) => t.event as FeedEvent);

/**
 * Posts a feed as a live one arrives: a batch of PutEvents at a time, each once the
 * engine applied the one before (a whole tennis match is hundreds of events, far more
 * than the sequence window lets wait behind a gap).
 */
async function postLive(feed: FeedEvent[]): Promise<void> {
  for (let i = 0; i < feed.length; i += 10) {
    const batch = feed.slice(i, i + 10);
    await postFeed(e2e, batch);
    const last = batch.at(-1)!.seq;
    await runUntil(e2e, async () => (await loadState(batch[0].matchId)).lastSeq >= last, `seq ${last} applied`, 120);
  }
}

describe("tennis on the local cloud", () => {
  test("a whole match: every point reprices through the tennis model function, no clock chain, settled on its sets", async () => {
    const feed = examples[0];
    await postLive(events(0));
    await runUntil(e2e, ended(feed.matchId), "the Lifecycle execution's end", 600);
    assert.equal(await lifecycleStatus(e2e, feed.matchId), "SUCCEEDED");
    const entered = statesEntered(await history(e2e, lifecycleArn(e2e, feed.matchId)));
    assert.deepEqual(entered, ["Register", "PricePreEvent", "AwaitKickoff", "KickedOff?", "ClockRuns?", "AwaitFinalWhistle", "FinalWhistle?", "AwaitResult", "Result?", "Settle", "Settled"]);
    const settled = (await e2e.engineEvents()).filter((e) => e.type === "Markets Settled" && e.detail.matchId === feed.matchId);
    assert.equal(settled.length, 1);
    assert.equal(settled[0].detail.sport, "tennis");
    assert.match(String(settled[0].detail.result), /^6-4 3-6 7-6 .*\(sets 2-1\)$/);
    const published = (await e2e.engineEvents()).filter((e) => e.type === "Prices Published" && e.detail.matchId === feed.matchId);
    const points = feed.events.filter((t) => t.event.type === "Point Won").length;
    assert.ok(published.length >= points * 0.9, `${published.length} publications for ${points} points`);
    const sets = await latestPriceSets(feed.matchId, 12);
    assert.deepEqual([...new Set(sets.map((s) => s.group))].sort(), ["game-handicap", "game-winner", "match-winner", "player-games", "set-betting", "set-handicap", "set-winner", "tiebreak", "total-games", "total-sets"]);
  });

  test("a retirement settles what was decided and voids the rest; a walkover voids everything", async () => {
    for (const k of [4, 5]) {
      const feed = examples[k];
      await postLive(events(k));
      await runUntil(e2e, ended(feed.matchId), "the Lifecycle execution's end", 600);
      assert.equal(await lifecycleStatus(e2e, feed.matchId), "SUCCEEDED", feed.matchId);
      const settled = (await e2e.engineEvents()).find((e) => e.type === "Markets Settled" && e.detail.matchId === feed.matchId);
      assert.ok(settled, feed.matchId);
      if (k === 4) assert.match(String(settled.detail.result), /B retired/);
      else assert.equal(settled.detail.result, null);
    }
  });
});
