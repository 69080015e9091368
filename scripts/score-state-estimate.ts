/**
 * Estimates how the half-time score changes each side's second-half scoring, against
 * what the pre-match prices expected: for every match with Pinnacle's closing 1X2,
 * expected goals are inverted from the de-margined prices, the second half is expected
 * to bring CLUB second-half share of them, and actual second-half goals are compared
 * by the side's state at half time (trailing, level, leading).
 *
 *   npx tsx scripts/score-state-estimate.ts data/football-data/E0_1213.csv ... E0_1819.csv
 */
import { readFileSync } from "node:fs";
import { DEFAULT_PARAMS } from "@pricing/core/sports/football/backtest/params";
import { marketExpectedGoals } from "@pricing/core/sports/football/backtest/market";
import { removeMargin } from "@pricing/core/margin/remove";
import { closingMatchOdds, parseFootballData } from "@pricing/core/sports/football/models/csv";
import { CLUB_FIRST_HALF_SHARE } from "@pricing/core/sports/football/models/goal-profile";

const totals = { trailing: { actual: 0, expected: 0, n: 0 }, level: { actual: 0, expected: 0, n: 0 }, leading: { actual: 0, expected: 0, n: 0 } };
const secondHalf = 1 - CLUB_FIRST_HALF_SHARE;
for (const file of process.argv.slice(2)) {
  for (const m of parseFootballData(readFileSync(file, "utf8")).matches) {
    const odds = closingMatchOdds(m);
    if (!odds || !m.halfTime || (m.redCards && m.redCards.home + m.redCards.away > 0)) continue;
    const p = removeMargin(odds, "shin").probabilities as [number, number, number];
    const xg = marketExpectedGoals(p, DEFAULT_PARAMS.market);
    const sides = [
      { lead: m.halfTime.home - m.halfTime.away, goals: m.homeGoals - m.halfTime.home, xg: xg.homeXg },
      { lead: m.halfTime.away - m.halfTime.home, goals: m.awayGoals - m.halfTime.away, xg: xg.awayXg },
    ];
    for (const s of sides) {
      const t = s.lead < 0 ? totals.trailing : s.lead === 0 ? totals.level : totals.leading;
      t.actual += s.goals;
      t.expected += s.xg * secondHalf;
      t.n += 1;
    }
  }
}
for (const [state, t] of Object.entries(totals)) {
  console.log(`${state.padEnd(9)} sides ${String(t.n).padStart(5)}  second-half goals ${t.actual} v expected ${t.expected.toFixed(1)}  ratio ${(t.actual / t.expected).toFixed(3)}`);
}
