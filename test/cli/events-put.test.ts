import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { assertUsageError, closedPort, pricing } from "./run";

const FILE = "examples/put-events/01.json";

/** The environment without any AWS region, credentials or config file. */
function bareEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("AWS_")));
  return { ...env, HOME: "/nonexistent", AWS_CONFIG_FILE: "/nonexistent/config", AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/credentials", AWS_EC2_METADATA_DISABLED: "true", ...extra };
}

describe("pricing events put: what goes wrong says what to fix", () => {
  test("a local cloud that is not running", async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}`;
    const result = await pricing(["events", "put", FILE, "--endpoint", endpoint]);
    assertUsageError(result, "events.endpoint_unreachable", "closed port");
    assert.match(result.stderr, /nothing answers at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\).*npx pricing local/);
  });

  test("a local cloud that is not running, with the bus named (the PutEvents call itself fails)", async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}`;
    const result = await pricing(["events", "put", FILE, "--endpoint", endpoint, "--bus", "local-match-events"]);
    assertUsageError(result, "events.endpoint_unreachable", "closed port, --bus");
  });

  test("a local cloud still starting (503)", async () => {
    const server = createServer((_, response) => response.writeHead(503, { "content-type": "application/json" }).end('{"message":"starting"}'));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const result = await pricing(["events", "put", FILE, "--endpoint", `http://127.0.0.1:${port}`]);
      assertUsageError(result, "events.endpoint_not_ready", "503");
    } finally {
      server.close();
    }
  });

  test("an endpoint without http://", async () => {
    const result = await pricing(["events", "put", FILE, "--endpoint", "127.0.0.1:4010"]);
    assertUsageError(result, "events.invalid_option", "endpoint without scheme");
    assert.match(result.stderr, /--endpoint must be a URL that starts with http:\/\/ or https:\/\//);
  });

  test("AWS without a region", async () => {
    const result = await pricing(["events", "put", FILE], bareEnv({ AWS_ACCESS_KEY_ID: "x", AWS_SECRET_ACCESS_KEY: "y" }));
    assertUsageError(result, "events.missing_region", "no region");
    assert.match(result.stderr, /--region/);
  });

  test("AWS without credentials", async () => {
    const result = await pricing(["events", "put", FILE], bareEnv({ AWS_DEFAULT_REGION: "us-east-1" }));
    assertUsageError(result, "events.missing_credentials", "no credentials");
  });
});
