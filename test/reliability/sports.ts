import fc from "fast-check";
import type { FeedEvent } from "@pricing/core/match/events";
import { applyEvent } from "@pricing/core/match/reducer";
import { emptyState, type MatchState } from "@pricing/core/match/state";
import { SPORTS, sportStateOf } from "@pricing/core/sports/registry";
import { footballOf } from "@pricing/core/sports/football/state";
import { tennisOf } from "@pricing/core/sports/tennis/match-state";
import { sportFeed as tennisFeed } from "@pricing/core/sports/tennis/replay/index";
import { matchFeed, type Incident } from "../support/match-feed";

/**
 * What the reliability suite needs to know of a sport, so that each test runs over
 * every sport with one body: how to make short whole-match feeds, which fields of the
 * folded state decide prices and settlement, the Lifecycle path of a settled match, and
 * the name of its model function. Tennis matches are kept short (a few dozen points of
 * a best-of-three, then a retirement) so the heavy tiers stay fast.
 */
export interface ReliabilitySport {
  sport: "football" | "tennis";
  /** `count` whole-match feeds, reproducible from `seed`, seq 1..n each. */
  feeds(prefix: string, count: number, seed: number): FeedEvent[][];
  /** The fields of a match state that decide prices and settlement. */
  decisive(s: MatchState): Record<string, unknown>;
  /** The states of a Lifecycle that ran once through a confirmed match. */
  settledPath: string[];
  /** The logical id prefix of the sport's model function in the template. */
  modelFunction: string;
  groups: readonly string[];
  /**
   * Whether the whole feed fits in the sequence window (posted at once, in any order);
   * otherwise it is posted as it would arrive live, a window at a time.
   */
  fitsWindow: boolean;
  /** Whether in-play prices move with time (a clock-tick chain runs). */
  clock: boolean;
  /**
   * How many of a test's matches this sport runs: every tennis point is a repricing of
   * ten groups, so a tennis match costs the local cloud several football matches' work.
   */
  matches(n: number): number;
}

const PATH_WITHOUT_CLOCK = ["Register", "PricePreEvent", "AwaitKickoff", "KickedOff?", "ClockRuns?", "AwaitFinalWhistle", "FinalWhistle?", "AwaitResult", "Result?", "Settle", "Settled"];

const incident: fc.Arbitrary<Incident> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("goal" as const), team: fc.constantFrom("home" as const, "away" as const), minute: fc.integer({ min: 1, max: 90 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("card" as const), team: fc.constantFrom("home" as const, "away" as const), colour: fc.constantFrom("yellow" as const, "red" as const), minute: fc.integer({ min: 1, max: 90 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("disallow" as const), minute: fc.integer({ min: 1, max: 90 }) }) },
);

/** `count` whole-match football feeds with random incidents (and `always` in each), reproducible from `seed`. */
export function randomFootballFeeds(prefix: string, count: number, seed: number, always: Incident[] = []): FeedEvent[][] {
  const incidents = fc.sample(fc.array(incident, { minLength: 1, maxLength: 8 }), { numRuns: count, seed });
  return incidents.map((list, i) => matchFeed(`${prefix}-${i + 1}`, [...list, ...always]) as FeedEvent[]);
}

/**
 * A short tennis match: the simulator's best-of-three example (scheduled, prices
 * observed, started, its points with any correction or review the simulator drew),
 * cut after `points` points by a retirement, then the result confirmed.
 */
export function shortTennisFeed(matchId: string, seed: number, points: number, retires: "a" | "b"): FeedEvent[] {
  const example = tennisFeed.examples(seed)[0];
  const events = example.events.map((t) => t.event as FeedEvent & Record<string, unknown>);
  let seen = 0;
  const cut = events.findIndex((e) => e.type === "Point Won" && ++seen === points);
  const played = events.slice(0, cut + 1);
  const last = played.at(-1)!;
  const at = (seconds: number) => new Date(Date.parse(String(last.occurredAt)) + seconds * 1000).toISOString();
  const folded = played.reduce((s, e) => applyEvent(s, e).state, emptyState(example.matchId));
  const sets = tennisOf(folded).score?.sets ?? [];
  const ending = [
    { type: "Retirement", sport: "tennis", occurredAt: at(30), player: retires },
    { type: "Result Confirmed", sport: "tennis", occurredAt: at(600), sets },
  ];
  return [...played, ...ending].map((e, i) => ({ ...e, matchId, eventId: `${matchId}-${i + 1}`, seq: i + 1 }) as unknown as FeedEvent);
}

export const FOOTBALL: ReliabilitySport = {
  sport: "football",
  feeds: (prefix, count, seed) => randomFootballFeeds(prefix, count, seed),
  decisive: (s) => ({
    epoch: s.epoch, lastSeq: s.lastSeq, score: footballOf(s).score, halfTimeScore: footballOf(s).halfTimeScore, redCards: footballOf(s).redCards, goals: footballOf(s).goals, result: footballOf(s).result,
  }),
  settledPath: ["Register", "PricePreEvent", "AwaitKickoff", "KickedOff?", "ClockRuns?", "InPlay", "AwaitFinalWhistle", "FinalWhistle?", "AwaitResult", "Result?", "Settle", "Settled"],
  modelFunction: "FootballModelFunction",
  groups: SPORTS.football.groups,
  fitsWindow: true,
  clock: true,
  matches: (n) => n,
};

export const TENNIS: ReliabilitySport = {
  sport: "tennis",
  feeds: (prefix, count, seed) => {
    const draws = fc.sample(fc.tuple(fc.integer({ min: 12, max: 24 }), fc.constantFrom("a" as const, "b" as const)), { numRuns: count, seed });
    return draws.map(([points, retires], i) => shortTennisFeed(`${prefix}-${i + 1}`, seed + i, points, retires));
  },
  decisive: (s) => {
    const t = tennisOf(s);
    return { epoch: s.epoch, lastSeq: s.lastSeq, score: t.score, points: t.points, hold: t.hold, ending: t.ending, result: t.result, history: t.history };
  },
  settledPath: PATH_WITHOUT_CLOCK,
  modelFunction: "TennisModelFunction",
  groups: SPORTS.tennis.groups,
  fitsWindow: false,
  clock: false,
  matches: (n) => Math.max(2, Math.ceil(n / 3)),
};

export const RELIABILITY_SPORTS = [FOOTBALL, TENNIS];

/** Every selection's settlement for a finished state, as the sport settles it, keyed as the Settlement items are. */
export function expectedSettlement(s: MatchState) {
  const { sport, own } = sportStateOf(s);
  return sport.settle(own, { abandoned: false }).markets
    .map((m) => ({ market: m.key, selections: m.selections }))
    .sort((a, b) => a.market.localeCompare(b.market));
}

/** The result text `Markets Settled` carries for a finished state. */
export function expectedResult(s: MatchState): string | null {
  const { sport, own } = sportStateOf(s);
  return sport.settle(own, { abandoned: false }).result;
}
