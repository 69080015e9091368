import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { SECTIONS } from "../../bench/core.cases";
import { readBlock, replaceBlock, tableCases } from "../../bench/document";
import { ROOT } from "./run";

const document = readFileSync(`${ROOT}BENCHMARKS.md`, "utf8");

describe("BENCHMARKS.md and npm run bench", () => {
  test("every section the bench runs has its generated table, listing the cases the bench runs, in order", () => {
    for (const section of SECTIONS) {
      const block = readBlock(document, section.id);
      assert.ok(block !== undefined, `BENCHMARKS.md has no <!-- bench:${section.id}:start/end --> block`);
      assert.deepEqual(tableCases(block), section.cases.map((c) => c.name), `the ${section.id} table is not the bench's cases: run npm run bench -- --runs 5 --write`);
    }
  });

  test("the machine line says which Node, how many cores and how many runs", () => {
    const block = readBlock(document, "machine");
    assert.ok(block, "BENCHMARKS.md has no bench:machine block");
    assert.match(block, /Node v\d+\.\d+\.\d+, \d+ cores .* \d+ runs? of every case/);
  });

  test("--write replaces a block between its markers and refuses a document without them", () => {
    const text = "a\n<!-- bench:x:start -->\nold\n<!-- bench:x:end -->\nb\n";
    assert.equal(replaceBlock(text, "x", "new"), "a\n<!-- bench:x:start -->\nnew\n<!-- bench:x:end -->\nb\n");
    assert.throws(() => replaceBlock("no markers", "x", "new"), /no <!-- bench:x:start -->/);
  });

  test("no comment or document points at a DESIGN.md the repository does not have", () => {
    const files = execFileSync("git", ["ls-files"], { cwd: ROOT, encoding: "utf8" }).split("\n").filter((f) => /\.(ts|md|mjs|sh|json)$/.test(f) && f !== "test/cli/benchmarks.test.ts");
    for (const file of files) assert.doesNotMatch(readFileSync(`${ROOT}${file}`, "utf8"), /DESIGN\.md/, file);
  });
});
