import type { MatchView } from "../../match/view";
import type { TennisEvent } from "./events";
import type { TennisState } from "./match-state";
import { inTiebreak } from "./set";
import { setRuleOf } from "./rules";
import type { TennisScore } from "./state";

const GAME_POINTS = ["0", "15", "30", "40", "A"];

/**
 * A score as the CLI and the feed write it, from A's side: completed sets, the set in
 * progress and the game's points ("6-4 3-2 30-15"; in a tiebreak its points, "6-6 5-3").
 * Without rules a 6-6 game counts points as a game; with them the tiebreak is known.
 */
export function scoreText(score: TennisScore, tiebreak = false): string {
  const sets = score.sets.map(([a, b]) => `${a}-${b}`);
  const c = score.current;
  const points = tiebreak ? `${c.pointsA}-${c.pointsB}` : `${GAME_POINTS[c.pointsA] ?? c.pointsA}-${GAME_POINTS[c.pointsB] ?? c.pointsB}`;
  return [...sets, `${c.gamesA}-${c.gamesB}`, points].join(" ");
}

/** A tennis match as an operator reads it: the players, the score with its tiebreak points, who serves, and why markets are held. */
export function viewTennis(state: TennisState): MatchView {
  const { fixture, score, rules } = state;
  const tiebreak = score !== null && rules !== null && inTiebreak(setRuleOf(rules, score.sets.length), score.current.gamesA, score.current.gamesB);
  let situation: string | null = null;
  if (state.ending) situation = state.ending.kind === "walkover" ? `walkover (${state.ending.player.toUpperCase()} withdrew)` : `${state.ending.player.toUpperCase()} retired`;
  else if (state.result) situation = "result confirmed";
  else if (score) situation = `set ${score.sets.length + 1}, ${score.current.server.toUpperCase()} serving${tiebreak ? ", tiebreak" : ""}${state.hold ? ` · held: ${state.hold}` : ""}`;
  return {
    competition: fixture?.competition ?? null,
    start: fixture?.start ?? null,
    participants: fixture ? [fixture.playerA, fixture.playerB] : null,
    score: score ? scoreText(score, tiebreak) : null,
    situation,
  };
}

/** The score as written under the match's rules (a tiebreak counts its points). */
export function scoreTextIn(score: TennisScore, rules: TennisState["rules"]): string {
  return scoreText(score, rules !== null && inTiebreak(setRuleOf(rules, score.sets.length), score.current.gamesA, score.current.gamesB));
}

const playerName = (view: MatchView | null, p: "a" | "b") => view?.participants?.[p === "a" ? 0 : 1] ?? p.toUpperCase();

/** One line of the event log as an operator reads it. */
export function describeTennis(event: TennisEvent, view: MatchView | null): string {
  switch (event.type) {
    case "Match Scheduled": return `${event.playerA} v ${event.playerB}, ${event.competition} (${event.tour}, ${event.surface}), best of ${event.bestOf}, ${event.start}`;
    case "Market Prices Observed": return `${event.bookmaker} ${event.matchWinner.a} / ${event.matchWinner.b}${event.totalGames ? `, games ${event.totalGames.line} ${event.totalGames.over} / ${event.totalGames.under}` : ""}`;
    case "Match Started": return `started, ${playerName(view, event.firstServer)} serving`;
    case "Point Won": return `point ${playerName(view, event.player)}: ${event.score}`;
    case "Point Corrected": return `${event.points} point${event.points === 1 ? "" : "s"} taken back: ${event.score}`;
    case "Play Suspended": return `play suspended: ${event.reason}`;
    case "Play Resumed": return "play resumed";
    case "Retirement": return `${playerName(view, event.player)} retired`;
    case "Walkover": return `walkover: ${playerName(view, event.player)} withdrew`;
    case "Match Ended": return "match over";
    case "Result Confirmed": return `result ${event.sets.map(([a, b]) => `${a}-${b}`).join(" ") || "(no set)"}`;
    case "Match Abandoned": return `abandoned: ${event.reason}`;
  }
}
