import { afterAll, beforeAll, describe, test } from "vitest";
import assert from "node:assert/strict";
import type { FeedEvent } from "@pricing/core/match/events";
import { recentPriceSets } from "@pricing/core/store/price-set";
import { matchFeed } from "../support/match-feed";
import { history, lifecycleArn, lifecycleStatus, postFeed, runUntil, startE2e, statesEntered, type E2e } from "./harness";

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
  // The price history is read back through the app's own store, over the local endpoint.
  process.env.TABLE_NAME = e2e.cloud.dynamodb.tableName;
});
afterAll(() => e2e?.stop());

const ended = (matchId: string) => async () => ["SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"].includes((await lifecycleStatus(e2e, matchId)) ?? "");

/** Home win probability of the newest priced match-result set at or after `stateVersion`. */
async function homeWin(matchId: string, stateVersion: number): Promise<number | undefined> {
  const sets = await recentPriceSets(matchId, 8);
  const set = sets.find((s) => s.group === "match-result" && s.status === "priced" && s.stateVersion >= stateVersion);
  const market = (set?.markets as Array<{ key: string; selections: Array<{ key: string; probability: number }> }> | undefined)?.find((m) => m.key === "1x2");
  return market?.selections.find((s) => s.key === "home")?.probability;
}

describe("a whole match on the local cloud", () => {
  test("Match Scheduled to Markets Settled: the Lifecycle execution visits every epoch and settles", async () => {
    const matchId = "e2e-whole-match";
    const feed = matchFeed(matchId, [
      { kind: "goal", team: "home", minute: 23 },
      { kind: "card", team: "away", colour: "red", minute: 60 },
      { kind: "goal", team: "away", minute: 71 },
      { kind: "goal", team: "home", minute: 88 },
    ]);
    const before = e2e.cloud.usage();
    await postFeed(e2e, feed);
    await runUntil(e2e, ended(matchId), "the Lifecycle execution's end");
    const usage = e2e.cloud.usage();

    assert.equal(await lifecycleStatus(e2e, matchId), "SUCCEEDED");
    const events = await history(e2e, lifecycleArn(e2e, matchId));
    assert.deepEqual(statesEntered(events), [
      "Register", "PricePreEvent", "AwaitKickoff", "KickedOff?", "ClockRuns?", "InPlay", "AwaitFinalWhistle", "FinalWhistle?", "AwaitResult", "Result?", "Settle", "Settled",
    ]);
    assert.equal(events[0].type, "ExecutionStarted");
    assert.equal(events.at(-1)!.type, "ExecutionSucceeded");
    assert.deepEqual(events.map((e) => e.id), events.map((_, i) => i + 1), "history events are numbered 1..n");
    assert.equal(events.filter((e) => e.type === "TaskSubmitted").length, 3, "three Await tasks parked a token");
    // What the cost projection counts: a STANDARD transition per state entered, capacity for every write.
    assert.equal(usage.stepFunctions.standardTransitions - before.stepFunctions.standardTransitions, statesEntered(events).length);
    assert.equal(usage.eventBridge.eventsPut - before.eventBridge.eventsPut >= feed.length, true);
    assert.ok(usage.dynamodb.writeUnits - before.dynamodb.writeUnits >= usage.dynamodb.writeRequests - before.dynamodb.writeRequests);
    assert.ok(usage.lambda.total.invocations > before.lambda.total.invocations);

    const settled = (await e2e.engineEvents()).filter((e) => e.type === "Markets Settled" && e.detail.matchId === matchId);
    assert.equal(settled.length, 1);
    assert.equal(settled[0].detail.void, false);
    assert.equal(settled[0].detail.sport, "football");
    assert.equal(settled[0].detail.result, "2-1 (HT 1-0)");
    assert.ok(settled[0].detail.selections > 0, "offered selections were settled");
  });

  test("prices move after a goal, and the markets were suspended in between", async () => {
    const matchId = "e2e-goal-moves-prices";
    const feed = matchFeed(matchId, [{ kind: "goal", team: "home", minute: 30 }]);
    const [scheduled, started, goal] = feed;
    assert.equal(goal.type, "Goal Scored");

    await postFeed(e2e, [scheduled, started]);
    await runUntil(e2e, async () => (await homeWin(matchId, 2)) !== undefined, "in-play prices after kick-off");
    const before = (await homeWin(matchId, 2))!;

    await postFeed(e2e, [goal]);
    await runUntil(e2e, async () => (await homeWin(matchId, 3)) !== undefined, "prices after the goal");
    const afterGoal = (await homeWin(matchId, 3))!;
    assert.ok(afterGoal > before + 0.1, `a home goal at 30' lifts the home win probability (${before} -> ${afterGoal})`);

    const mine = (await e2e.engineEvents()).filter((e) => e.detail.matchId === matchId);
    const suspended = mine.findIndex((e) => e.type === "Markets Suspended" && e.detail.reason === "goal" && e.detail.stateVersion === 3);
    const republished = mine.findIndex((e) => e.type === "Prices Published" && e.detail.stateVersion === 3);
    const lastBefore = mine.findLastIndex((e) => e.type === "Prices Published" && e.detail.stateVersion < 3);
    assert.ok(suspended >= 0, "the goal suspended the markets");
    assert.ok(lastBefore < suspended && suspended < republished, "suspension falls between the old prices and the new");
    assert.equal(mine[suspended].detail.groups.length, mine[republished].detail.groups.length, "every group suspended, every group repriced");
  });

  test("an abandoned match ends in Void", async () => {
    const matchId = "e2e-abandoned";
    const [scheduled, started] = matchFeed(matchId, []);
    const abandoned: FeedEvent = { type: "Match Abandoned", eventId: `${matchId}-3`, matchId, seq: 3, occurredAt: "2024-08-17T14:40:00.000Z", reason: "waterlogged pitch", minute: 40 };
    await postFeed(e2e, [scheduled, started, abandoned]);
    await runUntil(e2e, ended(matchId), "the Lifecycle execution's end");

    assert.equal(await lifecycleStatus(e2e, matchId), "SUCCEEDED");
    const entered = statesEntered(await history(e2e, lifecycleArn(e2e, matchId)));
    // Abandoned before or after the kick-off signal reached the execution: either Choice leads to Void.
    assert.deepEqual(entered.slice(-2), ["Void", "Voided"]);
    assert.match(entered.at(-3)!, /^(KickedOff|FinalWhistle)\?$/);
    assert.ok(!entered.includes("Settle"));
    const mine = (await e2e.engineEvents()).filter((e) => e.detail.matchId === matchId);
    assert.ok(mine.some((e) => e.type === "Markets Suspended" && e.detail.reason === "abandoned"));
    const settled = mine.filter((e) => e.type === "Markets Settled");
    assert.equal(settled.length, 1);
    assert.equal(settled[0].detail.void, true);
  });
});
