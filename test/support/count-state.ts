import type { CountPricingState } from "@pricing/core/sports/football/markets/count-prices";

/** A pre-match corners and cards state: each side's expected counts and the dispersions the count tests price at. */
export const PRE_MATCH_COUNTS: CountPricingState = {
  share: 1,
  corners: { now: { home: 0, away: 0 }, means: { home: 6.1, away: 4.4 }, dispersion: { totalSize: 88.9, concentration: 14.9 } },
  yellowCards: { now: { home: 0, away: 0 }, means: { home: 1.5, away: 1.8 }, dispersion: { totalSize: 39, concentration: Infinity } },
  redCards: { now: { home: 0, away: 0 }, means: { home: 0.056, away: 0.08 } },
};
