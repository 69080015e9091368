import { ownState, type MatchState } from "../../match/state";
import type { SportMatchState } from "../contract";
import type { GameRecord } from "./game-record";
import type { MatchRules, Player } from "./rules";
import type { TennisScore } from "./state";

/** Where a tennis match's strength comes from: the bookmaker's ratings or a market's prices (de-margined). */
export type TennisStrength =
  | { source: "ratings"; matchProbability: number }
  | { source: "market"; bookmaker: string; matchProbability: number; totalGames: { line: number; over: number } | null };

export interface TennisFixture {
  tour: "ATP" | "WTA";
  competition: string;
  surface: string;
  playerA: string;
  playerB: string;
  start: string;
}

/** How many earlier scores a state keeps, so a correction of that many points can restore one. */
export const SCORE_HISTORY = 8;

/** Tennis's part of a match's state (`state.tennis`), folded from its feed events by the reducer. */
export interface TennisState {
  fixture: TennisFixture | null;
  rules: MatchRules | null;
  /** Who serves the first point, once known. */
  firstServer: Player | null;
  strength: TennisStrength | null;
  /** The score now (the feed's when it and the points disagree); null before the first point. */
  score: TennisScore | null;
  /** The scores before the latest points, newest last (at most SCORE_HISTORY): a correction restores one. */
  history: TennisScore[];
  points: number;
  /** Who won each game so far, in order (game-record.ts; at most GAME_RECORD_CAP): it settles the game-winner markets. */
  games: GameRecord;
  /**
   * Why the markets are suspended while play goes on (a score the points did not
   * give, until the next consistent point; play suspended for rain or a review), or null.
   */
  hold: string | null;
  /** How the match ended, when it did otherwise than by being played out. */
  ending: { kind: "retired" | "walkover"; player: Player } | null;
  /** The confirmed set scores. */
  result: [number, number][] | null;
}

export function initialTennisState(): TennisState {
  return { fixture: null, rules: null, firstServer: null, strength: null, score: null, history: [], points: 0, games: "", hold: null, ending: null, result: null };
}

export type TennisMatchState = SportMatchState<"tennis", TennisState>;

/**
 * Tennis's part of a match's state.
 * @throws InputError "match.wrong_sport" when the match is not a tennis match
 */
export function tennisOf(state: MatchState): TennisState {
  return ownState<TennisState>(state, "tennis");
}
