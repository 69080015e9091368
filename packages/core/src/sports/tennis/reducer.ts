import { Epoch } from "../../match/epoch";
import { removeMargin } from "../../margin/remove";
import type { SportStep } from "../contract";
import type { TennisEvent, TennisEventOf } from "./events";
import { recordGames } from "./game-record";
import { SCORE_HISTORY, type TennisState } from "./match-state";
import { applyPoint } from "./point";
import type { MatchRules } from "./rules";
import { parseScore } from "./score-text";
import { isOver, startingScore, type TennisScore } from "./state";
import { scoreTextIn } from "./view";

type Step = SportStep<TennisState>;
const ignore = (reason: string): Step => ({ patch: {}, reason: `ignored: ${reason}` });

/** Why markets are suspended while play goes on, in tennis's words. */
export const TENNIS_HOLDS = { mismatch: "score mismatch", correction: "point corrected" } as const;

/**
 * Tennis's reducer: applies the feed event that follows and records why. Every point
 * reprices; the score is computed from the points and checked against the feed's: on a
 * mismatch the feed's score wins and the markets stay suspended until a point agrees
 * again. A correction restores the score from before the points it takes back (the
 * feed's, if it says otherwise), suspends (the suspension fences every repricing of
 * the taken-back score still under way) and reprices the restored score. Play
 * suspended holds the markets until play resumes. Pure.
 */
export function reduceTennis(state: TennisState, event: TennisEvent, epoch: Epoch): Step {
  switch (event.type) {
    case "Match Scheduled":
      return scheduled(state, event, epoch);
    case "Market Prices Observed":
      return pricesObserved(event, epoch);
    case "Match Started":
      return started(state, event, epoch);
    case "Point Won":
      return pointWon(state, event, epoch);
    case "Point Corrected":
      return corrected(state, event, epoch);
    case "Play Suspended":
      if (epoch !== Epoch.InPlay) return ignore("play is not under way");
      return { patch: { hold: event.reason }, reason: `play suspended: ${event.reason}`, effects: { suspend: "play suspended" } };
    case "Play Resumed":
      if (epoch !== Epoch.InPlay || state.hold === null) return ignore("play is not suspended");
      return { patch: { hold: null }, reason: "play resumed", effects: { reprice: true } };
    case "Retirement":
      if (epoch !== Epoch.InPlay) return ignore("a player retires during play");
      return { patch: { ending: { kind: "retired", player: event.player } }, epoch: Epoch.FullTime, reason: `player ${event.player.toUpperCase()} retired at ${textOf(state.score, state.rules)}`, effects: { suspend: "retirement" } };
    case "Walkover":
      if (epoch !== Epoch.Scheduled) return ignore("a walkover comes before play");
      return { patch: { ending: { kind: "walkover", player: event.player } }, epoch: Epoch.FullTime, reason: `walkover: player ${event.player.toUpperCase()} withdrew`, effects: { suspend: "walkover" } };
    case "Match Ended":
      if (epoch !== Epoch.InPlay) return ignore("the match is not in play");
      return { patch: {}, epoch: Epoch.FullTime, reason: `match over: ${textOf(state.score, state.rules)}`, effects: { suspend: "match over" } };
    case "Result Confirmed":
      if (epoch !== Epoch.FullTime) return ignore("a result is confirmed after the match");
      return { patch: { result: event.sets }, epoch: Epoch.Confirmed, reason: `result confirmed: ${event.sets.map(([a, b]) => `${a}-${b}`).join(" ") || "no set played"}` };
    case "Match Abandoned":
      return ignore("abandonment is the engine's");
  }
}

/** An abandoned tennis match keeps its score; nothing runs on. */
export function abandonTennis(): Partial<TennisState> {
  return {};
}

function scheduled(state: TennisState, e: TennisEventOf<"Match Scheduled">, epoch: Epoch): Step {
  if (epoch !== Epoch.Scheduled) return ignore("the match has started");
  const fixture = { tour: e.tour, competition: e.competition, surface: e.surface, playerA: e.playerA, playerB: e.playerB, start: e.start };
  const rules: MatchRules = { bestOf: e.bestOf, finalSet: e.finalSet, noAd: e.noAd ?? false };
  const strength = state.strength?.source === "market" ? state.strength : e.matchProbability !== undefined ? { source: "ratings" as const, matchProbability: e.matchProbability } : state.strength;
  const reason = `${state.fixture ? "rescheduled" : "scheduled"}: ${e.playerA} v ${e.playerB}, best of ${e.bestOf}, ${e.start}`;
  return { patch: { fixture, rules, firstServer: e.firstServer ?? state.firstServer, strength }, reason, effects: { reprice: strength !== null } };
}

function pricesObserved(e: TennisEventOf<"Market Prices Observed">, epoch: Epoch): Step {
  if (epoch !== Epoch.Scheduled) return ignore("prices observed after the start are not used");
  const [a] = removeMargin([e.matchWinner.a, e.matchWinner.b], "shin").probabilities;
  const totalGames = e.totalGames ? { line: e.totalGames.line, over: removeMargin([e.totalGames.over, e.totalGames.under], "shin").probabilities[0] } : null;
  return { patch: { strength: { source: "market", bookmaker: e.bookmaker, matchProbability: a, totalGames } }, reason: `prices observed at ${e.bookmaker}`, effects: { reprice: true } };
}

function started(state: TennisState, e: TennisEventOf<"Match Started">, epoch: Epoch): Step {
  if (epoch !== Epoch.Scheduled || !state.rules) return ignore(state.rules ? "the match has already started" : "the match is not scheduled");
  return { patch: { firstServer: e.firstServer, score: startingScore(e.firstServer), games: "" }, epoch: Epoch.InPlay, reason: `started, player ${e.firstServer.toUpperCase()} serving`, effects: { reprice: true } };
}

function pointWon(state: TennisState, e: TennisEventOf<"Point Won">, epoch: Epoch): Step {
  if (epoch !== Epoch.InPlay || !state.rules || !state.score) return ignore("no point counts outside play");
  if (isOver(state.score, state.rules)) return ignore("the match is already decided");
  const computed = applyPoint(state.score, state.rules, e.player);
  const history = [...state.history, state.score].slice(-SCORE_HISTORY);
  const reported = feedScore(e.score, e.server, state.rules);
  const text = textOf(computed, state.rules);
  if (reported === null || sameScore(reported, computed)) {
    const cleared = state.hold === TENNIS_HOLDS.mismatch;
    return {
      patch: { score: computed, history, points: state.points + 1, games: recordGames(state.games, computed), ...(cleared ? { hold: null } : {}) },
      reason: `point ${e.player.toUpperCase()}: ${text}${reported === null ? ` (the feed's score "${e.score}" does not read; the points' kept)` : ""}`,
      effects: { reprice: true },
    };
  }
  return {
    patch: { score: reported, history, points: state.points + 1, games: recordGames(state.games, reported), hold: TENNIS_HOLDS.mismatch },
    reason: `point ${e.player.toUpperCase()}: the points give ${text}, the feed says ${textOf(reported, state.rules)}; the feed's score is kept, markets held until a point agrees`,
    effects: { suspend: TENNIS_HOLDS.mismatch },
  };
}

function corrected(state: TennisState, e: TennisEventOf<"Point Corrected">, epoch: Epoch): Step {
  if (epoch !== Epoch.InPlay || !state.rules || !state.score) return ignore("no point to correct outside play");
  const back = Math.min(e.points, state.history.length);
  const restored = back > 0 ? state.history[state.history.length - back] : state.score;
  const reported = feedScore(e.score, e.server, state.rules);
  const score = reported ?? restored;
  const agrees = reported === null || sameScore(reported, restored);
  return {
    patch: { score, history: state.history.slice(0, state.history.length - back), points: Math.max(0, state.points - e.points), games: recordGames(state.games, score) },
    reason: `${e.points} point${e.points === 1 ? "" : "s"} taken back: ${textOf(score, state.rules)}${agrees ? "" : ` (the points would give ${textOf(restored, state.rules)}; the feed's score is kept)`}`,
    effects: { suspend: TENNIS_HOLDS.correction, reprice: true },
  };
}

/** The feed's score, or null when it does not read as a score of this format. */
function feedScore(text: string, server: TennisScore["current"]["server"], rules: MatchRules): TennisScore | null {
  try {
    return parseScore(text, server, rules);
  } catch {
    return null;
  }
}

function sameScore(a: TennisScore, b: TennisScore): boolean {
  return JSON.stringify(a.sets) === JSON.stringify(b.sets)
    && a.current.gamesA === b.current.gamesA && a.current.gamesB === b.current.gamesB
    && a.current.pointsA === b.current.pointsA && a.current.pointsB === b.current.pointsB
    && a.current.server === b.current.server;
}

const textOf = (score: TennisScore | null, rules: MatchRules | null = null) => (score ? scoreTextIn(score, rules) : "before the first point");
