import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { scoreCounts, SCORED_HANDICAP_LINES, SCORED_LINES, SCORED_TEAM_LINES, type CountRecord, type CountWalk, type MatchCounts } from "@pricing/core/sports/football/backtest/counts";
import { priceCountGroupFromGrids } from "@pricing/core/sports/football/markets/count-flat";
import { countGrids } from "@pricing/core/sports/football/markets/count-grids";
import { COUNT_PRIOR } from "@pricing/core/sports/football/models/counts";

const counts = (yellow: [number, number], red: [number, number], corners: [number, number] = [5, 5]): MatchCounts => ({
  corners: { home: corners[0], away: corners[1] },
  yellowCards: { home: yellow[0], away: yellow[1] },
  redCards: { home: red[0], away: red[1] },
});

const record = (observed: MatchCounts): CountRecord => ({
  season: "E0_2122", date: "2022-01-01", homeTeam: "Arsenal", awayTeam: "Fulham", observed,
  expected: {
    corners: { home: 6.1, away: 4.4 }, yellowCards: { home: 1.5, away: 1.8 },
    totalSize: { corners: 74, yellowCards: 138 }, redCards: COUNT_PRIOR.redCards.league,
  },
});

/** The count grids the engine builds for a record's forecast, before kick-off. */
function gridsOf(r: CountRecord) {
  const zero = { home: 0, away: 0 };
  return countGrids({
    share: 1,
    corners: { now: zero, means: r.expected.corners, dispersion: { ...COUNT_PRIOR.corners, totalSize: r.expected.totalSize.corners } },
    yellowCards: { now: zero, means: r.expected.yellowCards, dispersion: { ...COUNT_PRIOR.yellowCards, totalSize: r.expected.totalSize.yellowCards } },
    redCards: { now: zero, means: COUNT_PRIOR.redCards.league },
  });
}

describe("the scored booking points lines", () => {
  // 3 yellows and a red: 55 points, 5 cards. 4 yellows: 40 points, 4 cards. 2 yellows and a red: 45 points, 4 cards.
  const history = [counts([2, 1], [1, 0]), counts([2, 2], [0, 0])];
  const walk: CountWalk = {
    records: [record(counts([2, 1], [1, 0])), record(counts([2, 2], [0, 0])), record(counts([1, 1], [0, 1]))],
    history, historyBefore: [0, 1, 2], missingCounts: 0, beforeFrom: 0,
  };
  const scored = scoreCounts(walk);

  test("the lines are 30.5 and 40.5, named as the market keys are", () => {
    assert.deepEqual(scored.bookingPoints.map((m) => m.name), SCORED_LINES.bookingPoints.map((l) => `booking-points@${l} over/under`));
    assert.deepEqual([...SCORED_LINES.bookingPoints], [30.5, 40.5]);
  });

  test("outcomes count 10 a yellow and 25 a red (0, the over): apart from total cards, which count a red 2", () => {
    const [p30, p40] = scored.bookingPoints;
    assert.deepEqual(p30.outcome, [0, 0, 0]);
    assert.deepEqual(p40.outcome, [0, 1, 0]);
    const [c35, c45] = scored.cards;
    assert.deepEqual(c35.outcome, [0, 0, 0]);
    // 2 yellows and a red are 4 cards, under 4.5, and 45 points, over 40.5.
    assert.deepEqual(c45.outcome, [0, 1, 1]);
  });

  test("the model's forecast is the engine's booking points price; the baseline, add-one frequencies of the earlier matches", () => {
    const grids = gridsOf(walk.records[0]);
    const market = priceCountGroupFromGrids("cards", grids).find((m) => m.key === "booking-points" && m.line === 40.5)!;
    assert.deepEqual(scored.bookingPoints[1].model[0], market.selections.map((s) => s.probability));
    const overs = scored.bookingPoints[1].model[0][0];
    assert.ok(overs > 0.05 && overs < 0.95, `${overs}`);
    // Before the first match no history: (1, 1)/2. Before the third: one over (55) and one under (40) of 40.5, (2, 2)/4.
    assert.deepEqual(scored.bookingPoints[1].baseline.map((b) => b.map((x) => x.toFixed(4))), [["0.5000", "0.5000"], ["0.6667", "0.3333"], ["0.5000", "0.5000"]]);
  });
});

describe("the scored team totals", () => {
  // Corners 6-4 and cards: home 2 yellows and a red (4 cards), away 1 yellow. Then corners 5-5 and home 1 yellow, away 2.
  const history = [counts([2, 1], [1, 0], [6, 4])];
  const walk: CountWalk = {
    records: [record(counts([2, 1], [1, 0], [6, 4])), record(counts([1, 2], [0, 0], [5, 5]))],
    history, historyBefore: [0, 1], missingCounts: 0, beforeFrom: 0,
  };
  const scored = scoreCounts(walk);

  test("each side's corners and cards (a red 2) at its line, named as the market keys are", () => {
    assert.deepEqual(scored.teamTotals.map((m) => m.name), ["team-corners-home@5.5 over/under", "team-corners-away@4.5 over/under", "team-cards-home@1.5 over/under", "team-cards-away@1.5 over/under"]);
    assert.deepEqual(scored.teamTotals.map((m) => m.outcome), [[0, 1], [1, 0], [0, 1], [1, 0]]);
  });

  test("the model's forecasts are the engine's team-total prices, home and away apart", () => {
    const grids = gridsOf(walk.records[0]);
    const prices = [...priceCountGroupFromGrids("corners", grids), ...priceCountGroupFromGrids("cards", grids)];
    SCORED_TEAM_LINES.forEach((t, k) => {
      const market = prices.find((m) => m.key === t.key && m.line === t.line)!;
      assert.deepEqual(scored.teamTotals[k].model[0], market.selections.map((s) => s.probability), t.key);
    });
    // Home corners expected 6.1, over 5.5 (Poisson: 0.616); away 4.4, over 4.5 (Poisson: 0.449): each on its own side of a half.
    const [homeOver, awayOver] = [scored.teamTotals[0].model[0][0], scored.teamTotals[1].model[0][0]];
    assert.ok(homeOver > 0.5 && homeOver < 0.65 && awayOver > 0.4 && awayOver < 0.5, `${homeOver} ${awayOver}`);
    // The baseline before the second match: one over of 5.5 home corners in one match, (2, 1)/3.
    assert.deepEqual(scored.teamTotals[0].baseline[1].map((x) => x.toFixed(4)), ["0.6667", "0.3333"]);
  });
});

describe("the scored corner handicaps", () => {
  // Corners 6-4 (home by 2), 5-5, 4-5 (away by 1), 3-6 (away by 3).
  const corners: Array<[number, number]> = [[6, 4], [5, 5], [4, 5], [3, 6]];
  const walk: CountWalk = {
    records: corners.map((c) => record(counts([1, 1], [0, 0], c))),
    history: corners.map((c) => counts([1, 1], [0, 0], c)), historyBefore: [0, 1, 2, 3], missingCounts: 0, beforeFrom: 0,
  };
  const scored = scoreCounts(walk);

  test("the home side's lines -1.5 and +1.5, named as the market keys are; the home side covers (0) when its corners plus the line beat the away side's", () => {
    assert.deepEqual([...SCORED_HANDICAP_LINES], [-1.5, 1.5]);
    assert.deepEqual(scored.cornerHandicaps.map((m) => m.name), ["corner-handicap@-1.5 home/away", "corner-handicap@1.5 home/away"]);
    assert.deepEqual(scored.cornerHandicaps[0].outcome, [0, 1, 1, 1]);
    assert.deepEqual(scored.cornerHandicaps[1].outcome, [0, 0, 0, 1]);
  });

  test("the model's forecasts are the engine's handicap prices, on either side of most corners", () => {
    const grids = gridsOf(walk.records[0]);
    const prices = priceCountGroupFromGrids("corners", grids);
    SCORED_HANDICAP_LINES.forEach((line, k) => {
      const market = prices.find((m) => m.key === "corner-handicap" && m.line === line)!;
      assert.deepEqual(scored.cornerHandicaps[k].model[0], market.selections.map((s) => s.probability), `${line}`);
    });
    // Home by 2 or more is less likely than home ahead at all; home not behind by 2 or more, more likely than home ahead or level.
    const [home, draw] = scored.corners[2].model[0];
    const [minus, plus] = scored.cornerHandicaps.map((m) => m.model[0][0]);
    assert.ok(minus < home && plus > home + draw && minus > 0.2 && plus < 0.9, `${minus} ${home} ${draw} ${plus}`);
    // The baseline before the third match: one cover and one miss of -1.5, (2, 2)/4; of +1.5, two covers, (3, 1)/4.
    assert.deepEqual(scored.cornerHandicaps.map((m) => m.baseline[2]), [[0.5, 0.5], [0.75, 0.25]]);
  });
});
