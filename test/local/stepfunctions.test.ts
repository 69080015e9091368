import { afterAll, beforeAll, describe, test } from "vitest";
import assert from "node:assert/strict";
import { DescribeExecutionCommand, GetExecutionHistoryCommand, ListExecutionsCommand, ListStateMachinesCommand, SendTaskFailureCommand, SendTaskSuccessCommand, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { advanceWhenDue, timerWithin, fnArn, harness, lambdaSpec, writeHandlers, type Harness } from "./stepfunctions-harness";

const handlers = writeHandlers({
  "price.ts": `export async function handler(event: { home: number }, context: { functionName: string }) {
    return { home: event.home, fn: context.functionName, region: process.env.AWS_REGION };
  }`,
  "flaky.ts": `class MarketSuspendedError extends Error { override name = "MarketSuspendedError"; }
    const calls = new Map<string, number>();
    export async function handler(event: { id: string; failures: number; kind?: string }) {
      const n = (calls.get(event.id) ?? 0) + 1;
      calls.set(event.id, n);
      if (event.kind === "type") throw new TypeError("bad grid");
      if (n <= event.failures) throw new MarketSuspendedError("suspended, attempt " + n);
      return { attempts: n };
    }`,
  "double.ts": `export const handler = async (event: { value: number }) => ({ value: event.value * 2 });`,
  "slow.ts": `export const handler = () => new Promise(() => undefined);`,
});

describe("local Step Functions", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness(handlers.root, [
      lambdaSpec("price", "price.handler"),
      lambdaSpec("flaky", "flaky.handler"),
      lambdaSpec("double", "double.handler"),
      lambdaSpec("slow", "slow.handler", { timeoutSeconds: 3 }),
    ]);
  });
  afterAll(async () => {
    await h.close();
    handlers.cleanup();
  });

  test("a lambda:invoke Task runs the local handler and the SDK reads the result and its history", async () => {
    const arn = h.add("Price", {
      StartAt: "Price",
      States: { Price: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Parameters: { FunctionName: fnArn("price"), "Payload.$": "$" }, OutputPath: "$.Payload", End: true } },
    });
    const { executionArn } = await h.client.send(new StartExecutionCommand({ stateMachineArn: arn, name: "m1", input: JSON.stringify({ home: 2 }) }));
    await h.sfn.finished(executionArn!);
    const described = await h.client.send(new DescribeExecutionCommand({ executionArn }));
    assert.equal(described.status, "SUCCEEDED");
    assert.ok(described.startDate instanceof Date && described.stopDate instanceof Date);
    assert.deepEqual(JSON.parse(described.output!), { home: 2, fn: "price", region: "us-east-1" });
    const { events } = await h.client.send(new GetExecutionHistoryCommand({ executionArn }));
    assert.deepEqual(events!.map((e) => e.type), ["ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"]);
    assert.equal(events![2].taskScheduledEventDetails?.resourceType, "lambda");
    assert.equal(JSON.parse(events![4].taskSucceededEventDetails!.output!).StatusCode, 200);
    const reversed = await h.client.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 2 }));
    assert.deepEqual(reversed.events!.map((e) => e.type), ["ExecutionSucceeded", "TaskStateExited"]);
    const next = await h.client.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 2, nextToken: reversed.nextToken }));
    assert.deepEqual(next.events!.map((e) => e.id), [5, 4]);
    const listed = await h.client.send(new ListExecutionsCommand({ stateMachineArn: arn, statusFilter: "SUCCEEDED" }));
    assert.deepEqual(listed.executions!.map((e) => e.name), ["m1"]);
    const machines = await h.client.send(new ListStateMachinesCommand({}));
    assert.ok(machines.stateMachines!.some((m) => m.name === "Price" && m.type === "STANDARD"));
  });

  test("Retry matches the error name, backs off on the clock, and Catch takes what Retry gives up", async () => {
    const arn = h.add("Retry", {
      StartAt: "Flaky",
      States: {
        Flaky: {
          Type: "Task", Resource: fnArn("flaky"), Next: "Done",
          Retry: [{ ErrorEquals: ["MarketSuspendedError"], IntervalSeconds: 2, BackoffRate: 3, MaxAttempts: 2 }],
          Catch: [{ ErrorEquals: ["TypeError"], ResultPath: "$.error", Next: "Suspended" }, { ErrorEquals: ["States.TaskFailed"], ResultPath: "$.error", Next: "GaveUp" }],
        },
        Done: { Type: "Succeed" },
        Suspended: { Type: "Pass", Result: "suspended", ResultPath: "$.outcome", End: true },
        GaveUp: { Type: "Pass", Result: "gave up", ResultPath: "$.outcome", End: true },
      },
    });
    const recovers = await h.sfn.startExecution({ stateMachineArn: arn, input: JSON.stringify({ id: "a", failures: 2 }) });
    const start = h.clock.now();
    await timerWithin(h.clock, 2_000);
    await h.clock.advance(1_999);
    assert.equal(recovers.status, "RUNNING");
    await h.clock.advance(1); // the first retry after 2 s
    await advanceWhenDue(h.clock, 6_000); // the second after 2 × 3 = 6 s
    const done = await h.sfn.finished(recovers.executionArn);
    assert.equal(done.status, "SUCCEEDED");
    assert.deepEqual(JSON.parse(done.output!), { attempts: 3 });
    assert.equal(done.stopDate! - start, 8_000);
    assert.equal(done.history.filter((e) => e.type === "LambdaFunctionFailed").length, 2);

    const exhausted = await h.sfn.startExecution({ stateMachineArn: arn, input: JSON.stringify({ id: "b", failures: 9 }) });
    await advanceWhenDue(h.clock, 2_000);
    await advanceWhenDue(h.clock, 6_000);
    const gaveUp = await h.sfn.finished(exhausted.executionArn);
    const output = JSON.parse(gaveUp.output!);
    assert.equal(output.outcome, "gave up");
    assert.equal(output.error.Error, "MarketSuspendedError");
    assert.equal(JSON.parse(output.error.Cause).errorMessage, "suspended, attempt 3");

    const typed = await h.sfn.finished((await h.sfn.startExecution({ stateMachineArn: arn, input: JSON.stringify({ id: "c", failures: 0, kind: "type" }) })).executionArn);
    assert.equal(JSON.parse(typed.output!).outcome, "suspended");
  });

  test("a task timeout is States.Timeout (not States.TaskFailed) and a Lambda timeout is Sandbox.Timedout", async () => {
    const arn = h.add("Timeouts", {
      StartAt: "Slow",
      States: {
        Slow: { Type: "Task", Resource: fnArn("slow"), TimeoutSeconds: 2, Next: "Done", Catch: [{ ErrorEquals: ["States.TaskFailed"], Next: "Wrong" }, { ErrorEquals: ["States.Timeout"], ResultPath: "$.error", Next: "LambdaTimeout" }] },
        LambdaTimeout: { Type: "Task", Resource: fnArn("slow"), Catch: [{ ErrorEquals: ["Sandbox.Timedout"], ResultPath: "$.lambdaError", Next: "Done" }], End: true },
        Wrong: { Type: "Fail", Error: "Wrong" },
        Done: { Type: "Succeed" },
      },
    });
    const run = await h.sfn.startExecution({ stateMachineArn: arn });
    await advanceWhenDue(h.clock, 2_000);
    await advanceWhenDue(h.clock, 3_000);
    const done = await h.sfn.finished(run.executionArn);
    assert.equal(done.status, "SUCCEEDED");
    const output = JSON.parse(done.output!);
    assert.equal(output.error.Error, "States.Timeout");
    assert.equal(JSON.parse(output.lambdaError.Cause).errorMessage, "Task timed out after 3.00 seconds");
    assert.ok(done.history.some((e) => e.type === "LambdaFunctionTimedOut"));
  });

  test("each waitForTaskToken task gets its own token, resumed by SendTaskSuccess and SendTaskFailure", async () => {
    const sent: Record<string, unknown>[] = [];
    h.sfn["options"].integrations.sendSqsMessage = async (params) => {
      sent.push(params);
      return { MessageId: `m-${sent.length}` };
    };
    const arn = h.add("Await", {
      StartAt: "Each",
      States: {
        Each: {
          Type: "Map", ItemsPath: "$.matches", End: true,
          ItemProcessor: { StartAt: "Park", States: { Park: { Type: "Task", Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken", Parameters: { QueueUrl: "q", MessageBody: { "match.$": "$.id", "token.$": "$$.Task.Token" } }, Catch: [{ ErrorEquals: ["MatchAbandoned"], ResultPath: "$.error", Next: "Void" }], End: true }, Void: { Type: "Pass", Result: "void", End: true } } },
        },
      },
    });
    const run = await h.sfn.startExecution({ stateMachineArn: arn, input: JSON.stringify({ matches: [{ id: "m1" }, { id: "m2" }] }) });
    for (let i = 0; i < 200 && sent.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(sent.length, 2);
    const bodies = sent.map((p) => JSON.parse(String(p.MessageBody)) as { match: string; token: string });
    assert.notEqual(bodies[0].token, bodies[1].token);
    const byMatch = Object.fromEntries(bodies.map((b) => [b.match, b.token]));
    await h.client.send(new SendTaskSuccessCommand({ taskToken: byMatch.m1, output: JSON.stringify({ result: "1-0" }) }));
    await h.client.send(new SendTaskFailureCommand({ taskToken: byMatch.m2, error: "MatchAbandoned", cause: "floodlights" }));
    const done = await h.sfn.finished(run.executionArn);
    assert.equal(done.status, "SUCCEEDED", done.cause);
    assert.deepEqual(JSON.parse(done.output!), [{ result: "1-0" }, "void"]);
    assert.deepEqual(done.history.filter((e) => e.type.startsWith("Map")).map((e) => e.type).slice(0, 2), ["MapStateEntered", "MapStateStarted"]);
    assert.equal(done.history.filter((e) => e.type === "TaskSubmitted").length, 2);
    await assert.rejects(h.client.send(new SendTaskSuccessCommand({ taskToken: byMatch.m1, output: "{}" })), { name: "TaskTimedOut" });
    await assert.rejects(h.client.send(new SendTaskSuccessCommand({ taskToken: "not-a-token", output: "{}" })), { name: "InvalidToken" });
    const unknown = `${Buffer.from(run.executionArn).toString("base64url")}.00000000-0000-4000-8000-000000000000`;
    await assert.rejects(h.client.send(new SendTaskSuccessCommand({ taskToken: unknown, output: "{}" })), { name: "TaskDoesNotExist" });
  });

  test("startExecution.sync:2 waits for the child and returns its output as JSON; Map doubles each item", async () => {
    const child = h.add("Child", {
      StartAt: "Double",
      States: { Double: { Type: "Map", ItemsPath: "$.values", ItemSelector: { "value.$": "$$.Map.Item.Value" }, ItemProcessor: { StartAt: "Call", States: { Call: { Type: "Task", Resource: fnArn("double"), End: true } } }, End: true } },
    }, "EXPRESS");
    const parent = h.add("Parent", {
      StartAt: "Run",
      States: { Run: { Type: "Task", Resource: "arn:aws:states:::states:startExecution.sync:2", Parameters: { StateMachineArn: child, "Input.$": "$" }, OutputPath: "$.Output", End: true } },
    });
    const run = await h.sfn.startExecution({ stateMachineArn: parent, input: JSON.stringify({ values: [1, 2, 3] }) });
    const done = await h.sfn.finished(run.executionArn);
    assert.equal(done.status, "SUCCEEDED", done.cause);
    assert.deepEqual(JSON.parse(done.output!), [{ value: 2 }, { value: 4 }, { value: 6 }]);
  });

  test("a STANDARD execution journals its tasks for a restart; an EXPRESS one, never resumed, keeps no journal", async () => {
    const definition = { StartAt: "Call", States: { Call: { Type: "Task" as const, Resource: fnArn("double"), Parameters: { "value.$": "$.value" }, End: true } } };
    const records = [];
    for (const type of ["STANDARD", "EXPRESS"] as const) {
      const run = await h.sfn.startExecution({ stateMachineArn: h.add(`Journal${type}`, definition, type), input: JSON.stringify({ value: 4 }) });
      const done = await h.sfn.finished(run.executionArn);
      assert.equal(done.status, "SUCCEEDED", done.cause);
      assert.deepEqual(JSON.parse(done.output!), { value: 8 });
      records.push(done);
    }
    assert.deepEqual(records.map((r) => r.journal.map((e) => e.status)), [["succeeded"], []]);
    // The history is kept the same for both.
    assert.deepEqual(records[0].history.map((e) => e.type), records[1].history.map((e) => e.type));
  });

  test("STANDARD names are unique per state machine: same input while running is idempotent", async () => {
    const arn = h.add("Named", { StartAt: "Wait", States: { Wait: { Type: "Wait", Seconds: 60, End: true } } });
    const first = await h.client.send(new StartExecutionCommand({ stateMachineArn: arn, name: "match-1", input: "{}" }));
    const again = await h.client.send(new StartExecutionCommand({ stateMachineArn: arn, name: "match-1", input: "{}" }));
    assert.equal(again.executionArn, first.executionArn);
    await assert.rejects(h.client.send(new StartExecutionCommand({ stateMachineArn: arn, name: "match-1", input: "{\"x\":1}" })), { name: "ExecutionAlreadyExists" });
    await timerWithin(h.clock, 60_000);
    await h.clock.advance(59_999);
    assert.equal(h.sfn.execution(first.executionArn!).status, "RUNNING");
    await h.clock.advance(1);
    const done = await h.sfn.finished(first.executionArn!);
    assert.deepEqual(done.history.map((e) => e.type), ["ExecutionStarted", "WaitStateEntered", "WaitStateExited", "ExecutionSucceeded"]);
    await assert.rejects(h.client.send(new StartExecutionCommand({ stateMachineArn: arn, name: "match-1", input: "{}" })), { name: "ExecutionAlreadyExists" });
  });
});
