import { Entity, type EntityItem } from "electrodb";

/** How every offered selection of one market settled. */
export const Settlement = new Entity({
  model: { entity: "settlement", version: "1", service: "pricing" },
  attributes: {
    matchId: { type: "string", required: true },
    market: { type: "string", required: true },
    void: { type: "boolean", required: true },
    selections: { type: "any", required: true },
    settledAt: { type: "string", required: true },
  },
  indexes: {
    byMarket: { pk: { field: "pk", composite: ["matchId"] }, sk: { field: "sk", composite: ["market"] } },
  },
});
export type SettlementItem = EntityItem<typeof Settlement>;
