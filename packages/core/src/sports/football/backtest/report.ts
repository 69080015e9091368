/**
 * The backtest report: Markdown with the headline metrics, a table per season, the
 * rows left out, and SVG plots (calibration curves of each source, the models'
 * probabilities against Pinnacle's). Returned as files for the caller to write.
 */
import { calibration } from "./metrics";
import type { LineMetrics, SourceMetrics } from "./metrics";
import type { BacktestRun, Source } from "./run";
import { SOURCES } from "./run";
import { summarizeRun, summarizeSeasons, type RatingsVersusPinnacle, type RecordsSummary } from "./summary";
import { unitSquareSvg, type PlotSeries } from "../../../backtest/svg";

/** A report file: a name relative to the report folder and its text. */
export interface ReportFile {
  name: string;
  text: string;
}

const COLOURS: Record<Source, string> = { ratings: "#1f77b4", market: "#d62728", pinnacle: "#2ca02c" };
const LABELS: Record<Source, string> = { ratings: "model (ratings)", market: "model (market)", pinnacle: "Pinnacle closing (Shin)" };

const f4 = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? "-" : x.toFixed(4));
const pts = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? "-" : (100 * x).toFixed(2));
const pct = (x: number, base: number) => {
  const gap = Number(((x / base - 1) * 100).toFixed(2));
  return `${gap >= 0 ? "+" : ""}${(gap === 0 ? 0 : gap).toFixed(2)}%`;
};

function line(m: LineMetrics | null): [string, string] {
  return m ? [f4(m.logLoss), pts(m.maeVsPinnacle)] : ["-", "-"];
}

function sourceRow(source: Source, m: SourceMetrics, pinnacle: SourceMetrics): string {
  const x = m["1x2"];
  return `| ${LABELS[source]} | ${f4(x.logLoss)} (${pct(x.logLoss, pinnacle["1x2"].logLoss)}) | ${f4(x.brier)} | ${f4(x.rps)} | ${line(m.ou25).join(" | ")} | ${line(m.ah).join(" | ")} |`;
}

function headlineTable(s: RecordsSummary): string[] {
  return [
    "| source | 1X2 log-loss (vs Pinnacle) | Brier | RPS | O/U 2.5 log-loss | O/U MAE vs Pinnacle (points) | AH log-loss | AH MAE vs Pinnacle (points) |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ...SOURCES.map((src) => sourceRow(src, s[src], s.pinnacle)),
  ];
}

function seasonTable(run: BacktestRun): string[] {
  const rows = summarizeSeasons(run).map(({ season, summary: s }) => {
    const ht = s.inplay;
    return `| ${season} | ${s.matches} | ${f4(s.ratings["1x2"].logLoss)} | ${f4(s.pinnacle["1x2"].logLoss)} | ${pct(s.ratings["1x2"].logLoss, s.pinnacle["1x2"].logLoss)} | ${f4(s.ratings["1x2"].rps)} | ${f4(s.pinnacle["1x2"].rps)} | ${s.market.ou25?.matches ?? 0} | ${pts(s.market.ou25?.maeVsPinnacle)} | ${pts(s.market.ah?.maeVsPinnacle)} | ${f4(ht?.["1x2"].logLoss)} | ${f4(ht?.baselineLogLoss)} | ${f4(ht?.prematchLogLoss)} |`;
  });
  return [
    "| season | matches | ratings 1X2 LL | Pinnacle 1X2 LL | gap | ratings RPS | Pinnacle RPS | O/U, AH matches | market O/U MAE | market AH MAE | in-play HT LL | baseline HT LL | pre-match LL |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
  ];
}

function leagueTable(run: BacktestRun): string[] {
  const s = summarizeRun(run);
  const row = (x: RatingsVersusPinnacle) =>
    `| ${x.league} | ${x.season ?? "all"} | ${x.matches} | ${f4(x.ratings.logLoss)} | ${f4(x.pinnacle.logLoss)} | ${pct(x.ratings.logLoss, x.pinnacle.logLoss)} |`;
  return [
    "| league | season | matches | ratings 1X2 LL | Pinnacle 1X2 LL | gap |",
    "| --- | --- | --- | --- | --- | --- |",
    ...s.leagues.flatMap((league) => [...s.seasons.filter((x) => x.league === league.league), league].map(row)),
  ];
}

function calibrationPlot(run: BacktestRun): string {
  const series: PlotSeries[] = SOURCES.map((src) => ({
    label: LABELS[src], colour: COLOURS[src], style: "line",
    points: calibration(run.records, src).map((b) => ({ x: b.meanForecast, y: b.observedFrequency })),
  }));
  return unitSquareSvg({ title: "1X2 calibration (10 bins, all outcomes pooled)", xLabel: "forecast probability", yLabel: "observed frequency", series });
}

function versusPlot(run: BacktestRun, title: string, pick: (f: Source) => { x: number; y: number }[]): string {
  const series: PlotSeries[] = (["ratings", "market"] as const).map((src) => ({
    label: LABELS[src], colour: COLOURS[src], style: "points", points: pick(src),
  }));
  return unitSquareSvg({ title, xLabel: "Pinnacle de-margined closing probability", yLabel: "model probability", series });
}

function plots(run: BacktestRun): ReportFile[] {
  const records = run.records;
  return [
    { name: "calibration.svg", text: calibrationPlot(run) },
    { name: "vs-pinnacle-1x2.svg", text: versusPlot(run, "1X2 (home, draw, away) against Pinnacle", (src) =>
      records.flatMap((r) => r.forecasts[src].matchResult.map((y, i) => ({ x: r.forecasts.pinnacle.matchResult[i], y })))) },
    { name: "vs-pinnacle-ou25.svg", text: versusPlot(run, "Over 2.5 goals against Pinnacle", (src) =>
      records.filter((r) => r.forecasts.pinnacle.over25 !== null).map((r) => ({ x: r.forecasts.pinnacle.over25!, y: r.forecasts[src].over25! }))) },
    { name: "vs-pinnacle-ah.svg", text: versusPlot(run, "Asian handicap (home, no push) against Pinnacle", (src) =>
      records.filter((r) => r.forecasts.pinnacle.handicapHome !== null).map((r) => ({ x: r.forecasts.pinnacle.handicapHome!, y: r.forecasts[src].handicapHome! }))) },
  ];
}

function halfTimeLines(s: RecordsSummary, run: BacktestRun): string[] {
  const ht = s.inplay;
  if (!ht) return ["No match had a half-time score."];
  const withCards = run.records.filter((r) => r.halfTime?.modelWithRedCards);
  return [
    `On ${ht.matches} matches, from the ${run.params.halfTime.expectedGoals} expected goals: full-time 1X2 log-loss at the start of the second half`,
    `${f4(ht["1x2"].logLoss)} (in-play model), ${f4(ht.baselineLogLoss)} (baseline: ${(run.params.halfTime.baselineShare * 100).toFixed(1)}% of each side's expected goals left, independent Poisson), against ${f4(ht.prematchLogLoss)} before kick-off.`,
    "",
    "Red cards: football-data.co.uk gives each side's red-card count for the whole match but not the minutes, so at half time it is not",
    "known whether a card had been shown yet. The figures above give the model no red cards. Passing the full-match counts as if shown",
    `by half time (which uses second-half information) gives ${f4(mean(withCards.map((r) => htLoss(r.halfTime!.modelWithRedCards!, r))))} on the ${withCards.length} of them with red-card counts.`,
  ];
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);
function htLoss(p: [number, number, number], r: { homeGoals: number; awayGoals: number }): number {
  const outcome = r.homeGoals > r.awayGoals ? 0 : r.homeGoals === r.awayGoals ? 1 : 2;
  return -Math.log(Math.max(p[outcome], 1e-15));
}

function ratingsLine(run: BacktestRun): string {
  const wf = run.params.walkForward, e = wf.evidence;
  const window = `${wf.windowDays}-day window, refitted before every match day on earlier days' matches only, each league on its own (its own home advantage); a team is priced once it has ${wf.minTeamMatches} matches in the window.`;
  if (!e) return `Ratings: ${wf.model} on goals, xi ${wf.xi}/day, ridge ${wf.ridge}, ${window}`;
  const part = (p: { weight: number; xi: number }) => `weight ${p.weight}, xi ${p.xi}/day`;
  return `Ratings: Poisson on goals (${part(e.goals)}), a shots xG proxy (${e.shotCoefficients.onTarget} per shot on target, ${e.shotCoefficients.offTarget} per other shot; ${part(e.shots)}) and the goals implied by earlier matches' closing 1X2 (${part(e.market)}); ridge ${e.ridge}, ${window}`;
}

function skippedLines(run: BacktestRun): string[] {
  const { skipped } = summarizeRun(run);
  return [
    `${run.records.length} matches priced; ${skipped.insufficientHistory} not priced for want of team history (fewer than ${run.params.walkForward.minTeamMatches} matches in the fit window); ${skipped.beforeFrom} before --from used as history only.`,
    `Bad rows or cells: ${skipped.badRows}.`,
    "",
    ...(Object.keys(skipped.byReason).length ? Object.entries(skipped.byReason).map(([code, n]) => `- ${n} x \`${code}\``) : ["- none"]),
    "",
    ...run.badRows.slice(0, 20).map((row) => `- ${row.season} line ${row.line}: ${row.reason}`),
    ...(run.badRows.length > 20 ? [`- ... ${run.badRows.length - 20} more`] : []),
  ];
}

/**
 * The report: `report.md` and the SVG plots it links.
 *
 * @param inputs the file names the run read, listed in the report
 */
export function backtestReport(run: BacktestRun, inputs: readonly string[]): ReportFile[] {
  const s = summarizeRun(run);
  const mk = run.params.market;
  const md = [
    "# Backtest: model against results and Pinnacle's closing line",
    "",
    `Files: ${inputs.join(", ")}. Matches in each file are history for later ones; every source is scored on the same ${s.matches} matches.`,
    ratingsLine(run),
    `Market: expected goals inverted from Pinnacle's Shin-de-margined closing 1X2 with rho = ${mk.rho} + ${mk.rhoPerGap} x |P(home) - P(away)|.`,
    "",
    "## Metrics",
    "",
    ...headlineTable(s),
    "",
    "Log-losses in nats per match. O/U and AH are scored on the matches with Pinnacle's closing odds for them. The AH log-loss is per unit of decided stake: pushes are left out and half-won or half-lost quarter lines count one half; MAE compares the home side's no-push probability.",
    "",
    "## In-play at half time",
    "",
    ...halfTimeLines(s, run),
    "",
    "## Ratings against Pinnacle per league and season",
    "",
    ...leagueTable(run),
    "",
    "## Per season",
    "",
    ...seasonTable(run),
    "",
    "## Plots",
    "",
    "![calibration](calibration.svg) ![1X2 against Pinnacle](vs-pinnacle-1x2.svg)",
    "",
    "![over/under 2.5 against Pinnacle](vs-pinnacle-ou25.svg) ![Asian handicap against Pinnacle](vs-pinnacle-ah.svg)",
    "",
    "## Rows left out",
    "",
    ...skippedLines(run),
    "",
  ].join("\n");
  return [{ name: "report.md", text: md }, ...plots(run)];
}
