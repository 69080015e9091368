import { InputError } from "../errors";
import { Epoch } from "./epoch";
import type { Effects } from "./effects";
import type { FeedEventBase } from "./feed-event";
import type { MatchView } from "./view";

/** One reason the state changed, kept for the operator and the event log. */
export interface Change {
  seq: number;
  eventId: string;
  type: string;
  reason: string;
  epoch: Epoch;
  /** The suspension the change caused, in the sport's words; absent when it caused none. */
  suspend?: string;
}

/**
 * Everything the engine knows of one match, whatever its sport, folded from its feed
 * events. `version` counts stored writes (the optimistic-lock fence); `lastSeq` is the
 * feed sequence applied so far; events beyond the next seq wait in `parked`. `sport`
 * is fixed by the match's `Match Scheduled`; the sport's own state (score, clock,
 * strengths) sits under the key of that name (`state.football`), typed by the sport
 * module, so the stored item is a union keyed by sport (see sports/registry.ts).
 */
export interface MatchState {
  matchId: string;
  /** The sport module that reads this match; null until its `Match Scheduled` is applied. */
  sport: string | null;
  version: number;
  lastSeq: number;
  epoch: Epoch;
  abandonReason: string | null;
  /**
   * How the match reads, as its sport wrote it after the last event: fixture, sides,
   * score, situation (the Match item mirrors it; readers need no sport code).
   */
  view: MatchView | null;
  /** Early events, sorted by seq, waiting for the gap before them to fill. */
  parked: FeedEventBase[];
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
  /**
   * What traders did to the match (match/trader.ts): holds and margin overrides, with
   * their own version. Absent from a state stored before trader controls existed.
   */
  trader?: TraderState;
}

/** A hold on a match, a group or a model: who put it and why. */
export interface TraderHold {
  reason: string;
  traderId: string;
  at: string;
}

/** The trader's part of a match's state (see match/trader.ts). */
export interface TraderState {
  /** Trader actions applied to this match (a version of their own; the feed's seq does not count them). */
  version: number;
  /** The match suspended whole, or null. */
  match: TraderHold | null;
  /** Suspended groups by name. */
  groups: Record<string, TraderHold>;
  /** Margin overrides by group: the target overround the model offers the group at. */
  margins: Record<string, { margin: number } & TraderHold>;
  /** Paused models by name (a sport's model function, named by the sport). */
  models: Record<string, TraderHold>;
  /** Event ids of the trader actions applied most recently, to tell a redelivery. */
  recentEventIds: string[];
  /** The `occurredAt` of the last action applied to each target ("match", "group:totals", "margin:totals", "model:football"). */
  lastAt: Record<string, string>;
}

export function emptyTraderState(): TraderState {
  return { version: 0, match: null, groups: {}, margins: {}, models: {}, recentEventIds: [], lastAt: {} };
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

/**
 * A sport's own part of a match's state (`state[sport]`), typed by the caller.
 * @throws InputError "match.wrong_sport" when the match is not of that sport
 */
export function ownState<S>(state: MatchState, sport: string): S {
  if (state.sport !== sport) throw new InputError("match.wrong_sport", `match ${state.matchId} is ${state.sport ?? "not scheduled"}, not ${sport}`);
  return (state as unknown as Record<string, S>)[sport];
}

/** The state of a match no event has touched yet: no sport until it is scheduled. */
export function emptyState(matchId: string): MatchState {
  return {
    matchId,
    sport: null,
    version: 0,
    lastSeq: 0,
    epoch: Epoch.Scheduled,
    abandonReason: null,
    view: null,
    parked: [],
    gapOpenedAt: null,
    recentEventIds: [],
    changes: [],
    pendingEffects: null,
    trader: emptyTraderState(),
  };
}
