import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseFootballData, type FootballDataMatch } from "@pricing/core/sports/football/models/csv";
import { runBacktest, type MatchRecord, type SeasonInput } from "@pricing/core/sports/football/backtest/run";
import { summarizeRun } from "@pricing/core/sports/football/backtest/summary";
import { backtestReport } from "@pricing/core/sports/football/backtest/report";
import { DEFAULT_PARAMS } from "@pricing/core/sports/football/backtest/params";

function season(name: string, transform: (csv: string) => string = (csv) => csv): SeasonInput {
  const parsed = parseFootballData(transform(readFileSync(new URL(`../../data/football-data/${name}.csv`, import.meta.url), "latin1")));
  return { label: name, matches: parsed.matches, rejects: parsed.rejects, columns: parsed.columns };
}

const ODDS = /^(PS|B365|Avg|Max|BbAv|BbMx|BW|IW|WH|VC|LB)C?[HDA]$/;

/** Every odds column and shot count of a match changed: the home side made a big favourite, the shots doubled. */
function perturbOwn(m: FootballDataMatch): FootballDataMatch {
  const values = { ...m.values };
  for (const key of Object.keys(values)) {
    if (ODDS.test(key)) values[key] = key.endsWith("H") ? 1.2 : key.endsWith("D") ? 7 : 15;
    if (["HS", "AS", "HST", "AST"].includes(key)) values[key] *= 2;
  }
  return { ...m, values };
}

const key = (r: MatchRecord) => `${r.season}:${r.line}`;

describe("walk forward with shots and odds: no match's own odds or later matches reach its ratings", () => {
  const seasons = [season("E0_1920"), season("E0_2021")];
  const from = "2020-11-01", cut = "2020-12-16";
  /** From the cut on: own odds and shots changed, and results swapped plus a home goal. */
  const perturbed = seasons.map((s) => ({
    ...s,
    matches: s.matches.map((m) => (m.date < cut ? m : { ...perturbOwn(m), homeGoals: m.awayGoals + 1, awayGoals: m.homeGoals })),
  }));
  const original = runBacktest(seasons, { from });
  const changed = runBacktest(perturbed, { from });
  const byKey = new Map(changed.records.map((r) => [key(r), r]));

  test("the default ratings use shots and odds", () => {
    const e = DEFAULT_PARAMS.walkForward.evidence!;
    assert.ok(e.shots.weight > 0 && e.market.weight > 0);
  });

  test("every match up to and on the cut day has the same ratings forecast, though its own odds changed", () => {
    const checked = original.records.filter((r) => r.date <= cut);
    const onCut = checked.filter((r) => r.date === cut);
    assert.ok(checked.length > 40 && onCut.length > 0, `${checked.length} checked, ${onCut.length} on the cut day`);
    for (const r of checked) {
      const p = byKey.get(key(r))!;
      assert.deepEqual(p.expectedGoals.ratings, r.expectedGoals.ratings, `${r.date} ${r.homeTeam} v ${r.awayTeam}`);
      assert.deepEqual(p.forecasts.ratings, r.forecasts.ratings, `${r.date} ${r.homeTeam} v ${r.awayTeam}`);
    }
    for (const r of onCut) assert.notDeepEqual(byKey.get(key(r))!.forecasts.pinnacle, r.forecasts.pinnacle, "the own odds were changed");
  });

  test("later matches do change, so the comparison can fail", () => {
    const later = original.records.filter((r) => r.date > cut);
    const moved = later.filter((r) => byKey.get(key(r))!.expectedGoals.ratings.homeXg !== r.expectedGoals.ratings.homeXg);
    assert.ok(moved.length > 0.9 * later.length, `${moved.length} of ${later.length} changed`);
  });
});

describe("files without shot columns, and several leagues at once", () => {
  const dropShots = (csv: string) => csv.replace(/^(.*)$/m, (header) => header.replace(/\bHST\b/, "HSTx").replace(/\bAS\b/, "ASx"));
  const run = runBacktest([season("E1_1920", dropShots), season("D1_1819")], { from: "2018-07-01" });
  const s = summarizeRun(run);

  test("every row without shots is counted by reason, and the matches are still priced", () => {
    const e1 = season("E1_1920");
    assert.equal(s.skipped.byReason["shots/evidence.missing_shots"], e1.matches.length);
    assert.ok(run.badRows.some((b) => b.season === "E1_1920" && /HST/.test(b.reason) && /AS\b/.test(b.reason)));
    assert.ok(run.records.filter((r) => r.season === "E1_1920").length > 400);
  });

  test("each league is rated on its own and reported per league and season", () => {
    assert.deepEqual(s.leagues.map((l) => l.league), ["E1", "D1"]);
    assert.deepEqual(s.seasons.map((x) => `${x.league} ${x.season}`), ["E1 E1_1920", "D1 D1_1819"]);
    for (const x of [...s.seasons, ...s.leagues]) {
      assert.ok(x.matches > 200 && Number.isFinite(x.ratings.logLoss) && Number.isFinite(x.pinnacle.logLoss));
      assert.ok(Math.abs(x.gap - (x.ratings.logLoss / x.pinnacle.logLoss - 1)) < 1e-12);
    }
    assert.equal(s.leagues.reduce((n, l) => n + l.matches, 0), s.matches);
    const md = backtestReport(run, ["E1_1920.csv", "D1_1819.csv"]).find((f) => f.name === "report.md")!.text;
    assert.match(md, /\| E1 \| E1_1920 \| \d+ \| \d\.\d{4} \| \d\.\d{4} \| [+-]\d+\.\d{2}% \|/);
    assert.match(md, /\| D1 \| all \| \d+ \|/);
  });

  test("a league's warm-up: no team is priced before its tenth match", () => {
    const played = new Map<string, number>();
    const priced = new Set(run.records.map(key));
    for (const r of [...season("D1_1819").matches].sort((a, b) => a.date.localeCompare(b.date))) {
      const before = Math.min(played.get(r.homeTeam) ?? 0, played.get(r.awayTeam) ?? 0);
      if (before < DEFAULT_PARAMS.walkForward.minTeamMatches) assert.ok(!priced.has(`D1_1819:${r.line}`), `${r.date} ${r.homeTeam} priced after ${before}`);
      for (const t of [r.homeTeam, r.awayTeam]) played.set(t, (played.get(t) ?? 0) + 1);
    }
  });
});
