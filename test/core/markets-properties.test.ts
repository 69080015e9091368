import { describe, test } from "vitest";
import type { PricingState } from "@pricing/core/sports/football/markets/types";
import assert from "node:assert/strict";
import fc from "fast-check";
import { findMarket, priceAll, settleMarket, type MarketPrice } from "@pricing/core/sports/football/markets/index";
import { KIND, PUSH_BY_CODE, TWO_SCORE_KINDS, WIN_BY_CODE, selectionOutcome, type MarketKind } from "@pricing/core/sports/football/markets/rules";
import { rhoBounds, scoreGrid, type ScoreGrid } from "@pricing/core/sports/football/models/grid";
import { offerMarket, winnersOf } from "@pricing/core/sports/football/offer";
import { GROUP_MARGINS } from "@pricing/core/sports/football/margins";
import { MAX_ODDS_IN_PLAY, MAX_ODDS_PRE_MATCH, MIN_ODDS, OVERROUND_TOLERANCE } from "@pricing/core/margin/limits";

const FIRST_HALF = 0.446;

/** A moment of a match: pre-match, first half, second half, a side that can no longer score, full time. */
const pricingStates = fc
  .record({
    homeXg: fc.double({ min: 0.05, max: 5, noNaN: true }),
    awayXg: fc.double({ min: 0.05, max: 5, noNaN: true }),
    rhoAt: fc.oneof(fc.constant(0.5), fc.double({ min: 0.02, max: 0.98, noNaN: true })),
    left: fc.double({ min: 0.01, max: 1, noNaN: true }),
    phase: fc.constantFrom("pre", "1H", "2H", "home-only", "end"),
    score: fc.record({ home: fc.nat(8), away: fc.nat(8) }),
    htShare: fc.record({ home: fc.double({ min: 0, max: 1, noNaN: true }), away: fc.double({ min: 0, max: 1, noNaN: true }) }),
  })
  .map(({ homeXg, awayXg, rhoAt, left, phase, score, htShare }): PricingState => {
    // Within the feed's rho (-0.5 to 0.5): far stronger positive dependence leaves no
    // split of the full-time grid into halves (second-half.ts), and pricing says so.
    const { min, max } = rhoBounds(homeXg, awayXg);
    const lo = Math.max(min, -0.5);
    const hi = Math.min(max, 0.5);
    const rho = rhoAt === 0.5 ? 0 : lo + rhoAt * (hi - lo);
    const share = phase === "pre" ? 1 : phase === "1H" ? left : phase === "end" ? 0 : (1 - FIRST_HALF) * left;
    const h = homeXg * share;
    const a = phase === "home-only" ? 0 : awayXg * share;
    const firstHalfLive = phase === "pre" || phase === "1H";
    const now = phase === "pre" ? { home: 0, away: 0 } : score;
    const none = Math.exp(-(h + a));
    return {
      fullTime: scoreGrid(h, a, rho),
      firstHalf: firstHalfLive ? scoreGrid(FIRST_HALF * homeXg * (phase === "pre" ? 1 : left), FIRST_HALF * awayXg * (phase === "pre" ? 1 : left)) : null,
      score: now,
      halfTimeScore: firstHalfLive ? null : { home: Math.floor(htShare.home * now.home), away: Math.floor(htShare.away * now.away) },
      nextGoal: { home: h + a > 0 ? (h / (h + a)) * (1 - none) : 0, none, away: h + a > 0 ? (a / (h + a)) * (1 - none) : 0 },
    };
  });

const RUNS = { numRuns: 60 };

function byKey(prices: MarketPrice[], key: string): MarketPrice[] {
  return prices.filter((m) => m.key === key).sort((x, y) => x.line! - y.line!);
}

function close(actual: number, expected: number, what: string, tolerance = 1e-12): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} vs ${expected}`);
}

function cells(grid: ScoreGrid): { i: number; j: number; p: number }[] {
  const out = [];
  for (let i = 0; i < grid.size; i++) for (let j = 0; j < grid.size; j++) out.push({ i, j, p: grid.p[i * grid.size + j] });
  return out;
}

/**
 * A market's settlement kind and its line on the final score: in play totals lines
 * follow the score past the catalogue's, and a rest-of-match handicap's line L counts
 * from the score it was quoted at, L - (home - away) on the final score.
 */
function settlementOf(m: MarketPrice): { kind: MarketKind; line: number | null } {
  const spec = findMarket(m.key, m.key === "total-goals" ? 0.5 : m.line)!;
  const line = m.basis === "rest" ? m.line! - (m.from!.home - m.from!.away) : m.line;
  return { kind: spec.kind, line };
}

/** Markets settled on one score (the final or the half-time one); the two-score ones are checked in halves-properties.test.ts. */
function oneScore(m: MarketPrice): boolean {
  return m.key !== "next-goal" && !TWO_SCORE_KINDS.has(findMarket(m.key, m.key === "total-goals" ? 0.5 : m.line)!.kind);
}

/** Brute force: win and push of a selection summed cell by cell over the grid with the settlement rules. */
function bruteForce(state: PricingState, m: MarketPrice, selection: number): { win: number; push: number } {
  const spec = settlementOf(m);
  const halfTime = spec.kind === KIND.halfTimeResult || spec.kind === KIND.halfTimeTotalGoals;
  const base = halfTime && !state.firstHalf ? state.halfTimeScore! : state.score;
  const grid = halfTime ? state.firstHalf ?? scoreGrid(0, 0) : state.fullTime;
  let win = 0, push = 0;
  for (const { i, j, p } of cells(grid)) {
    const code = selectionOutcome(spec.kind, spec.line ?? 0, selection, base.home + i, base.away + j);
    win += p * WIN_BY_CODE[code];
    push += p * PUSH_BY_CODE[code];
  }
  return { win, push };
}

describe("market derivation properties", () => {
  test("every selection matches a cell-by-cell sum of its settlement over the grid", () => {
    fc.assert(
      fc.property(pricingStates, (state) => {
        for (const m of priceAll(state)) {
          if (!oneScore(m)) continue;
          m.selections.forEach((s, k) => {
            const { win, push } = bruteForce(state, m, k);
            close(s.probability, win, `${m.key} ${m.line} ${s.key} win`, 1e-9);
            close(s.push, push, `${m.key} ${m.line} ${s.key} push`, 1e-9);
          });
        }
      }),
      { numRuns: 25 },
    );
  });

  test("win + push + lose = 1 for each selection, and each market's outcomes are exhaustive", () => {
    fc.assert(
      fc.property(pricingStates, (state) => {
        for (const m of priceAll(state)) {
          for (const s of m.selections) {
            for (const x of [s.probability, s.push, s.lose]) assert.ok(x >= 0 && x <= 1 + 1e-12, `${m.key} ${s.key} ${x}`);
            close(s.probability + s.push + s.lose, 1, `${m.key} ${m.line} ${s.key}`);
            if (s.fairOdds !== null) close(s.fairOdds * s.probability, 1 - s.push, `${m.key} ${s.key} zero EV`, 1e-9);
          }
          const wins = m.selections.reduce((sum, s) => sum + s.probability, 0);
          if (m.key === "double-chance") close(wins, 2, m.key);
          else if (m.selections.length === 2) close(wins + m.selections[0].push, 1, `${m.key} ${m.line}`);
          else close(wins, 1, m.key);
          if (m.selections.length === 2) close(m.selections[0].push, m.selections[1].push, `${m.key} ${m.line} push`, 0);
        }
      }),
      RUNS,
    );
  });

  test("double chance and draw-no-bet agree with 1X2", () => {
    fc.assert(
      fc.property(pricingStates, (state) => {
        const prices = priceAll(state);
        const [home, draw, away] = byKey(prices, "1x2")[0].selections.map((s) => s.probability);
        const [hd, ha, da] = byKey(prices, "double-chance")[0].selections.map((s) => s.probability);
        close(hd, home + draw, "1x");
        close(ha, home + away, "12");
        close(da, draw + away, "x2");
        const dnb = byKey(prices, "draw-no-bet")[0].selections;
        close(dnb[0].probability, home, "dnb home");
        close(dnb[1].probability, away, "dnb away");
        close(dnb[0].push, draw, "dnb push");
      }),
      RUNS,
    );
  });

  test("over is non-increasing in the total line; home is non-decreasing in the home side's handicap", () => {
    fc.assert(
      fc.property(pricingStates, (state) => {
        const prices = priceAll(state);
        for (const key of ["total-goals", "team-total-home", "team-total-away", "ht-total-goals"]) {
          const overs = byKey(prices, key).map((m) => m.selections[0].probability);
          const unders = byKey(prices, key).map((m) => m.selections[1].probability);
          for (let k = 1; k < overs.length; k++) {
            assert.ok(overs[k] <= overs[k - 1] + 1e-15, `${key} over rises at step ${k}`);
            assert.ok(unders[k] >= unders[k - 1] - 1e-15, `${key} under falls at step ${k}`);
          }
        }
        // A higher home line (e.g. +1.5 rather than -1.5) helps the home side.
        const handicaps = byKey(prices, "asian-handicap");
        for (let k = 1; k < handicaps.length; k++) {
          assert.ok(handicaps[k].selections[0].probability >= handicaps[k - 1].selections[0].probability - 1e-15);
          assert.ok(handicaps[k].selections[1].probability <= handicaps[k - 1].selections[1].probability + 1e-15);
        }
      }),
      RUNS,
    );
  });

  test("a quarter line is the average of its two neighbouring half and whole lines", () => {
    fc.assert(
      fc.property(pricingStates, (state) => {
        const prices = priceAll(state);
        for (const key of ["total-goals", "asian-handicap"]) {
          const markets = byKey(prices, key);
          for (let k = 1; k + 1 < markets.length; k++) {
            if ((markets[k].line! * 4) % 2 === 0) continue;
            markets[k].selections.forEach((s, i) => {
              const below = markets[k - 1].selections[i];
              const above = markets[k + 1].selections[i];
              close(s.probability, (below.probability + above.probability) / 2, `${key} ${markets[k].line} ${s.key} win`);
              close(s.push, (below.push + above.push) / 2, `${key} ${markets[k].line} ${s.key} push`);
            });
          }
        }
      }),
      RUNS,
    );
  });

  test("decided markets settle as derived for every score still reachable, and are never offered", () => {
    const reachable = fc.record({ i: fc.nat(12), j: fc.nat(12) });
    let decidedSeen = 0;
    fc.assert(
      fc.property(pricingStates, fc.array(reachable, { minLength: 5, maxLength: 5 }), (state, extra) => {
        const canHome = cells(state.fullTime).some((c) => c.i > 0 && c.p > 0);
        const canAway = cells(state.fullTime).some((c) => c.j > 0 && c.p > 0);
        const htCanHome = state.firstHalf !== null && cells(state.firstHalf).some((c) => c.i > 0 && c.p > 0);
        const htCanAway = state.firstHalf !== null && cells(state.firstHalf).some((c) => c.j > 0 && c.p > 0);
        for (const m of priceAll(state)) {
          if (m.status !== "decided" || !oneScore(m)) continue;
          decidedSeen += 1;
          const halfTime = m.key.startsWith("ht-");
          for (const { i, j } of extra) {
            const base = halfTime && !state.firstHalf ? state.halfTimeScore! : state.score;
            const goals = { home: base.home + ((halfTime ? htCanHome : canHome) ? i : 0), away: base.away + ((halfTime ? htCanAway : canAway) ? j : 0) };
            const result = halfTime
              ? { score: goals, halfTimeScore: goals }
              : { score: goals, halfTimeScore: { home: 0, away: 0 } };
            for (const s of m.selections) {
              assert.equal(settleMarket(m, s.key, result), s.outcome, `${m.key} ${m.line} ${s.key} at ${goals.home}-${goals.away}`);
              assert.equal(s.fairOdds, null);
              assert.ok([0, 0.5, 1].includes(s.probability));
            }
          }
        }
      }),
      RUNS,
    );
    assert.ok(decidedSeen > 0, "the generated states decided some markets");
  });

  test("an open market still has a goal to come that would change how it settles", () => {
    fc.assert(
      fc.property(pricingStates, (state) => {
        const canHome = cells(state.fullTime).some((c) => c.i > 0 && c.p > 0);
        const canAway = cells(state.fullTime).some((c) => c.j > 0 && c.p > 0);
        for (const m of priceAll(state)) {
          if (m.status !== "open") continue;
          if (m.key === "next-goal") {
            assert.ok(canHome || canAway, "next goal open with no goal to come");
            continue;
          }
          if (!oneScore(m)) continue;
          const spec = settlementOf(m);
          const halfTime = m.key.startsWith("ht-");
          assert.ok(!halfTime || state.firstHalf !== null, `${m.key} open after half time`);
          const grid = halfTime ? state.firstHalf! : state.fullTime;
          const home = cells(grid).some((c) => c.i > 0 && c.p > 0) ? 12 : 0;
          const away = cells(grid).some((c) => c.j > 0 && c.p > 0) ? 12 : 0;
          const at = (s: number, i: number, j: number) =>
            selectionOutcome(spec.kind, spec.line ?? 0, s, state.score.home + i, state.score.away + j);
          let changes = false;
          for (let s = 0; s < m.selections.length && !changes; s++) {
            for (let i = 0; i <= home && !changes; i++) for (let j = 0; j <= away && !changes; j++) changes = at(s, i, j) !== at(s, 0, 0);
          }
          assert.ok(changes, `${m.key} ${m.line} is open at ${state.score.home}-${state.score.away} but no goal changes it`);
        }
      }),
      RUNS,
    );
  });
});

describe("offered market properties", () => {
  const offered = fc.tuple(pricingStates, fc.boolean()).map(([state, inPlay]) => ({
    inPlay,
    markets: priceAll({ ...state, inPlay }).map((m) => offerMarket(m, { inPlay })),
  }));

  test("no market has one side priced and the other not: every selection that can win is priced, or none is", () => {
    fc.assert(
      fc.property(offered, ({ markets }) => {
        for (const m of markets) {
          if (m.status === "decided") continue;
          const canWin = m.selections.filter((s) => s.probability > 0);
          const priced = canWin.filter((s) => s.odds !== null);
          if (m.status === "suspended") assert.equal(priced.length, 0, `${m.key} ${m.line} suspended with prices`);
          else if (m.key === "correct-score") assert.ok(priced.length >= 2, "correct score lists its likely scores");
          else assert.equal(priced.length, canWin.length, `${m.key} ${m.line} open with ${priced.length} of ${canWin.length} selections priced`);
        }
      }),
      RUNS,
    );
  });

  test("every offered market's overround after rounding is within tolerance of its group's target, no price above fair or past the cap", () => {
    fc.assert(
      fc.property(offered, ({ inPlay, markets }) => {
        for (const m of markets.filter((x) => x.status === "open")) {
          let book = 0;
          for (const s of m.selections) {
            if (s.odds === null) continue;
            book += 1 / s.odds;
            const fair = s.push < 1 ? (1 - s.push) / s.probability : Infinity;
            assert.ok(s.odds <= fair * (1 + 1e-9), `${m.key} ${m.line} ${s.key} at ${s.odds} above fair ${fair}`);
            assert.ok(s.odds >= MIN_ODDS && s.odds <= (inPlay ? MAX_ODDS_IN_PLAY : MAX_ODDS_PRE_MATCH));
          }
          const overround = book / winnersOf(m.key) - 1;
          const target = GROUP_MARGINS[m.group as keyof typeof GROUP_MARGINS];
          assert.ok(
            overround >= target - OVERROUND_TOLERANCE.below - 1e-9 && overround <= target + OVERROUND_TOLERANCE.above + 1e-9,
            `${m.key} ${m.line}: ${(100 * overround).toFixed(2)}% for a ${100 * target}% target`,
          );
        }
      }),
      RUNS,
    );
  });
});
