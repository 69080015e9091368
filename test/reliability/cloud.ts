import assert from "node:assert/strict";
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from "@aws-sdk/client-eventbridge";
import { DescribeExecutionCommand, GetExecutionHistoryCommand, SFNClient } from "@aws-sdk/client-sfn";
import { SQSClient } from "@aws-sdk/client-sqs";
import { ENGINE_SOURCE, feedEntry, type FeedEvent } from "@pricing/core/match/events";
import { applyEvent } from "@pricing/core/match/reducer";
import { emptyState, type MatchState } from "@pricing/core/match/state";
import { eventLogEntity } from "@pricing/core/store/event-log";
import { settlementEntity } from "@pricing/core/store/settlement";
import { engineTable, resetEngineTable } from "@pricing/core/store/table";
import { loadState } from "@pricing/core/store/match-state";
import { resetConfig } from "@pricing/core/config";
import { startLocalCloud, type Clock, type LocalCloud } from "@pricing/local";
import type { LambdaFunctionSpec, LambdaInvocationResult } from "@pricing/local/lambda/index";
import { expectedSettlement, FOOTBALL, randomFootballFeeds, type ReliabilitySport } from "./sports";

export interface EngineEvent {
  type: string;
  detail: Record<string, any>;
  /** Simulated time it was put on the bus. */
  atMs: number;
}

/** A local cloud for the reliability suite, with SDK clients on its endpoint and every engine event recorded. */
export interface Harness {
  cloud: LocalCloud;
  clock: Clock;
  events: EventBridgeClient;
  sfn: SFNClient;
  sqs: SQSClient;
  engine: EngineEvent[];
  stop(): Promise<void>;
}

export async function startHarness(options: { clock: Clock; dataDir?: string; port?: number }): Promise<Harness> {
  const cloud = await startLocalCloud({ port: options.port ?? 0, clock: options.clock, dataDir: options.dataDir, backend: "dynalite", logLevel: "silent" });
  // The app's store, read from the test, goes through the same endpoint and table.
  process.env.TABLE_NAME = cloud.dynamodb.tableName;
  resetConfig();
  resetEngineTable();
  const config = { endpoint: cloud.endpoint, region: cloud.region, credentials: { accessKeyId: "reliability", secretAccessKey: "reliability" } };
  const engine: EngineEvent[] = [];
  const unsubscribe = cloud.onEvent((event) => {
    if (event.source === ENGINE_SOURCE) engine.push({ type: event["detail-type"], detail: event.detail, atMs: options.clock.now() });
  });
  const clients = { events: new EventBridgeClient(config), sfn: new SFNClient(config), sqs: new SQSClient(config) };
  return {
    cloud, clock: options.clock, engine, ...clients,
    stop: async () => {
      unsubscribe();
      for (const client of Object.values(clients)) client.destroy();
      await cloud.stop();
    },
  };
}

/** Puts entries on the app's bus through PutEvents, ten a call; every entry must be accepted. */
export async function putEntries(h: Harness, entries: PutEventsRequestEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 10) {
    const out = await h.events.send(new PutEventsCommand({ Entries: entries.slice(i, i + 10) }));
    assert.equal(out.FailedEntryCount, 0, JSON.stringify(out.Entries));
  }
}

export const postFeed = (h: Harness, events: FeedEvent[]) => putEntries(h, events.map((e) => feedEntry(e, h.cloud.busName)));

/** Real ms the local cloud may stay busy between two steps of simulated time (a repricing of every match in play, on a shared machine). */
const IDLE_TIMEOUT_MS = 120_000;

/** On a manual clock: lets simulated time pass `stepMs` at a time, all work finishing in between, until `done`. */
export async function runUntil(h: Harness & { clock: { advance(ms: number): Promise<void> } }, done: () => Promise<boolean>, what: string, options: { maxSeconds?: number; stepMs?: number } = {}): Promise<void> {
  const { maxSeconds = 600, stepMs = 1000 } = options;
  for (let elapsed = 0; elapsed <= maxSeconds * 1000; elapsed += stepMs) {
    await h.cloud.idle({ timeoutMs: IDLE_TIMEOUT_MS });
    if (await done()) return;
    await h.clock.advance(stepMs);
  }
  assert.fail(`${what} did not happen within ${maxSeconds} simulated seconds`);
}

/** On a manual clock: lets `seconds` of simulated time pass, `stepSeconds` at a time, all work finishing in between. */
export async function advance(h: Harness & { clock: { advance(ms: number): Promise<void> } }, seconds: number, stepSeconds = 1): Promise<void> {
  for (let elapsed = 0; elapsed < seconds; elapsed += stepSeconds) {
    await h.cloud.idle({ timeoutMs: IDLE_TIMEOUT_MS });
    await h.clock.advance(Math.min(stepSeconds, seconds - elapsed) * 1000);
  }
  await h.cloud.idle({ timeoutMs: IDLE_TIMEOUT_MS });
}

/** On a running clock: polls every `pollMs` real ms until `done`, or fails after `timeoutMs` real ms. */
export async function waitFor(done: () => Promise<boolean>, what: string, options: { timeoutMs?: number; pollMs?: number } = {}): Promise<void> {
  const { timeoutMs = 60_000, pollMs = 100 } = options;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await done()) return;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  assert.fail(`${what} did not happen within ${timeoutMs} real ms`);
}

export const executionArn = (h: Harness, matchId: string) => `${h.cloud.stateMachines.lifecycle.replace(":stateMachine:", ":execution:")}:${matchId}`;

export async function lifecycle(h: Harness, matchId: string): Promise<{ status?: string; entered: string[] }> {
  const arn = executionArn(h, matchId);
  try {
    const { status } = await h.sfn.send(new DescribeExecutionCommand({ executionArn: arn }));
    const entered: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await h.sfn.send(new GetExecutionHistoryCommand({ executionArn: arn, maxResults: 500, nextToken }));
      for (const e of page.events ?? []) if (e.stateEnteredEventDetails?.name) entered.push(e.stateEnteredEventDetails.name);
      nextToken = page.nextToken;
    } while (nextToken);
    return { status, entered };
  } catch (error) {
    if ((error as Error).name === "ExecutionDoesNotExist") return { entered: [] };
    throw error;
  }
}

export const allEnded = (h: Harness, matchIds: string[]) => async () => {
  for (const id of matchIds) if (!["SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"].includes((await lifecycle(h, id)).status ?? "")) return false;
  return true;
};

/** The states of a football Lifecycle that ran once through a confirmed match (RELIABILITY_SPORTS has each sport's). */
export const SETTLED_PATH = FOOTBALL.settledPath;

/** What the pure reducer makes of the feed in seq order. */
export const reduced = (feed: FeedEvent[]): MatchState => feed.reduce((s, e) => applyEvent(s, e).state, emptyState(feed[0].matchId));

/** `count` whole-match football feeds with random incidents (and `always` in each), reproducible from `seed`. */
export const randomFeeds = randomFootballFeeds;

/**
 * Posts deliveries of one or more matches as a live feed arrives: `chunk` entries at a
 * time, each chunk once every match has applied the events of the chunk before (every
 * seq below the chunk's lowest new one), so that no event is ever further ahead of its
 * match's last applied seq than the sequence window. `lastWanted` caps that wait for a
 * match whose later events are expected to fail (a poisoned event).
 */
export async function postLive(
  h: Harness & { clock: { advance(ms: number): Promise<void> } },
  deliveries: FeedEvent[][],
  options: { chunk?: number; lastWanted?: Map<string, number> } = {},
): Promise<void> {
  const { chunk = 10 } = options;
  const longest = Math.max(...deliveries.map((d) => d.length));
  for (let i = 0; i < longest; i += chunk) {
    for (const d of deliveries) if (i < d.length) await postFeed(h, d.slice(i, i + chunk));
    await runUntil(h, async () => {
      for (const d of deliveries) {
        const upTo = Math.max(0, ...d.slice(i, i + chunk).map((e) => e.seq));
        const wanted = Math.min(upTo, options.lastWanted?.get(d[0].matchId) ?? Infinity);
        if ((await loadState(d[0].matchId)).lastSeq < wanted) return false;
      }
      return true;
    }, `the events up to delivery ${i + chunk} applied`, { maxSeconds: 120 });
  }
}

/** The seed of a randomised run: RELIABILITY_SEED when set (to replay a failure), else fresh. */
export const runSeed = (): number => Number(process.env.RELIABILITY_SEED) || Math.floor(Math.random() * 2 ** 31);

/** A small seeded generator (mulberry32) for delivery decisions. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `proceed` invokes the function for real, with `event` or a replacement. */
export type Around = (fn: LambdaFunctionSpec, event: unknown, proceed: (replacement?: unknown) => Promise<LambdaInvocationResult>) => Promise<LambdaInvocationResult>;

/**
 * Puts `around` between every caller (event-source mappings, Step Functions tasks, bus
 * targets) and the local Lambda service, to inject faults; returns the undo. Callers
 * look `invoke` up on the service at each call, so shadowing it on the instance is enough.
 */
export function aroundInvoke(cloud: LocalCloud, around: Around): () => void {
  const lambda = cloud.lambda;
  const original = lambda.invoke;
  lambda.invoke = (nameOrArn: string, event: unknown) => {
    const spec = lambda.find(nameOrArn);
    const proceed = (replacement?: unknown) => original.call(lambda, nameOrArn, replacement ?? event);
    return spec ? around(spec, event, proceed) : proceed();
  };
  return () => {
    delete (lambda as { invoke?: unknown }).invoke;
  };
}

/** The result Invoke gives for a function that threw `errorType`, or that ran out of time. */
export function failedInvocation(errorType: string, errorMessage: string): LambdaInvocationResult {
  const error = { errorType, errorMessage };
  return { payload: error, functionError: "Unhandled", error, requestId: `fault-${Math.random().toString(36).slice(2)}`, durationMs: 1, billedDurationMs: 1 };
}

/**
 * The checks every reliability run ends with, for one match: its stored state is what
 * the pure reducer gives for the ordered feed, no gap was given up on, each event is
 * logged once in seq order, and the stored settlement is the ordered feed's. Returns
 * the reduced state for the caller's own checks.
 */
export async function assertEndedAsReduced(feed: FeedEvent[], seed: number, sport: ReliabilitySport = FOOTBALL): Promise<MatchState> {
  const matchId = feed[0].matchId;
  const expected = reduced(feed);
  const stored = await loadState(matchId);
  assert.deepEqual(sport.decisive(stored), sport.decisive(expected), `${matchId} (seed ${seed})`);
  assert.ok(!stored.changes.some((c) => c.type === "Gap Skipped"), `${matchId}: no gap was given up on`);
  const { data: log } = await engineTable().entity(eventLogEntity).query.bySeq({ matchId }).go({ pages: "all" });
  assert.deepEqual(log.map((e) => e.eventId), feed.map((e) => e.eventId), `${matchId}: each event logged once, in seq order`);
  const { data: settlements } = await engineTable().entity(settlementEntity).query.byMarket({ matchId }).go({ pages: "all" });
  const stored_ = settlements.map((r) => ({ market: r.market, selections: r.selections })).sort((a, b) => a.market.localeCompare(b.market));
  assert.deepEqual(stored_, expectedSettlement(expected), `${matchId}: the settlement of the ordered feed`);
  return expected;
}
