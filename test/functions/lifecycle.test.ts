import { StartExecutionCommand } from "@aws-sdk/client-sfn";
import { SendMessageBatchCommand } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, beforeEach, describe, test } from "vitest";
import assert from "node:assert/strict";
import { handler as awaitEpoch } from "@pricing/functions/sfn/await-epoch";
import { handler as register } from "@pricing/functions/sfn/register-match";
import { handler as startTicker } from "@pricing/functions/sfn/start-ticker";
import { handler as tick } from "@pricing/functions/clock/tick";
import { handler as settle } from "@pricing/functions/sfn/settle-match";
import { handler as voidMatch } from "@pricing/functions/sfn/void-match";
import { handler as ingest } from "@pricing/functions/events/ingest";
import { Epoch } from "@pricing/core/match/epoch";
import { delayUntil, firstTickDelaySeconds, nextDueAt } from "@pricing/core/bus/clock";
import { Tick } from "@pricing/core/bus/tick";
import { loadPricingJob } from "@pricing/core/match/flows/load";
import { PRICE_JOBS_PER_EXECUTION, TICK_SECONDS } from "@pricing/core/policy";
import { joinsJobs, startPriceMatchJobs } from "@pricing/core/bus/workflow";
import { getMatch } from "@pricing/core/store/match";
import { settlementEntity } from "@pricing/core/store/settlement";
import { engineTable } from "@pricing/core/store/table";
import { matchFeed } from "../support/match-feed";
import { lambdaContext, sqsEvent, sqsRecord, startAws } from "../support/aws";

let aws: Awaited<ReturnType<typeof startAws>>;
beforeAll(async () => { aws = await startAws(); });
afterAll(async () => { await aws.stop(); });
beforeEach(() => { aws.calls.length = 0; });

let n = 0;
const newFeed = () => matchFeed(`life-${++n}`, [{ kind: "goal", team: "home", minute: 30 }, { kind: "goal", team: "home", minute: 80 }]);
const feedIn = (events: ReturnType<typeof newFeed>) => ingest(sqsEvent(events.map(sqsRecord)), lambdaContext);
/** The ticks sent so far, with their delays: the first of a chain by SendMessage (StartTicker), the rest in the tick handler's batches. */
const sentTicks = (): Array<{ tick: { matchId: string; tickerId: string; tickSeq: number; dueAt?: number }; delaySeconds: number }> => aws.calls.flatMap((c) =>
  c.service === "sqs:SendMessage" ? [{ tick: JSON.parse(c.input.MessageBody), delaySeconds: c.input.DelaySeconds }]
    : c.service === "sqs:SendMessageBatch" ? c.input.Entries.map((e: { MessageBody: string; DelaySeconds: number }) => ({ tick: JSON.parse(e.MessageBody), delaySeconds: e.DelaySeconds }))
      : []);
const taskSuccesses = () => aws.calls.filter((c) => c.service === "sfn:SendTaskSuccess").map((c) => ({ token: c.input.taskToken, output: JSON.parse(c.input.output) }));

describe("lifecycle handlers and the callback race", () => {
  test("Register ties the execution to the match", async () => {
    const feed = newFeed();
    await feedIn(feed.slice(0, 1));
    const signal = await register({ matchId: feed[0].matchId, executionArn: "arn:exec:1" });
    assert.equal(signal.epoch, Epoch.Scheduled);
    const match = await getMatch(feed[0].matchId);
    assert.equal(match?.executionArn, "arn:exec:1");
    assert.equal(match?.status, Epoch.Scheduled);
  });

  test("token parked first: the kick-off event resumes the waiting task", async () => {
    const feed = newFeed();
    await feedIn(feed.slice(0, 1));
    const parked = await awaitEpoch({ matchId: feed[0].matchId, awaiting: Epoch.InPlay, taskToken: "token-kickoff" });
    assert.equal(parked.completed, false);
    assert.deepEqual(taskSuccesses(), []);
    await feedIn(feed.slice(1, 2));
    assert.deepEqual(taskSuccesses(), [{ token: "token-kickoff", output: { matchId: feed[0].matchId, epoch: Epoch.InPlay } }]);
    assert.equal((await getMatch(feed[0].matchId))?.taskToken, undefined);
  });

  test("event first: the task that parks its token sees the moved epoch and completes at once", async () => {
    const feed = newFeed();
    await feedIn(feed.slice(0, 2));
    assert.deepEqual(taskSuccesses(), []);
    const parked = await awaitEpoch({ matchId: feed[0].matchId, awaiting: Epoch.InPlay, taskToken: "token-late" });
    assert.equal(parked.completed, true);
    assert.deepEqual(taskSuccesses(), [{ token: "token-late", output: { matchId: feed[0].matchId, epoch: Epoch.InPlay } }]);
  });

  test("abandonment wakes any waiting task with ABANDONED", async () => {
    const feed = newFeed();
    await feedIn(feed.slice(0, 2));
    await awaitEpoch({ matchId: feed[0].matchId, awaiting: Epoch.FullTime, taskToken: "token-ft" });
    await feedIn([{ type: "Match Abandoned", eventId: "ab", matchId: feed[0].matchId, seq: 3, occurredAt: "2024-08-17T14:20:00Z", reason: "waterlogged pitch" }]);
    assert.deepEqual(taskSuccesses().map((t) => t.output.epoch), [Epoch.Abandoned]);
    const report = await voidMatch({ matchId: feed[0].matchId });
    assert.equal(report.void, true);
    const settled = aws.engineEvents().find((e) => e.type === "Markets Settled");
    assert.equal(settled?.detail.void, true);
    const rows = await engineTable().entity(settlementEntity).query.byMarket({ matchId: feed[0].matchId }).go({ pages: "all" });
    assert.ok(rows.data.length > 0);
    assert.ok(rows.data.every((r) => r.void && (r.selections as Array<{ outcome: string }>).every((s) => s.outcome === "void")));
  });

  test("an abandoned match after a completed first half: its half-time markets, passed overs and scored goals stand, the rest is void", async () => {
    const feed = newFeed();
    // Kick-off, a home goal at 30', half time 1-0, the second half under way; then abandoned.
    await feedIn(feed.slice(0, 5));
    await feedIn([{ type: "Match Abandoned", eventId: "ab-2h", matchId: feed[0].matchId, seq: 6, occurredAt: "2024-08-17T15:20:00Z", reason: "floodlight failure" }]);
    const report = await voidMatch({ matchId: feed[0].matchId });
    assert.equal(report.void, true);
    const rows = await engineTable().entity(settlementEntity).query.byMarket({ matchId: feed[0].matchId }).go({ pages: "all" });
    const outcomes = (market: string) => {
      const row = rows.data.find((r) => r.market === market);
      assert.ok(row, `settlement of ${market}`);
      return Object.fromEntries((row.selections as Array<{ key: string; outcome: string }>).map((s) => [s.key, s.outcome]));
    };
    assert.deepEqual(outcomes("ht-1x2|-|-"), { home: "won", draw: "lost", away: "lost" });
    assert.deepEqual(outcomes("total-goals|0.5|-"), { over: "won", under: "lost" });
    assert.deepEqual(outcomes("total-goals|1.5|-"), { over: "void", under: "void" });
    assert.deepEqual(outcomes("next-goal|-|1"), { home: "won", none: "lost", away: "lost" });
    assert.equal(outcomes("1x2|-|-").home, "void");
    assert.equal(rows.data.find((r) => r.market === "1x2|-|-")?.void, true);
    assert.equal(rows.data.find((r) => r.market === "ht-1x2|-|-")?.void, false);
  });

  test("one clock chain per match: copies of a link end at the next one, and a redelivery resends a lost tick", async () => {
    const feed = newFeed();
    await feedIn(feed.slice(0, 2));
    const matchId = feed[0].matchId;
    // The links sent, without when each is due (checked on its own).
    const sends = () => sentTicks().map(({ tick: { dueAt: _, ...link } }) => link);
    const startedAt = Date.now();
    assert.deepEqual(await startTicker({ matchId, tickerId: "exec-1" }), { started: true });
    // A retried start (its send may have failed) resends the first tick; another chain's start would not.
    assert.deepEqual(await startTicker({ matchId, tickerId: "exec-1" }), { started: true });
    assert.deepEqual(sends(), [{ matchId, tickerId: "exec-1", tickSeq: 1 }, { matchId, tickerId: "exec-1", tickSeq: 1 }]);
    const firstDelay = sentTicks()[0].delaySeconds;
    assert.equal(firstDelay, firstTickDelaySeconds(matchId, TICK_SECONDS), "the first tick at the match's phase");
    const firstDue = sentTicks()[0].tick.dueAt!;
    assert.ok(firstDue >= startedAt + firstDelay * 1000 && firstDue <= Date.now() + firstDelay * 1000, "due when it is delivered");
    const first = JSON.stringify(sentTicks()[0].tick);
    aws.calls.length = 0;
    // Two copies of link 1 (two SQS messages): only one moves the chain on.
    const out = await tick(sqsEvent([sqsRecord(first), sqsRecord(first)]), lambdaContext);
    assert.deepEqual(out.batchItemFailures, []);
    assert.deepEqual(sends(), [{ matchId, tickerId: "exec-1", tickSeq: 2 }]);
    // Run ahead of time here (the test does not wait for the delivery): the next is due a whole interval after this one was, and held until then.
    assert.equal(sentTicks()[0].tick.dueAt, firstDue + TICK_SECONDS * 1000, "later ticks a whole interval apart");
    assert.ok(Math.abs(sentTicks()[0].delaySeconds - (firstDue + TICK_SECONDS * 1000 - Date.now()) / 1000) <= 1);
    const starts = aws.calls.filter((c) => c.service === "sfn:StartExecution");
    assert.equal(starts.length, 1);
    // The repricing carries the job of the state the tick read (PriceMatch's jobs path,
    // here of one match): the execution does not read it again.
    const { reason, sport, jobs } = JSON.parse(starts[0].input.input);
    assert.equal(reason, "clock");
    assert.equal(sport, "football");
    assert.equal(jobs.length, 1);
    const { sport: _, priceable, batches, ...loaded } = await loadPricingJob({ matchId, asOf: jobs[0].asOf });
    assert.deepEqual([priceable, batches.length], [true, 1]);
    assert.deepEqual(jobs[0], loaded);
    assert.equal(jobs[0].stateVersion, 2);

    // Link 2's send fails after its claim; the redelivered message (same id) sends link 3.
    const second = sqsRecord(JSON.stringify(sends()[0]));
    aws.calls.length = 0;
    let failNext = true;
    aws.mocks.sqs.on(SendMessageBatchCommand).callsFake((input) => {
      if (failNext) { failNext = false; throw new Error("SQS unavailable"); }
      aws.calls.push({ service: "sqs:SendMessageBatch", input });
      return { Successful: input.Entries.map((e: { Id: string }) => ({ Id: e.Id, MessageId: "m", MD5OfMessageBody: "" })), Failed: [] };
    });
    await assert.rejects(tick(sqsEvent([second]), lambdaContext), { name: "FullBatchFailureError" });
    assert.deepEqual(sends(), []);
    await tick(sqsEvent([second]), lambdaContext);
    assert.deepEqual(sends(), [{ matchId, tickerId: "exec-1", tickSeq: 3 }]);
  });

  test("a batch of ticks sends its next ticks in one call; an entry SQS refuses fails its record alone, and its redelivery sends it", async () => {
    const feeds = [newFeed(), newFeed(), newFeed()];
    for (const feed of feeds) await feedIn(feed.slice(0, 2));
    const ids = feeds.map((feed) => feed[0].matchId);
    aws.calls.length = 0;
    for (const matchId of ids) await startTicker({ matchId, tickerId: "exec-1" });
    const firsts = sentTicks().map((t) => sqsRecord(JSON.stringify(t.tick)));
    assert.equal(firsts.length, 3);
    aws.calls.length = 0;
    // SQS refuses the second entry of the next call.
    let refuse = true;
    aws.mocks.sqs.on(SendMessageBatchCommand).callsFake((input) => {
      aws.calls.push({ service: "sqs:SendMessageBatch", input });
      const failed = refuse ? [input.Entries[1]] : [];
      refuse = false;
      return {
        Successful: input.Entries.filter((e: { Id: string }) => !failed.includes(e)).map((e: { Id: string }) => ({ Id: e.Id, MessageId: "m", MD5OfMessageBody: "" })),
        Failed: failed.map((e: { Id: string }) => ({ Id: e.Id, Code: "InternalError", SenderFault: false })),
      };
    });
    const out = await tick(sqsEvent(firsts), lambdaContext);
    const batches = aws.calls.filter((c) => c.service === "sqs:SendMessageBatch");
    assert.equal(batches.length, 1, "one call for the batch's next ticks");
    assert.deepEqual(batches[0].input.Entries.map((e: { MessageBody: string }) => JSON.parse(e.MessageBody).matchId).sort(), [...ids].sort());
    // Each held until it is due: a whole interval after its link was due (the links run here ahead of time).
    const dueOf = new Map(firsts.map((r) => [JSON.parse(r.body).matchId, JSON.parse(r.body).dueAt]));
    for (const e of batches[0].input.Entries as Array<{ MessageBody: string; DelaySeconds: number }>) {
      const next = JSON.parse(e.MessageBody);
      assert.equal(next.dueAt, dueOf.get(next.matchId) + TICK_SECONDS * 1000);
      assert.ok(Math.abs(e.DelaySeconds - (next.dueAt - Date.now()) / 1000) <= 1, `${e.DelaySeconds} s`);
    }
    assert.equal(aws.calls.filter((c) => c.service === "sqs:SendMessage").length, 0);
    const starts = aws.calls.filter((c) => c.service === "sfn:StartExecution");
    assert.equal(starts.length, 1, "the batch's repricings in one execution");
    assert.deepEqual(JSON.parse(starts[0].input.input).jobs.map((j: { matchId: string }) => j.matchId).sort(), [...ids].sort(), "every match repriced");
    const refused = JSON.parse(batches[0].input.Entries[1].MessageBody);
    const refusedRecord = firsts.find((r) => JSON.parse(r.body).matchId === refused.matchId)!;
    assert.deepEqual(out.batchItemFailures, [{ itemIdentifier: refusedRecord.messageId }]);
    aws.calls.length = 0;
    const again = await tick(sqsEvent([refusedRecord]), lambdaContext);
    assert.deepEqual(again.batchItemFailures, []);
    assert.deepEqual(sentTicks().map((t) => t.tick), [{ matchId: refused.matchId, tickerId: "exec-1", tickSeq: 2, dueAt: refused.dueAt }]);

    // Link 2 of every match: the batch's repricing does not start. Its records fail (the
    // next ticks went ahead), and their redelivery reprices them, claiming the same links.
    let failedOnce = false;
    aws.calls.length = 0;
    const links = ids.map((matchId) => sqsRecord(JSON.stringify({ matchId, tickerId: "exec-1", tickSeq: 2 })));
    const jobsOf = () => aws.calls.filter((c) => c.service === "sfn:StartExecution").flatMap((c) => JSON.parse(c.input.input).jobs.map((j: { matchId: string }) => j.matchId)).sort();
    aws.mocks.sfn.on(StartExecutionCommand).callsFake((input) => {
      if (!failedOnce) { failedOnce = true; throw new Error("Step Functions unavailable"); }
      aws.calls.push({ service: "sfn:StartExecution", input });
      return { executionArn: `${input.stateMachineArn}:x`, startDate: new Date() };
    });
    await assert.rejects(tick(sqsEvent(links), lambdaContext), { name: "FullBatchFailureError" });
    assert.deepEqual(jobsOf(), []);
    assert.deepEqual(sentTicks().map((t) => t.tick.matchId).sort(), [...ids].sort(), "every next tick sent");
    aws.calls.length = 0;
    assert.deepEqual((await tick(sqsEvent(links), lambdaContext)).batchItemFailures, []);
    assert.deepEqual(jobsOf(), [...ids].sort());
  });

  test("PriceMatch's jobs path takes priceable jobs of one sport, each priced in one model invocation, ten at most; anything else starts nothing", async () => {
    const feed = newFeed();
    await feedIn(feed.slice(0, 2));
    const job = await loadPricingJob({ matchId: feed[0].matchId, asOf: new Date().toISOString() });
    aws.calls.length = 0;
    assert.equal(joinsJobs(job), true);
    // Groups cut into two invocations (a sport's groupsPerInvocation), or nothing to price: the job runs on its own.
    assert.equal(joinsJobs({ ...job, batches: [job.groups.slice(0, 5), job.groups.slice(5)] }), false);
    assert.equal(joinsJobs({ ...job, priceable: false }), false);
    await assert.rejects(startPriceMatchJobs([job, { ...job, sport: "tennis" }], "clock"), { name: "InputError" });
    await assert.rejects(startPriceMatchJobs([], "clock"), { name: "InputError" });
    await assert.rejects(startPriceMatchJobs(Array.from({ length: PRICE_JOBS_PER_EXECUTION + 1 }, () => job), "clock"), { name: "InputError" });
    await assert.rejects(startPriceMatchJobs([{ ...job, priceable: false }], "clock"), { name: "InputError" });
    assert.equal(aws.calls.filter((c) => c.service === "sfn:StartExecution").length, 0);
    await startPriceMatchJobs(Array.from({ length: PRICE_JOBS_PER_EXECUTION }, () => job), "clock");
    const [start] = aws.calls.filter((c) => c.service === "sfn:StartExecution");
    assert.equal(JSON.parse(start.input.input).jobs.length, PRICE_JOBS_PER_EXECUTION);
  });

  test("Settle settles every offered selection from the confirmed result", async () => {
    const feed = newFeed();
    await feedIn(feed);
    const report = await settle({ matchId: feed[0].matchId });
    assert.equal(report.void, false);
    assert.equal(report.autoConfirmed, false);
    const event = aws.engineEvents().find((e) => e.type === "Markets Settled");
    assert.equal(event?.detail.sport, "football");
    assert.equal(event?.detail.result, "2-0 (HT 1-0)");
    assert.equal(event?.detail.selections, report.selections);
    const rows = await engineTable().entity(settlementEntity).query.byMarket({ matchId: feed[0].matchId }).go({ pages: "all" });
    assert.equal(rows.data.length, report.markets);
    const matchResult = rows.data.find((r) => r.market === "1x2|-|-");
    assert.deepEqual(matchResult?.selections, [{ key: "home", outcome: "won" }, { key: "draw", outcome: "lost" }, { key: "away", outcome: "lost" }]);
    assert.equal((await getMatch(feed[0].matchId))?.status, Epoch.Settled);
  });

  test("a chain keeps its interval and phase: a tick run late is followed on time, one run after a backlog skips the ticks it missed", () => {
    const due = Date.parse("2024-08-17T14:00:03Z");
    // Run 1.4 s late (its delivery and a batching window): the next is still due 10 s after this one was.
    assert.equal(nextDueAt(due, due + 1_400, 10), due + 10_000);
    assert.equal(delayUntil(nextDueAt(due, due + 1_400, 10), due + 1_400), 9);
    // Run 25 s late: the ticks due at +10 s and +20 s are gone; the next falls at +30 s, on the phase.
    assert.equal(nextDueAt(due, due + 25_000, 10), due + 30_000);
    assert.equal(nextDueAt(due, due + 20_000, 10), due + 30_000, "not a tick due at the very moment it runs");
    // A tick sent without a due time is followed a whole interval after it ran.
    assert.equal(nextDueAt(undefined, due, 10), due + 10_000);
    assert.equal(delayUntil(due - 5_000, due), 0, "never a negative delay");
    // Whole ms, as a tick's schema takes them, from a clock that runs at a speed (fractions of a ms).
    assert.ok(Tick.safeParse({ matchId: "m-1", tickerId: "t", tickSeq: 2, dueAt: nextDueAt(undefined, due + 0.37, 10) }).success);
    assert.equal(Tick.safeParse({ matchId: "m-1", tickerId: "t", tickSeq: 2, dueAt: due + 0.37 }).success, false);
  });

  test("matches that kick off together tick in phases spread over the interval", () => {
    const delays = Array.from({ length: 500 }, (_, i) => firstTickDelaySeconds(`epl-2024-r${i}`, 10));
    assert.ok(delays.every((d) => Number.isInteger(d) && d >= 1 && d <= 10));
    const perSecond = Array.from({ length: 10 }, (_, k) => delays.filter((d) => d === k + 1).length);
    // 50 a second if even; a hash of the match id lands within a few dozen of that.
    assert.ok(Math.min(...perSecond) >= 25 && Math.max(...perSecond) <= 80, perSecond.join(","));
    assert.equal(firstTickDelaySeconds("epl-2024-r7", 10), delays[7], "the same match, the same phase");
    assert.equal(firstTickDelaySeconds("any", 1), 1);
  });
});
