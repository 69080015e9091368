import { readFileSync } from "node:fs";
import { parseFootballData } from "@pricing/core/sports/football/models/csv";
import { runCountsBacktest } from "@pricing/core/sports/football/backtest/counts";
import { logLoss } from "@pricing/core/backtest/scores";
const S = ["1112", "1213", "1314", "1415", "1516", "1617", "1718", "1819", "1920", "2021", "2122"];
const seasons = S.map((s) => ({ label: s, matches: parseFootballData(readFileSync(`data/football-data/E0_${s}.csv`, "utf8")).matches }));
const r = runCountsBacktest(seasons, { from: "2019-07-01" });
for (const m of r.scored.corners) for (const s of ["1920", "2021", "2122"]) {
  const idx = r.walk.records.map((x, i) => [x, i] as const).filter(([x]) => x.season === s).map(([, i]) => i);
  const ll = (f: number[][]) => idx.reduce((a, i) => a + logLoss(f[i], m.outcome[i]), 0) / idx.length;
  console.log(m.name, s, ll(m.model).toFixed(4), ll(m.baseline).toFixed(4));
}
