import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  afterFirstSetScore, blendWithFrequency, differenceFor, FIRST_SET_BLEND, FIRST_SET_BLEND_TOURS, firstSetBlendOf, fitBlendWeight, MIN_BLEND_MATCHES,
  mixtureDistribution, parseTennisData, priceMatch, runTennisBacktest, serveComponents, tiltWeights,
  type FirstSetBlend, type MatchRules, type TennisScore, type TennisSeason,
} from "@pricing/core/sports/tennis/index";
import { tennis } from "@pricing/core/sports/tennis/sport";
import { initialTennisState } from "@pricing/core/sports/tennis/match-state";

const bo3: MatchRules = { bestOf: 3, finalSet: "tiebreak7", noAd: false };
const strength = differenceFor(0.7, 1.12, 0.085, bo3, 0, 0.04);
const blend: FirstSetBlend = { weight: 0.4, aWonSet: 0.9, aLostSet: 0.45 };
const winner = (s: typeof strength, score?: TennisScore) => priceMatch({ strength: s, rules: bo3, ...(score ? { score } : {}) }).find((m) => m.key === "match-winner")!.selections[0].probability;
const scoreOf = (sets: [number, number][], gamesA: number, gamesB: number, server: "a" | "b", pointsA = 0, pointsB = 0): TennisScore => ({ sets, current: { gamesA, gamesB, pointsA, pointsB, server } });

describe("the after-first-set blend with the baseline", () => {
  test("the blend is the model at weight 0, the frequency at 1, and linear on the logit between", () => {
    assert.equal(blendWithFrequency(0.3, 0.6, 0), 0.3);
    assert.ok(Math.abs(blendWithFrequency(0.3, 0.6, 1) - 0.6) < 1e-12);
    const logit = (p: number) => Math.log(p / (1 - p));
    assert.ok(Math.abs(logit(blendWithFrequency(0.3, 0.6, 0.25)) - (0.75 * logit(0.3) + 0.25 * logit(0.6))) < 1e-12);
  });

  test("fitBlendWeight recovers the weight outcomes were drawn at; too few matches keep the fallback", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const draw = (weight: number, n: number) => Array.from({ length: n }, () => {
      const model = 0.15 + 0.8 * random(), frequency = Math.min(0.95, Math.max(0.05, model + 0.5 * (random() - 0.5)));
      return { model, frequency, y: random() < blendWithFrequency(model, frequency, weight) ? 1 : 0 };
    });
    for (const weight of [0.2, 0.6]) {
      const fitted = fitBlendWeight(draw(weight, 20000));
      assert.ok(Math.abs(fitted - weight) < 0.08, `${weight}: ${fitted}`);
    }
    assert.equal(fitBlendWeight(draw(0.6, MIN_BLEND_MATCHES - 1), 0), 0);
  });

  test("tilting a mixture reaches the target probability, and no tilt leaves it as it is", () => {
    const weights = [0.2, 0.5, 0.3], wins = [0.3, 0.6, 0.9];
    const mean = (w: ArrayLike<number>) => Array.from(w).reduce((s, x, k) => s + x * wins[k], 0);
    for (const target of [0.45, 0.8]) assert.ok(Math.abs(mean(tiltWeights(weights, wins, target).weights) - target) < 1e-9);
    const same = tiltWeights(weights, wins, mean(weights));
    assert.ok(Math.abs(same.theta) < 1e-9);
  });

  test("pre-match and first-set prices are unaffected; from the end of the first set the match winner is the blend", () => {
    const blended = { ...strength, firstSetBlend: blend };
    const markets = (s: typeof strength, score?: TennisScore) => priceMatch({ strength: s, rules: bo3, ...(score ? { score } : {}) });
    for (const score of [undefined, scoreOf([], 3, 2, "a", 2, 1), scoreOf([], 6, 6, "b", 3, 3)]) {
      assert.deepEqual(markets(blended, score), markets(strength, score));
    }
    for (const [set, frequency] of [[[6, 3], blend.aWonSet], [[4, 6], blend.aLostSet]] as [[number, number], number][]) {
      const start = scoreOf([set], 0, 0, "b");
      const model = winner(strength, start);
      const p = winner(blended, start);
      assert.ok(Math.abs(p - blendWithFrequency(model, frequency, blend.weight)) < 1e-9, `${p} ${model}`);
      // The same through the direct recursion (no match cache).
      assert.ok(Math.abs(mixtureDistribution(serveComponents(blended), bo3, start).winA - p) < 1e-9);
    }
    // Later in the match the tilt stays, and the games played still move the price.
    const later = winner(blended, scoreOf([[4, 6]], 3, 1, "a")), laterModel = winner(strength, scoreOf([[4, 6]], 3, 1, "a"));
    assert.ok(later !== laterModel && later > winner(blended, scoreOf([[4, 6]], 1, 3, "a")));
  });

  test("the second set's first server is read back from any later score", () => {
    assert.deepEqual(afterFirstSetScore(bo3, scoreOf([[6, 3]], 2, 1, "b")).current.server, "a");
    assert.deepEqual(afterFirstSetScore(bo3, scoreOf([[6, 3], [7, 6]], 0, 0, "a")), scoreOf([[6, 3]], 0, 0, "b"));
    assert.deepEqual(afterFirstSetScore(bo3, scoreOf([[6, 3], [6, 4]], 0, 0, "a")), scoreOf([[6, 3]], 0, 0, "a"));
  });

  test("a match priced with and without the blend is two matches to the cache", () => {
    const start = scoreOf([[3, 6]], 0, 0, "a");
    const plain = winner(strength, start), blended = winner({ ...strength, firstSetBlend: blend }, start);
    assert.notEqual(plain, blended);
    assert.equal(winner(strength, start), plain);
    assert.equal(winner({ ...strength, firstSetBlend: { ...blend, weight: 0.2 } }, start) !== blended, true);
  });

  test("live prices take the tour's refitted weight and the baseline's counts, from A's side", () => {
    for (const tour of ["ATP", "WTA"]) {
      const fav = firstSetBlendOf(tour, 3, 0.72), dog = firstSetBlendOf(tour, 3, 0.28);
      if (!(FIRST_SET_BLEND[tour] > 0)) { assert.equal(fav, null); continue; }
      assert.ok(fav && dog);
      assert.equal(fav.weight, FIRST_SET_BLEND[tour]);
      assert.ok(fav.aWonSet > 0.8 && fav.aLostSet < fav.aWonSet, JSON.stringify(fav));
      assert.ok(Math.abs(dog.aWonSet - (1 - fav.aLostSet)) < 1e-12 && Math.abs(dog.aLostSet - (1 - fav.aWonSet)) < 1e-12);
      const state = {
        ...initialTennisState(), rules: bo3,
        fixture: { tour, surface: "Hard", playerA: "A", playerB: "B", competition: "T", start: "2022-01-03T10:00:00Z" },
        strength: { source: "ratings" as const, matchProbability: 0.72 },
      };
      const input = tennis.situation(state as never, "2022-01-03T10:00:00Z");
      assert.deepEqual(input.strength.firstSetBlend, fav);
    }
  });

  test("the backtest refits the weight each January on earlier matches only, and moves nothing but the forecast after the first set", () => {
    assert.equal(FIRST_SET_BLEND_TOURS.WTA, true);
    const read = (label: string): TennisSeason => ({ ...parseTennisData(readFileSync(new URL(`../../data/tennis-data/${label}.csv`, import.meta.url), "utf8")), label });
    const a = read("WTA_2019"), b = read("WTA_2020");
    const history = { ...a, matches: a.matches.slice(-900) };
    const seasons = [history, { ...b, matches: b.matches.slice(0, 60) }];
    const refit = runTennisBacktest(seasons, "2020-01-01", { blend: "refit" });
    const off = runTennisBacktest(seasons, "2020-01-01", { blend: "off" });
    assert.equal(refit.blend.WTA["2019"], 0);
    const fitted = refit.blend.WTA["2020"];
    assert.ok(fitted > 0 && fitted < 1, `${fitted}`);
    assert.equal(off.blend.WTA["2020"], 0);
    // Other 2020 matches (or none of them) leave the 2020 weight as it was: it reads 2019 only.
    assert.equal(runTennisBacktest([seasons[0], { ...b, matches: b.matches.slice(30, 50) }], "2020-01-01", { blend: "refit" }).blend.WTA["2020"], fitted);
    // The same weight from 2019's own forecasts scored walk-forward: history and scored matches are seen alike.
    const scored2019 = runTennisBacktest([history], undefined, { blend: "off" }).records.flatMap((r) => (r.afterFirstSet ? [{ model: r.afterFirstSet.model, frequency: r.afterFirstSet.baseline, y: r.afterFirstSet.y }] : []));
    assert.ok(Math.abs(fitBlendWeight(scored2019) - fitted) < 1e-12);
    assert.equal(refit.records.length, off.records.length);
    refit.records.forEach((r, i) => {
      const o = off.records[i].afterFirstSet;
      if (!r.afterFirstSet || !o) return;
      assert.equal(r.afterFirstSet.model, o.p);
      assert.ok(Math.abs(r.afterFirstSet.p - blendWithFrequency(o.p, o.baseline, fitted)) < 1e-12);
    });
    assert.deepEqual(refit.records.map((r) => [r.setBetting, r.totalGames, r.tiebreak]), off.records.map((r) => [r.setBetting, r.totalGames, r.tiebreak]));
    assert.ok(refit.next.WTA.blend !== null && refit.next.WTA.blend > 0);
  });
});
