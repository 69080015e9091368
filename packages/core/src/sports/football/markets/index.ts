export * from "../../../markets/types";
export {
  CATALOGUE,
  MARKET_COUNT,
  SELECTION_COUNT,
  GROUP_RANGE,
  TOTAL_GOALS_LINES,
  HANDICAP_LINES,
  TEAM_TOTAL_LINES,
  HALF_TIME_TOTAL_LINES,
  CORRECT_SCORE_SELECTIONS,
  findMarket,
  marketsInGroup,
  type MarketSpec,
} from "./catalogue";
export { priceFlat, createFlatPrices, type FlatPrices } from "./flat";
export { priceGroup, priceAll, marketPrices } from "./derive";
export {
  settleMarket,
  settleAll,
  settlementMarkets,
  settlementKey,
  checkMatchResult,
  ABANDONMENT_RULE,
  ABANDONMENT_RULES,
  type AbandonmentRule,
  type MatchResult,
  type MarketRef,
  type SettledMarket,
} from "./settle";
export { isInPlay, handicapBasis, totalsShift } from "./lines";
export { preMatchState, FIRST_HALF_GOAL_SHARE } from "./prematch";
