import { randomUUID } from "node:crypto";
import { fromPriceVersion, toPriceVersion, type PriceSetItem } from "./price-set";
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

/** Writes the price sets of one price version as its one item (idempotent: keyed by the version). */
export async function savePriceSets(sets: PriceSetItem[]): Promise<void> {
  if (sets.length > 0) await pricingService().entities.priceVersion.put(toPriceVersion(sets)).go();
}

/** The price sets of the newest `versions` price versions of a match, newest version first. */
export async function latestPriceSets(matchId: string, versions = 3): Promise<PriceSetItem[]> {
  const { data } = await pricingService().entities.priceVersion.query.byVersion({ matchId }).go({ order: "desc", limit: versions });
  return data.flatMap((item) => fromPriceVersion(item));
}

export async function saveSettlements(items: SettlementItem[]): Promise<void> {
  if (items.length > 0) await pricingService().entities.settlement.put(items).go();
}
