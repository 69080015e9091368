import type { MarketPrice, SelectionPrice } from "../markets/types";
import { priceMarket } from "./apply";

/** A selection as offered: fair prices beside the margined, laddered odds. */
export interface OfferedSelection {
  key: string;
  /** Fair win probability, halves counted as halves. */
  probability: number;
  push: number;
  fairOdds: number | null;
  /** Offered decimal odds; null when not offered (decided, cannot win, or below the minimum). */
  odds: number | null;
  outcome?: SelectionPrice["outcome"];
}

/** A market as offered to customers. */
export interface OfferedMarket {
  group: MarketPrice["group"];
  key: string;
  line: number | null;
  status: MarketPrice["status"];
  goal?: number;
  selections: OfferedSelection[];
}

/**
 * Fair odds above this are reported as null: a selection that unlikely has no
 * meaningful fair price, and 1/p of a tiny probability (1e16 for a 10-0 correct score)
 * is past the integers DynamoDB's document client will store.
 */
export const MAX_FAIR_ODDS = 1_000_000;

/** Markets whose selections overlap (each outcome wins two of them). */
const OVERLAPPING = new Set(["double-chance"]);

function offeredOdds(market: MarketPrice, margin: number): (number | null)[] {
  const { selections } = market;
  if (market.status === "decided") return selections.map(() => null);
  if (OVERLAPPING.has(market.key)) {
    return selections.map((s) => priceMarket([s.probability, 1 - s.probability], { margin }).selections[0].odds);
  }
  // A selection that can push is priced on its win probability given no push.
  const conditional = selections.map((s) => (s.push < 1 ? Math.min(1, s.probability / (1 - s.push)) : 0));
  const total = conditional.reduce((sum, p) => sum + p, 0);
  if (!(total > 0.5)) return selections.map(() => null);
  return priceMarket(conditional.map((p) => p / total), { margin }).selections.map((s) => s.odds);
}

/**
 * Offered odds of one market: the fair win probabilities given no push get the target
 * margin and are rounded down to the price ladder. Double chance selections overlap,
 * so each is margined as its own two-way market. A decided market offers nothing and
 * keeps each selection's outcome.
 *
 * @param margin target overround, e.g. 0.05 for a 5% book
 */
export function offerMarket(market: MarketPrice, margin: number): OfferedMarket {
  const odds = offeredOdds(market, margin);
  const { group, key, line, status, goal } = market;
  const offered: OfferedMarket = {
    group,
    key,
    line,
    status,
    selections: market.selections.map((s, k) => {
      const out: OfferedSelection = { key: s.key, probability: s.probability, push: s.push, fairOdds: s.fairOdds !== null && s.fairOdds <= MAX_FAIR_ODDS ? s.fairOdds : null, odds: odds[k] };
      if (s.outcome) out.outcome = s.outcome;
      return out;
    }),
  };
  if (goal !== undefined) offered.goal = goal;
  return offered;
}
