import { describe, test } from "vitest";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  applyPoint, isOver, pointServer, priceMatch, startingScore, settleMarkets,
  type FinalSetRule, type MatchRules, type Player, type TennisMarket, type TennisScore,
} from "@pricing/core/sports/tennis/index";

const close = (a: number, b: number, tol = 1e-9) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

const rulesArb = fc.record({
  bestOf: fc.constantFrom(3 as const, 5 as const),
  finalSet: fc.constantFrom<FinalSetRule>("tiebreak7", "tiebreak10", "advantage"),
  noAd: fc.boolean(),
});
const serve = fc.double({ min: 0.45, max: 0.8, noNaN: true });

/** A score reached by playing `points` random points from the start. */
function playPoints(rules: MatchRules, first: Player, bits: boolean[]): TennisScore {
  let score = startingScore(first);
  for (const b of bits) {
    if (isOver(score, rules)) break;
    score = applyPoint(score, rules, b ? "a" : "b");
  }
  return score;
}

const stateArb = fc.record({
  rules: rulesArb,
  pA: serve,
  pB: serve,
  spread: fc.constantFrom(0, 0.07),
  first: fc.constantFrom<Player>("a", "b"),
  bits: fc.array(fc.boolean(), { maxLength: 260 }),
});

const find = (ms: TennisMarket[], key: string, line: number | null = null) => ms.find((m) => m.key === key && m.line === line)!;

function swapScore(s: TennisScore): TennisScore {
  const c = s.current;
  return { sets: s.sets.map(([a, b]) => [b, a]), current: { gamesA: c.gamesB, gamesB: c.gamesA, pointsA: c.pointsB, pointsB: c.pointsA, server: c.server === "a" ? "b" : "a" } };
}

describe("tennis markets, properties over random scores", () => {
  test("every market sums to 1 with pushes; decided markets carry one winner", () => {
    fc.assert(fc.property(stateArb, ({ rules, pA, pB, spread, first, bits }) => {
      const score = playPoints(rules, first, bits);
      const markets = priceMatch({ strength: { sum: pA + pB, difference: pA - pB, spread }, rules, score });
      for (const m of markets) {
        const total = m.selections.reduce((s, x) => s + x.probability, 0) + (m.selections[0]?.push ?? 0);
        close(total, 1, 1e-9);
        if (m.status === "decided") assert.equal(m.selections.filter((s) => s.outcome === "won").length, 1, `${m.key} ${m.line}`);
      }
    }), { numRuns: 120 });
  });

  test("set betting agrees with the match winner and the set handicaps", () => {
    fc.assert(fc.property(stateArb, ({ rules, pA, pB, spread, first, bits }) => {
      const score = playPoints(rules, first, bits);
      const markets = priceMatch({ strength: { sum: pA + pB, difference: pA - pB, spread }, rules, score });
      const winner = find(markets, "match-winner");
      const sets = find(markets, "set-betting");
      const aWins = sets.selections.filter((s) => Number(s.key.split("-")[0]) > Number(s.key.split("-")[1])).reduce((s, x) => s + x.probability, 0);
      close(aWins, winner.selections[0].probability, 1e-9);
      const straight = sets.selections[0].probability;
      close(find(markets, "set-handicap", -1.5).selections[0].probability, rules.bestOf === 3 ? straight : straight + sets.selections[1].probability, 1e-9);
    }), { numRuns: 80 });
  });

  test("swapping the players swaps every price", () => {
    fc.assert(fc.property(stateArb, ({ rules, pA, pB, spread, first, bits }) => {
      const score = playPoints(rules, first, bits);
      const ab = priceMatch({ strength: { sum: pA + pB, difference: pA - pB, spread }, rules, score });
      const ba = priceMatch({ strength: { sum: pA + pB, difference: pB - pA, spread }, rules, score: swapScore(score) });
      close(find(ab, "match-winner").selections[0].probability, find(ba, "match-winner").selections[1].probability, 1e-9);
      close(find(ab, "tiebreak").selections[0].probability, find(ba, "tiebreak").selections[0].probability, 1e-9);
      const sb = find(ba, "set-betting");
      for (const s of find(ab, "set-betting").selections) {
        const [x, y] = s.key.split("-");
        close(s.probability, sb.selections.find((t) => t.key === `${y}-${x}`)!.probability, 1e-9);
      }
    }), { numRuns: 60 });
  });

  test("played to the end, prices converge to the result and every market is decided as settlement says", () => {
    fc.assert(fc.property(rulesArb, serve, serve, fc.integer({ min: 1, max: 2 ** 30 }), (rules, pA, pB, seed) => {
      let x = seed;
      const random = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      let score = startingScore("a");
      const pre = priceMatch({ strength: { sum: pA + pB, difference: pA - pB, spread: 0 }, rules, firstServer: "a" });
      for (let n = 0; n < 2000 && !isOver(score, rules); n++) {
        const server = pointServer(score, rules);
        const p = server === "a" ? pA : 1 - pB;
        score = applyPoint(score, rules, random() < p ? "a" : "b");
      }
      if (!isOver(score, rules)) return;
      const end = priceMatch({ strength: { sum: pA + pB, difference: pA - pB, spread: 0 }, rules, score });
      for (const m of end) assert.equal(m.status, "decided", `${m.key} ${m.line}`);
      const aWon = score.sets.filter(([a, b]) => a > b).length > score.sets.length / 2;
      assert.equal(find(end, "match-winner").selections[0].probability, aWon ? 1 : 0);
      const settled = settleMarkets(pre, { status: "completed", sets: score.sets }, rules);
      for (const s of settled) {
        if (s.group === "game-winner") continue;
        const outcomes = Object.values(s.outcomes);
        assert.equal(outcomes.filter((o) => o === "won").length, 1, `${s.key} ${s.line}`);
      }
      assert.equal(settled.find((s) => s.key === "match-winner")!.outcomes.a, aWon ? "won" : "lost");
    }), { numRuns: 40 });
  });
});
