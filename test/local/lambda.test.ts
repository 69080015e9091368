import { afterAll, describe, test } from "vitest";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ManualClock } from "@pricing/local/clock";
import { runtimeEnvironment } from "@pricing/local/lambda/context";
import { DURATION_BUCKET_MS, DURATION_BUCKETS, durationBucket, durationPercentile } from "@pricing/local/lambda/types";
import { LocalLambda, lambdaFunctionsFromTemplate, sstFunctionHandlers, type LambdaFunctionSpec } from "@pricing/local/lambda/index";
import { lambdaSpec, timerWithin, writeHandlers } from "./stepfunctions-harness";

const handlers = writeHandlers({
  "env.ts": `export async function handler(event: { pause: number }, context: any) {
      const before = process.env.TABLE_NAME;
      await new Promise((resolve) => setTimeout(resolve, event.pause));
      return { before, after: process.env.TABLE_NAME, name: context.functionName, arn: context.invokedFunctionArn,
        memory: context.memoryLimitInMB, group: context.logGroupName, remaining: context.getRemainingTimeInMillis(),
        runtimeName: process.env.AWS_LAMBDA_FUNCTION_NAME, keys: Object.keys(process.env).includes("TABLE_NAME") };
    }`,
  "fail.ts": `class StaleEventError extends Error { override name = "StaleEventError"; }
    export const handler = async () => { throw new StaleEventError("seq 4 after 5"); };`,
  "hang.ts": `export const handler = () => new Promise(() => undefined);`,
  "callback.js": `exports.handler = (event, context, callback) => { setImmediate(() => callback(null, { ok: event.n })); };`,
});
afterAll(() => handlers.cleanup());

function local(clock = new ManualClock(), specs: LambdaFunctionSpec[] = []) {
  const lambda = new LocalLambda({ clock, appRoot: handlers.root, region: "eu-west-1" });
  for (const spec of specs) lambda.register(spec);
  return lambda;
}

describe("local Lambda", () => {
  test("each invocation sees its own function's environment and a Lambda-like context, even when interleaved", async () => {
    const clock = new ManualClock();
    const lambda = local(clock, [
      lambdaSpec("ingest", "env.handler", { environment: { TABLE_NAME: "ingest-table" }, memoryMB: 512, timeoutSeconds: 10 }),
      lambdaSpec("settle", "env.handler", { environment: { TABLE_NAME: "settle-table" } }),
    ]);
    const before = process.env.TABLE_NAME;
    const [a, b] = await Promise.all([lambda.invoke("ingest", { pause: 30 }), lambda.invoke("arn:aws:lambda:us-east-1:000000000000:function:settle:$LATEST", { pause: 1 })]);
    assert.deepEqual(a.payload, { before: "ingest-table", after: "ingest-table", name: "ingest", arn: "arn:aws:lambda:us-east-1:000000000000:function:ingest", memory: "512", group: "/aws/lambda/ingest", remaining: 10_000, runtimeName: "ingest", keys: true });
    assert.equal((b.payload as { after: string }).after, "settle-table");
    assert.equal(process.env.TABLE_NAME, before);
    assert.equal(lambda.peakConcurrency, 2);
  });

  test("a handler error comes back as the runtime's error document, named after the error", async () => {
    const lambda = local(undefined, [lambdaSpec("fail", "fail.handler")]);
    const result = await lambda.invoke("fail", {});
    assert.equal(result.functionError, "Unhandled");
    assert.equal(result.error?.errorType, "StaleEventError");
    assert.equal(result.error?.errorMessage, "seq 4 after 5");
    assert.equal(lambda.usage().byFunction.fail.errors, 1);
    await assert.rejects(lambda.invoke("missing", {}), { name: "ResourceNotFoundException" });
  });

  test("a handler that outlives Timeout on the clock fails like AWS, and callback handlers work", async () => {
    const clock = new ManualClock();
    const lambda = local(clock, [lambdaSpec("hang", "hang.handler", { timeoutSeconds: 3 }), lambdaSpec("callback", "callback.handler")]);
    const pending = lambda.invoke("hang", {});
    await timerWithin(clock, 3_000);
    await clock.advance(3_000);
    const result = await pending;
    assert.deepEqual(result.error, { errorType: "Sandbox.Timedout", errorMessage: "Task timed out after 3.00 seconds" });
    assert.equal(lambda.usage().total.timeouts, 1);
    assert.deepEqual((await lambda.invoke("callback", { n: 7 })).payload, { ok: 7 });
  });

  test("usage counts invocations and GB-s from billed duration and MemorySize; reserved concurrency throttles", async () => {
    const clock = new ManualClock();
    const lambda = local(clock, [lambdaSpec("one", "hang.handler", { memoryMB: 2048, reservedConcurrency: 1, timeoutSeconds: 1 })]);
    const first = lambda.invoke("one", {});
    await assert.rejects(lambda.invoke("one", {}), { name: "TooManyRequestsException" });
    await timerWithin(clock, 1_000);
    await clock.advance(1_000);
    const result = await first;
    const usage = lambda.usage().byFunction.one;
    assert.deepEqual([usage.invocations, usage.throttles], [1, 1]);
    assert.equal(usage.billedDurationMs, result.billedDurationMs);
    assert.ok(Math.abs(usage.gbSeconds - (result.billedDurationMs / 1000) * 2) < 1e-12);
    // The invocation sits in the duration bucket holding its duration, and the totals add the buckets.
    const k = usage.durations.findIndex((count) => count > 0);
    assert.equal(usage.durations.reduce((a, b) => a + b, 0), 1);
    assert.ok((k === 0 ? 0 : DURATION_BUCKET_MS(k)) <= result.durationMs && result.durationMs < DURATION_BUCKET_MS(k + 1), `${result.durationMs} ms in bucket ${k}`);
    assert.deepEqual(lambda.usage().total.durations, usage.durations);
  });

  test("a window's duration percentile is the bound of the bucket it falls in", () => {
    assert.equal(durationBucket(0.3), 0);
    assert.equal(durationBucket(1.5), 1);
    assert.equal(durationBucket(100), 13);
    assert.equal(durationBucket(1e12), DURATION_BUCKETS - 1);
    const counts = new Array<number>(DURATION_BUCKETS).fill(0);
    counts[durationBucket(10)] = 98;
    counts[durationBucket(300)] = 2;
    assert.equal(durationPercentile(counts, 50), DURATION_BUCKET_MS(durationBucket(10) + 1));
    assert.equal(durationPercentile(counts, 98), DURATION_BUCKET_MS(durationBucket(10) + 1));
    assert.equal(durationPercentile(counts, 99), DURATION_BUCKET_MS(durationBucket(300) + 1));
    assert.equal(durationPercentile(new Array<number>(DURATION_BUCKETS).fill(0), 99), null);
  });
});

describe("functions of a synthesized SST v2 stack", () => {
  test("the source handler comes from the construct tree; Timeout, MemorySize and Environment from the template", async () => {
    process.env.NODE_ENV ??= "test";
    const { setProject } = await import("sst/project.js");
    const { App, Stack, Function } = await import("sst/constructs");
    const { Template } = await import("aws-cdk-lib/assertions");
    // SST's logger appends to <out>/debug.log asynchronously: give it a directory that outlives the test.
    const out = mkdtempSync(path.join(tmpdir(), "sst-out-"));
    process.on("exit", () => rmSync(out, { recursive: true, force: true }));
    setProject({ version: "test", cdkVersion: "test", constructsVersion: "test", config: { name: "pricing", stage: "test", region: "us-east-1" }, stacks: () => undefined, metafile: {}, paths: { root: out, out, artifacts: out, config: "" } } as never);
    const app = new App({ mode: "deploy", stage: "test", region: "us-east-1", name: "pricing" } as never);
    const stack = new Stack(app, "functions");
    const table = "local-pricing";
    new Function(stack, "Ingest", { handler: "packages/functions/src/events/ingest.handler", runtime: "nodejs22.x", timeout: 10, memorySize: 512, environment: { TABLE_NAME: table } });
    const template = Template.fromStack(stack as never).toJSON() as { Resources: Record<string, { Type: string; Properties: { Handler?: string } }> };
    const handlers_ = Object.fromEntries(sstFunctionHandlers(stack).map((h) => [h.logicalId, h.handler]));
    const [logicalId] = Object.keys(handlers_);
    assert.equal(template.Resources[logicalId].Properties.Handler, "index.placeholder");
    const resolve = (value: unknown) => {
      const v = value as { Ref?: string; "Fn::GetAtt"?: string[] };
      if (v?.Ref) return `pricing-test-${v.Ref}`;
      if (v?.["Fn::GetAtt"]) return `arn:aws:lambda:us-east-1:000000000000:function:pricing-test-${v["Fn::GetAtt"][0]}`;
      return value;
    };
    const specs = lambdaFunctionsFromTemplate(template, { resolve, handlers: handlers_ });
    assert.equal(specs.length, 1);
    assert.deepEqual(
      { handler: specs[0].handler, timeout: specs[0].timeoutSeconds, memory: specs[0].memoryMB, table: specs[0].environment.TABLE_NAME, stage: specs[0].environment.SST_STAGE },
      { handler: "packages/functions/src/events/ingest.handler", timeout: 10, memory: 512, table, stage: "test" },
    );
    // The runtime's AWS_EXECUTION_ENV follows the runtime the template deploys.
    assert.equal(specs[0].runtime, "nodejs22.x");
    assert.equal(runtimeEnvironment(specs[0], "us-east-1").AWS_EXECUTION_ENV, "AWS_Lambda_nodejs22.x");
  });
});
