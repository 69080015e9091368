import { afterAll, beforeAll, describe, test } from "vitest";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { GetExecutionHistoryCommand, SendTaskSuccessCommand, StartExecutionCommand, StartSyncExecutionCommand } from "@aws-sdk/client-sfn";
import { ManualClock } from "@pricing/local/clock";
import { JsonFileExecutionStore, LIMITS, stateMachinesFromTemplate } from "@pricing/local/stepfunctions/index";
import { fnArn, harness, lambdaSpec, smArn, timerWithin, writeHandlers, type Harness } from "./stepfunctions-harness";

const handlers = writeHandlers({
  "big.ts": `export const handler = async (event: { bytes: number }) => ({ blob: "x".repeat(event.bytes) });`,
  "count.ts": `let calls = 0;
    export const handler = async () => ({ calls: ++calls });`,
});
const functions = [lambdaSpec("big", "big.handler"), lambdaSpec("count", "count.handler")];

describe("local Step Functions keeps AWS's limits", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness(handlers.root, functions);
  });
  afterAll(async () => {
    await h.close();
  });

  test("an EXPRESS execution times out after 5 minutes of clock time (StartSyncExecution through the SDK)", async () => {
    const arn = h.add("Price", { StartAt: "Hold", States: { Hold: { Type: "Wait", Seconds: 400, End: true } } }, "EXPRESS");
    const reply = h.client.send(new StartSyncExecutionCommand({ stateMachineArn: arn, input: "{}" }));
    await timerWithin(h.clock, LIMITS.expressDurationMs);
    await h.clock.advance(LIMITS.expressDurationMs - 1);
    await h.clock.advance(1);
    const result = await reply;
    assert.equal(result.status, "TIMED_OUT");
    assert.equal(result.stopDate!.getTime() - result.startDate!.getTime(), 300_000);
  });

  test("finished EXPRESS executions are kept up to a count and a budget of text, the oldest let go first, the latest always", async () => {
    const kept = await harness(handlers.root, functions, { expressRetention: 3, expressRetentionChars: 50_000 });
    try {
      const arn = kept.add("Blob", { StartAt: "Make", States: { Make: { Type: "Task", Resource: fnArn("big"), End: true } } }, "EXPRESS");
      const run = async (bytes: number) => (await kept.client.send(new StartSyncExecutionCommand({ stateMachineArn: arn, input: JSON.stringify({ bytes }) }))).executionArn!;
      const isKept = (execution: string) => {
        try {
          return kept.sfn.execution(execution).status === "SUCCEEDED";
        } catch (error) {
          assert.equal((error as { type?: string }).type, "ExecutionDoesNotExist");
          return false;
        }
      };
      // A 10,000-character blob is in the task's output, the state's exit and the execution's output: 30,000 characters and more.
      const [a, b] = [await run(10_000), await run(10_000)];
      assert.deepEqual([isKept(a), isKept(b)], [false, true]);
      const [c, d, e] = [await run(0), await run(0), await run(0)];
      assert.deepEqual([b, c, d, e].map(isKept), [false, true, true, true]);
      // Over the budget on its own: the latest stays, describable, and everything before it goes.
      const f = await run(100_000);
      assert.deepEqual([c, d, e, f].map(isKept), [false, false, false, true]);
      assert.equal(JSON.parse(kept.sfn.execution(f).output!).blob.length, 100_000);
    } finally {
      await kept.close();
    }
  });

  test("a STANDARD execution fails with States.Runtime when its history reaches 25,000 events", async () => {
    const arn = h.add("Loop", {
      StartAt: "Count",
      States: {
        Count: { Type: "Pass", Parameters: { "n.$": "States.MathAdd($.n, 1)" }, Next: "More" },
        More: { Type: "Choice", Choices: [{ Variable: "$.n", NumericLessThan: 100000, Next: "Count" }], Default: "Done" },
        Done: { Type: "Succeed" },
      },
    });
    const run = await h.sfn.startExecution({ stateMachineArn: arn, input: JSON.stringify({ n: 0 }) });
    const done = await h.sfn.finished(run.executionArn);
    assert.equal(done.status, "FAILED");
    assert.equal(done.error, "States.Runtime");
    assert.equal(done.history.length, LIMITS.historyEvents);
    assert.equal(done.history.at(-1)!.type, "ExecutionFailed");
    const page = await h.client.send(new GetExecutionHistoryCommand({ executionArn: run.executionArn, reverseOrder: true, maxResults: 1 }));
    assert.equal(page.events![0].id, 25_000);
    assert.equal(page.events![0].executionFailedEventDetails?.error, "States.Runtime");
  });

  test("a task result over 256 KiB fails with States.DataLimitExceeded, which States.ALL does not catch", async () => {
    const arn = h.add("Big", {
      StartAt: "Make",
      States: {
        Make: { Type: "Task", Resource: fnArn("big"), Catch: [{ ErrorEquals: ["States.ALL"], Next: "Caught" }], End: true },
        Caught: { Type: "Succeed" },
      },
    });
    const fits = await h.sfn.finished((await h.sfn.startExecution({ stateMachineArn: arn, input: JSON.stringify({ bytes: LIMITS.payloadBytes - 20 }) })).executionArn);
    assert.equal(fits.status, "SUCCEEDED");
    const over = await h.sfn.finished((await h.sfn.startExecution({ stateMachineArn: arn, input: JSON.stringify({ bytes: LIMITS.payloadBytes }) })).executionArn);
    assert.equal(over.status, "FAILED");
    assert.equal(over.error, "States.DataLimitExceeded");
    await assert.rejects(
      h.client.send(new StartExecutionCommand({ stateMachineArn: arn, input: JSON.stringify({ pad: "x".repeat(LIMITS.payloadBytes) }) })),
      { name: "ValidationException" },
    );
  });
});

describe("a restarted local Step Functions re-attaches waiting STANDARD executions", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "sfn-store-"));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    handlers.cleanup();
  });

  test("an execution parked on a task token resumes from the store without re-running finished tasks", async () => {
    const file = path.join(dir, "executions.json");
    const definition = {
      StartAt: "Register",
      States: {
        Register: { Type: "Task", Resource: fnArn("count"), ResultPath: "$.registered", Next: "AwaitKickoff" },
        AwaitKickoff: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken", Parameters: { FunctionName: fnArn("count"), Payload: { "token.$": "$$.Task.Token" } }, ResultPath: "$.kickoff", Next: "Settle" },
        Settle: { Type: "Task", Resource: fnArn("count"), ResultPath: "$.settled", End: true },
      },
    };
    const clock = new ManualClock();
    const first = await harness(handlers.root, functions, { store: new JsonFileExecutionStore(file), clock });
    first.add("Lifecycle", definition);
    const run = await first.sfn.startExecution({ stateMachineArn: smArn("Lifecycle"), name: "match-7" });
    for (let i = 0; i < 400 && !Object.keys(run.tokens).length; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    const [token] = Object.keys(run.tokens);
    assert.ok(token);
    assert.equal(first.lambda.usage().total.invocations, 2);
    await first.close();

    const second = await harness(handlers.root, functions, { store: new JsonFileExecutionStore(file), clock });
    try {
      second.add("Lifecycle", definition);
      assert.deepEqual(await second.sfn.resume(), [run.executionArn]);
      await second.client.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ kickedOff: true }) }));
      const done = await second.sfn.finished(run.executionArn);
      assert.equal(done.status, "SUCCEEDED", done.cause);
      const output = JSON.parse(done.output!);
      assert.deepEqual(output.kickoff, { kickedOff: true });
      assert.deepEqual(output.registered, { calls: 1 });
      // Only Settle ran after the restart: the module's count starts from what the first process left.
      assert.equal(second.lambda.usage().total.invocations, 1);
      const types = done.history.map((e) => e.type);
      assert.equal(types.filter((t) => t === "ExecutionStarted").length, 1);
      assert.deepEqual(types, [
        "ExecutionStarted",
        "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionSucceeded", "TaskStateExited",
        "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded", "TaskStateExited",
        "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionSucceeded", "TaskStateExited",
        "ExecutionSucceeded",
      ]);
    } finally {
      await second.close();
    }
  });
});

describe("state machines from a synthesized template", () => {
  test("DefinitionString as Fn::Join with Refs and DefinitionSubstitutions resolve to a runnable spec", () => {
    const template = {
      Resources: {
        LifecycleSM1234: {
          Type: "AWS::StepFunctions::StateMachine",
          Properties: {
            StateMachineType: "STANDARD",
            RoleArn: { "Fn::GetAtt": ["LifecycleRole", "Arn"] },
            DefinitionString: { "Fn::Join": ["", ['{"StartAt":"R","States":{"R":{"Type":"Task","Resource":"', { "Fn::GetAtt": ["RegisterFn", "Arn"] }, '","Next":"Q"},"Q":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage","Parameters":{"QueueUrl":"${QueueUrl}","MessageBody":"x"},"End":true}}}']] },
            DefinitionSubstitutions: { QueueUrl: { Ref: "TicksQueue" } },
          },
        },
      },
    };
    const resolve = (value: unknown): unknown => {
      const v = value as Record<string, any>;
      if (typeof value !== "object" || value === null) return value;
      if (v.Ref === "LifecycleSM1234") return smArn("Lifecycle");
      if (v.Ref === "TicksQueue") return "http://127.0.0.1:4010/000000000000/ticks";
      if (v["Fn::GetAtt"]) return `arn:${v["Fn::GetAtt"].join(":")}`;
      if (v["Fn::Join"]) return v["Fn::Join"][1].map(resolve).join(v["Fn::Join"][0]);
      return value;
    };
    const [spec] = stateMachinesFromTemplate(template, resolve, 0);
    assert.equal(spec.arn, smArn("Lifecycle"));
    assert.equal(spec.name, "Lifecycle");
    assert.equal(spec.roleArn, "arn:LifecycleRole:Arn");
    assert.equal(spec.definition.States.R.Resource, "arn:RegisterFn:Arn");
    assert.equal(spec.definition.States.Q.Parameters.QueueUrl, "http://127.0.0.1:4010/000000000000/ticks");
  });
});
