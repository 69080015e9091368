/**
 * Cold start of every Lambda handler of the app: its code as SST v2 deploys it and its
 * module initialisation time, the median over several imports of the handler, each in
 * a fresh `node` process (wall clock and CPU time around a dynamic import). Run:
 * `npm run bench:cold-start` (options: --runs N; --baseline '{"splitting":true}' also
 * builds every function with those `nodejs` options over its own and measures it in the
 * same rounds, to compare an option in one run of this noisy machine).
 *
 * The code is built by SST's own Node.js builder (`useNodeHandler().build`, deploy
 * mode) with each function's props as the synthesized app registered them for that
 * build (`useFunctions()`, app defaults merged in), so the options are the
 * deployed ones (FUNCTION_DEFAULTS in stacks/functions.ts); an esbuild plugin only
 * reads the metafile. The source map SST moves out of the code on deploy is removed
 * here too, and the import runs with the function's own NODE_OPTIONS. With
 * `nodejs.splitting`, "at init" is the handler file and the chunks it imports
 * statically, what Lambda loads before the first invocation; chunks behind a dynamic
 * import (the SDK's credential providers) load only if that code runs.
 *
 * A second build marks `@aws-sdk/*` and `@smithy/*` external, as if the functions used
 * the SDK v3 the Node.js Lambda runtime ships; it shows what the bundled SDK costs. That
 * build is written inside the repository so the SDK resolves from node_modules,
 * unbundled, as it would from the runtime.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Token } from "aws-cdk-lib";
import type { FunctionProps } from "sst/constructs";
import { useFunctions } from "sst/constructs/Function.js";
import { useNodeHandler } from "sst/runtime/handlers/node.js";
import { synthesizeApp } from "@pricing/local/template/synth-app";

const TARGET_KB = 500;
const TARGET_INIT_MS = 100;
const runs = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 7;
const baselineArg = process.argv.indexOf("--baseline");
const baseline: FunctionProps["nodejs"] | undefined = baselineArg > 0 ? JSON.parse(process.argv[baselineArg + 1]) : undefined;

/** What a handler module may read at import: the variables Lambda and the template set. */
const INIT_ENV = {
  AWS_REGION: "us-east-1", AWS_LAMBDA_FUNCTION_NAME: "cold-start", AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "256",
  POWERTOOLS_SERVICE_NAME: "cold-start", POWERTOOLS_METRICS_NAMESPACE: "PricingEngine", POWERTOOLS_LOG_LEVEL: "SILENT",
  TABLE_NAME: "pricing", BUS_NAME: "match-events", CLOCK_QUEUE_URL: "https://sqs.us-east-1.amazonaws.com/000000000000/clock",
  LIFECYCLE_ARN: "arn:aws:states:us-east-1:000000000000:stateMachine:Lifecycle", PRICE_MATCH_ARN: "arn:aws:states:us-east-1:000000000000:stateMachine:PriceMatch",
};

/**
 * Runs in a fresh process: imports the handler once and prints the milliseconds it took,
 * wall clock and CPU (user + system, all threads). CPU time moves less with the load of a
 * shared machine, so it is the better figure to compare between runs; wall time is what
 * Lambda's init duration measures.
 */
const PROBE = `const c = process.cpuUsage(); const t = performance.now(); await import(process.argv[1]); const w = performance.now() - t; const u = process.cpuUsage(c); console.log(w, (u.user + u.system) / 1000);`;

/** esbuild as SST bundles it (its own copy), and the part of a metafile read here. */
type Plugin = NonNullable<NonNullable<NonNullable<FunctionProps["nodejs"]>["esbuild"]>["plugins"]>[number];
interface Metafile {
  outputs: Record<string, { entryPoint?: string; imports: Array<{ path: string; kind: string }>; inputs: Record<string, { bytesInOutput: number }> }>;
}

interface Built {
  entry: string;
  /** Bytes of the handler file and the chunks it imports statically. */
  initBytes: number;
  /** Bytes of every JavaScript file of the function's code. */
  totalBytes: number;
  initInputs: Metafile["outputs"][string]["inputs"];
}

/** Builds one function's code with SST's builder and its props; `sdkExternal` leaves the SDK out. */
async function bundle(id: string, fn: FunctionProps, out: string, sdkExternal = false): Promise<Built> {
  let metafile: Metafile | undefined;
  const readMetafile: Plugin = { name: "read-metafile", setup: (b) => void b.onEnd((r) => void (metafile = r.metafile)) };
  const nodejs = fn.nodejs ?? {};
  const esbuild = nodejs.esbuild ?? {};
  const props = {
    ...fn,
    nodejs: {
      ...nodejs,
      esbuild: { ...esbuild, plugins: [...(esbuild.plugins ?? []), readMetafile], ...(sdkExternal ? { external: [...(esbuild.external ?? []), "@aws-sdk/*", "@smithy/*"] } : {}) },
    },
  };
  const result = await useNodeHandler().build({ functionID: `cold-start-${id}`, mode: "deploy", out, props });
  if (result.type === "error") throw new Error(result.errors.join("\n"));
  // SST's Function moves the source map its builder names out of the code (it goes to the SST console); any other stays.
  if (result.sourcemap) rmSync(path.resolve(result.sourcemap));
  const outputs = metafile!.outputs;
  // The handler file; chunks behind a dynamic import are entry points of the build too.
  const entry = path.join(out, result.handler.replace(/\.[^.]+$/, nodejs.format === "cjs" ? ".cjs" : ".mjs"));
  const entryKey = Object.keys(outputs).find((key) => path.resolve(key) === path.resolve(entry))!;
  const loaded = new Set<string>();
  const visit = (key: string) => {
    if (loaded.has(key)) return;
    loaded.add(key);
    for (const i of outputs[key].imports) if (i.kind === "import-statement" && outputs[i.path]) visit(i.path);
  };
  visit(entryKey);
  const js = Object.keys(outputs).filter((key) => !key.endsWith(".map"));
  const bytes = (keys: Iterable<string>) => [...keys].reduce((sum, key) => sum + statSync(key).size, 0);
  const initInputs: Built["initInputs"] = {};
  for (const key of loaded) Object.assign(initInputs, outputs[key].inputs);
  return { entry: path.resolve(entry), initBytes: bytes(loaded), totalBytes: bytes(js), initInputs };
}

/** The packages that put the most bytes in the code loaded at init. */
function heaviest(inputs: Built["initInputs"], top = 3): string {
  const byPackage = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(inputs)) {
    const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? input.split("/").slice(0, 2).join("/");
    byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
  }
  return [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, b]) => `${name} ${(b / 1024).toFixed(0)}`).join(", ");
}

/** The function's own environment (literal values: NODE_OPTIONS and the like) under what Lambda sets. */
function initEnv(fn: FunctionProps): NodeJS.ProcessEnv {
  const literal = Object.entries(fn.environment ?? {}).filter(([, value]) => !Token.isUnresolved(value));
  return { ...process.env, ...Object.fromEntries(literal), ...INIT_ENV };
}

function importMs(entry: string, env: NodeJS.ProcessEnv): { wall: number; cpu: number } {
  const [wall, cpu] = execFileSync(process.execPath, ["--input-type=module", "-e", PROBE, pathToFileURL(entry).href], { env, encoding: "utf8" }).trim().split(" ").map(Number);
  return { wall, cpu };
}

const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[samples.length >> 1];

await synthesizeApp({ stage: "bench", bundle: false });
const byHandler = new Map<string, [string, FunctionProps]>();
for (const [id, fn] of Object.entries(useFunctions().all)) {
  // The functions, and each sport's model function (named by its sport module).
  if (fn.handler && /^packages\/(functions\/src|core\/src\/sports)\//.test(fn.handler) && !byHandler.has(fn.handler)) byHandler.set(fn.handler, [id, fn]);
}
const functions = [...byHandler].sort(([a], [b]) => a.localeCompare(b)).map(([, entry]) => entry);
const outdir = mkdtempSync(path.join(os.tmpdir(), "pricing-cold-start-"));
mkdirSync("node_modules/.cache", { recursive: true });
const runtimeSdkDir = mkdtempSync(path.resolve("node_modules/.cache/cold-start-"));
const loadBefore = os.loadavg()[0];
type Sample = { wall: number; cpu: number };
type Measured = { handler: string; built: Built; external: Built; base?: Built; env: NodeJS.ProcessEnv; ms: Sample[]; externalMs: Sample[]; baseMs: Sample[] };
const measured: Measured[] = [];
try {
  for (const [i, [id, fn]] of functions.entries()) {
    measured.push({
      handler: fn.handler!.replace(/^packages\/functions\/src\//, "").replace(/\.handler$/, ""),
      built: await bundle(id, fn, path.join(outdir, String(i))),
      external: await bundle(id, fn, path.join(runtimeSdkDir, String(i)), true),
      base: baseline ? await bundle(id, { ...fn, nodejs: { ...fn.nodejs, ...baseline } }, path.join(outdir, `baseline-${i}`)) : undefined,
      env: initEnv(fn), ms: [], externalMs: [], baseMs: [],
    });
  }
  // Round by round across the handlers, so a burst of load on the machine spreads over all of them.
  for (let run = 0; run < runs; run++) {
    for (const m of measured) {
      m.ms.push(importMs(m.built.entry, m.env));
      m.externalMs.push(importMs(m.external.entry, m.env));
      if (m.base) m.baseMs.push(importMs(m.base.entry, m.env));
    }
  }
} finally {
  rmSync(outdir, { recursive: true, force: true });
  rmSync(runtimeSdkDir, { recursive: true, force: true });
}

const nodejs = functions[0]?.[1].nodejs ?? {};
const load = `${loadBefore.toFixed(2)} before, ${os.loadavg()[0].toFixed(2)} after`;
console.log(`Cold start, ${functions.length} handlers, Node ${process.version}, init = median of ${runs} fresh processes, load average (1 min) ${load}`);
console.log(`build: SST v2 deploy, nodejs ${JSON.stringify({ ...nodejs, esbuild: undefined })}${nodejs.esbuild ? ` esbuild ${JSON.stringify(nodejs.esbuild)}` : ""}\n`);
const baseHead = baseline ? ` baseline ${JSON.stringify(baseline)}: at init (KB) | all chunks (KB) | init (ms) | CPU (ms) |` : "";
console.log(`| handler | at init (KB) | all chunks (KB) | init (ms) | CPU (ms) | largest parts at init (KB) | runtime's SDK: at init (KB) | init (ms) | CPU (ms) |${baseHead}`);
console.log(`| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |${baseline ? " ---: | ---: | ---: | ---: |" : ""}`);
const rows = measured.map((m) => ({
  handler: m.handler, initKb: m.built.initBytes / 1024, totalKb: m.built.totalBytes / 1024, heaviest: heaviest(m.built.initInputs),
  ms: median(m.ms.map((s) => s.wall)), cpuMs: median(m.ms.map((s) => s.cpu)),
  externalKb: m.external.initBytes / 1024, externalMs: median(m.externalMs.map((s) => s.wall)), externalCpuMs: median(m.externalMs.map((s) => s.cpu)),
  base: m.base && {
    initKb: m.base.initBytes / 1024, totalKb: m.base.totalBytes / 1024, ms: median(m.baseMs.map((s) => s.wall)), cpuMs: median(m.baseMs.map((s) => s.cpu)),
  },
}));
for (const r of rows) {
  console.log(
    `| ${r.handler} | ${r.initKb.toFixed(0)} | ${r.totalKb.toFixed(0)} | ${r.ms.toFixed(1)} | ${r.cpuMs.toFixed(1)} | ${r.heaviest} | ${r.externalKb.toFixed(0)} | ${r.externalMs.toFixed(1)} | ${r.externalCpuMs.toFixed(1)} |` +
      (r.base ? ` ${r.base.initKb.toFixed(0)} | ${r.base.totalKb.toFixed(0)} | ${r.base.ms.toFixed(1)} | ${r.base.cpuMs.toFixed(1)} |` : ""),
  );
}
const over = rows.filter((r) => r.initKb >= TARGET_KB || r.ms >= TARGET_INIT_MS);
console.log(`\ntargets: code at init < ${TARGET_KB} KB and init < ${TARGET_INIT_MS} ms: ${over.length === 0 ? "all met" : `missed by ${over.map((r) => r.handler).join(", ")}`}`);
const overTotal = rows.filter((r) => r.totalKb >= TARGET_KB);
if (overTotal.length > 0) console.log(`all chunks (the whole deployed code) >= ${TARGET_KB} KB: ${overTotal.map((r) => r.handler).join(", ")}`);
