import { describe, test } from "vitest";
import assert from "node:assert/strict";
import {
  calibrationPairs, consistencyTest, debiasedCalibrationError, debiasedSquaredError, equalMassBins, logisticRecalibration, pairedBootstrap, selectionPairs,
  stratifiedSelectionPairs, stratifiedSquaredErrors, withinStrataCalibrationError,
} from "@pricing/core/backtest/calibration";
import {
  countsReport, expectedCalibrationError, recalibrationOf, SCORED_GROUPS, summarizeCounts, type CountsBacktest, type CountsSummary, type ScoredMarket,
} from "@pricing/core/sports/football/backtest/counts";
import { seededRandom } from "@pricing/core/math/random";

const near = (actual: number, expected: number, tolerance: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} vs ${expected} (± ${tolerance})`);

const logit = (p: number) => Math.log(p / (1 - p));
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * An over/under forecast of `n` matches: the over's probability p uniform on [lo, hi],
 * the over happening with probability truth(p) (outcome 0, as the counts backtest
 * scores it; the under, 1).
 */
function overUnder(seed: number, n: number, truth: (p: number) => number, lo = 0.15, hi = 0.6) {
  const rng = seededRandom(seed, "calibration-test");
  const forecasts: number[][] = [], outcomes: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = lo + (hi - lo) * rng.unit();
    forecasts.push([p, 1 - p]);
    outcomes.push(rng.unit() < truth(p) ? 0 : 1);
  }
  return { forecasts, outcomes };
}

describe("equal-mass bins", () => {
  test("without ties every bin holds the same number of pairs, in forecast order", () => {
    const p = Array.from({ length: 100 }, (_, i) => ((i * 37) % 100) / 100);
    const bins = equalMassBins(calibrationPairs(p, p.map(() => 0)), 10);
    assert.equal(bins.length, 10);
    bins.forEach((b, k) => { assert.equal(b.count, 10); near(b.meanForecast, k / 10 + 0.045, 1e-12, `bin ${k}`); });
  });

  test("equal forecasts stay in one bin; a constant forecast is one bin", () => {
    const p = [0.1, 0.2, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.8, 0.9];
    const bins = equalMassBins(calibrationPairs(p, [1, 0, 1, 1, 0, 0, 0, 1, 1, 1]), 5);
    const counts = bins.map((b) => b.count);
    assert.equal(counts.reduce((s, c) => s + c, 0), 10);
    assert.ok(bins.some((b) => b.count >= 6 && Math.abs(b.meanForecast - 0.3) < 0.05), JSON.stringify(bins));
    const flat = equalMassBins(calibrationPairs(new Array(50).fill(0.4), Array.from({ length: 50 }, (_, i) => i % 2)), 10);
    assert.equal(flat.length, 1);
    assert.equal(flat[0].count, 50);
    near(flat[0].meanForecast, 0.4, 1e-12, "constant forecast");
  });

  test("match weights count a match's pairs that many times and leave weight-0 matches out", () => {
    const pairs = calibrationPairs([0.2, 0.4, 0.6, 0.8], [0, 1, 0, 1]);
    const bins = equalMassBins(pairs, 1, [0, 3, 1, 0]);
    assert.deepEqual(bins.map((b) => b.count), [4]);
    near(bins[0].meanForecast, (3 * 0.4 + 0.6) / 4, 1e-12, "mean forecast");
    near(bins[0].observedFrequency, 0.75, 1e-12, "frequency");
  });
});

describe("debiased calibration error", () => {
  test("a bin's squared gap less f(1 - f)/(n - 1), weighted by its share; a bin of one pair adds nothing", () => {
    const e = debiasedSquaredError([
      { meanForecast: 0.3, observedFrequency: 0.5, count: 4 },
      { meanForecast: 0.9, observedFrequency: 0.5, count: 4 },
      { meanForecast: 0.5, observedFrequency: 1, count: 1 },
    ]);
    near(e, (4 / 9) * (0.04 - 0.25 / 3) + (4 / 9) * (0.16 - 0.25 / 3), 1e-15, "hand-computed");
  });

  test("outcomes drawn from the forecasts: unbiased at the backtest's size, where the binned ECE is not", () => {
    // 200 sets of 1,140 matches, forecasts spread as the card lines' are.
    let squared = 0, plugIn = 0, ece = 0;
    const sets = 200;
    for (let s = 0; s < sets; s++) {
      const { forecasts, outcomes } = overUnder(s, 1140, (p) => p);
      const bins = equalMassBins(selectionPairs(forecasts, outcomes)[0]);
      squared += debiasedSquaredError(bins) / sets;
      plugIn += bins.reduce((e, b) => e + (b.count / 1140) * (b.meanForecast - b.observedFrequency) ** 2, 0) / sets;
      ece += expectedCalibrationError(forecasts, outcomes) / sets;
    }
    // The plug-in squared gap is about 0.002 from noise alone; the debiased one is 0 within
    // its standard error over the sets (about 7e-5).
    assert.ok(plugIn > 0.0015, `plug-in ${plugIn}`);
    assert.ok(Math.abs(squared) < 2.5e-4, `debiased squared error ${squared}`);
    assert.ok(ece > 0.015, `binned ECE ${ece}`);
  });

  test("outcomes drawn from the forecasts, many matches: near 0", () => {
    const { forecasts, outcomes } = overUnder(7, 100_000, (p) => p);
    const debiased = debiasedCalibrationError(forecasts, outcomes);
    assert.ok(debiased < 0.002, `debiased ${debiased}`);
  });

  test("outcomes drawn from p + 0.05: the error is 0.05, where pooling the selections hides it", () => {
    const { forecasts, outcomes } = overUnder(3, 100_000, (p) => p + 0.05, 0.1, 0.85);
    near(debiasedCalibrationError(forecasts, outcomes), 0.05, 0.004, "debiased");
    // Pooled, the over at 0.3 (0.35 seen) and the under at 0.3 (0.25 seen) share a bin.
    assert.ok(expectedCalibrationError(forecasts, outcomes) < 0.01);
    const r = recalibrationOf(forecasts, outcomes);
    assert.ok(r.intercept! > 0.2 && r.intercept! < 0.3, `intercept ${r.intercept}: the over happens more often than forecast`);
  });

  test("outcomes drawn from p^1.5: the root mean squared gap, and forecasts too high", () => {
    const truth = (p: number) => p ** 1.5;
    const { forecasts, outcomes } = overUnder(4, 100_000, truth, 0.1, 0.85);
    const gap = Math.sqrt(forecasts.reduce((s, [p]) => s + (p - truth(p)) ** 2, 0) / forecasts.length);
    near(debiasedCalibrationError(forecasts, outcomes), gap, 0.1 * gap, "debiased");
    const r = recalibrationOf(forecasts, outcomes);
    assert.ok(r.intercept! < -0.5, `intercept ${r.intercept}`);
    assert.ok(r.slope! > 1.1 && r.slope! < 1.25, `slope ${r.slope}`);
  });

  test("three-way forecasts: each selection binned apart, calibrated ones near 0, a shifted one not", () => {
    const rng = seededRandom(11, "three-way");
    const fair: number[][] = [], shifted: number[][] = [], outcomes: number[] = [];
    for (let i = 0; i < 50_000; i++) {
      const home = 0.25 + 0.4 * rng.unit(), draw = 0.1 + 0.1 * rng.unit(), away = 1 - home - draw;
      fair.push([home, draw, away]);
      shifted.push([home - 0.06, draw + 0.06, away]);
      const u = rng.unit();
      outcomes.push(u < home ? 0 : u < home + draw ? 1 : 2);
    }
    assert.ok(debiasedCalibrationError(fair, outcomes) < 0.004);
    // Two of the three selections miss by 0.06: sqrt(2/3) * 0.06.
    near(debiasedCalibrationError(shifted, outcomes), Math.sqrt(2 / 3) * 0.06, 0.005, "shifted");
  });
});

describe("logistic recalibration", () => {
  test("recovers a known slope and intercept within their standard errors", () => {
    const rng = seededRandom(5, "recalibration");
    const p: number[] = [], y: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const x = -2.5 + 5 * rng.unit();
      p.push(sigmoid(x));
      y.push(rng.unit() < sigmoid(0.3 + 0.7 * x) ? 1 : 0);
    }
    const r = logisticRecalibration(p, y);
    near(r.slope!, 0.7, 4 * r.slopeSE!, "slope");
    near(r.jointIntercept!, 0.3, 4 * r.jointInterceptSE!, "joint intercept");
    assert.ok(r.slopeSE! > 0.005 && r.slopeSE! < 0.03, `slope SE ${r.slopeSE}`);
  });

  test("recovers calibration in the large at b = 1", () => {
    const rng = seededRandom(6, "recalibration");
    const p: number[] = [], y: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const q = 0.1 + 0.8 * rng.unit();
      p.push(q);
      y.push(rng.unit() < sigmoid(logit(q) - 0.4) ? 1 : 0);
    }
    const r = logisticRecalibration(p, y);
    near(r.intercept, -0.4, 4 * r.interceptSE, "intercept");
    near(r.slope!, 1, 4 * r.slopeSE!, "slope");
  });

  test("its standard errors match the spread of the estimates over repeated samples", () => {
    const slopes: number[] = [], intercepts: number[] = [], slopeSEs: number[] = [], interceptSEs: number[] = [];
    for (let s = 0; s < 150; s++) {
      const rng = seededRandom(s, "recalibration-spread");
      const p: number[] = [], y: number[] = [];
      for (let i = 0; i < 1500; i++) {
        const q = 0.2 + 0.4 * rng.unit();
        p.push(q);
        y.push(rng.unit() < sigmoid(0.1 + 1.3 * logit(q)) ? 1 : 0);
      }
      const r = logisticRecalibration(p, y);
      slopes.push(r.slope!); slopeSEs.push(r.slopeSE!); intercepts.push(r.intercept); interceptSEs.push(r.interceptSE);
    }
    const sd = (xs: number[]) => { const m = xs.reduce((a, b) => a + b, 0) / xs.length; return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1)); };
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    near(avg(slopes), 1.3, 0.06, "mean slope");
    near(sd(slopes) / avg(slopeSEs), 1, 0.2, "slope SE against the slopes' spread");
    near(sd(intercepts) / avg(interceptSEs), 1, 0.2, "intercept SE against the intercepts' spread");
  });

  test("a constant forecast has no slope; its intercept is logit(share seen) - logit(forecast)", () => {
    const y = Array.from({ length: 400 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const r = logisticRecalibration(y.map(() => 0.4), y);
    assert.equal(r.slope, null);
    assert.equal(r.slopeSE, null);
    near(r.intercept, logit(0.25) - logit(0.4), 1e-6, "intercept");
    near(r.interceptSE, 1 / Math.sqrt(400 * 0.25 * 0.75), 1e-6, "intercept SE");
  });

  test("an over/under is fitted on its over alone: pooling the mirrored under would force the intercept to 0", () => {
    const { forecasts, outcomes } = overUnder(8, 5000, (p) => p + 0.08);
    const r = recalibrationOf(forecasts, outcomes);
    assert.equal(r.pairs, 5000);
    const pooled = logisticRecalibration(forecasts.flat(), outcomes.flatMap((o) => [o === 0 ? 1 : 0, o === 1 ? 1 : 0]));
    near(pooled.jointIntercept!, 0, 1e-6, "pooled joint intercept");
    assert.ok(r.intercept! > 3 * r.interceptSE!, `over's intercept ${r.intercept} (${r.interceptSE})`);
  });

  test("a three-way market pools its selections for the slope and has no intercept: 0 by construction", () => {
    const rng = seededRandom(12, "three-way-recalibration");
    const forecasts: number[][] = [], outcomes: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const home = 0.2 + 0.5 * rng.unit(), draw = 0.1, away = 1 - home - draw;
      forecasts.push([home, draw, away]);
      const u = rng.unit();
      outcomes.push(u < home ? 0 : u < home + draw ? 1 : 2);
    }
    const r = recalibrationOf(forecasts, outcomes);
    assert.equal(r.pairs, 9000);
    assert.equal(r.intercept, null);
    near(r.slope!, 1, 4 * r.slopeSE!, "slope");
    const pooled = logisticRecalibration(forecasts.flat(), outcomes.flatMap((o) => [0, 1, 2].map((k) => (o === k ? 1 : 0))));
    near(pooled.intercept, 0, 1e-6, "pooled intercept at b = 1");
  });
});

describe("paired bootstrap over matches", () => {
  const { forecasts: model, outcomes } = overUnder(9, 1500, (p) => p);
  const baseline = model.map(([p]) => [p + 0.1, 0.9 - p]);

  test("the same seed gives the same result; another seed, another", () => {
    const a = pairedBootstrap(model, baseline, outcomes, { resamples: 200, seed: 42 });
    const b = pairedBootstrap(model, baseline, outcomes, { resamples: 200, seed: 42 });
    const c = pairedBootstrap(model, baseline, outcomes, { resamples: 200, seed: 43 });
    assert.deepEqual(a, b);
    assert.notDeepEqual(a.calibrationDifference, c.calibrationDifference);
    assert.equal(a.resamples, 200);
    assert.equal(a.seed, 42);
  });

  test("a calibrated forecast against one 0.1 off wins nearly every resample, on both measures", () => {
    const r = pairedBootstrap(model, baseline, outcomes, { resamples: 300, seed: 1 });
    assert.ok(r.modelBetterCalibration > 0.97, `calibration ${r.modelBetterCalibration}`);
    assert.ok(r.modelBetterLogLoss > 0.97, `log-loss ${r.modelBetterLogLoss}`);
    assert.ok(r.calibrationDifference[1] < 0 && r.logLossDifference[1] < 0, JSON.stringify(r));
  });

  test("a forecast against itself ties every resample: shares of one half", () => {
    const r = pairedBootstrap(model, model, outcomes, { resamples: 50, seed: 1 });
    assert.equal(r.modelBetterCalibration, 0.5);
    assert.equal(r.modelBetterLogLoss, 0.5);
    assert.deepEqual(r.calibrationDifference, [0, 0]);
  });
});

describe("calibration within strata", () => {
  // Two seasons of 1,000 matches: the over happens in exactly 300 of the first and 500 of
  // the second (the rows interleaved, so a season is not a run of rows).
  const seasons: string[] = [], outcomes: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const season = i % 2 === 0 ? "a" : "b", k = Math.floor(i / 2);
    seasons.push(season);
    outcomes.push((season === "a" ? k < 300 : k < 500) ? 0 : 1);
  }
  const constant = outcomes.map(() => [0.4, 0.6]);
  const perSeason = seasons.map((s) => (s === "a" ? [0.3, 0.7] : [0.5, 0.5]));

  test("a constant 0.4 is calibrated pooled (400 overs in 2,000) and 0.1 off within each season: the hand-computed error", () => {
    assert.equal(debiasedCalibrationError(constant, outcomes), 0);
    // One bin a season, gap 0.1 for both selections, less f(1 - f)/(n - 1): 0.21/999 in the first, 0.25/999 in the second.
    const squared = 0.5 * (0.01 - 0.21 / 999) + 0.5 * (0.01 - 0.25 / 999);
    near(withinStrataCalibrationError(constant, outcomes, seasons), Math.sqrt(squared), 1e-12, "within seasons");
    assert.deepEqual(stratifiedSquaredErrors(stratifiedSelectionPairs(constant, outcomes, seasons)).map((e) => e.toFixed(12)), [squared, squared].map((e) => e.toFixed(12)));
  });

  test("each season's truth is calibrated within seasons (below noise: 0) and the strata weigh by their matches", () => {
    assert.equal(withinStrataCalibrationError(perSeason, outcomes, seasons), 0);
    // Three quarters of the matches in "a": its squared error weighs 3/4.
    const uneven = seasons.map((s, i) => (s === "b" && i % 4 === 1 ? "a" : s));
    const pairs = stratifiedSelectionPairs(constant, outcomes, uneven);
    assert.deepEqual(pairs.map((s) => s[0].forecast.length), [1500, 500]);
    const bySeason = pairs.map((s) => debiasedSquaredError(equalMassBins(s[0])));
    near(stratifiedSquaredErrors(pairs)[0], 0.75 * bySeason[0] + 0.25 * bySeason[1], 1e-15, "weighted by matches");
  });

  test("one stratum is the pooled error; match indices stay those of the whole list", () => {
    const { forecasts, outcomes: o } = overUnder(21, 500, (p) => p + 0.05);
    near(withinStrataCalibrationError(forecasts, o, o.map(() => "all")), debiasedCalibrationError(forecasts, o), 1e-15, "one stratum");
    const pairs = stratifiedSelectionPairs(constant, outcomes, seasons);
    assert.ok(pairs[1][0].match.every((m) => seasons[m] === "b"));
  });

  test("the stratified bootstrap resamples each season apart and compares within seasons", () => {
    const r = pairedBootstrap(perSeason, constant, outcomes, { resamples: 200, seed: 3, strata: seasons });
    assert.equal(r.modelBetterCalibration, 1);
    assert.equal(r.modelBetterLogLoss, 1);
    // Pooled, the constant is calibrated and the per-season forecast no better: a coin toss, not a sweep.
    const pooled = pairedBootstrap(perSeason, constant, outcomes, { resamples: 200, seed: 3 });
    assert.ok(pooled.modelBetterCalibration < 0.9, `pooled ${pooled.modelBetterCalibration}`);
    // Unstratified, the resamples are what they were before strata existed: the same seed, the same draws.
    assert.deepEqual(pairedBootstrap(perSeason, constant, outcomes, { resamples: 50, seed: 3, strata: seasons.map(() => 0) }), pairedBootstrap(perSeason, constant, outcomes, { resamples: 50, seed: 3 }));
  });
});

describe("consistency resampling", () => {
  test("its draws are the forecast's own: the null mean is the mean error of outcomes drawn selection by selection from the same stream, re-sorted each time", () => {
    const { forecasts, outcomes } = overUnder(31, 400, (p) => p);
    const three = forecasts.map(([p]) => [p * 0.6, 0.4 - p * 0.4, 0.6 - p * 0.2]);
    for (const f of [forecasts, three]) {
      const t = consistencyTest(f, outcomes, { resamples: 40, seed: 9 });
      const rng = seededRandom(9, "consistency");
      let total = 0, atLeast = 0;
      for (let r = 0; r < 40; r++) {
        const drawn = f.map((ps) => rng.weighted(ps));
        const e = debiasedCalibrationError(f, drawn);
        total += e;
        if (e >= t.error - 1e-12) atLeast++;
      }
      near(t.nullMean, total / 40, 1e-12, "null mean");
      near(t.pValue, (1 + atLeast) / 41, 1e-12, "p-value");
      assert.equal(t.error, debiasedCalibrationError(f, outcomes));
    }
  });

  test("a calibrated forecast passes about as often as chance says; one off by a constant 0.08 fails", () => {
    const pValues = Array.from({ length: 20 }, (_, k) => {
      const { forecasts, outcomes } = overUnder(100 + k, 600, (p) => p);
      return consistencyTest(forecasts, outcomes, { resamples: 200, seed: k }).pValue;
    });
    // Under the null at most uniform (an error clamped at 0 has p 1): of 20, below 0.1 about twice.
    assert.ok(pValues.filter((p) => p < 0.1).length <= 4, pValues.join(" "));
    assert.ok([...pValues].sort((a, b) => a - b)[10] > 0.2, pValues.join(" "));
    for (let k = 0; k < 5; k++) {
      const { forecasts, outcomes } = overUnder(200 + k, 1000, (p) => p + 0.08);
      assert.ok(consistencyTest(forecasts, outcomes, { resamples: 200, seed: k }).pValue < 0.01, `shifted ${k}`);
    }
  });

  test("within strata it finds a constant's season misses that cancel pooled; each season's truth passes both", () => {
    // Seasons of 1,000 matches, the over happening in exactly 300 and 500 of them.
    const seasons: string[] = [], outcomes: number[] = [];
    for (let i = 0; i < 2000; i++) {
      seasons.push(i < 1000 ? "a" : "b");
      outcomes.push(i % 1000 < (i < 1000 ? 300 : 500) ? 0 : 1);
    }
    const constant = outcomes.map(() => [0.4, 0.6]);
    const perSeason = seasons.map((s) => (s === "a" ? [0.3, 0.7] : [0.5, 0.5]));
    assert.equal(consistencyTest(constant, outcomes, { resamples: 200, seed: 1 }).pValue, 1);
    const within = consistencyTest(constant, outcomes, { resamples: 200, seed: 1, strata: seasons });
    assert.ok(within.error > 0.09 && within.pValue === 1 / 201, JSON.stringify(within));
    assert.equal(consistencyTest(perSeason, outcomes, { resamples: 200, seed: 1, strata: seasons }).pValue, 1);
  });

  test("a calibrated forecast's error is higher than a calibrated constant's more often than lower: the comparison leans to the flat forecast", () => {
    let lower = 0, higher = 0;
    for (let k = 0; k < 60; k++) {
      const { forecasts, outcomes } = overUnder(300 + k, 1000, (p) => p);
      const m = forecasts.reduce((s, [p]) => s + p, 0) / forecasts.length;
      const e = debiasedCalibrationError(forecasts, outcomes), c = debiasedCalibrationError(forecasts.map(() => [m, 1 - m]), outcomes);
      if (e < c) lower++;
      else if (e > c) higher++;
    }
    assert.ok(higher > lower, `higher ${higher}, lower ${lower}`);
  });
});

/** A counts backtest whose every scored group is the one market. */
const everyGroup = (market: ScoredMarket, summary: CountsSummary): CountsBacktest => ({
  walk: {}, scored: Object.fromEntries(SCORED_GROUPS.map(({ group }) => [group, [market]])),
  ...Object.fromEntries(SCORED_GROUPS.map(({ group }) => [group, summary])), skipped: { missingCounts: 0, beforeFrom: 0 },
}) as unknown as CountsBacktest;

describe("the counts report", () => {
  test("a constant baseline's slope is reported as undefined, not as a number", () => {
    const { forecasts, outcomes } = overUnder(13, 600, (p) => p);
    const market: ScoredMarket = { name: "total-cards@3.5 over/under", model: forecasts, baseline: forecasts.map(() => [0.45, 0.55]), outcome: outcomes };
    const summary = summarizeCounts([market]);
    const m = summary.markets[0];
    assert.equal(m.baseline.recalibration.slope, null);
    assert.ok(m.model.recalibration.slope !== null);
    assert.equal(m.bootstrap.resamples, 2000);
    const run = everyGroup(market, summary);
    const row = countsReport(run).markdown.split("\n").find((l) => l.startsWith("| total-cards@3.5"))!;
    const cells = row.split("|").map((c) => c.trim());
    assert.match(cells[9], /^-?\d+\.\d\d \(\d+\.\d\d\); —$/, row);
    assert.match(cells[8], /^-?\d+\.\d\d \(\d+\.\d\d\); -?\d+\.\d\d \(\d+\.\d\d\)$/, row);
  });

  test("season by season: a baseline whose seasons' errors cancel is calibrated pooled and not within each season", () => {
    // Two seasons of 3,000 matches: the truth is 0.25 in the first and 0.35 in the second. The
    // model forecasts each season's truth; the baseline forecasts 0.30 in both.
    const rng = seededRandom(7, "season-calibration");
    const market: ScoredMarket = { name: "total-cards@4.5 over/under", model: [], baseline: [], outcome: [] };
    const seasons: string[] = [];
    for (const [season, truth] of [["E0_2021", 0.25], ["E0_2122", 0.35]] as const) {
      for (let i = 0; i < 3000; i++) {
        market.model.push([truth, 1 - truth]);
        market.baseline.push([0.3, 0.7]);
        market.outcome.push(rng.unit() < truth ? 0 : 1);
        seasons.push(season);
      }
    }
    const summary = summarizeCounts([market], seasons);
    const pooled = summary.markets[0];
    assert.ok(pooled.baseline.debiasedCalibrationError < 0.02, `pooled baseline ${pooled.baseline.debiasedCalibrationError}`);
    assert.deepEqual(summary.bySeason?.map((s) => [s.season, s.matches]), [["E0_2021", 3000], ["E0_2122", 3000]]);
    for (const season of summary.bySeason!) {
      const m = season.markets[0];
      assert.equal(m.market, "total-cards@4.5 over/under");
      near(m.baseline.ece, 0.05, 0.025, `${season.season} baseline ECE`);
      assert.ok(m.model.debiasedCalibrationError < m.baseline.debiasedCalibrationError, `${season.season}: ${m.model.debiasedCalibrationError} v ${m.baseline.debiasedCalibrationError}`);
      assert.ok(m.model.logLoss < m.baseline.logLoss, season.season);
    }
    // Each season's metrics are the pooled metrics of its own rows.
    const first = summarizeCounts([{ ...market, model: market.model.slice(0, 3000), baseline: market.baseline.slice(0, 3000), outcome: market.outcome.slice(0, 3000) }]);
    assert.deepEqual(summary.bySeason![0].markets[0].model, first.markets[0].model);
    const run = everyGroup(market, summary);
    const markdown = countsReport(run).markdown;
    assert.match(markdown, /below the baseline's in 2 of 2 \(season, market\) pairs/);
    // Within seasons the baseline's 0.05 miss counts; pooled it cancels.
    const within = summary.markets[0].withinSeason!;
    assert.equal(within.seasons, 2);
    near(within.baseline, 0.05, 0.01, "baseline within seasons");
    assert.ok(within.model < 0.01 && within.bootstrap.modelBetterCalibration > 0.97, JSON.stringify(within));
    assert.match(markdown, /\| total-cards@4\.5 over\/under \| 0\.0\d{3} \| 0\.0[45]\d\d \| \d+\.\d% \|/);
    // Every group of this run is the one market: each section lists its two seasons.
    assert.equal(markdown.split("\n").filter((l) => l.startsWith("| total-cards@4.5 over/under | E0_")).length, 2 * SCORED_GROUPS.length);
  });
});
