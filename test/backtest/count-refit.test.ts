import { seededRandom } from "@pricing/core/math/random";
import { poisson } from "../support/draws";
import { describe, expect, test } from "vitest";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseFootballData, type FootballDataMatch } from "@pricing/core/sports/football/models/csv";
import { walkCounts, type CountSeason } from "@pricing/core/sports/football/backtest/counts";
import { fitWeightedSize } from "@pricing/core/sports/football/models/count-dispersion";
import { fitMeanCalibration } from "@pricing/core/sports/football/models/count-calibration";
import { fitPriorCards } from "@pricing/core/sports/football/models/referee-ratings";
import { COUNT_FORECAST_PARAMS } from "@pricing/core/sports/football/models/count-forecast";
import { fitNegativeBinomial } from "@pricing/core/sports/football/models/counts";

/** A seeded unit source: the same draws on every run. */
const uniforms = (seed: number) => seededRandom(seed, "count-refit").unit;

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
    // The league's red-card rate is refitted too (the scrambled matches have three red cards each).
    expect(scrambled.records[last].expected.redCards!.home).toBeGreaterThan(plain.records[last].expected.redCards!.home);
  });

  test("a forecast on a date equals one walked over the matches before it alone", () => {
    const date = plain.records[Math.floor(plain.records.length / 2)].date;
    const cut = walkCounts(FILES.map((f) => ({ ...season(f), matches: season(f).matches.filter((m) => m.date <= date) })), { from: CUT });
    const at = (w: typeof plain) => w.records.filter((r) => r.date === date).map((r) => r.expected);
    assert.deepEqual(at(cut), at(plain));
  });
});

describe("corners and cards: the optional refits (card mean recalibration, referee prior by empirical Bayes) read earlier matches only", () => {
  const forecast = {
    ...COUNT_FORECAST_PARAMS,
    referee: { ...COUNT_FORECAST_PARAMS.referee, empiricalBayes: { minReferees: 10 } },
    cardCalibration: { halfLifeDays: 730, minMatches: 380 },
  };
  const plain = walkCounts(FILES.map((f) => season(f)), { from: CUT, forecast });
  const scrambled = walkCounts(FILES.map((f) => season(f, (m) => (m.date >= CUT ? scramble(m) : m))), { from: CUT, forecast });

  test("the first day's forecasts do not change when that day's and later counts change; a later day's do", () => {
    const first = plain.records.filter((r) => r.date === plain.records[0].date);
    first.forEach((r, i) => assert.deepEqual(scrambled.records[i].expected, r.expected));
    const i = plain.records.findIndex((r) => r.date > plain.records[0].date);
    assert.notDeepEqual(scrambled.records[i].expected.yellowCards, plain.records[i].expected.yellowCards);
  });

  test("the recalibration is live: it moves the card means off the uncalibrated forecast", () => {
    const uncalibrated = walkCounts(FILES.map((f) => season(f)), { from: CUT, forecast: { ...forecast, cardCalibration: undefined } });
    const r = plain.records[0], u = uncalibrated.records[0];
    expect(r.expected.corners).toEqual(u.expected.corners);
    expect(r.expected.yellowCards.home).not.toBeCloseTo(u.expected.yellowCards.home, 6);
    // The split between the sides is kept: the total alone is recalibrated.
    expect(r.expected.yellowCards.home / r.expected.yellowCards.away).toBeCloseTo(u.expected.yellowCards.home / u.expected.yellowCards.away, 12);
  });
});

describe("the card mean's log-linear recalibration", () => {
  test("recovers a known intercept and slope from counts drawn around recalibrated means", () => {
    const u = uniforms(7);
    const n = 20_000, a = 0.08, b = 1.4;
    const league = Array.from({ length: n }, (_, i) => 3 + (i % 3) * 0.2);
    const means = league.map((l) => l * Math.exp(0.6 * (u() - 0.5)));
    const y = means.map((m, i) => poisson(league[i] * Math.exp(a + b * Math.log(m / league[i])), u));
    const fit = fitMeanCalibration(y, means, league, y.map(() => 1), Infinity);
    expect(fit.a).toBeCloseTo(a, 1);
    expect(Math.abs(fit.b - b)).toBeLessThan(0.1);
    // A finite size (the NB likelihood) finds nearly the same from Poisson counts.
    const nb = fitMeanCalibration(y, means, league, y.map(() => 1), 200);
    expect(Math.abs(nb.b - fit.b)).toBeLessThan(0.02);
  });

  test("forecasts that are right give the identity; without the slope, the intercept is the log of seen over forecast", () => {
    const u = uniforms(11);
    const means = Array.from({ length: 20_000 }, () => 3.2 * Math.exp(0.6 * (u() - 0.5)));
    const y = means.map((m) => poisson(m, u));
    const league = means.map(() => 3.2);
    const fit = fitMeanCalibration(y, means, league, y.map(() => 1), Infinity);
    expect(Math.abs(fit.a)).toBeLessThan(0.02);
    expect(Math.abs(fit.b - 1)).toBeLessThan(0.1);
    const level = fitMeanCalibration(y, means, league, y.map(() => 1), Infinity, y.length, false);
    expect(level.b).toBe(1);
    const seen = y.reduce((s, v) => s + v, 0), forecast = means.reduce((s, v) => s + v, 0);
    expect(level.a).toBeCloseTo(Math.log(seen / forecast), 10);
  });
});

describe("the referee prior by empirical Bayes", () => {
  test("recovers the strength of the gamma the referees' multipliers were drawn from", () => {
    const u = uniforms(3);
    const kappa = 20, expected = 120;
    const cards: number[] = [], exp: number[] = [];
    for (let j = 0; j < 3000; j++) {
      // Gamma(κ, κ) for a whole κ: the sum of κ unit exponentials over κ.
      let g = 0;
      for (let k = 0; k < kappa; k++) g -= Math.log(u());
      cards.push(poisson((g / kappa) * expected, u));
      exp.push(expected);
    }
    const fit = fitPriorCards(cards, exp);
    expect(fit).toBeGreaterThan(kappa * 0.8);
    expect(fit).toBeLessThan(kappa * 1.25);
  });

  test("referees who all book alike give the largest prior (every multiplier held at 1)", () => {
    expect(fitPriorCards([100, 100, 100, 100], [100, 100, 100, 100])).toBeGreaterThan(1e4);
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
