import { InputError } from "../../errors";
import { modelHandler } from "../../match/flows/model";
import type { SportModel } from "../contract";
import { priceGroup } from "./markets/derive";
import { COUNT_GROUPS, type CountGroup } from "./markets/count-prices";
import { priceCountGroupFromGrids } from "./markets/count-flat";
import { cachedCountGrids } from "./markets/count-grids";
import { MARKET_GROUPS, type GoalGroup } from "./markets/types";
import { countPricingState } from "./models/count-situation";
import { checkSituation, pricingState } from "./models/inplay";
import type { MatchSituation } from "./models/situation";
import { offerMarket } from "./offer";

/**
 * Football's model half, all its model function bundles: the pricing state of a
 * situation, the group's fair markets, the group's margin (GROUP_MARGINS, or the
 * margin asked for) and the in-play cap once kicked off. Corners and cards come from
 * the count models' distributions, built once per moment of a match (cachedCountGrids)
 * and shared by the two count groups. No store, no bus.
 */
export const footballModel: SportModel<MatchSituation> = {
  id: "football",
  groups: MARKET_GROUPS,
  price(group, situation, offer) {
    if (!(MARKET_GROUPS as readonly string[]).includes(group)) throw new InputError("model.unknown_group", `unknown football market group "${String(group).slice(0, 80)}"`);
    const inPlay = situation.period !== "PRE";
    const fair = (COUNT_GROUPS as readonly string[]).includes(group)
      ? priceCountGroupFromGrids(group as CountGroup, cachedCountGrids(countPricingState(checkSituation(situation))))
      : priceGroup(group as GoalGroup, { ...pricingState(situation), inPlay });
    return fair.map((m) => offerMarket(m, { inPlay, ...(offer?.margin !== undefined ? { margin: offer.margin } : {}) }));
  },
};

/** The football model function (PriceMatch's PriceGroup for football matches). */
export const handler = modelHandler(footballModel);
