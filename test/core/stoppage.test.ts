import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { priceAll } from "@pricing/core/sports/football/markets/derive";
import { applyEvent } from "@pricing/core/match/reducer";
import { situationAt } from "@pricing/core/sports/football/situation";
import { emptyState, type MatchState } from "@pricing/core/match/state";
import { parseFeedEvent, FEED_SOURCE, type FeedEvent } from "@pricing/core/match/events";
import { CLUB_STOPPAGE_LENGTH, STOPPAGE_OVERRUN_MINUTES, remainingShare, stoppageStillToPlay } from "@pricing/core/sports/football/models/goal-profile";
import { pricingState, remainingExpectedGoals } from "@pricing/core/sports/football/models/inplay";
import type { MatchSituation } from "@pricing/core/sports/football/models/situation";
import { InputError } from "@pricing/core/errors";
import { footballOf } from "@pricing/core/sports/football/state";

const LATE: MatchSituation = {
  homeXg: 1.5, awayXg: 1.2, rho: -0.1, period: "2H", minute: 95,
  score: { home: 1, away: 0 }, halfTimeScore: { home: 1, away: 0 }, redCards: { home: 0, away: 0 },
};
const homeWin = (s: MatchSituation) => priceAll(pricingState(s)).find((m) => m.key === "1x2")!.selections[0].probability;
const goalsLeft = (s: MatchSituation) => { const r = remainingExpectedGoals(s).fullTime; return r.home + r.away; };

describe("stoppage time ends", () => {
  test("a 1-0 lead at 90+5 with no added time announced is at least 98%", () => {
    assert.ok(homeWin(LATE) >= 0.98, `${homeWin(LATE)}`);
  });

  test("no goals are expected at 90+20, nor past 45+5 in the first half", () => {
    assert.ok(goalsLeft({ ...LATE, minute: 110 }) < 1e-12, `${goalsLeft({ ...LATE, minute: 110 })}`);
    assert.ok(goalsLeft({ ...LATE, minute: 98 }) < 1e-12);
    const firstHalfLeft = remainingShare("1H", 50) - remainingShare("HT", 45);
    assert.ok(firstHalfLeft < 1e-12, `${firstHalfLeft}`);
  });

  test("the stoppage still to play falls with the clock and reaches 0 at the longest stoppage", () => {
    for (const length of CLUB_STOPPAGE_LENGTH) {
      let previous = Infinity;
      for (let e = 0; e <= length.max + 1; e += 0.05) {
        const left = stoppageStillToPlay(length, e);
        assert.ok(left <= previous + 1e-12 && left >= 0, `at ${e}: ${left} after ${previous}`);
        previous = left;
      }
      assert.equal(stoppageStillToPlay(length, length.max), 0);
    }
  });

  test("announced added time bounds the half: goals are expected until the board plus the overrun, none after", () => {
    const board4 = { ...LATE, minute: 93, addedTime: 4 };
    assert.ok(goalsLeft(board4) > 0);
    assert.ok(goalsLeft({ ...board4, minute: 94 + STOPPAGE_OVERRUN_MINUTES }) < 1e-12);
    // A long board keeps the match alive longer than the prior alone would.
    assert.ok(goalsLeft({ ...LATE, minute: 97, addedTime: 8 }) > goalsLeft({ ...LATE, minute: 97 }));
    assert.throws(() => pricingState({ ...LATE, addedTime: -1 }), (e) => e instanceof InputError && e.code === "inplay.invalid_added_time");
  });
});

describe("Added Time Announced", () => {
  const base = { matchId: "m1", occurredAt: "2026-01-01T16:40:00Z" };
  function live(): MatchState {
    const events: FeedEvent[] = [
      { ...base, type: "Match Scheduled", eventId: "e1", seq: 1, competition: "EPL", homeTeam: "A", awayTeam: "B", kickoff: "2026-01-01T15:00:00Z", expectedGoals: { home: 1.5, away: 1.2 } },
      { ...base, type: "Match Started", eventId: "e2", seq: 2 },
      { ...base, type: "Period Ended", eventId: "e3", seq: 3, period: "1H", minute: 46 },
      { ...base, type: "Period Started", eventId: "e4", seq: 4, period: "2H" },
    ];
    return events.reduce((s, e) => applyEvent(s, e).state, emptyState("m1"));
  }

  test("the feed event parses, the reducer keeps it for its half and the pricing situation carries it", () => {
    const event = parseFeedEvent({ source: FEED_SOURCE, "detail-type": "Added Time Announced", detail: { ...base, eventId: "e5", seq: 5, period: "2H", minutes: 5 } });
    const t = applyEvent(live(), event);
    assert.deepEqual(footballOf(t.state).addedTime, { period: "2H", minutes: 5 });
    assert.equal(t.effects.reprice, true);
    assert.equal(t.effects.suspend, null);
    assert.equal(situationAt(footballOf(t.state), "2026-01-01T16:40:00Z").addedTime, 5);
  });

  test("a board for the other half changes nothing", () => {
    const t = applyEvent(live(), { ...base, type: "Added Time Announced", eventId: "e5", seq: 5, period: "1H", minutes: 2 });
    assert.equal(footballOf(t.state).addedTime, null);
    assert.match(t.reason, /^ignored/);
  });

  test("minutes outside 0-20 are malformed", () => {
    assert.throws(() => parseFeedEvent({ source: FEED_SOURCE, "detail-type": "Added Time Announced", detail: { ...base, eventId: "e5", seq: 5, period: "2H", minutes: 45 } }));
  });
});
