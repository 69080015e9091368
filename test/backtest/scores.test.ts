import { describe, test } from "vitest";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  asianHandicapStake, brierScore, decidedStakeLogLoss, logLoss, matchResultOutcome, rankedProbabilityScore,
} from "@pricing/core/sports/football/backtest/scores";
import { InputError } from "@pricing/core/errors";

const near = (actual: number, expected: number, what: string, tolerance = 1e-12) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} vs ${expected}`);

describe("1X2 scores on hand-computed cases", () => {
  test("log-loss is -ln of the probability of what happened", () => {
    near(logLoss([0.5, 0.3, 0.2], 1), 1.2039728043259361, "draw at 0.3");
    near(logLoss([0.5, 0.3, 0.2], 0), Math.LN2, "home at 0.5");
    near(logLoss([1 / 3, 1 / 3, 1 / 3], 2), Math.log(3), "uniform");
  });

  test("a result given probability 0 scores a large finite loss, not Infinity", () => {
    const loss = logLoss([1, 0, 0], 2);
    assert.ok(Number.isFinite(loss) && loss > 30);
  });

  test("Brier: sum of squared differences over the three outcomes", () => {
    near(brierScore([0.5, 0.3, 0.2], 0), 0.25 + 0.09 + 0.04, "home win");
    near(brierScore([0.5, 0.3, 0.2], 2), 0.25 + 0.09 + 0.64, "away win");
    near(brierScore([1, 0, 0], 0), 0, "certain and right");
    near(brierScore([1, 0, 0], 2), 2, "certain and wrong");
  });

  test("RPS: Constantinou and Fenton's (2012) home-win examples", () => {
    // Result: home win. Forecasts and their RPS as worked in the paper's table.
    near(rankedProbabilityScore([1, 0, 0], 0), 0, "(1, 0, 0)");
    near(rankedProbabilityScore([0.9, 0.1, 0], 0), 0.005, "(0.9, 0.1, 0)");
    near(rankedProbabilityScore([0.8, 0.1, 0.1], 0), 0.025, "(0.8, 0.1, 0.1)");
    near(rankedProbabilityScore([0.5, 0.25, 0.25], 0), 0.15625, "(0.5, 0.25, 0.25)");
  });

  test("RPS punishes a home forecast less for a draw than for an away win", () => {
    near(rankedProbabilityScore([0.5, 0.3, 0.2], 1), (0.25 + 0.04) / 2, "draw");
    near(rankedProbabilityScore([0.5, 0.3, 0.2], 2), (0.25 + 0.64) / 2, "away");
  });

  test("outcome index of a score", () => {
    assert.equal(matchResultOutcome(2, 1), 0);
    assert.equal(matchResultOutcome(1, 1), 1);
    assert.equal(matchResultOutcome(0, 3), 2);
  });

  test("malformed forecasts raise typed errors", () => {
    assert.throws(() => logLoss([0.5, 0.6, 0.2], 0), (e: unknown) => e instanceof InputError && e.code === "backtest.invalid_forecast");
    assert.throws(() => brierScore([0.5, 0.3, 0.2], 3), (e: unknown) => e instanceof InputError && e.code === "backtest.invalid_outcome");
  });
});

const forecast3 = fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))
  .filter(([a, b, c]) => a + b + c > 1e-6)
  .map(([a, b, c]) => [a / (a + b + c), b / (a + b + c), c / (a + b + c)]);

describe("score properties", () => {
  test("Brier in [0, 2], RPS in [0, 1], log-loss >= 0", () => {
    fc.assert(fc.property(forecast3, fc.integer({ min: 0, max: 2 }), (p, o) => {
      const b = brierScore(p, o), r = rankedProbabilityScore(p, o), l = logLoss(p, o);
      return b >= -1e-12 && b <= 2 + 1e-12 && r >= -1e-12 && r <= 1 + 1e-12 && l >= 0;
    }));
  });

  test("for two outcomes the RPS is half the Brier score", () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 1 }), (p, o) => {
      return Math.abs(rankedProbabilityScore([p, 1 - p], o) - brierScore([p, 1 - p], o) / 2) < 1e-12;
    }));
  });

  test("the expected Brier score and log-loss are smallest at the true probabilities (proper)", () => {
    fc.assert(fc.property(forecast3, forecast3, (truth, other) => {
      const expected = (score: (p: number[], o: number) => number, p: number[]) => truth.reduce((s, t, o) => s + t * score(p, o), 0);
      return expected(brierScore, truth) <= expected(brierScore, other) + 1e-12
        && expected(rankedProbabilityScore, truth) <= expected(rankedProbabilityScore, other) + 1e-12;
    }));
  });
});

describe("Asian handicap stakes: pushes and quarter lines", () => {
  const cases: [number, number, { win: number; push: number; lose: number }, string][] = [
    [-0.5, 1, { win: 1, push: 0, lose: 0 }, "home -0.5 wins by one: won"],
    [-0.5, 0, { win: 0, push: 0, lose: 1 }, "home -0.5 draws: lost"],
    [0, 0, { win: 0, push: 1, lose: 0 }, "level ball, draw: push"],
    [-1, 1, { win: 0, push: 1, lose: 0 }, "home -1 wins by one: push"],
    [-0.25, 0, { win: 0, push: 0.5, lose: 0.5 }, "home -0.25 draws: half lost (0 pushes, -0.5 loses)"],
    [-0.25, 1, { win: 1, push: 0, lose: 0 }, "home -0.25 wins: won"],
    [-0.75, 1, { win: 0.5, push: 0.5, lose: 0 }, "home -0.75 wins by one: half won (-0.5 wins, -1 pushes)"],
    [-0.75, 0, { win: 0, push: 0, lose: 1 }, "home -0.75 draws: lost"],
    [0.25, 0, { win: 0.5, push: 0.5, lose: 0 }, "home +0.25 draws: half won"],
    [1.25, -1, { win: 0.5, push: 0.5, lose: 0 }, "home +1.25 loses by one: half won (+1 pushes, +1.5 wins)"],
    [1.75, -2, { win: 0, push: 0.5, lose: 0.5 }, "home +1.75 loses by two: half lost (+1.5 loses, +2 pushes)"],
  ];
  for (const [line, diff, expected, what] of cases) {
    test(what, () => assert.deepEqual(asianHandicapStake(diff, line), expected));
  }

  test("win + push + lose = 1 on every quarter line", () => {
    fc.assert(fc.property(fc.integer({ min: -14, max: 14 }), fc.integer({ min: -6, max: 6 }), (quarters, diff) => {
      const s = asianHandicapStake(diff, quarters / 4);
      return s.win >= 0 && s.push >= 0 && s.lose >= 0 && Math.abs(s.win + s.push + s.lose - 1) < 1e-15;
    }));
  });

  test("a line that is not a quarter goal is refused", () => {
    assert.throws(() => asianHandicapStake(1, 0.3), (e: unknown) => e instanceof InputError && e.code === "backtest.invalid_handicap");
  });

  test("decided-stake log-loss: full results weigh 1, half results 1/2, pushes 0", () => {
    const won = decidedStakeLogLoss(0.6, { win: 1, lose: 0 });
    near(won.loss, -Math.log(0.6), "won");
    assert.equal(won.weight, 1);
    const halfLost = decidedStakeLogLoss(0.6, asianHandicapStake(0, -0.25));
    near(halfLost.loss, -0.5 * Math.log(0.4), "half lost");
    assert.equal(halfLost.weight, 0.5);
    assert.deepEqual(decidedStakeLogLoss(0.6, asianHandicapStake(0, 0)), { loss: 0, weight: 0 });
  });
});
