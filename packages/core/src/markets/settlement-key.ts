import type { MarketPrice } from "./types";

/**
 * The key a market's settlement is stored and looked up under, the same for every
 * sport: key, line and goal (a next-goal market's), and for a rest-of-match line the
 * score it was quoted at. Readers pair an offered market with its settlement by it.
 */
export function settlementKey(m: Pick<MarketPrice, "key" | "line" | "goal" | "basis" | "from">): string {
  const key = [m.key, m.line ?? "-", m.goal ?? "-"].join("|");
  return m.basis === "rest" && m.from ? `${key}|rest ${m.from.home}-${m.from.away}` : key;
}
