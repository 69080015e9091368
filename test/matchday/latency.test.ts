import { describe, test } from "vitest";
import assert from "node:assert/strict";
import fc from "fast-check";
import { InputError } from "@pricing/core/errors";
import { eventToPriceLatencies, percentile } from "@pricing/replay/latency";

describe("percentile (nearest rank)", () => {
  test("Wikipedia's worked examples of the nearest-rank method", () => {
    const five = [15, 20, 35, 40, 50];
    assert.deepEqual([5, 30, 40, 50, 100].map((p) => percentile(five, p)), [15, 20, 20, 35, 50]);
    const ten = [3, 6, 7, 8, 8, 10, 13, 15, 16, 20];
    assert.deepEqual([25, 50, 75, 100].map((p) => percentile(ten, p)), [7, 8, 15, 20]);
  });

  test("order of the input does not matter; no values give null", () => {
    assert.equal(percentile([50, 15, 40, 20, 35], 50), 35);
    assert.equal(percentile([], 99), null);
  });

  test("p99 of 100 values is the 99th smallest, of 1,000 the 990th", () => {
    const values = Array.from({ length: 1000 }, (_, i) => 1000 - i);
    assert.equal(percentile(values.slice(0, 100).map((_, i) => i + 1), 99), 99);
    assert.equal(percentile(values, 99), 990);
  });

  test("always an observed value, at least p% of values at or below it and fewer than p% below", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 200 }), fc.integer({ min: 1, max: 100 }), (values, p) => {
        const x = percentile(values, p)!;
        assert.ok(values.includes(x));
        assert.ok(values.filter((v) => v <= x).length >= (p / 100) * values.length);
        assert.ok(values.filter((v) => v < x).length < (p / 100) * values.length);
      }),
    );
  });

  test("a percentile outside (0, 100] is an input error", () => {
    assert.throws(() => percentile([1], 0), (e: unknown) => e instanceof InputError && e.code === "latency.invalid_percentile");
    assert.throws(() => percentile([1], 101), InputError);
  });
});

describe("event-to-price latency", () => {
  test("the first publication of a state version known to include the event counts", () => {
    const puts = [{ matchId: "m", seq: 5, type: "Goal Scored", putAtMs: 1000 }];
    const publications = [
      { matchId: "m", stateVersion: 4, atMs: 1050 }, // a tick of the state before the goal
      { matchId: "other", stateVersion: 9, atMs: 1100 }, // another match
      { matchId: "m", stateVersion: 5, atMs: 1180 }, // the goal's repricing
      { matchId: "m", stateVersion: 5, atMs: 1300 }, // a later tick
    ];
    const samples = [{ matchId: "m", version: 5, lastSeq: 5 }];
    const { priced, unpriced } = eventToPriceLatencies(puts, publications, samples);
    assert.deepEqual(priced.map((p) => p.latencyMs), [180]);
    assert.deepEqual(unpriced, []);
  });

  test("a version is known to include the event from any read at or below it", () => {
    const puts = [{ matchId: "m", seq: 3, type: "Match Started", putAtMs: 0 }];
    // The read came late (version 7, lastSeq 6), but version 4 was read with lastSeq 3.
    const samples = [{ matchId: "m", version: 7, lastSeq: 6 }, { matchId: "m", version: 4, lastSeq: 3 }];
    const publications = [{ matchId: "m", stateVersion: 4, atMs: 90 }, { matchId: "m", stateVersion: 7, atMs: 200 }];
    assert.deepEqual(eventToPriceLatencies(puts, publications, samples).priced.map((p) => p.latencyMs), [90]);
  });

  test("publications before the put, or of states not known to include it, do not count", () => {
    const puts = [{ matchId: "m", seq: 8, type: "Card Shown", putAtMs: 500 }];
    const publications = [{ matchId: "m", stateVersion: 9, atMs: 400 }, { matchId: "m", stateVersion: 8, atMs: 600 }];
    const samples = [{ matchId: "m", version: 9, lastSeq: 8 }];
    const { priced, unpriced } = eventToPriceLatencies(puts, publications, samples);
    assert.deepEqual(priced, []);
    assert.equal(unpriced.length, 1);
  });
});
