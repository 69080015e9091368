import { ownState, type MatchState } from "../../match/state";
import type { SportMatchState } from "../contract";
import type { Score } from "../../markets/types";
import type { Period } from "./models/situation";

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

export interface Goal {
  eventId: string;
  team: "home" | "away";
  minute: number;
}

export interface Fixture {
  competition: string;
  homeTeam: string;
  awayTeam: string;
  kickoff: string;
}

/** Football's part of a match's state (`state.football`), folded from its feed events by the reducer. */
export interface FootballState {
  fixture: Fixture | null;
  strength: Strength | null;
  clock: Clock;
  score: Score;
  halfTimeScore: Score | null;
  redCards: Score;
  /** Added time announced for a half; it bounds that half while it is played. */
  addedTime: { period: "1H" | "2H"; minutes: number } | null;
  goals: Goal[];
  /** The official result, once confirmed. */
  result: { score: Score; halfTimeScore: Score } | null;
}

/** Football's state of a match no football event has touched yet. */
export function initialFootballState(): FootballState {
  return {
    fixture: null,
    strength: null,
    clock: { period: "PRE", minute: 0, anchoredAt: null },
    score: { home: 0, away: 0 },
    halfTimeScore: null,
    redCards: { home: 0, away: 0 },
    addedTime: null,
    goals: [],
    result: null,
  };
}

/** A football match's state: the engine's fields and football's own under `football`. */
export type FootballMatchState = SportMatchState<"football", FootballState>;

/**
 * Football's part of a match's state.
 * @throws InputError "match.wrong_sport" when the match is not a football match
 */
export function footballOf(state: MatchState): FootballState {
  return ownState<FootballState>(state, "football");
}
