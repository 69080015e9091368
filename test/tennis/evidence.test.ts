import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  afterFirstSetParts, afterFirstSetWin, differenceFor, EVIDENCE_REFIT_TOURS, fitEvidence, MIN_EVIDENCE_MATCHES, parseTennisData, priceMatch,
  runTennisBacktest, serveComponents, temperedWeights, type MatchRules, type TennisScore, type TennisSeason,
} from "@pricing/core/sports/tennis/index";

const bo3: MatchRules = { bestOf: 3, finalSet: "tiebreak7", noAd: false };
const strength = differenceFor(0.7, 1.12, 0.085, bo3, 0, 0.04);
const components = serveComponents(strength);

describe("the in-play evidence weight", () => {
  test("tempered weights: plain Bayes at 1, the prior at 0, in between below 1", () => {
    const prior = [0.2, 0.5, 0.3], like = [1e-3, 2e-4, 5e-5];
    const bayes = temperedWeights(prior, like, 1)!;
    const total = prior.reduce((s, w, k) => s + w * like[k], 0);
    bayes.forEach((w, k) => assert.ok(Math.abs(w - (prior[k] * like[k]) / total) < 1e-15));
    temperedWeights(prior, like, 0)!.forEach((w, k) => assert.ok(Math.abs(w - prior[k]) < 1e-15));
    const half = temperedWeights(prior, like, 0.5)!;
    assert.ok(half[0] < bayes[0] && half[0] > prior[0]);
    // Likelihoods far below the smallest double still temper without underflow.
    const tiny = temperedWeights(prior, [1e-300, 1e-310, 0], 0.5)!;
    assert.ok(tiny.every(Number.isFinite) && Math.abs(tiny[0] + tiny[1] + tiny[2] - 1) < 1e-12 && tiny[2] === 0);
    assert.equal(temperedWeights(prior, [0, 0, 0], 0.5), null);
  });

  test("after losing the first set, a favourite keeps more of her price the less a set says", () => {
    const lost = afterFirstSetParts(components, bo3, [3, 6]);
    const won = afterFirstSetParts(components, bo3, [6, 3]);
    const [plainLost, softLost, plainWon, softWon] = [afterFirstSetWin(lost, 1), afterFirstSetWin(lost, 0.5), afterFirstSetWin(won, 1), afterFirstSetWin(won, 0.5)];
    assert.ok(softLost > plainLost && softWon < plainWon, `${softLost} ${plainLost} ${softWon} ${plainWon}`);
    // At 0 the mixture is not updated: the set's result alone moves the price.
    assert.ok(afterFirstSetWin(lost, 0) > softLost);
  });

  test("fitEvidence recovers the weight outcomes were drawn at; too few matches keep the fallback", () => {
    let seed = 11;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const kinds = [[6, 3], [3, 6], [6, 1], [1, 6], [7, 6], [6, 7], [6, 4], [4, 6]].map((s) => afterFirstSetParts(components, bo3, s as [number, number]));
    const draw = (evidence: number, n: number) => Array.from({ length: n }, (_, i) => {
      const parts = kinds[i % kinds.length];
      return { parts, y: random() < afterFirstSetWin(parts, evidence) ? 1 : 0 };
    });
    const fitted = fitEvidence(draw(0.6, 10000));
    assert.ok(Math.abs(fitted - 0.6) < 0.15, `${fitted}`);
    assert.ok(fitEvidence(draw(1.5, 10000)) > 1.1);
    assert.equal(fitEvidence(draw(0.6, MIN_EVIDENCE_MATCHES - 1), 1), 1);
  });

  test("in-play prices use the weight, and a match priced at two weights is two matches to the cache", () => {
    const score: TennisScore = { sets: [[2, 6]], current: { gamesA: 0, gamesB: 0, pointsA: 0, pointsB: 0, server: "b" } };
    const winner = (evidence: number) => priceMatch({ strength: { ...strength, evidence }, rules: bo3, score }).find((m) => m.key === "match-winner")!.selections[0].probability;
    const plain = winner(1), soft = winner(0.5);
    assert.ok(soft > plain + 0.01, `${soft} ${plain}`);
    assert.equal(winner(1), plain);
    // Before the first point nothing has been seen: the weight changes nothing.
    const prematch = (evidence: number) => priceMatch({ strength: { ...strength, evidence }, rules: bo3 }).find((m) => m.key === "match-winner")!.selections[0].probability;
    assert.equal(prematch(0.5), prematch(1));
  });

  test("the backtest refits the weight each January on the earlier matches, on the tours chosen for it", () => {
    assert.equal(EVIDENCE_REFIT_TOURS.ATP, true);
    assert.equal(EVIDENCE_REFIT_TOURS.WTA, false);
    const read = (label: string): TennisSeason => ({ ...parseTennisData(readFileSync(new URL(`../../data/tennis-data/${label}.csv`, import.meta.url), "utf8")), label });
    const a = read("WTA_2019"), b = read("WTA_2020");
    const seasons = [{ ...a, matches: a.matches.slice(-900) }, { ...b, matches: b.matches.slice(0, 60) }];
    const refit = runTennisBacktest(seasons, "2020-01-01", { evidence: "refit" });
    const fixed = runTennisBacktest(seasons, "2020-01-01");
    assert.equal(refit.evidence.WTA["2019"], 1);
    const fitted = refit.evidence.WTA["2020"];
    assert.ok(fitted !== 1 && fitted > 0.1 && fitted < 3, `${fitted}`);
    assert.equal(fixed.evidence.WTA["2020"], 1);
    assert.equal(refit.records.length, fixed.records.length);
    const moved = refit.records.filter((r, i) => r.afterFirstSet && r.afterFirstSet.p !== fixed.records[i].afterFirstSet!.p);
    assert.ok(moved.length > 20, `${moved.length}`);
    // Only the in-play forecast moves: the pre-match markets are the same.
    assert.deepEqual(refit.records.map((r) => r.setBetting), fixed.records.map((r) => r.setBetting));
  });
});
