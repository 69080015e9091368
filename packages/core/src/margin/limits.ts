/** The bounds every offered book keeps, whatever the sport. */

/**
 * How far a market's overround may land from its target once prices are on the ladder:
 * 0.5 points below (a book rounded too generously gives the margin away) to 1 point
 * above (customers see a worse book than the group's). A market that cannot be priced
 * within it is suspended whole.
 */
export const OVERROUND_TOLERANCE = { below: 0.005, above: 0.01 } as const;

/** The shortest price offered: the first step of the ladder. */
export const MIN_ODDS = 1.01;
/** The longest price offered before kick-off: the top of the ladder. */
export const MAX_ODDS_PRE_MATCH = 1000;
/**
 * The longest price offered in play. Late in a match a longshot's fair odds run into
 * the thousands, where a lagging feed or a goal not yet known makes the price a
 * liability and no margin covers it; books cap in-play odds well below their
 * pre-match cap.
 */
export const MAX_ODDS_IN_PLAY = 250;
