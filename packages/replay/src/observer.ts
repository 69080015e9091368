import { performance } from "node:perf_hooks";
import { ENGINE_SOURCE, EngineDetail } from "@pricing/core/match/events";
import { matchStateEntity } from "@pricing/core/store/match-state";
import { openTable } from "@pricing/core/store/table";
import type { BusEvent } from "@pricing/local";
import type { Publication, StateSample } from "./latency";

/** What the engine announced during a replay, as seen on the bus. */
export interface EngineTally {
  publications: Publication[];
  /** Match id → `Markets Settled` detail. */
  settled: Map<string, { void: boolean; result: string | null }>;
  suspensions: number;
  modelFailures: number;
  rejectedEvents: number;
  /** Every `Event Rejected`: which event (when known) and why. */
  rejections: Rejection[];
}

/** A feed event the engine refused, as `Event Rejected` announced it. */
export interface Rejection {
  eventId: string | null;
  matchId: string | null;
  reason: string;
}

interface ObservedCloud {
  onEvent(listener: (event: BusEvent, busName: string) => void): () => void;
  readonly region: string;
  readonly dynamodb: { backendEndpoint: string; tableName: string };
}

/**
 * Watches the engine's events on the bus and, when a publication may settle a pending
 * event-to-price measurement, reads the match's state version and lastSeq. Reads go
 * straight to the DynamoDB backend, not through the metering endpoint, so observing
 * adds nothing to the app's counted usage.
 */
export class EngineObserver {
  readonly tally: EngineTally = { publications: [], settled: new Map(), suspensions: 0, modelFailures: 0, rejectedEvents: 0, rejections: [] };
  readonly samples: StateSample[] = [];
  private readonly pendingSeq = new Map<string, number>();
  private readonly sampledSeq = new Map<string, number>();
  private readonly reads = new Set<Promise<void>>();
  private readonly unsubscribe: () => void;
  private readonly states;
  /** Called for every engine event after it is tallied (progress display). */
  onEngineEvent?: (type: string, matchId: string | null) => void;

  constructor(cloud: ObservedCloud) {
    const table = openTable({ endpoint: cloud.dynamodb.backendEndpoint, region: cloud.region, credentials: { accessKeyId: "local", secretAccessKey: "local" }, tableName: cloud.dynamodb.tableName });
    this.states = table.entity(matchStateEntity);
    this.unsubscribe = cloud.onEvent((event) => this.observe(event));
  }

  /** A price-relevant event with this seq was put: publications of its match are worth a state read. */
  expectPrice(matchId: string, seq: number): void {
    this.pendingSeq.set(matchId, Math.max(this.pendingSeq.get(matchId) ?? 0, seq));
  }

  /** Waits for outstanding state reads and stops listening. */
  async close(): Promise<void> {
    this.unsubscribe();
    await Promise.allSettled([...this.reads]);
  }

  private observe(event: BusEvent): void {
    if (event.source !== ENGINE_SOURCE) return;
    const type = event["detail-type"];
    const matchId = typeof event.detail.matchId === "string" ? event.detail.matchId : null;
    // The engine validates what it publishes; a detail that still fails here is not counted.
    if (type === "Prices Published") {
      const parsed = EngineDetail["Prices Published"].safeParse(event.detail);
      if (!parsed.success) return;
      const { matchId: id, stateVersion, asOf } = parsed.data;
      this.tally.publications.push({ matchId: id, stateVersion, atMs: performance.now(), asOf });
      if ((this.pendingSeq.get(id) ?? 0) > (this.sampledSeq.get(id) ?? 0)) this.track(this.sample(id));
    } else if (type === "Markets Settled") {
      const parsed = EngineDetail["Markets Settled"].safeParse(event.detail);
      if (!parsed.success) return;
      this.tally.settled.set(parsed.data.matchId, { void: parsed.data.void, result: parsed.data.result });
    } else if (type === "Markets Suspended") this.tally.suspensions++;
    else if (type === "Model Failed") this.tally.modelFailures++;
    else if (type === "Event Rejected") {
      this.tally.rejectedEvents++;
      const parsed = EngineDetail["Event Rejected"].safeParse(event.detail);
      if (parsed.success) this.tally.rejections.push({ eventId: parsed.data.eventId, matchId: parsed.data.matchId, reason: parsed.data.reason });
    }
    this.onEngineEvent?.(type, matchId);
  }

  private async sample(matchId: string): Promise<void> {
    const { data } = await this.states.get({ matchId }).go({ consistent: true });
    if (!data) return;
    this.samples.push({ matchId, version: data.version, lastSeq: data.lastSeq });
    this.sampledSeq.set(matchId, Math.max(this.sampledSeq.get(matchId) ?? 0, data.lastSeq));
  }

  private track(read: Promise<void>): void {
    const tracked = read.catch(() => undefined).finally(() => this.reads.delete(tracked));
    this.reads.add(tracked);
  }
}
