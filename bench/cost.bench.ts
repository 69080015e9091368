/**
 * AWS cost of one fully priced match, and of a day with none, from what the local cloud
 * counts (state transitions, executions and their durations, invocations and GB-seconds,
 * events, SQS requests, DynamoDB units) at list prices (packages/local/src/cost).
 *
 * The match: a real fixture's feed as the match-day replay draws it (scheduled, the
 * closing odds observed, kick-off, goals, half time, 90 minutes and stoppage time in
 * play at the template's 10-second tick, full time, the confirmed result, settlement),
 * on a clock at `--speed` (default 60). Lambda GB-seconds are real handler time on this
 * machine; Express durations are their run time (clock time divided by the speed).
 *
 * Tennis beside it: one real best-of-3 and one real best-of-5 match (bench/tennis-load.ts),
 * their points drawn by the tennis replay simulator to the real set scores, each point
 * repriced (every tennis group, read from the sport), the result confirmed and settled.
 *
 * The idle day: the cloud left alone for a simulated day (a clock at 2,880x, 30 real
 * seconds): nothing may run.
 *
 * Run: `npm run bench:cost` (options: --speed N --backend auto|dynalite --only
 * football,tennis,idle: default all three).
 */
import "@pricing/cli/environment";
import { performance } from "node:perf_hooks";
import { startLocalCloud, type LocalCloud } from "@pricing/local";
import { estimateCost, idleDayCost, type CostEstimate } from "@pricing/core/cost/estimate";
import { meteredUsage, usageBetween } from "@pricing/local/cost/usage";
import { DEFAULT_TIMING, matchDayFeed } from "@pricing/core/sports/football/replay/feed";
import { sportOf } from "@pricing/core/sports/registry";
import type { MatchFeed } from "@pricing/core/sports/feed";
import { tennisMatchFeed } from "@pricing/core/sports/tennis/replay/index";
import { BO3, BO5, benchTennisFixture } from "./tennis-load";
import type { MatchDayFixture } from "@pricing/core/sports/football/replay/fixtures";
import { postFeed } from "@pricing/replay/poster";
import { synthesizeLocalApp } from "@pricing/local/wiring/synth";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const SPEED = Number(arg("speed", "60"));
const BACKEND = arg("backend", "auto") as "auto" | "dynalite";
const IDLE_SPEED = 2880;
const TARGET_USD = 0.01;
const TENNIS_BO3_TARGET_USD = 0.005;
const ARCHITECTURE = "arm64" as const;

/** Arsenal v Everton, Premier League, 22 May 2022 (data/football-data/E0_2122.csv: 5-1, 2-1 at half time; Pinnacle closing odds PSC*, PC>2.5, PC<2.5). */
const FIXTURE: MatchDayFixture = {
  key: "cost-E0-20220522-arsenal-everton", competition: "Premier League", date: "2022-05-22", time: "16:00",
  homeTeam: "Arsenal", awayTeam: "Everton", halfTime: { home: 2, away: 1 }, fullTime: { home: 5, away: 1 }, redCards: { home: 0, away: 0 },
  closing: { bookmaker: "Pinnacle", matchResult: { home: 1.36, draw: 5.61, away: 8.84 }, overUnder25: { over: 1.55, under: 2.6 } },
};

function table(title: string, estimate: CostEstimate): void {
  console.log(`\n${title}\n\n| service | item | quantity | unit price (USD) | USD |\n| --- | --- | ---: | ---: | ---: |`);
  for (const l of estimate.lines.filter((x) => x.quantity > 0)) {
    console.log(`| ${l.service} | ${l.item} | ${+l.quantity.toFixed(3)} ${l.unit} | ${l.unitPriceUsd.toExponential(3)} | ${l.usd.toFixed(6)} |`);
  }
  console.log(`| **total** | | | | **${estimate.totalUsd.toFixed(6)}** |`);
}

async function settledWithin(cloud: LocalCloud, matchId: string, timeoutMs: number): Promise<void> {
  let done = false;
  const off = cloud.onEvent((e) => {
    if (e["detail-type"] === "Markets Settled" && e.detail.matchId === matchId) done = true;
  });
  const deadline = performance.now() + timeoutMs;
  while (!done && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
  off();
  if (!done) throw new Error(`${matchId} did not settle within ${timeoutMs / 1000} real seconds`);
}

/** One match's feed posted on a fresh cloud, until it settles; its usage at list prices. */
async function oneMatch(title: string, makeFeed: (kickoffMs: number) => MatchFeed & { events: Array<{ atMs: number }> }, leadSeconds: number, targetUsd: number): Promise<number> {
  const cloud = await startLocalCloud({ port: 0, speed: SPEED, backend: BACKEND, logLevel: "error" });
  try {
    const kickoffMs = Math.ceil(cloud.clock.now()) + (leadSeconds + 2) * 1000;
    const feed = makeFeed(kickoffMs);
    const sport = sportOf(String((feed.events[0].event as { sport?: string }).sport ?? "football"));
    const baseline = cloud.usage();
    const began = performance.now();
    const posted = await postFeed([feed], { endpoint: cloud.endpoint, region: cloud.region, busName: cloud.busName, clock: cloud.clock });
    await settled(cloud, feed.matchId, 120_000, feed.events.at(-1)!.atMs);
    await cloud.idle({ timeoutMs: 30_000 });
    const usage = usageBetween(baseline, cloud.usage());
    const metered = meteredUsage(usage, { architecture: ARCHITECTURE });
    const estimate = estimateCost(metered);
    const inPlayMinutes = (feed.events.at(-1)!.atMs - feed.kickoffMs) / 60_000;
    const repricings = feed.events.filter((e) => e.priceRelevant).length;
    console.log(`\n${title}: ${posted.put} feed events (${repricings} price-relevant), ${sport.groups.length} market groups (${sport.groups.join(", ")}), ${inPlayMinutes.toFixed(0)} simulated minutes from the start to the confirmed result, on ${cloud.dynamodb.backend} at ${SPEED}x, ${((performance.now() - began) / 1000).toFixed(0)} real s`);
    console.log(`counted: ${usage.stepFunctions.standardTransitions} Standard transitions in ${usage.stepFunctions.standardExecutions} executions, ${usage.stepFunctions.expressRequests} Express executions (${(metered.stepFunctions.expressBilledMs / 1000).toFixed(1)} billed s), ` +
      `${usage.lambda.total.invocations} Lambda invocations (${usage.lambda.total.gbSeconds.toFixed(2)} GB-s), ${usage.eventBridge.eventsPut} events, ${usage.sqs.requests} SQS requests, ` +
      `${usage.dynamodb.writeUnits.toFixed(0)} WRU / ${usage.dynamodb.readUnits.toFixed(0)} RRU`);
    table(`Cost per fully priced match, ${title} (target < $${targetUsd}): ${estimate.totalUsd < targetUsd ? "met" : "NOT met"}`, estimate);
    return estimate.totalUsd;
  } finally {
    await cloud.stop();
  }
}

/** The settling wait must cover the whole match at the clock's speed. */
async function settled(cloud: LocalCloud, matchId: string, extraMs: number, lastAtMs?: number): Promise<void> {
  const playMs = lastAtMs === undefined ? 0 : Math.max(0, (lastAtMs - cloud.clock.now()) / SPEED);
  return settledWithin(cloud, matchId, playMs + extraMs);
}

const football = (kickoffMs: number) => matchDayFeed([FIXTURE], { seed: 7, kickoffMs })[0];
const tennis = (which: typeof BO3 | typeof BO5, key: string) => {
  const fixture = benchTennisFixture(which.file, which.date, which.winner);
  return (kickoffMs: number) => tennisMatchFeed({ ...fixture, key }, { seed: 7, kickoffMs });
};

async function idleDay(): Promise<void> {
  const cloud = await startLocalCloud({ port: 0, speed: IDLE_SPEED, backend: BACKEND, logLevel: "error" });
  try {
    const baseline = cloud.usage();
    const dayMs = 86_400_000;
    const start = cloud.clock.now();
    while (cloud.clock.now() - start < dayMs) await new Promise((resolve) => setTimeout(resolve, 250));
    const usage = usageBetween(baseline, cloud.usage());
    const lines = estimateCost(meteredUsage(usage, { architecture: ARCHITECTURE })).lines;
    // Compute is what runs: functions, state machines, events, table reads and writes. SQS
    // receives are the event-source mappings' polling, a standing charge estimated below.
    const computeUsd = lines.filter((l) => l.service !== "SQS").reduce((sum, l) => sum + l.usd, 0);
    const app = await synthesizeLocalApp(cloud.stage);
    const count = (type: string) => app.stacks.reduce((n, s) => n + Object.values<{ Type: string }>(s.template.Resources ?? {}).filter((r) => r.Type === type).length, 0);
    const standing = idleDayCost({ alarms: count("AWS::CloudWatch::Alarm"), sqsEventSourceMappings: count("AWS::Lambda::EventSourceMapping") });
    console.log(`\nIdle day (a simulated day with no match): ${usage.lambda.total.invocations} invocations, ${usage.stepFunctions.standardTransitions + usage.stepFunctions.expressRequests} state machine transitions and requests, ${usage.eventBridge.eventsPut} events, ${usage.dynamodb.writeUnits + usage.dynamodb.readUnits} DynamoDB units: compute $${computeUsd.toFixed(6)} (target $0: ${computeUsd === 0 ? "met" : "NOT met"}); the local pollers made ${usage.sqs.receives} empty receives`);
    console.log(`standing charges (not compute): ${standing.standing.map((l) => `${l.item} ${+l.quantity.toFixed(3)} ${l.unit} = $${l.usd.toFixed(4)}`).join("; ")}; total $${standing.totalUsd.toFixed(4)} a day`);
  } finally {
    await cloud.stop();
  }
}

const only = arg("only", "football,tennis,idle").split(",");
if (only.includes("football")) {
  await oneMatch(`${FIXTURE.homeTeam} v ${FIXTURE.awayTeam}, football`, football, DEFAULT_TIMING.scheduledLeadMinutes * 60, TARGET_USD);
}
if (only.includes("tennis")) {
  await oneMatch("Chardy v Uchiyama, Brisbane 2019, 6-4 3-6 7-6, tennis best of 3", tennis(BO3, "cost-ATP-20190103-chardy-uchiyama"), 180, TENNIS_BO3_TARGET_USD);
  await oneMatch("Bautista Agut v Murray, Australian Open 2019, 6-4 6-4 6-7 6-7 6-2, tennis best of 5", tennis(BO5, "cost-ATP-20190114-bautista-agut-murray"), 180, TARGET_USD);
}
if (only.includes("idle")) await idleDay();
