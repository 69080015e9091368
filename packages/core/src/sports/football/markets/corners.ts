/**
 * Corner markets (group "corners"): match totals, each side's total, a corner
 * handicap and most corners (1X2), each under a stable key. Lines are whole and half
 * corners: a whole line pushes when the count lands on it.
 */
import { countLines, HOME_AWAY, HOME_DRAW_AWAY, OVER_UNDER, type CountMarketSpec } from "./counts";

/** Match corners: 7.5 to 13.5 in half-corner steps. */
export const CORNER_TOTAL_LINES = countLines(7.5, 13.5, 0.5);
/** A side's corners: 2.5 to 7.5 in half-corner steps. */
export const TEAM_CORNER_LINES = countLines(2.5, 7.5, 0.5);
/** Corner handicap, the home side's line: -4.5 to +4.5 in half-corner steps. */
export const CORNER_HANDICAP_LINES = countLines(-4.5, 4.5, 0.5);

const spec = (key: string, rule: CountMarketSpec["rule"], line: number | null, selections: readonly string[]): CountMarketSpec =>
  ({ group: "corners", key, line, rule, measure: "corners", selections });

/** Every corner market, in the order offered. */
export const CORNER_MARKETS: readonly CountMarketSpec[] = [
  spec("corners-1x2", "most", null, HOME_DRAW_AWAY),
  ...CORNER_TOTAL_LINES.map((line) => spec("total-corners", "total", line, OVER_UNDER)),
  ...TEAM_CORNER_LINES.map((line) => spec("team-corners-home", "team-home", line, OVER_UNDER)),
  ...TEAM_CORNER_LINES.map((line) => spec("team-corners-away", "team-away", line, OVER_UNDER)),
  ...CORNER_HANDICAP_LINES.map((line) => spec("corner-handicap", "handicap", line, HOME_AWAY)),
];
