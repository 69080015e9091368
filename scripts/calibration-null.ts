/**
 * What comparing two forecasts' debiased calibration errors says when both are exactly
 * calibrated. The EPL counts backtest's scored lines (2019/20-2021/22) are walked as
 * the backtest walks them; then, `--draws` times, every match's outcome is drawn from
 * the model's own forecast (so the model is calibrated by construction), and the
 * model's debiased error, pooled and within seasons, is set against that of a
 * forecast that never moves within a season: the season's mean of the model's
 * forecasts (calibrated too, in each season and so pooled). The share of draws in
 * which the model's error is the lower, level and the higher is printed for each
 * two-way line, and the share in which it is at or below on several lines at once.
 * Each line's draws are its own, as if the lines were independent.
 *
 *   npx tsx scripts/calibration-null.ts [--draws 1000] [--data data/football-data]
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { debiasedCalibrationError, withinStrataCalibrationError } from "@pricing/core/backtest/calibration";
import { runCountsBacktest, SCORED_GROUPS } from "@pricing/core/sports/football/backtest/counts";
import { seededRandom } from "@pricing/core/math/random";
import { readFootballData } from "../packages/cli/src/files";

const { values: args } = parseArgs({ options: { draws: { type: "string", default: "1000" }, data: { type: "string", default: "data/football-data" } } });
const DRAWS = Number(args.draws);

const files = readdirSync(args.data).filter((f) => /^E0_\d{4}\.csv$/.test(f)).sort().map((f) => join(args.data, f));
const run = runCountsBacktest(files.map((f) => readFootballData(f)), { from: "2019-07-01" });
const seasons = run.walk.records.map((r) => r.season);
const rng = seededRandom(11, "calibration-null");

/** Per line, per draw: whether the model's error was at or below the flat forecast's, pooled and within seasons. */
const atOrBelow: { pooled: boolean[]; within: boolean[] }[] = [];
const pct = (k: number) => `${((100 * k) / DRAWS).toFixed(1)}%`;

for (const { group } of SCORED_GROUPS) {
  for (const m of run.scored[group]) {
    if (m.model[0].length !== 2) continue;
    const p = m.model.map((x) => x[0]);
    const seasonMean = new Map<string, number>();
    for (const s of new Set(seasons)) {
      const idx = seasons.flatMap((t, i) => (t === s ? [i] : []));
      seasonMean.set(s, idx.reduce((a, i) => a + p[i], 0) / idx.length);
    }
    const flat = seasons.map((s) => [seasonMean.get(s)!, 1 - seasonMean.get(s)!]);
    const line = { pooled: [] as boolean[], within: [] as boolean[] };
    atOrBelow.push(line);
    const tally = { pooled: [0, 0, 0], within: [0, 0, 0] };
    for (let k = 0; k < DRAWS; k++) {
      const drawn = p.map((q) => (rng.unit() < q ? 0 : 1));
      const pooled = [debiasedCalibrationError(m.model, drawn), debiasedCalibrationError(flat, drawn)];
      const within = [withinStrataCalibrationError(m.model, drawn, seasons), withinStrataCalibrationError(flat, drawn, seasons)];
      for (const [key, [a, b]] of [["pooled", pooled], ["within", within]] as const) {
        tally[key][a < b ? 0 : a === b ? 1 : 2]++;
        line[key].push(a <= b);
      }
    }
    const text = (t: number[]) => `lower ${pct(t[0])}, level ${pct(t[1])}, higher ${pct(t[2])}`;
    console.log(`${m.name.padEnd(34)} pooled: ${text(tally.pooled)}; within seasons: ${text(tally.within)}`);
  }
}

const jointly = (rows: boolean[][]) => {
  let k = 0;
  for (let d = 0; d < DRAWS; d++) if (rows.every((r) => r[d])) k++;
  return pct(k);
};
const main = atOrBelow.slice(0, 4);
console.log(
  `at or below on the four main over/unders (corners 9.5, 10.5, cards 3.5, 4.5) at once: pooled ${jointly(main.map((l) => l.pooled))}, within seasons ${jointly(main.map((l) => l.within))}, both ${jointly(main.flatMap((l) => [l.pooled, l.within]))}; ` +
    `on all ${atOrBelow.length} two-way lines: pooled ${jointly(atOrBelow.map((l) => l.pooled))}, within seasons ${jointly(atOrBelow.map((l) => l.within))}`,
);
