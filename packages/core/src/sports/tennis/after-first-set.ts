import { goldenMin } from "../../math/optimize";
import { scoreLikelihood, temperedWeights } from "./inplay";
import { matchDistribution } from "./match";
import type { MatchRules, Player } from "./rules";
import { serveTables } from "./serve-tables";
import { nextSetServer } from "./set";
import type { ServeComponent } from "./strength";
import type { TennisScore } from "./state";

/**
 * What the forecast after the first set needs, whatever the evidence weight: for each
 * first server (unknown: the files give set scores only), the mixture's likelihood of
 * the first set's score, and each serve strength's likelihood and probability of A
 * winning from there.
 */
export interface AfterFirstSetParts {
  weights: Float64Array;
  like: [number, number];
  likelihoods: [Float64Array, Float64Array];
  wins: [Float64Array, Float64Array];
}

export function afterFirstSetParts(components: ServeComponent[], rules: MatchRules, firstSet: [number, number]): AfterFirstSetParts {
  const weights = Float64Array.from(components, (c) => c.weight);
  const parts: AfterFirstSetParts = { weights, like: [0, 0], likelihoods: [new Float64Array(components.length), new Float64Array(components.length)], wins: [new Float64Array(components.length), new Float64Array(components.length)] };
  (["a", "b"] as Player[]).forEach((first, f) => {
    const score: TennisScore = { sets: [firstSet], current: { gamesA: 0, gamesB: 0, pointsA: 0, pointsB: 0, server: nextSetServer(first, firstSet[0], firstSet[1]) } };
    components.forEach((c, k) => {
      const t = serveTables(c.pA, c.pB, rules.noAd, c.setSpread);
      parts.likelihoods[f][k] = scoreLikelihood(t, rules, score);
      parts.like[f] += c.weight * parts.likelihoods[f][k];
      parts.wins[f][k] = matchDistribution(t, rules, score).winA;
    });
  });
  return parts;
}

/**
 * A's probability of winning after the first set, the first server unknown: each
 * first server is weighed by the likelihood of the first set's score under it, and
 * for each the mixture is updated with the likelihood raised to `evidence`.
 */
export function afterFirstSetWin(parts: AfterFirstSetParts, evidence: number): number {
  let total = 0, weight = 0;
  for (const f of [0, 1]) {
    if (!(parts.like[f] > 0)) continue;
    const w = temperedWeights(parts.weights, parts.likelihoods[f], evidence) ?? parts.weights;
    let win = 0;
    for (let k = 0; k < w.length; k++) win += w[k] * parts.wins[f][k];
    total += parts.like[f] * win;
    weight += parts.like[f];
  }
  return weight > 0 ? total / weight : 0.5;
}

/** Fewer earlier matches than this and the evidence weight stays at the tour's fixed setting. */
export const MIN_EVIDENCE_MATCHES = 500;

/**
 * The evidence weight by maximum likelihood on earlier matches' outcomes after the
 * first set (golden-section search on [0.1, 3]: the log-likelihood is smooth and
 * single-peaked there in practice).
 */
export function fitEvidence(matches: readonly { parts: AfterFirstSetParts; y: number }[], fallback = 1): number {
  if (matches.length < MIN_EVIDENCE_MATCHES) return fallback;
  const loss = (e: number) => {
    let l = 0;
    for (const { parts, y } of matches) {
      const p = Math.min(1 - 1e-12, Math.max(1e-12, afterFirstSetWin(parts, e)));
      l -= y ? Math.log(p) : Math.log(1 - p);
    }
    return l;
  };
  return goldenMin(loss, 0.1, 3, 1e-3);
}
