import { describe, test } from "vitest";
import assert from "node:assert/strict";
import fc from "fast-check";
import { applyEvent, DEFAULT_GAP_POLICY, emptyState, releaseGap, SEQ_WINDOW, sequence, type FeedEvent, type GapPolicy, type MatchState } from "@pricing/core/match/index";
import { matchFeed, type Incident } from "../support/match-feed";

const NOW = "2024-08-17T15:00:00.000Z";
const later = (seconds: number) => new Date(Date.parse(NOW) + seconds * 1000).toISOString();
const PATIENT: GapPolicy = { gapBoundSeconds: Number.MAX_SAFE_INTEGER, parkLimit: 1000, seqWindow: 1000 };
const inOrder = (events: FeedEvent[]) => events.reduce((s, e) => applyEvent(s, e).state, emptyState(events[0].matchId));
const deliver = (events: FeedEvent[], policy = PATIENT, now = NOW): MatchState =>
  events.reduce((s, e) => sequence(s, e, now, policy).state, emptyState(events[0].matchId));

const incident: fc.Arbitrary<Incident> = fc.oneof(
  fc.record({ kind: fc.constant("goal" as const), team: fc.constantFrom("home" as const, "away" as const), minute: fc.integer({ min: 1, max: 90 }) }),
  fc.record({ kind: fc.constant("card" as const), team: fc.constantFrom("home" as const, "away" as const), colour: fc.constantFrom("yellow" as const, "red" as const), minute: fc.integer({ min: 1, max: 90 }) }),
  fc.record({ kind: fc.constant("disallow" as const), minute: fc.integer({ min: 1, max: 90 }) }),
);
const feedArb = fc.array(incident, { maxLength: 12 }).map((i) => matchFeed("p1", i));

describe("sequencer", () => {
  const feed = matchFeed("m1", [{ kind: "goal", team: "home", minute: 10 }, { kind: "goal", team: "away", minute: 60 }]);

  test("the next seq is applied", () => {
    const r = sequence(emptyState("m1"), feed[0], NOW);
    assert.equal(r.outcome, "applied");
    assert.equal(r.state.lastSeq, 1);
  });

  test("a repeat of an applied event is a duplicate, an unknown older event is stale; both change nothing", () => {
    const s = deliver(feed.slice(0, 3));
    const dup = sequence(s, feed[1], NOW);
    assert.equal(dup.outcome, "duplicate");
    assert.equal(dup.state, s);
    const stale = sequence(s, { ...feed[1], eventId: "another-id" }, NOW);
    assert.equal(stale.outcome, "stale");
    assert.equal(stale.state, s);
  });

  test("an early event is parked and applied when the gap fills", () => {
    const s1 = deliver(feed.slice(0, 2));
    const early = sequence(s1, feed[3], NOW);
    assert.equal(early.outcome, "parked");
    assert.equal(early.state.lastSeq, 2);
    assert.deepEqual(early.state.parked.map((e) => e.seq), [4]);
    assert.equal(early.state.gapOpenedAt, NOW);
    assert.equal(sequence(early.state, feed[3], NOW).outcome, "duplicate");
    const filled = sequence(early.state, feed[2], later(1));
    assert.equal(filled.outcome, "applied");
    assert.deepEqual(filled.applied.map((e) => e.seq), [3, 4]);
    assert.equal(filled.state.lastSeq, 4);
    assert.deepEqual(filled.state.parked, []);
    assert.equal(filled.state.gapOpenedAt, null);
  });

  test("a gap open past the bound is skipped and recorded", () => {
    const policy: GapPolicy = { ...DEFAULT_GAP_POLICY, gapBoundSeconds: 30 };
    const s1 = deliver(feed.slice(0, 2), policy);
    const parked = sequence(s1, feed[4], NOW, policy).state;
    assert.equal(releaseGap(parked, later(29), policy).outcome, "parked");
    const released = releaseGap(parked, later(30), policy);
    assert.equal(released.outcome, "applied");
    assert.deepEqual(released.skipped, [{ from: 3, to: 4 }]);
    assert.equal(released.state.lastSeq, 5);
    assert.ok(released.state.changes.some((c) => c.type === "Gap Skipped"));
    const viaEvent = sequence(parked, feed[5], later(31), policy);
    assert.deepEqual(viaEvent.applied.map((e) => e.seq), [5, 6]);
  });

  test("more parked events than the limit skips the gap at once", () => {
    const policy: GapPolicy = { ...DEFAULT_GAP_POLICY, gapBoundSeconds: 3600, parkLimit: 2 };
    let s = deliver(feed.slice(0, 1), policy);
    for (const e of feed.slice(2, 5)) s = sequence(s, e, NOW, policy).state;
    assert.equal(s.lastSeq, 5);
    assert.deepEqual(s.parked, []);
  });

  test("a seq far ahead is refused, not parked: the gap bound passes and the real events still apply", () => {
    const s2 = deliver(feed.slice(0, 2), DEFAULT_GAP_POLICY);
    const poison = { ...feed[2], eventId: "poison", seq: 1_000_000 };
    const refused = sequence(s2, poison, NOW);
    assert.equal(refused.outcome, "outOfWindow");
    assert.equal(refused.state, s2);
    // Long after the gap bound, the next real events apply in order; nothing was skipped.
    let s = s2;
    for (const [i, e] of feed.slice(2).entries()) {
      const r = sequence(s, e, later(60 * (i + 1)));
      assert.equal(r.outcome, "applied", `seq ${e.seq}`);
      assert.deepEqual(r.skipped, []);
      s = r.state;
    }
    assert.deepEqual(s, inOrder(feed));
    assert.equal(releaseGap(s, later(100_000)).state.lastSeq, feed.length);
  });

  test(`the window is ${SEQ_WINDOW} seqs ahead of the last applied one, and bounds the parked list`, () => {
    const s1 = deliver(feed.slice(0, 1), DEFAULT_GAP_POLICY);
    const at = (seq: number) => ({ ...feed[2], eventId: `e${seq}`, seq });
    assert.equal(sequence(s1, at(1 + SEQ_WINDOW), NOW).outcome, "parked");
    assert.equal(sequence(s1, at(2 + SEQ_WINDOW), NOW).outcome, "outOfWindow");
    assert.ok(DEFAULT_GAP_POLICY.parkLimit <= SEQ_WINDOW);
    assert.equal(DEFAULT_GAP_POLICY.seqWindow, SEQ_WINDOW);
    // Every seq of the window parked at once, then one further: the list never outgrows the window.
    let s = s1;
    for (let seq = 3; seq <= 1 + SEQ_WINDOW + 5; seq++) s = sequence(s, at(seq), NOW, { ...DEFAULT_GAP_POLICY, gapBoundSeconds: 3600 }).state;
    assert.ok(s.parked.length <= SEQ_WINDOW, `${s.parked.length} parked`);
  });

  test("a match never scheduled refuses a far-ahead seq too, and seq 1 still schedules it", () => {
    const far = sequence(emptyState("m1"), { ...feed[3], seq: 500 }, NOW);
    assert.equal(far.outcome, "outOfWindow");
    assert.deepEqual(far.state.parked, []);
    assert.equal(sequence(far.state, feed[0], later(3600)).outcome, "applied");
  });

  test("events of another match are refused with a typed error", () => {
    assert.throws(() => sequence(emptyState("other"), feed[0], NOW), { name: "InputError", code: "match.wrong_match" });
  });

  test("property: in order, duplicated and reordered deliveries reach the same state", () => {
    fc.assert(
      fc.property(
        feedArb.chain((events) =>
          fc.tuple(
            fc.constant(events),
            fc.shuffledSubarray(events, { minLength: 0 }),
            fc.array(fc.nat(), { minLength: events.length, maxLength: events.length }),
          ),
        ),
        ([events, duplicates, keys]) => {
          const shuffled = [...events, ...duplicates]
            .map((e, i) => ({ e, k: keys[i % keys.length] + i / 1000 }))
            .sort((a, b) => a.k - b.k)
            .map((x) => x.e);
          const expected = inOrder(events);
          const actual = deliver(shuffled);
          assert.deepEqual(actual, expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  test("property: redelivering any already-seen event never changes the state", () => {
    fc.assert(
      fc.property(feedArb, fc.nat(), (events, pick) => {
        const state = deliver(events);
        const again = events[pick % events.length];
        assert.equal(sequence(state, again, NOW).state, state);
      }),
      { numRuns: 100 },
    );
  });
});
