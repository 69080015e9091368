import { gamesPlayed } from "./game-record";
import { marketOf } from "./markets";
import type { TennisMarket } from "./market-types";
import { other, setRuleOf, setsToWin, type MatchRules, type Player } from "./rules";
import { serveTables, type ServeTables } from "./serve-tables";
import { currentGameWinA, inTiebreak, tiebreakWinA } from "./set";
import { isFinishedSet, setsWon, type TennisScore } from "./state";
import type { ServeComponent } from "./strength";

/** What the game after the current one is if A (or B) wins the current one: not played, a service game, or a tiebreak. */
type NextGame = { kind: "none" } | { kind: "game" | "tiebreak"; server: Player };

function nextGameOf(rules: MatchRules, score: TennisScore, aWinsCurrent: boolean): NextGame {
  const { gamesA, gamesB, server } = score.current;
  const index = score.sets.length;
  const rule = setRuleOf(rules, index);
  const a = inTiebreak(rule, gamesA, gamesB) ? (aWinsCurrent ? 7 : 6) : gamesA + (aWinsCurrent ? 1 : 0);
  const b = inTiebreak(rule, gamesA, gamesB) ? (aWinsCurrent ? 6 : 7) : gamesB + (aWinsCurrent ? 0 : 1);
  const nextServer: Player = other(server);
  if (isFinishedSet(rules, index, a, b)) {
    const [sa, sb] = setsWon(score);
    const need = setsToWin(rules);
    if ((a > b ? sa + 1 : sa) >= need || (b > a ? sb + 1 : sb) >= need) return { kind: "none" };
    return { kind: "game", server: nextServer };
  }
  if (inTiebreak(rule, a, b)) return { kind: "tiebreak", server: nextServer };
  return { kind: "game", server: nextServer };
}

/** A's probability of winning the next game under one pair of serve probabilities; null when it is not played. */
function nextGameWinA(t: ServeTables, rules: MatchRules, score: TennisScore, next: NextGame): number | null {
  if (next.kind === "none") return null;
  if (next.kind === "tiebreak") return tiebreakWinA(t, setRuleOf(rules, score.sets.length), next.server);
  return next.server === "a" ? t.holdA : 1 - t.holdB;
}

/**
 * In play: who wins the game in progress (a tiebreak counts as one game) and the game
 * after it. The next game is not played when the current one ends the match; that
 * probability is its push (bets on it are void). Each market's line is the number in
 * the match of the game it prices (1 for the first game; a tiebreak is one game), so
 * it settles from the record of games (game-record.ts). `tables` and `currentWins`,
 * when given, are the components' serve tables and A's chances in the game in progress.
 */
export function gameWinnerMarkets(components: ServeComponent[], rules: MatchRules, score: TennisScore, tables?: ServeTables[], currentWins?: Float64Array): TennisMarket[] {
  const rule = setRuleOf(rules, score.sets.length);
  let current = 0, nextA = 0, nextB = 0, notPlayed = 0;
  const afterA = nextGameOf(rules, score, true), afterB = nextGameOf(rules, score, false);
  for (let k = 0; k < components.length; k++) {
    const c = components[k];
    const t = tables ? tables[k] : serveTables(c.pA, c.pB, rules.noAd, c.setSpread);
    const w = currentWins ? currentWins[k] : currentGameWinA(t, rule, score.current);
    current += c.weight * w;
    for (let side = 0; side < 2; side++) {
      const p = side === 0 ? w : 1 - w;
      const next = nextGameWinA(t, rules, score, side === 0 ? afterA : afterB);
      if (next === null) notPlayed += c.weight * p;
      else { nextA += c.weight * p * next; nextB += c.weight * p * (1 - next); }
    }
  }
  const game = gamesPlayed(score) + 1;
  return [
    marketOf("game-winner", "current-game", game, ["a", "b"], [current, 1 - current]),
    marketOf("game-winner", "next-game", game + 1, ["a", "b"], [nextA, nextB], [notPlayed, notPlayed]),
  ];
}
