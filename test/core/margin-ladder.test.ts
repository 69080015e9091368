import { describe, test } from "vitest";
import assert from "node:assert/strict";
import fc from "fast-check";
import { PRICE_LADDER, roundDownToLadder } from "@pricing/core/margin/ladder";
import { APPLICATION_METHODS, priceMarket } from "@pricing/core/margin/apply";
import { InputError } from "@pricing/core/errors";

describe("PRICE_LADDER", () => {
  test("runs 1.01 to 1000 in the bookmaker increments of each band", () => {
    const bands: [number, number, number][] = [
      [1.01, 2, 0.01], [2, 3, 0.02], [3, 4, 0.05], [4, 6, 0.1], [6, 10, 0.2],
      [10, 20, 0.5], [20, 30, 1], [30, 50, 2], [50, 100, 5], [100, 1000, 10],
    ];
    assert.equal(PRICE_LADDER[0], 1.01);
    assert.equal(PRICE_LADDER[PRICE_LADDER.length - 1], 1000);
    for (let i = 1; i < PRICE_LADDER.length; i++) {
      const price = PRICE_LADDER[i], step = price - PRICE_LADDER[i - 1];
      const band = bands.find(([from, to]) => price > from + 1e-9 && price <= to + 1e-9)!;
      assert.ok(Math.abs(step - band[2]) < 1e-9, `step to ${price} is ${step}, want ${band[2]}`);
    }
    for (const price of [1.5, 2, 2.02, 2.5, 3.05, 4.1, 6.2, 10.5, 21, 32, 55, 110, 990]) {
      assert.ok(PRICE_LADDER.includes(price), `${price} on the ladder`);
    }
    for (const price of [2.01, 3.02, 4.05, 6.1, 10.2, 20.5, 31, 52, 105]) {
      assert.ok(!PRICE_LADDER.includes(price), `${price} off the ladder`);
    }
  });
});

describe("roundDownToLadder", () => {
  test("rounds down, keeps exact rungs, caps at the maximum and refuses below the minimum", () => {
    assert.equal(roundDownToLadder(2.0), 2);
    assert.equal(roundDownToLadder(1 / 0.5), 2);
    assert.equal(roundDownToLadder(2.039), 2.02);
    assert.equal(roundDownToLadder(3.999), 3.95);
    assert.equal(roundDownToLadder(7.77), 7.6);
    assert.equal(roundDownToLadder(1.005), null);
    assert.equal(roundDownToLadder(5000), 1000);
    assert.equal(roundDownToLadder(Infinity), 1000);
    assert.equal(roundDownToLadder(60, 1.01, 51), 50);
    assert.equal(roundDownToLadder(1.2, 1.25), null);
  });

  test("never rounds up, and the next rung is above the input", () => {
    fc.assert(
      fc.property(fc.double({ min: 1.01, max: 1000, noNaN: true }), (odds) => {
        const price = roundDownToLadder(odds)!;
        const i = PRICE_LADDER.indexOf(price);
        assert.ok(i >= 0);
        assert.ok(price <= odds * (1 + 1e-12));
        if (i + 1 < PRICE_LADDER.length) assert.ok(PRICE_LADDER[i + 1] > odds);
      }),
      { numRuns: 2000 },
    );
  });

  test("rejects non-positive or NaN odds and crossed limits", () => {
    for (const odds of [0, -1, NaN]) {
      assert.throws(() => roundDownToLadder(odds), (e: unknown) => e instanceof InputError && e.code === "margin.invalid_odds");
    }
    assert.throws(() => roundDownToLadder(2, 3, 2), (e: unknown) => e instanceof InputError && e.code === "margin.invalid_limits");
  });
});

describe("priceMarket", () => {
  test("multiplicative 5% on 0.5 / 0.3 / 0.2", () => {
    const market = priceMarket([0.5, 0.3, 0.2], { margin: 0.05 });
    assert.deepEqual(market.selections.map((s) => s.odds), [1.9, 3.15, 4.7]);
    const margined = market.selections.map((s) => s.marginedOdds);
    assert.ok(Math.abs(margined[0] - 1 / 0.525) < 1e-12);
    assert.ok(market.overround >= 0.05);
  });

  test("odds-proportional puts more of the margin on the longshot", () => {
    const [fav, , longshot] = priceMarket([0.7, 0.2, 0.1], { margin: 0.06, method: "odds-proportional" }).selections;
    assert.ok(Math.abs(1 / fav.marginedOdds - 0.72) < 1e-12);
    assert.ok(Math.abs(1 / longshot.marginedOdds - 0.12) < 1e-12);
    assert.ok(longshot.fairOdds / longshot.marginedOdds > fav.fairOdds / fav.marginedOdds);
  });

  test("offered prices never exceed fair-plus-margin; the book's overround is at least the target", () => {
    const probs = fc.array(fc.double({ min: 0.005, max: 1, noNaN: true }), { minLength: 2, maxLength: 10 }).map((w) => {
      const t = w.reduce((s, x) => s + x, 0);
      return w.map((x) => x / t);
    });
    fc.assert(
      fc.property(probs, fc.double({ min: 0, max: 0.2, noNaN: true }), fc.constantFrom(...APPLICATION_METHODS), (p, margin, method) => {
        const market = priceMarket(p, { margin, method });
        let allOffered = true;
        for (const s of market.selections) {
          if (s.odds === null) { allOffered = false; continue; }
          assert.ok(s.odds <= s.marginedOdds * (1 + 1e-12) && s.odds >= 1.01 && s.odds <= 1000);
        }
        if (allOffered && market.selections.every((s) => s.marginedOdds <= 1000)) {
          assert.ok(market.overround >= margin - 1e-9, `overround ${market.overround} < ${margin}`);
        }
      }),
      { numRuns: 500 },
    );
  });

  test("does not offer an impossible selection or one priced below the minimum", () => {
    const market = priceMarket([0.995, 0.005, 0], { margin: 0.05, minOdds: 1.01 });
    assert.deepEqual(market.selections.map((s) => s.odds), [null, 190, null]);
  });

  test("rejects probabilities that are not a distribution, and a bad target", () => {
    const code = (c: string) => (e: unknown) => e instanceof InputError && e.code === c;
    assert.throws(() => priceMarket([0.5, 0.6], { margin: 0.05 }), code("margin.invalid_probabilities"));
    assert.throws(() => priceMarket([NaN, 1], { margin: 0.05 }), code("margin.invalid_probabilities"));
    assert.throws(() => priceMarket([1], { margin: 0.05 }), code("margin.invalid_probabilities"));
    assert.throws(() => priceMarket([0.5, 0.5], { margin: -0.01 }), code("margin.invalid_target"));
    assert.throws(() => priceMarket([0.5, 0.5], { margin: NaN }), code("margin.invalid_target"));
  });
});
