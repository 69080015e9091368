import { performance } from "node:perf_hooks";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { InternalError } from "@pricing/core/errors";
import { feedEntry } from "@pricing/core/match/events";
import type { Clock } from "@pricing/local";
import type { PutRecord } from "./latency";
import type { MatchFeed, TimedFeedEvent } from "@pricing/core/sports/feed";

/** PutEvents takes at most ten entries per call. */
const MAX_ENTRIES = 10;

export interface PosterTarget {
  endpoint: string;
  region: string;
  busName: string;
  clock: Clock;
}

export interface PostReport {
  put: number;
  /** Entries EventBridge refused (FailedEntryCount), with the first error. */
  failed: number;
  firstError: string | null;
  /** The events EventBridge refused, and why. */
  refused: Array<{ eventId: string; error: string }>;
  /** Price-relevant events and the real time each was put. */
  priceRelevant: PutRecord[];
}

/**
 * Posts the feed of a match day to the bus through the EventBridge PutEvents API, each
 * event when the cloud's clock reaches its time. Events due together go in one call of
 * at most ten entries, in feed order, so a match's events keep their order.
 */
export interface PostHooks {
  /** Called just before an event is put. */
  beforePut?: (e: TimedFeedEvent) => void;
  /** Called once the bus accepted the event. */
  onPut?: (e: TimedFeedEvent) => void;
  signal?: AbortSignal;
}

export async function postFeed(feeds: MatchFeed[], target: PosterTarget, hooks: PostHooks = {}): Promise<PostReport> {
  const client = new EventBridgeClient({
    endpoint: target.endpoint,
    region: target.region,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  const timeline = feeds.flatMap((f) => f.events).sort((a, b) => a.atMs - b.atMs || a.event.seq - b.event.seq);
  const report: PostReport = { put: 0, failed: 0, firstError: null, refused: [], priceRelevant: [] };
  try {
    for (let i = 0; i < timeline.length; ) {
      const wait = timeline[i].atMs - target.clock.now();
      if (wait > 0) await target.clock.sleep(wait, hooks.signal);
      const now = target.clock.now();
      let end = i;
      while (end < timeline.length && timeline[end].atMs <= now) end++;
      for (let from = i; from < end; from += MAX_ENTRIES) {
        await putBatch(client, timeline.slice(from, Math.min(end, from + MAX_ENTRIES)), target.busName, report, hooks);
      }
      i = end;
    }
  } finally {
    client.destroy();
  }
  return report;
}

async function putBatch(client: EventBridgeClient, batch: TimedFeedEvent[], busName: string, report: PostReport, hooks: PostHooks): Promise<void> {
  batch.forEach((t) => hooks.beforePut?.(t));
  const putAtMs = performance.now();
  const out = await client.send(new PutEventsCommand({ Entries: batch.map((t) => feedEntry(t.event, busName)) }));
  if (!out.Entries || out.Entries.length !== batch.length) {
    throw new InternalError("matchday.put_failed", `PutEvents answered ${out.Entries?.length ?? 0} entries for ${batch.length}`);
  }
  out.Entries.forEach((entry, k) => {
    const timed = batch[k];
    if (entry.ErrorCode) {
      report.failed++;
      report.firstError ??= `${timed.event.type} of ${timed.event.matchId}: ${entry.ErrorCode} ${entry.ErrorMessage ?? ""}`;
      report.refused.push({ eventId: timed.event.eventId, error: `${entry.ErrorCode} ${entry.ErrorMessage ?? ""}`.trim() });
      return;
    }
    report.put++;
    if (timed.priceRelevant) report.priceRelevant.push({ matchId: timed.event.matchId, seq: timed.event.seq, type: timed.event.type, putAtMs });
    hooks.onPut?.(timed);
  });
}
