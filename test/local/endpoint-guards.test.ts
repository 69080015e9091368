import { afterAll, beforeAll, describe, test } from "vitest";
import assert from "node:assert/strict";
import http from "node:http";
import { EventBridgeClient, ListEventBusesCommand } from "@aws-sdk/client-eventbridge";
import { ConfiguredRetryStrategy } from "@smithy/util-retry";
import { ManualClock } from "@pricing/local/clock";
import { LocalEventBridge } from "@pricing/local/eventbridge/bus";
import { EventBridgeService } from "@pricing/local/eventbridge/service";
import { routeTargets } from "@pricing/local/eventbridge/targets";
import { LocalLambda } from "@pricing/local/lambda/index";
import { LocalEndpoint } from "@pricing/local/server";
import { SqsService } from "@pricing/local/sqs/service";
import { LocalSqs } from "@pricing/local/sqs/sqs";
import { LocalStepFunctions, stepFunctionsService } from "@pricing/local/stepfunctions/index";

const REGION = "us-east-1";
const credentials = { accessKeyId: "local", secretAccessKey: "local" };
const clock = new ManualClock(Date.parse("2024-08-16T19:00:00Z"));
const endpoint = new LocalEndpoint({ port: 0 });
let sqs: LocalSqs;
let sfn: LocalStepFunctions;

function mountServices(target: LocalEndpoint, url: string): void {
  sqs ??= new LocalSqs({ clock, endpointUrl: url });
  const bridge = new LocalEventBridge({ clock, deliver: routeTargets({ sqs }) });
  sfn ??= new LocalStepFunctions({ clock, integrations: { lambda: new LocalLambda({ clock, appRoot: process.cwd(), region: REGION }) }, region: REGION, account: "000000000000" });
  target.mount(new SqsService(sqs)).mount(new EventBridgeService(bridge)).mount(stepFunctionsService(sfn));
}

beforeAll(async () => {
  const url = await endpoint.listen();
  mountServices(endpoint, url);
  endpoint.route("/plain", (_request, response) => void response.writeHead(200).end("ok"));
});

afterAll(async () => {
  sqs.close();
  await sfn.shutdown();
  await endpoint.close();
  clock.stop();
});

function post(url: string, target: string, body: string | Buffer = "{}"): Promise<Response> {
  return fetch(url, { method: "POST", headers: { "x-amz-target": target, "content-type": "application/x-amz-json-1.1" }, body });
}

/** A raw request, so the Host header can be anything. */
function rawGet(url: string, path: string, host: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const request = http.request({ hostname, port, path, method: "GET", headers: { host } }, (response) => {
      let body = "";
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on("error", reject);
    request.end();
  });
}

async function assertAlive(url: string): Promise<void> {
  const response = await post(url, "AmazonSQS.ListQueues");
  assert.equal(response.status, 200);
  await response.arrayBuffer();
}

describe("local endpoint: requests from outside", () => {
  test("an operation named after an Object.prototype property is answered 400 UnknownOperationException", async () => {
    const names = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "__defineGetter__"];
    for (const prefix of ["AWSStepFunctions", "AWSEvents", "AmazonSQS"]) {
      for (const name of names) {
        const response = await post(endpoint.url, `${prefix}.${name}`);
        assert.equal(response.status, 400, `${prefix}.${name}`);
        assert.equal(response.headers.get("x-amzn-errortype"), "UnknownOperationException", `${prefix}.${name}`);
        assert.equal(((await response.json()) as { __type: string }).__type, "UnknownOperationException");
      }
    }
    for (const target of ["constructor", "__proto__.ListQueues", "toString.toString", "constructor.constructor"]) {
      const response = await post(endpoint.url, target);
      assert.equal(response.status, 400, target);
      assert.equal(((await response.json()) as { __type: string }).__type, "UnknownOperationException");
    }
    await assertAlive(endpoint.url);
  });

  test("an 11 MB body is answered 413 in the AWS error shape, and the endpoint keeps serving", async () => {
    const body = Buffer.alloc(11 * 1024 * 1024, "a");
    const response = await post(endpoint.url, "AWSEvents.PutEvents", body);
    assert.equal(response.status, 413);
    assert.equal(response.headers.get("x-amzn-errortype"), "RequestEntityTooLargeException");
    const document = (await response.json()) as { __type: string; message: string };
    assert.equal(document.__type, "RequestEntityTooLargeException");
    assert.match(document.message, /1048576 bytes/);
    await assertAlive(endpoint.url);
  });

  test("a body just under the limit is still read and parsed", async () => {
    const response = await post(endpoint.url, "AmazonSQS.ListQueues", `{"QueueNamePrefix":"x"}${" ".repeat(1024 * 1024 - 30)}`);
    assert.equal(response.status, 200);
    await response.arrayBuffer();
  });

  test("a Host header that is not a valid host is answered 403 in the AWS error shape, and the endpoint keeps serving", async () => {
    for (const host of ["[", "a b", "%", "[::1", "x".repeat(5000), "localhost:99999999", "127.0.0.1:80:80"]) {
      const answer = await rawGet(endpoint.url, "/plain", host);
      assert.equal(answer.status, 403, `host ${host.slice(0, 20)}`);
      assert.equal((JSON.parse(answer.body) as { __type: string }).__type, "AccessDeniedException");
    }
    await assertAlive(endpoint.url);
  });

  test("a request addressed to another name (DNS rebinding) is refused; loopback names are served", async () => {
    for (const host of ["evil.example", "evil.example:4010", "127.0.0.1.evil.example", "localhost.evil.example", "0.0.0.0:4010", "192.0.2.2"]) {
      assert.equal((await rawGet(endpoint.url, "/plain", host)).status, 403, host);
    }
    for (const host of ["127.0.0.1", "127.0.0.1:4010", "localhost", "LOCALHOST:4010", "app.localhost:9000", "[::1]:4010", "127.1.2.3"]) {
      const answer = await rawGet(endpoint.url, "/plain", host);
      assert.equal(answer.status, 200, host);
      assert.equal(answer.body, "ok");
    }
    assert.equal((await rawGet(endpoint.url, "//plain", "127.0.0.1")).status, 404);
  });

  test("GET /health answers 200 ready once the services are mounted", async () => {
    const response = await fetch(`${endpoint.url}/health`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: "ready" });
  });
});

describe("local endpoint: while starting", () => {
  test("answers 503 ServiceUnavailable with Retry-After until ready, then serves the SDK's retry", async () => {
    const starting = new LocalEndpoint({ port: 0, ready: false });
    const url = await starting.listen();
    let toldToRetry!: () => void;
    const retrying = new Promise<void>((resolve) => (toldToRetry = resolve));
    // The backoff is asked for once an attempt failed with an error the SDK retries.
    const retryStrategy = new ConfiguredRetryStrategy(5, () => (toldToRetry(), 20));
    const client = new EventBridgeClient({ endpoint: url, region: REGION, credentials, retryStrategy });
    try {
      const early = await post(url, "AWSEvents.ListEventBuses");
      assert.equal(early.status, 503);
      assert.equal(early.headers.get("retry-after"), "1");
      assert.equal(early.headers.get("x-amzn-errortype"), "ServiceUnavailable");
      assert.equal(((await early.json()) as { __type: string }).__type, "ServiceUnavailable");
      const health = await fetch(`${url}/health`);
      assert.equal(health.status, 503);
      assert.deepEqual(await health.json(), { status: "starting" });
      assert.equal((await fetch(`${url}/`)).status, 503);

      const listing = client.send(new ListEventBusesCommand({}));
      await retrying;
      mountServices(starting, url);
      starting.markReady();
      const buses = await listing;
      assert.ok(buses.$metadata.attempts! > 1, "the first attempt was told to retry");
      assert.ok(buses.EventBuses?.some((bus) => bus.Name === "default"));
      assert.deepEqual(await (await fetch(`${url}/health`)).json(), { status: "ready" });
    } finally {
      client.destroy();
      await starting.close();
    }
  });
});
