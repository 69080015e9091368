/**
 * Card markets (group "cards"), each under a stable key: total cards (a yellow counts
 * 1, a red 2), booking points (10 a yellow, 25 a red, from the team's cards: the feed
 * names no players, so the bookmakers' 35-a-player cap cannot be applied) and each
 * side's cards. Card lines are whole and half cards; booking points are multiples of
 * 5, so their x0.5 lines never push.
 */
import { countLines, OVER_UNDER, type CountMarketSpec } from "./counts";

/** Total cards: 1.5 to 7.5 in half-card steps. */
export const TOTAL_CARD_LINES = countLines(1.5, 7.5, 0.5);
/** Booking points: 10.5 to 80.5 in steps of 10. */
export const BOOKING_POINT_LINES = countLines(10.5, 80.5, 10);
/** A side's cards: 0.5 to 4.5 in half-card steps. */
export const TEAM_CARD_LINES = countLines(0.5, 4.5, 0.5);

const spec = (key: string, rule: CountMarketSpec["rule"], measure: CountMarketSpec["measure"], line: number): CountMarketSpec =>
  ({ group: "cards", key, line, rule, measure, selections: OVER_UNDER });

/** Every card market, in the order offered. */
export const CARD_MARKETS: readonly CountMarketSpec[] = [
  ...TOTAL_CARD_LINES.map((line) => spec("total-cards", "total", "cards", line)),
  ...BOOKING_POINT_LINES.map((line) => spec("booking-points", "total", "points", line)),
  ...TEAM_CARD_LINES.map((line) => spec("team-cards-home", "team-home", "cards", line)),
  ...TEAM_CARD_LINES.map((line) => spec("team-cards-away", "team-away", "cards", line)),
];
