import { describe, test } from "vitest";
import assert from "node:assert/strict";
import {
  calibration, halfTimeMetrics, handicapMetrics, matchResultMetrics, overUnderMetrics,
} from "@pricing/core/sports/football/backtest/metrics";
import type { MatchRecord } from "@pricing/core/sports/football/backtest/run";
import type { MarketForecast } from "@pricing/core/sports/football/backtest/prices";
import { marketExpectedGoals, marketRho } from "@pricing/core/sports/football/backtest/market";
import { modelForecast } from "@pricing/core/sports/football/backtest/prices";

const near = (actual: number, expected: number, what: string, tolerance = 1e-12) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} vs ${expected}`);

interface Fixture {
  score: [number, number];
  model: MarketForecast;
  pinnacle: MarketForecast;
  handicapLine?: number | null;
  halfTime?: MatchRecord["halfTime"];
}

function record(f: Fixture): MatchRecord {
  const xg = { homeXg: 1.5, awayXg: 1.1, rho: 0 };
  return {
    league: "T", season: "test", line: 2, date: "2020-01-01", homeTeam: "A", awayTeam: "B", homeGoals: f.score[0], awayGoals: f.score[1],
    handicapLine: f.handicapLine ?? null, expectedGoals: { ratings: xg, market: xg },
    forecasts: { ratings: f.model, market: f.model, pinnacle: f.pinnacle }, halfTime: f.halfTime ?? null,
  };
}

const forecast = (matchResult: [number, number, number], over25: number | null = null, handicapHome: number | null = null): MarketForecast =>
  ({ matchResult, over25, handicapHome });

describe("metrics over matches, hand-computed", () => {
  const records = [
    record({ score: [2, 1], model: forecast([0.5, 0.3, 0.2], 0.6, 0.6), pinnacle: forecast([0.6, 0.25, 0.15], 0.55, 0.5), handicapLine: -0.25 }),
    record({ score: [1, 1], model: forecast([0.4, 0.3, 0.3], 0.5, 0.6), pinnacle: forecast([0.4, 0.3, 0.3], 0.45, 0.55), handicapLine: -0.25 }),
    record({ score: [0, 0], model: forecast([0.2, 0.3, 0.5], null, 0.3), pinnacle: forecast([0.2, 0.3, 0.5], null, 0.35), handicapLine: 0 }),
  ];

  test("1X2: means of log-loss, Brier and RPS", () => {
    const m = matchResultMetrics(records, "ratings");
    near(m.logLoss, (-Math.log(0.5) - Math.log(0.3) - Math.log(0.3)) / 3, "log-loss");
    near(m.brier, ((0.25 + 0.09 + 0.04) + (0.16 + 0.49 + 0.09) + (0.04 + 0.49 + 0.25)) / 3, "Brier");
    near(m.rps, ((0.25 + 0.04) / 2 + (0.16 + 0.09) / 2 + (0.04 + 0.25) / 2) / 3, "RPS");
  });

  test("over/under 2.5: only matches with Pinnacle's odds; log-loss and mean absolute gap", () => {
    const m = overUnderMetrics(records, "ratings")!;
    assert.equal(m.matches, 2);
    near(m.logLoss, (-Math.log(0.6) - Math.log(0.5)) / 2, "log-loss: 3 goals over, 2 goals under");
    near(m.maeVsPinnacle, (0.05 + 0.05) / 2, "MAE", 1e-15);
    near(overUnderMetrics(records, "pinnacle")!.maeVsPinnacle, 0, "Pinnacle against itself");
  });

  test("Asian handicap: won at -0.25 weighs 1, half-lost at -0.25 weighs 1/2, a push at 0 nothing", () => {
    const m = handicapMetrics(records, "ratings")!;
    assert.equal(m.matches, 3);
    near(m.logLoss, (-Math.log(0.6) - 0.5 * Math.log(0.4)) / 1.5, "decided-stake log-loss");
    near(m.maeVsPinnacle, (0.1 + 0.05 + 0.05) / 3, "MAE", 1e-15);
  });

  test("calibration bins pool every outcome of every match", () => {
    const bins = calibration(records, "ratings");
    assert.equal(bins.reduce((n, b) => n + b.count, 0), 9);
    const third = bins.find((b) => b.from === 0.3)!;
    // 0.3 (draw, 2-1: no), 0.3 (draw, 1-1: yes), 0.3 (away, 1-1: no), 0.3 (draw, 0-0: yes)
    assert.equal(third.count, 4);
    near(third.meanForecast, 0.3, "mean forecast", 1e-15);
    near(third.observedFrequency, 0.5, "observed");
    const half = bins.find((b) => b.from === 0.5)!;
    assert.deepEqual([half.count, half.observedFrequency], [2, 0.5]);
  });

  test("half time: in-play, baseline and pre-match log-loss on the same matches", () => {
    const ht = (model: [number, number, number], baseline: [number, number, number]) =>
      ({ model, baseline, prematch: [0.5, 0.3, 0.2] as [number, number, number], modelWithRedCards: null });
    const withHt = [
      record({ score: [2, 1], model: forecast([0.5, 0.3, 0.2]), pinnacle: forecast([0.5, 0.3, 0.2]), halfTime: ht([0.8, 0.15, 0.05], [0.7, 0.2, 0.1]) }),
      record({ score: [1, 1], model: forecast([0.5, 0.3, 0.2]), pinnacle: forecast([0.5, 0.3, 0.2]) }),
    ];
    const m = halfTimeMetrics(withHt)!;
    assert.equal(m.matches, 1);
    near(m["1x2"].logLoss, -Math.log(0.8), "in-play");
    near(m.baselineLogLoss, -Math.log(0.7), "baseline");
    near(m.prematchLogLoss, -Math.log(0.5), "pre-match");
  });
});

describe("market mode inversion", () => {
  test("rho rises with the gap between the home and away win probabilities", () => {
    near(marketRho([0.4, 0.2, 0.4], { rho: -0.125, rhoPerGap: 0.13 }), -0.125, "equal sides");
    near(marketRho([0.7, 0.2, 0.1], { rho: -0.125, rhoPerGap: 0.13 }), -0.125 + 0.13 * 0.6, "a favourite", 1e-15);
  });

  test("the inverted expected goals give back the 1X2 they came from", () => {
    const p: [number, number, number] = [0.55, 0.25, 0.2];
    const xg = marketExpectedGoals(p, { rho: -0.125, rhoPerGap: 0.13 });
    near(xg.rho, -0.125 + 0.13 * 0.35, "rho", 1e-15);
    modelForecast(xg, true, -0.5).matchResult.forEach((q, i) => near(q, p[i], `outcome ${i}`, 1e-7));
  });

  test("the Asian handicap priced at a whole line is the no-push probability", () => {
    const f = modelForecast({ homeXg: 1.4, awayXg: 1.4, rho: 0 }, false, 0);
    near(f.handicapHome!, 0.5, "level ball between equal sides", 1e-9);
  });
});
