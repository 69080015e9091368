import type { MatchView, Scoreboard } from "../../match/view";
import type { TennisEvent } from "./events";
import type { TennisState } from "./match-state";
import { inTiebreak } from "./set";
import { setRuleOf } from "./rules";
import { isOver, type TennisScore } from "./state";

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

const FINAL_SET_TEXT = { tiebreak7: "final-set tiebreak", tiebreak10: "final-set tiebreak to 10", advantage: "advantage final set" } as const;

/**
 * A tennis scoreboard: each completed set's games, the games of the set in progress and
 * its points as the feed writes them (0, 15, 30, 40, AD; a tiebreak's points counted),
 * who serves, and the status of play (scheduled, in play, suspended with its reason,
 * retired, walkover, finished).
 */
export function scoreboardTennis(state: TennisState): Scoreboard {
  const { fixture, score, rules, ending } = state;
  const names = [fixture?.playerA ?? "A", fixture?.playerB ?? "B"];
  const name = (p: "a" | "b") => names[p === "a" ? 0 : 1];
  const over = score !== null && rules !== null && isOver(score, rules);
  const playing = score !== null && !over && ending === null && state.result === null;
  const tiebreak = playing && rules !== null && inTiebreak(setRuleOf(rules, score.sets.length), score.current.gamesA, score.current.gamesB);
  const columns: Scoreboard["columns"] = (score?.sets ?? []).map((_, i) => ({ label: `Set ${i + 1}`, kind: "period" as const }));
  const cells: [string[], string[]] = [[], []];
  for (const [a, b] of score?.sets ?? []) {
    cells[0].push(String(a));
    cells[1].push(String(b));
  }
  if (score && (playing || ending?.kind === "retired")) {
    const c = score.current;
    columns.push({ label: playing ? "Games" : `Set ${score.sets.length + 1}`, kind: playing ? "current" : "period" });
    cells[0].push(String(c.gamesA));
    cells[1].push(String(c.gamesB));
    if (playing) {
      columns.push({ label: tiebreak ? "Tiebreak" : "Points", kind: "current" });
      const points = tiebreak ? [String(c.pointsA), String(c.pointsB)] : [c.pointsA, c.pointsB].map((p) => (p >= 4 ? "AD" : GAME_POINTS[p]));
      cells[0].push(points[0]);
      cells[1].push(points[1]);
    }
  }
  let status: Scoreboard["status"] = "scheduled", statusText = "scheduled";
  if (ending?.kind === "walkover") [status, statusText] = ["walkover", `walkover: ${name(ending.player)} withdrew`];
  else if (ending?.kind === "retired") [status, statusText] = ["retired", `${name(ending.player)} retired`];
  else if (over || state.result) [status, statusText] = ["finished", "finished"];
  else if (score && state.hold) [status, statusText] = ["suspended", `suspended: ${state.hold}`];
  else if (score) [status, statusText] = ["in play", "in play"];
  const details = fixture ? [fixture.tour, fixture.surface] : [];
  if (rules) details.push(`best of ${rules.bestOf}`, FINAL_SET_TEXT[rules.finalSet], ...(rules.noAd ? ["no-ad"] : []));
  return {
    columns,
    rows: names.map((n, i) => ({ name: n, cells: cells[i], serving: playing && score.current.server === (i === 0 ? "a" : "b") })),
    status,
    statusText,
    details,
    note: tiebreak ? "tiebreak" : null,
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
