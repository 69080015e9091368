import { Entity, type EntityConfiguration, type EntityItem } from "electrodb";
import type { TraderAction } from "../match/trader";
import { matchPartition } from "./keys";
import { engineTable } from "./table";

/**
 * Every trader action applied to a match (match/trader.ts), beside the feed's event
 * log: who, why, what it asked and what it did. Keyed by the action's event id, which
 * names one action for good (trader actions have no feed seq), so logging an action
 * again writes the same entry.
 */
export function traderLogEntity(config?: EntityConfiguration) {
  return new Entity({
    model: { entity: "traderLog", version: "1", service: "pricing" },
    attributes: {
      matchId: { type: "string", required: true },
      eventId: { type: "string", required: true },
      action: { type: "string", required: true },
      traderId: { type: "string", required: true },
      reason: { type: "string", required: true },
      /** What the action did ("totals suspended", "ignored: ..."). */
      result: { type: "string", required: true },
      /** The trader version it made (state.trader.version). */
      traderVersion: { type: "number", required: true },
      /** The feed seq applied when it came: the action sits after that event. */
      afterSeq: { type: "number", required: true },
      occurredAt: { type: "string", required: true },
      event: { type: "any", required: true },
      loggedAt: { type: "string", required: true },
    },
    indexes: {
      byEvent: { pk: matchPartition, sk: { field: "sk", composite: ["eventId"], casing: "none" } },
    },
  }, config);
}
/** Unbound, for its types (a table binds the builder: see table.ts). A bundle that does not use it drops it. */
export const TraderLog = /* @__PURE__ */ traderLogEntity();
export type TraderLogItem = EntityItem<typeof TraderLog>;

/** Logs one applied trader action, before the state that applies it is stored. */
export async function logTraderAction(action: TraderAction, what: { result: string; traderVersion: number; afterSeq: number }, now: string): Promise<void> {
  await engineTable()
    .entity(traderLogEntity)
    .put({
      matchId: action.matchId, eventId: action.eventId, action: action.action, traderId: action.traderId, reason: action.reason,
      result: what.result, traderVersion: what.traderVersion, afterSeq: what.afterSeq, occurredAt: action.occurredAt, event: action, loggedAt: now,
    })
    .go();
}
