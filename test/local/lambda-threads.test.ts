import { afterAll, describe, test } from "vitest";
import assert from "node:assert/strict";
import http from "node:http";
import os from "node:os";
import type { AddressInfo } from "node:net";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { startLocalCloud } from "@pricing/local";
import { ManualClock, RealClock } from "@pricing/local/clock";
import { CALLER_HEADER, type Permissions } from "@pricing/local/iam";
import type { TargetAnswer } from "@pricing/local/server";
import { LocalLambda, type LambdaFunctionSpec } from "@pricing/local/lambda/index";
import { BACKGROUND_NICENESS, ThreadedRunner } from "@pricing/local/lambda/threads";
import { isClockWork } from "@pricing/local/wiring/lanes";
import { lambdaSpec, writeHandlers } from "./stepfunctions-harness";

const handlers = writeHandlers({
  "where.ts": `import { threadId } from "node:worker_threads";
    export async function handler(event: { pause: number }, context: any) {
      const before = process.env.TABLE_NAME;
      await new Promise((resolve) => setTimeout(resolve, event.pause));
      return { threadId, pid: process.pid, before, after: process.env.TABLE_NAME, name: context.functionName, requestId: context.awsRequestId,
        envRequestId: process.env.AWS_LAMBDA_REQUEST_ID, now: Date.now(), remaining: context.getRemainingTimeInMillis() };
    }`,
  "fail.ts": `class StaleEventError extends Error { override name = "StaleEventError"; }
    export const handler = async () => { throw new StaleEventError("seq 4 after 5"); };`,
  "exit.ts": `export const handler = async () => { process.exit(3); };`,
  "hang.ts": `export const handler = () => new Promise(() => undefined);`,
  "dynamo.ts": `import http from "node:http";
    // DynamoDB's JSON protocol as an SDK client speaks it, to the endpoint the function's environment names.
    const call = (action: string, input: object) => new Promise<{ status: number; body: any }>((resolve, reject) => {
      const { hostname, port } = new URL(process.env.AWS_ENDPOINT_URL_DYNAMODB!);
      const headers = { "content-type": "application/x-amz-json-1.0", "x-amz-target": "DynamoDB_20120810." + action };
      const request = http.request({ hostname, port, path: "/", method: "POST", headers }, (response) => {
        let text = "";
        response.on("data", (chunk) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode!, body: JSON.parse(text) }));
      });
      request.on("error", reject).end(JSON.stringify(input));
    });
    export async function handler() {
      const key = { pk: { S: "match#1" }, sk: { S: "state" } };
      const got = await call("GetItem", { TableName: "pricing", Key: key });
      const put = await call("PutItem", { TableName: "pricing", Item: key });
      return { got: got.body, put: put.body.__type, endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB };
    }`,
  "dynamo-sdk.ts": `import { DynamoDBClient, GetItemCommand, PutItemCommand } from ${JSON.stringify(createRequire(import.meta.url).resolve("@aws-sdk/client-dynamodb"))};
    import { answeredInProcess } from ${JSON.stringify(new URL("../../packages/local/src/wiring/in-process-transport.ts", import.meta.url).href)};
    const client = new DynamoDBClient({ region: "eu-west-1", credentials: { accessKeyId: "local", secretAccessKey: "local" }, maxAttempts: 1 });
    export async function handler() {
      const key = { pk: { S: "match#1" }, sk: { S: "state" } };
      const before = answeredInProcess();
      const got = await client.send(new GetItemCommand({ TableName: "pricing", Key: key }));
      const put = await client.send(new PutItemCommand({ TableName: "pricing", Item: key })).then(() => "written", (error) => error.name);
      return { item: got.Item, consumed: got.ConsumedCapacity ?? null, put, inProcess: answeredInProcess() - before };
    }`,
  "call.ts": `import http from "node:http";
    export const handler = (event: { url: string }) => new Promise((resolve, reject) => {
      const { hostname, port, pathname } = new URL(event.url);
      http.request({ hostname, port, path: pathname, method: "GET" }, (response) => { response.resume(); response.on("end", () => resolve(response.statusCode)); }).on("error", reject).end();
    });`,
});

const opened: Array<{ close(): Promise<void> }> = [];
afterAll(async () => {
  await Promise.all(opened.map((o) => o.close()));
  handlers.cleanup();
});

type ThreadOptions = ConstructorParameters<typeof ThreadedRunner>[0];

/** A local Lambda whose handlers run in `threads` worker threads, on a clock at 60x from 2030. */
function threaded(specs: LambdaFunctionSpec[], threads = 1, dynamodb?: ThreadOptions["dynamodb"], endpoint?: ThreadOptions["endpoint"], processes = false, background?: ThreadOptions["background"]) {
  const clock = new RealClock({ speed: 60, startMs: Date.UTC(2030, 0, 1), unref: true });
  const runner = new ThreadedRunner({ appRoot: handlers.root, timeline: clock.timeline, threads, dynamodb, endpoint, processes, background });
  const lambda = new LocalLambda({ clock, appRoot: handlers.root, region: "eu-west-1", runner });
  for (const spec of specs) lambda.register(spec);
  opened.push(lambda);
  return { clock, lambda, runner };
}

/** An HTTP server on a free port that answers every request with `answer`, noting what came. */
async function fakeServer(answer: (body: string, request: http.IncomingMessage) => string) {
  const seen: Array<{ target?: string; caller?: string; body: string }> = [];
  const server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      seen.push({ target: request.headers["x-amz-target"] as string | undefined, caller: request.headers[CALLER_HEADER] as string | undefined, body });
      response.setHeader("content-type", "application/x-amz-json-1.0");
      response.end(answer(body, request));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  opened.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

type Where = { threadId: number; pid: number; before: string; after: string; name: string; requestId: string; envRequestId: string; now: number; remaining: number };

describe("handlers in worker threads", () => {
  test("run off the local cloud's thread, each in its function's environment, context and the clock's time of day", async () => {
    const { clock, lambda } = threaded([
      lambdaSpec("ingest", "where.handler", { environment: { TABLE_NAME: "ingest-table" }, timeoutSeconds: 10 }),
      lambdaSpec("settle", "where.handler", { environment: { TABLE_NAME: "settle-table" } }),
    ]);
    await lambda.preload();
    const earliest = clock.now();
    const [a, b] = await Promise.all([lambda.invoke("ingest", { pause: 30 }), lambda.invoke("settle", { pause: 1 })]);
    const latest = clock.now();
    const [wa, wb] = [a.payload as Where, b.payload as Where];
    assert.notEqual(wa.threadId, 0);
    assert.deepEqual([wa.before, wa.after, wa.name, wb.after, wb.name], ["ingest-table", "ingest-table", "ingest", "settle-table", "settle"]);
    assert.equal(wa.requestId, a.requestId);
    assert.equal(wa.envRequestId, a.requestId);
    // Date inside the thread follows the clock (2030, at 60x), not the machine's time.
    assert.ok(wa.now >= earliest && wa.now <= latest, `${wa.now} within [${earliest}, ${latest}]`);
    assert.ok(wa.remaining > 0 && wa.remaining <= 10_000);
    assert.equal(lambda.peakConcurrency, 2);
  });

  test("spread concurrent invocations over the threads", async () => {
    const { lambda } = threaded([lambdaSpec("where", "where.handler")], 2);
    const results = await Promise.all([lambda.invoke("where", { pause: 50 }), lambda.invoke("where", { pause: 50 })]);
    const threads = new Set(results.map((r) => (r.payload as Where).threadId));
    assert.equal(threads.size, 2);
  });

  test("a handler error comes back as the runtime's error document; a thread that exits fails its invocation and is replaced", async () => {
    const { lambda } = threaded([lambdaSpec("fail", "fail.handler"), lambdaSpec("exit", "exit.handler"), lambdaSpec("where", "where.handler")]);
    const failed = await lambda.invoke("fail", {});
    assert.deepEqual([failed.functionError, failed.error?.errorType, failed.error?.errorMessage], ["Unhandled", "StaleEventError", "seq 4 after 5"]);
    const before = (await lambda.invoke("where", { pause: 0 })).payload as Where;
    const exited = await lambda.invoke("exit", {});
    assert.equal(exited.error?.errorType, "Runtime.ExitError");
    const afterExit = await lambda.invoke("where", { pause: 0 });
    assert.equal(afterExit.functionError, undefined);
    assert.notEqual((afterExit.payload as Where).threadId, before.threadId);
    assert.equal(lambda.usage().total.errors, 2);
  });

  test("a handler that outlives its Timeout times out, while the thread goes on serving others", async () => {
    const { lambda } = threaded([lambdaSpec("hang", "hang.handler", { timeoutSeconds: 1 }), lambdaSpec("where", "where.handler")]);
    const hung = lambda.invoke("hang", {});
    assert.equal((await lambda.invoke("where", { pause: 0 })).functionError, undefined);
    assert.deepEqual((await hung).error, { errorType: "Sandbox.Timedout", errorMessage: "Task timed out after 1.00 seconds" });
  });

  test("requests a handler makes carry its function's name for the endpoint's role check", async () => {
    const server = await fakeServer(() => "ok");
    const { lambda } = threaded([lambdaSpec("publisher", "call.handler")]);
    const result = await lambda.invoke("publisher", { url: `${server.url}/` });
    assert.equal(result.payload, 200);
    assert.deepEqual(server.seen.map((s) => s.caller), ["publisher"]);
  });

  test("a thread serves its handlers' DynamoDB requests itself: the function's role is checked and capacity counted", async () => {
    const backend = await fakeServer((body) => (JSON.parse(body).Key ? JSON.stringify({ Item: { pk: { S: "match#1" } }, ConsumedCapacity: { TableName: "pricing", CapacityUnits: 0.5 } }) : "{}"));
    const permissions: Permissions = new Map([["loader", [{ effect: "Allow", actions: [/^dynamodb:GetItem$/i, /^dynamodb:Query$/i], services: [/^dynamodb$/i, /^dynamodb$/i] }]]]);
    const { lambda, runner } = threaded([lambdaSpec("loader", "dynamo.handler", { environment: { AWS_ENDPOINT_URL_DYNAMODB: "http://127.0.0.1:9/never-called" } })], 1, { backendEndpoint: backend.url, permissions, accountId: "000000000000" });
    await lambda.preload();
    const result = await lambda.invoke("loader", {});
    const payload = result.payload as { got: unknown; put: string; endpoint: string };
    // The capacity the caller did not ask for is taken out of the answer again.
    assert.deepEqual(payload.got, { Item: { pk: { S: "match#1" } } });
    // The PutItem the role does not allow never reaches the backend.
    assert.equal(payload.put, "AccessDeniedException");
    assert.deepEqual(backend.seen.map((s) => s.target), ["DynamoDB_20120810.GetItem"]);
    // The backend is asked for the capacity it used, and the thread's count comes back with the outcome.
    assert.equal(JSON.parse(backend.seen[0].body).ReturnConsumedCapacity, "TOTAL");
    assert.notEqual(payload.endpoint, "http://127.0.0.1:9/never-called");
    assert.deepEqual(runner.dynamodbUsage, { readUnits: 0.5, writeUnits: 0, readRequests: 1, writeRequests: 0, failedConditionalWrites: 0 });
  });

  test("the SDK's DynamoDB requests in a thread are answered in process, with the same role check and count", async () => {
    const backend = await fakeServer((body) => (JSON.parse(body).Key ? JSON.stringify({ Item: { pk: { S: "match#1" } }, ConsumedCapacity: { TableName: "pricing", CapacityUnits: 0.5 } }) : "{}"));
    const permissions: Permissions = new Map([["loader", [{ effect: "Allow", actions: [/^dynamodb:GetItem$/i], services: [/^dynamodb$/i] }]]]);
    const { lambda, runner } = threaded([lambdaSpec("loader", "dynamo-sdk.handler")], 1, { backendEndpoint: backend.url, permissions, accountId: "000000000000" });
    const result = await lambda.invoke("loader", {});
    assert.equal(result.functionError, undefined, JSON.stringify(result.payload));
    assert.deepEqual(result.payload, { item: { pk: { S: "match#1" } }, consumed: null, put: "AccessDeniedException", inProcess: 2 });
    assert.deepEqual(backend.seen.map((s) => s.target), ["DynamoDB_20120810.GetItem"]);
    assert.deepEqual(runner.dynamodbUsage, { readUnits: 0.5, writeUnits: 0, readRequests: 1, writeRequests: 0, failedConditionalWrites: 0 });
  });

  test("requests to the local cloud's endpoint go to its thread as messages, with the caller's name, and its answers come back", async () => {
    const calls: Array<{ target: string; caller: string }> = [];
    const answer: NonNullable<ThreadOptions["endpoint"]>["answer"] = async (target, headers): Promise<TargetAnswer> => {
      calls.push({ target, caller: headers[CALLER_HEADER] });
      if (target.endsWith(".GetItem")) return { statusCode: 200, headers: { "content-type": "application/x-amz-json-1.0" }, body: JSON.stringify({ Item: { pk: { S: "match#2" } } }) };
      return { statusCode: 400, headers: { "content-type": "application/x-amz-json-1.0", "x-amzn-errortype": "AccessDeniedException" }, body: JSON.stringify({ __type: "AccessDeniedException", message: "no" }) };
    };
    // Nothing listens at the endpoint's address: only the message route can answer.
    const unreachable = "http://127.0.0.1:9";
    const { lambda } = threaded([lambdaSpec("loader", "dynamo-sdk.handler", { environment: { AWS_ENDPOINT_URL_DYNAMODB: unreachable } })], 1, undefined, { url: unreachable, answer });
    const result = await lambda.invoke("loader", {});
    assert.equal(result.functionError, undefined, JSON.stringify(result.payload));
    assert.deepEqual(result.payload, { item: { pk: { S: "match#2" } }, consumed: null, put: "AccessDeniedException", inProcess: 2 });
    assert.deepEqual(calls, [{ target: "DynamoDB_20120810.GetItem", caller: "loader" }, { target: "DynamoDB_20120810.PutItem", caller: "loader" }]);
  });
});

describe("handlers in child processes (processes: true)", () => {
  const forked = (specs: LambdaFunctionSpec[], threads = 1, dynamodb?: ThreadOptions["dynamodb"], endpoint?: ThreadOptions["endpoint"]) => threaded(specs, threads, dynamodb, endpoint, true);

  test("run in another process, each in its function's environment and context, on the clock's time of day", async () => {
    const { clock, lambda } = forked([
      lambdaSpec("ingest", "where.handler", { environment: { TABLE_NAME: "ingest-table" }, timeoutSeconds: 10 }),
      lambdaSpec("settle", "where.handler", { environment: { TABLE_NAME: "settle-table" } }),
    ]);
    await lambda.preload();
    const earliest = clock.now();
    const [a, b] = await Promise.all([lambda.invoke("ingest", { pause: 30 }), lambda.invoke("settle", { pause: 1 })]);
    const latest = clock.now();
    const [wa, wb] = [a.payload as Where, b.payload as Where];
    assert.notEqual(wa.pid, process.pid);
    assert.equal(wa.pid, wb.pid);
    assert.deepEqual([wa.before, wa.after, wa.name, wb.after, wb.name], ["ingest-table", "ingest-table", "ingest", "settle-table", "settle"]);
    assert.equal(wa.envRequestId, a.requestId);
    // 2030 at 60x, not the machine's time: the process follows the anchor each message carries.
    assert.ok(wa.now >= earliest - 60 && wa.now <= latest + 60, `${wa.now} within [${earliest}, ${latest}]`);
    assert.ok(wa.remaining > 0 && wa.remaining <= 10_000);
  });

  test("a handler error comes back as the runtime's error document; a process that exits fails its invocation and is replaced", async () => {
    const { lambda } = forked([lambdaSpec("fail", "fail.handler"), lambdaSpec("exit", "exit.handler"), lambdaSpec("where", "where.handler")]);
    const failed = await lambda.invoke("fail", {});
    assert.deepEqual([failed.functionError, failed.error?.errorType, failed.error?.errorMessage], ["Unhandled", "StaleEventError", "seq 4 after 5"]);
    const before = (await lambda.invoke("where", { pause: 0 })).payload as Where;
    const exited = await lambda.invoke("exit", {});
    assert.equal(exited.error?.errorType, "Runtime.ExitError");
    const afterExit = await lambda.invoke("where", { pause: 0 });
    assert.equal(afterExit.functionError, undefined);
    assert.notEqual((afterExit.payload as Where).pid, before.pid);
  });

  test("the SDK's DynamoDB requests are served in the process, role checked and counted; the endpoint's by message", async () => {
    const backend = await fakeServer((body) => (JSON.parse(body).Key ? JSON.stringify({ Item: { pk: { S: "match#1" } }, ConsumedCapacity: { TableName: "pricing", CapacityUnits: 0.5 } }) : "{}"));
    const permissions: Permissions = new Map([["loader", [{ effect: "Allow", actions: [/^dynamodb:GetItem$/i], services: [/^dynamodb$/i] }]]]);
    const { lambda, runner } = forked([lambdaSpec("loader", "dynamo-sdk.handler")], 1, { backendEndpoint: backend.url, permissions, accountId: "000000000000" });
    const result = await lambda.invoke("loader", {});
    assert.deepEqual(result.payload, { item: { pk: { S: "match#1" } }, consumed: null, put: "AccessDeniedException", inProcess: 2 });
    assert.deepEqual(runner.dynamodbUsage, { readUnits: 0.5, writeUnits: 0, readRequests: 1, writeRequests: 0, failedConditionalWrites: 0 });

    const calls: string[] = [];
    const answer: NonNullable<ThreadOptions["endpoint"]>["answer"] = async (target): Promise<TargetAnswer> => {
      calls.push(target);
      return { statusCode: 200, headers: { "content-type": "application/x-amz-json-1.0" }, body: JSON.stringify({ Item: { pk: { S: "match#2" } } }) };
    };
    const unreachable = "http://127.0.0.1:9";
    const viaEndpoint = forked([lambdaSpec("loader", "dynamo-sdk.handler", { environment: { AWS_ENDPOINT_URL_DYNAMODB: unreachable } })], 1, undefined, { url: unreachable, answer });
    const second = await viaEndpoint.lambda.invoke("loader", {});
    assert.deepEqual(second.payload, { item: { pk: { S: "match#2" } }, consumed: null, put: "written", inProcess: 2 });
    assert.deepEqual(calls, ["DynamoDB_20120810.GetItem", "DynamoDB_20120810.PutItem"]);
  });
});

describe("the clock's lane (background)", () => {
  const CLOCK_QUEUE_URL = "http://127.0.0.1:4566/000000000000/pricing-ClockTicks";
  const sqsBatch = (queue: string) => ({ Records: [{ messageId: "m-1", body: "{}", eventSourceARN: `arn:aws:sqs:eu-west-1:000000000000:${queue}` }] });

  test("the clock's work is a batch from the clock queue to the function that sends its ticks, or a jobs list; an event's work is not", () => {
    const tick = lambdaSpec("tick", "where.handler", { environment: { CLOCK_QUEUE_URL } });
    const ingest = lambdaSpec("ingest", "where.handler", { environment: { CLOCK_QUEUE_URL } });
    const model = lambdaSpec("model", "where.handler");
    assert.equal(isClockWork({ spec: tick, event: sqsBatch("pricing-ClockTicks") }), true);
    assert.equal(isClockWork({ spec: ingest, event: sqsBatch("pricing-Feed") }), false);
    // A queue whose name only ends like the clock's is another queue.
    assert.equal(isClockWork({ spec: tick, event: sqsBatch("other-pricing-ClockTicks2") }), false);
    assert.equal(isClockWork({ spec: model, event: sqsBatch("pricing-ClockTicks") }), false);
    assert.equal(isClockWork({ spec: model, event: { jobs: [{ matchId: "m-1" }, { matchId: "m-2" }] } }), true);
    assert.equal(isClockWork({ spec: model, event: { job: { matchId: "m-1" }, batch: { groups: ["goals"] } } }), false);
    assert.equal(isClockWork({ spec: model, event: { jobs: "m-1" } }), false);
    for (const event of [null, "jobs", 3, { Records: [] }]) assert.equal(isClockWork({ spec: tick, event }), false);
  });

  test("with processes, background invocations run in a process of their own at a lower priority, and the rest never do", async () => {
    const { lambda, runner } = threaded([lambdaSpec("where", "where.handler"), lambdaSpec("exit", "exit.handler")], 2, undefined, undefined, true, ({ event }) => (event as { background?: boolean }).background === true);
    await lambda.preload();
    const [lane, other] = [runner.pids.at(-1)!, runner.pids[0]];
    assert.equal(runner.pids.length, 2);
    assert.deepEqual([os.getPriority(other), os.getPriority(lane)], [os.getPriority(process.pid), BACKGROUND_NICENESS]);
    // Ten at once, half of each kind: the least busy process would otherwise take some of either.
    const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => lambda.invoke("where", { pause: 20, background: i % 2 === 0 })));
    const pids = outcomes.map((o) => (o.payload as Where).pid);
    assert.deepEqual(pids, Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? lane : other)));
    // A background process that exits is replaced by another background process.
    assert.equal((await lambda.invoke("exit", { background: true })).error?.errorType, "Runtime.ExitError");
    const next = ((await lambda.invoke("where", { pause: 0, background: true })).payload as Where).pid;
    assert.notEqual(next, lane);
    assert.equal(os.getPriority(next), BACKGROUND_NICENESS);
    assert.equal(((await lambda.invoke("where", { pause: 0 })).payload as Where).pid, other);
  });

  test("with one thread there is no lane: every invocation runs in it", async () => {
    const { lambda } = threaded([lambdaSpec("where", "where.handler")], 1, undefined, undefined, true, () => true);
    const [a, b] = await Promise.all([lambda.invoke("where", { pause: 0, background: true }), lambda.invoke("where", { pause: 0 })]);
    assert.equal((a.payload as Where).pid, (b.payload as Where).pid);
    assert.equal(os.getPriority((a.payload as Where).pid), os.getPriority(process.pid));
  });
});

describe("choosing the handler threads", () => {
  test("a bad --handler-threads is an input error with its code, before anything starts", () => {
    const main = fileURLToPath(new URL("../../packages/cli/src/main.ts", import.meta.url));
    for (const bad of ["-1", "1.5", "many"]) {
      assert.throws(
        () => execFileSync(process.execPath, ["--import", "tsx", main, "local", "--port", "0", "--handler-threads", bad], { encoding: "utf8", stdio: "pipe" }),
        (e: { status?: number; stderr?: string }) => e.status === 2 && /local\.invalid_option/.test(e.stderr ?? "") && /--handler-threads/.test(e.stderr ?? ""),
      );
    }
  });

  test("threads cannot follow a ManualClock, and a count must be whole: refused before anything starts", async () => {
    // The port is taken: had the cloud started anything, it would fail on the port first.
    const taken = http.createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      await assert.rejects(startLocalCloud({ port, clock: new ManualClock(), handlerThreads: 1 }), { code: "local.handler_threads_need_real_clock" });
      await assert.rejects(startLocalCloud({ port, handlerThreads: -1 }), { code: "local.invalid_handler_threads" });
      await assert.rejects(startLocalCloud({ port, handlerThreads: 0, handlerProcesses: true }), { code: "local.handler_processes_need_threads" });
      await assert.rejects(startLocalCloud({ port }), { code: "local.port_in_use" });
    } finally {
      taken.close();
    }
  });
});
