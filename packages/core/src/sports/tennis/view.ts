import type { MatchView } from "../../match/view";
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
