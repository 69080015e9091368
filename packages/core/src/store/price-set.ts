import { Entity, type EntityItem } from "electrodb";
import { MARKET_GROUPS } from "../markets/types";

/**
 * The prices of one market group at one price version: the price history of a match.
 * A price version orders repricings: the state version first, then the match clock
 * (see `bus/prices.ts`).
 */
export const PriceSet = new Entity({
  model: { entity: "priceSet", version: "1", service: "pricing" },
  attributes: {
    matchId: { type: "string", required: true },
    priceVersion: { type: "number", required: true, padding: { length: 12, char: "0" } },
    group: { type: MARKET_GROUPS, required: true },
    stateVersion: { type: "number", required: true },
    asOf: { type: "string", required: true },
    status: { type: ["priced", "suspended"] as const, required: true },
    markets: { type: "any", required: true },
    error: { type: "string" },
  },
  indexes: {
    byVersionAndGroup: { pk: { field: "pk", composite: ["matchId"] }, sk: { field: "sk", composite: ["priceVersion", "group"] } },
  },
});
export type PriceSetItem = EntityItem<typeof PriceSet>;
