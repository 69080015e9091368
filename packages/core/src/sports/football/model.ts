import { InputError } from "../../errors";
import { modelHandler } from "../../match/flows/model";
import type { SportModel } from "../contract";
import { priceGroup } from "./markets/derive";
import { MARKET_GROUPS, type MarketGroup } from "./markets/types";
import { pricingState } from "./models/inplay";
import type { MatchSituation } from "./models/situation";
import { offerMarket } from "./offer";

/**
 * Football's model half, all its model function bundles: the pricing state of a
 * situation, the group's fair markets, the group's margin (GROUP_MARGINS, or the
 * margin asked for) and the
 * in-play cap once kicked off. No store, no bus.
 */
export const footballModel: SportModel<MatchSituation> = {
  id: "football",
  groups: MARKET_GROUPS,
  price(group, situation, offer) {
    if (!(MARKET_GROUPS as readonly string[]).includes(group)) throw new InputError("model.unknown_group", `unknown football market group "${String(group).slice(0, 80)}"`);
    const inPlay = situation.period !== "PRE";
    return priceGroup(group as MarketGroup, { ...pricingState(situation), inPlay }).map((m) => offerMarket(m, { inPlay, ...(offer?.margin !== undefined ? { margin: offer.margin } : {}) }));
  },
};

/** The football model function (PriceMatch's PriceGroup for football matches). */
export const handler = modelHandler(footballModel);
