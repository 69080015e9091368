import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { build } from "esbuild";

/**
 * What each handler's bundle holds: a function bundles the schemas and clients it uses
 * and no more (see BENCHMARKS.md, "Cold start"). The modules are those esbuild keeps
 * after tree-shaking, as in a deploy.
 */
async function bundledModules(handler: string): Promise<string[]> {
  const result = await build({
    entryPoints: [`packages/functions/src/${handler}.ts`], bundle: true, write: false, outdir: "out", metafile: true, minify: true,
    platform: "node", format: "esm", target: "esnext", mainFields: ["module", "main"], logLevel: "silent",
  });
  return Object.values(result.metafile.outputs).flatMap((o) => Object.entries(o.inputs).filter(([, i]) => i.bytesInOutput > 0).map(([path]) => path));
}

const holds = (modules: string[], part: string) => modules.some((m) => m.includes(part));
const LIFECYCLE = ["sfn/register-match", "sfn/await-epoch", "sfn/start-ticker"];
const PUBLISHING = ["sfn/publish-prices", "sfn/model-failed", "sfn/settle-match", "sfn/void-match"];
const LOGGER_ONLY = [...LIFECYCLE, "sfn/load-state", "sfn/settle-match", "sfn/void-match"];

describe("handler bundles", () => {
  test("the lifecycle functions and LoadState bundle no zod: starting a clock chain needs the tick's type only", async () => {
    for (const handler of [...LIFECYCLE, "sfn/load-state"]) assert.equal(holds(await bundledModules(handler), "node_modules/zod/"), false, handler);
  });

  test("functions that validate events bundle Zod Mini, not classic zod", async () => {
    for (const handler of ["events/ingest", "clock/tick", ...PUBLISHING]) {
      const modules = await bundledModules(handler);
      assert.ok(holds(modules, "node_modules/zod/v4/mini/"), handler);
      assert.equal(holds(modules, "node_modules/zod/v4/classic/"), false, handler);
    }
  });

  test("publishing engine events bundles no feed schema; ingesting a feed event does", async () => {
    for (const handler of PUBLISHING) assert.equal(holds(await bundledModules(handler), "packages/core/src/match/events.ts"), false, handler);
    assert.ok(holds(await bundledModules("events/ingest"), "packages/core/src/match/events.ts"));
  });

  test("functions that publish no metric bundle no Powertools Metrics", async () => {
    for (const handler of LOGGER_ONLY) assert.equal(holds(await bundledModules(handler), "@aws-lambda-powertools/metrics"), false, handler);
    assert.ok(holds(await bundledModules("sfn/publish-prices"), "@aws-lambda-powertools/metrics"));
  });
});
