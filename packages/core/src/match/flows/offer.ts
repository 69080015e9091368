import { priceMarket } from "../../margin/apply";
import type { MarketPrice } from "../../markets/types";

/** A market as published: fair probabilities and the offered (margined, laddered) odds. */
export interface OfferedMarketPrice {
  key: string;
  line: number | null;
  status: "open" | "decided";
  selections: Array<{ key: string; probability: number; odds: number | null; outcome?: string }>;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * Applies the book's margin to one fair market. A selection that can push is priced
 * on its probability given no push; a decided market keeps its outcomes and offers
 * no odds.
 */
export function offerMarket(market: MarketPrice, margin: number): OfferedMarketPrice {
  const base = { key: market.key, line: market.line, status: market.status };
  if (market.status === "decided") {
    return { ...base, selections: market.selections.map((s) => ({ key: s.key, probability: round(s.probability), odds: null, outcome: s.outcome })) };
  }
  const conditional = market.selections.map((s) => (s.push < 1 ? s.probability / (1 - s.push) : 0));
  const total = conditional.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return { ...base, selections: market.selections.map((s) => ({ key: s.key, probability: 0, odds: null })) };
  const offered = priceMarket(conditional.map((p) => p / total), { margin });
  return {
    ...base,
    selections: market.selections.map((s, i) => ({ key: s.key, probability: round(s.probability), odds: offered.selections[i].odds })),
  };
}
