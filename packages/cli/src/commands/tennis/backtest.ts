import { InputError } from "@pricing/core/errors";
import { runTennisBacktest, summarizeTennisRun, tennisBacktestReport, type TennisBacktestSummary } from "@pricing/core/sports/tennis/index";
import { writeReportFiles } from "../../files";
import { readTennisSeason } from "./files";

export interface TennisBacktestOptions {
  from?: string;
  json?: boolean;
  report?: string;
  evidence?: string;
  blend?: string;
}

const f4 = (x: number) => (Number.isFinite(x) ? x.toFixed(4) : "-");

function printTable(s: TennisBacktestSummary & { tours: Record<string, TennisBacktestSummary> }): void {
  for (const [tour, t] of Object.entries(s.tours)) {
    console.log(`${tour}: ${t.matches} matches`);
    console.log(`  match winner LL   ratings ${f4(t.ratings.match.logLoss)}  pinnacle ${f4(t.pinnacle.match.logLoss)}  (${(100 * (t.ratings.match.logLoss / t.pinnacle.match.logLoss - 1)).toFixed(2)}% behind)`);
    for (const [name, m] of Object.entries(t.markets)) console.log(`  ${name.padEnd(17)} LL ${f4(m.logLoss)}  baseline ${f4(m.baselineLogLoss)}  ECE ${f4(m.ece)}`);
    const ip = t.inplay.afterFirstSet;
    console.log(`  after first set   LL ${f4(ip.logLoss)}  model alone ${f4(ip.modelLogLoss)}  pre-match ${f4(ip.prematchLogLoss)}  baseline ${f4(ip.baselineLogLoss)}  ECE ${f4(ip.ece)}  baseline ECE ${f4(ip.baselineEce)}`);
  }
  console.log(`not scored: ${JSON.stringify(s.badRows)}`);
}

/** `pricing backtest --sport tennis`: walk forward through tennis-data.co.uk seasons. */
export function tennisBacktestAction(files: string[], options: TennisBacktestOptions, from: string | undefined): void {
  const evidence = options.evidence;
  if (evidence !== undefined && evidence !== "refit" && evidence !== "fixed") throw new InputError("backtest.invalid_option", `--evidence must be refit or fixed, got "${evidence}"`);
  const blend = options.blend;
  if (blend !== undefined && blend !== "refit" && blend !== "off") throw new InputError("backtest.invalid_option", `--blend must be refit or off, got "${blend}"`);
  const run = runTennisBacktest(files.map(readTennisSeason), from, { evidence, blend });
  const summary = summarizeTennisRun(run);
  if (summary.matches === 0) console.error("pricing: no match could be scored: give completed matches with Pinnacle odds from --from on");
  if (options.report) writeReportFiles(options.report, () => tennisBacktestReport(run, summary));
  if (options.json) console.log(JSON.stringify({ ...summary, evidence: run.evidence, blend: run.blend }));
  else {
    printTable(summary);
    const byYear = (years: Record<string, number>) => Object.entries(years).map(([y, e]) => `${y} ${e.toFixed(3)}`).join(", ");
    for (const [tour, years] of Object.entries(run.evidence)) console.log(`${tour} in-play evidence weight by year: ${byYear(years)}`);
    for (const [tour, years] of Object.entries(run.blend)) console.log(`${tour} baseline's weight after the first set by year: ${byYear(years)}`);
  }
}
