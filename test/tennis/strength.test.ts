import { describe, test } from "vitest";
import assert from "node:assert/strict";
import {
  differenceFor, matchWinOf, priceMatch, solveDifference, solveFromMarket, type MatchRules,
} from "@pricing/core/sports/tennis/index";

const BO3: MatchRules = { bestOf: 3, finalSet: "tiebreak7", noAd: false };
const BO5: MatchRules = { bestOf: 5, finalSet: "tiebreak10", noAd: false };

describe("serve strength from a price", () => {
  test("the solved difference gives back the match probability, iid and with a spread", () => {
    for (const rules of [BO3, BO5]) {
      for (const p of [0.2, 0.5, 0.7, 0.93]) {
        for (const spread of [0, 0.07]) {
          const s = solveDifference(p, 1.27, spread, rules);
          assert.ok(Math.abs(matchWinOf(s, rules) - p) < 1e-8, `${rules.bestOf} ${p} ${spread}`);
          assert.ok(Math.abs(differenceFor(p, 1.27, spread, rules).difference - s.difference) < 2e-4);
        }
      }
    }
  });
  test("with a total-games price the sum is solved too", () => {
    const s = solveFromMarket(0.7, { line: 22.5, over: 0.5 }, 0.07, BO3);
    const markets = priceMatch({ strength: s, rules: BO3, lines: { totalGames: [22.5] } });
    const over = markets.find((m) => m.key === "total-games" && m.line === 22.5)!.selections[0].probability;
    assert.ok(Math.abs(over - 0.5) < 1e-4, `${over}`);
    assert.ok(Math.abs(markets.find((m) => m.key === "match-winner")!.selections[0].probability - 0.7) < 1e-8);
  });
  test("the spread lowers the deciding-set probability at the same match price", () => {
    const deciding = (spread: number) => {
      const sb = priceMatch({ strength: solveDifference(0.65, 1.27, spread, BO3), rules: BO3 }).find((m) => m.key === "set-betting")!;
      return sb.selections[1].probability + sb.selections[2].probability;
    };
    assert.ok(deciding(0.07) < deciding(0) - 0.05);
  });
});
