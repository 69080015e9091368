/**
 * Largest pre-match expected count per side a match may come with: well past any real
 * match (EPL sides average about 5 corners, 1.7 yellow cards and 0.06 red cards), so
 * a faulty expectation is refused rather than priced.
 */
export const MAX_COUNT_MEAN = { corners: 15, yellowCards: 6, redCards: 1 } as const;
