import { Entity, type EntityConfiguration, type EntityItem } from "electrodb";

/** A team's fitted strength on the log scale (see `match/events.ts` ratings). */
export function teamRatingEntity(config?: EntityConfiguration) {
  return new Entity({
    model: { entity: "teamRating", version: "1", service: "pricing" },
    attributes: {
      competition: { type: "string", required: true },
      team: { type: "string", required: true },
      attack: { type: "number", required: true },
      defence: { type: "number", required: true },
      fittedAt: { type: "string", required: true },
      source: { type: "string", required: true },
    },
    indexes: {
      byTeam: { pk: { field: "pk", composite: ["competition"] }, sk: { field: "sk", composite: ["team"] } },
    },
  }, config);
}
/** Unbound, for its types (a table binds the builder: see table.ts). A bundle that does not use it drops it. */
export const TeamRating = /* @__PURE__ */ teamRatingEntity();
export type TeamRatingItem = EntityItem<typeof TeamRating>;
