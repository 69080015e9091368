import type { Forecast, TennisBacktestRecord, TennisBacktestRun } from "./backtest";

const EPS = 1e-12;
const logLoss = (p: number, y: number) => -Math.log(Math.max(EPS, y ? p : 1 - p));

export interface CalibrationBin {
  predicted: number;
  observed: number;
  n: number;
}

/** Reliability in 10 equal-width bins of the forecast probability. */
export function calibrationBins(forecasts: readonly Forecast[], bins = 10): CalibrationBin[] {
  const sums = Array.from({ length: bins }, () => ({ p: 0, y: 0, n: 0 }));
  for (const f of forecasts) {
    const b = sums[Math.min(bins - 1, Math.floor(f.p * bins))];
    b.p += f.p; b.y += f.y; b.n++;
  }
  return sums.filter((b) => b.n > 0).map((b) => ({ predicted: b.p / b.n, observed: b.y / b.n, n: b.n }));
}

/** Expected calibration error: the count-weighted mean gap between forecast and frequency over the bins. */
export function expectedCalibrationError(forecasts: readonly Forecast[]): number {
  const n = forecasts.length;
  return n ? calibrationBins(forecasts).reduce((s, b) => s + (b.n / n) * Math.abs(b.predicted - b.observed), 0) : NaN;
}

export interface MarketScore {
  logLoss: number;
  baselineLogLoss: number;
  ece: number;
}

export interface TennisBacktestSummary {
  matches: number;
  ratings: { match: { logLoss: number; brier: number } };
  pinnacle: { match: { logLoss: number; brier: number } };
  markets: { setBetting: MarketScore; totalGames: MarketScore; tiebreak: MarketScore };
  inplay: { afterFirstSet: { matches: number; logLoss: number; modelLogLoss: number; prematchLogLoss: number; baselineLogLoss: number; ece: number; baselineEce: number } };
  /** Rows left out of the scores, by reason (retirements and walkovers among them). */
  badRows: Record<string, number>;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : NaN);

function binaryScore(fs: Forecast[]): MarketScore {
  return { logLoss: mean(fs.map((f) => logLoss(f.p, f.y))), baselineLogLoss: mean(fs.map((f) => logLoss(f.baseline, f.y))), ece: expectedCalibrationError(fs) };
}

/** Scores of a set of records; the set-betting log-loss is of the selection that happened. */
export function summarizeRecords(records: TennisBacktestRecord[], badRows: Record<string, number>): TennisBacktestSummary {
  const inplay = records.flatMap((r) => (r.afterFirstSet ? [r.afterFirstSet] : []));
  return {
    matches: records.length,
    ratings: { match: { logLoss: mean(records.map((r) => logLoss(r.ratings, r.aWon))), brier: mean(records.map((r) => (r.ratings - r.aWon) ** 2)) } },
    pinnacle: { match: { logLoss: mean(records.map((r) => logLoss(r.pinnacle, r.aWon))), brier: mean(records.map((r) => (r.pinnacle - r.aWon) ** 2)) } },
    markets: {
      setBetting: {
        logLoss: mean(records.map((r) => -Math.log(Math.max(EPS, r.setBetting[r.chosen].p)))),
        baselineLogLoss: mean(records.map((r) => -Math.log(Math.max(EPS, r.setBetting[r.chosen].baseline)))),
        ece: expectedCalibrationError(records.flatMap((r) => r.setBetting)),
      },
      totalGames: binaryScore(records.map((r) => r.totalGames)),
      tiebreak: binaryScore(records.map((r) => r.tiebreak)),
    },
    inplay: {
      afterFirstSet: {
        matches: inplay.length,
        logLoss: mean(inplay.map((f) => logLoss(f.p, f.y))),
        modelLogLoss: mean(inplay.map((f) => logLoss(f.model, f.y))),
        prematchLogLoss: mean(inplay.map((f) => logLoss(f.prematch, f.y))),
        baselineLogLoss: mean(inplay.map((f) => logLoss(f.baseline, f.y))),
        ece: expectedCalibrationError(inplay),
        baselineEce: expectedCalibrationError(inplay.map((f) => ({ ...f, p: f.baseline }))),
      },
    },
    badRows,
  };
}

/** The whole run, and each tour on its own. */
export function summarizeTennisRun(run: TennisBacktestRun): TennisBacktestSummary & { tours: Record<string, TennisBacktestSummary> } {
  const tours: Record<string, TennisBacktestSummary> = {};
  for (const tour of [...new Set(run.records.map((r) => r.tour))].sort()) {
    tours[tour] = summarizeRecords(run.records.filter((r) => r.tour === tour), {});
    delete (tours[tour] as Partial<TennisBacktestSummary>).badRows;
  }
  return { ...summarizeRecords(run.records, run.badRows), tours };
}
