import { describe, test } from "vitest";
import assert from "node:assert/strict";
import type { HistoryEvent } from "@aws-sdk/client-sfn";
import type { ExecutionRecord } from "@pricing/local/stepfunctions/types";
import { historyView, requireOwnExecution, stateMachineOf, stateProgress } from "@pricing/console/server/executions";
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
