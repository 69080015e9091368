import { estimateCost, idleDayCost, perMatch } from "@pricing/core/cost/estimate";
import { meteredUsage, RealClock, usageBetween, type ExecutionStatus, type LocalCloud, type LocalCloudUsage } from "@pricing/local";
import type { FeedAudit } from "./audit";
import { eventToPriceLatencies, percentile } from "./latency";
import type { EngineObserver } from "./observer";
import type { PostReport } from "./poster";
import type { MatchFeed } from "@pricing/core/sports/feed";
import { problemsOf, type MatchDaySummary } from "./summary";

/** Every function of the app runs on Graviton (stacks/functions.ts: architecture arm_64). */
const ARCHITECTURE = "arm64";

export interface ReplayRecord<Feed extends MatchFeed = MatchFeed> {
  cloud: LocalCloud;
  feeds: Feed[];
  /** How the sport names a match and its real result (SportFeed.describe). */
  describe: (feed: Feed) => { fixture: string; result: string };
  posted: PostReport;
  observer: EngineObserver;
  lifecycles: Map<string, ExecutionStatus>;
  baseline: LocalCloudUsage;
  /** Real-time clock at `speed`, or stepped time (speed is then the one achieved). */
  speed: number;
  /** Simulated time per real time over the replay, holds of the clock included. */
  achievedSpeed: number;
  /** What became of every feed event. */
  audit: FeedAudit;
  /** The clock's backpressure bound, when it had one. */
  maxLagSeconds?: number;
  stepped: boolean;
  /** Executions that ended FAILED, TIMED_OUT or ABORTED. */
  failures: { count(): number };
  matchDay: MatchDaySummary["matchDay"];
  wallSeconds: MatchDaySummary["wallSeconds"];
}

/** The summary of a finished replay: counts, latency percentiles, errors and the projected cost. */
export function summarize<Feed extends MatchFeed>(r: ReplayRecord<Feed>): MatchDaySummary {
  const usage = usageBetween(r.baseline, r.cloud.usage());
  const { tally } = r.observer;
  const outcomes = r.feeds.map((f) => ({
    matchId: f.matchId,
    ...r.describe(f),
    lifecycle: r.lifecycles.get(f.matchId) ?? "NOT STARTED",
    settled: r.lifecycles.get(f.matchId) === "SUCCEEDED" && tally.settled.get(f.matchId)?.void === false,
  }));
  const { priced, unpriced } = eventToPriceLatencies(r.posted.priceRelevant, tally.publications, r.observer.samples);
  const latencies = priced.map((p) => p.latencyMs);
  const dlqs = dlqDepths(r.cloud);
  const estimate = estimateCost(meteredUsage(usage, { architecture: ARCHITECTURE }));
  const summary: MatchDaySummary = {
    ok: true,
    problems: [],
    matchDay: r.matchDay,
    matches: r.feeds.length,
    settled: outcomes.filter((o) => o.settled).length,
    events: { put: r.posted.put, priceRelevant: r.posted.priceRelevant.length },
    executions: { lifecycle: usage.stepFunctions.standardExecutions, pricing: usage.stepFunctions.expressRequests },
    reprices: tally.publications.length,
    suspensions: tally.suspensions,
    latencyMs: { samples: latencies.length, p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.length ? Math.max(...latencies) : null, unpriced: unpriced.length },
    errors: {
      putFailures: r.posted.failed,
      rejectedEvents: tally.rejectedEvents,
      failedExecutions: r.failures.count(),
      functionErrors: usage.lambda.total.errors,
      modelFailures: tally.modelFailures,
      dlqDepth: Object.values(dlqs).reduce((a, b) => a + b, 0),
      dlqByQueue: dlqs,
    },
    cost: {
      perMatch: perMatch(estimate, r.feeds.length),
      totalUsd: estimate.totalUsd,
      idleDay: idleDayCost(standingResources(r.cloud)),
      notes: costNotes(r.speed, r.stepped),
    },
    feed: r.audit,
    backpressure: backpressureOf(r),
    wallSeconds: r.wallSeconds,
    outcomes,
  };
  summary.problems = problemsOf(summary);
  summary.ok = summary.problems.length === 0;
  return summary;
}

/** What holding the clock behind work in flight did; null on stepped time, which never runs ahead. */
function backpressureOf(r: Pick<ReplayRecord, "cloud" | "stepped" | "maxLagSeconds" | "achievedSpeed">): MatchDaySummary["backpressure"] {
  if (!(r.cloud.clock instanceof RealClock) || r.stepped) return null;
  const stats = r.cloud.clock.holdStats;
  return {
    maxLagSeconds: r.maxLagSeconds ?? null,
    achievedSpeed: Math.round(r.achievedSpeed * 10) / 10,
    holds: stats.holds,
    heldSeconds: Math.round(stats.heldRealMs) / 1000,
    longestHoldMs: Math.round(stats.longestHoldRealMs),
    overruns: stats.overruns,
  };
}

/** Messages waiting in each of the app's dead-letter queues (queues named after a DLQ) that holds any. */
function dlqDepths(cloud: LocalCloud): Record<string, number> {
  const depths: Record<string, number> = {};
  for (const name of Object.keys(cloud.resources.queues).filter((n) => /dlq/i.test(n))) {
    const counts = cloud.sqs.findQueue(name)?.counts();
    const depth = counts ? counts.visible + counts.notVisible + counts.delayed : 0;
    if (depth > 0) depths[name] = depth;
  }
  return depths;
}

/**
 * What bills on a day without matches, counted from the running app: CloudWatch
 * alarms and SQS event-source mappings (each work queue, every queue but a DLQ, feeds
 * one function). Alarms are counted when the cloud lists them.
 */
function standingResources(cloud: LocalCloud): { alarms: number; sqsEventSourceMappings: number } {
  const listed = cloud.resources as { alarms?: unknown };
  const alarms = Array.isArray(listed.alarms) ? listed.alarms.length : 0;
  const workQueues = Object.keys(cloud.resources.queues).filter((n) => !/dlq/i.test(n)).length;
  return { alarms, sqsEventSourceMappings: workQueues };
}

function costNotes(speed: number, stepped: boolean): string[] {
  return [
    "Lambda and Express durations are real time on this machine, where every handler shares two cores, so they are upper bounds of what AWS would bill",
    stepped
      ? "time was stepped: Express run time was not measured, so each execution is billed its 100 ms minimum at 64 MB"
      : `Express run time is the simulated duration divided by the speed (${speed}); 100 ms rounding applied to the mean execution, billed at 64 MB`,
    "no free tier; EventBridge counts the feed's own PutEvents as well as the engine's events",
  ];
}
