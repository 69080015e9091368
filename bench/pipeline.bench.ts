/**
 * The in-play pipeline under load on the local cloud, in real time (clock speed 1, the
 * template's 10-second tick): N matches kick off together, then every match gets a goal
 * every `--event-interval` seconds for `--seconds` seconds. Reported per N: feed events
 * applied per second, event-to-published-price latency p50/p99 (from PutEvents to the
 * first `Prices Published` of a state that includes the event), publications per second,
 * what the functions spent, peak memory (this process's RSS, sampled, and DynamoDB
 * Local's java process from /proc) and a count check that every event was applied.
 *
 * Run: `npm run bench:pipeline` (options: --matches 50,200,500 --seconds 60
 * --event-interval 60 --backend auto|dynalite --threads N, the handler threads: default the local cloud's).
 */
import "@pricing/cli/environment";
import { readdirSync, readFileSync } from "node:fs";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import os from "node:os";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { feedEntry, type FeedEvent } from "@pricing/core/match/events";
import { startLocalCloud, type LocalCloud, type LocalCloudUsage } from "@pricing/local";
import { EngineObserver } from "@pricing/replay/observer";
import { eventToPriceLatencies, percentile, type PutRecord } from "@pricing/replay/latency";
import { loadState } from "@pricing/core/store/match-state";
import { resetEngineTable } from "@pricing/core/store/table";
import { resetConfig } from "@pricing/core/config";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const SIZES = arg("matches", "50,200,500").split(",").map(Number);
const WINDOW_S = Number(arg("seconds", "60"));
const EVENT_INTERVAL_S = Number(arg("event-interval", "60"));
const BACKEND = arg("backend", "auto") as "auto" | "dynalite";
const LOG_LEVEL = arg("log", "error") as "error" | "warn" | "info";
const HANDLER_THREADS = process.argv.includes("--threads") ? Number(arg("threads", "1")) : undefined;
const TARGET_P99_MS = 250;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** RSS in MB of the java processes under this one (DynamoDB Local), from /proc. */
function javaRssMb(): number {
  let total = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (!cmdline.includes("DynamoDBLocal")) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      const ppid = Number(readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ")[1]);
      if (rss && (ppid === process.pid || isDescendant(ppid))) total += Number(rss[1]) / 1024;
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return total;
}
function isDescendant(pid: number): boolean {
  for (let hops = 0; pid > 1 && hops < 5; hops++) {
    if (pid === process.pid) return true;
    pid = Number(readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ")[1]);
  }
  return false;
}

/** A match whose kick-off is now: Match Scheduled and Match Started, then goals from `goal(seq, minute)`. */
function opening(matchId: string, nowMs: number): FeedEvent[] {
  const at = new Date(nowMs).toISOString();
  return [
    { type: "Match Scheduled", eventId: `${matchId}-1`, matchId, seq: 1, occurredAt: at, competition: "Bench League", homeTeam: `${matchId} H`, awayTeam: `${matchId} A`, kickoff: at, expectedGoals: { home: 1.6, away: 1.1, rho: -0.1 } },
    { type: "Match Started", eventId: `${matchId}-2`, matchId, seq: 2, occurredAt: at },
  ];
}
const goal = (matchId: string, seq: number, nowMs: number, kickoffMs: number): FeedEvent => ({
  type: "Goal Scored", eventId: `${matchId}-${seq}`, matchId, seq, occurredAt: new Date(nowMs).toISOString(), team: seq % 2 === 0 ? "home" : "away",
  minute: Math.min(90, Math.floor((nowMs - kickoffMs) / 60_000)),
});

async function put(client: EventBridgeClient, cloud: LocalCloud, events: FeedEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 10) {
    const out = await client.send(new PutEventsCommand({ Entries: events.slice(i, i + 10).map((e) => feedEntry(e, cloud.busName)) }));
    if (out.FailedEntryCount) throw new Error(`PutEvents refused ${out.FailedEntryCount} entries`);
  }
}

interface RunResult {
  matches: number;
  backend: string;
  posted: number;
  applied: number;
  lost: number;
  eventsPerSecond: number;
  publicationsPerSecond: number;
  tickPublicationsPerMatchMinute: number;
  p50: number | null;
  p99: number | null;
  unpriced: number;
  peakRssMb: number;
  peakJavaMb: number;
  cpuPercent: number;
  loopDelayP99Ms: number;
  functions: Array<{ name: string; invocations: number; meanMs: number; share: number }>;
  /** The work done in the window, to tell a slower machine (same work, more CPU) from more work. */
  work: { invocations: number; handlerErrors: number; expressExecutions: number; dynamodbReads: number; dynamodbWrites: number; failedConditionalWrites: number };
}

/** The handlers' SDK clients are made once per process: every run listens on the first run's port. */
let port = 0;

/** Peak RSS of this process and of DynamoDB Local, sampled every half second. */
function memorySampler() {
  const peak = { rssMb: 0, javaMb: 0 };
  const timer = setInterval(() => {
    peak.rssMb = Math.max(peak.rssMb, process.memoryUsage().rss / 2 ** 20);
    peak.javaMb = Math.max(peak.javaMb, javaRssMb());
  }, 500);
  return { peak, stop: () => clearInterval(timer) };
}

/** Until every match has been priced in play (or two minutes pass), then one tick period more. */
async function warmUp(observer: EngineObserver, matches: number): Promise<void> {
  const until = performance.now() + 120_000;
  const priced = () => new Set(observer.tally.publications.filter((p) => p.stateVersion >= 2).map((p) => p.matchId)).size;
  while (priced() < matches && performance.now() < until) await sleep(250);
  await sleep(10_000);
}

/** For the window: each match scores every EVENT_INTERVAL_S, the matches spread evenly over it. */
async function driveGoals(cloud: LocalCloud, client: EventBridgeClient, observer: EngineObserver, ids: string[], kickoffMs: number, startMs: number): Promise<PutRecord[]> {
  const puts: PutRecord[] = [];
  const seqs = new Map(ids.map((id) => [id, 2]));
  const slots = ids.map((id, i) => ({ id, dueMs: startMs + ((i + 0.5) / ids.length) * EVENT_INTERVAL_S * 1000 }));
  while (performance.now() < startMs + WINDOW_S * 1000) {
    const due = slots.filter((s) => s.dueMs <= performance.now());
    if (due.length > 0) {
      const events = due.map((s) => {
        s.dueMs += EVENT_INTERVAL_S * 1000;
        const seq = seqs.get(s.id)! + 1;
        seqs.set(s.id, seq);
        observer.expectPrice(s.id, seq);
        return goal(s.id, seq, cloud.clock.now(), kickoffMs);
      });
      const putAtMs = performance.now();
      await put(client, cloud, events);
      for (const e of events) puts.push({ matchId: e.matchId, seq: e.seq, type: e.type, putAtMs });
    }
    await sleep(Math.max(1, Math.min(50, Math.min(...slots.map((s) => s.dueMs)) - performance.now())));
  }
  return puts;
}

/** Event-to-price latencies once every put event is priced, or 30 s after the window. */
async function drainLatencies(puts: PutRecord[], observer: EngineObserver) {
  const until = performance.now() + 30_000;
  let latencies = eventToPriceLatencies(puts, observer.tally.publications, observer.samples);
  while (latencies.unpriced.length > 0 && performance.now() < until) {
    await sleep(500);
    latencies = eventToPriceLatencies(puts, observer.tally.publications, observer.samples);
  }
  return latencies;
}

/** What the local cloud did between two usage readings. */
function workDone(before: LocalCloudUsage, after: LocalCloudUsage): RunResult["work"] {
  return {
    invocations: after.lambda.total.invocations - before.lambda.total.invocations,
    handlerErrors: after.lambda.total.errors - before.lambda.total.errors,
    expressExecutions: after.stepFunctions.expressRequests - before.stepFunctions.expressRequests,
    dynamodbReads: after.dynamodb.readRequests - before.dynamodb.readRequests,
    dynamodbWrites: after.dynamodb.writeRequests - before.dynamodb.writeRequests,
    failedConditionalWrites: after.dynamodb.failedConditionalWrites - before.dynamodb.failedConditionalWrites,
  };
}

/** Handler time per function between two usage readings, largest first. */
function functionTimes(before: LocalCloudUsage, after: LocalCloudUsage): RunResult["functions"] {
  const rows = Object.entries(after.lambda.byFunction).map(([name, u]) => {
    const was = before.lambda.byFunction[name] ?? { invocations: 0, billedDurationMs: 0 };
    return { name: name.replace(/^local-pricing-engine-\w+-/, "").replace(/Function[0-9A-F]+$/, ""), invocations: u.invocations - was.invocations, ms: u.billedDurationMs - was.billedDurationMs };
  });
  const busyMs = rows.reduce((sum, f) => sum + f.ms, 0);
  return rows.filter((f) => f.invocations > 0).sort((a, b) => b.ms - a.ms)
    .map((f) => ({ name: f.name, invocations: f.invocations, meanMs: f.ms / f.invocations, share: busyMs > 0 ? f.ms / busyMs : 0 }));
}

async function run(matches: number): Promise<RunResult> {
  const cloud = await startLocalCloud({ port, speed: 1, backend: BACKEND, logLevel: LOG_LEVEL, handlerThreads: HANDLER_THREADS });
  port = Number(new URL(cloud.endpoint).port);
  process.env.TABLE_NAME = cloud.dynamodb.tableName;
  resetConfig();
  resetEngineTable();
  const client = new EventBridgeClient({ endpoint: cloud.endpoint, region: cloud.region, credentials: { accessKeyId: "bench", secretAccessKey: "bench" } });
  const observer = new EngineObserver(cloud);
  const memory = memorySampler();
  const ids = Array.from({ length: matches }, (_, i) => `bench-${matches}-${i + 1}`);
  const kickoffMs = cloud.clock.now();
  try {
    await put(client, cloud, ids.flatMap((id) => opening(id, kickoffMs)));
    await warmUp(observer, matches);
    // usage() hands out live counters: keep a copy of the starting point.
    const before = { usage: structuredClone(cloud.usage()), cpu: process.cpuUsage(), publications: observer.tally.publications.length, at: performance.now() };
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const puts = await driveGoals(cloud, client, observer, ids, kickoffMs, before.at);
    const windowS = (performance.now() - before.at) / 1000;
    const cpu = process.cpuUsage(before.cpu);
    loop.disable();
    const after = cloud.usage();
    const functions = functionTimes(before.usage, after);
    const work = workDone(before.usage, after);
    const windowPublications = observer.tally.publications.length - before.publications;
    const latencies = await drainLatencies(puts, observer);
    let applied = 0;
    for (const id of ids) applied += Math.max(0, (await loadState(id)).lastSeq - 2);
    const ms = latencies.priced.map((p) => p.latencyMs);
    return {
      matches, backend: cloud.dynamodb.backend, posted: puts.length, applied, lost: puts.length - applied,
      eventsPerSecond: applied / windowS, publicationsPerSecond: windowPublications / windowS,
      // Roughly: every goal makes one publication, the rest are the clock's.
      tickPublicationsPerMatchMinute: ((windowPublications - puts.length) / matches) * (60 / windowS),
      p50: percentile(ms, 50), p99: percentile(ms, 99), unpriced: latencies.unpriced.length,
      peakRssMb: memory.peak.rssMb, peakJavaMb: memory.peak.javaMb,
      cpuPercent: ((cpu.user + cpu.system) / 1000 / (windowS * 1000)) * 100,
      loopDelayP99Ms: loop.percentile(99) / 1e6,
      functions,
      work,
    };
  } finally {
    memory.stop();
    await observer.close();
    client.destroy();
    await cloud.stop();
  }
}

const cpuModel = os.cpus()[0]?.model ?? "unknown";
console.log(`Pipeline, ${WINDOW_S} s window, a goal per match every ${EVENT_INTERVAL_S} s, 10 s clock ticks; Node ${process.version}, ${os.availableParallelism()} cores (${cpuModel}), load average ${os.loadavg()[0].toFixed(1)}\n`);
const results: RunResult[] = [];
for (const n of SIZES) {
  const r = await run(n);
  results.push(r);
  console.log(`${n} matches done (${r.backend}): ${r.applied}/${r.posted} applied, p99 ${r.p99?.toFixed(0)} ms`);
}
console.log("\n| in play | events/s applied | posted / applied | p50 (ms) | p99 (ms) | unpriced | publications/s | tick publications per match-minute | CPU (node) | event-loop delay p99 (ms) | peak RSS node / java (MB) |");
console.log("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const r of results) {
  console.log(`| ${r.matches} | ${r.eventsPerSecond.toFixed(1)} | ${r.posted} / ${r.applied} | ${r.p50?.toFixed(0) ?? "-"} | ${r.p99?.toFixed(0) ?? "-"} | ${r.unpriced} | ${r.publicationsPerSecond.toFixed(1)} | ${r.tickPublicationsPerMatchMinute.toFixed(2)} (6 due) | ${r.cpuPercent.toFixed(0)}% | ${r.loopDelayP99Ms.toFixed(0)} | ${r.peakRssMb.toFixed(0)} / ${r.peakJavaMb.toFixed(0)} |`);
}
console.log("\nWhere handler time went (measured ms per invocation, share of all handler time):");
for (const r of results) console.log(`  ${r.matches}: ${r.functions.slice(0, 6).map((f) => `${f.name} ${f.invocations}× ${f.meanMs.toFixed(1)} ms (${(f.share * 100).toFixed(0)}%)`).join(", ")}`);
console.log("\nWork in the window (the same work at more CPU means a slower machine, not a slower build):");
for (const { matches, work: w } of results) {
  console.log(`  ${matches}: ${w.invocations} invocations (${w.handlerErrors} errors), ${w.expressExecutions} Express executions, DynamoDB ${w.dynamodbReads} reads and ${w.dynamodbWrites} writes (${w.failedConditionalWrites} conditions failed)`);
}
const worst = results.find((r) => r.matches === Math.max(...SIZES))!;
console.log(`\ntarget: ${worst.matches} in play, p99 < ${TARGET_P99_MS} ms, nothing lost: ${worst.p99 !== null && worst.p99 < TARGET_P99_MS && worst.lost === 0 ? "met" : `not met (p99 ${worst.p99?.toFixed(0)} ms, ${worst.lost} lost)`}`);
