import { InputError } from "../../errors";
import { ADVANTAGE_SET_CAP, setRuleOf, setsToWin, type MatchRules, type Player } from "./rules";
import { inTiebreak, type SetState } from "./set";

/**
 * Where a match stands: completed sets (games of A, games of B), the set in progress
 * and who serves. Before the first point: no sets, 0-0, 0-0, server = first server.
 */
export interface TennisScore {
  sets: [number, number][];
  /** The set in progress; ignored once the match is over. */
  current: SetState;
}

export function startingScore(firstServer: Player): TennisScore {
  return { sets: [], current: { gamesA: 0, gamesB: 0, pointsA: 0, pointsB: 0, server: firstServer } };
}

export function setsWon(score: TennisScore): [number, number] {
  let a = 0, b = 0;
  for (const [x, y] of score.sets) {
    if (x > y) a++;
    else b++;
  }
  return [a, b];
}

export function isOver(score: TennisScore, rules: MatchRules): boolean {
  const [a, b] = setsWon(score);
  const need = setsToWin(rules);
  return a >= need || b >= need;
}

/** Whether a set score is a finished set under the rule for that set. */
export function isFinishedSet(rules: MatchRules, index: number, a: number, b: number): boolean {
  const rule = setRuleOf(rules, index);
  const hi = Math.max(a, b), lo = Math.min(a, b);
  if (rule === "advantage") return hi >= 6 && (hi === 6 ? lo <= 4 : hi - lo === 2);
  return (hi === 6 && lo <= 4) || (hi === 7 && (lo === 5 || lo === 6));
}

function fail(message: string): never {
  throw new InputError("tennis.invalid_score", message);
}

/** Throws an InputError unless the score can happen under the rules. */
export function checkScore(score: TennisScore, rules: MatchRules): TennisScore {
  const need = setsToWin(rules);
  let a = 0, b = 0;
  score.sets.forEach(([x, y], k) => {
    if (a >= need || b >= need) fail(`the match was over before set ${k + 1}`);
    if (!isFinishedSet(rules, k, x, y)) fail(`set ${k + 1} (${x}-${y}) is not a finished set`);
    if (x > y) a++;
    else b++;
  });
  if (a >= need || b >= need) return score;
  const { gamesA, gamesB, pointsA, pointsB } = score.current;
  const index = score.sets.length;
  const rule = setRuleOf(rules, index);
  const ints = [gamesA, gamesB, pointsA, pointsB];
  if (!ints.every((n) => Number.isInteger(n) && n >= 0)) fail("games and points must be whole numbers");
  if (isFinishedSet(rules, index, gamesA, gamesB)) fail(`the set in progress (${gamesA}-${gamesB}) is already finished`);
  const hi = Math.max(gamesA, gamesB), lo = Math.min(gamesA, gamesB);
  if (rule === "advantage" ? hi - lo > 1 && hi > 5 : hi > 6 || (hi === 6 && lo < 5)) fail(`${gamesA}-${gamesB} cannot be a set in progress`);
  if (rule === "advantage" && hi > ADVANTAGE_SET_CAP) fail(`games past ${ADVANTAGE_SET_CAP} in a set are not priced`);
  const tb = inTiebreak(rule, gamesA, gamesB);
  const target = tb ? (rule === "tiebreak10" ? 10 : 7) : 4;
  const pHi = Math.max(pointsA, pointsB), pLo = Math.min(pointsA, pointsB);
  if ((pHi >= target && pHi - pLo >= 2) || (pHi > target && pHi - pLo > 1)) fail(`${pointsA}-${pointsB} is not a game in progress`);
  if (!tb && (pHi > 4 || (score.current.pointsA >= 4 && score.current.pointsB >= 4))) fail(`${pointsA}-${pointsB} is not a game in progress`);
  if (!tb && rules.noAd && pHi > 3) fail("no-ad games have no advantage");
  if (score.current.server !== "a" && score.current.server !== "b") fail("the server must be a or b");
  return score;
}
