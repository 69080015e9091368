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
    entryPoints: [handler.startsWith("packages/") ? handler : `packages/functions/src/${handler}.ts`], bundle: true, write: false, outdir: "out", metafile: true, minify: true,
    platform: "node", format: "esm", target: "esnext", mainFields: ["module", "main"], logLevel: "silent",
  });
  return Object.values(result.metafile.outputs).flatMap((o) => Object.entries(o.inputs).filter(([, i]) => i.bytesInOutput > 0).map(([path]) => path));
}

const holds = (modules: string[], part: string) => modules.some((m) => m.includes(part));
const LIFECYCLE = ["sfn/register-match", "sfn/await-epoch", "sfn/start-ticker"];
const PUBLISHING = ["sfn/publish-prices", "sfn/model-failed", "sfn/settle-match", "sfn/void-match"];
/** Functions that need no sport: they sequence, store, publish or wait, whatever the match's sport. */
const SPORTLESS = [...LIFECYCLE, "sfn/publish-prices", "sfn/model-failed"];
const LOGGER_ONLY = [...LIFECYCLE, "sfn/load-state", "sfn/settle-match", "sfn/void-match"];

describe("handler bundles", () => {
  test("the lifecycle functions bundle no zod: starting a clock chain needs the tick's type only", async () => {
    for (const handler of LIFECYCLE) assert.equal(holds(await bundledModules(handler), "node_modules/zod/"), false, handler);
  });

  test("functions that need no sport bundle no sport module; a sport's model function bundles its sport alone, and no store or bus", async () => {
    for (const handler of SPORTLESS) {
      const modules = await bundledModules(handler);
      assert.equal(holds(modules, "packages/core/src/sports/"), false, `${handler}: ${modules.filter((m) => m.includes("/sports/")).join(", ")}`);
    }
    for (const [sport, own] of [["football", "markets/"], ["tennis", "markets.ts"]]) {
      const model = await bundledModules(`packages/core/src/sports/${sport}/model.ts`);
      assert.ok(holds(model, `packages/core/src/sports/${sport}/${own}`), `${sport}'s markets`);
      const foreign = model.filter((m) => new RegExp(`packages/core/src/(store|bus|match/flows/(ingest|load|settle|clock)|sports/(?!${sport}/|contract))`).test(m) || m.includes("sports/registry"));
      assert.deepEqual(foreign, [], sport);
      assert.equal(holds(model, "@aws-sdk/"), false, `no AWS SDK client in ${sport}'s model function`);
    }
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
