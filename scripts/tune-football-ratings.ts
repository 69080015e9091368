/**
 * The ratings' tuning, on the EPL's tuning seasons only: goals per shot (least squares
 * over 2012/13-2018/19) and a walk forward over 2012/13-2018/19 (2011/12 as history)
 * for each evidence setting given, printing the 1X2 log-loss gap to Pinnacle per season.
 *
 *   npx tsx scripts/tune-football-ratings.ts '[{"market":{"weight":2,"xi":0.004}}]'
 *
 * Each setting overrides DEFAULT_PARAMS.walkForward.evidence (parts merged one level
 * deep); "minTeamMatches" and "ratingsRho" may be given beside them.
 */
import { readFileSync } from "node:fs";
import { parseFootballData } from "../packages/core/src/sports/football/models/csv";
import { runBacktest, type SeasonInput } from "../packages/core/src/sports/football/backtest/run";
import { DEFAULT_PARAMS, withParams } from "../packages/core/src/sports/football/backtest/params";
import { summarizeSeasons } from "../packages/core/src/sports/football/backtest/summary";
import type { EvidenceParams } from "../packages/core/src/sports/football/backtest/walk-forward";

const TUNING = ["1112", "1213", "1314", "1415", "1516", "1617", "1718", "1819"];

function season(name: string): SeasonInput {
  const parsed = parseFootballData(readFileSync(new URL(`../data/football-data/${name}.csv`, import.meta.url), "latin1"));
  return { label: name, matches: parsed.matches, rejects: parsed.rejects, columns: parsed.columns };
}

function shotCoefficients(seasons: SeasonInput[]): { onTarget: number; offTarget: number; sides: number } {
  let a11 = 0, a12 = 0, a22 = 0, b1 = 0, b2 = 0, sides = 0;
  for (const m of seasons.flatMap((s) => s.matches)) {
    for (const [goals, shots, on] of [[m.homeGoals, m.values.HS, m.values.HST], [m.awayGoals, m.values.AS, m.values.AST]]) {
      if (shots === undefined || on === undefined) continue;
      const off = shots - on;
      a11 += on * on; a12 += on * off; a22 += off * off; b1 += on * goals; b2 += off * goals; sides++;
    }
  }
  const det = a11 * a22 - a12 * a12;
  return { onTarget: (b1 * a22 - b2 * a12) / det, offTarget: (a11 * b2 - a12 * b1) / det, sides };
}

type Setting = Partial<Omit<EvidenceParams, "shotCoefficients">> & { minTeamMatches?: number; ratingsRho?: number | null | "market"; goalsOnly?: boolean };

const seasons = TUNING.map((s) => season(`E0_${s}`));
console.log("goals per shot", JSON.stringify(shotCoefficients(seasons.slice(1))));
const settings: Setting[] = JSON.parse(process.argv[2] ?? "[{}]");
for (const setting of settings) {
  const base = DEFAULT_PARAMS.walkForward.evidence!;
  const { minTeamMatches, ratingsRho, goalsOnly, ...parts } = setting;
  const evidence = goalsOnly ? undefined : {
    ...base, ...parts,
    goals: { ...base.goals, ...parts.goals }, shots: { ...base.shots, ...parts.shots }, market: { ...base.market, ...parts.market },
  };
  const params = withParams({ walkForward: { evidence, ...(minTeamMatches !== undefined ? { minTeamMatches } : {}) }, ...(ratingsRho !== undefined ? { ratingsRho } : {}) });
  const run = runBacktest(seasons, { from: "2012-07-01", params });
  const gap = (r: number, p: number) => `${(100 * (r / p - 1)).toFixed(2)}%`;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const ll = (src: "ratings" | "pinnacle") => mean(run.records.map((r) => -Math.log(r.forecasts[src].matchResult[r.homeGoals > r.awayGoals ? 0 : r.homeGoals === r.awayGoals ? 1 : 2])));
  const per = summarizeSeasons(run).map(({ season: s, summary }) => `${s.slice(3)} ${gap(summary.ratings["1x2"].logLoss, summary.pinnacle["1x2"].logLoss)}`);
  console.log(`${JSON.stringify(setting)}  n ${run.records.length}  all ${gap(ll("ratings"), ll("pinnacle"))}  ${per.join("  ")}`);
}
