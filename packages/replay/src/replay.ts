import { performance } from "node:perf_hooks";
import { ListExecutionsCommand, SFNClient, type ExecutionListItem } from "@aws-sdk/client-sfn";
import { ManualClock, startLocalCloud, type ExecutionStatus, type LocalCloud, type LocalCloudOptions } from "@pricing/local";
import { auditFeeds, readMatchRecords } from "./audit";
import { EngineObserver } from "./observer";
import { postFeed } from "./poster";
import type { ReplayProgress } from "./progress";
import type { MatchFeed, SportFeed } from "@pricing/core/sports/feed";
import { summarize } from "./summarize";
import type { MatchDaySummary } from "./summary";

/** A 90-minute match in about a minute. */
export const DEFAULT_SPEED = 90;

/**
 * Fixtures replayed unless told otherwise. Every in-play match reprices on a clock
 * tick every 10 simulated seconds (nine a second at 90x), and one repricing costs this
 * one-process cloud about 35 ms of CPU: two matches at 90x is what a 2-core machine
 * keeps up with. `--matches 10` replays the whole round, slower: backpressure holds
 * the clock while the cloud catches up (see MAX_LAG_SECONDS).
 */
export const DEFAULT_MATCHES = 2;

/**
 * Simulated seconds the clock may run ahead of the oldest work in flight (a queued
 * message, a running invocation) before its timers wait for that work. One clock
 * tick's interval: well inside the engine's 30 s feed-gap bound, so a gap is never
 * skipped, nor a match refused as unscheduled, because this machine was slow; and
 * loose enough that a machine keeping up never waits.
 */
export const MAX_LAG_SECONDS = 10;

/** Real seconds to wait, after the last feed event, for every Lifecycle to finish. */
export const SETTLE_TIMEOUT_SECONDS = 60;

/** What the replay asks of a sport's feed simulator (or of several, mixed): the lead before the first event, each fixture's feed, and how a match is named and followed. */
export type ReplaySport<Fixture, Feed extends MatchFeed = MatchFeed> = Pick<SportFeed<Fixture, Feed>, "leadSeconds" | "matchFeed" | "describe" | "watch">;

export interface MatchDayReplayOptions<Fixture, Feed extends MatchFeed = MatchFeed> {
  /** The sport whose feeds are replayed: it draws each fixture's feed and names and follows its matches. */
  sport: ReplaySport<Fixture, Feed>;
  fixtures: Fixture[];
  /** Shown in the summary: the competition, the real date and how many fixtures the day had. */
  matchDay: { competition: string; date: string; fixturesOfDay: number };
  seed: number;
  speed?: number;
  port?: number;
  /** Real seconds to wait, after the last event, for every Lifecycle to finish (default SETTLE_TIMEOUT_SECONDS). */
  settleTimeoutSeconds?: number;
  progress: ReplayProgress;
  /** Leave the cloud running after the replay (the caller stops it). */
  keepRunning?: boolean;
  /**
   * Stepped time instead of `speed`: the clock moves this many simulated seconds at a
   * time, each step once the cloud is idle, as fast as the machine allows. Nothing
   * then waits on a clock that ran ahead of the work (a feed gap, a visibility
   * timeout), so the outcome does not depend on how loaded the machine is. A step must
   * not exceed the app's shortest run-time limit (10 s, the PriceGroup function's
   * timeout), or work started inside a step could time out on the step's jump.
   */
  stepSeconds?: number;
  cloudOptions?: Omit<LocalCloudOptions, "port" | "speed" | "clock" | "maxLagSeconds">;
  /** Seqs of the first fixture's feed not to put on the bus: a run that must report a drop. */
  withhold?: number[];
  /** Called once the cloud is up, before the first event (e.g. to mount the console). */
  onCloudStarted?: (cloud: LocalCloud) => Promise<void>;
}

export interface MatchDayReplay {
  summary: MatchDaySummary;
  /** Stopped unless `keepRunning`. */
  cloud: LocalCloud;
}

/**
 * Replays a real match day on the local cloud: starts it, posts every fixture's feed
 * (as the sport draws it) through PutEvents at its simulated time, waits for every
 * match's Lifecycle execution to finish, and summarizes what the engine did and what
 * it would cost on AWS.
 */
export async function replayMatchDay<Fixture, Feed extends MatchFeed>(options: MatchDayReplayOptions<Fixture, Feed>): Promise<MatchDayReplay> {
  const began = performance.now();
  const stepped = options.stepSeconds ? new ManualClock(Math.floor(Date.now() / 1000) * 1000) : undefined;
  const cloud = await startLocalCloud({
    ...options.cloudOptions, port: options.port,
    ...(stepped ? { clock: stepped } : { speed: options.speed ?? DEFAULT_SPEED, maxLagSeconds: MAX_LAG_SECONDS }),
  });
  const startupSeconds = (performance.now() - began) / 1000;
  options.progress.log(`local cloud at ${cloud.endpoint} (DynamoDB: ${cloud.dynamodb.backend}; started in ${startupSeconds.toFixed(1)} s)`);
  try {
    await options.onCloudStarted?.(cloud);
    const played = await playMatchDay(cloud, options, stepped);
    const summary = summarize({
      ...played, cloud, stepped: stepped !== undefined, describe: (feed) => options.sport.describe(feed),
      matchDay: { ...options.matchDay, seed: options.seed, speed: played.speed, endpoint: cloud.endpoint },
      wallSeconds: { startup: startupSeconds, replay: (performance.now() - began) / 1000 - startupSeconds, total: (performance.now() - began) / 1000 },
    });
    return { summary, cloud };
  } finally {
    if (!options.keepRunning) await cloud.stop();
  }
}

/** Posts the feeds on the cloud's clock (moving it when stepped), watches the engine and waits for the Lifecycles. */
async function playMatchDay<Fixture, Feed extends MatchFeed>(cloud: LocalCloud, options: MatchDayReplayOptions<Fixture, Feed>, stepped: ManualClock | undefined) {
  const baseline = cloud.usage();
  const { sport } = options;
  // The first event, the sport's lead before kick-off, falls due two seconds from now.
  const kickoffMs = Math.ceil(cloud.clock.now()) + (sport.leadSeconds + 2) * 1000;
  const feeds = options.fixtures.map((fixture) => sport.matchFeed(fixture, { seed: options.seed, kickoffMs }));
  const observer = new EngineObserver(cloud);
  observer.onEngineEvent = (type, matchId) => {
    if (type === "Markets Settled" && matchId) options.progress.settled(matchId);
  };
  const failures = watchFailedExecutions(cloud);
  options.progress.start(feeds.map((feed) => ({ feed, watch: sport.watch(feed) })), cloud.clock);
  const [simStart, realStart] = [cloud.clock.now(), performance.now()];
  const steps = stepped ? stepClock(cloud, stepped, options.stepSeconds! * 1000) : undefined;
  try {
    const { put, withheld } = withholdEvents(feeds, options.withhold ?? []);
    const posted = await postFeed(put, cloud, {
      beforePut: (t) => t.priceRelevant && observer.expectPrice(t.event.matchId, t.event.seq),
      onPut: (t) => options.progress.put(t),
    });
    const lifecycles = await awaitLifecycles(cloud, feeds, observer, (options.settleTimeoutSeconds ?? SETTLE_TIMEOUT_SECONDS) * 1000);
    await cloud.idle({ timeoutMs: 15_000 }).catch(() => undefined);
    const achievedSpeed = (cloud.clock.now() - simStart) / (performance.now() - realStart);
    const speed = stepped ? Math.round(achievedSpeed) : cloud.clock.speed;
    const notPut = new Map([...withheld.map((id) => [id, "withheld from the feed"] as const), ...posted.refused.map((r) => [r.eventId, `refused by PutEvents: ${r.error}`] as const)]);
    const records = await readMatchRecords(cloud, feeds.map((f) => f.matchId));
    const audit = auditFeeds(feeds, records, observer.tally.rejections, notPut);
    return { feeds, posted, observer, lifecycles, baseline, speed, achievedSpeed, failures, audit, maxLagSeconds: stepped ? undefined : MAX_LAG_SECONDS };
  } finally {
    await steps?.stop();
    options.progress.stop();
    failures.stop();
    await observer.close();
  }
}

/** The feeds as put on the bus, without the withheld seqs of the first fixture, and the ids withheld. */
function withholdEvents(feeds: MatchFeed[], seqs: number[]): { put: MatchFeed[]; withheld: string[] } {
  if (seqs.length === 0 || feeds.length === 0) return { put: feeds, withheld: [] };
  const [first, ...rest] = feeds;
  const out = first.events.filter((t) => seqs.includes(t.event.seq));
  return { put: [{ ...first, events: first.events.filter((t) => !out.includes(t)) }, ...rest], withheld: out.map((t) => t.event.eventId) };
}

/**
 * Waits until every match's Lifecycle execution has stopped running (and, if it
 * succeeded, its `Markets Settled` has been seen), polling ListExecutions through the
 * Step Functions API; gives up after `timeoutMs` real ms and returns the statuses as they are.
 */
async function awaitLifecycles(cloud: LocalCloud, feeds: MatchFeed[], observer: EngineObserver, timeoutMs: number): Promise<Map<string, ExecutionStatus>> {
  const client = new SFNClient({ endpoint: cloud.endpoint, region: cloud.region, credentials: { accessKeyId: "local", secretAccessKey: "local" } });
  const deadline = performance.now() + timeoutMs;
  try {
    for (;;) {
      const statuses = await lifecycleStatuses(client, cloud.stateMachines.lifecycle);
      const finished = (matchId: string) => statuses.get(matchId) !== "SUCCEEDED" || observer.tally.settled.has(matchId);
      const done = feeds.every((f) => statuses.has(f.matchId) && statuses.get(f.matchId) !== "RUNNING" && finished(f.matchId));
      if (done || performance.now() > deadline) return statuses;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    client.destroy();
  }
}

async function lifecycleStatuses(client: SFNClient, stateMachineArn: string): Promise<Map<string, ExecutionStatus>> {
  const statuses = new Map<string, ExecutionStatus>();
  let nextToken: string | undefined;
  do {
    const page = await client.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 100, nextToken }));
    for (const e of page.executions ?? ([] as ExecutionListItem[])) statuses.set(e.name!, e.status as ExecutionStatus);
    nextToken = page.nextToken;
  } while (nextToken);
  return statuses;
}

/** Moves a manual clock `stepMs` at a time, each step once the cloud is idle, until stopped. */
function stepClock(cloud: LocalCloud, clock: ManualClock, stepMs: number) {
  let running = true;
  const loop = (async () => {
    while (running) {
      await cloud.idle({ timeoutMs: 60_000 }).catch(() => undefined);
      if (running) await clock.advance(stepMs);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

/**
 * Counts executions of every state machine that ended FAILED, TIMED_OUT or ABORTED.
 * EXPRESS records are retained briefly (as on AWS, where they are not listable at
 * all), so the local engine is sampled every real second and failures are unioned.
 */
function watchFailedExecutions(cloud: LocalCloud) {
  const failed = new Set<string>();
  const sample = () => {
    for (const machine of cloud.stepFunctions.stateMachines()) {
      for (const record of cloud.stepFunctions.executions(machine.arn)) {
        if (record.status === "FAILED" || record.status === "TIMED_OUT" || record.status === "ABORTED") failed.add(record.executionArn);
      }
    }
  };
  const timer = setInterval(sample, 1000);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
    },
    count: () => failed.size,
  };
}
