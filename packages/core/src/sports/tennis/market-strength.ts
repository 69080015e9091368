import { InputError } from "../../errors";
import { mixtureDistribution } from "./inplay";
import type { MatchRules, Player } from "./rules";
import { startingScore } from "./state";
import { serveComponents, solveDifference, type ServeStrength } from "./strength";

/** A total-games price: the line and the de-margined probability of over. */
export interface TotalGamesPrice {
  line: number;
  over: number;
}

function overProbability(strength: ServeStrength, rules: MatchRules, line: number, firstServer?: Player): number {
  const d = mixtureDistribution(serveComponents(strength), rules, firstServer ? startingScore(firstServer) : null);
  let over = 0;
  for (let a = 0; a < d.width; a++) for (let b = 0; b < d.width; b++) if (a + b > line) over += d.games[a * d.width + b];
  return over;
}

/**
 * Serve strength from the market's match odds and total-games price together: the
 * sum pA + pB is solved so the model's probability of over the line equals the
 * market's (more serve dominance, more holds, more games), and for each sum the
 * difference so the match probability is the market's. Bisection on the sum.
 */
export function solveFromMarket(matchProbability: number, total: TotalGamesPrice, spread: number, rules: MatchRules, firstServer?: Player, sumSpread = 0): ServeStrength {
  if (!(total.over > 0 && total.over < 1)) throw new InputError("tennis.invalid_total_games", `the probability of over must be in (0, 1), got ${String(total.over)}`);
  if (!(total.line > 0) || Number.isInteger(total.line * 2) === false) {
    throw new InputError("tennis.invalid_total_games", `the total-games line must be a positive multiple of 0.5, got ${String(total.line)}`);
  }
  let lo = 0.7, hi = 1.7;
  let strength: ServeStrength | undefined;
  for (let i = 0; i < 18; i++) {
    const mid = (lo + hi) / 2;
    strength = solveDifference(matchProbability, mid, spread, rules, firstServer, 0, sumSpread);
    if (overProbability(strength, rules, total.line, firstServer) < total.over) lo = mid; else hi = mid;
  }
  return strength!;
}
