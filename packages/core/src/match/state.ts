import type { Score } from "../markets/types";
import type { Period } from "../sports/football/models/situation";
import { Epoch } from "./epoch";
import type { FeedEvent, FeedEventType } from "./events";
import type { Effects } from "./reducer";

/** What a team strength estimate came from. */
export type Strength =
  | { source: "expected-goals" | "ratings"; homeXg: number; awayXg: number; rho: number }
  | {
      source: "market";
      bookmaker: string;
      /** De-margined (Shin) 1X2 probabilities. */
      matchResult: { home: number; draw: number; away: number };
      /** De-margined probability of over 2.5 goals, when observed. */
      over25: number | null;
    };

/** The running clock: at `anchoredAt` the match clock showed `minute` of `period`. */
export interface Clock {
  period: Period;
  minute: number;
  /** ISO time of the anchor; null while the clock is stopped. */
  anchoredAt: string | null;
}

/** One reason the state changed, kept for the operator and the event log. */
export interface Change {
  seq: number;
  eventId: string;
  type: FeedEventType | "Gap Skipped";
  reason: string;
  epoch: Epoch;
}

export interface Goal {
  eventId: string;
  team: "home" | "away";
  minute: number;
}

/**
 * Everything known about one match, folded from its feed events by the reducer.
 * `version` counts stored writes (the optimistic-lock fence); `lastSeq` is the feed
 * sequence applied so far; events beyond the next seq wait in `parked`.
 */
export interface MatchState {
  matchId: string;
  version: number;
  lastSeq: number;
  epoch: Epoch;
  fixture: { competition: string; homeTeam: string; awayTeam: string; kickoff: string } | null;
  strength: Strength | null;
  clock: Clock;
  score: Score;
  halfTimeScore: Score | null;
  redCards: Score;
  /** Added time announced for a half; it bounds that half while it is played. Absent in states stored before it existed. */
  addedTime?: { period: "1H" | "2H"; minutes: number } | null;
  goals: Goal[];
  /** The official result, once confirmed. */
  result: { score: Score; halfTimeScore: Score } | null;
  abandonReason: string | null;
  /** Early events, sorted by seq, waiting for the gap before them to fill. */
  parked: FeedEvent[];
  /** ISO time the current gap was first seen; null when nothing is parked. */
  gapOpenedAt: string | null;
  /** Event ids applied most recently (newest last), to tell duplicates from stale events. */
  recentEventIds: string[];
  /** The latest changes, newest last. */
  changes: Change[];
  /**
   * Effects of stored transitions not yet known to be carried out (the outbox): written
   * with the transition, cleared once its effects ran, replayed by whoever next sees
   * them, so a writer that dies between the write and its effects loses none.
   */
  pendingEffects: PendingEffects | null;
}

/** The outbox of a match: what its stored transitions still owe the world. */
export interface PendingEffects {
  effects: Effects;
  /** The last event type applied, which names the repricing. */
  reason: string;
  /** ISO time of the transition. */
  at: string;
}

/** How many recent event ids and changes a state keeps; bounds the item size. */
export const RECENT_LIMIT = 30;

/** The state of a match no event has touched yet. */
export function emptyState(matchId: string): MatchState {
  return {
    matchId,
    version: 0,
    lastSeq: 0,
    epoch: Epoch.Scheduled,
    fixture: null,
    strength: null,
    clock: { period: "PRE", minute: 0, anchoredAt: null },
    score: { home: 0, away: 0 },
    halfTimeScore: null,
    redCards: { home: 0, away: 0 },
    addedTime: null,
    goals: [],
    result: null,
    abandonReason: null,
    parked: [],
    gapOpenedAt: null,
    recentEventIds: [],
    changes: [],
    pendingEffects: null,
  };
}
