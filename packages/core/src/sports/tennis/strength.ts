import { InputError } from "../../errors";
import { matchWinProbability } from "./match";
import type { MatchRules, Player } from "./rules";
import { SERVE_BOUNDS, serveTables } from "./serve-tables";

/**
 * How strong the two players are on serve for one match. The serve probabilities are
 * pA = (sum + difference) / 2 and pB = (sum - difference) / 2; `spread` is the
 * standard deviation of the difference from match to match and set to set: a day on
 * which one player serves better than the ratings or the market expected. The
 * textbook iid model is spread 0.
 */
export interface ServeStrength {
  /** pA + pB: how much the tour, surface and players favour the server. */
  sum: number;
  /** Expected pA - pB. */
  difference: number;
  /** Standard deviation of pA - pB around `difference` (0 for the plain iid model). */
  spread: number;
}

/** A point of the mixture over serve probabilities. */
export interface ServeComponent {
  pA: number;
  pB: number;
  weight: number;
}

/** Gauss-Hermite nodes and weights (probabilists', 7 points) for an expectation over a standard normal. */
const HERMITE_NODES = [-3.7504397177257425, -2.3667594107345415, -1.1544053947399682, 0, 1.1544053947399682, 2.3667594107345415, 3.7504397177257425];
const HERMITE_WEIGHTS = [0.0005482688559722184, 0.030757123967586396, 0.2401231786050127, 0.4571428571428571, 0.2401231786050127, 0.030757123967586396, 0.0005482688559722184];

const clamp = (p: number) => Math.min(SERVE_BOUNDS[1], Math.max(SERVE_BOUNDS[0], p));

/** The serve probabilities a strength stands for: one point when spread is 0, else a 7-point quadrature of the normal spread. */
export function serveComponents(strength: ServeStrength): ServeComponent[] {
  const { sum, difference, spread } = strength;
  if (!(spread > 0)) return [{ pA: clamp((sum + difference) / 2), pB: clamp((sum - difference) / 2), weight: 1 }];
  return HERMITE_NODES.map((z, k) => {
    const d = difference + spread * z;
    return { pA: clamp((sum + d) / 2), pB: clamp((sum - d) / 2), weight: HERMITE_WEIGHTS[k] };
  });
}

/** A's pre-match probability of winning, first server unknown (a coin toss) unless given. */
export function matchWinOf(strength: ServeStrength, rules: MatchRules, firstServer?: Player): number {
  let total = 0;
  for (const c of serveComponents(strength)) {
    const t = serveTables(c.pA, c.pB, rules.noAd);
    const win = firstServer ? matchWinProbability(t, rules, firstServer) : (matchWinProbability(t, rules, "a") + matchWinProbability(t, rules, "b")) / 2;
    total += c.weight * win;
  }
  return total;
}

/**
 * The serve-probability difference at which the model's match probability equals the
 * one given (from ratings or the market), for a given serve-strength sum and spread.
 * Bisection: the match probability increases with the difference.
 *
 * @param matchProbability A's probability of winning the match, in (0, 1)
 */
export function solveDifference(matchProbability: number, sum: number, spread: number, rules: MatchRules, firstServer?: Player): ServeStrength {
  if (!(matchProbability > 0 && matchProbability < 1)) {
    throw new InputError("tennis.invalid_match_probability", `match probability must be in (0, 1), got ${String(matchProbability)}`);
  }
  if (!(sum > 0.6 && sum < 1.8)) throw new InputError("tennis.invalid_serve_sum", `serve-strength sum must be in (0.6, 1.8), got ${String(sum)}`);
  const limit = Math.min(sum - 2 * SERVE_BOUNDS[0], 2 * SERVE_BOUNDS[1] - sum);
  let lo = -limit, hi = limit;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (matchWinOf({ sum, difference: mid, spread }, rules, firstServer) < matchProbability) lo = mid;
    else hi = mid;
  }
  return { sum, difference: (lo + hi) / 2, spread };
}

/**
 * Serve strengths on a tour and surface: the sum pA + pB of two average players, and
 * the spread of the difference, fitted on ATP and WTA 2015-2018 (see the backtest's
 * tuning). Tours serve differently (men hold more), grass and fast hard courts favour
 * the server, clay the receiver.
 */
export const SERVE_SUMS: Record<string, Record<string, number>> = {
  ATP: { Hard: 1.27, Clay: 1.22, Grass: 1.32, Carpet: 1.27 },
  WTA: { Hard: 1.12, Clay: 1.10, Grass: 1.15, Carpet: 1.12 },
};

/** Standard deviation of pA - pB around its expectation, per tour (fitted on 2015-2018). */
export const SERVE_SPREAD: Record<string, number> = { ATP: 0.06, WTA: 0.06 };

export function serveSumOf(tour: string, surface: string): number {
  return SERVE_SUMS[tour]?.[surface] ?? SERVE_SUMS[tour]?.Hard ?? SERVE_SUMS.ATP.Hard;
}
