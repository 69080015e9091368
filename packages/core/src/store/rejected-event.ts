import { Entity, type EntityConfiguration, type EntityItem } from "electrodb";

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
/** Unbound: for its types, and for readers that bind their own client. A bundle that does not use it drops it. */
export const RejectedEvent = /* @__PURE__ */ rejectedEventEntity();
export type RejectedEventItem = EntityItem<typeof RejectedEvent>;
