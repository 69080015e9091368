import { describe, expect, test } from "vitest";
import assert from "node:assert/strict";
import fc from "fast-check";
import { priceCountGroup, COUNT_GROUPS, type CountPricingState } from "@pricing/core/sports/football/markets/count-prices";
import { priceCountGroupFromGrids } from "@pricing/core/sports/football/markets/count-flat";
import { cachedCountGrids, clearCountGridCache, countGrids, countStateKey } from "@pricing/core/sports/football/markets/count-grids";
import type { MarketPrice } from "@pricing/core/sports/football/markets/index";
import { PRE_MATCH_COUNTS } from "../support/count-state";

const PRE = PRE_MATCH_COUNTS;

const stateArb = fc.record({
  share: fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })),
  ch: fc.integer({ min: 0, max: 20 }), ca: fc.integer({ min: 0, max: 20 }),
  yh: fc.integer({ min: 0, max: 7 }), ya: fc.integer({ min: 0, max: 7 }),
  rh: fc.integer({ min: 0, max: 2 }), ra: fc.integer({ min: 0, max: 2 }),
  mh: fc.double({ min: 0.5, max: 12, noNaN: true }), ma: fc.double({ min: 0.5, max: 12, noNaN: true }),
  yMean: fc.double({ min: 0.3, max: 4, noNaN: true }),
  size: fc.oneof(fc.constant(Infinity), fc.double({ min: 2, max: 200, noNaN: true })),
  concentration: fc.oneof(fc.constant(Infinity), fc.double({ min: 2, max: 100, noNaN: true })),
}).map(({ share, ch, ca, yh, ya, rh, ra, mh, ma, yMean, size, concentration }): CountPricingState => ({
  share,
  corners: { now: { home: ch, away: ca }, means: { home: mh, away: ma }, dispersion: { totalSize: size, concentration } },
  yellowCards: { now: { home: yh, away: ya }, means: { home: yMean, away: 1.8 }, dispersion: { totalSize: 39, concentration: Infinity } },
  redCards: { now: { home: rh, away: ra }, means: { home: 0.056, away: 0.08 } },
}));

/**
 * The fast path's markets against the direct path's: the same markets and outcomes and
 * the same probabilities and fair odds to the last bit (each running sum adds the
 * cells in the direct path's order), tighter than the golden file's 1e-12.
 */
function assertSame(fast: MarketPrice[], direct: MarketPrice[]): void {
  assert.equal(fast.length, direct.length);
  fast.forEach((f, i) => {
    const d = direct[i];
    const where = `${d.key}@${d.line}`;
    assert.deepEqual({ ...f, selections: null }, { ...d, selections: null }, where);
    f.selections.forEach((s, k) => {
      const r = d.selections[k];
      assert.equal(s.key, r.key, where);
      assert.equal(s.outcome, r.outcome, where);
      for (const field of ["probability", "push", "lose", "fairOdds"] as const) assert.equal(s[field], r[field], `${where} ${s.key} ${field}`);
    });
  });
}

describe("count markets from built distributions", () => {
  test("match the direct path bit for bit for any counts, means, dispersion and time left (property)", () => {
    fc.assert(fc.property(stateArb, (state) => {
      const grids = countGrids(state);
      for (const group of COUNT_GROUPS) assertSame(priceCountGroupFromGrids(group, grids), priceCountGroup(group, state));
    }), { numRuns: 150 });
  });

  test("match the direct path pre-match, in play and at the end, decided markets included", () => {
    const inPlay = { ...PRE, share: 0.45, corners: { ...PRE.corners, now: { home: 6, away: 3 } }, yellowCards: { ...PRE.yellowCards, now: { home: 1, away: 2 } } };
    const over = { ...inPlay, share: 0 };
    let decided = 0;
    for (const state of [PRE, inPlay, over]) {
      for (const group of COUNT_GROUPS) {
        const direct = priceCountGroup(group, state);
        decided += direct.filter((m) => m.status === "decided").length;
        assertSame(priceCountGroupFromGrids(group, countGrids(state)), direct);
      }
    }
    // In play some lines are passed, and at the end every market is decided.
    expect(decided).toBeGreaterThan(priceCountGroup("corners", PRE).length + priceCountGroup("cards", PRE).length);
  });

  test("the cache returns the grids of an equal state and builds new ones for a different state", () => {
    clearCountGridCache();
    const a = cachedCountGrids(PRE);
    expect(cachedCountGrids({ ...PRE, corners: { ...PRE.corners } })).toBe(a);
    const other = { ...PRE, corners: { ...PRE.corners, means: { home: 6.1, away: 4.4 + 1e-12 } } };
    expect(countStateKey(other)).not.toBe(countStateKey(PRE));
    const b = cachedCountGrids(other);
    expect(b).not.toBe(a);
    assertSame(priceCountGroupFromGrids("corners", b), priceCountGroup("corners", other));
  });
});
