import { describe, expect, test } from "vitest";
import { InputError } from "@pricing/core/errors";
import { handler, tennisModel } from "@pricing/core/sports/tennis/model";
import { TENNIS_GROUP_MARGINS } from "@pricing/core/sports/tennis/margins";
import { TENNIS_MARKET_GROUPS } from "@pricing/core/sports/tennis/market-types";
import { DEFAULT_RULES } from "@pricing/core/sports/tennis/rules";
import { OVERROUND_TOLERANCE } from "@pricing/core/margin/limits";
import type { TennisPricingInput } from "@pricing/core/sports/tennis/price";

const PRE: TennisPricingInput = { strength: { sum: 1.26, difference: 0.05, spread: 0.07, sumSpread: 0.07 }, rules: DEFAULT_RULES, firstServer: "a" };
const LIVE: TennisPricingInput = {
  ...PRE,
  score: { sets: [[6, 4]], current: { gamesA: 2, gamesB: 3, pointsA: 1, pointsB: 2, server: "b" } },
};

describe("the tennis model function", () => {
  test("prices each group's markets alone, at the group's margin within the ladder's tolerance", () => {
    for (const input of [PRE, LIVE]) {
      const seen = new Set<string>();
      for (const group of TENNIS_MARKET_GROUPS) {
        const markets = tennisModel.price(group, input);
        if (group === "game-winner" && input === PRE) expect(markets).toEqual([]);
        for (const m of markets) {
          expect(m.group).toBe(group);
          seen.add(m.group);
          if (m.status !== "open" || m.key === "set-betting") continue;
          const book = m.selections.reduce((sum, s) => sum + (s.odds === null ? 0 : 1 / s.odds), 0);
          const target = TENNIS_GROUP_MARGINS[group];
          const pushed = m.selections[0].push;
          if (pushed > 0 || m.selections.some((s) => s.odds === null)) continue;
          expect(book - 1 >= target - OVERROUND_TOLERANCE.below - 1e-9 && book - 1 <= target + OVERROUND_TOLERANCE.above + 1e-9, `${m.key}@${m.line} overround ${book - 1}`).toBe(true);
        }
      }
      expect(seen.size).toBe(input === PRE ? TENNIS_MARKET_GROUPS.length - 1 : TENNIS_MARKET_GROUPS.length);
    }
  });

  test("in play the price cap is the in-play one; a group the sport lacks is a typed input error", async () => {
    const [winner] = tennisModel.price("match-winner", LIVE);
    for (const s of winner.selections) expect(s.odds === null || s.odds <= 250).toBe(true);
    expect(() => tennisModel.price("match-result", PRE)).toThrow(InputError);
    // In a batch, the unknown group fails alone: the rest is priced.
    const batch = await handler({ matchId: "t", groups: ["corners", "tiebreak"], situation: PRE });
    expect(batch.failures).toEqual([{ group: "corners", error: expect.objectContaining({ name: "InputError" }) }]);
    expect(batch.results.map((r) => [r.group, r.status])).toEqual([["tiebreak", "priced"]]);
  });
});
