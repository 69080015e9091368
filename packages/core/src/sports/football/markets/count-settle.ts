import { settlementKey } from "../../../markets/settlement-key";
import type { Outcome } from "../../../markets/types";
import { CARD_MARKETS } from "./cards";
import { CORNER_MARKETS } from "./corners";
import { settleCountMarket, type FinalCounts } from "./counts";

/**
 * Settles every corner and card market on a match's final counts, each under its
 * settlement key. An abandoned match settles what no further count could change (an
 * over already passed) and voids the rest.
 *
 * @throws InputError "settle.invalid_counts" for counts that are not whole and non-negative
 */
export function settleCountMarkets(counts: FinalCounts, abandoned = false): Array<{ key: string; selections: Array<{ key: string; outcome: Outcome }> }> {
  return [...CORNER_MARKETS, ...CARD_MARKETS].map((spec) => ({
    key: settlementKey({ key: spec.key, line: spec.line, ...(spec.line !== null ? { basis: "match" as const } : {}) }),
    selections: settleCountMarket(spec, counts, abandoned),
  }));
}
