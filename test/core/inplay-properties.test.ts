import { describe, test } from "vitest";
import assert from "node:assert/strict";
import fc from "fast-check";
import { pricingState, remainingExpectedGoals } from "@pricing/core/sports/football/models/inplay";
import { rhoBounds, validateGrid } from "@pricing/core/sports/football/models/grid";
import { PERIODS, type MatchSituation, type Period } from "@pricing/core/sports/football/models/situation";
import { priceAll } from "@pricing/core/sports/football/markets/derive";
import { InputError } from "@pricing/core/errors";

const MINUTES: Record<Period, [number, number]> = { PRE: [0, 0], "1H": [0, 60], HT: [45, 45], "2H": [45, 110], END: [90, 110] };

/** Valid situations: xg up to 3.5 a side (red cards can multiply a side's rate by about 3.7). */
const situation: fc.Arbitrary<MatchSituation> = fc
  .record({
    homeXg: fc.double({ min: 0, max: 3.5, noNaN: true }),
    awayXg: fc.double({ min: 0, max: 3.5, noNaN: true }),
    rhoAt: fc.oneof(fc.constant(0), fc.double({ min: -1, max: 1, noNaN: true })),
    period: fc.constantFrom(...PERIODS),
    clock: fc.double({ min: 0, max: 1, noNaN: true }),
    score: fc.record({ home: fc.nat(8), away: fc.nat(8) }),
    htAt: fc.record({ home: fc.double({ min: 0, max: 1, noNaN: true }), away: fc.double({ min: 0, max: 1, noNaN: true }) }),
    redCards: fc.record({ home: fc.nat(5), away: fc.nat(5) }),
    addedTime: fc.option(fc.nat(20), { nil: undefined }),
  })
  .map(({ homeXg, awayXg, rhoAt, period, clock, score, htAt, redCards, addedTime }) => {
    const { min, max } = rhoBounds(homeXg, awayXg);
    const rho = rhoAt < 0 ? -rhoAt * Math.max(min, -1) : rhoAt * Math.min(max, 1);
    const [lo, hi] = MINUTES[period];
    const pre = period === "PRE";
    const s: MatchSituation = {
      homeXg, awayXg, rho, period, minute: lo + clock * (hi - lo),
      score: pre ? { home: 0, away: 0 } : score,
      redCards: pre ? { home: 0, away: 0 } : redCards,
    };
    if (addedTime !== undefined && (period === "1H" || period === "2H")) s.addedTime = addedTime;
    if (period === "2H" || period === "END") {
      s.halfTimeScore = { home: Math.floor(htAt.home * (score.home + 1)) % (score.home + 1), away: Math.floor(htAt.away * (score.away + 1)) % (score.away + 1) };
    }
    return s;
  });

describe("pricingState properties", () => {
  test("grids are valid distributions and probabilities are never NaN", () => {
    fc.assert(
      fc.property(situation, (s) => {
        const state = pricingState(s);
        validateGrid(state.fullTime);
        if (state.firstHalf) validateGrid(state.firstHalf);
        assert.equal(state.firstHalf === null, !(s.period === "PRE" || s.period === "1H"));
        assert.equal(state.halfTimeScore === null, s.period === "PRE" || s.period === "1H");
        const { home, none, away } = state.nextGoal;
        for (const p of [home, none, away]) assert.ok(Number.isFinite(p) && p >= 0 && p <= 1);
        assert.ok(Math.abs(home + none + away - 1) < 1e-12);
      }),
      { numRuns: 1000 },
    );
  });

  test("next goal none is the grid's no-more-goals probability in every state", () => {
    fc.assert(
      fc.property(situation, (s) => {
        const state = pricingState(s);
        assert.equal(state.nextGoal.none, state.fullTime.p[0]);
        const markets = priceAll(state);
        const next = markets.find((m) => m.key === "next-goal");
        if (next?.status === "open") {
          const none = next.selections.find((x) => x.key === "none")!.probability;
          assert.ok(Math.abs(none - state.fullTime.p[0]) < 1e-12, `${none} v ${state.fullTime.p[0]}`);
        }
      }),
      { numRuns: 1000 },
    );
  });

  test("every derived market has finite probabilities", () => {
    fc.assert(
      fc.property(situation, (s) => {
        for (const m of priceAll(pricingState(s))) {
          for (const sel of m.selections) {
            assert.ok(Number.isFinite(sel.probability) && Number.isFinite(sel.push) && Number.isFinite(sel.lose), `${m.key} ${sel.key}`);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  test("remaining expected goals never rise as the clock runs within a period", () => {
    fc.assert(
      fc.property(situation, fc.double({ min: 0, max: 1, noNaN: true }), (s, later) => {
        const [, hi] = MINUTES[s.period];
        const next = { ...s, minute: s.minute + later * (hi - s.minute) };
        const a = remainingExpectedGoals(s).fullTime, b = remainingExpectedGoals(next).fullTime;
        assert.ok(b.home <= a.home + 1e-12 && b.away <= a.away + 1e-12);
      }),
      { numRuns: 500 },
    );
  });

  test("arbitrary numbers either price or raise a typed error, never a NaN", () => {
    const anyNumber = fc.oneof(fc.double(), fc.integer({ min: -3, max: 12 }));
    fc.assert(
      fc.property(
        fc.record({
          homeXg: anyNumber, awayXg: anyNumber, rho: anyNumber, minute: anyNumber,
          period: fc.constantFrom(...PERIODS),
          score: fc.record({ home: anyNumber, away: anyNumber }),
          redCards: fc.record({ home: anyNumber, away: anyNumber }),
          halfTimeScore: fc.option(fc.record({ home: anyNumber, away: anyNumber }), { nil: undefined }),
        }),
        (s) => {
          try {
            const state = pricingState(s);
            for (const p of state.fullTime.p) assert.ok(Number.isFinite(p));
            assert.ok(Object.values(state.nextGoal).every(Number.isFinite));
          } catch (e) {
            assert.ok(e instanceof InputError && /^inplay\./.test(e.code), String(e));
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
