import { readFileSync } from "node:fs";
import { parseFootballData } from "@pricing/core/sports/football/models/csv";
import { runCountsBacktest } from "@pricing/core/sports/football/backtest/counts";
const S = ["1112", "1213", "1314", "1415", "1516", "1617", "1718", "1819", "1920", "2021", "2122"];
const seasons = S.map((s) => ({ label: s, matches: parseFootballData(readFileSync(`data/football-data/E0_${s}.csv`, "utf8")).matches }));
const t = performance.now();
const r = runCountsBacktest(seasons, { from: "2019-07-01" });

for (const m of r.scored.corners.concat(r.scored.cards)) {
  const avg = (xs: number[][]) => xs.reduce((s, p) => s + p[0], 0) / xs.length;
  console.log(m.name, "model", avg(m.model).toFixed(4), "base", avg(m.baseline).toFixed(4), "obs", (m.outcome.filter((o) => o === 0).length / m.outcome.length).toFixed(4));
}
const bySeason = new Map<string, number[]>();
for (const rec of r.walk.records) { const a = bySeason.get(rec.season) ?? [0, 0, 0]; a[0] += rec.expected.corners.home + rec.expected.corners.away; a[1] += rec.observed.corners.home + rec.observed.corners.away; a[2]++; bySeason.set(rec.season, a); }
for (const [s, a] of bySeason) console.log(s, "exp", (a[0] / a[2]).toFixed(3), "obs", (a[1] / a[2]).toFixed(3));
