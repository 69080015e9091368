import { ADVANTAGE_SET_CAP, type Player } from "./rules";
import type { TennisScore } from "./state";

/**
 * Who won each game of a match, in order, one letter a game ("a", "b", or UNKNOWN_GAME
 * for a game whose winner the feed never showed), a tiebreak counting as one game. It
 * settles the game-winner markets, which name the game they price by its number in
 * the match (1 for the first game).
 */
export type GameRecord = string;

/** A game that was played but whose winner is not known (the feed's score jumped past it): its markets settle void. */
export const UNKNOWN_GAME = "?";

/**
 * The most games a record keeps: more than the number of any game ever priced (four
 * sets of 13 games, a final set cut at ADVANTAGE_SET_CAP games a side, and the game
 * after the one in progress). Games past it are not recorded; their markets settle void.
 */
export const GAME_RECORD_CAP = 4 * 13 + 2 * ADVANTAGE_SET_CAP + 2;

/** Games completed in a score: every completed set's and the set in progress's. */
export function gamesPlayed(score: TennisScore): number {
  let n = score.current.gamesA + score.current.gamesB;
  for (const [a, b] of score.sets) n += a + b;
  return n;
}

/**
 * The record of games that agrees with a new score, from the record before it: the
 * games of each set are read in order; those the set's score allows are kept, a new
 * game goes to the player whose games in that set the score says grew (so a point
 * that ends a game records its winner, and a correction that takes a game back drops
 * it), and a game the tallies cannot place is UNKNOWN_GAME. A set whose recorded
 * winners disagree with its score is all UNKNOWN_GAME: the record never names a winner
 * the score contradicts.
 */
export function recordGames(before: GameRecord | undefined, score: TennisScore): GameRecord {
  const record = before ?? "";
  const sets: [number, number][] = [...score.sets, [score.current.gamesA, score.current.gamesB]];
  let out = "", at = 0;
  for (const [x, y] of sets) {
    const n = x + y;
    const known = record.slice(at, at + n);
    at += n;
    let a = 0, b = 0;
    for (const ch of known) { if (ch === "a") a++; else if (ch === "b") b++; }
    if (a > x || b > y) { out += UNKNOWN_GAME.repeat(n); continue; }
    // Every game not yet placed goes to one player when only that player's games are short.
    const fill = x - a === 0 ? "b" : y - b === 0 ? "a" : UNKNOWN_GAME;
    out += (fill === UNKNOWN_GAME ? known : known.replaceAll(UNKNOWN_GAME, fill)) + fill.repeat(n - known.length);
  }
  return out.slice(0, GAME_RECORD_CAP);
}

/** Who won game `n` of the match (1 for the first), or null when it was not played, is past the record, or its winner is unknown. */
export function gameWinner(record: GameRecord, n: number): Player | null {
  const ch = record[n - 1];
  return ch === "a" || ch === "b" ? ch : null;
}
