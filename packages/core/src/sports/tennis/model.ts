import { InputError } from "../../errors";
import { offerMarket } from "../../margin/offer";
import { modelHandler } from "../../match/flows/model";
import type { SportModel } from "../contract";
import { TENNIS_GROUP_MARGINS } from "./margins";
import { TENNIS_MARKET_GROUPS, type TennisMarketGroup } from "./market-types";
import { priceMatch, type TennisPricingInput } from "./price";

/**
 * Tennis's model half, all its model function bundles: every market of the moment
 * from the point model (one distribution prices them all), the group's markets kept,
 * each offered at the group's margin (TENNIS_GROUP_MARGINS, or the margin asked for), with the in-play price cap
 * once a point has been played. No store, no bus, no other sport.
 */
export const tennisModel: SportModel<TennisPricingInput> = {
  id: "tennis",
  groups: TENNIS_MARKET_GROUPS,
  price(group, input, offer) {
    if (!(TENNIS_MARKET_GROUPS as readonly string[]).includes(group)) throw new InputError("model.unknown_group", `unknown tennis market group "${String(group).slice(0, 80)}"`);
    const margin = offer?.margin ?? TENNIS_GROUP_MARGINS[group as TennisMarketGroup];
    const inPlay = input.score !== undefined;
    return priceMatch(input)
      .filter((m) => m.group === group)
      .map((m) => offerMarket(m, { margin, inPlay }));
  },
};

/** The tennis model function: PriceMatch's model for a tennis match's groups. */
export const handler = modelHandler(tennisModel);
