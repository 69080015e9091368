/**
 * Tunes the corners and cards count model on EPL 2012/13 to 2018/19 (2011/12 is
 * history only) and prints the constants of models/counts.ts (COUNT_PARAMS,
 * COUNT_RATING_PARAMS): the league's per-side means, the rating half-life and prior
 * strength (a grid, by the negative binomial log-likelihood of each side's count on the
 * tuning seasons), and each count's dispersion (maximum likelihood given the rated
 * means). The scoring seasons, 2019/20 to 2021/22, are not read.
 *
 *   npx tsx scripts/fit-counts.ts [--data data/football-data]
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { parseFootballData } from "@pricing/core/sports/football/models/csv";
import { countsOfRow, observeRows, runCountsBacktest, walkCounts, type CountSeason } from "@pricing/core/sports/football/backtest/counts";
import { COUNT_FORECAST_BASE, CountForecaster, type CountForecastParams } from "@pricing/core/sports/football/models/count-forecast";
import { COUNT_PRIOR, fitNegativeBinomial, fitSplitConcentration, type CountParams } from "@pricing/core/sports/football/models/counts";

const { values: args } = parseArgs({ options: { data: { type: "string", default: "data/football-data" }, live: { type: "boolean", default: false } } });

if (args.live) {
  // The live constants (COUNT_PARAMS): the walk forward over every EPL file, its league
  // means and totals' sizes after the last match.
  const all = ["1112", "1213", "1314", "1415", "1516", "1617", "1718", "1819", "1920", "2021", "2122"];
  const matches = all.flatMap((s) => parseFootballData(readFileSync(join(args.data!, `E0_${s}.csv`), "utf8")).matches);
  // Each match with its pre-match 1X2 probabilities, the card closeness term's input.
  const forecaster = observeRows(new CountForecaster(COUNT_PRIOR), matches);
  const last = matches.reduce((a, m) => (m.date > a ? m.date : a), "");
  const day = new Date(Date.parse(last) + 86_400_000).toISOString().slice(0, 10);
  // leagueMeans carries the refitted red-card rate (COUNT_PARAMS.redCards); cardCloseness, β and x̄ (COUNT_PARAMS.cardCloseness).
  console.log(`live constants for ${day}:`, JSON.stringify({ league: forecaster.leagueMeans(day), sizes: forecaster.sizes(day), cardCloseness: forecaster.cardCloseness(day) }));
  process.exit(0);
}
const TUNE = ["1112", "1213", "1314", "1415", "1516", "1617", "1718", "1819"];
const FROM = "2012-07-01";
const seasons: CountSeason[] = TUNE.map((s) => ({ label: `E0_${s}`, matches: parseFootballData(readFileSync(join(args.data!, `E0_${s}.csv`), "utf8")).matches }));

// The league's per-side means over the tuning seasons.
const tuneRows = seasons.flatMap((s) => s.matches).filter((m) => m.date >= FROM).map(countsOfRow).filter((c) => c !== null);
const avg = (f: (c: (typeof tuneRows)[number]) => number) => tuneRows.reduce((s, c) => s + f(c), 0) / tuneRows.length;
const league = {
  corners: { home: avg((c) => c.corners.home), away: avg((c) => c.corners.away) },
  yellowCards: { home: avg((c) => c.yellowCards.home), away: avg((c) => c.yellowCards.away) },
  redCards: { home: avg((c) => c.redCards.home), away: avg((c) => c.redCards.away) },
};
const base: CountParams = {
  corners: { ...COUNT_PRIOR.corners, league: league.corners },
  yellowCards: { ...COUNT_PRIOR.yellowCards, league: league.yellowCards },
  redCards: { league: league.redCards },
};
console.log(`tuning matches ${tuneRows.length}; league per side`, JSON.stringify(league));

type Which = "corners" | "yellowCards";
/**
 * The joint model's fit for one count and one choice of rating parameters: the total's
 * NB size and the split's concentration by maximum likelihood given the rated means,
 * and the log-likelihood per match of both sides' counts.
 */
function fitFor(which: Which, halfLifeDays: number, priorMatches: number) {
  const rating = { halfLifeDays, priorMatches };
  // The team ratings alone: no referee (a prior of 1e12 cards holds every multiplier at 1) and fixed sizes.
  const forecast: CountForecastParams = { corners: rating, yellowCards: rating, referee: { halfLifeDays: 730, priorCards: 1e12 }, dispersion: { halfLifeDays: 730, minMatches: Infinity } };
  const walk = walkCounts(seasons, { from: FROM, forecast, params: base });
  const total = walk.records.map((r) => r.observed[which].home + r.observed[which].away);
  const mean = walk.records.map((r) => r.expected[which].home + r.expected[which].away);
  const nb = fitNegativeBinomial(total, mean);
  const splits = walk.records.map((r, i) => ({ k: r.observed[which].home, n: total[i], p: r.expected[which].home / mean[i] })).filter((x) => x.n > 0);
  const bb = fitSplitConcentration(splits.map((x) => x.k), splits.map((x) => x.n), splits.map((x) => x.p));
  return { halfLifeDays, priorMatches, totalSize: nb.size, concentration: bb.concentration, logLik: (nb.logLik + bb.logLik) / walk.records.length };
}

for (const which of ["corners", "yellowCards"] as const) {
  let best: ReturnType<typeof fitFor> | null = null;
  for (const halfLifeDays of [120, 240, 365, 730]) {
    for (const priorMatches of [8, 16, 32, 64, 128]) {
      const f = fitFor(which, halfLifeDays, priorMatches);
      if (!best || f.logLik > best.logLik) best = f;
    }
  }
  // Without team ratings (every match at the league's per-side means), for comparison.
  const flat = fitFor(which, 1, 1e9);
  console.log(`${which}: half-life ${best!.halfLifeDays} d, prior ${best!.priorMatches} matches, total NB size ${best!.totalSize.toFixed(2)}, split concentration ${best!.concentration.toFixed(2)}, log-lik/match ${best!.logLik.toFixed(4)}; league means only: size ${flat.totalSize.toFixed(2)}, concentration ${flat.concentration.toFixed(2)}, log-lik/match ${flat.logLik.toFixed(4)}`);
}

// The walk-forward refit (models/count-forecast.ts), scored by the log-loss of the
// backtest's lines on the tuning seasons: league half-lives, the total's shrink, the
// referee prior, the size refit's half-life, the red-card rate's refit, the referee
// prior by empirical Bayes and the card mean's recalibration, one at a time from the
// chosen point.
const lines = (forecast: CountForecastParams) => {
  const run = runCountsBacktest(seasons, { from: FROM, forecast, params: base });
  return [...run.corners.markets, ...run.cards.markets].map((m) => `${m.market} ${m.model.logLoss.toFixed(5)} (ECE ${m.model.ece.toFixed(3)})`).join("; ");
};
// The hand choice on the tuning seasons (the seasons priced take the re-tunes of COUNT_TUNES).
const chosen = COUNT_FORECAST_BASE;
const variants: [string, CountForecastParams][] = [
  ["chosen", chosen],
  ...[0.5, 0.6, 1].map((a): [string, CountForecastParams] => [`shrink ${a}`, { ...chosen, corners: { ...chosen.corners, totalShrink: a }, yellowCards: { ...chosen.yellowCards, totalShrink: a } }]),
  ...[45, 240].map((d): [string, CountForecastParams] => [`card league half-life ${d} d`, { ...chosen, yellowCards: { ...chosen.yellowCards, leagueHalfLifeDays: d } }]),
  ...[0.4, 0.5, 0.6].map((a): [string, CountForecastParams] => [`card shrink ${a}`, { ...chosen, yellowCards: { ...chosen.yellowCards, totalShrink: a } }]),
  ...[[90, 32], [120, 32], [240, 32], [150, 48], [180, 48], [240, 64]].map(([d, k]): [string, CountForecastParams] => [`card ratings ${d} d, prior ${k}`, { ...chosen, yellowCards: { ...chosen.yellowCards, halfLifeDays: d, priorMatches: k } }]),
  ...[40, 160, 1e12].map((k): [string, CountForecastParams] => [`referee prior ${k} cards`, { ...chosen, referee: { ...chosen.referee, priorCards: k } }]),
  ...[365, 1500, Infinity].map((d): [string, CountForecastParams] => [`size half-life ${d} d`, { ...chosen, dispersion: { ...chosen.dispersion, halfLifeDays: d } }]),
  // The league's red-card rate: fixed at the tuning seasons' average (in-sample here) or refitted walk-forward.
  ["red cards at the fixed rate", { ...chosen, redCards: undefined }],
  ...[180, 365].map((d): [string, CountForecastParams] => [`red-card rate half-life ${d} d`, { ...chosen, redCards: { halfLifeDays: d, priorMatches: 64 } }]),
  // The referee prior κ refitted by empirical Bayes; the card mean recalibrated walk-forward (count-calibration.ts).
  ["referee prior by empirical Bayes", { ...chosen, referee: { ...chosen.referee, empiricalBayes: { minReferees: 10 } } }],
  ...[180, 365, 730, 1500, Infinity].map((d): [string, CountForecastParams] => [`card mean recalibrated (intercept and slope) over ${d} d`, { ...chosen, cardCalibration: { halfLifeDays: d, minMatches: 380 } }]),
  ...[180, 365, 730].map((d): [string, CountForecastParams] => [`card mean recalibrated (intercept only) over ${d} d`, { ...chosen, cardCalibration: { halfLifeDays: d, minMatches: 380, slope: false } }]),
];
for (const [name, forecast] of variants) console.log(`${name}: ${lines(forecast)}`);
