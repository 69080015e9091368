import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { ABANDONMENT_RULE, CATALOGUE, settleAll, settleMarket, settlementKey, type MarketRef, type MatchResult } from "@pricing/core/sports/football/markets/index";
import { InputError } from "@pricing/core/errors";

function result(home: number, away: number, htHome = 0, htAway = 0, extra: Partial<MatchResult> = {}): MatchResult {
  return { score: { home, away }, halfTimeScore: { home: htHome, away: htAway }, ...extra };
}

/** [market key, line, selection, final score, expected outcome], worked out by hand. */
const HAND_CHECKED: [string, number | null, string, [number, number], string][] = [
  // Quarter lines: the stake is split over the two neighbouring lines.
  ["asian-handicap", -0.25, "home", [1, 1], "half-lost"], // 0 push, -0.5 lost
  ["asian-handicap", -0.25, "away", [1, 1], "half-won"],
  ["asian-handicap", -0.25, "home", [2, 1], "won"],
  ["asian-handicap", 0.75, "home", [0, 1], "half-lost"], // +0.5 lost, +1 push
  ["asian-handicap", -1.75, "home", [2, 0], "half-won"], // -1.5 won, -2 push
  ["asian-handicap", -1.75, "away", [2, 0], "half-lost"],
  ["asian-handicap", -1, "home", [2, 1], "push"],
  ["asian-handicap", -1, "home", [3, 1], "won"],
  ["asian-handicap", 1.5, "home", [0, 1], "won"],
  ["asian-handicap", 1.5, "away", [0, 2], "won"],
  ["total-goals", 2.75, "over", [2, 1], "half-won"], // 2.5 won, 3 push
  ["total-goals", 2.75, "under", [2, 1], "half-lost"],
  ["total-goals", 2.25, "over", [1, 1], "half-lost"], // 2 push, 2.5 lost
  ["total-goals", 2.25, "under", [1, 1], "half-won"],
  ["total-goals", 3, "over", [2, 1], "push"],
  ["total-goals", 0.5, "under", [0, 0], "won"],
  ["total-goals", 6.5, "over", [4, 3], "won"],
  ["team-total-home", 1, "over", [1, 3], "push"],
  ["team-total-away", 2.5, "under", [1, 3], "lost"],
  ["1x2", null, "draw", [2, 2], "won"],
  ["1x2", null, "home", [2, 2], "lost"],
  ["double-chance", null, "x2", [2, 2], "won"],
  ["double-chance", null, "12", [2, 2], "lost"],
  ["draw-no-bet", null, "home", [2, 2], "push"],
  ["draw-no-bet", null, "away", [0, 1], "won"],
  ["correct-score", null, "3-3", [3, 3], "won"],
  ["correct-score", null, "other-home", [7, 0], "won"],
  ["correct-score", null, "6-0", [7, 0], "lost"],
  ["correct-score", null, "other-draw", [7, 7], "won"],
  ["btts", null, "no", [1, 0], "won"],
  ["btts", null, "yes", [1, 1], "won"],
  ["odd-even", null, "odd", [2, 1], "won"],
  ["odd-even", null, "even", [0, 0], "won"],
];

describe("settleMarket", () => {
  for (const [key, line, selection, [home, away], expected] of HAND_CHECKED) {
    test(`${key} ${line ?? ""} ${selection} at ${home}-${away} is ${expected}`, () => {
      assert.equal(settleMarket({ key, line }, selection, result(home, away)), expected);
    });
  }

  test("half-time markets settle on the half-time score", () => {
    const r = result(3, 0, 0, 0);
    assert.equal(settleMarket({ key: "ht-1x2", line: null }, "draw", r), "won");
    assert.equal(settleMarket({ key: "ht-total-goals", line: 0.5 }, "under", r), "won");
    assert.equal(settleMarket({ key: "ht-total-goals", line: 1 }, "over", result(3, 0, 1, 0)), "push");
    assert.equal(settleMarket({ key: "1x2", line: null }, "home", r), "won");
  });

  test("next goal settles on who scored that goal, or none after the last", () => {
    const r = result(2, 1, 0, 1, { goals: ["away", "home", "home"] });
    const nextGoal = (goal: number, selection: string) => settleMarket({ key: "next-goal", line: null, goal }, selection, r);
    assert.equal(nextGoal(1, "away"), "won");
    assert.equal(nextGoal(2, "home"), "won");
    assert.equal(nextGoal(2, "away"), "lost");
    assert.equal(nextGoal(4, "none"), "won");
    assert.equal(settleMarket({ key: "next-goal", line: null }, "home", result(2, 0)), "won");
    assert.throws(() => nextGoal(5, "none"), (e: unknown) => e instanceof InputError && e.code === "settle.invalid_goal");
    assert.throws(
      () => settleMarket({ key: "next-goal", line: null, goal: 2 }, "home", result(1, 1)),
      (e: unknown) => e instanceof InputError && e.code === "settle.goal_order_required",
    );
  });

  test("an unknown goal order voids the next-goal markets that need it, and only those", () => {
    const r: MatchResult = { score: { home: 2, away: 1 }, halfTimeScore: { home: 1, away: 0 }, goals: null };
    assert.equal(settleMarket({ key: "next-goal", line: null, goal: 2 }, "home", r), "void");
    assert.equal(settleMarket({ key: "next-goal", line: null, goal: 4 }, "none", r), "won");
    assert.equal(settleMarket({ key: "1x2", line: null }, "home", r), "won");
    const nextGoals = settleAll(r).filter((m) => m.key === "next-goal");
    assert.deepEqual(nextGoals.map((m) => m.selections.map((s) => s.outcome)), [
      ["void", "void", "void"], ["void", "void", "void"], ["void", "void", "void"], ["lost", "won", "lost"],
    ]);
  });

  test("an abandoned match voids every selection under the all-void rule", () => {
    const r: MatchResult = { score: { home: 1, away: 0 }, halfTimeScore: null, abandoned: true };
    assert.equal(settleMarket({ key: "total-goals", line: 0.5 }, "over", r, "all-void"), "void");
    const all = settleAll(r, "all-void");
    assert.ok(all.length > 0 && all.every((m) => m.selections.every((s) => s.outcome === "void")));
  });

  test("bad requests are InputErrors with stable codes", () => {
    const cases: [() => unknown, string][] = [
      [() => settleMarket({ key: "total-goals", line: 2.6 }, "over", result(1, 1)), "settle.unknown_market"],
      [() => settleMarket({ key: "1x2", line: null }, "tie", result(1, 1)), "settle.unknown_selection"],
      [() => settleMarket({ key: "1x2", line: null }, "home", result(1, 1, 2, 0)), "settle.invalid_result"],
      [() => settleMarket({ key: "1x2", line: null }, "home", result(-1, 1)), "settle.invalid_result"],
      [() => settleAll(result(1, 1, 0, 0, { goals: ["home", "home"] })), "settle.invalid_result"],
    ];
    for (const [run, code] of cases) assert.throws(run, (e: unknown) => e instanceof InputError && e.code === code);
  });
});

describe("settleAll", () => {
  test("settles every catalogue selection once, and next goal for every goal that could be offered", () => {
    const r = result(2, 1, 1, 0, { goals: ["home", "away", "home"] });
    const all = settleAll(r);
    const nextGoals = all.filter((m) => m.key === "next-goal");
    assert.deepEqual(nextGoals.map((m) => [m.goal, m.selections.find((s) => s.outcome === "won")!.key]), [
      [1, "home"],
      [2, "away"],
      [3, "home"],
      [4, "none"],
    ]);
    // The catalogue, next goal for goals 1-4, totals lines 6.75-9.5 (in play they follow
    // the score) and the 29 rest-of-match handicap lines from each of 0-0, 1-0, 1-1, 2-1.
    assert.equal(all.length, CATALOGUE.length - 1 + 4 + 12 + 4 * 29);
    for (const m of all.filter((x) => x.key !== "next-goal")) {
      for (const s of m.selections) assert.equal(s.outcome, settleMarket(m, s.key, r));
    }
    const cs = all.find((m) => m.key === "correct-score")!;
    assert.deepEqual(cs.selections.filter((s) => s.outcome === "won").map((s) => s.key), ["2-1"]);
  });
});

describe("rest-of-match handicaps", () => {
  const atOneNil = { key: "asian-handicap", line: -0.5, basis: "rest" as const, from: { home: 1, away: 0 } };

  test("settle on the final score minus the score when the bet was struck", () => {
    // 1-0 at the bet, 2-1 at the end: the rest of the match was 1-1.
    assert.equal(settleMarket(atOneNil, "home", result(2, 1)), "lost");
    assert.equal(settleMarket(atOneNil, "away", result(2, 1)), "won");
    assert.equal(settleMarket({ ...atOneNil, line: 0 }, "home", result(2, 1)), "push");
    assert.equal(settleMarket({ ...atOneNil, line: -0.25 }, "home", result(3, 1)), "won");
    assert.equal(settleMarket({ ...atOneNil, line: 0.25 }, "home", result(2, 1)), "half-won");
    // The same line on the whole match: 2-1 covers -0.5.
    assert.equal(settleMarket({ key: "asian-handicap", line: -0.5 }, "home", result(2, 1)), "won");
  });

  test("settleAll settles them from every score the match passed through, under their own key", () => {
    const all = settleAll(result(2, 1, 1, 0, { goals: ["home", "away", "home"] }));
    const rest = all.filter((m) => m.basis === "rest");
    assert.deepEqual([...new Set(rest.map((m) => `${m.from!.home}-${m.from!.away}`))], ["0-0", "1-0", "1-1", "2-1"]);
    const m = rest.find((x) => x.line === -0.5 && x.from!.home === 1 && x.from!.away === 0)!;
    assert.equal(settlementKey(m), "asian-handicap|-0.5|-|rest 1-0");
    assert.equal(m.selections[0].outcome, "lost");
  });

  test("a score at the bet beyond the final score, or a rest basis on another market, is refused", () => {
    const refused = (code: string) => (e: unknown) => e instanceof InputError && e.code === code;
    assert.throws(() => settleMarket({ ...atOneNil, from: { home: 3, away: 0 } }, "home", result(2, 1)), refused("settle.invalid_basis"));
    assert.throws(() => settleMarket({ key: "total-goals", line: 2.5, basis: "rest", from: { home: 1, away: 0 } }, "over", result(2, 1)), refused("settle.invalid_basis"));
  });
});

describe("abandoned matches: decided bets stand", () => {
  // Abandoned in the second half at 2-1 after a 1-0 first half; goals home, away, home.
  const abandoned: MatchResult = { score: { home: 2, away: 1 }, halfTimeScore: { home: 1, away: 0 }, abandoned: true, goals: ["home", "away", "home"] };
  const outcome = (key: string, line: number | null, selection: string, extra: Partial<MarketRef> = {}) => settleMarket({ key, line, ...extra }, selection, abandoned);

  test("the rule is a named choice", () => {
    assert.equal(ABANDONMENT_RULE, "decided-stand");
  });

  test("a completed first half settles its markets", () => {
    assert.equal(outcome("ht-1x2", null, "home"), "won");
    assert.equal(outcome("ht-total-goals", 0.5, "over"), "won");
    assert.equal(outcome("ht-total-goals", 1.5, "under"), "won");
  });

  test("overs already passed win, their unders lose; lines not yet passed are void", () => {
    assert.equal(outcome("total-goals", 2.5, "over"), "won");
    assert.equal(outcome("total-goals", 2.5, "under"), "lost");
    assert.equal(outcome("total-goals", 2.75, "over"), "void");
    assert.equal(outcome("total-goals", 3, "under"), "void");
    assert.equal(outcome("team-total-home", 1.5, "over"), "won");
    assert.equal(outcome("team-total-away", 1.5, "over"), "void");
  });

  test("goals already scored settle next goal and both teams to score; the rest is void", () => {
    assert.equal(outcome("next-goal", null, "home", { goal: 1 }), "won");
    assert.equal(outcome("next-goal", null, "away", { goal: 2 }), "won");
    assert.equal(outcome("next-goal", null, "none", { goal: 4 }), "void");
    assert.equal(outcome("btts", null, "yes"), "won");
    assert.equal(outcome("btts", null, "no"), "lost");
    for (const [key, line, selection] of [["1x2", null, "home"], ["correct-score", null, "2-1"], ["odd-even", null, "odd"], ["asian-handicap", -0.5, "home"], ["draw-no-bet", null, "home"]] as const) {
      assert.equal(outcome(key, line, selection), "void", key);
    }
    assert.equal(outcome("asian-handicap", 0.5, "home", { basis: "rest", from: { home: 1, away: 1 } }), "void");
  });

  test("abandoned before half time: a half-time over already passed stands, the half-time result is void", () => {
    const early: MatchResult = { score: { home: 1, away: 1 }, halfTimeScore: null, abandoned: true, goals: ["away", "home"] };
    assert.equal(settleMarket({ key: "ht-total-goals", line: 1.5 }, "over", early), "won");
    assert.equal(settleMarket({ key: "ht-1x2", line: null }, "draw", early), "void");
    assert.equal(settleMarket({ key: "btts", line: null }, "yes", early), "won");
  });

  test("settleAll settles every market so, and next goal for each goal scored", () => {
    const all = settleAll(abandoned);
    const standing = all.filter((m) => m.selections.some((s) => s.outcome !== "void"));
    assert.ok(standing.some((m) => m.key === "ht-1x2") && standing.some((m) => m.key === "total-goals" && m.line === 2.5));
    assert.ok(all.filter((m) => m.key === "1x2").every((m) => m.selections.every((s) => s.outcome === "void")));
    assert.deepEqual(all.filter((m) => m.key === "next-goal").map((m) => m.selections.find((s) => s.outcome === "won")?.key ?? "void"), ["home", "away", "home", "void"]);
  });
});
