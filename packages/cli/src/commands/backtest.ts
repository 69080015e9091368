import { basename } from "node:path";
import type { Command } from "commander";
import { InputError } from "@pricing/core/errors";
import { parseFootballDataDate } from "@pricing/core/sports/football/models/csv";
import { readFootballData, writeReportFiles } from "../files";
import { backtestReport } from "@pricing/core/sports/football/backtest/report";
import { runBacktest, type BacktestRun, type SeasonInput } from "@pricing/core/sports/football/backtest/run";
import { summarizeRun, type BacktestSummary } from "@pricing/core/sports/football/backtest/summary";
import { countsReport, runCountsBacktest, SCORED_GROUPS, type CountsBacktest } from "@pricing/core/sports/football/backtest/counts";
import { tennisBacktestAction } from "./tennis/backtest";

interface BacktestCommandOptions {
  from?: string;
  json?: boolean;
  report?: string;
  evidence?: string;
  blend?: string;
}

function readSeason(file: string): SeasonInput {
  const { label, matches, rejects, columns } = readFootballData(file);
  return { label, matches, rejects, columns };
}

/** --from as ISO yyyy-mm-dd; dd/mm/yyyy is accepted too. */
function parseFrom(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) ? text : parseFootballDataDate(text);
  if (!iso) throw new InputError("backtest.invalid_option", `--from must be a date yyyy-mm-dd, got "${text}"`);
  return iso;
}

const f4 = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? "-" : x.toFixed(4));
const share = (x: number) => `${(100 * x).toFixed(1)}%`;
const f3 = (x: number) => x.toFixed(3);
const pts = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? "-" : `${(100 * x).toFixed(2)} pts`);

function printTable(s: BacktestSummary): void {
  console.log(`matches  ${s.matches} (every source on the same matches)`);
  console.log(`${"".padEnd(10)}${"1X2 LL".padStart(9)}${"Brier".padStart(9)}${"RPS".padStart(9)}${"O/U LL".padStart(9)}${"O/U MAE".padStart(11)}${"AH LL".padStart(9)}${"AH MAE".padStart(11)}`);
  for (const source of ["ratings", "market", "pinnacle"] as const) {
    const m = s[source];
    console.log(`${source.padEnd(10)}${f4(m["1x2"].logLoss).padStart(9)}${f4(m["1x2"].brier).padStart(9)}${f4(m["1x2"].rps).padStart(9)}`
      + `${f4(m.ou25?.logLoss).padStart(9)}${pts(m.ou25?.maeVsPinnacle).padStart(11)}${f4(m.ah?.logLoss).padStart(9)}${pts(m.ah?.maeVsPinnacle).padStart(11)}`);
  }
  if (s.inplay) {
    console.log(`in-play at half time (${s.inplay.matches} matches): 1X2 LL ${f4(s.inplay["1x2"].logLoss)}, baseline ${f4(s.inplay.baselineLogLoss)}, pre-match ${f4(s.inplay.prematchLogLoss)}`);
  }
  for (const x of s.seasons) {
    console.log(`${x.league.padEnd(4)} ${(x.season ?? "").padEnd(10)} ${String(x.matches).padStart(4)} matches: ratings 1X2 LL ${f4(x.ratings.logLoss)}, Pinnacle ${f4(x.pinnacle.logLoss)}, gap ${(100 * x.gap).toFixed(2)}%`);
  }
  console.log(`skipped: ${s.skipped.badRows} bad rows, ${s.skipped.insufficientHistory} for team history, ${s.skipped.beforeFrom} before --from`);
}

function printBadRows(run: BacktestRun): void {
  for (const row of run.badRows.slice(0, 10)) console.error(`pricing: ${row.season} line ${row.line}: ${row.reason}`);
  if (run.badRows.length > 10) console.error(`pricing: ${run.badRows.length - 10} more bad rows (see the summary)`);
}

function writeReport(dir: string, run: BacktestRun, counts: CountsBacktest, files: string[]): void {
  writeReportFiles(dir, () => {
    const extra = countsReport(counts);
    const main = backtestReport(run, files.map((f) => basename(f)));
    return [...main.map((f) => (f.name === "report.md" ? { ...f, text: `${f.text}\n${extra.markdown}` } : f)), ...extra.files];
  });
}

function printCounts(counts: CountsBacktest): void {
  for (const { group } of SCORED_GROUPS) {
    for (const m of counts[group].markets) {
      console.log(`${m.market.padEnd(32)} LL ${f4(m.model.logLoss)} (baseline ${f4(m.baseline.logLoss)})  ECE ${f4(m.model.ece)} (baseline ${f4(m.baseline.ece)})`
        + `  debiased CE ${f4(m.model.debiasedCalibrationError)} (baseline ${f4(m.baseline.debiasedCalibrationError)})`
        + `  model better in ${share(m.bootstrap.modelBetterCalibration)} / ${share(m.bootstrap.modelBetterLogLoss)} of resamples (debiased CE / LL)`);
      console.log(`${"".padEnd(32)} consistency p ${f3(m.consistency.model.pValue)} (baseline ${f3(m.consistency.baseline.pValue)}), each error against draws from its own forecast`);
      if (m.withinSeason && m.withinSeason.seasons > 1) {
        console.log(`${"".padEnd(32)} within seasons: debiased CE ${f4(m.withinSeason.model)} (baseline ${f4(m.withinSeason.baseline)})  model better in ${share(m.withinSeason.bootstrap.modelBetterCalibration)} of resamples`
          + `  consistency p ${f3(m.withinSeason.consistency.model.pValue)} (baseline ${f3(m.withinSeason.consistency.baseline.pValue)})`);
      }
    }
    for (const season of counts[group].bySeason ?? []) {
      for (const m of season.markets) {
        console.log(`  ${season.season} ${m.market.padEnd(30)} LL ${f4(m.model.logLoss)} (baseline ${f4(m.baseline.logLoss)})  ECE ${f4(m.model.ece)} (baseline ${f4(m.baseline.ece)})`
          + `  debiased CE ${f4(m.model.debiasedCalibrationError)} (baseline ${f4(m.baseline.debiasedCalibrationError)})`);
      }
    }
  }
}

function backtestAction(files: string[], options: BacktestCommandOptions & { sport: string }): void {
  const from = parseFrom(options.from);
  if (options.sport === "tennis") return tennisBacktestAction(files, options, from);
  const seasons = files.map(readSeason);
  const run = runBacktest(seasons, { from });
  const counts = runCountsBacktest(seasons, { from });
  printBadRows(run);
  const summary = summarizeRun(run);
  if (summary.matches === 0) {
    console.error("pricing: no match could be priced: each team needs history first (give earlier seasons' files before this one) and the rows need Pinnacle's closing 1X2 odds");
  }
  if (options.report) writeReport(options.report, run, counts, files);
  if (options.json) console.log(JSON.stringify({ ...summary, ...Object.fromEntries(SCORED_GROUPS.map(({ group }) => [group, counts[group]])) }));
  else {
    printTable(summary);
    printCounts(counts);
  }
}

/** `pricing backtest`: walk-forward validation against results and Pinnacle's closing line. */
export function registerBacktest(program: Command): void {
  program
    .command("backtest")
    .description("Walk forward through football-data.co.uk seasons: fit ratings before each match day, price, and score the model (ratings and market modes) and Pinnacle's closing line on the same matches.")
    .argument("<files...>", "football-data.co.uk CSV files, oldest first; earlier files are history for later ones")
    .option("--sport <sport>", "football | tennis (tennis-data.co.uk files)", "football")
    .option("--from <date>", "price matches from this date (yyyy-mm-dd); earlier matches are history only")
    .option("--json", 'print {"matches", "ratings", "market", "pinnacle", "inplay", "seasons", "leagues", "skipped", "corners", "cards", "bookingPoints", "teamTotals", "cornerHandicaps"} as JSON')
    .option("--report <dir>", "write report.md and SVG plots to this folder")
    .option("--evidence <mode>", "tennis: the in-play evidence weight on every tour, refit (each year on earlier matches) | fixed (1, plain Bayes); default: refitted on the tours chosen on 2016-18")
    .option("--blend <mode>", "tennis: the forecast after the first set on every tour, refit (blended with the baseline, the weight refitted each year on earlier matches) | off (the model alone); default: blended on the tours chosen on 2016-18")
    .action(backtestAction);
}
