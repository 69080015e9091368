/**
 * The card total's closeness term (models/count-closeness.ts) against the forecast without it
 * (and the chosen one), on the tuning seasons EPL 2012/13 to 2018/19 (2011/12 history): the card
 * lines' log-loss, binned ECE, debiased calibration error and recalibration slope, and
 * the walk-forward β at the end ("chosen": COUNT_FORECAST_BASE, the hand choice on the
 * tuning seasons, with the draw and no decay). With --scored, the variants named by
 * --variant on 2019/20 to 2021/22, every file from 2011/12 read.
 *
 *   npx tsx scripts/fit-card-closeness.ts [--data data/football-data] [--scored --variant NAME]
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { COUNT_PRIOR } from "@pricing/core/sports/football/models/counts";
import { parseFootballData } from "@pricing/core/sports/football/models/csv";
import { observeRows, runCountsBacktest, type CountSeason } from "@pricing/core/sports/football/backtest/counts";
import { COUNT_FORECAST_BASE, CountForecaster, type CountForecastParams } from "@pricing/core/sports/football/models/count-forecast";

const { values: args } = parseArgs({ options: { data: { type: "string", default: "data/football-data" }, scored: { type: "boolean", default: false }, variant: { type: "string", multiple: true } } });

const TUNE = ["1112", "1213", "1314", "1415", "1516", "1617", "1718", "1819"];
const ALL = [...TUNE, "1920", "2021", "2122"];
const files = args.scored ? ALL : TUNE;
const from = args.scored ? "2019-07-01" : "2012-07-01";
const seasons: CountSeason[] = files.map((s) => ({ label: `E0_${s}`, matches: parseFootballData(readFileSync(join(args.data!, `E0_${s}.csv`), "utf8")).matches }));

// The hand choice on the tuning seasons (the seasons priced take the re-tunes of COUNT_TUNES).
const chosen = COUNT_FORECAST_BASE;
/** The forecast without the term (before it was chosen), which the variants add to. */
const without: CountForecastParams = { ...chosen, cardCloseness: undefined };
const variants: [string, CountForecastParams][] = [
  ["none", without],
  ["chosen", chosen],
  ...([["edge", 365], ["edge", 730], ["edge", 1500], ["edge", Infinity], ["draw", 730], ["draw", Infinity]] as const).map(([feature, d]): [string, CountForecastParams] =>
    [`${feature} fitted over ${d} d`, { ...without, cardCloseness: { feature, halfLifeDays: d, minMatches: 380 } }]),
  // With the term in, the card ratings and the referee let further from the league (they were tuned without it).
  ...[0.85, 1].map((a): [string, CountForecastParams] => [`chosen, card shrink ${a}`, { ...chosen, yellowCards: { ...chosen.yellowCards, totalShrink: a } }]),
  ...[16].map((k): [string, CountForecastParams] => [`chosen, card ratings prior ${k}`, { ...chosen, yellowCards: { ...chosen.yellowCards, priorMatches: k } }]),
  ...[20, 40].map((k): [string, CountForecastParams] => [`chosen, referee prior ${k} cards`, { ...chosen, referee: { ...chosen.referee, priorCards: k } }]),
  // With the term in, the card mean recalibrated walk-forward (count-calibration.ts, intercept and slope), before the term.
  ...[730, Infinity].map((d): [string, CountForecastParams] => [`chosen, card mean recalibrated over ${d} d`, { ...chosen, cardCalibration: { halfLifeDays: d, minMatches: 380 } }]),
];
/** The walk-forward β and league-average feature the day after the last match read. */
function betaAtEnd(forecast: CountForecastParams): string {
  if (!forecast.cardCloseness) return "";
  const matches = seasons.flatMap((s) => s.matches);
  const forecaster = observeRows(new CountForecaster(COUNT_PRIOR, forecast), matches);
  const last = matches.reduce((a, m) => (m.date > a ? m.date : a), "");
  const day = new Date(Date.parse(last) + 86_400_000).toISOString().slice(0, 10);
  const at = forecaster.cardCloseness(day)!;
  return ` β ${at.beta.toFixed(3)}, average feature ${at.average.toFixed(3)} on ${day}`;
}
const f = (x: number | null, d = 4) => (x === null || !Number.isFinite(x) ? "-" : x.toFixed(d));
for (const [name, forecast] of variants) {
  if (args.variant && !args.variant.includes(name)) continue;
  const run = runCountsBacktest(seasons, { from, forecast });
  const cells = [...run.cards.markets, ...(args.scored ? run.corners.markets : [])].map((m) => {
    const r = m.model.recalibration;
    return `${m.market}: LL ${f(m.model.logLoss)} (base ${f(m.baseline.logLoss)}), ECE ${f(m.model.ece, 3)} (${f(m.baseline.ece, 3)}), debiased ${f(m.model.debiasedCalibrationError, 3)} (${f(m.baseline.debiasedCalibrationError, 3)}), slope ${f(r.slope, 2)} (${f(r.slopeSE, 2)}), intercept ${f(r.intercept, 2)}, model better (debiased; LL) ${f(100 * m.bootstrap.modelBetterCalibration, 0)}%; ${f(100 * m.bootstrap.modelBetterLogLoss, 0)}%`;
  });
  console.log(`${name} [${run.cards.matches} matches]${betaAtEnd(forecast)}\n  ${cells.join("\n  ")}`);
}
