import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, resolve } from "node:path";
import { bundleWeb, WEB_BUNDLE } from "@pricing/console/build";

const ROOT = join(import.meta.dirname, "../..");
const MANIFEST = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

/** A module's imports that load at run time (`import type` and `export type` are erased). */
function runtimeImports(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?["']([^"']+)["']/gm)) if (!m[1]) found.push(m[2]);
  for (const m of source.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) found.push(m[1]);
  return found;
}

/** A workspace import's file: `@pricing/<pkg>/<path>` is packages/<pkg>/src/<path>.ts (or its index). */
function workspaceFile(specifier: string, from: string): string | null {
  const base = specifier.startsWith(".") ? resolve(dirname(from), specifier)
    : specifier.startsWith("@pricing/") ? join(ROOT, "packages", specifier.split("/")[1], "src", ...specifier.split("/").slice(2))
    : null;
  if (base === null) return null;
  return [`${base}.ts`, join(base, "index.ts"), base].find((f) => existsSync(f) && f.endsWith(".ts")) ?? null;
}

/** The packages outside the workspace that the modules reachable from `entry` load at run time. */
function runtimePackages(entry: string): Map<string, string> {
  const seen = new Set<string>();
  const packages = new Map<string, string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of runtimeImports(readFileSync(file, "utf8"))) {
      const local = workspaceFile(specifier, file);
      if (local) queue.push(local);
      else if (!specifier.startsWith("node:") && !builtinModules.includes(specifier) && !specifier.startsWith(".") && !specifier.startsWith("@pricing/")) {
        const name = specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0];
        packages.set(name, file);
      }
    }
  }
  return packages;
}

describe("the console's page script", () => {
  test("the checked-in bundle is what the page's sources build to", async () => {
    assert.ok(readFileSync(WEB_BUNDLE, "utf8") === (await bundleWeb()), "packages/console/web/dist/console.js is stale: run npm run build -w @pricing/console and commit it");
  });

  test("the console runs on production dependencies: nothing it loads needs esbuild or another dev dependency", () => {
    const packages = runtimePackages(join(ROOT, "packages/cli/src/commands/console.ts"));
    assert.ok(packages.size > 0);
    for (const [name, file] of packages) {
      assert.ok(name in MANIFEST.dependencies, `${file.slice(ROOT.length + 1)} loads ${name}, which is ${name in MANIFEST.devDependencies ? "a dev dependency" : "not a dependency"}`);
    }
  });
});
