import { InputError } from "../../errors";
import { setRuleOf, type MatchRules, type Player } from "./rules";
import { inTiebreak } from "./set";
import { checkScore, isFinishedSet, type TennisScore } from "./state";

const POINTS: Record<string, number> = { "0": 0, "15": 1, "30": 2, "40": 3, A: 4, AD: 4 };

function pair(token: string): [string, string] {
  const m = /^([0-9A-Za-z]+)-([0-9A-Za-z]+)$/.exec(token);
  if (!m) throw new InputError("tennis.invalid_score", `"${token}" is not a score like 6-4 or 30-15`);
  return [m[1].toUpperCase(), m[2].toUpperCase()];
}

function gamePoints(token: string, tiebreak: boolean): [number, number] {
  const [x, y] = pair(token);
  if (tiebreak) {
    if (!/^\d+$/.test(x) || !/^\d+$/.test(y)) throw new InputError("tennis.invalid_score", `tiebreak points are counted 0, 1, 2, ...; got "${token}"`);
    return [Number(x), Number(y)];
  }
  if (!Object.hasOwn(POINTS, x) || !Object.hasOwn(POINTS, y)) throw new InputError("tennis.invalid_score", `game points are 0, 15, 30, 40 or A; got "${token}"`);
  const a = POINTS[x], b = POINTS[y];
  if (a === 4 && b !== 3) throw new InputError("tennis.invalid_score", `advantage needs 40 on the other side; got "${token}"`);
  if (b === 4 && a !== 3) throw new InputError("tennis.invalid_score", `advantage needs 40 on the other side; got "${token}"`);
  return [a, b];
}

/**
 * A score as written, from A's side: completed sets, then the set in progress, then
 * the points of the game in progress ("6-4 3-2 30-15"; in a tiebreak "6-4 6-6 5-3").
 * `server` serves the game in progress (in a tiebreak, who served its first point).
 */
export function parseScore(text: string, server: Player, rules: MatchRules): TennisScore {
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  const sets: [number, number][] = [];
  let k = 0;
  while (k < tokens.length) {
    const [x, y] = pair(tokens[k]);
    if (!/^\d+$/.test(x) || !/^\d+$/.test(y)) break;
    const a = Number(x), b = Number(y);
    if (!isFinishedSet(rules, sets.length, a, b)) break;
    sets.push([a, b]);
    k++;
  }
  const need = rules.bestOf === 3 ? 2 : 3;
  const won = sets.filter(([a, b]) => a > b).length;
  if ((won >= need || sets.length - won >= need) && k < tokens.length) {
    throw new InputError("tennis.invalid_score", `the match is over after ${sets.map(([a, b]) => `${a}-${b}`).join(" ")}; "${tokens.slice(k).join(" ")}" cannot follow`);
  }
  let games: [number, number] = [0, 0];
  let points: [number, number] = [0, 0];
  if (k < tokens.length) {
    const [x, y] = pair(tokens[k]);
    if (!/^\d+$/.test(x) || !/^\d+$/.test(y)) throw new InputError("tennis.invalid_score", `"${tokens[k]}" is not a games score`);
    games = [Number(x), Number(y)];
    k++;
  }
  if (k < tokens.length) {
    points = gamePoints(tokens[k], inTiebreak(setRuleOf(rules, sets.length), games[0], games[1]));
    k++;
  }
  if (k < tokens.length) throw new InputError("tennis.invalid_score", `unexpected "${tokens.slice(k).join(" ")}" after the points`);
  return checkScore({ sets, current: { gamesA: games[0], gamesB: games[1], pointsA: points[0], pointsB: points[1], server } }, rules);
}
