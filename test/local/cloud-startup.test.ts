import { test } from "vitest";
import assert from "node:assert/strict";
import net from "node:net";
import { EventBridgeClient, ListEventBusesCommand } from "@aws-sdk/client-eventbridge";
import { ConfiguredRetryStrategy } from "@smithy/util-retry";
import { ManualClock } from "@pricing/local/clock";
import { startLocalCloud } from "@pricing/local/cloud";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Resolves the moment something accepts a connection on `port`. */
async function portOpen(port: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: "127.0.0.1", port });
      socket.once("connect", () => (socket.destroy(), resolve(true)));
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`nothing listened on ${port} within ${timeoutMs} ms`);
}

test("a client that starts the moment the port opens is told to retry (503), then served; /health says when", async () => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const starting = startLocalCloud({ port, clock: new ManualClock(), backend: "dynalite", logLevel: "silent" });
  const client = new EventBridgeClient({
    endpoint: url,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    retryStrategy: new ConfiguredRetryStrategy(200, 100),
  });
  try {
    await portOpen(port, 60_000);
    const sdkCall = client.send(new ListEventBusesCommand({}));
    const [early, health] = await Promise.all([
      fetch(url, { method: "POST", headers: { "x-amz-target": "AWSEvents.ListEventBuses", "content-type": "application/x-amz-json-1.1" }, body: "{}" }),
      fetch(`${url}/health`),
    ]);
    assert.equal(early.status, 503);
    assert.equal(early.headers.get("retry-after"), "1");
    assert.equal(((await early.json()) as { __type: string }).__type, "ServiceUnavailable");
    assert.equal(health.status, 503);
    assert.deepEqual(await health.json(), { status: "starting" });

    const cloud = await starting;
    try {
      const buses = await sdkCall;
      assert.ok(buses.EventBuses?.some((bus) => bus.Name === cloud.busName), "served once ready");
      assert.ok(buses.$metadata.attempts! > 1, "the first attempts were told to retry");
      const ready = await fetch(`${url}/health`);
      assert.equal(ready.status, 200);
      assert.deepEqual(await ready.json(), { status: "ready" });
    } finally {
      await cloud.stop();
    }
  } finally {
    client.destroy();
    await starting.then((cloud) => cloud.stop(), () => undefined);
  }
});
