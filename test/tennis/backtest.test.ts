import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  expectedCalibrationError, parseTennisData, runTennisBacktest, summarizeTennisRun, type TennisSeason,
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
});
