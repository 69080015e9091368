/**
 * Cold start of every Lambda handler of the app: its bundle as SST v2 builds it for a
 * deploy (esbuild: bundled, minified, tree-shaken, ESM for Node 22, the AWS SDK v3
 * bundled in, SST's ESM banner) and its module initialisation time, the median over
 * several imports of the bundle, each in a fresh `node` process (performance.now()
 * around a dynamic import). The handler list comes from the synthesized app's construct
 * tree. Run: `npm run bench:cold-start` (options: --runs N).
 *
 * A second build marks `@aws-sdk/*` and `@smithy/*` external, as if the functions used
 * the SDK v3 the Node.js Lambda runtime ships; it shows what the bundled SDK costs. That
 * build is imported from a directory inside the repository so the SDK resolves from
 * node_modules, unbundled, as it would from the runtime.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build, type Metafile } from "esbuild";
import { synthesizeApp } from "../scripts/synth-app";
import { sstFunctionHandlers } from "../packages/local/src/lambda";

const TARGET_KB = 500;
const TARGET_INIT_MS = 100;
const runs = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 7;

/** The banner SST v2 prepends to ESM function bundles (sst/runtime/handlers/node.js). */
const SST_ESM_BANNER = [
  `import { createRequire as topLevelCreateRequire } from 'module';`,
  `const require = topLevelCreateRequire(import.meta.url);`,
  `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"`,
  `const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))`,
].join("\n");

/** What a handler module may read at import: the variables Lambda and the template set. */
const INIT_ENV = {
  AWS_REGION: "us-east-1", AWS_LAMBDA_FUNCTION_NAME: "cold-start", AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "256",
  POWERTOOLS_SERVICE_NAME: "cold-start", POWERTOOLS_METRICS_NAMESPACE: "PricingEngine", POWERTOOLS_LOG_LEVEL: "SILENT",
  TABLE_NAME: "pricing", BUS_NAME: "match-events", CLOCK_QUEUE_URL: "https://sqs.us-east-1.amazonaws.com/000000000000/clock",
  LIFECYCLE_ARN: "arn:aws:states:us-east-1:000000000000:stateMachine:Lifecycle", PRICE_MATCH_ARN: "arn:aws:states:us-east-1:000000000000:stateMachine:PriceMatch",
};

/** Runs in a fresh process: imports the bundle once and prints the milliseconds it took. */
const PROBE = `const t = performance.now(); await import(process.argv[1]); console.log(performance.now() - t);`;

async function bundle(handler: string, outdir: string, sdkExternal = false) {
  const source = handler.replace(/\.[^.]+$/, ".ts");
  const outfile = path.join(outdir, `${source.replace(/[/.]/g, "_")}.mjs`);
  const result = await build({
    entryPoints: [source], outfile, bundle: true, minify: true, treeShaking: true, keepNames: true,
    external: sdkExternal ? ["@aws-sdk/*", "@smithy/*"] : [],
    platform: "node", target: "node22", format: "esm", mainFields: ["module", "main"], banner: { js: SST_ESM_BANNER },
    metafile: true, logLevel: "silent",
  });
  return { outfile, bytes: statSync(outfile).size, metafile: result.metafile };
}

/** The packages that put the most bytes in the bundle. */
function heaviest(metafile: Metafile, top = 3): string {
  const byPackage = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? input.split("/").slice(0, 2).join("/");
      byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, b]) => `${name} ${(b / 1024).toFixed(0)}`).join(", ");
}

function initMs(outfile: string): number {
  const samples = Array.from({ length: runs }, () =>
    Number(execFileSync(process.execPath, ["--input-type=module", "-e", PROBE, pathToFileURL(outfile).href], { env: { ...process.env, ...INIT_ENV }, encoding: "utf8" }).trim()),
  );
  samples.sort((a, b) => a - b);
  return samples[samples.length >> 1];
}

const synth = await synthesizeApp({ stage: "bench", bundle: false });
const handlers = [...new Set(sstFunctionHandlers(synth.app).map((h) => h.handler))].sort();
const outdir = mkdtempSync(path.join(os.tmpdir(), "pricing-cold-start-"));
mkdirSync("node_modules/.cache", { recursive: true });
const runtimeSdkDir = mkdtempSync(path.resolve("node_modules/.cache/cold-start-"));
const rows: Array<{ handler: string; kb: number; ms: number; heaviest: string; externalKb: number; externalMs: number }> = [];
try {
  for (const handler of handlers) {
    const built = await bundle(handler, outdir);
    const external = await bundle(handler, runtimeSdkDir, true);
    rows.push({
      handler: handler.replace(/^packages\/functions\/src\//, ""), kb: built.bytes / 1024, ms: initMs(built.outfile), heaviest: heaviest(built.metafile),
      externalKb: external.bytes / 1024, externalMs: initMs(external.outfile),
    });
  }
} finally {
  rmSync(outdir, { recursive: true, force: true });
  rmSync(runtimeSdkDir, { recursive: true, force: true });
}

console.log(`Cold start, ${handlers.length} handlers, Node ${process.version}, init = median of ${runs} fresh processes\n`);
console.log("| handler | bundle (KB) | init (ms) | largest parts (KB in bundle) | runtime's SDK: bundle (KB) | init (ms) |");
console.log("| --- | ---: | ---: | --- | ---: | ---: |");
for (const r of rows) console.log(`| ${r.handler} | ${r.kb.toFixed(0)} | ${r.ms.toFixed(1)} | ${r.heaviest} | ${r.externalKb.toFixed(0)} | ${r.externalMs.toFixed(1)} |`);
const over = rows.filter((r) => r.kb >= TARGET_KB || r.ms >= TARGET_INIT_MS);
console.log(`\ntargets: bundle < ${TARGET_KB} KB and init < ${TARGET_INIT_MS} ms: ${over.length === 0 ? "all met" : `missed by ${over.map((r) => r.handler).join(", ")}`}`);
