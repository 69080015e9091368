import { describe, test } from "vitest";
import type { PricingState } from "@pricing/core/sports/football/markets/types";
import assert from "node:assert/strict";
import {
  CATALOGUE,
  MARKET_COUNT,
  SELECTION_COUNT,
  createFlatPrices,
  findMarket,
  preMatchState,
  priceAll,
  priceFlat,
  priceGroup,
  settleMarket,
  type MarketPrice,
  type Score,
} from "@pricing/core/sports/football/markets/index";
import { pricingState } from "@pricing/core/sports/football/models/inplay";
import type { MatchSituation } from "@pricing/core/sports/football/models/situation";
import { GOAL_GROUPS } from "@pricing/core/sports/football/markets/types";
import { scoreGrid } from "@pricing/core/sports/football/models/grid";
import { InputError } from "@pricing/core/errors";

const ARSENAL_FULHAM = preMatchState(2.117914, 1.025718, -0.1335741);

function market(prices: MarketPrice[], key: string, line: number | null = null): MarketPrice {
  const found = prices.find((m) => m.key === key && m.line === line);
  assert.ok(found, `market ${key} ${line}`);
  return found;
}

function selection(m: MarketPrice, key: string) {
  const found = m.selections.find((s) => s.key === key);
  assert.ok(found, `selection ${key} of ${m.key}`);
  return found;
}

describe("market catalogue", () => {
  test("has the documented markets, lines and selections under stable keys", () => {
    const count = (key: string) => CATALOGUE.filter((m) => m.key === key).length;
    assert.equal(count("total-goals"), 25); // 0.5 to 6.5 by 0.25
    assert.equal(count("asian-handicap"), 29); // -3.5 to +3.5 by 0.25
    assert.equal(count("team-total-home"), 7); // 0.5 to 3.5 by 0.5
    assert.equal(count("ht-total-goals"), 7); // 0.5 to 3.5 by 0.5
    const cs = findMarket("correct-score", null)!;
    assert.equal(cs.selections.length, 49 + 3);
    assert.ok(cs.selections.includes("2-1") && cs.selections.includes("6-6") && cs.selections.includes("other-draw"));
    assert.deepEqual(findMarket("asian-handicap", -0.25)!.selections, ["home", "away"]);
    assert.equal(findMarket("total-goals", 7), undefined);
    assert.equal(MARKET_COUNT, CATALOGUE.length);
    assert.equal(SELECTION_COUNT, CATALOGUE.reduce((n, m) => n + m.selections.length, 0));
    assert.deepEqual([...new Set(CATALOGUE.map((m) => m.group))], [...GOAL_GROUPS]);
  });
});

describe("market derivation, pre-match", () => {
  test("1X2 matches goalmodel's Dixon-Coles figures for Arsenal-Fulham", () => {
    const [oneXTwo] = priceGroup("match-result", ARSENAL_FULHAM);
    assert.equal(oneXTwo.key, "1x2");
    const expected = [0.6114897, 0.226823, 0.1616873];
    oneXTwo.selections.forEach((s, k) => assert.ok(Math.abs(s.probability - expected[k]) < 1e-6, `${s.key} ${s.probability}`));
    assert.equal(oneXTwo.status, "open");
  });

  test("fair odds are (1 - push) / win: draw-no-bet on a draw refunds", () => {
    const dnb = market(priceGroup("match-result", ARSENAL_FULHAM), "draw-no-bet");
    const home = selection(dnb, "home");
    assert.ok(Math.abs(home.push - 0.226823) < 1e-6);
    assert.ok(Math.abs(home.fairOdds! - (1 - 0.226823) / 0.6114897) < 1e-5);
  });

  test("priceGroup returns the same markets as priceAll, group by group", () => {
    const all = priceAll(ARSENAL_FULHAM);
    const byGroup = GOAL_GROUPS.flatMap((g) => priceGroup(g, ARSENAL_FULHAM));
    assert.deepEqual(byGroup, all);
    assert.equal(all.length, MARKET_COUNT);
  });

  test("the flat path and the objects carry the same numbers", () => {
    const flat = priceFlat(ARSENAL_FULHAM, createFlatPrices());
    for (const m of priceAll(ARSENAL_FULHAM)) {
      const spec = findMarket(m.key, m.line)!;
      m.selections.forEach((s, k) => {
        assert.equal(s.probability, flat.values[2 * (spec.first + k)]);
        assert.equal(s.push, flat.values[2 * (spec.first + k) + 1]);
      });
    }
  });

  test("next goal: none is the grid's 0-0, a goal splits by the scoring rates; the market names the goal it is about", () => {
    const [nextGoal] = priceGroup("next-goal", ARSENAL_FULHAM);
    const rate = 2.117914 + 1.025718, none = ARSENAL_FULHAM.fullTime.p[0];
    assert.ok(Math.abs(selection(nextGoal, "none").probability - none) < 1e-12);
    assert.ok(Math.abs(selection(nextGoal, "home").probability - (2.117914 / rate) * (1 - none)) < 1e-12);
    assert.equal(nextGoal.goal, 1);
  });
});

function inPlay(score: { home: number; away: number }, overrides: Partial<PricingState> = {}): PricingState {
  return { ...preMatchState(0.9, 0.5, 0), score, ...overrides };
}

describe("market derivation, in play", () => {
  test("after a goal, over 0.5 is decided won and is not offered", () => {
    const prices = priceAll(inPlay({ home: 1, away: 0 }));
    const over = market(prices, "total-goals", 0.5);
    assert.equal(over.status, "decided");
    assert.deepEqual(over.selections.map((s) => [s.key, s.outcome, s.probability, s.fairOdds]), [
      ["over", "won", 1, null],
      ["under", "lost", 0, null],
    ]);
    assert.equal(market(prices, "total-goals", 1.5).status, "open");
    assert.equal(market(prices, "team-total-home", 0.5).status, "decided");
    assert.equal(market(prices, "btts").status, "open");
  });

  test("a quarter line that one more goal still improves stays open", () => {
    const prices = priceAll(inPlay({ home: 2, away: 1 }));
    const over = market(prices, "total-goals", 2.75);
    assert.equal(over.status, "open");
    const s = selection(over, "over");
    assert.equal(s.lose, 0);
    assert.ok(s.probability > 0.5 && s.push > 0);
    assert.equal(market(prices, "total-goals", 2.25).status, "decided");
    assert.equal(selection(market(prices, "total-goals", 2.25), "over").outcome, "won");
  });

  test("correct scores the match has passed cost nothing and cannot win, the market stays open", () => {
    const cs = market(priceAll(inPlay({ home: 2, away: 1 })), "correct-score");
    assert.equal(cs.status, "open");
    for (const key of ["0-0", "1-1", "1-5", "6-0"]) {
      const s = selection(cs, key);
      assert.equal(s.probability, 0);
      assert.equal(s.fairOdds, null);
    }
    assert.ok(selection(cs, "2-1").probability > 0);
  });

  test("after half time the half-time markets are decided on the half-time score", () => {
    const state = inPlay({ home: 2, away: 2 }, { firstHalf: null, halfTimeScore: { home: 1, away: 0 } });
    const ht = priceGroup("half-time", state);
    const firstHalf = ht.filter((m) => m.key !== "ht-ft");
    assert.ok(firstHalf.every((m) => m.status === "decided" && m.selections.every((s) => s.fairOdds === null)));
    // Half-time/full-time waits for the final whistle, but only the half-time leader's row can still win.
    const htft = market(ht, "ht-ft");
    assert.equal(htft.status, "open");
    assert.deepEqual(htft.selections.filter((s) => s.probability > 0).map((s) => s.key), ["home-home", "home-draw", "home-away"]);
    assert.equal(selection(market(ht, "ht-1x2"), "home").outcome, "won");
    assert.equal(selection(market(ht, "ht-total-goals", 1), "over").outcome, "push");
    assert.equal(selection(market(ht, "ht-total-goals", 1), "over").push, 1);
  });

  test("at the final whistle every market is decided", () => {
    const state: PricingState = {
      fullTime: scoreGrid(0, 0),
      firstHalf: null,
      score: { home: 2, away: 1 },
      halfTimeScore: { home: 0, away: 1 },
      nextGoal: { home: 0, none: 1, away: 0 },
    };
    const prices = priceAll(state);
    assert.ok(prices.every((m) => m.status === "decided"));
    // In play the handicap counts from the score it is quoted at: 2-1 now is 0-0 on the rest of the match.
    assert.equal(market(prices, "asian-handicap", -1.25).basis, "rest");
    assert.equal(selection(market(prices, "asian-handicap", -1.25), "home").outcome, "lost");
    assert.equal(selection(market(prices, "asian-handicap", 0.25), "home").outcome, "half-won");
    assert.equal(selection(market(prices, "correct-score"), "2-1").outcome, "won");
    assert.equal(selection(market(prices, "next-goal"), "none").outcome, "won");
    assert.equal(market(prices, "next-goal").goal, 4);
  });

  test("a side past six goals settles other-home for certain when the other side cannot score", () => {
    const state = inPlay({ home: 8, away: 0 }, { fullTime: scoreGrid(1.2, 0), firstHalf: scoreGrid(0.5, 0) });
    const cs = market(priceAll(state), "correct-score");
    assert.equal(cs.status, "decided");
    assert.equal(selection(cs, "other-home").outcome, "won");
    assert.equal(market(priceAll(inPlay({ home: 8, away: 0 })), "correct-score").status, "open");
  });

  test("an incoherent state is an InputError, not a NaN price", () => {
    const bad: PricingState[] = [
      inPlay({ home: -1, away: 0 }),
      inPlay({ home: 1.5, away: 0 }),
      inPlay({ home: 1, away: 0 }, { firstHalf: null, halfTimeScore: null }),
      inPlay({ home: 1, away: 0 }, { firstHalf: null, halfTimeScore: { home: 2, away: 0 } }),
      inPlay({ home: 0, away: 0 }, { nextGoal: { home: Number.NaN, none: 0, away: 0 } }),
    ];
    for (const state of bad) {
      assert.throws(() => priceAll(state), (e: unknown) => e instanceof InputError && e.code === "markets.invalid_state");
    }
  });
});

describe("lines in play", () => {
  const base: MatchSituation = { homeXg: 2.117914, awayXg: 1.025718, rho: -0.1335741, period: "2H", minute: 70, score: { home: 0, away: 0 }, halfTimeScore: { home: 0, away: 0 }, redCards: { home: 0, away: 0 } };
  const inPlayAt = (score: Score, halfTimeScore: Score, minute = 70): PricingState => ({ ...pricingState({ ...base, minute, score, halfTimeScore }), inPlay: true });
  const open = (prices: MarketPrice[], key: string) => prices.filter((m) => m.key === key && m.status === "open");
  /** Both sides a real chance: the lines a trader wants open. */
  const twoWay = (m: MarketPrice) => m.selections.every((s) => s.probability > 0.1);

  test("before kick-off every line is on the whole match; in play handicaps are on the rest of the match from the score now", () => {
    const pre = priceAll(ARSENAL_FULHAM);
    assert.ok(pre.filter((m) => m.line !== null).every((m) => m.basis === "match" && m.from === undefined), "pre-match lines on the match");
    const live = priceAll(inPlayAt({ home: 2, away: 0 }, { home: 1, away: 0 }, 80));
    for (const m of live.filter((x) => x.key === "asian-handicap")) {
      assert.equal(m.basis, "rest");
      assert.deepEqual(m.from, { home: 2, away: 0 });
    }
    assert.ok(live.filter((m) => m.key === "total-goals").every((m) => m.basis === "match"), "totals stay on the match");
    // Level on the rest of the match: the home side's 0 line is close to the away side's.
    const level = market(live, "asian-handicap", 0);
    assert.ok(level.status === "open" && twoWay(level), `level line at ${level.selections.map((x) => x.probability)}`);
  });

  test("at 4-0 the handicap still offers lines around the rest of the match, level included", () => {
    const prices = priceAll(inPlayAt({ home: 4, away: 0 }, { home: 2, away: 0 }));
    const lines = open(prices, "asian-handicap").filter(twoWay).map((m) => m.line!);
    assert.ok(lines.includes(0) && lines.includes(-0.5) && lines.includes(0.5), `open two-way lines ${lines}`);
  });

  test("at seven goals the totals lines run past seven, centred on goals so far plus goals to come", () => {
    const prices = priceAll(inPlayAt({ home: 4, away: 3 }, { home: 2, away: 2 }, 75));
    const lines = open(prices, "total-goals").filter(twoWay).map((m) => m.line!);
    assert.ok(lines.length > 0 && lines.every((l) => l > 7), `open two-way lines ${lines}`);
    assert.ok(lines.includes(7.5), `open two-way lines ${lines}`);
    // A line past 6.5 settles like any other: 8 goals win over 7.5.
    const over = market(prices, "total-goals", 7.5);
    assert.equal(settleMarket(over, "over", { score: { home: 5, away: 3 }, halfTimeScore: { home: 2, away: 2 } }), "won");
  });
});
