import { describe, test } from "vitest";
import assert from "node:assert/strict";
import fc from "fast-check";
import { REMOVAL_METHODS, removeMargin } from "@pricing/core/margin/remove";
import { InputError } from "@pricing/core/errors";

const ODDS = [2.7, 2.3, 4.4];

function assertClose(actual: readonly number[], expected: readonly number[], tolerance: number): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((a, i) => assert.ok(Math.abs(a - expected[i]) < tolerance, `item ${i}: ${a} vs ${expected[i]}`));
}

const isMarginError = (code: string) => (e: unknown) => e instanceof InputError && e.code === code;

describe("removeMargin: penaltyblog reference figures for odds 2.7 / 2.3 / 4.4", () => {
  test("multiplicative to 1e-6", () => {
    assertClose(removeMargin(ODDS, "multiplicative").probabilities, [0.35873804, 0.42112726, 0.2201347], 1e-6);
  });

  test("Shin to 1e-6, with z near the published 0.0162", () => {
    const shin = removeMargin(ODDS, "shin");
    assertClose(shin.probabilities, [0.35934392, 0.42324385, 0.21741223], 1e-6);
    assert.ok(Math.abs(shin.z! - 0.0162) < 5e-5, `z ${shin.z}`);
  });

  // penaltyblog's own test suite states these to four decimal places.
  test("additive, power and odds-ratio to penaltyblog's four places", () => {
    assertClose(removeMargin(ODDS, "additive").probabilities, [0.3595618, 0.423974, 0.2164642], 5e-5);
    assertClose(removeMargin(ODDS, "power").probabilities, [0.3591708, 0.4237291, 0.2171001], 5e-5);
    assertClose(removeMargin(ODDS, "odds-ratio").probabilities, [0.3588103, 0.4225611, 0.2186286], 5e-5);
  });

  test("margin is the overround sum(1/odds) - 1 for every method", () => {
    const overround = 1 / 2.7 + 1 / 2.3 + 1 / 4.4 - 1;
    for (const method of REMOVAL_METHODS) {
      assert.ok(Math.abs(removeMargin(ODDS, method).margin - overround) < 1e-15, method);
    }
  });

  test("each method reports its own parameter", () => {
    assert.ok(removeMargin(ODDS, "power").k! > 1);
    assert.ok(removeMargin(ODDS, "odds-ratio").c! > 1);
    assert.equal(removeMargin(ODDS, "multiplicative").z, undefined);
  });
});

describe("removeMargin: invariants over random markets", () => {
  const market = fc.array(fc.double({ min: 1.05, max: 40, noNaN: true }), { minLength: 2, maxLength: 8 });
  const bookMargin = fc.double({ min: 0, max: 0.12, noNaN: true });

  test("probabilities are in (0, 1), sum to 1 and keep the favourite first", () => {
    fc.assert(
      fc.property(market, bookMargin, fc.constantFrom(...REMOVAL_METHODS), (fair, m, method) => {
        const total = fair.reduce((s, o) => s + 1 / o, 0);
        // Scale the book to a realistic overround: odds_i = 1 / (q_i (1 + m)) with q fair.
        const odds = fair.map((o) => 1 / ((1 / o / total) * (1 + m)));
        fc.pre(odds.every((o) => o > 1.001));
        let result;
        try {
          result = removeMargin(odds, method);
        } catch (e) {
          // Additive removal cannot de-margin a longshot whose share is below margin / n.
          assert.ok(method === "additive" && e instanceof InputError && e.code === "margin.no_solution");
          return;
        }
        const sum = result.probabilities.reduce((s, p) => s + p, 0);
        assert.ok(Math.abs(sum - 1) < 1e-9, `${method} sums to ${sum}`);
        for (const p of result.probabilities) assert.ok(p > 0 && p < 1, `${method} gave ${p}`);
        for (let i = 0; i < odds.length; i++)
          for (let j = 0; j < odds.length; j++)
            if (odds[i] < odds[j]) assert.ok(result.probabilities[i] >= result.probabilities[j] - 1e-12);
      }),
      { numRuns: 300 },
    );
  });

  test("a fair book (no overround) comes back unchanged", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.02, max: 1, noNaN: true }), { minLength: 2, maxLength: 6 }), fc.constantFrom(...REMOVAL_METHODS), (weights, method) => {
        const total = weights.reduce((s, w) => s + w, 0);
        const odds = weights.map((w) => total / w);
        const result = removeMargin(odds, method);
        assertClose(result.probabilities, odds.map((o) => 1 / o), 1e-9);
      }),
      { numRuns: 200 },
    );
  });

  test("a negative overround (best prices across books) de-margins by every method but Shin", () => {
    const odds = [2.2, 2.2];
    for (const method of ["multiplicative", "additive", "power", "odds-ratio"] as const) {
      assertClose(removeMargin(odds, method).probabilities, [0.5, 0.5], 1e-12);
    }
    assert.throws(() => removeMargin(odds, "shin"), isMarginError("margin.no_solution"));
  });
});

describe("removeMargin: bad odds", () => {
  test("rejects odds <= 1, NaN, Infinity and fewer than two selections", () => {
    for (const odds of [[1, 2], [0.5, 3], [NaN, 2], [Infinity, 2], [2], [], [-2, 3]]) {
      for (const method of REMOVAL_METHODS) {
        assert.throws(() => removeMargin(odds, method), isMarginError("margin.invalid_odds"), `${method} ${odds}`);
      }
    }
  });

  test("rejects an unknown method", () => {
    assert.throws(() => removeMargin(ODDS, "magic" as never), isMarginError("margin.invalid_method"));
  });
});
