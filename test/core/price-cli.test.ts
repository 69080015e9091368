import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const pricing = (...args: string[]) => spawnSync(process.execPath, [root("packages/cli/bin/pricing.mjs"), ...args], { encoding: "utf8" });

type Market = { key: string; line: number | null; status: string; selections: { key: string; probability: number }[] };
const probability = (markets: Market[], key: string, line: number | null, selection: string) =>
  markets.find((m) => m.key === key && m.line === line)!.selections.find((s) => s.key === selection)!.probability;

describe("pricing price from market odds", () => {
  test("--odds-1x2 2.10,3.40,3.60: the live engine's inversion, over 2.5 at 49.2%", () => {
    const run = pricing("price", "--odds-1x2", "2.10,3.40,3.60", "--json");
    assert.equal(run.status, 0, run.stderr);
    const out = JSON.parse(run.stdout);
    assert.ok(Math.abs(probability(out.markets, "total-goals", 2.5, "over") - 0.492) < 0.01);
    assert.ok(out.inputs.rho < -0.05, `rho ${out.inputs.rho}`);
  });

  test("--odds-ou25 solves rho too and reproduces the market's total", () => {
    const run = pricing("price", "--odds-1x2", "2.10,3.40,3.60", "--odds-ou25", "1.95,1.90", "--json");
    assert.equal(run.status, 0, run.stderr);
    const over = probability(JSON.parse(run.stdout).markets, "total-goals", 2.5, "over");
    assert.ok(Math.abs(over - 0.4933) < 0.002, `${over}`);
  });

  test("--added-time bounds the half; odds and expected goals together are refused", () => {
    const late = (...extra: string[]) => pricing("price", "--home-xg", "1.5", "--away-xg", "1.2", "--period", "2H", "--minute", "96", "--score", "1-0", "--ht-score", "0-0", "--json", ...extra);
    const board4 = late("--added-time", "4"), board8 = late("--added-time", "8");
    assert.equal(board4.status, 0, board4.stderr);
    assert.equal(JSON.parse(board4.stdout).markets.find((m: Market) => m.key === "1x2").status, "decided");
    assert.ok(probability(JSON.parse(board8.stdout).markets, "1x2", null, "home") < 0.99);
    const both = pricing("price", "--odds-1x2", "2.10,3.40,3.60", "--home-xg", "1.5", "--away-xg", "1.2");
    assert.equal(both.status, 2);
  });

  test("--minute 46 without --period is ambiguous: exit 2 naming --period", () => {
    const run = pricing("price", "--home-xg", "1.6", "--away-xg", "1.1", "--minute", "46");
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--period 1H or --period 2H/);
    assert.equal(pricing("price", "--home-xg", "1.6", "--away-xg", "1.1", "--minute", "30", "--json").status, 0);
    assert.equal(JSON.parse(pricing("price", "--home-xg", "1.6", "--away-xg", "1.1", "--minute", "70", "--json").stdout).inputs.period, "2H");
  });
});
