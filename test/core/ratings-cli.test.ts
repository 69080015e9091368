import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const pricing = (...args: string[]) => spawnSync(process.execPath, [root("packages/cli/bin/pricing.mjs"), ...args], { encoding: "utf8" });
const E0_1112 = root("data/football-data/E0_1112.csv");

describe("pricing fit", () => {
  test("--model poisson --json: goalmodel's log-likelihood and home advantage, rho null", () => {
    const run = pricing("fit", E0_1112, "--model", "poisson", "--json");
    assert.equal(run.status, 0, run.stderr);
    const out = JSON.parse(run.stdout);
    assert.ok(Math.abs(out.logLikelihood - -1088.99) < 0.01);
    assert.ok(Math.abs(out.homeAdvantage - 0.2680093) < 1e-4);
    assert.equal(out.rho, null);
    assert.equal(Object.keys(out.teams).length, 20);
    assert.deepEqual(Object.keys(out.teams.Arsenal).sort(), ["attack", "defence"]);
  });

  test("--model dixon-coles over two seasons with --xi prints a table", () => {
    const run = pricing("fit", root("data/football-data/E0_2021.csv"), root("data/football-data/E0_2122.csv"), "--model", "dixon-coles", "--xi", "0.0018");
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /matches\s+760, up to 2022-05-22/);
    assert.match(run.stdout, /Man City/);
    assert.match(run.stdout, /rho\s+-?0\.\d+/);
  });

  test("bad input exits 2 with the error code", () => {
    const dir = mkdtempSync(join(tmpdir(), "pricing-fit-"));
    const noScores = join(dir, "no-scores.csv");
    writeFileSync(noScores, "Div,Date,HomeTeam,AwayTeam\nE0,01/09/2023,A,B\n");
    const cases: [string[], RegExp][] = [
      [[noScores], /csv\.missing_column/],
      [[join(dir, "absent.csv")], /csv\.unreadable_file/],
      [[E0_1112, "--model", "elo"], /ratings\.invalid_model/],
      [[E0_1112, "--xi", "fast"], /ratings\.invalid_option/],
    ];
    for (const [args, code] of cases) {
      const run = pricing("fit", ...args, "--json");
      assert.equal(run.status, 2, `${args.join(" ")}: ${run.stderr}`);
      assert.match(run.stderr, code);
    }
  });
});
