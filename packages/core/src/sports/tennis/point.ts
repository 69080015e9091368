import { other, setRuleOf, type MatchRules, type Player } from "./rules";
import { inTiebreak, nextSetServer } from "./set";
import { isFinishedSet, isOver, type TennisScore } from "./state";

/**
 * The score after one more point, won by `winner`: games, tiebreaks, sets and the
 * change of server follow the rules. Points after the end of the match change nothing.
 */
export function applyPoint(score: TennisScore, rules: MatchRules, winner: Player): TennisScore {
  if (isOver(score, rules)) return score;
  const index = score.sets.length;
  const rule = setRuleOf(rules, index);
  const c = score.current;
  const tb = inTiebreak(rule, c.gamesA, c.gamesB);
  let pointsA = c.pointsA + (winner === "a" ? 1 : 0), pointsB = c.pointsB + (winner === "b" ? 1 : 0);
  const target = tb ? (rule === "tiebreak10" ? 10 : 7) : 4;
  const hi = Math.max(pointsA, pointsB), lo = Math.min(pointsA, pointsB);
  const gameOver = (hi >= target && hi - lo >= 2) || (!tb && rules.noAd && hi === 4);
  if (!gameOver) {
    // Back to deuce is 40-40, however long the game.
    if (!tb && pointsA >= 4 && pointsB >= 4) { pointsA -= 1; pointsB -= 1; }
    return { sets: score.sets, current: { ...c, pointsA, pointsB } };
  }
  const gamesA = c.gamesA + (winner === "a" ? 1 : 0), gamesB = c.gamesB + (winner === "b" ? 1 : 0);
  if (isFinishedSet(rules, index, gamesA, gamesB)) {
    // The tiebreak's first server was the set's first server; the next set starts with the other player.
    const first = tb ? c.server : (c.gamesA + c.gamesB) % 2 === 0 ? c.server : other(c.server);
    const server = nextSetServer(first, gamesA, gamesB);
    return { sets: [...score.sets, [gamesA, gamesB]], current: { gamesA: 0, gamesB: 0, pointsA: 0, pointsB: 0, server } };
  }
  return { sets: score.sets, current: { gamesA, gamesB, pointsA: 0, pointsB: 0, server: other(c.server) } };
}

/** Who serves the next point: the game's server, or in a tiebreak the first server on points 0, 3, 4, 7, 8, ... */
export function pointServer(score: TennisScore, rules: MatchRules): Player {
  const c = score.current;
  if (!inTiebreak(setRuleOf(rules, score.sets.length), c.gamesA, c.gamesB)) return c.server;
  const k = c.pointsA + c.pointsB;
  return ((k + 1) >> 1) % 2 === 0 ? c.server : other(c.server);
}
