import { eventLogEntity } from "@pricing/core/store/event-log";
import { matchStateEntity } from "@pricing/core/store/match-state";
import { openTable } from "@pricing/core/store/table";
import type { MatchState } from "@pricing/core/match/state";
import type { Rejection } from "./observer";
import type { MatchFeed } from "@pricing/core/sports/feed";

/** What became of a feed event the engine did not apply. */
export type DropFate = "rejected" | "skipped" | "parked" | "missing";

export interface DroppedEvent {
  matchId: string;
  seq: number;
  type: string;
  fate: DropFate;
  reason: string;
}

/** Every event of the replayed feeds: applied, or dropped and why. */
export interface FeedAudit {
  events: number;
  applied: number;
  rejected: number;
  skipped: number;
  parked: number;
  /** Neither applied, rejected, parked nor behind the match's last seq: never reached its state. */
  missing: number;
  dropped: DroppedEvent[];
}

interface AuditedCloud {
  readonly region: string;
  readonly dynamodb: { backendEndpoint: string; tableName: string };
}

/** What the engine stored of one match: the seqs in its event log and what still waits in its state. */
export interface MatchRecord {
  logged: Set<number>;
  parked: Set<number>;
  lastSeq: number;
}

/**
 * Reads each match's event log (every applied event) and state (events still parked)
 * straight from the DynamoDB backend, so the audit adds nothing to the counted usage.
 */
export async function readMatchRecords(cloud: AuditedCloud, matchIds: string[]): Promise<Map<string, MatchRecord>> {
  const table = openTable({ endpoint: cloud.dynamodb.backendEndpoint, region: cloud.region, credentials: { accessKeyId: "local", secretAccessKey: "local" }, tableName: cloud.dynamodb.tableName });
  const log = table.entity(eventLogEntity);
  const states = table.entity(matchStateEntity);
  const records = new Map<string, MatchRecord>();
  try {
    for (const matchId of matchIds) {
      const { data: entries } = await log.query.bySeq({ matchId }).go({ pages: "all" });
      const { data: item } = await states.get({ matchId }).go({ consistent: true });
      const state = item?.state as MatchState | undefined;
      records.set(matchId, {
        logged: new Set(entries.map((e) => e.seq)),
        parked: new Set((state?.parked ?? []).map((e) => e.seq)),
        lastSeq: state?.lastSeq ?? 0,
      });
    }
  } finally {
    table.destroy();
  }
  return records;
}

/**
 * Accounts for every event of the feeds: applied when the match's event log has it;
 * otherwise rejected (with the engine's reason), still parked behind a gap, skipped
 * (behind the match's last seq: a gap the engine gave up waiting for) or missing. `notPut` names events the replay
 * never put on the bus (withheld, or refused by PutEvents), which explains a skip.
 */
export function auditFeeds(feeds: MatchFeed[], records: Map<string, MatchRecord>, rejections: Rejection[], notPut: Map<string, string> = new Map()): FeedAudit {
  const rejectedBy = new Map(rejections.filter((r) => r.eventId).map((r) => [r.eventId!, r.reason]));
  const audit: FeedAudit = { events: 0, applied: 0, rejected: 0, skipped: 0, parked: 0, missing: 0, dropped: [] };
  for (const feed of feeds) {
    const record = records.get(feed.matchId) ?? { logged: new Set<number>(), parked: new Set<number>(), lastSeq: 0 };
    for (const { event } of feed.events) {
      audit.events++;
      if (record.logged.has(event.seq)) {
        audit.applied++;
        continue;
      }
      const why = notPut.get(event.eventId);
      const drop = (fate: DropFate, reason: string) => {
        audit[fate]++;
        audit.dropped.push({ matchId: event.matchId, seq: event.seq, type: event.type, fate, reason: why ? `${reason} (${why})` : reason });
      };
      const rejection = rejectedBy.get(event.eventId);
      if (rejection) drop("rejected", rejection);
      else if (record.parked.has(event.seq)) drop("parked", `still waiting for seq ${record.lastSeq + 1}`);
      else if (event.seq <= record.lastSeq) drop("skipped", "a feed gap the engine stopped waiting for");
      else drop("missing", "never reached the match's state");
    }
  }
  return audit;
}
