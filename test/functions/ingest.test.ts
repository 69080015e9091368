import { afterAll, beforeAll, beforeEach, describe, test } from "vitest";
import assert from "node:assert/strict";
import { handler as ingest } from "@pricing/functions/events/ingest";
import { ingestMessage } from "@pricing/core/match/flows/ingest";
import { Epoch } from "@pricing/core/match/epoch";
import { loadState } from "@pricing/core/store/match-state";
import { eventLogEntity } from "@pricing/core/store/event-log";
import { rejectedEventEntity } from "@pricing/core/store/rejected-event";
import { engineTable } from "@pricing/core/store/table";
import { resetConfig } from "@pricing/core/config";
import { matchFeed } from "../support/match-feed";
import { PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { StartExecutionCommand } from "@aws-sdk/client-sfn";
import { eventBridgeBody, lambdaContext, LIFECYCLE_ARN, PRICE_MATCH_ARN, sqsEvent, sqsRecord, startAws } from "../support/aws";
import { footballOf } from "@pricing/core/sports/football/state";

let aws: Awaited<ReturnType<typeof startAws>>;
beforeAll(async () => { aws = await startAws(); });
afterAll(async () => { await aws.stop(); });
beforeEach(() => { aws.calls.length = 0; });

let matchCount = 0;
const newFeed = () => matchFeed(`match-${++matchCount}`, [
  { kind: "goal", team: "home", minute: 20 },
  { kind: "card", team: "away", colour: "red", minute: 60 },
  { kind: "goal", team: "away", minute: 70 },
]);
const run = (events: Parameters<typeof sqsRecord>[0][]) => ingest(sqsEvent(events.map(sqsRecord)), lambdaContext);
const logOf = async (matchId: string) => (await engineTable().entity(eventLogEntity).query.bySeq({ matchId }).go()).data.map((e) => e.seq);

describe("ingest handler", () => {
  test("a whole match in order: every event applied and logged, the Lifecycle started once and signalled", async () => {
    const feed = newFeed();
    const result = await run(feed);
    assert.deepEqual(result.batchItemFailures, []);
    const state = await loadState(feed[0].matchId);
    assert.equal(state.epoch, Epoch.Confirmed);
    assert.deepEqual(footballOf(state).score, { home: 1, away: 1 });
    assert.equal(state.version, feed.length);
    assert.deepEqual(await logOf(feed[0].matchId), feed.map((e) => e.seq));
    const lifecycleStarts = aws.calls.filter((c) => c.service === "sfn:StartExecution" && c.input.stateMachineArn === LIFECYCLE_ARN);
    assert.deepEqual(lifecycleStarts.map((c) => c.input.name), [feed[0].matchId]);
  });

  test("on a goal, Markets Suspended goes on the bus before the repricing starts", async () => {
    const feed = newFeed();
    const goal = feed.findIndex((e) => e.type === "Goal Scored");
    await run(feed.slice(0, goal));
    aws.calls.length = 0;
    await run([feed[goal]]);
    const order = aws.calls.map((c) => (c.service === "events:PutEvents" ? c.input.Entries[0].DetailType : c.input.stateMachineArn === PRICE_MATCH_ARN ? "PriceMatch" : c.service));
    assert.deepEqual(order, ["Markets Suspended", "PriceMatch"]);
    assert.equal(JSON.parse(aws.calls[0].input.Entries[0].Detail).reason, "goal");
  });

  test("a duplicate and a stale event are no-ops", async () => {
    const feed = newFeed();
    await run(feed.slice(0, 3));
    const before = await loadState(feed[0].matchId);
    aws.calls.length = 0;
    await run([feed[2], { ...feed[1], eventId: "a-different-event" }]);
    const after = await loadState(feed[0].matchId);
    assert.equal(after.version, before.version);
    assert.deepEqual(after, before);
    assert.equal(aws.calls.filter((c) => c.service === "sfn:StartExecution").length, 0);
  });

  test("an early event is parked in the state item and applied when the gap fills", async () => {
    const feed = newFeed();
    await run(feed.slice(0, 2));
    await run([feed[3]]);
    const parked = await loadState(feed[0].matchId);
    assert.equal(parked.lastSeq, 2);
    assert.deepEqual(parked.parked.map((e) => e.seq), [4]);
    assert.deepEqual(await logOf(feed[0].matchId), [1, 2]);
    await run([feed[2]]);
    const filled = await loadState(feed[0].matchId);
    assert.equal(filled.lastSeq, 4);
    assert.deepEqual(filled.parked, []);
    assert.deepEqual(await logOf(feed[0].matchId), [1, 2, 3, 4]);
  });

  test("a gap open past its bound is skipped and reported", async () => {
    const feed = newFeed();
    process.env.GAP_BOUND_SECONDS = "30";
    resetConfig();
    const t0 = Date.parse(feed[2].occurredAt);
    for (const e of feed.slice(0, 2)) await ingestMessage(eventBridgeBody(e), new Date(t0));
    const parked = await ingestMessage(eventBridgeBody(feed[4]), new Date(t0));
    assert.equal(parked.outcome, "parked");
    const late = await ingestMessage(eventBridgeBody(feed[5]), new Date(t0 + 31_000));
    if (late.outcome === "rejected") return assert.fail(late.reason);
    assert.deepEqual(late.skipped, [{ from: 3, to: 4 }]);
    assert.deepEqual(late.applied, [5, 6]);
    assert.deepEqual(await logOf(feed[0].matchId), [1, 2, 5, 6]);
  });

  test("parking an event sends one delayed gap check; the check skips the gap once the bound has passed, with no further event", async () => {
    const feed = newFeed();
    process.env.GAP_BOUND_SECONDS = "30";
    resetConfig();
    const t0 = Date.parse(feed[2].occurredAt);
    for (const e of feed.slice(0, 2)) await ingestMessage(eventBridgeBody(e), new Date(t0));
    assert.equal(aws.calls.filter((c) => c.service === "sqs:SendMessage").length, 0, "no gap, no check");
    await ingestMessage(eventBridgeBody(feed[4]), new Date(t0));
    await ingestMessage(eventBridgeBody(feed[5]), new Date(t0 + 1000));
    const checks = aws.calls.filter((c) => c.service === "sqs:SendMessage");
    assert.equal(checks.length, 1, "one check for the gap, not one per parked event");
    assert.equal(checks[0].input.QueueUrl, process.env.FEED_QUEUE_URL);
    assert.equal(checks[0].input.DelaySeconds, 31);
    const body = checks[0].input.MessageBody as string;

    const early = await ingestMessage(body, new Date(t0 + 10_000));
    assert.equal(early.outcome, "gapChecked");
    assert.equal((await loadState(feed[0].matchId)).lastSeq, 2, "a check before the bound changes nothing");
    const due = await ingestMessage(body, new Date(t0 + 31_000));
    if (due.outcome !== "gapChecked") return assert.fail(due.outcome);
    assert.deepEqual([due.skipped, due.applied], [[{ from: 3, to: 4 }], [5, 6]]);
    assert.deepEqual(await logOf(feed[0].matchId), [1, 2, 5, 6]);
    const again = await ingestMessage(body, new Date(t0 + 32_000));
    assert.equal(again.outcome === "gapChecked" && again.applied.length, 0, "a repeated check is a no-op");
  });

  test("events of a match never scheduled are refused by the gap check, with no further event of the match", async () => {
    const feed = newFeed();
    const t0 = Date.parse(feed[1].occurredAt);
    const parked = await ingestMessage(eventBridgeBody(feed[1]), new Date(t0));
    assert.equal(parked.outcome, "parked");
    const check = aws.calls.find((c) => c.service === "sqs:SendMessage");
    assert.ok(check, "a gap check was sent");
    const checked = await ingestMessage(check.input.MessageBody, new Date(t0 + 31_000));
    if (checked.outcome !== "gapChecked") return assert.fail(checked.outcome);
    assert.deepEqual(checked.refused, [2]);
    const rejected = aws.engineEvents().filter((e) => e.type === "Event Rejected");
    assert.equal(rejected.length, 1);
    assert.match(rejected[0].detail.reason, /never scheduled/);
    assert.deepEqual((await loadState(feed[0].matchId)).parked, []);
  });

  test("a gap check naming no valid match is a malformed message, rejected with its reason", async () => {
    const report = await ingestMessage('{"gapCheck":{"matchId":"no spaces allowed"}}');
    assert.equal(report.outcome, "rejected");
  });

  test("two writers racing on one match: one loses the version check, re-reads and re-applies", async () => {
    const feed = newFeed();
    await run(feed.slice(0, 2));
    // Hold both writers' state reads until both have read, so both start from the same version.
    let waiting: Array<() => void> = [];
    const barrier = (next: any) => async (args: any) => {
      const isStateRead = args.input?.Key?.pk?.S?.includes(feed[0].matchId) && args.input?.ConsistentRead && waiting !== null;
      const result = await next(args);
      if (isStateRead && waiting) {
        await new Promise<void>((resolve) => { waiting.push(resolve); if (waiting.length === 2) { waiting.forEach((r) => r()); (waiting as any) = null; } });
      }
      return result;
    };
    engineTable().dynamodb.middlewareStack.add(barrier, { step: "initialize", name: "raceBarrier" });
    try {
      const [a, b] = await Promise.all([ingestMessage(eventBridgeBody(feed[2])), ingestMessage(eventBridgeBody(feed[3]))]);
      const attempts = [a, b].map((r) => (r.outcome === "rejected" ? 0 : r.attempts)).sort();
      assert.deepEqual(attempts, [1, 2]);
    } finally {
      engineTable().dynamodb.middlewareStack.remove("raceBarrier");
    }
    const state = await loadState(feed[0].matchId);
    assert.equal(state.lastSeq, 4);
    assert.equal(state.version, 4);
    assert.deepEqual(state.parked, []);
    assert.deepEqual(await logOf(feed[0].matchId), [1, 2, 3, 4]);
  });

  test("a writer that dies after storing a goal: the redelivery suspends and reprices, and the outbox empties", async () => {
    const feed = newFeed();
    const goal = feed.findIndex((e) => e.type === "Goal Scored");
    await run(feed.slice(0, goal));
    let failNext = true;
    aws.mocks.bus.on(PutEventsCommand).callsFake((input) => {
      if (failNext) { failNext = false; throw new Error("EventBridge unavailable"); }
      aws.calls.push({ service: "events:PutEvents", input });
      return { FailedEntryCount: 0, Entries: input.Entries.map(() => ({ EventId: "e" })) };
    });
    // The only record of the batch fails, so the whole invocation fails and SQS redelivers it.
    await assert.rejects(run([feed[goal]]), { name: "FullBatchFailureError" });
    const stored = await loadState(feed[0].matchId);
    assert.deepEqual(footballOf(stored).score, { home: 1, away: 0 });
    assert.equal(stored.pendingEffects?.effects.suspend, "goal");
    aws.calls.length = 0;
    const redelivered = await run([feed[goal]]);
    assert.deepEqual(redelivered.batchItemFailures, []);
    const order = aws.calls.map((c) => (c.service === "events:PutEvents" ? c.input.Entries[0].DetailType : c.input.stateMachineArn === PRICE_MATCH_ARN ? "PriceMatch" : c.service));
    assert.deepEqual(order, ["Markets Suspended", "PriceMatch"]);
    const settled = await loadState(feed[0].matchId);
    assert.equal(settled.pendingEffects, null);
    assert.equal(settled.version, stored.version);
  });

  test("one batch, two matches: each match's events in order, and one match does not wait behind the other", async () => {
    const a = newFeed();
    const b = newFeed();
    // Match A's first workflow start waits until match B's last event is applied: were
    // the batch applied record by record, B's events (behind A's in the batch) would never come.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const fallback = setTimeout(() => release(), 30_000);
    let bConfirmedFirst = false;
    aws.mocks.sfn.on(StartExecutionCommand).callsFake(async (input) => {
      aws.calls.push({ service: "sfn:StartExecution", input });
      if (input.name === a[0].matchId) await gate;
      return { executionArn: `${input.stateMachineArn}:${input.name ?? "x"}`, startDate: new Date() };
    });
    try {
      const running = run(a.flatMap((event, i) => [event, b[i]]));
      while (!bConfirmedFirst) {
        if ((await loadState(b[0].matchId)).epoch === Epoch.Confirmed) bConfirmedFirst = true;
        else if (await Promise.race([gate.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 20))])) break;
      }
      release();
      const result = await running;
      assert.ok(bConfirmedFirst, "match B was applied whole while match A waited");
      assert.deepEqual(result.batchItemFailures, []);
      for (const feed of [a, b]) {
        const state = await loadState(feed[0].matchId);
        assert.equal(state.epoch, Epoch.Confirmed);
        assert.equal(state.version, feed.length, "every event applied in order, none parked");
        assert.deepEqual(await logOf(feed[0].matchId), feed.map((e) => e.seq));
      }
    } finally {
      clearTimeout(fallback);
      aws.mocks.sfn.on(StartExecutionCommand).callsFake((input) => {
        aws.calls.push({ service: "sfn:StartExecution", input });
        return { executionArn: `${input.stateMachineArn}:${input.name ?? "x"}`, startDate: new Date() };
      });
    }
  });

  test("a malformed event is rejected with its reason, stored, and the rest of the batch goes through", async () => {
    const feed = newFeed();
    const badDetail = JSON.parse(eventBridgeBody(feed[1]));
    badDetail.detail.seq = "two";
    const result = await run([feed[0], "{not json", JSON.stringify(badDetail), feed[1]]);
    assert.deepEqual(result.batchItemFailures, []);
    assert.equal((await loadState(feed[0].matchId)).lastSeq, 2);
    const rejected = aws.engineEvents().filter((e) => e.type === "Event Rejected");
    assert.equal(rejected.length, 2);
    assert.match(rejected[0].detail.reason, /not JSON/);
    assert.match(rejected[1].detail.reason, /invalid "Match Started" detail[\s\S]*seq/);
    assert.equal(rejected[1].detail.matchId, feed[0].matchId);
    const stored = await engineTable().entity(rejectedEventEntity).query.rejectionsByTime({}).go();
    const mine = stored.data.filter((r) => r.matchId === feed[0].matchId);
    assert.equal(mine.length, 1);
    assert.match(mine[0].reason, /seq/);
    assert.equal(mine[0].body, JSON.stringify(badDetail));
  });

  test("a far-ahead seq is rejected with its reason, stored and announced; the real events after it keep applying past the gap bound", async () => {
    const feed = newFeed();
    const t0 = Date.now();
    const at = (seconds: number) => new Date(t0 + seconds * 1000);
    for (const e of feed.slice(0, 3)) await ingestMessage(eventBridgeBody(e), at(0));
    const poison = { ...feed[3], eventId: `${feed[0].matchId}-poison`, seq: 1_000_000 };
    const refused = await ingestMessage(eventBridgeBody(poison), at(1));
    assert.equal(refused.outcome, "rejected");
    if (refused.outcome !== "rejected") return;
    assert.match(refused.reason, /seq 1000000 is more than 32 ahead of match match-\d+'s last applied seq 3/);
    const stored = await engineTable().entity(rejectedEventEntity).get({ rejectionId: refused.rejectionId }).go();
    assert.equal(stored.data?.eventId, poison.eventId);
    assert.equal(stored.data?.matchId, feed[0].matchId);
    const announced = aws.engineEvents().filter((e) => e.type === "Event Rejected" && e.detail.eventId === poison.eventId);
    assert.equal(announced.length, 1);
    // The real events come minutes apart, far past the gap bound: each still applies.
    for (const [i, e] of feed.slice(3).entries()) {
      const report = await ingestMessage(eventBridgeBody(e), at(120 * (i + 1)));
      assert.equal(report.outcome, "applied", `seq ${e.seq}`);
    }
    const state = await loadState(feed[0].matchId);
    assert.equal(state.lastSeq, feed.length);
    assert.equal(state.epoch, Epoch.Confirmed);
    assert.deepEqual(state.parked, []);
    assert.deepEqual(await logOf(feed[0].matchId), feed.map((e) => e.seq));
  });

  test("two match ids differing only by case are two matches, each with its own state and log", async () => {
    const upper = matchFeed("CASE-1", [{ kind: "goal", team: "home", minute: 20 }]);
    const lower = matchFeed("case-1", [{ kind: "goal", team: "away", minute: 30 }, { kind: "goal", team: "away", minute: 80 }]);
    assert.deepEqual((await run(upper)).batchItemFailures, []);
    assert.deepEqual((await run(lower)).batchItemFailures, []);
    const [a, b] = [await loadState("CASE-1"), await loadState("case-1")];
    assert.equal(a.matchId, "CASE-1");
    assert.equal(b.matchId, "case-1");
    assert.deepEqual(footballOf(a).score, { home: 1, away: 0 });
    assert.deepEqual(footballOf(b).score, { home: 0, away: 2 });
    assert.equal(a.version, upper.length);
    assert.equal(b.version, lower.length);
    assert.deepEqual(await logOf("CASE-1"), upper.map((e) => e.seq));
    assert.deepEqual(await logOf("case-1"), lower.map((e) => e.seq));
    const starts = aws.calls.filter((c) => c.service === "sfn:StartExecution" && c.input.stateMachineArn === LIFECYCLE_ARN).map((c) => c.input.name);
    assert.deepEqual(starts, ["CASE-1", "case-1"]);
  });

  test("detail types named after Object's own members are rejected with a reason and stored, not thrown", async () => {
    const feed = newFeed();
    const names = ["constructor", "__proto__", "toString", "hasOwnProperty"];
    const bodies = names.map((name) => JSON.stringify({ ...JSON.parse(eventBridgeBody(feed[0])), "detail-type": name }));
    const result = await run([...bodies, feed[0]]);
    assert.deepEqual(result.batchItemFailures, []);
    const rejected = aws.engineEvents().filter((e) => e.type === "Event Rejected");
    assert.deepEqual(rejected.map((e) => e.detail.detailType), names);
    for (const [i, e] of rejected.entries()) assert.match(e.detail.reason, new RegExp(`unknown detail-type "${names[i]}"`));
    const stored = await engineTable().entity(rejectedEventEntity).query.rejectionsByTime({}).go();
    assert.deepEqual(stored.data.filter((r) => r.matchId === feed[0].matchId).map((r) => r.detailType).sort(), [...names].sort());
    assert.equal((await loadState(feed[0].matchId)).lastSeq, 1);
  });
});
