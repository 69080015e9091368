import { MARKET_GROUPS, type MarketGroup } from "../../markets/types";
import type { MatchSituation } from "../../models/football/situation";
import { loadState } from "../../store/match-state";
import { isPriceable } from "../epoch";
import { priceVersion, situationAt } from "../situation";
import type { MatchState } from "../state";

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

/** What to price for a stored `state` at `asOf`, or `priceable: false` when there is nothing to price. */
export function pricingJob(state: MatchState, asOf: string): PricingJob {
  const priceable = state.version > 0 && isPriceable(state.epoch) && state.strength !== null;
  return {
    matchId: state.matchId,
    stateVersion: state.version,
    priceVersion: priceVersion(state.version, state.clock, asOf),
    asOf,
    priceable,
    situation: priceable ? situationAt(state, asOf) : null,
    groups: priceable ? [...MARKET_GROUPS] : [],
  };
}

/**
 * LoadState: the pricing job of the match's stored state, for a PriceMatch started
 * without one (the Lifecycle's pre-event pricing; the clock tick and ingest pass the
 * job of the state they hold).
 */
export async function loadPricingJob(input: { matchId: string; asOf: string }): Promise<PricingJob> {
  return pricingJob(await loadState(input.matchId), input.asOf);
}
