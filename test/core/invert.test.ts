import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { rhoBounds, scoreGrid } from "@pricing/core/sports/football/models/grid";
import { expectedGoalsFromMarkets, gridMarkets } from "@pricing/core/sports/football/models/invert";
import { closingMatchOdds, closingOverUnder25, parseFootballData } from "@pricing/core/sports/football/models/csv";
import { removeMargin } from "@pricing/core/margin/remove";
import { InputError } from "@pricing/core/errors";

function marketsOf(homeXg: number, awayXg: number, rho: number) {
  const m = gridMarkets(scoreGrid(homeXg, awayXg, rho));
  return {
    matchResult: [m.home, m.draw, m.away] as [number, number, number],
    overUnder25: [m.over25, 1 - m.over25] as [number, number],
  };
}

/** Expected goals in [0.2, 4] each and a rho in [-0.2, 0.15], kept 10% inside its feasible range. */
const fixture = fc
  .record({
    homeXg: fc.double({ min: 0.2, max: 4, noNaN: true }),
    awayXg: fc.double({ min: 0.2, max: 4, noNaN: true }),
    rho: fc.double({ min: -0.2, max: 0.15, noNaN: true }),
  })
  .map(({ homeXg, awayXg, rho }) => {
    const { min, max } = rhoBounds(homeXg, awayXg);
    return { homeXg, awayXg, rho: Math.min(Math.max(rho, 0.9 * min), 0.9 * max) };
  });

const closeTo = (actual: number, expected: number, tolerance: number, what: string) =>
  assert.ok(Math.abs(actual - expected) < tolerance, `${what}: ${actual} vs ${expected}`);

describe("expectedGoalsFromMarkets: round trips", () => {
  test("1X2 alone, rho held: prices from known expected goals give them back to 1e-6", () => {
    fc.assert(
      fc.property(fixture, ({ homeXg, awayXg, rho }) => {
        const r = expectedGoalsFromMarkets({ matchResult: marketsOf(homeXg, awayXg, rho).matchResult }, { rho });
        closeTo(r.homeXg, homeXg, 1e-6, "home");
        closeTo(r.awayXg, awayXg, 1e-6, "away");
        assert.ok(r.residual < 1e-10, `residual ${r.residual}`);
      }),
      { numRuns: 120 },
    );
  });

  test("1X2 and over/under 2.5: expected goals and rho all come back to 1e-6", () => {
    fc.assert(
      fc.property(fixture, ({ homeXg, awayXg, rho }) => {
        const r = expectedGoalsFromMarkets(marketsOf(homeXg, awayXg, rho), { fitRho: true });
        closeTo(r.homeXg, homeXg, 1e-6, "home");
        closeTo(r.awayXg, awayXg, 1e-6, "away");
        closeTo(r.rho, rho, 1e-6, "rho");
      }),
      { numRuns: 120 },
    );
  });

  test("1X2 and over/under 2.5 with rho held: a consistent set is fitted exactly", () => {
    fc.assert(
      fc.property(fixture, ({ homeXg, awayXg, rho }) => {
        const r = expectedGoalsFromMarkets(marketsOf(homeXg, awayXg, rho), { rho });
        closeTo(r.homeXg, homeXg, 1e-6, "home");
        closeTo(r.awayXg, awayXg, 1e-6, "away");
        assert.ok(r.residual < 1e-10, `residual ${r.residual}`);
      }),
      { numRuns: 60 },
    );
  });
});

describe("expectedGoalsFromMarkets: the totals price moves the total", () => {
  const base = marketsOf(1.6, 1.1, 0);
  const withOver = (over: number) => ({ matchResult: base.matchResult, overUnder25: [over, 1 - over] as [number, number] });
  const total = (r: { homeXg: number; awayXg: number }) => r.homeXg + r.awayXg;

  test("the same 1X2 with a dearer over 2.5 means more goals, a cheaper one fewer", () => {
    const alone = expectedGoalsFromMarkets({ matchResult: base.matchResult });
    closeTo(total(alone), 2.7, 1e-6, "1X2 alone");
    const over = base.overUnder25[0];
    const higher = expectedGoalsFromMarkets(withOver(over + 0.06), { fitRho: true });
    const lower = expectedGoalsFromMarkets(withOver(over - 0.06), { fitRho: true });
    assert.ok(total(higher) > 2.7 + 0.1, `total ${total(higher)}`);
    assert.ok(total(lower) < 2.7 - 0.1, `total ${total(lower)}`);
    // With rho free, three prices and three unknowns: both are reproduced exactly.
    for (const r of [higher, lower]) {
      assert.ok(r.residual < 1e-9, `residual ${r.residual}`);
      base.matchResult.forEach((p, i) => closeTo(r.fitted.matchResult[i], p, 1e-9, "1X2"));
    }
    closeTo(higher.fitted.overUnder25[0], over + 0.06, 1e-9, "over 2.5");
  });

  test("with rho held the set is over-determined: a least-squares fit between the two markets", () => {
    const over = base.overUnder25[0] + 0.06;
    const fit = expectedGoalsFromMarkets(withOver(over), { rho: 0 });
    assert.ok(fit.residual > 1e-4, `residual ${fit.residual}`);
    assert.ok(total(fit) > 2.7, `total ${total(fit)}`);
    assert.ok(fit.fitted.overUnder25[0] > base.overUnder25[0] && fit.fitted.overUnder25[0] < over);
    // Least squares: no nearby point fits better.
    const sq = (h: number, a: number) => {
      const m = marketsOf(h, a, 0);
      return (m.matchResult[0] - base.matchResult[0]) ** 2 + (m.matchResult[2] - base.matchResult[2]) ** 2 + (m.overUnder25[0] - over) ** 2;
    };
    const best = sq(fit.homeXg, fit.awayXg);
    closeTo(Math.sqrt(best), fit.residual, 1e-12, "reported residual");
    for (const [dh, da] of [[1e-3, 0], [-1e-3, 0], [0, 1e-3], [0, -1e-3], [1e-3, 1e-3], [-1e-3, -1e-3]]) {
      assert.ok(sq(fit.homeXg + dh, fit.awayXg + da) >= best);
    }
  });

  test("Pinnacle closing prices of Brentford v Arsenal 2021 invert to a consistent grid", () => {
    const file = parseFootballData(readFileSync(new URL("../../data/football-data/E0_2122.csv", import.meta.url), "utf8"));
    const match = file.matches[0];
    const matchResult = removeMargin(closingMatchOdds(match)!, "shin").probabilities as [number, number, number];
    const overUnder25 = removeMargin(closingOverUnder25(match)!, "shin").probabilities as [number, number];
    const r = expectedGoalsFromMarkets({ matchResult, overUnder25 }, { fitRho: true });
    assert.ok(r.residual < 1e-9, `residual ${r.residual}`);
    assert.ok(r.awayXg > r.homeXg, "Arsenal were favourites");
    assert.ok(r.homeXg + r.awayXg > 2 && r.homeXg + r.awayXg < 3.5);
  });
});

describe("expectedGoalsFromMarkets: bad input", () => {
  const code = (c: string) => (e: unknown) => e instanceof InputError && e.code === c;
  const matchResult: [number, number, number] = [0.45, 0.27, 0.28];

  test("probabilities outside (0, 1) or not summing to 1", () => {
    for (const bad of [[0.5, 0.3, 0.3], [0, 0.5, 0.5], [NaN, 0.5, 0.5], [0.5, 0.5]]) {
      assert.throws(() => expectedGoalsFromMarkets({ matchResult: bad as never }), code("invert.invalid_probabilities"));
    }
    assert.throws(() => expectedGoalsFromMarkets({ matchResult, overUnder25: [0.6, 0.6] }), code("invert.invalid_probabilities"));
  });

  test("rho cannot be solved from the match result alone", () => {
    assert.throws(() => expectedGoalsFromMarkets({ matchResult }, { fitRho: true }), code("invert.underdetermined"));
  });

  test("a fixed rho outside [-1, 1] is rejected", () => {
    assert.throws(() => expectedGoalsFromMarkets({ matchResult }, { rho: 2 }), code("grid.invalid_rho"));
  });
});
