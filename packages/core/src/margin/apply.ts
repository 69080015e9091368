import { InputError } from "../errors";
import { PRICE_LADDER, roundDownToLadder } from "./ladder";

/**
 * How a target margin is spread over a market's selections.
 * - multiplicative: every implied probability is scaled by (1 + margin), so each
 *   selection carries the same relative margin.
 * - odds-proportional: every implied probability gets margin / n added, so a
 *   selection's relative margin is proportional to its fair odds and longshots carry
 *   more of it (Buchdahl's "margin weights proportional to the odds"; the inverse of
 *   additive removal).
 */
export const APPLICATION_METHODS = ["multiplicative", "odds-proportional"] as const;
export type ApplicationMethod = (typeof APPLICATION_METHODS)[number];

export interface PriceMarketOptions {
  /** Target overround, e.g. 0.05 for a 5% book (sum of 1/odds = 1.05 before rounding). */
  margin: number;
  method?: ApplicationMethod;
  /** Smallest price offered, decimal (default 1.01). */
  minOdds?: number;
  /** Largest price offered, decimal (default 1000). */
  maxOdds?: number;
  ladder?: readonly number[];
}

export interface MarginedSelection {
  /** Fair probability. */
  probability: number;
  /** Fair decimal odds, 1 / probability (Infinity for an impossible selection). */
  fairOdds: number;
  /** Decimal odds with the margin, before rounding. */
  marginedOdds: number;
  /** The ladder price offered, rounded down; null when not offered (see priceMarket). */
  odds: number | null;
}

export interface MarginedMarket {
  selections: MarginedSelection[];
  /** Overround of the prices actually offered: sum of 1/odds over offered selections, minus 1. */
  overround: number;
}

function checkProbabilities(probabilities: readonly number[]): void {
  if (!Array.isArray(probabilities) || probabilities.length < 2) {
    throw new InputError("margin.invalid_probabilities", "a market needs at least two selections");
  }
  let total = 0;
  for (const p of probabilities) {
    if (typeof p !== "number" || !(p >= 0 && p <= 1)) {
      throw new InputError("margin.invalid_probabilities", `probabilities must be in [0, 1], got ${String(p)}`, { probabilities });
    }
    total += p;
  }
  if (Math.abs(total - 1) > 1e-6) {
    throw new InputError("margin.invalid_probabilities", `a market's fair probabilities must sum to 1, got ${total}`, { probabilities });
  }
}

/**
 * One market's prices by a single application method, rounded down: a building block.
 * The engine offers markets through priceBook (book.ts: power spread, caps, favourite
 * rule and rounding kept within tolerance of the target).
 *
 * Offered prices for one market: applies a target margin to fair probabilities, then
 * rounds each price down to the ladder so no price exceeds the fair-plus-margin
 * price (the book's real overround is therefore at least the target).
 * A selection is not offered (odds null) when it cannot win (probability 0) or when
 * its margined price falls below `minOdds`; a price above `maxOdds` is cut to it.
 *
 * @param fairProbabilities fair win probabilities of every selection, summing to 1
 *   (for a selection that can push, pass its probability conditional on no push)
 * @throws InputError "margin.invalid_probabilities", "margin.invalid_target", "margin.invalid_limits"
 */
export function priceMarket(fairProbabilities: readonly number[], options: PriceMarketOptions): MarginedMarket {
  checkProbabilities(fairProbabilities);
  const { margin, method = "multiplicative", minOdds = 1.01, maxOdds = 1000, ladder = PRICE_LADDER } = options;
  if (typeof margin !== "number" || !(margin >= 0 && margin < 1)) {
    throw new InputError("margin.invalid_target", `target margin must be in [0, 1), e.g. 0.05 for 5%; got ${String(margin)}`);
  }
  if (!APPLICATION_METHODS.includes(method)) {
    throw new InputError("margin.invalid_method", `unknown margin method ${String(method)}; use one of ${APPLICATION_METHODS.join(", ")}`);
  }
  const n = fairProbabilities.length;
  let overround = -1;
  const selections = fairProbabilities.map((probability): MarginedSelection => {
    const implied = method === "multiplicative" ? probability * (1 + margin) : probability + margin / n;
    const marginedOdds = probability > 0 ? 1 / implied : Infinity;
    const odds = probability > 0 ? roundDownToLadder(marginedOdds, minOdds, maxOdds, ladder) : null;
    if (odds !== null) overround += 1 / odds;
    return { probability, fairOdds: 1 / probability, marginedOdds, odds };
  });
  return { selections, overround };
}
