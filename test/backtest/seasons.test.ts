import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { readFileSync, mkdtempSync, readdirSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseFootballData } from "@pricing/core/sports/football/models/csv";
import { runBacktest, type SeasonInput } from "@pricing/core/sports/football/backtest/run";
import { summarizeRun } from "@pricing/core/sports/football/backtest/summary";
import { calibration } from "@pricing/core/sports/football/backtest/metrics";
import { marketExpectedGoals } from "@pricing/core/sports/football/backtest/market";
import { modelForecast } from "@pricing/core/sports/football/backtest/prices";
import { backtestReport } from "@pricing/core/sports/football/backtest/report";

const dataFile = (name: string) => fileURLToPath(new URL(`../../data/football-data/${name}.csv`, import.meta.url));
function season(name: string): SeasonInput {
  const parsed = parseFootballData(readFileSync(dataFile(name), "utf8"));
  return { label: name, matches: parsed.matches, rejects: parsed.rejects, columns: parsed.columns };
}

describe("backtest on three real EPL seasons (2019/20 to 2021/22)", () => {
  const run = runBacktest(["E0_1920", "E0_2021", "E0_2122"].map(season));
  const s = summarizeRun(run);
  const withTotals = run.records.filter((r) => r.forecasts.pinnacle.over25 !== null);

  test("prices over a thousand matches, every source on the same ones", () => {
    assert.ok(s.matches > 1000, `${s.matches} matches`);
    assert.equal(s.skipped.badRows, run.badRows.length);
    assert.ok(s.market.ou25!.matches > 0.99 * s.matches && s.market.ah!.matches > 0.99 * s.matches);
  });

  test("market mode reproduces Pinnacle's de-margined 1X2 on every match", () => {
    for (const r of run.records) {
      r.forecasts.market.matchResult.forEach((p, i) => assert.ok(Math.abs(p - r.forecasts.pinnacle.matchResult[i]) < 1e-6, `${r.date} ${r.homeTeam}`));
    }
  });

  test("Pinnacle's closing 1X2 is calibrated: observed frequency within 5 points in every well-filled bin", () => {
    for (const bin of calibration(run.records, "pinnacle").filter((b) => b.count >= 200)) {
      assert.ok(Math.abs(bin.observedFrequency - bin.meanForecast) < 0.05, JSON.stringify(bin));
    }
  });

  test("the ratings beat the uniform forecast and come within 5% of Pinnacle's log-loss", () => {
    assert.ok(s.ratings["1x2"].logLoss < Math.log(3));
    assert.ok(s.ratings["1x2"].logLoss < 1.05 * s.pinnacle["1x2"].logLoss, `${s.ratings["1x2"].logLoss} v ${s.pinnacle["1x2"].logLoss}`);
    assert.ok(s.ratings["1x2"].logLoss > s.pinnacle["1x2"].logLoss, "the closing line is the sharper forecast");
  });

  test("the tuned inversion puts over/under 2.5 nearer Pinnacle than rho fixed at -0.13", () => {
    const fixed = withTotals.map((r) => {
      const xg = marketExpectedGoals(r.forecasts.pinnacle.matchResult, { rho: -0.13, rhoPerGap: 0 });
      return Math.abs(modelForecast(xg, true, null).over25! - r.forecasts.pinnacle.over25!);
    });
    const fixedMae = fixed.reduce((a, b) => a + b, 0) / fixed.length;
    assert.ok(fixedMae > 0.04, `rho -0.13 gives ${fixedMae}: the known bias of too many goals`);
    assert.ok(s.market.ou25!.maeVsPinnacle < fixedMae / 2, `${s.market.ou25!.maeVsPinnacle} v ${fixedMae}`);
  });

  test("the market-mode Asian handicap is within 1 point of Pinnacle's on average", () => {
    assert.ok(s.market.ah!.maeVsPinnacle < 0.01, String(s.market.ah!.maeVsPinnacle));
  });

  test("at half time the in-play model beats both the pre-match price and the 55.4% baseline", () => {
    const ht = s.inplay!;
    assert.ok(ht.matches > 1000);
    assert.ok(ht["1x2"].logLoss < ht.prematchLogLoss);
    assert.ok(ht["1x2"].logLoss < ht.baselineLogLoss, `${ht["1x2"].logLoss} v ${ht.baselineLogLoss}`);
  });

  test("the report has the tables and well-formed SVG plots", () => {
    const files = backtestReport(run, ["E0_1920.csv", "E0_2021.csv", "E0_2122.csv"]);
    const md = files.find((f) => f.name === "report.md")!.text;
    for (const season of ["E0_1920", "E0_2021", "E0_2122"]) assert.match(md, new RegExp(`\\| ${season} \\| \\d+ \\|`));
    const svgs = files.filter((f) => f.name.endsWith(".svg"));
    assert.equal(svgs.length, 4);
    for (const svg of svgs) {
      assert.match(svg.text, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^]*<\/svg>\n$/);
      assert.ok(!/NaN|undefined/.test(svg.text), `${svg.name} has NaN`);
      assert.match(md, new RegExp(svg.name.replace(".", "\\.")));
    }
  });
});

describe("pricing backtest (CLI)", () => {
  test("--json prints the issue's shape; --report writes the report", () => {
    const dir = mkdtempSync(join(tmpdir(), "backtest-"));
    const main = fileURLToPath(new URL("../../packages/cli/src/main.ts", import.meta.url));
    const out = execFileSync(process.execPath, ["--import", "tsx", main, "backtest", dataFile("E0_2021"), dataFile("E0_2122"), "--from", "2022-03-01", "--json", "--report", dir], { encoding: "utf8" });
    const json = JSON.parse(out);
    assert.ok(json.matches > 50);
    for (const source of ["ratings", "market", "pinnacle"]) {
      assert.deepEqual(Object.keys(json[source]["1x2"]).sort(), ["brier", "logLoss", "rps"]);
      for (const market of ["ou25", "ah"]) {
        assert.ok(Number.isFinite(json[source][market].logLoss) && Number.isFinite(json[source][market].maeVsPinnacle));
      }
    }
    assert.ok(Number.isFinite(json.inplay["1x2"].logLoss) && Number.isFinite(json.inplay.prematchLogLoss));
    for (const group of ["corners", "cards", "bookingPoints", "teamTotals", "cornerHandicaps"]) {
      assert.ok(json[group].matches > 50 && json[group].markets.every((m: { model: { logLoss: number; ece: number } }) => Number.isFinite(m.model.logLoss) && Number.isFinite(m.model.ece)), group);
      for (const m of json[group].markets) {
        for (const source of [m.model, m.baseline]) assert.ok(source.debiasedCalibrationError >= 0 && Number.isFinite(source.recalibration.slopeSE ?? 0), m.market);
        assert.ok(m.bootstrap.modelBetterCalibration >= 0 && m.bootstrap.modelBetterCalibration <= 1 && m.bootstrap.resamples === 2000, m.market);
        // One season scored (from March 2022): within it is the pooled error.
        assert.ok(m.withinSeason.seasons === 1 && Math.abs(m.withinSeason.model - m.model.debiasedCalibrationError) < 1e-12 && Math.abs(m.withinSeason.baseline - m.baseline.debiasedCalibrationError) < 1e-12, m.market);
        // Each forecast's consistency test: its own error, a p-value of 1001 draws; with one season the same draws within it.
        for (const side of ["model", "baseline"] as const) {
          const t = m.consistency[side];
          assert.ok(Math.abs(t.error - m[side].debiasedCalibrationError) < 1e-12 && t.pValue > 0 && t.pValue <= 1 && t.resamples === 1000 && Math.abs(t.pValue * 1001 - Math.round(t.pValue * 1001)) < 1e-9, m.market);
          assert.equal(m.withinSeason.consistency[side].pValue, t.pValue, m.market);
        }
      }
    }
    assert.deepEqual(readdirSync(dir).sort(), ["booking-points-reliability.svg", "calibration.svg", "cards-reliability.svg", "corner-handicaps-reliability.svg", "corners-reliability.svg", "report.md", "team-totals-reliability.svg", "vs-pinnacle-1x2.svg", "vs-pinnacle-ah.svg", "vs-pinnacle-ou25.svg"]);
    assert.match(readFileSync(join(dir, "report.md"), "utf8"), /## Corners and cards[^]*equal-mass bins[^]*baseline debiased CE[^]*consistency resampling[^]*### Booking points[^]*booking-points@40\.5 over\/under[^]*### Team totals[^]*team-cards-away@1\.5 over\/under[^]*### Corner handicaps[^]*corner-handicap@-1\.5 home\/away[^]*corners-reliability\.svg/);
  });

  test("a bad --from is an input error with its code", () => {
    const main = fileURLToPath(new URL("../../packages/cli/src/main.ts", import.meta.url));
    assert.throws(
      () => execFileSync(process.execPath, ["--import", "tsx", main, "backtest", dataFile("E0_2122"), "--from", "soon"], { encoding: "utf8", stdio: "pipe" }),
      (e: { status?: number; stderr?: string }) => e.status === 2 && /backtest\.invalid_option/.test(e.stderr ?? ""),
    );
  });
});
