import { randomUUID } from "node:crypto";
import { Entity, type EntityConfiguration, type EntityItem } from "electrodb";
import { engineTable } from "./table";

/** Largest part of a rejected message kept, characters. */
export const REJECTED_BODY_LIMIT = 16_384;

/** A message that could not become a feed event, with the reason, for the operator. */
export function rejectedEventEntity(config?: EntityConfiguration) {
  return new Entity({
    model: { entity: "rejectedEvent", version: "1", service: "pricing" },
    attributes: {
      rejectionId: { type: "string", required: true },
      receivedAt: { type: "string", required: true },
      reason: { type: "string", required: true },
      detailType: { type: "string" },
      eventId: { type: "string" },
      matchId: { type: "string" },
      body: { type: "string", required: true },
    },
    indexes: {
      byRejection: { pk: { field: "pk", composite: ["rejectionId"] }, sk: { field: "sk", composite: [] } },
      rejectionsByTime: {
        index: "gsi1",
        pk: { field: "gsi1pk", composite: [] },
        sk: { field: "gsi1sk", composite: ["receivedAt", "rejectionId"] },
      },
    },
  }, config);
}
/** Unbound, for its types (a table binds the builder: see table.ts). A bundle that does not use it drops it. */
export const RejectedEvent = /* @__PURE__ */ rejectedEventEntity();
export type RejectedEventItem = EntityItem<typeof RejectedEvent>;

export interface Rejection {
  reason: string;
  detailType: string | null;
  eventId: string | null;
  matchId: string | null;
  body: string;
  receivedAt: string;
}

/** Stores a rejected message (its body cut to REJECTED_BODY_LIMIT characters); returns its id. */
export async function saveRejection(r: Rejection): Promise<string> {
  const rejectionId = randomUUID();
  await engineTable()
    .entity(rejectedEventEntity)
    .put({
      rejectionId,
      receivedAt: r.receivedAt,
      reason: r.reason.slice(0, 2000),
      body: r.body.slice(0, REJECTED_BODY_LIMIT),
      ...(r.detailType ? { detailType: r.detailType } : {}),
      ...(r.eventId ? { eventId: r.eventId } : {}),
      ...(r.matchId ? { matchId: r.matchId } : {}),
    })
    .go();
  return rejectionId;
}
