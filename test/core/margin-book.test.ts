import { describe, test } from "vitest";
import assert from "node:assert/strict";
import fc from "fast-check";
import type { OfferedMarket } from "@pricing/core/margin/offer";
import { offerMarket, winnersOf } from "@pricing/core/sports/football/offer";
import { priceBook, powerImplied } from "@pricing/core/margin/book";
import { GROUP_MARGINS } from "@pricing/core/sports/football/margins";
import { MAX_ODDS_IN_PLAY, OVERROUND_TOLERANCE } from "@pricing/core/margin/limits";
import { removeMargin } from "@pricing/core/margin/remove";
import { priceAll } from "@pricing/core/sports/football/markets/derive";
import { MARKET_GROUPS, type PricingState } from "@pricing/core/sports/football/markets/types";
import { pricingState } from "@pricing/core/sports/football/models/inplay";
import type { MatchSituation } from "@pricing/core/sports/football/models/situation";

/** The README's example match: Arsenal-Fulham, goalmodel's expected goals and rho. */
const PRE: MatchSituation = { homeXg: 2.117914, awayXg: 1.025718, rho: -0.1335741, period: "PRE", minute: 0, score: { home: 0, away: 0 }, redCards: { home: 0, away: 0 } };
const AT_80_2_0: MatchSituation = { ...PRE, period: "2H", minute: 80, score: { home: 2, away: 0 }, halfTimeScore: { home: 1, away: 0 } };

function state(s: MatchSituation): PricingState {
  return { ...pricingState(s), inPlay: s.period !== "PRE" };
}

/** Open markets where a selection that can win has no price while another has one (correct score lists likely scores only). */
function oneSided(markets: OfferedMarket[]): OfferedMarket[] {
  return markets.filter(
    (m) => m.status !== "decided" && m.key !== "correct-score" &&
      m.selections.some((s) => s.odds === null && s.probability > 0) && m.selections.some((s) => s.odds !== null),
  );
}

function overround(m: OfferedMarket): number {
  return m.selections.reduce((sum, s) => sum + (s.odds === null ? 0 : 1 / s.odds), 0) / winnersOf(m.key) - 1;
}

describe("one-sided books", () => {
  test("before kick-off no market has one side priced and the other not (14 with a multiplicative 5%)", () => {
    const markets = priceAll(state(PRE)).map((m) => offerMarket(m, 0.05));
    assert.deepEqual(oneSided(markets).map((m) => `${m.key}@${m.line}`), []);
  });

  test("at 80' 2-0 none either (43 of 67 open markets with a multiplicative 5%); 1X2 home at the minimum, away capped", () => {
    const markets = priceAll(state(AT_80_2_0)).map((m) => offerMarket(m, { margin: 0.05, inPlay: true }));
    assert.deepEqual(oneSided(markets).map((m) => `${m.key}@${m.line}`), []);
    const oneXTwo = markets.find((m) => m.key === "1x2")!;
    assert.equal(oneXTwo.status, "open");
    const [home, , away] = oneXTwo.selections;
    assert.equal(home.odds, 1.01);
    assert.ok(away.odds! <= MAX_ODDS_IN_PLAY, `away at ${away.odds}, was 1000 uncapped`);
    // Double chance 1X is past 99%: the whole market is suspended, never 12 and X2 alone.
    const doubleChance = markets.find((m) => m.key === "double-chance")!;
    assert.equal(doubleChance.status, "suspended");
    assert.ok(doubleChance.selections.every((s) => s.odds === null));
  });
});

describe("overround after rounding", () => {
  for (const [name, situation] of [["before kick-off", PRE], ["at 80' 2-0", AT_80_2_0]] as const) {
    test(`${name}: every offered market within -0.5/+1 point of its group's target`, () => {
      const inPlay = situation.period !== "PRE";
      const markets = priceAll(state(situation)).map((m) => offerMarket(m, { inPlay }));
      for (const group of MARKET_GROUPS) {
        for (const m of markets.filter((x) => x.group === group && x.status === "open")) {
          const r = overround(m);
          const target = GROUP_MARGINS[group];
          assert.ok(r >= target - OVERROUND_TOLERANCE.below - 1e-12 && r <= target + OVERROUND_TOLERANCE.above + 1e-12, `${m.key}@${m.line}: ${(100 * r).toFixed(2)}% for a ${100 * target}% target`);
        }
      }
    });
  }

  test("correct score carries its own margin, not 1X2's; a single margin still applies to every group", () => {
    const markets = priceAll(state(PRE));
    const cs = offerMarket(markets.find((m) => m.key === "correct-score")!);
    assert.ok(Math.abs(overround(cs) - GROUP_MARGINS["correct-score"]) <= OVERROUND_TOLERANCE.above);
    const csAtFive = offerMarket(markets.find((m) => m.key === "correct-score")!, 0.05);
    assert.ok(Math.abs(overround(csAtFive) - 0.05) <= OVERROUND_TOLERANCE.above, `correct score at ${overround(csAtFive)} (8.2% rounded down before)`);
    const oneXTwo = offerMarket(markets.find((m) => m.key === "1x2")!);
    assert.ok(Math.abs(overround(oneXTwo) - GROUP_MARGINS["match-result"]) <= OVERROUND_TOLERANCE.above);
  });
});

describe("priceBook", () => {
  test("the power method: removeMargin('power') gives back the fair probabilities, and the longshot carries more of the margin", () => {
    const fair = [0.6114897, 0.226823, 0.1616873];
    const implied = powerImplied(fair, 1.05, 1e9);
    assert.ok(Math.abs(implied.reduce((s, q) => s + q, 0) - 1.05) < 1e-12);
    const back = removeMargin(implied.map((q) => 1 / q), "power").probabilities;
    back.forEach((p, i) => assert.ok(Math.abs(p - fair[i]) < 1e-9));
    const relative = implied.map((q, i) => q / fair[i]);
    assert.ok(relative[0] < relative[1] && relative[1] < relative[2]);
  });

  test("the power exponent found by Newton's method is the one bisection finds: every implied probability within 1e-9 of it, the book summing to its target", () => {
    // Bisection, sixty halvings of (0, 1]: slow, plainly right.
    const bisected = (p: number[], target: number, maxOdds: number) => {
      const floor = 1 / maxOdds;
      const total = (k: number) => p.reduce((s, x) => s + (x > 0 ? Math.max(x ** k, floor) : 0), 0);
      if (total(1) >= target) return p.map((x) => (x > 0 ? Math.max(x, floor) : 0));
      let lo = 1e-9, hi = 1;
      for (let i = 0; i < 60; i++) { const mid = (lo + hi) / 2; if (total(mid) > target) lo = mid; else hi = mid; }
      return p.map((x) => (x > 0 ? Math.max(x ** ((lo + hi) / 2), floor) : 0));
    };
    const book = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 40 })
      .filter((w) => w.filter((x) => x > 1e-6).length >= 2)
      .map((w) => { const s = w.reduce((a, b) => a + b, 0); return w.map((x) => x / s); });
    fc.assert(fc.property(book, fc.double({ min: 1.001, max: 1.4, noNaN: true }), fc.constantFrom(101, 251, 1001, 1e9), (p, target, maxOdds) => {
      const fast = powerImplied(p, target, maxOdds);
      const slow = bisected(p, target, maxOdds);
      fast.forEach((q, i) => assert.ok(Math.abs(q - slow[i]) <= 1e-9 * Math.max(slow[i], 1e-9), `${i}: ${q} v ${slow[i]}`));
      const sum = fast.reduce((a, b) => a + b, 0);
      if (slow.reduce((a, b) => a + b, 0) < target + 1e-9) assert.ok(Math.abs(sum - target) < 1e-9, `sum ${sum} v ${target}`);
    }), { numRuns: 2000 });
  });

  test("a favourite past the ladder's minimum suspends the market; one just inside it is offered at the minimum", () => {
    assert.deepEqual(priceBook([0.995, 0.005], { margin: 0.05 }), { odds: [null, null], overround: null, suspended: true, reason: "a selection is shorter than the minimum price 1.01" });
    const book = priceBook([0.985, 0.015], { margin: 0.05 });
    assert.equal(book.suspended, false);
    assert.equal(book.odds[0], 1.01);
    assert.ok(book.odds[1]! > 10 && book.odds[1]! < 1 / 0.015);
  });

  test("rounding keeps the book near its target: 5% on 0.5 / 0.3 / 0.2 (rounded down it was 5.7%)", () => {
    const book = priceBook([0.5, 0.3, 0.2], { margin: 0.05 });
    assert.ok(Math.abs(book.overround! - 0.05) < 0.003, `overround ${book.overround}`);
    book.odds.forEach((o, i) => assert.ok(o! <= 1 / [0.5, 0.3, 0.2][i], "never above fair odds"));
  });

  test("correct score lists only the scores within the cap", () => {
    const book = priceBook([0.9, 0.0999, 0.0001], { margin: 0.18, maxOdds: 250, listLikelyOnly: true });
    assert.equal(book.odds[2], null);
    assert.ok(book.odds[0] !== null && book.odds[1] !== null);
  });
});

describe("offerMarket", () => {
  test("a double chance certain up to rounding is suspended, not an error", () => {
    const selections = [4.7e-14, 0.9999999999999528, 1.0000000000000002].map((probability, k) => ({ key: ["1x", "12", "x2"][k], probability, push: 0, lose: 1 - probability, fairOdds: 1 / probability }));
    const offered = offerMarket({ group: "match-result", key: "double-chance", line: null, status: "open", selections });
    assert.equal(offered.status, "suspended");
  });
});
