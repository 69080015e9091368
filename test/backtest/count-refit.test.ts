import { describe, expect, test } from "vitest";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseFootballData, type FootballDataMatch } from "@pricing/core/sports/football/models/csv";
import { walkCounts, type CountSeason } from "@pricing/core/sports/football/backtest/counts";
import { fitWeightedSize } from "@pricing/core/sports/football/models/count-dispersion";
import { COUNT_FORECAST_PARAMS } from "@pricing/core/sports/football/models/count-forecast";
import { fitNegativeBinomial } from "@pricing/core/sports/football/models/counts";

function season(name: string, change: (m: FootballDataMatch) => FootballDataMatch = (m) => m): CountSeason {
  const parsed = parseFootballData(readFileSync(new URL(`../../data/football-data/${name}.csv`, import.meta.url), "latin1"));
  return { label: name, matches: parsed.matches.map(change) };
}

/** A match's corners and cards changed beyond recognition (its referee, known before kick-off, kept). */
function scramble(m: FootballDataMatch): FootballDataMatch {
  const v = m.values;
  return { ...m, values: { ...v, HC: v.HC + 9, AC: 0, HY: 7, AY: v.AY + 4, HR: 2, AR: 1 } };
}

// The refit's size needs COUNT_FORECAST_PARAMS.dispersion.minMatches earlier matches: two seasons before the cut.
const FILES = ["E0_1819", "E0_1920", "E0_2021"];
const CUT = "2020-01-01";

describe("corners and cards: the walk-forward refit reads earlier matches only", () => {
  const plain = walkCounts(FILES.map((f) => season(f)), { from: CUT });
  const scrambled = walkCounts(FILES.map((f) => season(f, (m) => (m.date >= CUT ? scramble(m) : m))), { from: CUT });

  test("the first day's forecasts (means, league, referees and sizes) do not change when that day's and every later match's counts change", () => {
    const first = plain.records.filter((r) => r.date === plain.records[0].date);
    assert.ok(first.length > 0);
    first.forEach((r, i) => assert.deepEqual(scrambled.records[i].expected, r.expected));
    // The refit is live: the sizes there come from the fit, not the prior.
    expect(plain.history.length).toBeGreaterThanOrEqual(COUNT_FORECAST_PARAMS.dispersion.minMatches);
  });

  test("a later day's forecasts do change: they have seen the changed matches", () => {
    const i = plain.records.findIndex((r) => r.date > plain.records[0].date);
    assert.notDeepEqual(scrambled.records[i].expected, plain.records[i].expected);
    const last = plain.records.length - 1;
    assert.notEqual(scrambled.records[last].expected.totalSize.corners, plain.records[last].expected.totalSize.corners);
  });

  test("a forecast on a date equals one walked over the matches before it alone", () => {
    const date = plain.records[Math.floor(plain.records.length / 2)].date;
    const cut = walkCounts(FILES.map((f) => ({ ...season(f), matches: season(f).matches.filter((m) => m.date <= date) })), { from: CUT });
    const at = (w: typeof plain) => w.records.filter((r) => r.date === date).map((r) => r.expected);
    assert.deepEqual(at(cut), at(plain));
  });
});

describe("the weighted size fit", () => {
  test("with equal weights it is the maximum-likelihood size of fitNegativeBinomial", () => {
    const y = [3, 9, 12, 7, 10, 14, 8, 11, 6, 13, 9, 10, 15, 4, 12];
    const mu = y.map((_, i) => 8 + (i % 5));
    const weighted = fitWeightedSize(y, mu, y.map(() => 2.5));
    expect(Math.log(weighted)).toBeCloseTo(Math.log(fitNegativeBinomial(y, mu).size), 4);
  });

  test("weights move the fit toward the weighted matches", () => {
    // Early counts spread wide about their means, late ones close to them: weighting the late ones raises the size.
    const y = [2, 18, 3, 17, 10, 11, 9, 10, 11, 10], mu = y.map(() => 10);
    const early = fitWeightedSize(y, mu, [1, 1, 1, 1, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01]);
    const late = fitWeightedSize(y, mu, [0.01, 0.01, 0.01, 0.01, 1, 1, 1, 1, 1, 1]);
    expect(late).toBeGreaterThan(10 * early);
  });
});
