import { describe, test } from "vitest";
import assert from "node:assert/strict";
import type { FeedEvent } from "@pricing/core/match/events";
import { applyEvent, mergeEffects, NO_EFFECTS } from "@pricing/core/match/reducer";
import { sequence } from "@pricing/core/match/sequencer";
import { emptyState, RECENT_LIMIT, type MatchState } from "@pricing/core/match/state";
import { PARK_LIMIT, SEQ_WINDOW } from "@pricing/core/policy";
import { MAX_GOALS } from "@pricing/core/sports/football/events";
import { footballOf } from "@pricing/core/sports/football/state";
import { SCORE_HISTORY, tennisOf } from "@pricing/core/sports/tennis/match-state";
import { sportFeed } from "@pricing/core/sports/tennis/replay/index";
import { matchFeed, type Incident } from "../support/match-feed";

/**
 * Every list a match's state keeps is bounded, so the state item stays far below
 * DynamoDB's 400 KB item limit whatever the feed sends: football's goals, tennis's
 * sets and score history, and the engine's recent event ids, changes and parked
 * events; the outbox is one merged set of effects, not a list.
 */
const fold = (events: FeedEvent[], each: (s: MatchState) => void = () => {}) =>
  events.reduce((s, e) => {
    const next = applyEvent(s, e).state;
    each(next);
    return next;
  }, emptyState(events[0].matchId));

describe("football's lists", () => {
  test(`goals: at most MAX_GOALS (${MAX_GOALS}); a goal beyond it is refused with its reason and changes nothing but the seq`, () => {
    const goals: Incident[] = Array.from({ length: MAX_GOALS + 5 }, (_, i) => ({ kind: "goal", team: i % 2 ? "away" : "home", minute: 1 + (i % 44) }));
    const feed = matchFeed("bounds-goals", goals) as FeedEvent[];
    let seen = 0;
    const end = fold(feed, (s) => {
      if (s.sport === "football") assert.ok(footballOf(s).goals.length <= MAX_GOALS);
      if (s.changes.at(-1)?.reason === `ignored: more than ${MAX_GOALS} goals is a feed error`) seen++;
    });
    assert.equal(footballOf(end).goals.length, MAX_GOALS);
    assert.equal(footballOf(end).score.home + footballOf(end).score.away, MAX_GOALS);
    assert.equal(seen, 5, "each goal beyond the cap says why it was refused");
    assert.equal(end.lastSeq, feed.length);
  });
});

describe("tennis's lists", () => {
  test(`score history: at most SCORE_HISTORY (${SCORE_HISTORY}) over a whole five-set match; sets: at most the format's`, () => {
    const fiveSets = sportFeed.examples(7).find((m) => m.fixture.rules.bestOf === 5)!;
    const events = fiveSets.events.map((t) => t.event as FeedEvent);
    assert.ok(events.filter((e) => e.type === "Point Won").length > 200);
    let longest = 0;
    const end = fold(events, (s) => {
      if (s.sport !== "tennis") return;
      const t = tennisOf(s);
      longest = Math.max(longest, t.history.length);
      assert.ok(t.history.length <= SCORE_HISTORY);
      assert.ok((t.score?.sets.length ?? 0) <= 5);
    });
    assert.equal(longest, SCORE_HISTORY, "the history fills to its bound and no further");
    assert.equal(tennisOf(end).score!.sets.length, 5);
  });

  test("points after the match is decided add no set and no history", () => {
    const bo3 = sportFeed.examples(7)[0];
    const events = bo3.events.map((t) => t.event as FeedEvent);
    const lastPoint = events.findLastIndex((e) => e.type === "Point Won");
    const decided = fold(events.slice(0, lastPoint + 1));
    const extra = Array.from({ length: 50 }, (_, i) => ({ ...events[lastPoint], eventId: `extra-${i}`, seq: lastPoint + 2 + i }));
    const after = fold([...events.slice(0, lastPoint + 1), ...extra]);
    assert.deepEqual(tennisOf(after).score, tennisOf(decided).score);
    assert.deepEqual(tennisOf(after).history, tennisOf(decided).history);
    assert.match(after.changes.at(-1)!.reason, /ignored: the match is already decided/);
  });
});

describe("the engine's lists", () => {
  test(`recent event ids and changes: at most RECENT_LIMIT (${RECENT_LIMIT}) however long the match`, () => {
    const feed = matchFeed("bounds-recent", Array.from({ length: 30 }, (_, i): Incident => ({ kind: "card", team: "home", colour: "yellow", minute: 1 + i * 3 }))) as FeedEvent[];
    assert.ok(feed.length > RECENT_LIMIT + 5);
    const end = fold(feed, (s) => {
      assert.ok(s.recentEventIds.length <= RECENT_LIMIT);
      assert.ok(s.changes.length <= RECENT_LIMIT);
    });
    assert.equal(end.recentEventIds.length, RECENT_LIMIT);
    assert.deepEqual(end.recentEventIds, feed.slice(-RECENT_LIMIT).map((e) => e.eventId), "the newest kept");
    assert.equal(end.changes.length, RECENT_LIMIT);
  });

  test(`parked events: at most PARK_LIMIT (${PARK_LIMIT}); beyond the window of ${SEQ_WINDOW} an event is refused, never parked`, () => {
    const feed = matchFeed("bounds-parked", Array.from({ length: 40 }, (_, i): Incident => ({ kind: "card", team: "away", colour: "yellow", minute: 1 + i * 2 }))) as FeedEvent[];
    const now = "2024-08-17T14:00:00.000Z";
    let state = sequence(emptyState("bounds-parked"), feed[0], now).state;
    // Seq 2 never comes (and the bound never passes): every later event inside the window waits behind it.
    const refused: number[] = [];
    for (const e of feed.slice(2)) {
      const r = sequence(state, e, now);
      state = r.state;
      assert.ok(state.parked.length <= PARK_LIMIT, `${state.parked.length} parked after seq ${e.seq}`);
      if (r.outcome === "outOfWindow") refused.push(e.seq);
    }
    assert.equal(state.parked.length, SEQ_WINDOW - 1, "seqs 3..33 wait");
    assert.deepEqual(refused, feed.slice(SEQ_WINDOW + 1).map((e) => e.seq), "everything further ahead refused");
  });

  test("the outbox is one merged set of effects, whatever the number of transitions it holds", () => {
    const keys = Object.keys(NO_EFFECTS).sort();
    let owed = NO_EFFECTS;
    for (let i = 0; i < 1000; i++) owed = mergeEffects(owed, { ...NO_EFFECTS, reprice: true, suspend: i % 2 ? "goal" : null, epochChanged: i % 3 === 0 });
    assert.deepEqual(Object.keys(owed).sort(), keys);
    assert.ok(JSON.stringify(owed).length < 200);
  });
});
