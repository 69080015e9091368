import { Entity, type EntityConfiguration, type EntityItem } from "electrodb";
import { matchPartition } from "./keys";
import { engineTable } from "./table";

/** How every offered selection of one market settled. */
export function settlementEntity(config?: EntityConfiguration) {
  return new Entity({
    model: { entity: "settlement", version: "1", service: "pricing" },
    attributes: {
      matchId: { type: "string", required: true },
      market: { type: "string", required: true },
      void: { type: "boolean", required: true },
      selections: { type: "any", required: true },
      settledAt: { type: "string", required: true },
    },
    indexes: {
      byMarket: { pk: matchPartition, sk: { field: "sk", composite: ["market"] } },
    },
  }, config);
}
/** Unbound, for its types (a table binds the builder: see table.ts). A bundle that does not use it drops it. */
export const Settlement = /* @__PURE__ */ settlementEntity();
export type SettlementItem = EntityItem<typeof Settlement>;

/** Writes the settlements of a match's markets (idempotent: keyed by match and market). */
export async function saveSettlements(items: SettlementItem[]): Promise<void> {
  if (items.length > 0) await engineTable().entity(settlementEntity).put(items).go();
}
