import { afterAll, beforeAll, describe, test } from "vitest";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { join } from "node:path";
import { startLocalCloud, type LocalCloud } from "@pricing/local";
import { mountConsole, startConsole, type StartedConsole } from "@pricing/console/server/mount";

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Sent {
  method?: string;
  headers?: Record<string, string>;
  /** Written in pieces of at most 1 MB, so a large one goes out as the server reads. */
  body?: Buffer | string;
  /** Sends the body chunked, without a Content-Length. */
  chunked?: boolean;
}

/** One HTTP request with exactly the headers given (Host included), as a hostile page or client would send it. */
function send(port: number, path: string, sent: Sent = {}): Promise<Answer> {
  const body = typeof sent.body === "string" ? Buffer.from(sent.body) : sent.body;
  const headers: Record<string, string> = { host: `127.0.0.1:${port}`, ...sent.headers };
  if (body && !sent.chunked) headers["content-length"] = String(body.length);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path, method: sent.method ?? "GET", headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (c: Buffer) => chunks.push(c));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.setTimeout(10_000, () => req.destroy(new Error(`no answer to ${sent.method ?? "GET"} ${path} within 10 s`)));
    if (body) for (let at = 0; at < body.length; at += 1 << 20) req.write(body.subarray(at, at + (1 << 20)));
    req.end();
  });
}

const errorCode = (answer: Answer) => (JSON.parse(answer.body) as { error: string }).error;

/**
 * The console's defences against a page of another site open in the operator's
 * browser (cross-site requests, DNS rebinding), against requests that used to end the
 * process, and against being served beyond this machine by mistake.
 */
describe("console security", () => {
  let cloud: LocalCloud;
  let served: StartedConsole;
  let port: number;
  let token: string;
  const DLQ = "MatchEventsQueueDlq";
  const action = (extra: Record<string, string> = {}) => ({ "content-type": "application/json", "x-pricing-console-token": token, ...extra });

  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0, speed: 10, backend: "dynalite", logLevel: "silent" });
    await mountConsole(cloud, { cloud }, { pollSeconds: 60 });
    served = await startConsole({ cloud }, { port: 0, pollSeconds: 60 });
    port = Number(new URL(served.url).port);
    const page = await send(port, "/console/");
    token = /<meta name="pricing-console-token" content="([^"]+)">/.exec(page.body)?.[1] ?? "";
  });

  afterAll(async () => {
    await served?.stop();
    await cloud?.stop();
  });

  /** The console still answers after whatever came before. */
  const stillServing = async () => assert.equal((await send(port, "/console/api/info")).status, 200, "the console goes on serving");

  test("the page carries a per-launch token for the console's actions", () => {
    assert.match(token, /^[A-Za-z0-9_-]{40,}$/);
  });

  test("every answer carries the security headers", async () => {
    for (const path of ["/console/", "/console/console.js", "/console/api/info", "/console/no-such-file"]) {
      const { headers } = await send(port, path);
      assert.match(String(headers["content-security-policy"]), /frame-ancestors 'none'/, path);
      assert.match(String(headers["content-security-policy"]), /script-src 'self'/, path);
      assert.equal(headers["x-frame-options"], "DENY", path);
      assert.equal(headers["x-content-type-options"], "nosniff", path);
      assert.equal(headers["referrer-policy"], "no-referrer", path);
    }
  });

  test("a POST from a page of another origin is refused, token or not", async () => {
    const crossOrigin = await send(port, `/console/api/queues/${DLQ}/redrive`, { method: "POST", headers: action({ origin: "http://evil.example" }), body: "{}" });
    assert.equal(crossOrigin.status, 403);
    assert.equal(errorCode(crossOrigin), "console.cross_origin");
    const crossSite = await send(port, `/console/api/queues/${DLQ}/redrive`, { method: "POST", headers: action({ "sec-fetch-site": "cross-site" }), body: "{}" });
    assert.equal(crossSite.status, 403);
  });

  test("a cross-site form POST (no token, form content type) is refused", async () => {
    const form = await send(port, `/console/api/queues/${DLQ}/redrive`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "a=1" });
    assert.equal(form.status, 403);
    assert.equal(errorCode(form), "console.no_token");
  });

  test("a trader action from another origin, from no page, or not JSON is refused, and nothing reaches the bus", async () => {
    const path = "/console/api/matches/m1/trader";
    const body = JSON.stringify({ action: "suspend-match", reason: "test" });
    const own = `http://127.0.0.1:${port}`;
    const put = () => cloud.usage().eventBridge.eventsPut;
    const before = put();
    const crossOrigin = await send(port, path, { method: "POST", headers: action({ origin: "http://evil.example" }), body });
    assert.equal(crossOrigin.status, 403);
    assert.equal(errorCode(crossOrigin), "console.cross_origin");
    const crossSite = await send(port, path, { method: "POST", headers: action({ "sec-fetch-site": "same-site" }), body });
    assert.equal(crossSite.status, 403);
    const noOrigin = await send(port, path, { method: "POST", headers: action(), body });
    assert.equal(noOrigin.status, 403, "a trader action must show it comes from the console's page");
    assert.match(JSON.parse(noOrigin.body).message, /names no origin/);
    const text = await send(port, path, { method: "POST", headers: action({ origin: own, "content-type": "text/plain" }), body });
    assert.equal(text.status, 415);
    assert.equal(errorCode(text), "console.not_json");
    const form = await send(port, path, { method: "POST", headers: { origin: own, "content-type": "application/x-www-form-urlencoded" }, body: "action=suspend-match&reason=x" });
    assert.equal(form.status, 403, "a form carries no token");
    const noReason = await send(port, path, { method: "POST", headers: action({ origin: own }), body: JSON.stringify({ action: "suspend-match" }) });
    assert.equal(noReason.status, 400);
    assert.equal(errorCode(noReason), "console.invalid_trader_action");
    const unscheduled = await send(port, path, { method: "POST", headers: action({ origin: own, "sec-fetch-site": "same-origin" }), body });
    assert.equal(unscheduled.status, 400);
    assert.match(JSON.parse(unscheduled.body).message, /not scheduled/);
    assert.equal(put(), before, "no trader event was put");
    await stillServing();
  });

  test("a POST without the token, or with another one, is refused; with it, the redrive is done", async () => {
    const none = await send(port, `/console/api/queues/${DLQ}/redrive`, { method: "POST", headers: { "content-type": "application/json", origin: `http://127.0.0.1:${port}` }, body: "{}" });
    assert.equal(none.status, 403);
    assert.equal(errorCode(none), "console.no_token");
    const wrong = await send(port, `/console/api/queues/${DLQ}/redrive`, { method: "POST", headers: action({ "x-pricing-console-token": "x".repeat(token.length) }), body: "{}" });
    assert.equal(wrong.status, 403);
    const done = await send(port, `/console/api/queues/${DLQ}/redrive`, { method: "POST", headers: action({ origin: `http://127.0.0.1:${port}`, "sec-fetch-site": "same-origin" }), body: "{}" });
    assert.equal(done.status, 200, done.body);
    assert.equal((JSON.parse(done.body) as { queue: string }).queue, DLQ);
  });

  test("an action with another content type is answered 415", async () => {
    const text = await send(port, `/console/api/queues/${DLQ}/redrive`, { method: "POST", headers: action({ "content-type": "text/plain" }), body: "{}" });
    assert.equal(text.status, 415);
  });

  test("a wrong method is answered 405, and no preflight is granted", async () => {
    const get = await send(port, `/console/api/queues/${DLQ}/redrive`);
    assert.equal(get.status, 405);
    assert.equal(get.headers.allow, "POST");
    assert.equal((await send(port, "/console/api/info", { method: "PUT", headers: action(), body: "{}" })).status, 405);
    assert.equal((await send(port, "/console/api/stream", { method: "POST", headers: action(), body: "{}" })).status, 405);
    assert.equal((await send(port, "/console/", { method: "DELETE" })).status, 405);
    const preflight = await send(port, `/console/api/queues/${DLQ}/redrive`, {
      method: "OPTIONS", headers: { origin: "http://evil.example", "access-control-request-method": "POST", "access-control-request-headers": "x-pricing-console-token" },
    });
    assert.ok(preflight.status >= 400, `preflight answered ${preflight.status}`);
    assert.equal(preflight.headers["access-control-allow-origin"], undefined);
  });

  test("an 11 MB body is answered 413, with or without a Content-Length", async () => {
    const body = Buffer.alloc(11 * 1024 * 1024, 0x20);
    const sized = await send(port, `/console/api/queues/${DLQ}/redrive`, { method: "POST", headers: action(), body });
    assert.equal(sized.status, 413);
    const chunked = await send(port, `/console/api/queues/${DLQ}/redrive`, { method: "POST", headers: action(), body, chunked: true });
    assert.equal(chunked.status, 413);
    await stillServing();
  });

  test("a foreign Host (DNS rebinding) is refused on every path; the console's own names are answered", async () => {
    for (const host of ["evil.example:4010", `evil.example:${port}`, `127.0.0.1.nip.io:${port}`, "127.0.0.1:1", `localhost`]) {
      for (const path of ["/console/", "/console/api/info", "/console/api/stream", "/console/console.js"]) {
        const answer = await send(port, path, { headers: { host } });
        assert.equal(answer.status, 421, `${host} ${path}`);
        assert.equal(errorCode(answer), "console.foreign_host");
      }
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`]) {
      assert.equal((await send(port, "/console/api/info", { headers: { host } })).status, 200, host);
    }
  });

  test("the console mounted on the local cloud refuses a foreign Host too", async () => {
    const cloudPort = Number(new URL(cloud.endpoint).port);
    // The endpoint refuses a name that is not loopback before the console sees it; the
    // console refuses a loopback name at another port (a page served from that port).
    const foreign = await send(cloudPort, "/console/api/info", { headers: { host: `evil.example:${cloudPort}` } });
    assert.equal(foreign.status, 403);
    const otherPort = await send(cloudPort, "/console/api/info", { headers: { host: `localhost:${cloudPort + 1}` } });
    assert.equal(otherPort.status, 421);
    assert.equal(errorCode(otherPort), "console.foreign_host");
    assert.equal((await send(cloudPort, "/console/api/info")).status, 200);
  });

  test("requests that used to end the process are answered 4xx, and the console goes on", async () => {
    for (const path of ["/console/api/%ZZ", "/console/api/matches/%E0%A4%A", "/console/constructor", "/console/__proto__", "/console/hasOwnProperty", "/console/api/constructor", "/console/api/__proto__/x"]) {
      const answer = await send(port, path);
      assert.ok(answer.status >= 400 && answer.status < 500, `${path} answered ${answer.status}`);
      assert.doesNotThrow(() => JSON.parse(answer.body), `${path} answered JSON`);
      await stillServing();
    }
    for (const host of ["[bad", "a b", "127.0.0.1:99999999999", "//", "@"]) {
      const answer = await send(port, "/console/api/info", { headers: { host } });
      assert.ok(answer.status >= 400 && answer.status < 500, `Host ${JSON.stringify(host)} answered ${answer.status}`);
      await stillServing();
    }
  });

  test("an execution of a state machine not of this stage is refused with its reason", async () => {
    const own = cloud.stateMachines.lifecycle;
    const [, partition, , region, account, , machine] = own.split(":");
    const foreign = [
      `arn:${partition}:states:${region}:${account}:execution:someone-elses-machine:run-1`,
      `arn:${partition}:states:${region}:999999999999:execution:${machine}:run-1`,
      `arn:${partition}:states:eu-west-3:${account}:execution:${machine}:run-1`,
    ];
    for (const arn of foreign) {
      const answer = await send(port, `/console/api/executions/${encodeURIComponent(arn)}`);
      assert.equal(answer.status, 403, arn);
      assert.equal(errorCode(answer), "console.foreign_execution");
      assert.match(JSON.parse(answer.body).message, /not a state machine of this stage/);
    }
    const malformed = await send(port, `/console/api/executions/${encodeURIComponent("arn:aws:s3:::bucket")}`);
    assert.equal(malformed.status, 400);
 
    const unknown = await send(port, `/console/api/executions/${encodeURIComponent(`arn:${partition}:states:${region}:${account}:execution:${machine}:no-such-run`)}`);
    assert.equal(unknown.status, 404, "an execution of the stage's own machine is looked up");
    assert.equal(errorCode(unknown), "console.no_execution");
  });

  test("a host other than loopback is refused unless allowed explicitly, and then still checks Host", async () => {
    await assert.rejects(startConsole({ cloud }, { port: 0, host: "0.0.0.0" }), { code: "console.remote_refused" });
    const remote = await startConsole({ cloud }, { port: 0, host: "0.0.0.0", allowRemote: true, pollSeconds: 60 });
    try {
      const remotePort = Number(new URL(remote.url).port);
      assert.equal((await send(remotePort, "/console/api/info")).status, 200);
      assert.equal((await send(remotePort, "/console/api/info", { headers: { host: `evil.example:${remotePort}` } })).status, 421);
    } finally {
      await remote.stop();
    }
  });

  test("pricing console --host: refused beyond loopback without --allow-remote, and with it a loud warning", async () => {
    const refused = await cli(["console", "--endpoint", cloud.endpoint, "--port", "0", "--host", "0.0.0.0"]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /--allow-remote/);
    assert.match(refused.stderr, /console\.remote_refused/);
    const allowed = await cli(["console", "--endpoint", cloud.endpoint, "--port", "0", "--host", "0.0.0.0", "--allow-remote"], /Ctrl-C stops it/);
    assert.match(allowed.stderr, /WARNING: the console listens on 0\.0\.0\.0/);
    assert.match(allowed.stderr, /no user authentication/);
  });
});

const BIN = join(import.meta.dirname, "../../packages/cli/bin/pricing.mjs");

/** Runs `pricing` to its end, or until its output matches `until` (then stops it). */
function cli(args: string[], until?: RegExp): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk;
      if (until?.test(stdout)) child.kill("SIGTERM");
    });
    child.stderr.on("data", (chunk: Buffer) => void (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
