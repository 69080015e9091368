import { seededRandom } from "@pricing/core/math/random";
import { gamma, poisson } from "../support/draws";
import { describe, expect, test } from "vitest";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseFootballData, type FootballDataMatch } from "@pricing/core/sports/football/models/csv";
import { walkCounts, type CountSeason } from "@pricing/core/sports/football/backtest/counts";
import { ClosenessEffect, closenessFeature, fitClosenessBeta, matchProbabilities, rowProbabilities } from "@pricing/core/sports/football/models/count-closeness";
import { COUNT_FORECAST_PARAMS, CountForecaster, type CountForecastParams } from "@pricing/core/sports/football/models/count-forecast";
import { COUNT_PARAMS, COUNT_PRIOR } from "@pricing/core/sports/football/models/counts";

/** A seeded unit source: the same draws on every run. */
const uniforms = (seed: number) => seededRandom(seed, "count-closeness").unit;

describe("the card closeness term's fit", () => {
  test("recovers a known β from Poisson counts and from negative binomial counts", () => {
    const u = uniforms(5);
    const n = 20_000, beta = -0.35;
    const x = Array.from({ length: n }, () => u() - 0.35);
    const means = x.map(() => 3.3 * Math.exp(0.5 * (u() - 0.5)));
    const y = means.map((m, i) => poisson(m * Math.exp(beta * x[i]), u));
    const w = y.map(() => 1);
    expect(Math.abs(fitClosenessBeta(y, means, x, w, Infinity) - beta)).toBeLessThan(0.06);
    const size = 40;
    const nb = means.map((m, i) => poisson((m * Math.exp(beta * x[i]) * gamma(size, u)) / size, u));
    expect(Math.abs(fitClosenessBeta(nb, means, x, w, size) - beta)).toBeLessThan(0.07);
  });

  test("counts that do not depend on the feature give β near 0; a feature that never varies gives 0", () => {
    const u = uniforms(9);
    const x = Array.from({ length: 20_000 }, () => u() - 0.5);
    const means = x.map(() => 3.3);
    const y = means.map((m) => poisson(m, u));
    expect(Math.abs(fitClosenessBeta(y, means, x, y.map(() => 1), Infinity))).toBeLessThan(0.06);
    expect(fitClosenessBeta(y, means, x.map(() => 0), y.map(() => 1), Infinity)).toBe(0);
  });

  test("the walk-forward effect: 0 until minMatches, fixed β kept, no feature leaves the mean", () => {
    const effect = new ClosenessEffect({ feature: "edge", halfLifeDays: 365, minMatches: 3 });
    effect.observe("2020-01-01", 5, 3, 0.1);
    effect.observe("2020-01-01", 2, 3, 0.6);
    expect(effect.at("2020-01-02", 40).beta).toBe(0);
    expect(effect.multiplier("2020-01-02", 40, null)).toBe(1);
    effect.observe("2020-01-02", 6, 3, 0.2);
    expect(effect.at("2020-01-03", 40).beta).toBeLessThan(0);
    const fixed = new ClosenessEffect({ feature: "edge", halfLifeDays: 365, minMatches: 0, beta: -0.3 });
    fixed.observe("2020-01-01", 5, 3, 0.2);
    fixed.observe("2020-01-01", 2, 3, 0.4);
    expect(fixed.at("2020-01-02", 40).average).toBeCloseTo(0.3, 12);
    expect(fixed.multiplier("2020-01-02", 40, 0.5)).toBeCloseTo(Math.exp(-0.3 * 0.2), 12);
  });

  test("a prior's β and average hold until minMatches, then the fit takes over", () => {
    const effect = new ClosenessEffect({ feature: "draw", halfLifeDays: Infinity, minMatches: 3 }, { beta: 1.5, average: 0.25 });
    expect(effect.at("2020-01-01", 40)).toEqual({ beta: 1.5, average: 0.25 });
    effect.observe("2020-01-01", 5, 3, 0.3);
    effect.observe("2020-01-01", 2, 3, 0.2);
    expect(effect.multiplier("2020-01-02", 40, 0.35)).toBeCloseTo(Math.exp(1.5 * 0.1), 12);
    effect.observe("2020-01-02", 1, 3, 0.1);
    const fitted = effect.at("2020-01-03", 40);
    expect(fitted.beta).not.toBe(1.5);
    expect(fitted.average).toBeCloseTo(0.2, 12);
  });

  test("the features of the 1X2 probabilities: odds de-margined, the columns tried best first", () => {
    const p = matchProbabilities([2, 4, 4])!;
    expect(p[0] + p[1] + p[2]).toBeCloseTo(1, 12);
    expect(closenessFeature(p, "edge")).toBeCloseTo(0.25, 12);
    expect(closenessFeature(p, "draw")).toBeCloseTo(0.25, 12);
    expect(matchProbabilities([1, 3, 3])).toBeNull();
    expect(rowProbabilities({ B365H: 2, B365D: 4, B365A: 4, PSCH: 3, PSCD: 3, PSCA: 3 })![0]).toBeCloseTo(1 / 3, 12);
    expect(rowProbabilities({ B365H: 2, B365D: 4, B365A: 4, PSCH: 3 })![0]).toBeCloseTo(0.5, 12);
    expect(rowProbabilities({})).toBeNull();
  });
});

describe("the closeness term in the forecast", () => {
  const fixture = { homeTeam: "Arsenal", awayTeam: "Everton", date: "2022-08-06", referee: null };
  const cards = (f: CountForecaster, probabilities: [number, number, number] | null) => {
    const y = f.forecast({ ...fixture, probabilities }).yellowCards;
    return y.home + y.away;
  };
  const favourite: [number, number, number] = [0.82, 0.12, 0.06], close: [number, number, number] = [0.36, 0.3, 0.34];

  test("is on by default: from the live constants, a heavy favourite's match gets a lower card mean than a close match, no odds the mean without the term", () => {
    expect(COUNT_FORECAST_PARAMS.cardCloseness).toBeDefined();
    const live = new CountForecaster(COUNT_PARAMS);
    const plain = new CountForecaster(COUNT_PARAMS, { ...COUNT_FORECAST_PARAMS, cardCloseness: undefined });
    expect(cards(live, favourite)).toBeLessThan(cards(live, close));
    expect(cards(live, favourite)).toBeLessThan(cards(plain, favourite));
    expect(cards(live, close)).toBeGreaterThan(cards(plain, close));
    expect(cards(live, null)).toBe(cards(plain, null));
    const k = COUNT_PARAMS.cardCloseness!;
    expect(cards(live, close) / cards(live, favourite)).toBeCloseTo(Math.exp(k.beta * (close[1] - favourite[1])), 12);
  });

  test("without a prior's closeness (the backtest's start), β is 0 until the walk forward has its own fit", () => {
    const start = new CountForecaster(COUNT_PRIOR);
    expect(cards(start, favourite)).toBe(cards(start, close));
  });
});

function season(name: string, change: (m: FootballDataMatch) => FootballDataMatch = (m) => m): CountSeason {
  const parsed = parseFootballData(readFileSync(new URL(`../../data/football-data/${name}.csv`, import.meta.url), "latin1"));
  return { label: name, matches: parsed.matches.map(change) };
}

/** A match's counts changed beyond recognition and its odds swapped (the later matches' inputs, none of which a forecast before them may read). */
function scramble(m: FootballDataMatch): FootballDataMatch {
  const v = m.values;
  return { ...m, values: { ...v, HC: v.HC + 9, AC: 0, HY: 7, AY: v.AY + 4, HR: 2, AR: 1, PSCH: 1.1, PSCD: 12, PSCA: 30 } };
}

const FILES = ["E0_1819", "E0_1920", "E0_2021"];
const CUT = "2020-01-01";
const forecast: CountForecastParams = COUNT_FORECAST_PARAMS;

describe("the card closeness term reads earlier matches only", () => {
  const plain = walkCounts(FILES.map((f) => season(f)), { from: CUT, forecast });

  test("the first day's forecasts do not change when that day's counts and every later match's counts and odds change; a later day's do", () => {
    // The first day's own odds are kept (known before kick-off); its counts and everything later change.
    const scrambled = walkCounts(FILES.map((f) => season(f, (m) => (m.date > plain.records[0].date ? scramble(m) : m.date === plain.records[0].date ? { ...scramble(m), values: { ...scramble(m).values, PSCH: m.values.PSCH, PSCD: m.values.PSCD, PSCA: m.values.PSCA } } : m))), { from: CUT, forecast });
    const first = plain.records.filter((r) => r.date === plain.records[0].date);
    assert.ok(first.length > 0);
    first.forEach((r, i) => assert.deepEqual(scrambled.records[i].expected, r.expected));
    const i = plain.records.findIndex((r) => r.date > plain.records[0].date);
    assert.notDeepEqual(scrambled.records[i].expected.yellowCards, plain.records[i].expected.yellowCards);
  });

  test("a forecast on a date equals one walked over the matches up to it alone", () => {
    const date = plain.records[Math.floor(plain.records.length / 2)].date;
    const cut = walkCounts(FILES.map((f) => ({ ...season(f), matches: season(f).matches.filter((m) => m.date <= date) })), { from: CUT, forecast });
    const at = (w: typeof plain) => w.records.filter((r) => r.date === date).map((r) => r.expected);
    assert.deepEqual(at(cut), at(plain));
  });

  test("the term is live: a heavy favourite's match gets fewer cards than without it, the corners and the split kept", () => {
    const without = walkCounts(FILES.map((f) => season(f)), { from: CUT, forecast: { ...COUNT_FORECAST_PARAMS, cardCloseness: undefined } });
    const edges = plain.records.map((_, i) => i);
    let lower = 0, higher = 0;
    for (const i of edges) {
      const r = plain.records[i], w = without.records[i];
      expect(r.expected.corners).toEqual(w.expected.corners);
      expect(r.expected.yellowCards.home / r.expected.yellowCards.away).toBeCloseTo(w.expected.yellowCards.home / w.expected.yellowCards.away, 10);
      const ratio = (r.expected.yellowCards.home + r.expected.yellowCards.away) / (w.expected.yellowCards.home + w.expected.yellowCards.away);
      if (ratio < 1 - 1e-9) lower++;
      if (ratio > 1 + 1e-9) higher++;
    }
    expect(lower).toBeGreaterThan(0);
    expect(higher).toBeGreaterThan(0);
  });
});
