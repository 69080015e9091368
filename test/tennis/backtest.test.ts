import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  calibratedPrice, expectedCalibrationError, favouriteLongshotSlope, MIN_SLOPE_MATCHES, parseTennisData, PRICE_SLOPE_TOURS, runTennisBacktest, summarizeTennisRun, type TennisSeason,
} from "@pricing/core/sports/tennis/index";

const season = (label: string): TennisSeason => ({ ...parseTennisData(readFileSync(new URL(`../../data/tennis-data/${label}.csv`, import.meta.url), "utf8")), label });

describe("tennis walk-forward backtest", () => {
  test("WTA 2020 from July: every source on the same matches, retirements and walkovers counted apart", () => {
    const run = runTennisBacktest([season("WTA_2020")], "2020-07-01");
    const s = summarizeTennisRun(run);
    assert.ok(s.matches > 300, `${s.matches}`);
    assert.equal(s.tours.WTA.matches, s.matches);
    assert.ok(s.badRows.retired > 0 && s.badRows.walkover > 0);
    for (const r of run.records) {
      assert.ok(r.pinnacle >= 0.5, "A is Pinnacle's favourite");
      assert.equal(r.setBetting.reduce((t, f) => t + f.y, 0), 1);
      const total = r.setBetting.reduce((t, f) => t + f.p, 0);
      assert.ok(Math.abs(total - 1) < 1e-9);
    }
    for (const m of [s.markets.setBetting, s.markets.totalGames, s.markets.tiebreak]) {
      assert.ok(Number.isFinite(m.logLoss) && Number.isFinite(m.baselineLogLoss) && m.ece >= 0);
    }
    assert.ok(s.inplay.afterFirstSet.logLoss < s.inplay.afterFirstSet.prematchLogLoss);
  });
  test("calibration error: zero for forecasts equal to the frequencies, the gap otherwise", () => {
    const fair = [0.25, 0.25, 0.25, 0.25].map((p, i) => ({ p, y: i === 0 ? 1 : 0, baseline: 0.5 }));
    assert.equal(expectedCalibrationError(fair), 0);
    assert.ok(Math.abs(expectedCalibrationError([{ p: 0.9, y: 0, baseline: 0.5 }]) - 0.9) < 1e-12);
  });
  test("favourite-longshot slope: recovered from outcomes drawn at a known slope, 1 without enough history", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const logits: number[] = [], won: number[] = [];
    for (let i = 0; i < 20000; i++) {
      const x = 2.5 * random();
      logits.push(x);
      won.push(random() < calibratedPrice(1 / (1 + Math.exp(-x)), 1.2) ? 1 : 0);
    }
    assert.ok(Math.abs(favouriteLongshotSlope(logits, won) - 1.2) < 0.05, `${favouriteLongshotSlope(logits, won)}`);
    assert.equal(favouriteLongshotSlope(logits.slice(0, MIN_SLOPE_MATCHES - 1), won.slice(0, MIN_SLOPE_MATCHES - 1)), 1);
    assert.equal(calibratedPrice(0.7, 1), 0.7);
    assert.ok(calibratedPrice(0.7, 1.1) > 0.7 && calibratedPrice(0.3, 1.1) < 0.3);
  });
  test("WTA derived markets are priced through the slope fitted on the earlier season: favourites priced above Pinnacle's de-margined odds", () => {
    assert.equal(PRICE_SLOPE_TOURS.WTA, true);
    assert.equal(PRICE_SLOPE_TOURS.ATP, false);
    const seasons = [season("WTA_2019"), season("WTA_2020")];
    const plain = runTennisBacktest(seasons, "2020-10-01", { calibrate: false });
    const calibrated = runTennisBacktest(seasons, "2020-10-01");
    assert.equal(plain.records.length, calibrated.records.length);
    const gap = (r: (typeof plain.records)[number]) => r.afterFirstSet ? r.afterFirstSet.prematch - r.pinnacle : 0;
    assert.ok(plain.records.every((r) => Math.abs(gap(r)) < 2e-3));
    const strong = calibrated.records.filter((r) => r.pinnacle > 0.7 && r.afterFirstSet);
    assert.ok(strong.length > 20 && strong.every((r) => gap(r) > 0.005), `${strong.length}`);
    // The pre-match match-winner benchmark stays Pinnacle's de-margined price.
    assert.deepEqual(calibrated.records.map((r) => r.pinnacle), plain.records.map((r) => r.pinnacle));
  });
});
