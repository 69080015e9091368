import { Entity, type EntityItem } from "electrodb";
import { EPOCHS } from "../match/epoch";

/**
 * The folded state of a match (see `match/state.ts`), stored whole in `state`, with
 * its `version` beside it for the optimistic-lock condition of every write.
 */
export const MatchStateRecord = new Entity({
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
    byMatch: { pk: { field: "pk", composite: ["matchId"] }, sk: { field: "sk", composite: [] } },
  },
});
export type MatchStateItem = EntityItem<typeof MatchStateRecord>;
