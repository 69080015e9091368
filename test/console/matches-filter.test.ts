import { describe, test } from "vitest";
import assert from "node:assert/strict";
import type { MatchSummary } from "@pricing/console/api";
import { selectionName } from "@pricing/console/server/match-detail";
import { marketLabel } from "@pricing/console/server/prices";
import { filterMatches, filterOf, queryOf } from "../../packages/console/web/match-filter";
import { layLabels } from "../../packages/console/web/label-lanes";

const match = (matchId: string, sport: string, competition: string, status: MatchSummary["status"], homeTeam: string, awayTeam: string) =>
  ({ matchId, sport, competition, status, homeTeam, awayTeam }) as MatchSummary;
const MATCHES = [
  match("f1", "football", "Premier League", "in play", "Arsenal", "Everton"),
  match("f2", "football", "Premier League", "settled", "Chelsea", "Watford"),
  match("t1", "tennis", "Great Ocean Road Open", "in play", "Sinner J.", "Vukic A."),
  match("t2", "tennis", "Murray River Open", "scheduled", "Monfils G.", "Dimitrov G."),
];
const ids = (filter: string) => filterMatches(MATCHES, filterOf(new URLSearchParams(filter))).map((m) => m.matchId);

describe("the Matches view's filters", () => {
  test("sport, competition, status and names narrow the list together", () => {
    assert.deepEqual(ids(""), ["f1", "f2", "t1", "t2"]);
    assert.deepEqual(ids("sport=tennis"), ["t1", "t2"]);
    assert.deepEqual(ids("status=in+play"), ["f1", "t1"]);
    assert.deepEqual(ids("sport=tennis&status=in+play"), ["t1"]);
    assert.deepEqual(ids("competition=Murray+River+Open"), ["t2"]);
    assert.deepEqual(ids("q=vukic"), ["t1"], "case aside");
    assert.deepEqual(ids("q=gael+monfils"), [], "every word must match");
    assert.deepEqual(ids("q=DIMITROV%20g"), ["t2"]);
    assert.deepEqual(ids("sport=basketball"), []);
  });

  test("a filter goes into the address and comes back the same, empty fields left out", () => {
    const filter = filterOf(new URLSearchParams("sport=tennis&status=in+play&q=sinner&other=x"));
    assert.deepEqual(filter, { sport: "tennis", competition: "", status: "in play", q: "sinner", from: "", to: "", sort: "" });
    assert.equal(queryOf(filter), "sport=tennis&status=in+play&q=sinner");
    assert.deepEqual(filterOf(new URLSearchParams(queryOf(filter))), filter);
  });
});

describe("selections and markets as a trader reads them", () => {
  const players: [string, string] = ["Sinner J.", "Vukic A."];
  test("sides by name, scores from the winner's side", () => {
    assert.equal(selectionName("a", players), "Sinner J.");
    assert.equal(selectionName("b", players), "Vukic A.");
    assert.equal(selectionName("home", ["Arsenal", "Everton"]), "Arsenal");
    assert.equal(selectionName("away", ["Arsenal", "Everton"]), "Everton");
    assert.equal(selectionName("2-1", players), "Sinner J. 2-1");
    assert.equal(selectionName("1-2", players), "Vukic A. 2-1");
    assert.equal(selectionName("0-2", players), "Vukic A. 2-0");
    assert.equal(selectionName("1-1", ["Arsenal", "Everton"]), "Draw 1-1");
    assert.equal(selectionName("draw", ["Arsenal", "Everton"]), "Draw");
    assert.equal(selectionName("over", players), "Over");
    assert.equal(selectionName("a", null), "a", "no names: the key");
  });

  test("tennis market keys read as words; football's keep their names", () => {
    assert.equal(marketLabel({ key: "set-betting", line: null }), "Set betting");
    assert.equal(marketLabel({ key: "set-2-winner", line: null }), "Set 2 winner");
    assert.equal(marketLabel({ key: "player-games-a", line: 10.5 }), "Player games A 10.5");
    assert.equal(marketLabel({ key: "game-handicap", line: 3.5 }), "Game handicap +3.5");
    assert.equal(marketLabel({ key: "asian-handicap", line: -0.5 }), "Asian handicap -0.5");
    assert.equal(marketLabel({ key: "total-goals", line: 2.5 }), "Total goals 2.5");
  });
});

describe("marker labels in lanes", () => {
  const overlaps = (boxes: Array<{ x: number; width: number }>, lanes: Array<number | null>) =>
    boxes.some((a, i) => boxes.some((b, j) => i < j && lanes[i] !== null && lanes[i] === lanes[j] && a.x < b.x + b.width && b.x < a.x + a.width));

  test("labels that would touch go to the next lane; far apart ones share the first", () => {
    const boxes = [{ x: 10, width: 60 }, { x: 40, width: 60 }, { x: 75, width: 20 }, { x: 200, width: 50 }];
    const lanes = layLabels(boxes, 3);
    assert.deepEqual(lanes, [0, 1, 0, 0]);
    assert.equal(overlaps(boxes, lanes), false);
  });

  test("a label with no lane left is left out rather than drawn over another", () => {
    const boxes = [{ x: 0, width: 50 }, { x: 5, width: 50 }, { x: 10, width: 50 }];
    assert.deepEqual(layLabels(boxes, 2), [0, 1, null]);
  });
});
