import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { pricingState, remainingExpectedGoals, nextGoalProbabilities } from "@pricing/core/sports/football/models/inplay";
import { scoreGrid, type ScoreGrid } from "@pricing/core/sports/football/models/grid";
import { RED_CARD_EFFECT, redCardFactors } from "@pricing/core/sports/football/models/red-cards";
import { SCORE_STATE_EFFECT } from "@pricing/core/sports/football/models/score-state";
import { CLUB_FIRST_HALF_SHARE, remainingShare } from "@pricing/core/sports/football/models/goal-profile";
import type { MatchSituation } from "@pricing/core/sports/football/models/situation";
import { priceAll } from "@pricing/core/sports/football/markets/derive";
import type { MarketPrice } from "@pricing/core/markets/types";
import { InputError } from "@pricing/core/errors";

// Arsenal-Fulham, the goalmodel package's Dixon-Coles example (see grid.test.ts).
const PRE: MatchSituation = {
  homeXg: 2.117914, awayXg: 1.025718, rho: -0.1335741,
  period: "PRE", minute: 0, score: { home: 0, away: 0 }, redCards: { home: 0, away: 0 },
};
const at = (patch: Partial<MatchSituation>): MatchSituation => ({ ...PRE, ...patch });

function sameGrid(a: ScoreGrid, b: ScoreGrid): void {
  assert.equal(a.size, b.size);
  for (let i = 0; i < a.p.length; i++) assert.ok(Math.abs(a.p[i] - b.p[i]) < 1e-15, `cell ${i}: ${a.p[i]} v ${b.p[i]}`);
}

function marginalMeans(g: ScoreGrid): { home: number; away: number } {
  let home = 0, away = 0;
  for (let h = 0; h < g.size; h++) for (let a = 0; a < g.size; a++) {
    home += h * g.p[h * g.size + a];
    away += a * g.p[h * g.size + a];
  }
  return { home, away };
}

const market = (prices: MarketPrice[], key: string, line: number | null = null) => {
  const m = prices.find((p) => p.key === key && p.line === line);
  assert.ok(m, `market ${key}@${line}`);
  return m;
};
const selection = (m: MarketPrice, key: string) => m.selections.find((s) => s.key === key)!;

describe("pricingState", () => {
  test("before kick-off: the Dixon-Coles grid and a first-half grid at 44.6%", () => {
    const s = pricingState(PRE);
    sameGrid(s.fullTime, scoreGrid(PRE.homeXg, PRE.awayXg, PRE.rho));
    sameGrid(s.firstHalf!, scoreGrid(0.446 * PRE.homeXg, 0.446 * PRE.awayXg));
    assert.deepEqual(s.score, { home: 0, away: 0 });
    assert.equal(s.halfTimeScore, null);
    const total = PRE.homeXg + PRE.awayXg;
    assert.equal(s.nextGoal.none, s.fullTime.p[0]);
    assert.ok(Math.abs(s.nextGoal.home - (PRE.homeXg / total) * (1 - s.fullTime.p[0])) < 1e-15);
  });

  test("at kick-off (1H, minute 0, 0-0) the grids are the pre-match grids", () => {
    const s = pricingState(at({ period: "1H", minute: 0 })), pre = pricingState(PRE);
    sameGrid(s.fullTime, pre.fullTime);
    sameGrid(s.firstHalf!, pre.firstHalf!);
  });

  test("at the end all mass is on no more goals", () => {
    const s = pricingState(at({ period: "END", minute: 94, score: { home: 2, away: 1 }, halfTimeScore: { home: 1, away: 1 } }));
    assert.equal(s.fullTime.p[0], 1);
    assert.equal(s.fullTime.p.reduce((x, y) => x + y, 0), 1);
    assert.equal(s.firstHalf, null);
    assert.deepEqual(s.nextGoal, { home: 0, none: 1, away: 0 });
    assert.deepEqual(s.halfTimeScore, { home: 1, away: 1 });
  });

  test("at half time: no first-half grid, the score is the half-time score, 55.4% of the goals to come", () => {
    const s = pricingState(at({ period: "HT", minute: 45, score: { home: 1, away: 1 } }));
    assert.equal(s.firstHalf, null);
    assert.deepEqual(s.halfTimeScore, { home: 1, away: 1 });
    const mean = marginalMeans(s.fullTime);
    assert.ok(Math.abs(mean.home - (1 - CLUB_FIRST_HALF_SHARE) * PRE.homeXg) < 1e-8, `home ${mean.home}`);
    assert.ok(Math.abs(mean.away - (1 - CLUB_FIRST_HALF_SHARE) * PRE.awayXg) < 1e-8, `away ${mean.away}`);
  });

  test("the side behind scores more of the goals to come, the side ahead fewer", () => {
    const s = pricingState(at({ period: "HT", minute: 45, score: { home: 1, away: 0 } }));
    const mean = marginalMeans(s.fullTime);
    const rest = 1 - CLUB_FIRST_HALF_SHARE;
    assert.ok(Math.abs(mean.home - rest * PRE.homeXg * SCORE_STATE_EFFECT.leading) < 1e-8, `home ${mean.home}`);
    assert.ok(Math.abs(mean.away - rest * PRE.awayXg * SCORE_STATE_EFFECT.trailing) < 1e-8, `away ${mean.away}`);
    assert.ok(SCORE_STATE_EFFECT.trailing > 1 && SCORE_STATE_EFFECT.leading < 1);
  });

  test("the chance of no more goals rises to 1 as the match runs out", () => {
    let previous = 0;
    for (let minute = 45; minute <= 110; minute += 1) {
      const p0 = pricingState(at({ period: "2H", minute, score: { home: 1, away: 1 }, halfTimeScore: { home: 1, away: 1 } })).fullTime.p[0];
      assert.ok(p0 >= previous - 1e-15, `minute ${minute}: ${p0} < ${previous}`);
      previous = p0;
    }
    assert.ok(previous > 0.9, `${previous} at 90+20`);
  });

  test("after a goal the remaining grid is independent Poisson; while 0-0 rho fades with the time left", () => {
    const goal = at({ period: "2H", minute: 70, score: { home: 0, away: 1 }, halfTimeScore: { home: 0, away: 0 } });
    const e = remainingExpectedGoals(goal);
    assert.equal(e.rho, 0);
    sameGrid(pricingState(goal).fullTime, scoreGrid(e.fullTime.home, e.fullTime.away));
    const goalless = remainingExpectedGoals(at({ period: "2H", minute: 70, halfTimeScore: { home: 0, away: 0 } }));
    assert.ok(Math.abs(goalless.rho - PRE.rho * remainingShare("2H", 70)) < 1e-15);
  });
});

describe("red cards", () => {
  const base = at({ period: "2H", minute: 60, score: { home: 1, away: 0 }, halfTimeScore: { home: 1, away: 0 } });

  test("a red card to the away side raises home's remaining goals and lowers away's", () => {
    const none = remainingExpectedGoals(base).fullTime;
    const red = remainingExpectedGoals({ ...base, redCards: { home: 0, away: 1 } }).fullTime;
    assert.ok(red.home > none.home && red.away < none.away);
    assert.ok(Math.abs(red.home / none.home - RED_CARD_EFFECT.opponent) < 1e-12);
    assert.ok(Math.abs(red.away / none.away - RED_CARD_EFFECT.penalised) < 1e-12);
    const next = [pricingState(base).nextGoal, pricingState({ ...base, redCards: { home: 0, away: 1 } }).nextGoal];
    assert.ok(next[1].home > next[0].home && next[1].away < next[0].away);
  });

  test("the difference in players counts, compounding per card; the effect lies between the published estimates and 1", () => {
    const two = redCardFactors({ home: 2, away: 1 });
    assert.ok(Math.abs(two.home - RED_CARD_EFFECT.penalised) < 1e-15);
    assert.ok(Math.abs(two.away - RED_CARD_EFFECT.opponent) < 1e-15);
    const twoDown = redCardFactors({ home: 0, away: 2 });
    assert.ok(Math.abs(twoDown.away - RED_CARD_EFFECT.penalised ** 2) < 1e-15);
    assert.ok(Math.abs(twoDown.home - RED_CARD_EFFECT.opponent ** 2) < 1e-15);
    // Penalised side: Vecer et al. (2009) about 0.67; opponent: between their +25% and Ridder et al.'s +88%.
    assert.ok(RED_CARD_EFFECT.penalised > 0.4 && RED_CARD_EFFECT.penalised < 0.9);
    assert.ok(RED_CARD_EFFECT.opponent > 1.1 && RED_CARD_EFFECT.opponent < 1.9);
  });
});

describe("nextGoalProbabilities", () => {
  test("splits the chance of another goal by the sides' rates and sums to 1", () => {
    const p = nextGoalProbabilities(scoreGrid(0.6, 0.2), 0.6, 0.2);
    assert.ok(Math.abs(p.none - Math.exp(-0.8)) < 1e-9);
    assert.ok(Math.abs(p.home / p.away - 3) < 1e-12);
    assert.ok(Math.abs(p.home + p.none + p.away - 1) < 1e-15);
    assert.deepEqual(nextGoalProbabilities(scoreGrid(0, 0), 0, 0), { home: 0, none: 1, away: 0 });
  });

  test("none is the grid's 0-0 with rho: 1.7 v 1.2, rho -0.1 before kick-off is 6.6%, as under 0.5 and correct score 0-0", () => {
    const s = pricingState({ ...PRE, homeXg: 1.7, awayXg: 1.2, rho: -0.1 });
    const markets = priceAll(s);
    const under05 = selection(markets.find((m) => m.key === "total-goals" && m.line === 0.5)!, "under").probability;
    const cs00 = markets.find((m) => m.key === "correct-score")!.selections.find((x) => x.key === "0-0")!.probability;
    const next = markets.find((m) => m.key === "next-goal")!;
    const none = selection(next, "none").probability;
    assert.ok(Math.abs(none - 0.066) < 0.001, `none ${none}`);
    assert.ok(Math.abs(none - under05) < 1e-12 && Math.abs(none - cs00) < 1e-12, `none ${none}, under 0.5 ${under05}, 0-0 ${cs00}`);
  });
});

describe("bad situations", () => {
  const cases: [string, Partial<MatchSituation>][] = [
    ["inplay.invalid_expected_goals", { homeXg: -0.1 }],
    ["inplay.invalid_expected_goals", { awayXg: NaN }],
    ["inplay.invalid_rho", { rho: 0.9 }],
    ["inplay.invalid_period", { period: "ET" as MatchSituation["period"] }],
    ["inplay.invalid_minute", { period: "1H", minute: 75 }],
    ["inplay.invalid_minute", { period: "2H", minute: 30, halfTimeScore: { home: 0, away: 0 } }],
    ["inplay.invalid_minute", { period: "2H", minute: 125, halfTimeScore: { home: 0, away: 0 } }],
    ["inplay.invalid_score", { period: "1H", minute: 10, score: { home: -1, away: 0 } }],
    ["inplay.invalid_score", { period: "1H", minute: 10, score: { home: 1.5, away: 0 } }],
    ["inplay.invalid_score", { score: { home: 1, away: 0 } }],
    ["inplay.invalid_red_cards", { period: "1H", minute: 10, redCards: { home: 6, away: 0 } }],
    ["inplay.invalid_red_cards", { period: "1H", minute: 10, redCards: { home: 0, away: -1 } }],
    ["inplay.invalid_red_cards", { redCards: { home: 1, away: 0 } }],
    ["inplay.invalid_half_time_score", { period: "2H", minute: 60, score: { home: 1, away: 0 }, halfTimeScore: { home: 2, away: 0 } }],
    ["inplay.invalid_half_time_score", { period: "2H", minute: 60 }],
    ["inplay.invalid_half_time_score", { period: "1H", minute: 20, halfTimeScore: { home: 0, away: 0 } }],
    ["inplay.invalid_half_time_score", { period: "HT", minute: 45, score: { home: 1, away: 0 }, halfTimeScore: { home: 0, away: 0 } }],
    ["inplay.invalid_expected_goals", { homeXg: 14, rho: 0, period: "1H", minute: 1, redCards: { home: 0, away: 5 } }],
  ];
  for (const [code, patch] of cases) {
    test(`${code}: ${inspect(patch, { breakLength: Infinity })}`, () => {
      assert.throws(() => pricingState(at(patch)), (e: unknown) => e instanceof InputError && e.code === code);
    });
  }
  test("a missing situation is rejected", () => {
    assert.throws(() => pricingState(null as unknown as MatchSituation), (e: unknown) => e instanceof InputError && e.code === "inplay.invalid_situation");
  });
});

describe("in play with market derivation", () => {
  const checkMarkets = (prices: MarketPrice[]) => {
    assert.ok(prices.length > 0);
    for (const m of prices) for (const s of m.selections) {
      for (const x of [s.probability, s.push, s.lose]) assert.ok(Number.isFinite(x) && x >= -1e-12 && x <= 1 + 1e-12, `${m.key}@${m.line} ${s.key}`);
      assert.ok(Math.abs(s.probability + s.push + s.lose - 1) < 1e-9);
    }
  };

  test("minute 60, 1-0, an away red card: valid markets, home favoured more than at 1-0 with eleven each", () => {
    const situation = at({ period: "2H", minute: 60, score: { home: 1, away: 0 }, halfTimeScore: { home: 1, away: 0 }, redCards: { home: 0, away: 1 } });
    const withRed = priceAll(pricingState(situation));
    checkMarkets(withRed);
    const without = priceAll(pricingState({ ...situation, redCards: { home: 0, away: 0 } }));
    assert.ok(selection(market(withRed, "1x2"), "home").probability > selection(market(without, "1x2"), "home").probability);
    assert.equal(market(withRed, "ht-1x2").status, "decided");
    assert.equal(selection(market(withRed, "ht-1x2"), "home").outcome, "won");
  });

  test("prices converge to the result as the clock runs down", () => {
    let previous = 0;
    for (const minute of [46, 60, 75, 85, 90, 95, 100, 110]) {
      const prices = priceAll(pricingState(at({ period: "2H", minute, score: { home: 1, away: 0 }, halfTimeScore: { home: 0, away: 0 } })));
      checkMarkets(prices);
      const home = selection(market(prices, "1x2"), "home").probability;
      assert.ok(minute < 100 ? home > previous : home >= previous, `minute ${minute}: ${home}`);
      previous = home;
    }
    // Past the longest stoppage (90+8) no goal is expected any more.
    assert.ok(previous === 1, `home win at 90+20 with 1-0: ${previous}`);
    const end = priceAll(pricingState(at({ period: "END", minute: 96, score: { home: 1, away: 0 }, halfTimeScore: { home: 0, away: 0 } })));
    assert.equal(selection(market(end, "1x2"), "home").outcome, "won");
  });
});
