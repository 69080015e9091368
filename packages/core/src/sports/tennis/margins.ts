import type { TennisMarketGroup } from "./market-types";

/**
 * Target overround of each tennis market group, as football's GROUP_MARGINS. The match
 * winner is the price-compared market (Pinnacle closes it near 2.5-3%; a retail book
 * runs about 5%). Set betting has four or six selections and exact scores, so a book
 * carries more; the lines (sets, games, handicaps) sit with the match winner; the
 * set's exact score, player games and tiebreak are thinner; the game winner moves on
 * every point, so it carries the most.
 */
export const TENNIS_GROUP_MARGINS: Readonly<Record<TennisMarketGroup, number>> = {
  "match-winner": 0.05,
  "set-betting": 0.08,
  "set-handicap": 0.05,
  "total-sets": 0.05,
  "set-winner": 0.06,
  "total-games": 0.05,
  "game-handicap": 0.05,
  "player-games": 0.06,
  tiebreak: 0.06,
  "game-winner": 0.07,
};
