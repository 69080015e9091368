import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { describe, expect, test } from "vitest";
import ts from "typescript";

/**
 * The engine reaches a sport's code only through the registry (sports/registry.ts),
 * the contract (sports/contract.ts) and the replay's contract (sports/feed.ts). This
 * test reads every import of the engine's files (the core outside sports/<sport>/, the
 * functions, the local cloud, the replay, the console and the stacks) and fails on
 * any that resolves into a sport's folder. The command line (one command per sport),
 * the tests, benches and scripts may import a sport directly.
 */
const ROOT = join(import.meta.dirname, "../..");
const ENGINE_DIRS = ["packages/core/src", "packages/functions/src", "packages/local/src", "packages/replay/src", "packages/console/src", "packages/console/web", "stacks"];
const SPORT_FOLDER = /^packages\/core\/src\/sports\/[^/]+\//;
/** The one engine file that names the sports. */
const REGISTRY = "packages/core/src/sports/registry.ts";

/** The repository path an import specifier points at (without extension), or null for a package outside the repository. */
function target(from: string, spec: string): string | null {
  if (spec.startsWith(".")) return relative(ROOT, normalize(join(ROOT, dirname(from), spec))).replace(/\.(ts|js|mjs)$/, "");
  const m = /^@pricing\/([^/]+)\/?(.*)$/.exec(spec);
  return m ? `packages/${m[1]}/src/${m[2] || "index"}` : null;
}

function engineFiles(): string[] {
  return ENGINE_DIRS.flatMap((dir) => readdirSync(join(ROOT, dir), { recursive: true, encoding: "utf8" }).map((f) => `${dir}/${f}`))
    .filter((f) => f.endsWith(".ts") && !f.includes("/dist/") && !SPORT_FOLDER.test(f) && f !== REGISTRY);
}

function crossings(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(join(ROOT, file), "utf8"), true, true);
  return importedFiles
    .map((i) => ({ spec: i.fileName, to: target(file, i.fileName) }))
    .filter(({ to }) => to !== null && SPORT_FOLDER.test(to))
    .map(({ spec }) => `${file} imports ${spec}`);
}

describe("the engine and its sports", () => {
  test("engine code imports no sport module: only the registry and the contracts", () => {
    const files = engineFiles();
    expect(files.length).toBeGreaterThan(150);
    expect(files.flatMap(crossings)).toEqual([]);
  });

  test("the check sees a crossing: a sport's folder imported from engine code is caught", () => {
    const found = ["../sports/football/markets/catalogue", "@pricing/core/sports/football/index", "../sports/registry", "./sports/contract"]
      .map((spec) => target("packages/core/src/match/x.ts", spec))
      .map((to) => to !== null && SPORT_FOLDER.test(to));
    expect(found).toEqual([true, true, false, false]);
  });
});
