import { MARKET_GROUPS, type MarketGroup } from "../../markets/types";
import type { MatchSituation } from "../../models/football/situation";
import { loadState } from "../../store/state-store";
import { isPriceable } from "../epoch";
import { priceVersion, situationAt } from "../situation";

// LoadState apart from publishing: the LoadState function bundles no event schema.

export interface PricingJob {
  matchId: string;
  stateVersion: number;
  priceVersion: number;
  asOf: string;
  priceable: boolean;
  situation: MatchSituation | null;
  groups: MarketGroup[];
}

/** LoadState: the situation to price at `asOf`, or `priceable: false` when there is nothing to price. */
export async function loadPricingJob(input: { matchId: string; asOf: string }): Promise<PricingJob> {
  const state = await loadState(input.matchId);
  const priceable = state.version > 0 && isPriceable(state.epoch) && state.strength !== null;
  return {
    matchId: state.matchId,
    stateVersion: state.version,
    priceVersion: priceVersion(state.version, state.clock, input.asOf),
    asOf: input.asOf,
    priceable,
    situation: priceable ? situationAt(state, input.asOf) : null,
    groups: priceable ? [...MARKET_GROUPS] : [],
  };
}

