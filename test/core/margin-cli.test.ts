import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../packages/cli/bin/pricing.mjs", import.meta.url));
const pricing = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });

describe("pricing implied", () => {
  test("--json prints the probabilities and margin (penaltyblog's Shin figures)", () => {
    const run = pricing("implied", "--odds", "2.7,2.3,4.4", "--method", "shin", "--json");
    assert.equal(run.status, 0, run.stderr);
    const out = JSON.parse(run.stdout);
    [0.35934392, 0.42324385, 0.21741223].forEach((p, i) => assert.ok(Math.abs(out.probabilities[i] - p) < 1e-6));
    assert.ok(Math.abs(out.margin - (1 / 2.7 + 1 / 2.3 + 1 / 4.4 - 1)) < 1e-12);
    assert.ok(out.z > 0 && out.z < 0.05);
  });

  test("without --json prints a readable table", () => {
    const run = pricing("implied", "--odds", "2.7,2.3,4.4", "--method", "odds-ratio");
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /margin\s+3\.243%/);
    assert.match(run.stdout, /0\.358810/);
  });

  test("bad odds or an unknown method exit 2 with the error code", () => {
    for (const args of [["--odds", "2.7,abc"], ["--odds", "0.9,2"], ["--odds", "2.7"], ["--odds", "2.7,2.3", "--method", "magic"]]) {
      const run = pricing("implied", ...args, "--json");
      assert.equal(run.status, 2, `${args.join(" ")}: ${run.stderr}`);
      assert.match(run.stderr, /margin\.invalid_(odds|method)/);
      assert.equal(run.stdout, "");
    }
  });
});
