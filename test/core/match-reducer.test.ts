import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { applyEvent, emptyState, Epoch, hasReached, type FeedEvent, type MatchState } from "@pricing/core/match/index";
import { MAX_GOALS, MAX_RED_CARDS } from "@pricing/core/sports/football/events";
import { matchFeed } from "../support/match-feed";
import { footballOf } from "@pricing/core/sports/football/state";

const fold = (events: FeedEvent[], state: MatchState = emptyState(events[0].matchId)) =>
  events.reduce((s, e) => applyEvent(s, e).state, state);

const feed = matchFeed("m1", [
  { kind: "goal", team: "home", minute: 23 },
  { kind: "card", team: "away", colour: "yellow", minute: 31 },
  { kind: "goal", team: "away", minute: 52 },
  { kind: "goal", team: "home", minute: 67 },
  { kind: "disallow", minute: 69 },
  { kind: "card", team: "away", colour: "red", minute: 74 },
  { kind: "goal", team: "home", minute: 81 },
]);

describe("match reducer", () => {
  test("a whole match folds to the confirmed result", () => {
    const state = fold(feed);
    assert.equal(state.epoch, Epoch.Confirmed);
    assert.deepEqual(footballOf(state).score, { home: 2, away: 1 });
    assert.deepEqual(footballOf(state).halfTimeScore, { home: 1, away: 0 });
    assert.deepEqual(footballOf(state).result, { score: { home: 2, away: 1 }, halfTimeScore: { home: 1, away: 0 } });
    assert.deepEqual(footballOf(state).redCards, { home: 0, away: 1 });
    assert.equal(state.lastSeq, feed.length);
    assert.equal(footballOf(state).goals.length, 3);
  });

  test("every transition records why, and epochs move only on kick-off, full time, result", () => {
    let state = emptyState("m1");
    const epochChanges: string[] = [];
    for (const e of feed) {
      const t = applyEvent(state, e);
      assert.ok(t.reason.length > 0);
      assert.equal(t.state.changes.at(-1)?.seq, e.seq);
      if (t.effects.epochChanged) epochChanges.push(`${e.type}:${t.state.epoch}`);
      state = t.state;
    }
    assert.deepEqual(epochChanges, ["Match Started:IN_PLAY", "Match Ended:FULL_TIME", "Result Confirmed:CONFIRMED"]);
  });

  test("goals and red cards suspend and reprice; yellow cards do neither", () => {
    const effectsOf = (type: string) => {
      let state = emptyState("m1");
      const found = [];
      for (const e of feed) {
        const t = applyEvent(state, e);
        if (e.type === type) found.push(t.effects);
        state = t.state;
      }
      return found;
    };
    assert.ok(effectsOf("Goal Scored").every((f) => f.suspend === "goal" && f.reprice));
    const cards = effectsOf("Card Shown");
    assert.deepEqual(cards.map((c) => c.suspend), [null, "red card"]);
    assert.deepEqual(effectsOf("Match Scheduled").map((f) => [f.scheduled, f.reprice]), [[true, true]]);
  });

  test("a disallowed goal takes its goal off the score", () => {
    const upTo = feed.findIndex((e) => e.type === "Goal Disallowed");
    const before = fold(feed.slice(0, upTo));
    const after = applyEvent(before, feed[upTo]).state;
    assert.deepEqual(footballOf(before).score, { home: 2, away: 1 });
    assert.deepEqual(footballOf(after).score, { home: 1, away: 1 });
  });

  test("abandonment is honoured from any epoch before the result, ignored after", () => {
    for (const cut of [1, 2, 5, feed.length - 1]) {
      const state = fold(feed.slice(0, cut));
      const t = applyEvent(state, { type: "Match Abandoned", eventId: "x", matchId: "m1", seq: cut + 1, occurredAt: "2024-08-17T15:00:00Z", reason: "floodlight failure" });
      assert.equal(t.state.epoch, Epoch.Abandoned, `cut ${cut}`);
      assert.equal(t.effects.suspend, "abandoned");
    }
    const done = fold(feed);
    const t = applyEvent(done, { type: "Match Abandoned", eventId: "x", matchId: "m1", seq: feed.length + 1, occurredAt: "2024-08-17T18:00:00Z", reason: "late" });
    assert.equal(t.state.epoch, Epoch.Confirmed);
    assert.match(t.reason, /^ignored/);
  });

  test("an event that makes no sense in its epoch advances seq only and says why", () => {
    const scheduled = fold(feed.slice(0, 1));
    const t = applyEvent(scheduled, { type: "Goal Scored", eventId: "g", matchId: "m1", seq: 2, occurredAt: "2024-08-17T13:00:00Z", team: "home", minute: 3 });
    assert.deepEqual(footballOf(t.state).score, { home: 0, away: 0 });
    assert.equal(t.state.lastSeq, 2);
    assert.match(t.reason, /^ignored/);
    assert.equal(t.effects.reprice, false);
  });

  test("ratings give log-linear expected goals", () => {
    const t = applyEvent(emptyState("r"), {
      type: "Match Scheduled", eventId: "s", matchId: "r", seq: 1, occurredAt: "2024-08-16T14:00:00Z",
      competition: "PL", homeTeam: "A", awayTeam: "B", kickoff: "2024-08-17T14:00:00Z",
      ratings: { intercept: 0.1, homeAdvantage: 0.27, home: { attack: 0.3, defence: 0.2 }, away: { attack: -0.1, defence: -0.05 } },
    });
    assert.equal(footballOf(t.state).strength?.source, "ratings");
    const strength = footballOf(t.state).strength;
    if (strength?.source !== "ratings") return;
    assert.ok(Math.abs(strength.homeXg - Math.exp(0.1 + 0.3 + 0.05 + 0.27)) < 1e-12);
    assert.ok(Math.abs(strength.awayXg - Math.exp(0.1 - 0.1 - 0.2)) < 1e-12);
  });

  test("hasReached: the main line in order, abandonment always wakes a waiter", () => {
    assert.equal(hasReached(Epoch.Scheduled, Epoch.InPlay), false);
    assert.equal(hasReached(Epoch.FullTime, Epoch.InPlay), true);
    assert.equal(hasReached(Epoch.Abandoned, Epoch.Confirmed), true);
    assert.equal(hasReached(Epoch.InPlay, Epoch.Confirmed), false);
  });

  test("a feed that claims thousands of goals and red cards cannot grow the state: the excess is ignored with its reason", () => {
    const flood = matchFeed("flood", [
      ...Array.from({ length: 2000 }, (_, i) => ({ kind: "goal" as const, team: i % 3 === 0 ? ("away" as const) : ("home" as const), minute: 1 + (i % 88) })),
      ...Array.from({ length: 30 }, () => ({ kind: "card" as const, team: "home" as const, colour: "red" as const, minute: 89 })),
    ]).filter((e) => e.type !== "Result Confirmed" && e.type !== "Match Ended");
    let state = emptyState("flood");
    let ignored = 0;
    for (const e of flood) {
      const t = applyEvent(state, e);
      if (t.reason.startsWith("ignored:")) ignored++;
      state = t.state;
    }
    assert.equal(footballOf(state).goals.length, MAX_GOALS);
    assert.equal(footballOf(state).score.home + footballOf(state).score.away, MAX_GOALS);
    assert.equal(footballOf(state).redCards.home, MAX_RED_CARDS);
    assert.equal(ignored, 2000 - MAX_GOALS + 30 - MAX_RED_CARDS);
    assert.equal(state.lastSeq, flood.length, "every event is applied in order, the excess as ignored");
    assert.ok(JSON.stringify(state).length < 32 * 1024, `${JSON.stringify(state).length} bytes`);
  });
});
