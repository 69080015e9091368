import { describe, test } from "vitest";
import assert from "node:assert/strict";
import type { HistoryEvent } from "@aws-sdk/client-sfn";
import type { ExecutionRecord } from "@pricing/local/stepfunctions/types";
import { EXECUTION_PAGE_MAX, type ExecutionRow } from "@pricing/console/api";
import { executionPage, executionQuery, lifecycleRow, pricingRows } from "@pricing/console/server/execution-list";
import { historyView, requireOwnExecution, stateMachineOf, stateProgress, stateVisits } from "@pricing/console/server/executions";
import { groupLatencies, percentile, pricingRuns, type PublishedVersion } from "@pricing/console/server/runs";

const t0 = Date.parse("2024-08-17T14:00:00Z");
let id = 0;
const event = (type: string, ms: number, details: Partial<HistoryEvent> = {}): HistoryEvent => ({ id: ++id, previousEventId: id - 1, type: type as HistoryEvent["type"], timestamp: new Date(t0 + ms), ...details });
const entered = (name: string, ms: number) => event("TaskStateEntered", ms, { stateEnteredEventDetails: { name } });
const exited = (name: string, ms: number) => event("TaskStateExited", ms, { stateExitedEventDetails: { name } });

describe("execution progress and history", () => {
  const waiting = [
    event("ExecutionStarted", 0), entered("Register", 1), event("LambdaFunctionScheduled", 2, { lambdaFunctionScheduledEventDetails: { resource: "arn:aws:lambda:us-east-1:0:function:register" } }),
    exited("Register", 40), entered("AwaitKickoff", 41), event("TaskSubmitted", 45),
  ];

  test("a running execution is in the states it entered and has not left", () => {
    assert.deepEqual(stateProgress(waiting, "RUNNING"), { visited: ["Register", "AwaitKickoff"], current: ["AwaitKickoff"], failed: [] });
  });

  test("a failed execution failed in the state it did not leave", () => {
    const failed = [...waiting, event("TaskFailed", 50, { taskFailedEventDetails: { resourceType: "lambda", resource: "invoke.waitForTaskToken", error: "States.Timeout", cause: "no token" } }), event("ExecutionFailed", 51)];
    assert.deepEqual(stateProgress(failed, "FAILED"), { visited: ["Register", "AwaitKickoff"], current: [], failed: ["AwaitKickoff"] });
    const rows = historyView(failed);
    assert.deepEqual(rows.map((r) => r.state), [null, "Register", "Register", "Register", "AwaitKickoff", "AwaitKickoff", "AwaitKickoff", "AwaitKickoff"]);
    assert.deepEqual(rows.map((r) => r.elapsedMs), [0, 1, 2, 40, 41, 45, 50, 51]);
    assert.equal(rows[2].detail, "arn:aws:lambda:us-east-1:0:function:register");
    assert.equal(rows[6].detail, "States.Timeout: no token");
  });
});

describe("pricing runs and model latency", () => {
  const batches = [["match-result", "btts"], ["totals"]];
  const record = (startMs: number, iterations: Array<[number, number, number]>, input: object): ExecutionRecord => ({
    executionArn: `arn:aws:states:us-east-1:0:express:pm:${startMs}`, stateMachineArn: "arn:pm", name: String(startMs), type: "EXPRESS", status: "SUCCEEDED",
    input: JSON.stringify(input), startDate: startMs, stopDate: startMs + 400, journal: [], tokens: {},
    history: [
      { id: 1, previousEventId: 0, timestamp: startMs, type: "MapStateEntered", stateEnteredEventDetails: { name: "PriceBatches", input: JSON.stringify({ batches }) } },
      ...iterations.flatMap(([index, from, to], k) => [
        { id: 10 + k, previousEventId: 0, timestamp: startMs + from, type: "MapIterationStarted", mapIterationStartedEventDetails: { index } },
        { id: 20 + k, previousEventId: 0, timestamp: startMs + to, type: "MapIterationSucceeded", mapIterationSucceededEventDetails: { index } },
      ]),
    ],
  });

  test("each Map iteration times every group of the batch it priced, in real time at the clock's speed", () => {
    const r = record(t0, [[1, 10, 110], [0, 10, 50]], {});
    // Iteration 1 (totals) ran 100 simulated ms, iteration 0 (match-result and btts) 40; the clock ran at 10x.
    assert.deepEqual(groupLatencies(r, 10), [{ group: "totals", ms: 10 }, { group: "match-result", ms: 4 }, { group: "btts", ms: 4 }]);
  });

  test("published versions are joined to the execution that priced them", () => {
    const version: PublishedVersion = { matchId: "m", priceVersion: 300120, stateVersion: 3, asOf: "2024-08-17T14:02:00.000Z", groups: [{ group: "match-result", status: "priced", error: null }, { group: "totals", status: "suspended", error: "ModelError" }] };
    const [run] = pricingRuns([version], [record(t0, [], { matchId: "m", asOf: version.asOf, reason: "Goal Scored" })], 4);
    assert.deepEqual(run.execution && { status: run.execution.status, durationMs: run.execution.durationMs, reason: run.execution.reason }, { status: "SUCCEEDED", durationMs: 100, reason: "Goal Scored" });
    assert.equal(run.clockSeconds, 120);
    assert.deepEqual(run.failedGroups, [{ group: "totals", error: "ModelError" }]);
    assert.equal(pricingRuns([version], [], 1)[0].execution, null);
  });

  test("an execution of the jobs path (a batch of ticks) is joined to each match it published, and its model task times every group of every job", () => {
    const jobs = [{ matchId: "a", asOf: "2024-08-17T14:02:00.000Z", groups: ["match-result", "totals"] }, { matchId: "b", asOf: "2024-08-17T14:02:03.000Z", groups: ["match-result"] }];
    const r: ExecutionRecord = {
      executionArn: "arn:aws:states:us-east-1:0:express:pm:jobs", stateMachineArn: "arn:pm", name: "jobs", type: "EXPRESS", status: "SUCCEEDED",
      input: JSON.stringify({ reason: "clock", sport: "football", jobs }), startDate: t0, stopDate: t0 + 300, journal: [], tokens: {},
      history: [
        { id: 1, previousEventId: 0, timestamp: t0 + 5, type: "TaskStateEntered", stateEnteredEventDetails: { name: "PriceFootballJobs", input: "{}" } },
        { id: 2, previousEventId: 1, timestamp: t0 + 65, type: "TaskStateExited", stateExitedEventDetails: { name: "PriceFootballJobs", output: "{}" } },
        { id: 3, previousEventId: 2, timestamp: t0 + 70, type: "TaskStateEntered", stateEnteredEventDetails: { name: "PublishJobs", input: "{}" } },
        { id: 4, previousEventId: 3, timestamp: t0 + 200, type: "TaskStateExited", stateExitedEventDetails: { name: "PublishJobs", output: "{}" } },
      ],
    };
    // 60 simulated ms at 2x: 30 real ms for each group of each job; Publish is not a model's time.
    assert.deepEqual(groupLatencies(r, 2), [{ group: "match-result", ms: 30 }, { group: "totals", ms: 30 }, { group: "match-result", ms: 30 }]);
    const version = (matchId: string, asOf: string): PublishedVersion => ({ matchId, priceVersion: 200120, stateVersion: 2, asOf, groups: [{ group: "match-result", status: "priced", error: null }] });
    const runs = pricingRuns([version("a", jobs[0].asOf), version("b", jobs[1].asOf)], [r], 2);
    assert.deepEqual(runs.map((run) => [run.matchId, run.execution?.executionArn, run.execution?.reason]), [["a", r.executionArn, "clock"], ["b", r.executionArn, "clock"]]);
    // One row a match, each with a key of its own (the page order needs one place a row), and no "published nothing" row for the execution.
    const rows = pricingRows(runs, [r], new Map(), 2);
    assert.deepEqual(rows.map((row) => [row.matchId, row.executionArn, row.title]), [["a", r.executionArn, "clock · 1 group"], ["b", r.executionArn, "clock · 1 group"]]);
    assert.equal(new Set(rows.map((row) => row.key)).size, 2);
  });

  test("percentiles by nearest rank", () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    assert.deepEqual([50, 90, 99, 100].map((p) => percentile(sorted, p)), [50, 90, 99, 100]);
    assert.equal(percentile([7], 99), 7);
    assert.ok(Number.isNaN(percentile([], 50)));
  });
});

describe("executions of the stage's own state machines", () => {
  const lifecycle = "arn:aws:states:eu-west-1:123456789012:stateMachine:prod-Lifecycle";
  const priceMatch = "arn:aws:states:eu-west-1:123456789012:stateMachine:prod-PriceMatch";

  test("an execution's state machine is read from its ARN, Standard or Express", () => {
    assert.equal(stateMachineOf("arn:aws:states:eu-west-1:123456789012:execution:prod-Lifecycle:match-1"), lifecycle);
    assert.equal(stateMachineOf("arn:aws:states:eu-west-1:123456789012:express:prod-PriceMatch:run-1:0b1c"), priceMatch);
    assert.throws(() => stateMachineOf("arn:aws:states:eu-west-1:123456789012:stateMachine:prod-Lifecycle"), { code: "console.invalid_execution_arn" });
    assert.throws(() => stateMachineOf("match-1"), { code: "console.invalid_execution_arn" });
  });

  test("an execution of another machine, account or region is refused", () => {
    const own = [lifecycle, priceMatch, null];
    assert.doesNotThrow(() => requireOwnExecution("arn:aws:states:eu-west-1:123456789012:express:prod-PriceMatch:run-1:0b1c", own));
    for (const arn of [
      "arn:aws:states:eu-west-1:123456789012:execution:staging-Lifecycle:match-1",
      "arn:aws:states:eu-west-1:999999999999:execution:prod-Lifecycle:match-1",
      "arn:aws:states:us-east-1:123456789012:execution:prod-Lifecycle:match-1",
    ]) assert.throws(() => requireOwnExecution(arn, own), { code: "console.foreign_execution", status: 403 }, arn);
  });
});

describe("each state's input and output", () => {
  test("a visit pairs the state's entry and exit; a failure is the open state's; a Map's inner state runs once per iteration", () => {
    const events = [
      event("ExecutionStarted", 0),
      event("TaskStateEntered", 10, { stateEnteredEventDetails: { name: "LoadState", input: '{"matchId":"m"}' } }),
      event("TaskStateExited", 250, { stateExitedEventDetails: { name: "LoadState", output: '{"groups":["a","b"]}' } }),
      event("MapStateEntered", 260, { stateEnteredEventDetails: { name: "PriceGroups", input: '{"groups":["a","b"]}' } }),
      event("TaskStateEntered", 270, { stateEnteredEventDetails: { name: "PriceGroup", input: '"a"' } }),
      event("TaskStateEntered", 271, { stateEnteredEventDetails: { name: "PriceGroup", input: '"b"' } }),
      event("TaskStateExited", 300, { stateExitedEventDetails: { name: "PriceGroup", output: '{"group":"a"}' } }),
      event("TaskFailed", 400, { taskFailedEventDetails: { resourceType: "lambda", resource: "price-group", error: "ModelError", cause: "no grid" } }),
    ];
    const visits = stateVisits(events);
    assert.deepEqual(visits.LoadState, [{ enteredAt: new Date(t0 + 10).toISOString(), exitedAt: new Date(t0 + 250).toISOString(), durationMs: 240, input: '{"matchId":"m"}', output: '{"groups":["a","b"]}', error: null }]);
    assert.deepEqual(visits.PriceGroup.map((v) => [v.input, v.output, v.durationMs, v.error]), [['"a"', '{"group":"a"}', 30, null], ['"b"', null, null, "ModelError: no grid"]]);
    assert.equal(visits.PriceGroups[0].exitedAt, null);
  });
});

describe("the Executions list: filters and pages on the server", () => {
  const at = (i: number) => new Date(t0 + i * 1000).toISOString();
  const row = (i: number, over: Partial<ExecutionRow> = {}): ExecutionRow => ({
    machine: "PriceMatch", key: `arn:run:${String(i).padStart(3, "0")}`, executionArn: `arn:run:${i}`, matchId: i % 2 ? "m1" : "m2", matchName: null, title: "",
    status: "SUCCEEDED", startDate: at(i), stopDate: at(i), durationMs: 0, errors: [], run: null, ...over,
  });
  const rows = Array.from({ length: 150 }, (_, i) => row(i, i % 10 === 0 ? { status: "FAILED", errors: ["ModelError"] } : {}));

  test("a page holds at most its size; following the tokens lists every row once, newest first", () => {
    const q = executionQuery(new URLSearchParams(""));
    const seen: string[] = [];
    let page = executionPage(rows, q);
    for (;;) {
      assert.ok(page.executions.length > 0 && page.executions.length <= q.limit && q.limit < 100);
      assert.equal(page.total, 150);
      seen.push(...page.executions.map((r) => r.key));
      if (!page.next) break;
      page = executionPage(rows, { ...q, next: page.next });
    }
    assert.deepEqual(seen, [...rows].reverse().map((r) => r.key));
  });

  test("a run that starts between two pages does not move the next page", () => {
    const q = executionQuery(new URLSearchParams("limit=10"));
    const first = executionPage(rows, q);
    const second = executionPage([...rows, row(500)], { ...q, next: first.next! });
    assert.equal(second.executions[0].key, rows[139].key);
  });

  test("filters by match, machine, status and error name combine", () => {
    const q = (query: string) => executionPage([...rows, lifecycleRow({ executionArn: "arn:life:m1", name: "m1", status: "TIMED_OUT", startDate: at(3), stopDate: at(9) }, new Map([["m1", "Sinner J. v Vukic A."]]), "States.Timeout")], executionQuery(new URLSearchParams(`limit=50&${query}`)));
    assert.equal(q("status=FAILED").total, 15);
    assert.ok(q("status=FAILED").executions.every((r) => r.status === "FAILED"));
    assert.equal(q("status=FAILED&match=m1").total, 0, "the failed runs are all m2's");
    assert.equal(q("error=ModelError&match=m2").total, 15);
    const lifecycle = q("machine=Lifecycle");
    assert.deepEqual(lifecycle.executions.map((r) => [r.matchName, r.status, r.errors, r.durationMs]), [["Sinner J. v Vukic A.", "TIMED_OUT", ["States.Timeout"], 6000]]);
    assert.equal(q("error=States.Timeout&machine=PriceMatch").total, 0);
  });

  test("a query out of range or a token not of the list is the caller's error", () => {
    for (const bad of [`limit=${EXECUTION_PAGE_MAX + 1}`, "limit=0", "limit=2.5", "status=DONE", "machine=Other"]) {
      assert.throws(() => executionQuery(new URLSearchParams(bad)), { code: "console.invalid_execution_query" }, bad);
    }
    assert.throws(() => executionPage(rows, { limit: 10, next: "not-a-token" }), { code: "console.invalid_page_token" });
    assert.deepEqual(executionQuery(new URLSearchParams("status=&match=m1")), { match: "m1", limit: 25 });
  });

  test("a PriceMatch run is named by its match, trigger and groups; one that published nothing is listed too", () => {
    const version: PublishedVersion = { matchId: "t", priceVersion: 300120, stateVersion: 3, asOf: new Date(t0 + 5).toISOString(), groups: [{ group: "match-winner", status: "priced", error: null }, { group: "set-betting", status: "suspended", error: "ModelError" }, { group: "set-2-winner", status: "suspended", error: "trader: rain" }] };
    const record = (name: string, input: object, status: ExecutionRecord["status"], error?: string): ExecutionRecord => ({
      executionArn: `arn:aws:states:us-east-1:0:express:pm:${name}`, stateMachineArn: "arn:pm", name, type: "EXPRESS", status, input: JSON.stringify(input),
      startDate: t0, stopDate: t0 + 200, journal: [], tokens: {}, history: [], ...(error ? { error } : {}),
    });
    const published = record("p", { matchId: "t", asOf: version.asOf, reason: "Point Won", groups: ["match-winner", "set-betting"] }, "SUCCEEDED");
    const failed = record("f", { matchId: "t", asOf: "later", reason: "Match Started", groups: ["match-winner"] }, "FAILED", "States.Runtime");
    const names = new Map([["t", "Sinner J. v Vukic A."]]);
    const out = pricingRows(pricingRuns([version], [published, failed], 2), [published, failed], names, 2);
    assert.deepEqual(out.map((r) => [r.matchName, r.title, r.status, r.errors, r.durationMs]), [
      ["Sinner J. v Vukic A.", "Point Won · 3 groups", "SUCCEEDED", ["ModelError"], 100],
      ["Sinner J. v Vukic A.", "Match Started · 1 group · published nothing", "FAILED", ["States.Runtime"], 100],
    ]);
  });
});
