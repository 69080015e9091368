import { unitSquareSvg } from "../../backtest/svg";
import type { Forecast, TennisBacktestRun } from "./backtest";
import { calibrationBins, type TennisBacktestSummary } from "./backtest-summary";

const f4 = (x: number) => (Number.isFinite(x) ? x.toFixed(4) : "-");

function reliability(title: string, forecasts: Forecast[]): string {
  const bins = calibrationBins(forecasts);
  return unitSquareSvg({
    title, xLabel: "forecast probability", yLabel: "observed frequency",
    series: [{ label: "model", colour: "#1f77b4", style: "line", points: bins.map((b) => ({ x: b.predicted, y: b.observed })) }],
  });
}

/** report.md with per-tour figures, and a reliability plot per derived market and tour. */
export function tennisBacktestReport(run: TennisBacktestRun, summary: TennisBacktestSummary & { tours: Record<string, TennisBacktestSummary> }): { name: string; text: string }[] {
  const files: { name: string; text: string }[] = [];
  const lines = ["# Tennis backtest", "", "Walk-forward: ratings and baselines use earlier matches only; derived markets are priced from Pinnacle's de-margined match odds and scored on the real set scores.", ""];
  lines.push("| tour | matches | ratings LL | Pinnacle LL | set betting LL / baseline / ECE | total games LL / baseline / ECE | tiebreak LL / baseline / ECE | after 1st set LL / model alone / pre-match / baseline (ECE / baseline's) |");
  lines.push("| --- | ---: | ---: | ---: | --- | --- | --- | --- |");
  for (const [tour, t] of Object.entries(summary.tours)) {
    const m = t.markets, ip = t.inplay.afterFirstSet;
    const cell = (x: { logLoss: number; baselineLogLoss: number; ece: number }) => `${f4(x.logLoss)} / ${f4(x.baselineLogLoss)} / ${f4(x.ece)}`;
    lines.push(`| ${tour} | ${t.matches} | ${f4(t.ratings.match.logLoss)} | ${f4(t.pinnacle.match.logLoss)} | ${cell(m.setBetting)} | ${cell(m.totalGames)} | ${cell(m.tiebreak)} | ${f4(ip.logLoss)} / ${f4(ip.modelLogLoss)} / ${f4(ip.prematchLogLoss)} / ${f4(ip.baselineLogLoss)} (${f4(ip.ece)} / ${f4(ip.baselineEce)}) |`);
    const records = run.records.filter((r) => r.tour === tour);
    const plots: [string, Forecast[]][] = [
      ["set-betting", records.flatMap((r) => r.setBetting)],
      ["total-games", records.map((r) => r.totalGames)],
      ["tiebreak", records.map((r) => r.tiebreak)],
      ["after-first-set", records.flatMap((r) => (r.afterFirstSet ? [r.afterFirstSet] : []))],
    ];
    for (const [name, forecasts] of plots) {
      const file = `reliability-${tour}-${name}.svg`;
      files.push({ name: file, text: reliability(`${tour} ${name}`, forecasts) });
      lines.push("", `![${tour} ${name}](${file})`);
    }
  }
  lines.push("", `Not scored: ${JSON.stringify(summary.badRows)}`);
  files.push({ name: "report.md", text: `${lines.join("\n")}\n` });
  return files;
}
