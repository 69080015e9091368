import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import type { Server } from "node:http";
import net from "node:net";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { InternalError } from "@pricing/core/errors";
import { dynamoDbLocalJar, loopbackLauncher } from "./launcher";

export type DynamoDbBackend = "dynamodb-local" | "dynalite";

export interface LocalDynamoDbOptions {
  /** Port to listen on; a free one when omitted. */
  port?: number;
  /** Directory that keeps the tables across restarts; in memory when omitted. */
  dataDir?: string;
  /** "auto" (default) picks DynamoDB Local when Java 17+ is on the PATH, else dynalite. */
  backend?: DynamoDbBackend | "auto";
  /** How long to wait for the endpoint to answer, in real milliseconds (default 30,000). */
  readyTimeoutMs?: number;
}

export interface LocalDynamoDb {
  backend: DynamoDbBackend;
  /** `http://127.0.0.1:<port>`: give it to clients and as AWS_ENDPOINT_URL_DYNAMODB. */
  endpoint: string;
  port: number;
  /** Real milliseconds from start to the first answered request. */
  startMs: number;
  stop(): Promise<void>;
}

const HOST = "127.0.0.1";

/** The major version of `java` on the PATH, or undefined when there is none. */
export function javaMajorVersion(): number | undefined {
  const run = spawnSync("java", ["-version"], { encoding: "utf8" });
  if (run.error || run.status !== 0) return undefined;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${run.stderr}${run.stdout}`);
  if (!match) return undefined;
  const major = Number(match[1]);
  return major === 1 ? Number(match[2]) : major;
}

/** Whether DynamoDB Local can start here: Java 17+ and its loopback launcher compiled (a JDK). */
function dynamoDbLocalRuns(): boolean {
  if ((javaMajorVersion() ?? 0) < 17) return false;
  try {
    loopbackLauncher(dynamoDbLocalJar());
    return true;
  } catch {
    return false;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, HOST, () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Polls ListTables until the endpoint answers with 200. */
async function waitUntilReady(endpoint: string, timeoutMs: number, exited: () => string | undefined): Promise<void> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    const failure = exited();
    if (failure) throw new InternalError("local.dynamodb.exited", failure);
    try {
      const response = await fetch(endpoint, {
        method: "POST",
        headers: {
          "content-type": "application/x-amz-json-1.0",
          "x-amz-target": "DynamoDB_20120810.ListTables",
          "x-amz-date": "20200101T000000Z",
          authorization: "AWS4-HMAC-SHA256 Credential=local/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0",
        },
        body: "{}",
      });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (performance.now() > until) {
      throw new InternalError("local.dynamodb.not_ready", `DynamoDB endpoint ${endpoint} did not answer within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Kills `child` when this process exits or is interrupted, then lets the signal act. */
function killOnExit(child: ChildProcess): () => void {
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  const onSignal = (signal: NodeJS.Signals) => {
    kill();
    detach();
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const detach = () => {
    process.off("exit", kill);
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  };
  process.on("exit", kill);
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  return detach;
}

async function startDynamoDbLocal(port: number, dataDir: string | undefined, readyTimeoutMs: number): Promise<Omit<LocalDynamoDb, "startMs">> {
  const jar = dynamoDbLocalJar();
  // The jar's own main listens on every interface: the launcher binds it to HOST.
  const launcher = loopbackLauncher(jar);
  // -disableTelemetry: a local cloud sends nothing off the machine.
  const options = ["-port", String(port), "-sharedDb", "-disableTelemetry", ...(dataDir ? ["-dbPath", path.resolve(dataDir)] : ["-inMemory"])];
  const child = spawn("java", [`-Djava.library.path=${jar.libDir}`, "-cp", [launcher.classDir, jar.path].join(path.delimiter), launcher.className, HOST, ...options], {
    cwd: path.dirname(jar.path),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let spawnError: Error | undefined;
  child.once("error", (error) => (spawnError = error));
  const detach = killOnExit(child);
  const endpoint = `http://${HOST}:${port}`;
  const exited = () => {
    if (spawnError) return `DynamoDB Local could not start: ${spawnError.message}`;
    return child.exitCode !== null || child.signalCode !== null ? `DynamoDB Local exited (${child.exitCode ?? child.signalCode}): ${output}` : undefined;
  };
  try {
    await waitUntilReady(endpoint, readyTimeoutMs, exited);
  } catch (error) {
    child.kill("SIGKILL");
    detach();
    throw error;
  }
  const stop = async () => {
    detach();
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 3000).unref();
    });
  };
  return { backend: "dynamodb-local", endpoint, port, stop };
}

async function startDynalite(port: number, dataDir: string | undefined, readyTimeoutMs: number): Promise<Omit<LocalDynamoDb, "startMs">> {
  const { default: dynalite } = await import("dynalite");
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const server: Server = dynalite({ path: dataDir ? path.resolve(dataDir) : undefined, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, HOST, () => resolve());
  });
  const endpoint = `http://${HOST}:${port}`;
  await waitUntilReady(endpoint, readyTimeoutMs, () => undefined);
  const stop = () =>
    new Promise<void>((resolve, reject) => {
      server.closeAllConnections?.();
      server.close((error) => (error ? reject(error) : resolve()));
    });
  return { backend: "dynalite", endpoint, port, stop };
}

/**
 * Starts a DynamoDB that speaks the real wire protocol, listening on 127.0.0.1 only:
 * DynamoDB Local (the official jar, a java child process killed on exit, SIGINT and
 * SIGTERM) when a JDK 17+ is present, else dynalite in this process. `-sharedDb` makes
 * every credential and region see the same tables, as handlers with any local
 * credentials should.
 */
export async function startLocalDynamoDb(options: LocalDynamoDbOptions = {}): Promise<LocalDynamoDb> {
  const started = performance.now();
  const wanted = options.backend ?? "auto";
  const backend: DynamoDbBackend = wanted === "auto" ? (dynamoDbLocalRuns() ? "dynamodb-local" : "dynalite") : wanted;
  const port = options.port ?? (await freePort());
  const timeout = options.readyTimeoutMs ?? 30_000;
  const running = backend === "dynamodb-local" ? await startDynamoDbLocal(port, options.dataDir, timeout) : await startDynalite(port, options.dataDir, timeout);
  return { ...running, startMs: performance.now() - started };
}

