import { CATALOGUE, GROUP_RANGE, MARKET_COUNT, type MarketSpec } from "./catalogue";
import { fairOddsOf } from "../../../markets/fair-odds";
import { createFlatPrices, priceFlat, type FlatPrices } from "./flat";
import { KIND, OUTCOME_BY_CODE } from "./rules";
import type { MarketPrice, SelectionPrice } from "../../../markets/types";
import type { GoalGroup, PricingState } from "./types";

const scratch: FlatPrices = createFlatPrices();

/**
 * Fair prices of one market group for a moment of a match. Probabilities are of the
 * final settlement (score now + goals still to come); each selection's win, push and
 * lose sum to 1 and its fair decimal odds are (1 - push) / win, null when it cannot win.
 * A decided market carries each selection's outcome and no odds.
 */
export function priceGroup(group: GoalGroup, state: PricingState): MarketPrice[] {
  priceFlat(state, scratch, group);
  const { start, end } = GROUP_RANGE[group];
  return marketPrices(scratch, state, start, end);
}

/** Fair prices of every market group of a match, in catalogue order. */
export function priceAll(state: PricingState): MarketPrice[] {
  priceFlat(state, scratch);
  return marketPrices(scratch, state, 0, MARKET_COUNT);
}

/**
 * Builds MarketPrice objects for catalogue markets [start, end) from flat prices
 * filled by priceFlat for the same state.
 */
export function marketPrices(flat: FlatPrices, state: PricingState, start = 0, end = MARKET_COUNT): MarketPrice[] {
  const out: MarketPrice[] = new Array(end - start);
  for (let m = start; m < end; m++) out[m - start] = marketPrice(flat, CATALOGUE[m], state);
  return out;
}


function marketPrice(flat: FlatPrices, spec: MarketSpec, state: PricingState): MarketPrice {
  const decided = flat.decided[spec.index] === 1;
  const names = spec.selections;
  const values = flat.values;
  const selections: SelectionPrice[] = new Array(names.length);
  for (let k = 0; k < names.length; k++) {
    const s = spec.first + k;
    const probability = values[2 * s];
    const push = values[2 * s + 1];
    // In a two-way market one side loses exactly when the other wins: read it, don't subtract.
    const lose = names.length === 2 ? values[2 * (spec.first + 1 - k)] : Math.max(0, 1 - probability - push);
    selections[k] = decided
      ? { key: names[k], probability, push, lose, fairOdds: null, outcome: OUTCOME_BY_CODE[flat.outcome[s]] }
      : { key: names[k], probability, push, lose, fairOdds: fairOddsOf(probability, push) };
  }
  const price: MarketPrice = {
    group: spec.group,
    key: spec.key,
    line: spec.line === null ? null : flat.line[spec.index],
    status: decided ? "decided" : "open",
    selections,
  };
  if (spec.kind === KIND.nextGoal) price.goal = state.score.home + state.score.away + 1;
  if (spec.line !== null) {
    const rest = flat.rest[spec.index] === 1;
    price.basis = rest ? "rest" : "match";
    if (rest) price.from = { home: state.score.home, away: state.score.away };
  }
  return price;
}
