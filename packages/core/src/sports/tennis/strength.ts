import { InputError } from "../../errors";
import type { FirstSetBlend } from "./first-set-blend";
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
  /** Standard deviation of pA - pB around `difference` from match to match (0 for the plain iid model). */
  spread: number;
  /** Standard deviation of pA - pB from set to set within a match (0 or absent: every set alike). */
  setSpread?: number;
  /** Standard deviation of pA + pB from match to match: big servers' matches against baseliners' (0 or absent: none). */
  sumSpread?: number;
  /**
   * How much the games seen say about the serve strengths for the rest of the match:
   * the in-play update weighs each strength by its likelihood raised to this power
   * (1 or absent: plain Bayes; under 1, the mixture stays wider after a set and the
   * next sets follow the first less).
   */
  evidence?: number;
  /**
   * From the end of the first set on, the mixture is tilted so A's match probability
   * there is the model's blended with the baseline's frequency (first-set-blend.ts);
   * absent: the model alone.
   */
  firstSetBlend?: FirstSetBlend;
}

/** A point of the mixture over serve probabilities. */
export interface ServeComponent {
  pA: number;
  pB: number;
  weight: number;
  /** Set-to-set spread of the difference around (pA, pB). */
  setSpread?: number;
  /** The power of the likelihood in the in-play update (ServeStrength's `evidence`). */
  evidence?: number;
  /** ServeStrength's `firstSetBlend`. */
  firstSetBlend?: FirstSetBlend;
}

/** Gauss-Hermite nodes and weights (probabilists', 7 points) for an expectation over a standard normal. */
const HERMITE_NODES = [-3.7504397177257425, -2.3667594107345415, -1.1544053947399682, 0, 1.1544053947399682, 2.3667594107345415, 3.7504397177257425];
const HERMITE_WEIGHTS = [0.0005482688559722184, 0.030757123967586397, 0.2401231786050127, 0.4571428571428571, 0.2401231786050127, 0.030757123967586397, 0.0005482688559722184];

/** Gauss-Hermite, 3 points, for the spread of the sum. */
const SUM_NODES = [-Math.sqrt(3), 0, Math.sqrt(3)];
const SUM_WEIGHTS = [1 / 6, 2 / 3, 1 / 6];

const clamp = (p: number) => Math.min(SERVE_BOUNDS[1], Math.max(SERVE_BOUNDS[0], p));

/** The serve probabilities a strength stands for: one point when spread is 0, else a 7-point quadrature of the normal spread. */
export function serveComponents(strength: ServeStrength): ServeComponent[] {
  const { difference, spread } = strength;
  const setSpread = strength.setSpread ?? 0;
  const sumSpread = strength.sumSpread ?? 0;
  const evidence = strength.evidence ?? 1;
  const blend = strength.firstSetBlend ? { firstSetBlend: strength.firstSetBlend } : {};
  const sums = sumSpread > 0 ? SUM_NODES.map((z, k) => [strength.sum + sumSpread * z, SUM_WEIGHTS[k]]) : [[strength.sum, 1]];
  const out: ServeComponent[] = [];
  for (const [sum, sumWeight] of sums) {
    if (!(spread > 0)) { out.push({ pA: clamp((sum + difference) / 2), pB: clamp((sum - difference) / 2), weight: sumWeight, setSpread, evidence, ...blend }); continue; }
    HERMITE_NODES.forEach((z, k) => {
      const d = difference + spread * z;
      out.push({ pA: clamp((sum + d) / 2), pB: clamp((sum - d) / 2), weight: sumWeight * HERMITE_WEIGHTS[k], setSpread, evidence, ...blend });
    });
  }
  return out;
}

/** A's pre-match probability of winning, first server unknown (a coin toss) unless given. */
export function matchWinOf(strength: ServeStrength, rules: MatchRules, firstServer?: Player): number {
  let total = 0;
  for (const c of serveComponents(strength)) {
    const t = serveTables(c.pA, c.pB, rules.noAd, c.setSpread);
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
export function solveDifference(matchProbability: number, sum: number, spread: number, rules: MatchRules, firstServer?: Player, setSpread = 0, sumSpread = 0): ServeStrength {
  if (!(matchProbability > 0 && matchProbability < 1)) {
    throw new InputError("tennis.invalid_match_probability", `match probability must be in (0, 1), got ${String(matchProbability)}`);
  }
  if (!(sum > 0.6 && sum < 1.8)) throw new InputError("tennis.invalid_serve_sum", `serve-strength sum must be in (0.6, 1.8), got ${String(sum)}`);
  const limit = Math.min(sum - 2 * SERVE_BOUNDS[0], 2 * SERVE_BOUNDS[1] - sum);
  let lo = -limit, hi = limit;
  // Bisection on the difference; the sum's spread is in the mixture being matched.
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (matchWinOf({ sum, difference: mid, spread, setSpread, sumSpread }, rules, firstServer) < matchProbability) lo = mid;
    else hi = mid;
  }
  return { sum, difference: (lo + hi) / 2, spread, setSpread, sumSpread };
}

/**
 * Serve strengths on a tour and surface: the sum pA + pB of two average players,
 * set on ATP and WTA 2015-2018 so the mean total games per surface matches. Tours serve differently (men hold more), grass and fast hard courts favour
 * the server, clay the receiver.
 */
export const SERVE_SUMS: Record<string, Record<string, number>> = {
  ATP: { Hard: 1.27, Clay: 1.22, Grass: 1.33, Carpet: 1.27 },
  WTA: { Hard: 1.12, Clay: 1.10, Grass: 1.18, Carpet: 1.12 },
};

/**
 * Standard deviation of pA - pB around its expectation, per tour, fitted on 2015-2018
 * (every third completed match, priced from Pinnacle's odds): with it the model's
 * deciding-set rate is 33.9% against 33.5% seen (ATP; iid 42.2%) and 33.3% against
 * 33.6% (WTA; iid 45.7%), and the mean total games 25.92 against 25.92 (ATP; iid
 * 27.67) and 21.71 against 21.87 (WTA; iid 23.81). WTA prices go through the
 * favourite-longshot slope (backtest's PRICE_SLOPE_TOURS): favourites a little
 * stronger, fewer games, so its spread is refitted on 2016-18 to 0.085, where the
 * main total-games line's over rate is 0.3 points under the model's (0.09: +0.9 points).
 */
export const SERVE_SPREAD: Record<string, number> = { ATP: 0.07, WTA: 0.085 };

/** Standard deviation of pA - pB from set to set within a match, per tour: fitted on 2015-2018, no gain over 0. */
export const SET_SPREAD: Record<string, number> = { ATP: 0, WTA: 0 };

/**
 * Standard deviation of pA + pB from match to match, per tour, fitted on 2015-2018:
 * a match between two big servers has more holds, games and tiebreaks than one
 * between two returners at the same match price. With it the ATP tiebreak calibration
 * error on 2016-18 falls from 0.024 to 0.012 and the total-games one from 0.010 to 0.002.
 */
export const SUM_SPREAD: Record<string, number> = { ATP: 0.07, WTA: 0.04 };

/**
 * The in-play evidence weight (ServeStrength's `evidence`) per tour. ATP: 0.79, fitted
 * by maximum likelihood on the outcomes after the first set of 2015-2021, as the
 * backtest refits it each January on earlier matches (backtest.ts `fitEvidence`; 0.77
 * to 0.79 for 2016-21, `next` of a run over 2015-2021: 0.788): a set says less about
 * the next than plain Bayes on the iid chain would have it. WTA: 1, plain Bayes
 * (refitting did not help on 2016-18).
 */
export const EVIDENCE: Record<string, number> = { ATP: 0.79, WTA: 1 };

export function evidenceOf(tour: string): number {
  return EVIDENCE[tour] ?? EVIDENCE.ATP;
}

export function sumSpreadOf(tour: string): number {
  return SUM_SPREAD[tour] ?? SUM_SPREAD.ATP;
}

export function setSpreadOf(tour: string): number {
  return SET_SPREAD[tour] ?? SET_SPREAD.ATP;
}

export function serveSpreadOf(tour: string): number {
  return SERVE_SPREAD[tour] ?? SERVE_SPREAD.ATP;
}

export function serveSumOf(tour: string, surface: string): number {
  return SERVE_SUMS[tour]?.[surface] ?? SERVE_SUMS[tour]?.Hard ?? SERVE_SUMS.ATP.Hard;
}

const STEPS = 160;
const curves = new Map<string, { differences: Float64Array; wins: Float64Array }>();

/**
 * The serve-probability difference whose mixture match probability is the one given
 * (first server a coin toss), read off a curve computed once per format, sum and
 * spread and interpolated linearly: the backtest and the pricing service solve this
 * for every match, and a bisection costs hundreds of match recursions.
 */
export function differenceFor(matchProbability: number, sum: number, spread: number, rules: MatchRules, setSpread = 0, sumSpread = 0): ServeStrength {
  const key = `${rules.bestOf}${rules.finalSet}${rules.noAd ? 1 : 0},${sum},${spread},${setSpread},${sumSpread}`;
  let curve = curves.get(key);
  if (!curve) {
    const limit = Math.min(sum - 2 * SERVE_BOUNDS[0], 2 * SERVE_BOUNDS[1] - sum) * 0.98;
    const differences = new Float64Array(STEPS + 1), wins = new Float64Array(STEPS + 1);
    for (let i = 0; i <= STEPS; i++) {
      // Denser near zero, where most matches are.
      const u = (2 * i) / STEPS - 1;
      differences[i] = limit * Math.sign(u) * Math.abs(u) ** 1.5;
      wins[i] = matchWinOf({ sum, difference: differences[i], spread, setSpread, sumSpread }, rules);
    }
    curve = { differences, wins };
    curves.set(key, curve);
  }
  const { differences, wins } = curve;
  const p = Math.min(wins[STEPS], Math.max(wins[0], matchProbability));
  let lo = 0, hi = STEPS;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (wins[mid] < p) lo = mid; else hi = mid;
  }
  const f = wins[hi] > wins[lo] ? (p - wins[lo]) / (wins[hi] - wins[lo]) : 0;
  return { sum, difference: differences[lo] + f * (differences[hi] - differences[lo]), spread, setSpread, sumSpread };
}
