import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Every module of a folder, recursively: TypeScript and the .mjs entries beside it. */
function modulesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return modulesUnder(file);
    return /\.(ts|mts|mjs)$/.test(name) && !name.endsWith(".d.ts") ? [file] : [];
  });
}

/** The module a relative specifier names: the file itself, or `.ts`, or the folder's `index.ts`. */
function resolveRelative(from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(from), specifier);
  return [base, `${base}.ts`, path.join(base, "index.ts")].find((file) => existsSync(file) && statSync(file).isFile());
}

/**
 * The import graph of a folder: for each module, the modules of the same folder it
 * imports through a relative specifier (static imports and re-exports, type-only ones
 * included, and dynamic `import()`s).
 */
function importGraph(dir: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of modulesUnder(dir)) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    const targets = importedFiles
      .map((imported) => imported.fileName)
      .filter((specifier) => specifier.startsWith("."))
      .map((specifier) => {
        const target = resolveRelative(file, specifier);
        assert.ok(target, `${path.relative(ROOT, file)}: cannot resolve "${specifier}"`);
        return target;
      })
      .filter((target) => target.startsWith(dir + path.sep));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Every elementary cycle a depth-first walk meets, each as the modules around it, first repeated last. */
function cyclesOf(graph: Map<string, string[]>): string[][] {
  const cycles = new Map<string, string[]>();
  const done = new Set<string>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const visit = (node: string) => {
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (onStack.has(next)) {
        const cycle = stack.slice(stack.indexOf(next));
        // One entry per cycle, whichever module the walk entered it by.
        const start = cycle.indexOf([...cycle].sort()[0]);
        const rotated = [...cycle.slice(start), ...cycle.slice(0, start)];
        cycles.set(rotated.join(" "), [...rotated, rotated[0]]);
      } else if (!done.has(next)) visit(next);
    }
    stack.pop();
    onStack.delete(node);
    done.add(node);
  };
  for (const node of [...graph.keys()].sort()) if (!done.has(node)) visit(node);
  return [...cycles.values()];
}

describe("import cycles", () => {
  for (const pkg of ["core", "functions", "local", "replay", "console", "cli"]) {
    test(`packages/${pkg}/src has none`, () => {
      const dir = path.join(ROOT, "packages", pkg, "src");
      const graph = importGraph(dir);
      assert.ok(graph.size > 5, `found only ${graph.size} modules under ${dir}`);
      const cycles = cyclesOf(graph).map((cycle) => cycle.map((file) => path.relative(dir, file)).join(" -> "));
      assert.deepEqual(cycles, [], `import cycles in packages/${pkg}/src:\n  ${cycles.join("\n  ")}`);
    });
  }

  test("the walk finds a cycle where there is one", () => {
    const graph = new Map([["a", ["b"]], ["b", ["c"]], ["c", ["a", "d"]], ["d", []]]);
    assert.deepEqual(cyclesOf(graph), [["a", "b", "c", "a"]]);
  });
});
