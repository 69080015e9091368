import { afterAll, beforeAll, describe, test } from "vitest";
import assert from "node:assert/strict";
import type { FeedEvent } from "@pricing/core/match/events";
import { recentPriceSets } from "@pricing/core/store/price-set";
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
/** The fields an inserted event of each type carries. */
function pick(e: Record<string, unknown>): Record<string, unknown> {
  if (e.type === "Point Won") return { player: e.player, score: e.score, server: e.server };
  if (e.type === "Point Corrected") return { points: e.points, score: e.score, server: e.server };
  if (e.type === "Play Suspended") return { reason: e.reason };
  return {};
}

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
    const sets = await recentPriceSets(feed.matchId, 12);
    assert.deepEqual([...new Set(sets.map((s) => s.group))].sort(), ["game-handicap", "game-winner", "match-winner", "player-games", "set-betting", "set-handicap", "set-winner", "tiebreak", "total-games", "total-sets"]);
  });

  test("a point the feed takes back and a review: markets suspend, nothing of the taken-back score is published after the correction, prices return on resumption", async () => {
    const base = examples[1].events.map((t) => t.event as FeedEvent & Record<string, unknown>);
    const matchId = "e2e-tennis-correction";
    const k = base.findIndex((e, i) => e.type === "Point Won" && i > 20);
    const point = base[k];
    const before = base[k - 1].type === "Point Won" ? base[k - 1] : null;
    assert.ok(before, "a point before the chosen one");
    // After point k: a point credited to the wrong player (the feed's score as the points would give it is not needed: a mismatch), taken back, then a review.
    const wrong = { ...point, type: "Point Won", player: point.player === "a" ? "b" : "a" };
    const inserted = [wrong, { ...point, type: "Point Corrected", points: 1, score: before.score, server: before.server }, { ...point, type: "Play Suspended", reason: "challenge under review" }, { ...point, type: "Play Resumed" }];
    const spliced = [...base.slice(0, k), ...inserted.map((e) => { const { player: _p, score: _s, server: _v, points: _n, reason: _r, ...rest } = e as Record<string, unknown>; return { ...rest, ...pick(e) }; }), ...base.slice(k)]
      .map((e, i) => ({ ...e, matchId, eventId: `${matchId}-${i + 1}`, seq: i + 1 }) as FeedEvent);
    await postLive(spliced);
    await runUntil(e2e, ended(matchId), "the Lifecycle execution's end", 600);
    assert.equal(await lifecycleStatus(e2e, matchId), "SUCCEEDED");
    const engine = (await e2e.engineEvents()).filter((e) => e.detail.matchId === matchId);
    const suspensions = engine.filter((e) => e.type === "Markets Suspended").map((e) => e.detail.reason as string);
    assert.ok(suspensions.includes("point corrected"), suspensions.join(", "));
    assert.ok(suspensions.includes("play suspended"), suspensions.join(", "));
    const corrected = engine.findIndex((e) => e.type === "Markets Suspended" && e.detail.reason === "point corrected");
    const correctionVersion = engine[corrected].detail.stateVersion as number;
    const stale = engine.slice(corrected).filter((e) => e.type === "Prices Published" && (e.detail.stateVersion as number) < correctionVersion);
    assert.deepEqual(stale, [], "no price of a taken-back score after the correction");
    const review = engine.find((e) => e.type === "Markets Suspended" && e.detail.reason === "play suspended")!;
    const reviewVersion = review.detail.stateVersion as number;
    assert.equal(engine.filter((e) => e.type === "Prices Published" && e.detail.stateVersion === reviewVersion).length, 0, "nothing priced while play is suspended");
    assert.ok(engine.some((e) => e.type === "Prices Published" && e.detail.stateVersion === reviewVersion + 1), "priced again when play resumes");
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
