import * as z from "zod/mini";
import { InputError } from "@pricing/core/errors";
import type { MatchMarker, PricesAtResponse, SettlementView } from "../api";
import type { MatchClock } from "./match-clock";
import { ladderOf } from "./match-detail";
import type { MatchPriceHistory } from "./prices";
import type { PricingTable } from "./table";

/** The moment asked for: an ISO time (the scrubber's). */
export const PricesAtQuery = z.object({ at: z.iso.datetime({ offset: true }).check(z.maxLength(40)) });

export function parsePricesAt(params: URLSearchParams): number {
  const parsed = PricesAtQuery.safeParse({ at: params.get("at") ?? undefined });
  if (!parsed.success) throw new InputError("console.bad_time", "at must be an ISO time such as 2022-05-22T15:14:00Z");
  return Date.parse(parsed.data.at);
}

export interface MomentContext {
  table: PricingTable;
  prices: MatchPriceHistory;
  groupOrder: readonly string[];
  participants: [string, string] | null;
  markers: readonly MatchMarker[];
  settlement: SettlementView | null;
  clock: MatchClock;
}

/**
 * Every market as it stood at `at` (epoch ms): the newest price set of each group made
 * before it, suspended where an incident had arrived by then that those prices do not
 * know yet (a goal waiting for its reprice), and the settlement's outcomes once it was
 * settled. An instant sees what was done before it, so the moment a goal was logged
 * shows the markets suspended even when its reprice was stamped with the same time.
 */
export async function pricesAt(at: number, c: MomentContext): Promise<PricesAtResponse> {
  const versions: number[] = [];
  for (const history of c.prices.groups.values()) {
    const i = history.indexAt(at - 1);
    if (i >= 0) versions.push(history.versions[i]);
  }
  const sets = await c.table.priceSetsOf(c.prices.matchId, versions);
  // Each group from the version the history chose for it (a partial version holds only some groups).
  const chosen = sets.filter((s) => {
    const history = c.prices.groups.get(s.group);
    return history !== undefined && history.versions[history.indexAt(at - 1)] === s.priceVersion;
  });
  const settled = c.settlement && Date.parse(c.settlement.settledAt) <= at ? c.settlement : null;
  return {
    at: new Date(at).toISOString(),
    x: c.clock.at(at),
    ladder: ladderOf(chosen, c.groupOrder, { participants: c.participants, incidents: c.markers.filter((m) => m.at <= at), settlement: settled }),
  };
}
