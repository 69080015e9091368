import { Entity, type EntityConfiguration, type EntityItem } from "electrodb";
import type { FeedEventBase as FeedEvent } from "../match/feed-event";
import { matchPartition } from "./keys";
import { engineTable } from "./table";

/** Every applied feed event of a match, in seq order. */
export function eventLogEntity(config?: EntityConfiguration) {
  return new Entity({
    model: { entity: "eventLog", version: "1", service: "pricing" },
    attributes: {
      matchId: { type: "string", required: true },
      seq: { type: "number", required: true, padding: { length: 7, char: "0" } },
      eventId: { type: "string", required: true },
      type: { type: "string", required: true },
      occurredAt: { type: "string", required: true },
      event: { type: "any", required: true },
      loggedAt: { type: "string", required: true },
    },
    indexes: {
      bySeq: { pk: matchPartition, sk: { field: "sk", composite: ["seq"] } },
    },
  }, config);
}
/** Unbound, for its types (a table binds the builder: see table.ts). A bundle that does not use it drops it. */
export const EventLog = /* @__PURE__ */ eventLogEntity();
export type EventLogItem = EntityItem<typeof EventLog>;

/**
 * Logs applied events, keyed by match and seq: a feed's seq names one event for good,
 * so logging an event again writes the same entry.
 */
export async function logEvents(applied: FeedEvent[], now: string): Promise<void> {
  if (applied.length === 0) return;
  await engineTable()
    .entity(eventLogEntity)
    .put(applied.map((event) => ({ matchId: event.matchId, seq: event.seq, eventId: event.eventId, type: event.type, occurredAt: event.occurredAt, event, loggedAt: now })))
    .go();
}
