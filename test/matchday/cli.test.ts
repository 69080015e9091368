import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { MatchDaySummary } from "@pricing/replay/summary";

const BIN = fileURLToPath(new URL("../../packages/cli/bin/pricing.mjs", import.meta.url));

function pricing(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--max-semi-space-size=64", BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

describe("pricing matchday", () => {
  // 600x is more than this machine keeps up with for one match (a clock tick every 17
  // real ms): backpressure holds the clock, so the one gap is the one withheld.
  test("a run that dropped an event exits 1, says which on stderr, and --json prints the summary alone on stdout", { timeout: 300_000 }, async () => {
    const run = await pricing("matchday", "--sport", "football", "--matches", "1", "--speed", "600", "--withhold", "5", "--port", "0", "--json");
    assert.equal(run.status, 1, run.stderr);
    const summary = JSON.parse(run.stdout) as MatchDaySummary;
    assert.equal(summary.ok, false);
    assert.deepEqual(summary.feed.dropped.map((d) => [d.seq, d.fate]), [[5, "skipped"]]);
    assert.equal(summary.feed.applied, summary.feed.events - 1);
    assert.equal(summary.latencyMs.unpriced, 0, "every event put was priced");
    assert.equal(summary.settled, 1);
    assert.ok(summary.backpressure!.holds > 0, "the clock held for the cloud");
    assert.equal(summary.backpressure!.overruns, 0);
    assert.match(run.stderr, /pricing: the replay FAILED/);
    assert.match(run.stderr, / seq 5 .*: skipped, a feed gap the engine stopped waiting for \(withheld from the feed\)/);
    assert.match(run.stderr, /local cloud at http/, "progress goes to stderr");
  });
});
