import { describe, test } from "vitest";
import assert from "node:assert/strict";
import fc from "fast-check";
import { pricingState, remainingExpectedGoals } from "@pricing/core/sports/football/models/inplay";
import { rhoBounds, validateGrid } from "@pricing/core/sports/football/models/grid";
import { PERIODS, type MatchSituation, type Period } from "@pricing/core/sports/football/models/situation";
import { priceAll, priceGroup } from "@pricing/core/sports/football/markets/derive";
import { GOAL_GROUPS, type GoalGroup } from "@pricing/core/sports/football/markets/types";
import { InputError } from "@pricing/core/errors";

/** The groups whose markets read the second half (second-half.ts): the only ones a dependence too strong for the halves refuses. */
const HALVES_GROUPS = new Set<GoalGroup>(["half-time", "second-half"]);

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
        // Its own group: the halves' groups may refuse a moment whose rho no split into halves adds up to (see below).
        const next = priceGroup("next-goal", state).find((m) => m.key === "next-goal");
        if (next?.status === "open") {
          const none = next.selections.find((x) => x.key === "none")!.probability;
          assert.ok(Math.abs(none - state.fullTime.p[0]) < 1e-12, `${none} v ${state.fullTime.p[0]}`);
        }
      }),
      { numRuns: 1000 },
    );
  });

  test("every derived market has finite probabilities; only the halves' groups may refuse a moment, and only for its rho", () => {
    fc.assert(
      fc.property(situation, (s) => {
        const state = pricingState(s);
        for (const group of GOAL_GROUPS) {
          let markets;
          try {
            markets = priceGroup(group, state);
          } catch (e) {
            // A rho near its full-time bound (small expected goals) can be more dependence than any split of the
            // match into halves adds up to (second-half.ts): a typed refusal of the groups that read the halves,
            // which the same moment without the dependence prices.
            assert.ok(e instanceof InputError && e.code === "markets.invalid_state" && HALVES_GROUPS.has(group) && s.rho !== 0, `${group}: ${String(e)}`);
            markets = priceGroup(group, pricingState({ ...s, rho: 0 }));
          }
          for (const m of markets) {
            for (const sel of m.selections) {
              assert.ok(Number.isFinite(sel.probability) && Number.isFinite(sel.push) && Number.isFinite(sel.lose), `${m.key} ${sel.key}`);
            }
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  test("a rho the halves cannot split is refused by the halves' groups alone, with a typed error", () => {
    // Found by the properties above: expected goals near zero and rho at its full-time bound of 1.
    const state = pricingState({ homeXg: 0.018938988493142905, awayXg: 5.339771883257947e-7, rho: 0.9999999900836846, period: "PRE", minute: 0, score: { home: 0, away: 0 }, redCards: { home: 0, away: 0 } });
    for (const group of GOAL_GROUPS) {
      if (HALVES_GROUPS.has(group)) assert.throws(() => priceGroup(group, state), { code: "markets.invalid_state" });
      else assert.ok(priceGroup(group, state).length > 0);
    }
    assert.throws(() => priceAll(state), { code: "markets.invalid_state" });
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
