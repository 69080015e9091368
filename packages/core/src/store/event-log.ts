import { Entity, type EntityConfiguration, type EntityItem } from "electrodb";
import { matchPartition } from "./keys";

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
/** Unbound: for its types, and for readers that bind their own client. A bundle that does not use it drops it. */
export const EventLog = /* @__PURE__ */ eventLogEntity();
export type EventLogItem = EntityItem<typeof EventLog>;
