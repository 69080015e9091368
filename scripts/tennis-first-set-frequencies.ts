/**
 * The settings live tennis prices take from the backtest's data: each tour's evidence
 * weight and after-first-set blend weight refitted on every match of 2015-2021, and
 * the baseline's after-first-set counts, written to
 * packages/core/src/sports/tennis/first-set-frequencies.ts. Prints the run's scores
 * from `--from` on as well (default 2018-12-31).
 *
 *   node --import tsx scripts/tennis-first-set-frequencies.ts WTA ATP [--from 2018-12-31]
 */
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { FIRST_SET_FREQUENCIES, parseTennisData, runTennisBacktest, summarizeTennisRun, type TennisSeason } from "@pricing/core/sports/tennis/index";

const args = process.argv.slice(2);
const fromAt = args.indexOf("--from");
const from = fromAt >= 0 ? args[fromAt + 1] : "2018-12-31";
const tours = args.filter((a, i) => !a.startsWith("--") && (fromAt < 0 || i !== fromAt + 1));
const counts: Record<string, [number, number]> = { ...FIRST_SET_FREQUENCIES };
for (const tour of tours) {
  const files = readdirSync("data/tennis-data").filter((f) => f.startsWith(`${tour}_`) && f.endsWith(".csv")).sort();
  const seasons: TennisSeason[] = files.map((f) => ({ ...parseTennisData(readFileSync(`data/tennis-data/${f}`, "utf8")), label: f.replace(".csv", "") }));
  const run = runTennisBacktest(seasons, from);
  const t = summarizeTennisRun(run).tours[tour];
  console.log(JSON.stringify({ tour, from, files, matches: t.matches, markets: t.markets, afterFirstSet: t.inplay.afterFirstSet, evidence: run.evidence[tour], blend: run.blend[tour], next: run.next[tour] }));
  for (const key of Object.keys(counts)) if (key.startsWith(`${tour}|`)) delete counts[key];
  for (const [key, count] of run.baseline.afterFirstSet) counts[key] = count;
}
const entries = Object.keys(counts).sort().map((k) => `  "${k}": [${counts[k].join(", ")}],`);
const header = readFileSync("packages/core/src/sports/tennis/first-set-frequencies.ts", "utf8").split("export const")[0];
writeFileSync("packages/core/src/sports/tennis/first-set-frequencies.ts", `${header}export const FIRST_SET_FREQUENCIES: Record<string, [number, number]> = {\n${entries.join("\n")}\n};\n`);
