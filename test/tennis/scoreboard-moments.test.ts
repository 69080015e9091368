import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { applyEvent } from "@pricing/core/match/reducer";
import { emptyState } from "@pricing/core/match/state";
import type { FeedEvent } from "@pricing/core/match/events";
import { matchMoments, matchScoreboard } from "@pricing/core/sports/registry";
import { sportFeed } from "@pricing/core/sports/tennis/replay/index";

const VIEW = { competition: null, start: null, participants: ["Sinner J.", "Vukic A."] as [string, string], score: null, situation: null };

/** A match fed point by point: A serves first; the scores are written by hand, as a scorer would. */
function match() {
  const events: FeedEvent[] = [];
  const add = (e: Record<string, unknown>) => events.push({ sport: "tennis", matchId: "T-1", eventId: `T-1-${events.length + 1}`, seq: events.length + 1, occurredAt: new Date(Date.UTC(2021, 1, 3, 1, 0, events.length)).toISOString(), ...e } as unknown as FeedEvent);
  add({ type: "Match Scheduled", tour: "ATP", competition: "Great Ocean Road Open", surface: "Hard", playerA: "Sinner J.", playerB: "Vukic A.", start: "2021-02-03T01:00:00.000Z", bestOf: 3, finalSet: "tiebreak7", matchProbability: 0.8 });
  add({ type: "Match Started", firstServer: "a" });
  const point = (player: "a" | "b", score: string, server: "a" | "b") => add({ type: "Point Won", player, score, server });
  const state = () => events.reduce((s, e) => ({ ...applyEvent(s, e).state, version: s.version + 1 }), emptyState("T-1"));
  return { events, add, point, state };
}

describe("tennis scoreboard", () => {
  test("sets, games and points as the feed writes them (40-40, AD), the server, the status of play", () => {
    const m = match();
    assert.equal(matchScoreboard(m.state())!.status, "in play");
    // Game 1, A serving: B wins it to love (a break); game 2, B serving, B holds.
    for (const s of ["0-0 0-15", "0-0 0-30", "0-0 0-40"]) m.point("b", s, "a");
    m.point("b", "0-1 0-0", "b");
    for (const s of ["0-1 0-15", "0-1 0-30", "0-1 0-40"]) m.point("b", s, "b");
    m.point("b", "0-2 0-0", "a");
    // Game 3, A serving, to deuce and A's advantage.
    m.point("a", "0-2 15-0", "a");
    m.point("b", "0-2 15-15", "a");
    m.point("a", "0-2 30-15", "a");
    m.point("b", "0-2 30-30", "a");
    m.point("a", "0-2 40-30", "a");
    m.point("b", "0-2 40-40", "a");
    let board = matchScoreboard(m.state())!;
    assert.deepEqual(board.columns.map((c) => c.label), ["Games", "Points"]);
    assert.deepEqual(board.rows.map((r) => [r.name, ...r.cells, r.serving]), [["Sinner J.", "0", "40", true], ["Vukic A.", "2", "40", false]]);
    m.point("a", "0-2 A-40", "a");
    board = matchScoreboard(m.state())!;
    assert.deepEqual(board.rows.map((r) => r.cells), [["0", "AD"], ["2", "40"]]);
    assert.deepEqual(board.details, ["ATP", "Hard", "best of 3", "final-set tiebreak"]);

    m.add({ type: "Play Suspended", reason: "rain" });
    board = matchScoreboard(m.state())!;
    assert.equal(board.status, "suspended");
    assert.equal(board.statusText, "suspended: rain");

    const moments = matchMoments("tennis", m.events, VIEW);
    assert.deepEqual(moments.filter((x) => x.kind === "break").map((x) => [x.seq, x.short, x.side]), [[6, "Break Vukic A.", 1]], "the receiver won game 1; game 2 was held");
    assert.ok(moments.find((x) => x.kind === "suspended")!.suspends);

    m.add({ type: "Retirement", player: "b" });
    board = matchScoreboard(m.state())!;
    assert.equal(board.status, "retired");
    assert.equal(board.statusText, "Vukic A. retired");
    assert.equal(board.rows.some((r) => r.serving), false);
  });

  test("a point taken back takes its break with it", () => {
    const m = match();
    for (const s of ["0-0 0-15", "0-0 0-30", "0-0 0-40"]) m.point("b", s, "a");
    m.point("b", "0-1 0-0", "b");
    m.add({ type: "Point Corrected", points: 1, score: "0-0 0-40", server: "a" });
    const moments = matchMoments("tennis", m.events, VIEW);
    assert.deepEqual(moments.map((x) => x.kind), ["start", "correction"]);
    assert.deepEqual(matchScoreboard(m.state())!.rows.map((r) => r.cells), [["0", "0"], ["0", "40"]]);
  });

  test("every set's end is marked with its score, and no tiebreak counts as a break", () => {
    // Example 1: 6-4 3-6 7-6, the last set to a tiebreak.
    const feed = sportFeed.examples(1)[0];
    const events = feed.events.map((t) => t.event);
    const moments = matchMoments("tennis", events, { ...VIEW, participants: ["Player 1A", "Player 1B"] });
    assert.deepEqual(moments.filter((x) => x.kind === "set").map((x) => x.label), [
      "Set 1 to Player 1A, 6-4", "Set 2 to Player 1B, 3-6", "Set 3 to Player 1A, 7-6",
    ]);
    const lastSet = moments.find((x) => x.label.startsWith("Set 3"))!;
    assert.equal(moments.filter((x) => x.kind === "break" && x.seq === lastSet.seq).length, 0, "the tiebreak that ended set 3 is no break");
    let state = emptyState(feed.matchId);
    for (const e of events) state = { ...applyEvent(state, e).state, version: state.version + 1 };
    const board = matchScoreboard(state)!;
    assert.equal(board.status, "finished");
    assert.deepEqual(board.rows.map((r) => r.cells), [["6", "3", "7"], ["4", "6", "6"]]);
  });
});
