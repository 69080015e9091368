import { offerMarket, type OfferedMarket } from "../../margin/offer";
import type { MarketPrice } from "../../markets/types";
import { gameWinnerMarkets } from "./game-winner";
import { posteriorComponents, posteriorDistribution } from "./inplay";
import type { MarketLines, TennisMarket } from "./market-types";
import { cachedPricing } from "./match-cache";
import { deriveMarkets } from "./markets";
import { checkRules, type MatchRules, type Player } from "./rules";
import { checkScore, isOver, startingScore, type TennisScore } from "./state";
import { serveComponents, type ServeStrength } from "./strength";

/** One moment of a tennis match to price. */
export interface TennisPricingInput {
  strength: ServeStrength;
  rules: MatchRules;
  /** The score now; absent before the first point. */
  score?: TennisScore;
  /** Who serves first, before the first point; absent: a coin toss (each half). */
  firstServer?: Player;
  lines?: MarketLines;
}

/**
 * Every tennis market of one match, pre-match or in play, as fair probabilities. In
 * play the mixture over serve strengths is first updated on the games seen so far.
 * The match's futures are kept between calls (match-cache.ts), so repricing the same
 * match is a mix of stored distributions; a set-to-set spread or a finished match
 * takes the direct recursion.
 */
export function priceMatch(input: TennisPricingInput): TennisMarket[] {
  const rules = checkRules(input.rules);
  const score = input.score ? checkScore(input.score, rules) : input.firstServer ? startingScore(input.firstServer) : null;
  const cached = cachedPricing(input.strength, rules, score);
  if (cached) {
    const markets = deriveMarkets(cached.distribution, rules, input.lines, cached.sums);
    if (input.score) markets.push(...gameWinnerMarkets(cached.posterior, rules, input.score, cached.tables, cached.currentWins));
    return markets;
  }
  const components = serveComponents(input.strength);
  // Updated on the score once: the match distribution and the game-winner markets share it.
  const posterior = score ? posteriorComponents(components, rules, score) : components;
  const markets = deriveMarkets(posteriorDistribution(posterior, rules, score), rules, input.lines);
  if (input.score && !isOver(input.score, rules)) markets.push(...gameWinnerMarkets(posterior, rules, input.score));
  return markets;
}

/** A tennis market as offered: the project's margin and ladder, as football's markets get. */
export interface OfferedTennisMarket extends Omit<OfferedMarket, "group"> {
  group: TennisMarket["group"];
}

export function offerTennisMarket(market: TennisMarket, margin: number): OfferedTennisMarket {
  // offerMarket reads the selections and status only; the group is carried through.
  const offered = offerMarket(market as unknown as MarketPrice, { margin });
  return { ...offered, group: market.group };
}
