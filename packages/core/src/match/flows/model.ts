import { InputError, PricingError } from "../../errors";
import { priceGroup } from "../../sports/football/markets/derive";
import { MARKET_GROUPS, type MarketGroup } from "../../markets/types";
import { pricingState } from "../../sports/football/models/inplay";
import type { MatchSituation } from "../../sports/football/models/situation";
import { offerMarket, type OfferedMarket } from "../../margin/offer";

// The model step alone, with no store or bus import: the PriceGroup function, invoked
// for every group of every repricing, bundles only the model and stays small to load.

export type GroupResult =
  | { group: MarketGroup; status: "priced"; markets: OfferedMarket[] }
  | { group: MarketGroup; status: "suspended"; markets: []; error: string };

/** A model failure Step Functions can match on by name; the cause is kept in the message. */
export class ModelError extends PricingError {
  override readonly name: string = "ModelError";
}

/**
 * The model for one market group: the pricing state of the situation, the group's
 * fair markets, the group's margin applied (GROUP_MARGINS; the in-play cap once kicked off). Bad input keeps its InputError (not retried);
 * anything unexpected becomes a ModelError.
 */
export function priceMarketGroup(group: MarketGroup, situation: MatchSituation): GroupResult {
  if (!MARKET_GROUPS.includes(group)) throw new InputError("model.unknown_group", `unknown market group "${String(group).slice(0, 80)}"`);
  try {
    const inPlay = situation.period !== "PRE";
    const markets = priceGroup(group, { ...pricingState(situation), inPlay }).map((m) => offerMarket(m, { inPlay }));
    return { group, status: "priced", markets };
  } catch (err) {
    if (err instanceof PricingError) throw err;
    throw new ModelError("model.failed", `${group}: ${(err as Error).message}`);
  }
}
