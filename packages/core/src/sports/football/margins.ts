import type { MarketGroup } from "./markets/types";

/**
 * Target overround of each market group: the sum of 1/odds of a market, less 1. One
 * margin does not fit every market. 1X2, totals and handicaps are the liquid,
 * price-compared markets (Pinnacle closes 1X2 at 2-3%, over/under 2.5 near 3%, Asian
 * handicap near 2%; a retail book runs about 5%). Correct score has 50 selections, most
 * of them longshots customers back for the payout, and books run it at 15-20%.
 * Goals (BTTS, team totals, odd/even), next goal and half-time markets are thinner and
 * move faster in play, so they carry a little more than the main lines. Second-half
 * markets are priced like the half-time ones.
 */
export const GROUP_MARGINS: Readonly<Record<MarketGroup, number>> = {
  "match-result": 0.05,
  totals: 0.05,
  handicap: 0.05,
  "correct-score": 0.18,
  goals: 0.06,
  "next-goal": 0.07,
  "half-time": 0.07,
  "second-half": 0.07,
  // Corner and card lines are specials: thinner, dearer to trade, priced from counts a
  // feed can miss; books run them near 8%.
  corners: 0.08,
  cards: 0.08,
};
