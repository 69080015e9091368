import type { MarketPrice, SelectionPrice } from "../markets/types";
import { priceBook } from "./book";
import { MAX_ODDS_IN_PLAY, MAX_ODDS_PRE_MATCH, MIN_ODDS } from "./limits";

/** A selection as offered: fair prices beside the margined, laddered odds. */
export interface OfferedSelection {
  key: string;
  /** Fair win probability, halves counted as halves. */
  probability: number;
  push: number;
  fairOdds: number | null;
  /** Offered decimal odds; null when not offered (decided, suspended, cannot win, or a correct score past the cap). */
  odds: number | null;
  outcome?: SelectionPrice["outcome"];
}

/**
 * A market as offered to customers. "suspended": open, but no price could be offered
 * on every selection that can win within the group's margin (a favourite shorter than
 * the ladder's minimum, or rounding off target), so none is.
 */
export interface OfferedMarket {
  group: MarketPrice["group"];
  key: string;
  line: number | null;
  status: MarketPrice["status"] | "suspended";
  goal?: number;
  basis?: MarketPrice["basis"];
  from?: MarketPrice["from"];
  selections: OfferedSelection[];
}

/**
 * How one market is offered: its target margin, the in-play price cap or the
 * pre-match one, how many selections each outcome wins (two in a double chance, whose
 * selections overlap), and whether only the likely selections are listed (a correct
 * score's scores past the price cap are not quoted). The sport decides each.
 */
export interface OfferPolicy {
  margin: number;
  inPlay?: boolean;
  winners?: number;
  likelyOnly?: boolean;
}

/**
 * Fair odds above this are reported as null: a selection that unlikely has no
 * meaningful fair price, and 1/p of a tiny probability (1e16 for a 10-0 correct score)
 * is past the integers DynamoDB's document client will store.
 */
export const MAX_FAIR_ODDS = 1_000_000;

function offeredOdds(market: MarketPrice, { margin, inPlay = false, winners = 1, likelyOnly = false }: OfferPolicy): { odds: (number | null)[]; suspended: boolean } {
  const { selections } = market;
  if (market.status === "decided") return { odds: selections.map(() => null), suspended: false };
  // A selection that can push is priced on its win probability given no push.
  const conditional = selections.map((s) => (s.push < 1 ? Math.min(1, s.probability / (1 - s.push)) : 0));
  const total = conditional.reduce((sum, p) => sum + p, 0);
  if (!(total > 0.5)) return { odds: selections.map(() => null), suspended: true };
  const book = priceBook(conditional.map((p) => Math.min(1, (winners * p) / total)), {
    margin,
    winners,
    minOdds: MIN_ODDS,
    maxOdds: inPlay ? MAX_ODDS_IN_PLAY : MAX_ODDS_PRE_MATCH,
    listLikelyOnly: likelyOnly,
  });
  return { odds: book.odds, suspended: book.suspended };
}

/**
 * Offered odds of one market (see priceBook): the fair win probabilities given no push
 * get the group's target margin, spread towards the longshots by the power method,
 * capped (lower in play) and put on the price ladder within a tolerance of the target;
 * a market that cannot be priced so on every selection that can win is suspended
 * whole. A decided market offers nothing and keeps each selection's outcome.
 *
 */
export function offerMarket(market: MarketPrice, policy: OfferPolicy): OfferedMarket {
  const { odds, suspended } = offeredOdds(market, policy);
  const { group, key, line, goal, basis, from } = market;
  const offered: OfferedMarket = {
    group,
    key,
    line,
    status: suspended ? "suspended" : market.status,
    selections: market.selections.map((s, k) => {
      const out: OfferedSelection = { key: s.key, probability: s.probability, push: s.push, fairOdds: s.fairOdds !== null && s.fairOdds <= MAX_FAIR_ODDS ? s.fairOdds : null, odds: odds[k] };
      if (s.outcome) out.outcome = s.outcome;
      return out;
    }),
  };
  if (goal !== undefined) offered.goal = goal;
  if (basis !== undefined) offered.basis = basis;
  if (from !== undefined) offered.from = { ...from };
  return offered;
}
