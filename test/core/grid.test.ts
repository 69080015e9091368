import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { scoreGrid, GRID_TAIL, poissonPmf, poissonSupport } from "@pricing/core/sports/football/models/grid";
import { poissonPmfReference } from "@pricing/core/sports/football/models/poisson";
import fc from "fast-check";
import { InputError } from "@pricing/core/errors";

describe("scoreGrid", () => {
  test("Dixon-Coles 1X2 matches goalmodel for Arsenal-Fulham", () => {
    const g = scoreGrid(2.117914, 1.025718, -0.1335741);
    let home = 0, draw = 0, away = 0;
    for (let h = 0; h < g.size; h++)
      for (let a = 0; a < g.size; a++) {
        const v = g.p[h * g.size + a];
        if (h > a) home += v; else if (h === a) draw += v; else away += v;
      }
    assert.ok(Math.abs(home - 0.6114897) < 1e-6, `home ${home}`);
    assert.ok(Math.abs(draw - 0.226823) < 1e-6, `draw ${draw}`);
    assert.ok(Math.abs(away - 0.1616873) < 1e-6, `away ${away}`);
  });

  test("leaves out less than 1e-10 of the mass", () => {
    for (const mean of [0, 0.3, 1.4, 3.2, 7.5]) {
      const n = poissonSupport(mean);
      let cdf = 0, pk = Math.exp(-mean);
      for (let k = 0; k < n; k++) { cdf += pk; pk *= mean / (k + 1); }
      assert.ok(1 - cdf < GRID_TAIL, `mean ${mean}: tail ${1 - cdf}`);
    }
  });

  test("the hot-path Poisson recurrence agrees with jstat's pmf to 1e-12", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 15, noNaN: true }), (mean) => {
        const n = poissonSupport(mean);
        const fast = poissonPmf(mean, n);
        const reference = poissonPmfReference(mean, n);
        for (let k = 0; k < n; k++) {
          assert.ok(Math.abs(fast[k] - reference[k]) <= 1e-12 * Math.max(1, reference[k]), `mean ${mean}, k ${k}: ${fast[k]} v ${reference[k]}`);
        }
      }),
    );
  });

  test("rejects NaN, negative and impossible rho with a stable code", () => {
    for (const [h, a, r] of [[NaN, 1, 0], [-0.1, 1, 0], [1, Infinity, 0], [2, 2, 0.9]]) {
      assert.throws(() => scoreGrid(h, a, r), (e: unknown) => e instanceof InputError && /grid\.invalid_/.test(e.code));
    }
  });
});
