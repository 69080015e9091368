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
/**
 * The markets of the last moment priced, by its input object: a model invocation prices
 * a batch of groups of one moment (the same input for each), and one point
 * distribution gives every group's markets, so the batch derives them once.
 */
let lastPriced: { input: TennisPricingInput; markets: ReturnType<typeof priceMatch> } | null = null;
function marketsOf(input: TennisPricingInput): ReturnType<typeof priceMatch> {
  if (lastPriced?.input !== input) lastPriced = { input, markets: priceMatch(input) };
  return lastPriced.markets;
}

export const tennisModel: SportModel<TennisPricingInput> = {
  id: "tennis",
  groups: TENNIS_MARKET_GROUPS,
  price(group, input, offer) {
    if (!(TENNIS_MARKET_GROUPS as readonly string[]).includes(group)) throw new InputError("model.unknown_group", `unknown tennis market group "${String(group).slice(0, 80)}"`);
    const margin = offer?.margin ?? TENNIS_GROUP_MARGINS[group as TennisMarketGroup];
    const inPlay = input.score !== undefined;
    return marketsOf(input)
      .filter((m) => m.group === group)
      .map((m) => offerMarket(m, { margin, inPlay }));
  },
};

/** The tennis model function: PriceMatch's model for a batch of a tennis match's groups. */
export const handler = modelHandler(tennisModel);
