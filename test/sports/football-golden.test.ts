import { describe, expect, it } from "vitest";
import type { FootballEvent as FeedEvent } from "@pricing/core/sports/football/events";
import { applyEvent } from "@pricing/core/match/reducer";
import { emptyState, type MatchState } from "@pricing/core/match/state";
import { pricingJob } from "@pricing/core/match/flows/load";
import { priceMarketGroup } from "@pricing/core/match/flows/model";
import { footballModel } from "@pricing/core/sports/football/model";
import { settleAll, type MatchResult } from "@pricing/core/sports/football/markets/settle";
import { differences, golden as goldenOf } from "../support/golden";

/**
 * Football's prices pinned: the full offered market set (fair probabilities, pushes,
 * fair odds and offered odds of every group) for pre-match and in-play states reached
 * through the feed, and the settlement of two results, compared with the figures
 * recorded in football-golden.json to 1e-12. A change to any price fails here; a
 * deliberate one rewrites the file with GOLDEN_WRITE=1 and says why in its commit.
 */
const FILE = new URL("./football-golden.json", import.meta.url);
const TOLERANCE = 1e-12;

const KICKOFF = Date.parse("2024-08-17T14:00:00Z");
const at = (minutes: number) => new Date(KICKOFF + minutes * 60_000).toISOString();

type Draft = { [K in FeedEvent["type"]]: Omit<Extract<FeedEvent, { type: K }>, "eventId" | "matchId" | "seq"> }[FeedEvent["type"]];

function feed(matchId: string, drafts: Draft[]): FeedEvent[] {
  return drafts.map((d, i) => ({ ...d, eventId: `${matchId}-${i + 1}`, matchId, seq: i + 1 }) as FeedEvent);
}

function fold(events: FeedEvent[]): MatchState {
  let state = emptyState(events[0].matchId);
  for (const e of events) state = { ...applyEvent(state, e).state, version: state.version + 1 };
  return state;
}

const scheduled = (extra: object): Draft => ({
  type: "Match Scheduled", occurredAt: at(-1440), competition: "Premier League", homeTeam: "Arsenal", awayTeam: "Fulham", kickoff: at(0), ...extra,
}) as Draft;

/** Each case: the feed so far and the moment priced. */
const CASES: Array<{ name: string; events: Draft[]; asOf: string }> = [
  { name: "pre-match expected goals", events: [scheduled({ expectedGoals: { home: 2.117914, away: 1.025718, rho: -0.1335741 } })], asOf: at(-60) },
  {
    name: "pre-match ratings",
    events: [scheduled({ ratings: { intercept: 0.12, homeAdvantage: 0.25, home: { attack: 0.31, defence: 0.18 }, away: { attack: -0.2, defence: -0.05 }, rho: -0.08 } })],
    asOf: at(-60),
  },
  {
    name: "pre-match market 1x2",
    events: [scheduled({}), { type: "Market Prices Observed", occurredAt: at(-120), bookmaker: "pinnacle", matchResult: { home: 2.1, draw: 3.4, away: 3.6 } }],
    asOf: at(-60),
  },
  {
    name: "pre-match market 1x2 and over/under",
    events: [scheduled({}), { type: "Market Prices Observed", occurredAt: at(-120), bookmaker: "pinnacle", matchResult: { home: 1.45, draw: 4.6, away: 7.5 }, overUnder25: { over: 1.7, under: 2.2 } }],
    asOf: at(-60),
  },
  {
    name: "in play 1H 0-0 at 17:30",
    events: [scheduled({ expectedGoals: { home: 1.7, away: 1.2, rho: -0.1 } }), { type: "Match Started", occurredAt: at(0) }],
    asOf: at(17.5),
  },
  {
    name: "in play 1H 1-0 with a red card",
    events: [
      scheduled({ expectedGoals: { home: 1.7, away: 1.2, rho: -0.1 } }),
      { type: "Match Started", occurredAt: at(0) },
      { type: "Goal Scored", occurredAt: at(12), team: "home", minute: 12 },
      { type: "Card Shown", occurredAt: at(30), team: "away", colour: "red", minute: 30 },
    ],
    asOf: at(38),
  },
  {
    name: "in play 1H stoppage with added time",
    events: [
      scheduled({ expectedGoals: { home: 1.4, away: 1.4, rho: -0.05 } }),
      { type: "Match Started", occurredAt: at(0) },
      { type: "Added Time Announced", occurredAt: at(45), period: "1H", minutes: 3 },
    ],
    asOf: at(46.5),
  },
  {
    name: "half time 1-1",
    events: [
      scheduled({ expectedGoals: { home: 1.4, away: 1.1, rho: -0.1 } }),
      { type: "Match Started", occurredAt: at(0) },
      { type: "Goal Scored", occurredAt: at(9), team: "away", minute: 9 },
      { type: "Goal Scored", occurredAt: at(40), team: "home", minute: 40 },
      { type: "Period Ended", occurredAt: at(47), period: "1H", minute: 47 },
    ],
    asOf: at(52),
  },
  {
    name: "in play 2H 2-1 at 70 from the market",
    events: [
      scheduled({}),
      { type: "Market Prices Observed", occurredAt: at(-120), bookmaker: "pinnacle", matchResult: { home: 2.5, draw: 3.3, away: 2.9 }, overUnder25: { over: 1.95, under: 1.9 } },
      { type: "Match Started", occurredAt: at(0) },
      { type: "Goal Scored", occurredAt: at(20), team: "home", minute: 20 },
      { type: "Goal Scored", occurredAt: at(33), team: "away", minute: 33 },
      { type: "Period Ended", occurredAt: at(46), period: "1H", minute: 46 },
      { type: "Period Started", occurredAt: at(61), period: "2H" },
      { type: "Goal Scored", occurredAt: at(61 + 10), team: "home", minute: 55 },
      { type: "Card Shown", occurredAt: at(61 + 12), team: "home", colour: "red", minute: 57 },
    ],
    asOf: at(61 + 25),
  },
  {
    name: "in play 2H 4-0 deep in added time",
    events: [
      scheduled({ expectedGoals: { home: 2.6, away: 0.7, rho: -0.12 } }),
      { type: "Match Started", occurredAt: at(0) },
      { type: "Goal Scored", occurredAt: at(5), team: "home", minute: 5 },
      { type: "Goal Scored", occurredAt: at(25), team: "home", minute: 25 },
      { type: "Period Ended", occurredAt: at(46), period: "1H", minute: 46 },
      { type: "Period Started", occurredAt: at(61), period: "2H" },
      { type: "Goal Scored", occurredAt: at(61 + 5), team: "home", minute: 50 },
      { type: "Goal Scored", occurredAt: at(61 + 30), team: "home", minute: 75 },
      { type: "Added Time Announced", occurredAt: at(61 + 45), period: "2H", minutes: 5 },
    ],
    asOf: at(61 + 48),
  },
];

const RESULTS: Array<{ name: string; result: MatchResult }> = [
  { name: "2-1 (1-1)", result: { score: { home: 2, away: 1 }, halfTimeScore: { home: 1, away: 1 }, goals: ["away", "home", "home"] } },
  { name: "abandoned at 1-0 after a completed first half", result: { score: { home: 1, away: 0 }, halfTimeScore: { home: 1, away: 0 }, abandoned: true, goals: ["home"] } },
];

function snapshot() {
  const prices = CASES.map(({ name, events, asOf }) => {
    const job = pricingJob(fold(feed("GOLD", events)), asOf);
    return { name, priceVersion: job.priceVersion, groups: job.groups.map((group) => priceMarketGroup(footballModel, group, job.situation)) };
  });
  const settlements = RESULTS.map(({ name, result }) => ({ name, markets: settleAll(result) }));
  return { prices, settlements };
}

describe("football golden prices", () => {
  const { golden, actual } = goldenOf(FILE, snapshot()) as { golden: any; actual: any };

  it("covers every case, every group and both settlements", () => {
    expect(golden.prices.map((p: { name: string }) => p.name)).toEqual(CASES.map((c) => c.name));
    for (const p of golden.prices) expect(p.groups.length).toBe(footballModel.groups.length);
    expect(golden.settlements.length).toBe(RESULTS.length);
  });

  for (const [i, c] of CASES.entries()) {
    it(`prices ${c.name} as recorded`, () => {
      expect(differences(golden.prices[i], actual.prices[i], TOLERANCE)).toEqual([]);
    });
  }
  for (const [i, r] of RESULTS.entries()) {
    it(`settles ${r.name} as recorded`, () => {
      expect(differences(golden.settlements[i], actual.settlements[i], TOLERANCE)).toEqual([]);
    });
  }
});
