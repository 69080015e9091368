import { InputError } from "../errors";
import { DEFAULT_SPORT as FEED_DEFAULT_SPORT } from "../match/feed-event";
import { ownState, type MatchState } from "../match/state";
import type { MatchMoment, MatchView, Scoreboard, Sport, SportMatchState } from "./contract";
import type { FeedEventBase } from "../match/feed-event";
import { football } from "./football";
import { tennis } from "./tennis/sport";

/**
 * The sports the engine prices: one line each. The engine reaches a sport's code only
 * through this table (test/sports/boundary.test.ts keeps it so); a new sport is a
 * folder under sports/ and a line here.
 */
export const SPORTS = {
  football,
  tennis,
} as const;

export type SportId = keyof typeof SPORTS;
export const SPORT_IDS = Object.keys(SPORTS) as SportId[];

/** The sport of a feed event that names none (match/feed-event.ts), as a registered sport. */
export const DEFAULT_SPORT = FEED_DEFAULT_SPORT satisfies SportId;

type StateOf<K extends SportId> = (typeof SPORTS)[K] extends Sport<K, infer S> ? S : never;
type EventOf<K extends SportId> = (typeof SPORTS)[K] extends Sport<K, unknown, infer E> ? E : never;

/** A match's stored state: the engine's fields and its sport's own, a union keyed by sport. */
export type AnyMatchState = { [K in SportId]: SportMatchState<K, StateOf<K>> }[SportId];
/** A feed event of any sport. */
export type AnyFeedEvent = { [K in SportId]: EventOf<K> }[SportId];

export function isSportId(id: unknown): id is SportId {
  return typeof id === "string" && Object.hasOwn(SPORTS, id);
}

/**
 * The module of a sport, typed loosely for the engine's generic code.
 * @throws InputError "match.unknown_sport" for a name not in the table
 */
export function sportOf(id: string | null): Sport {
  if (!isSportId(id)) throw new InputError("match.unknown_sport", `unknown sport "${String(id).slice(0, 40)}"; the engine prices ${SPORT_IDS.join(", ")}`);
  return SPORTS[id] as unknown as Sport;
}

/** A scheduled match's sport module and its own state, for the engine's generic code. */
export function sportStateOf(state: MatchState): { sport: Sport; own: unknown } {
  const sport = sportOf(state.sport);
  return { sport, own: ownState(state, sport.id) };
}

/** How a match reads (its sport's view), or null before it is scheduled. */
export function matchView(state: MatchState, asOf?: string): MatchView | null {
  if (state.sport === null) return null;
  const { sport, own } = sportStateOf(state);
  return sport.view(own, asOf);
}

/** The match's scoreboard as its sport draws it; null before it is scheduled or when the sport draws none. */
export function matchScoreboard(state: MatchState, asOf?: string): Scoreboard | null {
  if (state.sport === null) return null;
  const { sport, own } = sportStateOf(state);
  return sport.scoreboard ? sport.scoreboard(own, asOf) : null;
}

/** The moments of a match its sport marks on a time axis, from its feed events in seq order; none for a sport that marks none. */
export function matchMoments(sportId: string | null, events: readonly FeedEventBase[], view: MatchView | null): MatchMoment[] {
  if (!isSportId(sportId)) return [];
  const sport = sportOf(sportId);
  return sport.moments ? sport.moments(events, view) : [];
}

/** The market groups of a sport; of every sport (each once, in table order) when the sport is not known. */
export function sportGroups(id: string | null): readonly string[] {
  if (isSportId(id)) return SPORTS[id].groups;
  return [...new Set(Object.values(SPORTS).flatMap((s) => s.groups))];
}
