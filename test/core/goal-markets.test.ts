import { describe, expect, test } from "vitest";
import { settleAll, settleMarket, type MatchResult } from "@pricing/core/sports/football/markets/settle";
import { priceAll, type MarketPrice } from "@pricing/core/sports/football/markets/index";
import { pricingState } from "@pricing/core/sports/football/models/inplay";
import type { MatchSituation } from "@pricing/core/sports/football/models/situation";

const result = (score: [number, number], ht: [number, number] | null, extra: Partial<MatchResult> = {}): MatchResult => ({
  score: { home: score[0], away: score[1] },
  halfTimeScore: ht && { home: ht[0], away: ht[1] },
  goals: null,
  ...extra,
});

/** Every selection's outcome of one market, by key. */
function outcomes(r: MatchResult, key: string, line: number | null = null, rule?: "all-void"): Record<string, string> {
  const m = settleAll(r, rule).find((x) => x.key === key && x.line === line);
  expect(m, `${key} ${line}`).toBeDefined();
  return Object.fromEntries(m!.selections.map((s) => [s.key, s.outcome]));
}
const won = (o: Record<string, string>) => Object.keys(o).filter((k) => o[k] === "won");

describe("settling the new goal markets on known scores", () => {
  test("2-1 after 0-1 at half time", () => {
    const r = result([2, 1], [0, 1]);
    expect(won(outcomes(r, "2h-1x2"))).toEqual(["home"]);
    expect(outcomes(r, "2h-total-goals", 1.5)).toEqual({ over: "won", under: "lost" });
    expect(outcomes(r, "2h-total-goals", 2)).toEqual({ over: "push", under: "push" });
    expect(outcomes(r, "2h-btts")).toEqual({ yes: "lost", no: "won" });
    expect(outcomes(r, "both-halves-over", 0.5)).toEqual({ yes: "won", no: "lost" });
    expect(won(outcomes(r, "ht-ft"))).toEqual(["away-home"]);
    expect(outcomes(r, "ht-total-goals", 3.5)).toEqual({ over: "lost", under: "won" });
    expect(outcomes(r, "win-to-nil-home")).toEqual({ yes: "lost", no: "won" });
    expect(outcomes(r, "clean-sheet-home")).toEqual({ yes: "lost", no: "won" });
    expect(outcomes(r, "clean-sheet-away")).toEqual({ yes: "lost", no: "won" });
    expect(won(outcomes(r, "winning-margin"))).toEqual(["home-by-1"]);
    expect(won(outcomes(r, "exact-total-goals"))).toEqual(["3"]);
  });

  test("3-0 after 0-0, 0-4 after 0-2 and 8-0", () => {
    const r = result([3, 0], [0, 0]);
    expect(outcomes(r, "win-to-nil-home")).toEqual({ yes: "won", no: "lost" });
    expect(outcomes(r, "clean-sheet-home").yes).toBe("won");
    expect(outcomes(r, "clean-sheet-away").yes).toBe("lost");
    expect(won(outcomes(r, "winning-margin"))).toEqual(["home-by-3+"]);
    expect(outcomes(r, "both-halves-over", 0.5).yes).toBe("lost");
    expect(won(outcomes(r, "ht-ft"))).toEqual(["draw-home"]);
    expect(won(outcomes(r, "2h-1x2"))).toEqual(["home"]);
    const away = result([0, 4], [0, 2]);
    expect(outcomes(away, "win-to-nil-away").yes).toBe("won");
    expect(won(outcomes(away, "winning-margin"))).toEqual(["away-by-3+"]);
    expect(won(outcomes(away, "2h-1x2"))).toEqual(["away"]);
    expect(won(outcomes(away, "ht-ft"))).toEqual(["away-away"]);
    expect(won(outcomes(result([8, 0], [5, 0]), "exact-total-goals"))).toEqual(["7+"]);
    expect(won(outcomes(result([1, 1], [1, 1]), "2h-1x2"))).toEqual(["draw"]);
    expect(settleMarket({ key: "winning-margin", line: null }, "draw", result([2, 2], [0, 0]))).toBe("won");
  });

  test("abandoned after a completed first half: what no further play could change stands, the rest is void", () => {
    const r = result([1, 0], [0, 0], { abandoned: true, goals: ["home"] });
    expect(outcomes(r, "both-halves-over", 0.5)).toEqual({ yes: "lost", no: "won" });
    expect(outcomes(r, "2h-total-goals", 0.5)).toEqual({ over: "won", under: "lost" });
    expect(outcomes(r, "clean-sheet-away")).toEqual({ yes: "lost", no: "won" });
    expect(outcomes(r, "win-to-nil-away")).toEqual({ yes: "lost", no: "won" });
    for (const key of ["ht-ft", "2h-1x2", "2h-btts", "win-to-nil-home", "clean-sheet-home", "winning-margin", "exact-total-goals"]) {
      expect(Object.values(outcomes(r, key)).every((o) => o === "void"), key).toBe(true);
    }
    expect(Object.values(outcomes(r, "both-halves-over", 0.5, "all-void")).every((o) => o === "void")).toBe(true);
  });

  test("abandoned in the first half: every second-half, half-time/full-time and both-halves market is void", () => {
    const r = result([1, 0], null, { abandoned: true, goals: ["home"] });
    for (const [key, line] of [["ht-ft", null], ["both-halves-over", 0.5], ["2h-1x2", null], ["2h-total-goals", 0.5], ["2h-btts", null]] as const) {
      expect(Object.values(outcomes(r, key, line)).every((o) => o === "void"), key).toBe(true);
    }
  });
});

describe("decided in play", () => {
  const base: MatchSituation = { homeXg: 1.6, awayXg: 1.1, rho: -0.1, period: "1H", minute: 20, score: { home: 0, away: 0 }, redCards: { home: 0, away: 0 } };
  const at = (s: Partial<MatchSituation>) => priceAll({ ...pricingState({ ...base, ...s }), inPlay: true });
  const find = (prices: MarketPrice[], key: string, line: number | null = null) => prices.find((m) => m.key === key && m.line === line)!;
  const outcome = (m: MarketPrice, key: string) => m.selections.find((s) => s.key === key)!.outcome;

  test("after a home goal the away side cannot win to nil or keep a clean sheet; the home side still can", () => {
    const prices = at({ score: { home: 1, away: 0 } });
    for (const key of ["win-to-nil-away", "clean-sheet-away"]) {
      expect(find(prices, key).status, key).toBe("decided");
      expect(outcome(find(prices, key), "no")).toBe("won");
    }
    for (const key of ["win-to-nil-home", "clean-sheet-home", "winning-margin", "exact-total-goals", "ht-ft", "2h-1x2", "both-halves-over"]) {
      expect(find(prices, key, key === "both-halves-over" ? 0.5 : null).status, key).toBe("open");
    }
    expect(find(prices, "exact-total-goals").selections[0].probability).toBe(0);
  });

  test("a goalless first half decides both halves over 0.5; a second-half goal after a first-half one decides it won", () => {
    const goalless = at({ period: "2H", minute: 60, halfTimeScore: { home: 0, away: 0 } });
    expect(find(goalless, "both-halves-over", 0.5).status).toBe("decided");
    expect(outcome(find(goalless, "both-halves-over", 0.5), "no")).toBe("won");
    const both = at({ period: "2H", minute: 60, score: { home: 1, away: 1 }, halfTimeScore: { home: 1, away: 0 } });
    expect(outcome(find(both, "both-halves-over", 0.5), "yes")).toBe("won");
    expect(find(both, "2h-total-goals", 0.5).status).toBe("decided");
    expect(find(both, "2h-1x2").status).toBe("open");
    expect(find(both, "ht-ft").status).toBe("open");
  });

  test("at the final whistle every new market is decided and half-time/full-time names one winner", () => {
    const prices = at({ period: "END", minute: 0, score: { home: 2, away: 1 }, halfTimeScore: { home: 0, away: 1 } });
    for (const m of prices.filter((x) => ["goals", "half-time", "second-half"].includes(x.group))) expect(m.status, m.key).toBe("decided");
    expect(find(prices, "ht-ft").selections.filter((s) => s.outcome === "won").map((s) => s.key)).toEqual(["away-home"]);
  });
});
