import { ownState, type MatchState } from "../../match/state";
import type { SportMatchState } from "../contract";
import type { Score } from "../../markets/types";
import type { Period } from "./models/situation";
import type { CountExpectations } from "./models/counts";

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
  /** Corners taken and yellow cards shown so far (counts, bounded by MAX_CORNERS and MAX_YELLOW_CARDS); absent in a state stored before they were counted. */
  corners?: Score;
  yellowCards?: Score;
  /** Each side's expected corners and yellow cards from the schedule; null: the league's averages. */
  countExpectations?: CountExpectations | null;
  /** The official result, once confirmed, with the official counts where the feed gave them. */
  result: { score: Score; halfTimeScore: Score; counts?: ConfirmedCounts } | null;
}

/**
 * Official corner and card counts of a confirmed result. They settle the count
 * markets; where they differ from the counts of the feed's events, `disagreement`
 * says how (the official counts win).
 */
export interface ConfirmedCounts {
  corners?: Score;
  yellowCards?: Score;
  redCards?: Score;
  disagreement: string | null;
}

const NONE: Score = { home: 0, away: 0 };
/** The corners, yellow and red cards of a state so far (zero where a state stored before counting has none). */
export function countsOf(state: FootballState): { corners: Score; yellowCards: Score; redCards: Score } {
  return { corners: state.corners ?? NONE, yellowCards: state.yellowCards ?? NONE, redCards: state.redCards };
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
    corners: { home: 0, away: 0 },
    yellowCards: { home: 0, away: 0 },
    countExpectations: null,
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
