import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { CATALOGUE, settleAll, settleMarket, type MatchResult } from "../../packages/core/src/markets/index";
import { InputError } from "../../packages/core/src/errors";

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
