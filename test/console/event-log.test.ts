import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { describeEvent } from "@pricing/console/server/match-detail";
import type { FeedEvent } from "@pricing/core/match/events";

const teams = { competition: "Premier League", start: null, participants: ["Arsenal", "Fulham"] as [string, string], score: null, situation: null };
const base = { eventId: "e-1", matchId: "m-1", seq: 9, occurredAt: "2024-08-17T15:50:00.000Z" };

describe("the event log's lines", () => {
  test("announced added time names the minutes and the half", () => {
    const event = { ...base, type: "Added Time Announced", period: "2H", minutes: 6 } as FeedEvent;
    assert.equal(describeEvent(event, teams), "6 minutes added to the second half");
  });

  test("a goal names the team", () => {
    const event = { ...base, type: "Goal Scored", team: "away", minute: 30 } as unknown as FeedEvent;
    assert.equal(describeEvent(event, teams), "goal Fulham");
  });
});
