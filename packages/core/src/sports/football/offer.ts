import { offerMarket as offerWith, type OfferedMarket } from "../../margin/offer";
import type { MarketPrice } from "../../markets/types";
import { GROUP_MARGINS } from "./margins";
import type { MarketGroup } from "./markets/types";

/** Selections each outcome wins: two in double chance (1X, 12, X2 overlap), else one. */
export function winnersOf(key: string): number {
  return key === "double-chance" ? 2 : 1;
}

/** Markets that list only the likely selections: scores past the price cap are not quoted. */
const LIKELY_ONLY = new Set(["correct-score"]);

/** Football's offer policy: a target for every group (a number), or each group's own (GROUP_MARGINS); the in-play cap once kicked off. */
export interface FootballOfferPolicy {
  margin?: number;
  inPlay?: boolean;
}

/**
 * A football market as offered (see margin/offer.ts, offerMarket): by default its
 * group's target margin (GROUP_MARGINS) and the pre-match cap.
 *
 * @param policy a target overround for every group (e.g. 0.05), or a policy
 */
export function offerMarket(market: MarketPrice, policy: number | FootballOfferPolicy = {}): OfferedMarket {
  const { margin = GROUP_MARGINS[market.group as MarketGroup], inPlay = false } = typeof policy === "number" ? { margin: policy } : policy;
  return offerWith(market, { margin, inPlay, winners: winnersOf(market.key), likelyOnly: LIKELY_ONLY.has(market.key) });
}
