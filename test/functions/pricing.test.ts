import { afterAll, beforeAll, beforeEach, describe, test } from "vitest";
import assert from "node:assert/strict";
import { handler as loadState } from "@pricing/functions/sfn/load-state";
import { handler as priceGroups } from "@pricing/core/sports/football/model";
import type { MatchSituation } from "@pricing/core/sports/football/models/situation";
import { handler as modelFailed } from "@pricing/functions/sfn/model-failed";
import { handler as publish } from "@pricing/functions/sfn/publish-prices";
import { handler as ingest } from "@pricing/functions/events/ingest";
import { MARKET_GROUPS } from "@pricing/core/sports/football/markets/types";
import { GROUP_MARGINS } from "@pricing/core/sports/football/margins";
import { OVERROUND_TOLERANCE } from "@pricing/core/margin/limits";
import type { GroupResult } from "@pricing/core/match/flows/pricing";
import { marketsOfWire } from "@pricing/core/margin/offer-encoding";
import { latestPriceSets, recentPriceSets } from "@pricing/core/store/price-set";
import { claimPriceVersion } from "@pricing/core/store/match";
import { engineTable } from "@pricing/core/store/table";
import { PRICE_JOBS_PER_EXECUTION } from "@pricing/core/policy";
import { matchFeed } from "../support/match-feed";
import { lambdaContext, PRICE_MATCH_ARN, sqsEvent, sqsRecord, startAws } from "../support/aws";

let aws: Awaited<ReturnType<typeof startAws>>;
beforeAll(async () => { aws = await startAws(); });
afterAll(async () => { await aws.stop(); });
beforeEach(() => { aws.calls.length = 0; });

let n = 0;
async function inPlayMatch() {
  const feed = matchFeed(`price-${++n}`, [{ kind: "goal", team: "away", minute: 12 }]);
  await ingest(sqsEvent(feed.slice(0, 3).map(sqsRecord)), lambdaContext);
  return feed[0].matchId;
}
/** One model invocation of a batch of groups, none of which failed. */
async function priceBatch(matchId: string, groups: string[], situation: unknown): Promise<GroupResult[]> {
  const batch = await priceGroups({ matchId, groups, situation: situation as MatchSituation });
  assert.deepEqual(batch.failures, []);
  return batch.results;
}
/** The events a Publish returns for its machine to put, in order. */
const announced = (outcome: { announce?: Array<Array<{ DetailType: string; Detail: unknown }>> }) =>
  (outcome.announce ?? []).flat().map((e) => ({ type: e.DetailType, detail: e.Detail as Record<string, any> }));
const asOf = (minute: number) => new Date(Date.parse("2024-08-17T14:00:00Z") + minute * 60_000).toISOString();

describe("PriceMatch handlers", () => {
  test("LoadState builds the situation with the clock run on", async () => {
    const matchId = await inPlayMatch();
    const job = await loadState({ matchId, reason: "clock", asOf: asOf(20.5) });
    const situation = job.situation as MatchSituation;
    assert.equal(job.priceable, true);
    assert.deepEqual(job.groups, [...MARKET_GROUPS]);
    // The batch plan covers the groups once, in order (by default one invocation for them all).
    assert.deepEqual(job.batches.flat(), job.groups);
    assert.equal(job.sport, "football");
    assert.equal(situation.period, "1H");
    assert.equal(situation.minute, 20.5);
    assert.deepEqual(situation.score, { home: 0, away: 1 });
    assert.equal(job.priceVersion, job.stateVersion * 100_000 + 20.5 * 60);
  });

  test("the repricing ingest starts carries the job of the state it stored, the job LoadState would read", async () => {
    const matchId = await inPlayMatch();
    const starts = aws.calls.filter((c) => c.service === "sfn:StartExecution" && c.input.stateMachineArn === PRICE_MATCH_ARN);
    const { reason, ...given } = JSON.parse(starts.at(-1)!.input.input);
    assert.equal(reason, "Goal Scored");
    assert.equal(given.stateVersion, 3, "the goal's own state version: scheduled, kick-off, goal");
    assert.equal(given.priceable, true);
    assert.deepEqual(given, await loadState({ matchId, reason, asOf: given.asOf }));
  });

  test("a model invocation prices its group with the group's margin; offered odds are below fair", async () => {
    const matchId = await inPlayMatch();
    const job = await loadState({ matchId, reason: "test", asOf: asOf(30) });
    const [result] = await priceBatch(matchId, ["match-result"], job.situation);
    assert.equal(result.status, "priced");
    if (result.status !== "priced") return;
    const oneXTwo = marketsOfWire(result.group, result.markets).find((m) => m.key === "1x2")!;
    const overround = oneXTwo.selections.reduce((s, x) => s + 1 / x.odds!, 0) - 1;
    const target = GROUP_MARGINS["match-result"];
    assert.ok(overround >= target - OVERROUND_TOLERANCE.below - 1e-9 && overround <= target + OVERROUND_TOLERANCE.above + 1e-9, `overround ${overround}`);
    for (const s of oneXTwo.selections) assert.ok(s.odds! <= 1 / s.probability);
  });

  test("a model given bad input fails each group of its batch with a typed error; an invocation with no batch raises one", async () => {
    const situation = { homeXg: -1, awayXg: 1, rho: 0, period: "1H", minute: 10, score: { home: 0, away: 0 }, redCards: { home: 0, away: 0 } } as MatchSituation;
    const batch = await priceGroups({ matchId: "x", groups: ["totals", "match-result"], situation });
    assert.deepEqual(batch.results, []);
    assert.deepEqual(batch.failures.map((f) => [f.group, f.error.name]), [["totals", "InputError"], ["match-result", "InputError"]]);
    await assert.rejects(priceGroups({ matchId: "x", group: "totals", situation } as never), (err: Error) => err.name === "InputError");
  });

  test("a group whose model throws is suspended and announced while the rest of its batch publishes; Publish stores only a newer price version", async () => {
    const matchId = await inPlayMatch();
    const job = await loadState({ matchId, reason: "test", asOf: asOf(40) });
    aws.calls.length = 0;
    // A margin out of range makes correct-score's model throw; totals, in the same batch, is priced.
    const batch = await priceGroups({ matchId, groups: ["totals", "correct-score"], situation: job.situation as MatchSituation, margins: { "correct-score": 5 } });
    assert.deepEqual(batch.results.map((r) => [r.group, r.status]), [["totals", "priced"]]);
    assert.deepEqual(batch.failures.map((f) => [f.group, f.error.name]), [["correct-score", "InputError"]]);
    const results = await modelFailed({ matchId, stateVersion: job.stateVersion, ...batch });
    assert.deepEqual(results[1], { group: "correct-score", status: "suspended", error: "InputError" });
    assert.deepEqual(results.map((r) => [r.group, r.status]), [["totals", "priced"], ["correct-score", "suspended"]]);
    const first = await publish({ ...job, executionName: "exec-a", results: [results] });
    assert.equal(first.published, true);
    // ModelFailed announces its own events; Publish returns its announcement for the machine to put, and puts nothing itself.
    assert.deepEqual(aws.engineEvents().map((e) => e.type), ["Model Failed"]);
    assert.deepEqual(announced(first).map((e) => e.type), ["Markets Suspended", "Prices Published"]);
    const published = announced(first).find((e) => e.type === "Prices Published")!.detail;
    assert.deepEqual([published.groups, published.suspended], [["totals"], ["correct-score"]]);

    const older = await loadState({ matchId, reason: "late", asOf: asOf(39) });
    assert.equal((await publish({ ...older, executionName: "exec-b", results: [results] })).published, false, "an older version");
    assert.equal((await publish({ ...job, executionName: "exec-c", results: [results] })).published, false, "the same version from another execution");
    const stored = await latestPriceSets(matchId);
    assert.deepEqual(stored.map((s) => [s.priceVersion, s.group, s.status]).sort(), [[job.priceVersion, "correct-score", "suspended"], [job.priceVersion, "totals", "priced"]]);
  });

  test("a batch whose invocation failed after its retries has every group suspended and announced; the other batches publish", async () => {
    const matchId = await inPlayMatch();
    const job = await loadState({ matchId, reason: "test", asOf: asOf(45) });
    aws.calls.length = 0;
    const failed = await modelFailed({ matchId, stateVersion: job.stateVersion, groups: ["totals", "goals"], error: { Error: "Sandbox.Timedout", Cause: "Task timed out after 10.00 seconds" } });
    assert.deepEqual(failed, ["totals", "goals"].map((group) => ({ group, status: "suspended", error: "Sandbox.Timedout" })));
    const modelFailures = aws.engineEvents().filter((e) => e.type === "Model Failed");
    assert.deepEqual(modelFailures.map((e) => [e.detail.group, e.detail.stateVersion, e.detail.error.name]), [["totals", job.stateVersion, "Sandbox.Timedout"], ["goals", job.stateVersion, "Sandbox.Timedout"]]);
    const outcome = await publish({ ...job, executionName: "exec-batches", results: [failed, await priceBatch(matchId, ["match-result"], job.situation)] });
    assert.equal(outcome.published, true);
    const published = announced(outcome).find((e) => e.type === "Prices Published")!.detail;
    assert.deepEqual([published.groups, published.suspended], [["match-result"], ["totals", "goals"]]);
  });

  test("after a Corner Taken the newest version holds the corners alone, and the latest prices still hold every group", async () => {
    const feed = matchFeed(`price-${++n}`, []);
    const matchId = feed[0].matchId;
    await ingest(sqsEvent(feed.slice(0, 2).map(sqsRecord)), lambdaContext);
    // Every group priced and published at minute 10.
    const full = await loadState({ matchId, reason: "clock", asOf: asOf(10) });
    assert.equal(full.partial, false);
    const priceAll = async (job: typeof full) => Promise.all(job.batches.map((groups) => priceBatch(matchId, groups, job.situation)));
    assert.equal((await publish({ ...full, executionName: "exec-full", results: await priceAll(full) })).published, true);

    aws.calls.length = 0;
    const corner = { eventId: `${matchId}-corner`, matchId, seq: 3, type: "Corner Taken", occurredAt: asOf(12), team: "home", minute: 12 };
    await ingest(sqsEvent([sqsRecord(corner as unknown as (typeof feed)[number])]), lambdaContext);
    const start = aws.calls.filter((c) => c.service === "sfn:StartExecution" && c.input.stateMachineArn === PRICE_MATCH_ARN).at(-1)!;
    const { reason: _reason, ...job } = JSON.parse(start.input.input) as typeof full & { reason: string };
    assert.deepEqual([job.groups, job.batches, job.partial], [["corners"], [["corners"]], true], "a corner reprices the corners alone");
    assert.equal((await publish({ ...job, executionName: "exec-corner", results: await priceAll(job) })).published, true);

    assert.deepEqual((await recentPriceSets(matchId, 1)).map((s) => s.group), ["corners"], "the corner's version is the corners alone: no group copied forward");
    const latest = await latestPriceSets(matchId);
    assert.deepEqual(latest.map((s) => s.group).sort(), [...MARKET_GROUPS].sort(), "every group");
    for (const set of latest) assert.equal(set.priceVersion, set.group === "corners" ? job.priceVersion : full.priceVersion, set.group);
    const corners = latest.find((s) => s.group === "corners")!;
    assert.equal(corners.stateVersion, 3);
    assert.ok(corners.markets.length > 0 && latest.every((s) => s.status === "priced" && s.markets.length > 0));
  });

  test("a Publish that fails after its claim finishes the publication when its execution retries it; no other execution can", async () => {
    const matchId = await inPlayMatch();
    const job = await loadState({ matchId, reason: "test", asOf: asOf(50) });
    const results = [await priceBatch(matchId, ["totals"], job.situation)];
    // The attempt of exec-1 claimed the version, then failed before storing (a throttled write, a timeout).
    assert.equal(await claimPriceVersion(matchId, job.priceVersion, "exec-1"), true);
    assert.deepEqual(await recentPriceSets(matchId, 1), []);
    aws.calls.length = 0;
    const other = await publish({ ...job, executionName: "exec-2", results });
    assert.equal(other.published, false, "another execution of the same version");
    const retried = await publish({ ...job, executionName: "exec-1", results });
    assert.equal(retried.published, true, "the retry of the execution that claimed it");
    assert.deepEqual(announced(retried).map((e) => [e.type, e.detail.priceVersion]), [["Prices Published", job.priceVersion]]);
    assert.deepEqual(retried.published && retried.announce.map((chunk) => chunk.length), [1]);
    assert.deepEqual((await recentPriceSets(matchId, 1)).map((s) => [s.priceVersion, s.group]), [[job.priceVersion, "totals"]]);
    assert.deepEqual(aws.calls.filter((c) => c.service === "events:PutEvents"), [], "Publish puts no event itself");
  });

  test("a Publish with more than ten events to announce returns them in chunks of ten, in order", async () => {
    const matchId = await inPlayMatch();
    const job = await loadState({ matchId, reason: "test", asOf: asOf(55) });
    // Every group held by a trader, each for a reason of its own: a Markets Suspended event a reason, then Prices Published.
    const held = MARKET_GROUPS.map((group, i) => ({ group, reason: `trader: hold ${i}` }));
    const reasons = held.map((h) => h.reason);
    assert.ok(reasons.length + 1 > 10, "more events than one PutEvents takes");
    const outcome = await publish({ ...job, executionName: "exec-holds", held, results: [[]] });
    assert.equal(outcome.published, true);
    const chunks = outcome.published ? outcome.announce : [];
    assert.deepEqual(chunks.map((c) => c.length), [10, reasons.length + 1 - 10]);
    const events = announced(outcome);
    assert.deepEqual(events.map((e) => e.detail.reason ?? e.type), [...reasons, "Prices Published"]);
    assert.deepEqual([events.at(-1)!.detail.groups, events.at(-1)!.detail.suspended], [[], held.map((h) => h.group)]);
  });

  test("a repricing of the state before a goal that finishes after the goal's suspension publishes nothing", async () => {
    const feed = matchFeed(`price-${++n}`, [{ kind: "goal", team: "home", minute: 30 }]);
    const matchId = feed[0].matchId;
    await ingest(sqsEvent(feed.slice(0, 2).map(sqsRecord)), lambdaContext);
    // A clock tick's repricing of the state before the goal, under way when the goal lands.
    const beforeGoal = await loadState({ matchId, reason: "clock", asOf: asOf(29.9) });
    const results = [await priceBatch(matchId, ["totals"], beforeGoal.situation)];
    aws.calls.length = 0;
    await ingest(sqsEvent([sqsRecord(feed[2])]), lambdaContext);
    assert.equal((await publish({ ...beforeGoal, executionName: "tick", results })).published, false);
    const afterGoal = await loadState({ matchId, reason: "Goal Scored", asOf: asOf(30) });
    assert.equal(afterGoal.stateVersion, beforeGoal.stateVersion + 1);
    const outcome = await publish({ ...afterGoal, executionName: "goal", results });
    assert.equal(outcome.published, true);
    assert.deepEqual(aws.engineEvents().map((e) => [e.type, e.detail.stateVersion]), [["Markets Suspended", afterGoal.stateVersion]], "ingest's suspension on the goal");
    assert.deepEqual(announced(outcome).map((e) => [e.type, e.detail.stateVersion]), [["Prices Published", afterGoal.stateVersion]]);
  });

  test("nothing to price for a match that is over", async () => {
    const feed = matchFeed(`price-${++n}`, []);
    await ingest(sqsEvent(feed.map(sqsRecord)), lambdaContext);
    const job = await loadState({ matchId: feed[0].matchId, reason: "test", asOf: asOf(200) });
    assert.deepEqual([job.priceable, job.groups], [false, []]);
  });
});

describe("PriceMatch's jobs path: several matches' repricings in one execution", () => {
  /** The jobs a clock batch would start for `count` matches in play at `minute`: as startPriceMatchJobs passes them. */
  async function tickJobs(count: number, minute: number) {
    const jobs = [];
    for (let i = 0; i < count; i++) {
      const { sport: _s, priceable: _p, batches: _b, ...job } = await loadState({ matchId: await inPlayMatch(), reason: "clock", asOf: asOf(minute) });
      jobs.push(job);
    }
    return jobs;
  }
  /** The table's commands while `run` runs, by name (dynalite sits under the SDK: its calls go through the client's middleware). */
  async function tableCommands<T>(run: () => Promise<T>): Promise<{ out: T; commands: string[] }> {
    const commands: string[] = [];
    const record = (next: any, context: any) => async (args: any) => { commands.push(context.commandName); return next(args); };
    engineTable().dynamodb.middlewareStack.add(record, { step: "initialize", name: "recordCommands" });
    try {
      return { out: await run(), commands };
    } finally {
      engineTable().dynamodb.middlewareStack.remove("recordCommands");
    }
  }
  const priceJobs = (jobs: Array<{ matchId: string; groups: string[]; situation: unknown; margins?: Record<string, number> }>) =>
    priceGroups({ jobs: jobs as Array<{ matchId: string; groups: string[]; situation: MatchSituation }> });

  test("one model invocation prices every job, each group in its own try; a malformed job fails the invocation with a typed error", async () => {
    const [a, b] = await tickJobs(2, 20);
    // b's correct-score throws (a margin out of range); the rest of b and all of a are priced.
    const { jobs } = await priceJobs([a, { ...b, margins: { "correct-score": 5 } }]);
    assert.equal(jobs.length, 2);
    assert.deepEqual(jobs[0].failures, []);
    assert.deepEqual(jobs[0].results.map((r) => r.group), [...MARKET_GROUPS]);
    assert.deepEqual(jobs[1].failures.map((f) => [f.group, f.error.name]), [["correct-score", "InputError"]]);
    assert.equal(jobs[1].results.length, MARKET_GROUPS.length - 1);
    // Each job priced as the single path prices it: the same markets.
    const alone = await priceGroups({ matchId: a.matchId, groups: a.groups, situation: a.situation as MatchSituation });
    assert.deepEqual(jobs[0], alone);
    await assert.rejects(priceJobs([a, { ...b, groups: undefined as never }]), { name: "InputError" });
    await assert.rejects(priceGroups({ jobs: "all" as never }), { name: "InputError" });
  });

  test("Publish claims each job on its own: an overtaken job publishes nothing while the others store in one batch write; Model Failed is announced for every failed group", async () => {
    const jobs = await tickJobs(3, 25);
    const { jobs: priced } = await priceJobs([jobs[0], { ...jobs[1], margins: { "correct-score": 5 } }, jobs[2]]);
    // A newer repricing of the third match (a goal's) published first.
    assert.equal(await claimPriceVersion(jobs[2].matchId, jobs[2].priceVersion + 1, "exec-goal"), true);
    aws.calls.length = 0;
    const { out: outcome, commands } = await tableCommands(() => publish({ executionName: "exec-jobs", jobs, priced }));
    assert.deepEqual(outcome.priceVersions.map((v) => v.published), [true, true, false]);
    assert.equal(outcome.published, true);
    assert.deepEqual(commands.sort(), ["BatchWriteItemCommand", "UpdateItemCommand", "UpdateItemCommand", "UpdateItemCommand"], "a claim a job, one batch write");
    assert.deepEqual(aws.calls.filter((c) => c.service === "events:PutEvents"), [], "Publish puts no event itself");
    const events = announced(outcome);
    assert.deepEqual(events.map((e) => [e.type, e.detail.matchId]), [
      ["Model Failed", jobs[1].matchId],
      ["Prices Published", jobs[0].matchId],
      ["Markets Suspended", jobs[1].matchId],
      ["Prices Published", jobs[1].matchId],
    ]);
    assert.deepEqual(events[0].detail.group, "correct-score");
    assert.deepEqual(events[3].detail.suspended, ["correct-score"]);
    for (const [i, job] of jobs.entries()) {
      const stored = await recentPriceSets(job.matchId, 1);
      assert.deepEqual([...new Set(stored.map((s) => s.priceVersion))], i < 2 ? [job.priceVersion] : [], job.matchId);
    }
    assert.equal((await recentPriceSets(jobs[0].matchId, 1)).filter((s) => s.status === "priced").length, MARKET_GROUPS.length);

    // The execution's retry (its first attempt failed after the claims) finishes; another execution cannot.
    assert.deepEqual((await publish({ executionName: "exec-other", jobs, priced })).priceVersions.map((v) => v.published), [false, false, false]);
    const retried = await publish({ executionName: "exec-jobs", jobs, priced });
    assert.deepEqual(retried.priceVersions.map((v) => v.published), [true, true, false]);
  });

  test("price versions DynamoDB hands back unwritten are written again; still unwritten after the attempts, a typed error", async () => {
    const jobs = await tickJobs(2, 30);
    const { jobs: priced } = await priceJobs(jobs);
    // "first": DynamoDB writes the first request of the next batch write and hands back the rest, as for a throttled partition; "all": it writes none.
    let handBack: "none" | "first" | "all" = "first";
    let handedBack = 0;
    const unprocessed = (next: any) => async (args: any) => {
      const requests = args.input?.RequestItems;
      if (!requests || handBack === "none") return next(args);
      handedBack++;
      const [table, items] = Object.entries(requests)[0] as [string, unknown[]];
      if (handBack === "all") return { output: { $metadata: {}, UnprocessedItems: { [table]: items } }, response: {} };
      handBack = "none";
      const result = await next({ ...args, input: { ...args.input, RequestItems: { [table]: items.slice(0, 1) } } });
      return { ...result, output: { ...result.output, UnprocessedItems: { [table]: items.slice(1) } } };
    };
    engineTable().dynamodb.middlewareStack.add(unprocessed, { step: "initialize", name: "unprocessed" });
    try {
      const { out: outcome, commands } = await tableCommands(() => publish({ executionName: "exec-throttled", jobs, priced }));
      assert.deepEqual(outcome.priceVersions.map((v) => v.published), [true, true]);
      assert.equal(commands.filter((c) => c === "BatchWriteItemCommand").length, 2, "the handed-back version written again");
      for (const job of jobs) assert.deepEqual([...new Set((await recentPriceSets(job.matchId, 1)).map((s) => s.priceVersion))], [job.priceVersion]);
      const later = await tickJobs(2, 31);
      const { jobs: pricedLater } = await priceJobs(later);
      handBack = "all";
      handedBack = 0;
      await assert.rejects(publish({ executionName: "exec-throttled-2", jobs: later, priced: pricedLater }), { name: "InternalError" });
      assert.equal(handedBack, 4, "four attempts");
    } finally {
      engineTable().dynamodb.middlewareStack.remove("unprocessed");
    }
  });

  test("a model invocation that failed after its retries publishes every job's groups as suspended, with Model Failed for each", async () => {
    const jobs = await tickJobs(2, 35);
    aws.calls.length = 0;
    const outcome = await publish({ executionName: "exec-failed", jobs, error: { Error: "Sandbox.Timedout", Cause: "Task timed out after 10.00 seconds" } });
    assert.deepEqual(outcome.priceVersions.map((v) => v.published), [true, true]);
    const events = announced(outcome);
    assert.equal(events.filter((e) => e.type === "Model Failed").length, 2 * MARKET_GROUPS.length);
    assert.ok(events.filter((e) => e.type === "Model Failed").every((e) => e.detail.error.name === "Sandbox.Timedout"));
    const published = events.filter((e) => e.type === "Prices Published");
    assert.deepEqual(published.map((e) => [e.detail.matchId, e.detail.groups, e.detail.suspended]), jobs.map((j) => [j.matchId, [], [...MARKET_GROUPS]]));
    assert.ok(outcome.announce.every((chunk) => chunk.length <= 10));
    for (const job of jobs) assert.ok((await recentPriceSets(job.matchId, 1)).every((s) => s.status === "suspended" && s.error === "Sandbox.Timedout"));
  });

  test("a model result that is not one batch a job is a typed error, and nothing is claimed or stored", async () => {
    const jobs = await tickJobs(2, 40);
    const { jobs: priced } = await priceJobs(jobs);
    const { commands } = await tableCommands(() => assert.rejects(publish({ executionName: "exec-short", jobs, priced: priced.slice(1) }), { name: "InputError" }));
    assert.deepEqual(commands, []);
  });

  test("ten in-play football matches' jobs and offered markets fit Step Functions' 256 KB state with room", async () => {
    const jobs = await tickJobs(PRICE_JOBS_PER_EXECUTION, 60);
    const priced = await priceJobs(jobs);
    // The largest state of the path: the execution's input with the model's output at $.priced, as Publish's payload reads it.
    const state = JSON.stringify({ reason: "clock", sport: "football", jobs, priced });
    const bytes = Buffer.byteLength(state);
    assert.ok(bytes < 200 * 1024, `${bytes} bytes`);
  });
});

