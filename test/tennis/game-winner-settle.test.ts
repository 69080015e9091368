import { describe, expect, test } from "vitest";
import { Epoch } from "@pricing/core/match/epoch";
import type { TennisEvent } from "@pricing/core/sports/tennis/events";
import { GAME_RECORD_CAP, gamesPlayed, recordGames, UNKNOWN_GAME } from "@pricing/core/sports/tennis/game-record";
import { initialTennisState, type TennisState } from "@pricing/core/sports/tennis/match-state";
import { applyPoint } from "@pricing/core/sports/tennis/point";
import { priceMatch } from "@pricing/core/sports/tennis/price";
import { reduceTennis } from "@pricing/core/sports/tennis/reducer";
import type { MatchRules, Player } from "@pricing/core/sports/tennis/rules";
import { tennis } from "@pricing/core/sports/tennis/sport";
import { parseScore } from "@pricing/core/sports/tennis/score-text";
import { isOver } from "@pricing/core/sports/tennis/state";
import { scoreTextIn } from "@pricing/core/sports/tennis/view";

const BO3: MatchRules = { bestOf: 3, finalSet: "tiebreak7", noAd: false };
let seq = 0;
const base = () => ({ sport: "tennis" as const, eventId: `g-${++seq}`, matchId: "G1", seq, occurredAt: "2030-06-01T12:00:00Z" });
type Draft = TennisEvent extends infer E ? (E extends TennisEvent ? Omit<E, "sport" | "eventId" | "matchId" | "seq" | "occurredAt"> : never) : never;
const ev = (d: Draft) => ({ ...base(), ...d }) as TennisEvent;

interface Run { state: TennisState; epoch: Epoch }
function apply(run: Run, e: TennisEvent): Run {
  const step = reduceTennis(run.state, e, run.epoch);
  return { state: { ...run.state, ...step.patch }, epoch: step.epoch ?? run.epoch };
}
function start(): Run {
  let run: Run = { state: initialTennisState(), epoch: Epoch.Scheduled };
  run = apply(run, ev({ type: "Match Scheduled", tour: "WTA", competition: "Eastbourne", surface: "Grass", playerA: "Kvitova", playerB: "Kerber", start: "2030-06-01T12:00:00Z", bestOf: 3, finalSet: "tiebreak7", matchProbability: 0.6 }));
  return apply(run, ev({ type: "Match Started", firstServer: "a" }));
}
/** A point as a faithful feed sends it. */
function point(run: Run, player: Player): Run {
  const next = applyPoint(run.state.score!, run.state.rules!, player);
  return apply(run, ev({ type: "Point Won", player, score: scoreTextIn(next, run.state.rules), server: next.current.server }));
}
/** A game to `player`, to love. */
const game = (run: Run, player: Player) => [0, 1, 2, 3].reduce((r) => point(r, player), run);
const games = (run: Run, winners: string) => [...winners].reduce((r, p) => game(r, p as Player), run);

/** The outcomes of one game-winner market as settlement gives them. */
function settled(run: Run, key: string, line: number, abandoned = false) {
  const m = tennis.settle(run.state, { abandoned }).markets.find((x) => x.key === `${key}|${line}|-`);
  return m && Object.fromEntries(m.selections.map((s) => [s.key, s.outcome]));
}

describe("game-winner markets name their game and settle from the record of games", () => {
  // Set 1: 6-4 to A (games 1-10); set 2 reaches 3-2 (games 11-15).
  const SET1 = "aabbaabbaa", SET2 = "abbaa";
  const at32 = () => games(start(), SET1 + SET2);

  test("priced at 3-2 in set 2, the current game is game 6 of set 2 (16th of the match) and the next the 17th", () => {
    const run = at32();
    expect(scoreTextIn(run.state.score!, BO3)).toBe("6-4 3-2 0-0");
    expect(run.state.games).toBe(SET1 + SET2);
    const markets = priceMatch({ ...tennis.situation(run.state, "2030-06-01T13:00:00Z") }).filter((m) => m.group === "game-winner");
    expect(markets.map((m) => [m.key, m.line])).toEqual([["current-game", 16], ["next-game", 17]]);
  });

  test("it settles won or lost by who won game 6 of set 2, and the next game by the 17th", () => {
    for (const [sixth, seventh] of [["b", "a"], ["a", "b"]] as const) {
      // Played out: the rest of set 2 and set 3 as they come.
      let run = games(at32(), `${sixth}${seventh}`);
      while (!isOver(run.state.score!, BO3)) run = game(run, "a");
      expect(scoreTextIn(run.state.score!, BO3)).toBe("6-4 6-3 0-0 0-0");
      run = apply(run, ev({ type: "Match Ended" }));
      expect(run.state.games[15]).toBe(sixth);
      expect(settled(run, "current-game", 16)).toEqual({ a: sixth === "a" ? "won" : "lost", b: sixth === "b" ? "won" : "lost" });
      expect(settled(run, "next-game", 17)).toEqual({ a: seventh === "a" ? "won" : "lost", b: seventh === "b" ? "won" : "lost" });
      // The game after the last one was never played: void.
      const last = run.state.games.length;
      expect(settled(run, "next-game", last + 1)).toEqual({ a: "void", b: "void" });
    }
  });

  test("after a retirement mid-game the game in progress and the next are void; games completed before it stand", () => {
    let run = at32();
    run = point(point(run, "b"), "b"); // 3-2, 0-30 in game 16
    run = apply(run, ev({ type: "Retirement", player: "a" }));
    expect(run.epoch).toBe(Epoch.FullTime);
    expect(settled(run, "current-game", 16)).toEqual({ a: "void", b: "void" });
    expect(settled(run, "next-game", 17)).toEqual({ a: "void", b: "void" });
    expect(settled(run, "current-game", 15)).toEqual({ a: "won", b: "lost" });
    expect(settled(run, "next-game", 12)).toEqual({ a: "lost", b: "won" });
    // An abandonment mid-game settles the same way.
    expect(settled(at32(), "current-game", 16, true)).toEqual({ a: "void", b: "void" });
    expect(settled(at32(), "current-game", 11, true)).toEqual({ a: "won", b: "lost" });
  });

  test("a walkover voids the game-winner markets", () => {
    let run: Run = { state: initialTennisState(), epoch: Epoch.Scheduled };
    run = apply(run, ev({ type: "Match Scheduled", tour: "WTA", competition: "Eastbourne", surface: "Grass", playerA: "Kvitova", playerB: "Kerber", start: "2030-06-01T12:00:00Z", bestOf: 3, finalSet: "tiebreak7", matchProbability: 0.6 }));
    run = apply(run, ev({ type: "Walkover", player: "b" }));
    expect(settled(run, "current-game", 1)).toEqual({ a: "void", b: "void" });
  });

  test("a correction that takes back the point that won a game takes the game off the record", () => {
    let run = game(at32(), "a");
    expect(run.state.games).toBe(`${SET1}${SET2}a`);
    run = apply(run, ev({ type: "Point Corrected", points: 1, score: "6-4 3-2 40-0", server: "a" }));
    expect(run.state.games).toBe(SET1 + SET2);
  });
});

describe("the record of games", () => {
  test("a score the feed jumps to places the games its tallies determine and marks the rest unknown", () => {
    const score = parseScore("6-4 3-2", "a", BO3);
    // Nothing recorded: set 2's five games are 3 and 2, so unknown; set 1's too.
    expect(recordGames("", score)).toBe(UNKNOWN_GAME.repeat(15));
    // B's two games of set 2 already seen: the three new ones are A's.
    expect(recordGames("aabbaabbaa" + "bb", score)).toBe("aabbaabbaa" + "bbaaa");
    // A record that contradicts the score names no winner in that set.
    expect(recordGames("aaaaaaaaaa", score).slice(0, 10)).toBe(UNKNOWN_GAME.repeat(10));
    expect(gamesPlayed(score)).toBe(15);
  });

  test("a game the record cannot place settles void, and the record is bounded", () => {
    const score = parseScore("6-4 3-2", "a", BO3);
    const run: Run = { state: { ...start().state, score, games: recordGames("", score) }, epoch: Epoch.InPlay };
    expect(settled(run, "current-game", 12, true)).toEqual({ a: "void", b: "void" });
    expect(GAME_RECORD_CAP).toBeGreaterThanOrEqual(4 * 13 + 2 * 30);
    const long = parseScore("6-4 6-7 6-4 6-7 70-68", "a", { bestOf: 5, finalSet: "advantage", noAd: false });
    expect(recordGames("", long).length).toBe(GAME_RECORD_CAP);
  });
});
