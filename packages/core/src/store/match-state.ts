import { Entity, type EntityConfiguration, type EntityItem } from "electrodb";
import { EPOCHS } from "../match/epoch";
import { matchPartition } from "./keys";

/**
 * The folded state of a match (see `match/state.ts`), stored whole in `state`, with
 * its `version` beside it for the optimistic-lock condition of every write.
 */
export function matchStateEntity(config?: EntityConfiguration) {
  return new Entity({
    model: { entity: "matchState", version: "1", service: "pricing" },
    attributes: {
      matchId: { type: "string", required: true },
      version: { type: "number", required: true },
      lastSeq: { type: "number", required: true },
      epoch: { type: EPOCHS, required: true },
      state: { type: "any", required: true },
      updatedAt: { type: "string", required: true },
    },
    indexes: {
      byMatch: { pk: matchPartition, sk: { field: "sk", composite: [] } },
    },
  }, config);
}
/** Unbound: for its types, and for readers that bind their own client. A bundle that does not use it drops it. */
export const MatchStateRecord = /* @__PURE__ */ matchStateEntity();
export type MatchStateItem = EntityItem<typeof MatchStateRecord>;
