import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseFootballData, type FootballDataMatch } from "@pricing/core/sports/football/models/csv";
import { runBacktest, type MatchRecord, type SeasonInput } from "@pricing/core/sports/football/backtest/run";
import { matchDays, walkForward } from "@pricing/core/sports/football/backtest/walk-forward";
import { DEFAULT_PARAMS } from "@pricing/core/sports/football/backtest/params";

function season(name: string): SeasonInput {
  const parsed = parseFootballData(readFileSync(new URL(`../../data/football-data/${name}.csv`, import.meta.url), "utf8"));
  return { label: name, matches: parsed.matches, rejects: parsed.rejects, columns: parsed.columns };
}

const E0_1920 = season("E0_1920"), E0_2021 = season("E0_2021");

/** The same seasons with every result from `day` on changed: home and away goals swapped, plus one home goal. */
function perturbFrom(seasons: SeasonInput[], day: string): SeasonInput[] {
  const change = (m: FootballDataMatch): FootballDataMatch =>
    m.date < day ? m : { ...m, homeGoals: m.awayGoals + 1, awayGoals: m.homeGoals };
  return seasons.map((s) => ({ ...s, matches: s.matches.map(change) }));
}

const key = (r: MatchRecord) => `${r.season}:${r.line}`;

describe("walk forward: no match's own or later results reach its price", () => {
  const from = "2020-11-01", cut = "2020-12-16";
  const original = runBacktest([E0_1920, E0_2021], { from });
  const perturbed = runBacktest(perturbFrom([E0_1920, E0_2021], cut), { from });

  test("every match before the cut and on its day is priced exactly as before", () => {
    const before = new Map(perturbed.records.map((r) => [key(r), r]));
    const checked = original.records.filter((r) => r.date <= cut);
    assert.ok(checked.length > 40, `only ${checked.length} matches up to the cut`);
    assert.ok(checked.some((r) => r.date === cut), "no match on the cut day itself");
    for (const r of checked) {
      const p = before.get(key(r))!;
      assert.deepEqual(p.expectedGoals, r.expectedGoals, `${r.date} ${r.homeTeam} v ${r.awayTeam}`);
      assert.deepEqual(p.forecasts, r.forecasts, `${r.date} ${r.homeTeam} v ${r.awayTeam}`);
    }
  });

  test("later matches do change, so the comparison can fail", () => {
    const before = new Map(perturbed.records.map((r) => [key(r), r]));
    const later = original.records.filter((r) => r.date > cut);
    const changed = later.filter((r) => before.get(key(r))!.expectedGoals.ratings.homeXg !== r.expectedGoals.ratings.homeXg);
    assert.ok(changed.length > 0.9 * later.length, `${changed.length} of ${later.length} changed`);
  });
});

describe("walk forward: fits and history", () => {
  test("each day's ratings are fitted on exactly the earlier matches in the window", () => {
    const matches = [...E0_1920.matches, ...E0_2021.matches];
    const params = { ...DEFAULT_PARAMS.walkForward, windowDays: 200 };
    let days = 0;
    for (const day of walkForward(matches, params, "2021-03-01")) {
      const windowStart = new Date(Date.parse(`${day.date}T00:00:00Z`) - 200 * 86_400_000).toISOString().slice(0, 10);
      const expected = matches.filter((m) => m.date < day.date && m.date >= windowStart).length;
      assert.equal(day.ratings!.matches, expected, day.date);
      assert.equal(day.ratings!.referenceDate, day.date);
      if (++days === 5) break;
    }
    assert.equal(days, 5);
  });

  test("match days are calendar dates in order, every match in one", () => {
    const days = matchDays(E0_2021.matches);
    assert.deepEqual(days.map((d) => d.date), [...new Set(E0_2021.matches.map((m) => m.date))].sort());
    assert.equal(days.reduce((n, d) => n + d.matches.length, 0), E0_2021.matches.length);
  });

  test("with no earlier file, a season's first matches are history only", () => {
    const run = runBacktest([E0_2021]);
    const first = new Set(run.records.map((r) => r.date));
    assert.ok(run.insufficientHistory >= 10 * 10, `${run.insufficientHistory} skipped`);
    assert.ok(!first.has(E0_2021.matches[0].date), "the opening day was priced");
    assert.equal(run.records.length + run.insufficientHistory + run.badRows.filter((b) => b.code === "backtest.missing_1x2_odds").length, E0_2021.matches.length);
  });

  test("--from leaves earlier matches as history and counts them", () => {
    const run = runBacktest([E0_1920, E0_2021], { from: "2021-05-01" });
    assert.ok(run.records.every((r) => r.date >= "2021-05-01"));
    assert.equal(run.beforeFrom, E0_1920.matches.length + E0_2021.matches.filter((m) => m.date < "2021-05-01").length);
  });
});
