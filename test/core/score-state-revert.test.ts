import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { remainingExpectedGoals } from "@pricing/core/sports/football/models/inplay";
import type { MatchSituation } from "@pricing/core/sports/football/models/situation";

const AT_70: MatchSituation = { homeXg: 1.6, awayXg: 1.1, rho: 0, period: "2H", minute: 70, score: { home: 0, away: 0 }, halfTimeScore: { home: 0, away: 0 }, redCards: { home: 0, away: 0 } };

describe("score state after an equaliser", () => {
  test("at 1-1 after 0-1 the rates are back to a level match's: the factors follow the score at each repricing", () => {
    const level = remainingExpectedGoals(AT_70).fullTime;
    const behind = remainingExpectedGoals({ ...AT_70, score: { home: 0, away: 1 }, halfTimeScore: { home: 0, away: 1 } }).fullTime;
    const equalised = remainingExpectedGoals({ ...AT_70, score: { home: 1, away: 1 }, halfTimeScore: { home: 0, away: 1 } }).fullTime;
    assert.ok(behind.home > level.home && behind.away < level.away, "the side behind scores more");
    assert.ok(Math.abs(equalised.home - level.home) < 1e-12 && Math.abs(equalised.away - level.away) < 1e-12, `equalised ${JSON.stringify(equalised)} v level ${JSON.stringify(level)}`);
  });
});
