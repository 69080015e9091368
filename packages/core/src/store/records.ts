import { randomUUID } from "node:crypto";
import type { PriceSetItem } from "./price-set";
import { REJECTED_BODY_LIMIT } from "./rejected-event";
import type { SettlementItem } from "./settlement";
import { pricingService } from "./service";

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
  await pricingService()
    .entities.rejectedEvent.put({
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

/** Writes the price history items of one price version (idempotent: keyed by version and group). */
export async function savePriceSets(items: PriceSetItem[]): Promise<void> {
  if (items.length > 0) await pricingService().entities.priceSet.put(items).go();
}

/** The newest stored price sets of a match, newest first. */
export async function latestPriceSets(matchId: string, limit = 20): Promise<PriceSetItem[]> {
  const { data } = await pricingService().entities.priceSet.query.byVersionAndGroup({ matchId }).go({ order: "desc", limit });
  return data;
}

export async function saveSettlements(items: SettlementItem[]): Promise<void> {
  if (items.length > 0) await pricingService().entities.settlement.put(items).go();
}
