/**
 * `npm run bench`: the core timings. Every case runs in a process of its own, with its
 * own warm-up, so one case's type feedback, compiled code and garbage cannot change
 * another's figure (BENCHMARKS.md says when that happened). `--runs N` repeats the whole
 * set N times, interleaved, and reports each case's median over the runs with every run;
 * `--write` puts the tables and the machine into BENCHMARKS.md between its
 * `<!-- bench:... -->` markers.
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { SECTIONS } from "./core.cases";
import { runCase } from "./harness";
import { replaceBlock } from "./document";

const DOCUMENT = fileURLToPath(new URL("../BENCHMARKS.md", import.meta.url));

interface CaseFigures {
  section: string;
  name: string;
  runs: number[];
}

/** `--case SECTION:INDEX`: the child's job, one case, its median in ns on stdout. */
function runChild(id: string): void {
  const [sectionId, index] = id.split(":");
  const benchCase = SECTIONS.find((s) => s.id === sectionId)?.cases[Number(index)];
  if (!benchCase) throw new Error(`no bench case ${id}`);
  process.stdout.write(`${JSON.stringify({ ns: runCase(benchCase) })}\n`);
}

function timeInChild(id: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), "--case", id], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve((JSON.parse(out) as { ns: number }).ns) : reject(new Error(`bench case ${id} exited with ${code}`))));
  });
}

const middle = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** A duration in the table's units: µs to 2 decimals under 1 µs, 1 decimal under 1 ms, else ms. */
export function formatFigure(ns: number): string {
  if (ns < 1e3) return `${(ns / 1e3).toFixed(2)} µs`;
  if (ns < 1e6) return `${(ns / 1e3).toFixed(1)} µs`;
  return `${(ns / 1e6).toFixed(2)} ms`;
}

function table(figures: CaseFigures[], runs: number): string {
  const rows = figures.map((f) => `| ${f.name} | ${formatFigure(middle(f.runs))} | ${f.runs.map(formatFigure).join(", ")} |`);
  return [`| case | median of ${runs} run${runs === 1 ? "" : "s"} | every run, in order |`, "| --- | ---: | ---: |", ...rows].join("\n");
}

/** CPU time (user + system, clock ticks) of every process, from /proc; empty off Linux. */
function processTicks(): Map<string, { name: string; ticks: number }> {
  const out = new Map<string, { name: string; ticks: number }>();
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  } catch {
    return out;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const fields = stat.slice(close + 2).split(" ");
      out.set(pid, { name: stat.slice(stat.indexOf("(") + 1, close), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return out;
}

/**
 * The busiest process other than this one over one second, as a share of one core: a
 * figure measured while another process takes most of a core is not comparable.
 */
async function busiestOtherProcess(): Promise<string> {
  const before = processTicks();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const after = processTicks();
  let busiest = { name: "none", share: 0 };
  for (const [pid, now] of after) {
    if (Number(pid) === process.pid) continue;
    const share = (now.ticks - (before.get(pid)?.ticks ?? now.ticks)) / CLOCK_TICKS_PER_SECOND;
    if (share > busiest.share) busiest = { name: now.name, share };
  }
  return after.size === 0 ? "not measured (no /proc)" : `${busiest.name} at ${Math.round(busiest.share * 100)}% of a core`;
}

/** Linux's USER_HZ, the unit of /proc/PID/stat's CPU times, on every common platform. */
const CLOCK_TICKS_PER_SECOND = 100;

function machine(runs: number, load: number, busiest: string): string {
  const cpu = cpus()[0]?.model?.trim() ?? "unknown CPU";
  const day = new Date().toISOString().slice(0, 10);
  return (
    `Machine: Node ${process.version}, ${availableParallelism()} cores (${cpu}), load average ${load.toFixed(1)} ` +
    `and the busiest other process ${busiest} when the runs began; ${runs} run${runs === 1 ? "" : "s"} of every case on ${day}, each case in a fresh process ` +
    "with its own warm-up (`npm run bench -- --runs " + runs + " --write`)."
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { case: { type: "string" }, runs: { type: "string", default: "1" }, write: { type: "boolean", default: false } } });
  if (values.case) return runChild(values.case);
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number of at least 1, got "${values.runs}"`);

  const load = loadavg()[0];
  const busiest = await busiestOtherProcess();
  console.log(`# Benchmarks: node ${process.version}, ${availableParallelism()} cores, ${cpus()[0]?.model ?? "unknown CPU"}, load ${load.toFixed(1)}, busiest other process ${busiest}; every case in its own process`);
  const figures = SECTIONS.map((section) => section.cases.map((c): CaseFigures => ({ section: section.id, name: c.name, runs: [] })));
  for (let run = 1; run <= runs; run++) {
    for (const [s, section] of SECTIONS.entries()) {
      console.log(`\n## ${section.title}${runs > 1 ? ` (run ${run} of ${runs})` : ""}`);
      for (const [i, c] of section.cases.entries()) {
        const ns = await timeInChild(`${section.id}:${i}`);
        figures[s][i].runs.push(ns);
        console.log(`${c.name.replace(/`/g, "").padEnd(84)} ${formatFigure(ns).padStart(10)}`);
      }
    }
  }
  if (runs > 1) {
    for (const [s, section] of SECTIONS.entries()) console.log(`\n## ${section.title}\n\n${table(figures[s], runs)}`);
  }
  if (values.write) {
    let text = readFileSync(DOCUMENT, "utf8");
    text = replaceBlock(text, "machine", machine(runs, load, busiest));
    for (const [s, section] of SECTIONS.entries()) text = replaceBlock(text, section.id, table(figures[s], runs));
    writeFileSync(DOCUMENT, text);
    console.log(`\nwrote ${SECTIONS.map((s) => s.id).join(", ")} and the machine to BENCHMARKS.md`);
  }
}

await main();
