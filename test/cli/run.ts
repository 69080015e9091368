import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

export const BIN = fileURLToPath(new URL("../../packages/cli/bin/pricing.mjs", import.meta.url));
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end (asynchronously, so tests in one file may overlap). */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** `pricing ARGS...`, as a user runs it. */
export const pricing = (args: string[], env?: NodeJS.ProcessEnv) => run(process.execPath, [BIN, ...args], env);

/** A port that nothing listens on: one the system just handed out and closed again. */
export function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Bad input: exit code 2, one `pricing: ... [code]` line, no stack trace, nothing on stdout. */
export function assertUsageError(result: Run, code: RegExp | string, what: string): void {
  assert.equal(result.status, 2, `${what}: exit ${result.status}\n${result.stderr}`);
  assert.doesNotMatch(result.stderr, /^\s+at .+\(.*:\d+:\d+\)$|^\s+at .+:\d+:\d+$/m, `${what}: a stack trace\n${result.stderr}`);
  if (typeof code === "string") assert.match(result.stderr, new RegExp(`^pricing: .+ \\[${code.replace(/\./g, "\\.")}\\]$`, "m"), what);
  else assert.match(result.stderr, code, what);
}
