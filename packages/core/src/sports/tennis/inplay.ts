import { blendWithFrequency, tiltWeights, type FirstSetBlend } from "./first-set-blend";
import { matchDistribution, SET_GRID, type MatchDistribution } from "./match";
import { setRuleOf, type MatchRules, type Player } from "./rules";
import { serveTables, type ServeTables } from "./serve-tables";
import { reachProbability, setFirstServer, setOutcomes, inTiebreak } from "./set";
import { ADVANTAGE_SET_CAP } from "./rules";
import type { ServeComponent } from "./strength";
import type { TennisScore } from "./state";

const other = (p: Player): Player => (p === "a" ? "b" : "a");

/**
 * Likelihood of the games seen so far (every completed set's score and the games of
 * the set in progress) under one pair of serve probabilities. Each set's first server
 * follows back from the server now.
 */
export function scoreLikelihood(t: ServeTables, rules: MatchRules, score: TennisScore): number {
  const { current, sets } = score;
  const index = sets.length;
  let first = setFirstServer(current, inTiebreak(setRuleOf(rules, index), current.gamesA, current.gamesB));
  let likelihood = reachProbability(t, first, Math.min(current.gamesA, ADVANTAGE_SET_CAP), Math.min(current.gamesB, ADVANTAGE_SET_CAP));
  for (let k = index - 1; k >= 0; k--) {
    const [x, y] = sets[k];
    first = (x + y) % 2 === 0 ? first : other(first);
    const out = setOutcomes(t, setRuleOf(rules, k), first);
    let p = 0;
    for (let i = 0; i < out.p.length; i++) if (out.a[i] === x && out.b[i] === y) p = out.p[i];
    // A set outside the model's support (a final set played to 12-12 then a tiebreak) tells nothing about strength.
    likelihood *= p > 0 ? p : 1;
  }
  return likelihood;
}

/**
 * The mixture over serve strengths given the score so far: each component's weight
 * times the likelihood of the games seen, renormalised (Bayes). A player who has
 * broken twice is more likely to be having a good day, and the prices say so.
 */
export function posteriorComponents(components: ServeComponent[], rules: MatchRules, score: TennisScore): ServeComponent[] {
  if (components.length === 1) return components;
  const weights = updatedWeights(components, rules, score);
  const blend = components[0].firstSetBlend;
  const tilt = blend && score.sets.length > 0 ? firstSetTilt(components, rules, score, blend) : null;
  if (!weights) return components;
  if (tilt) {
    let total = 0;
    for (let k = 0; k < weights.length; k++) { weights[k] *= tilt[k]; total += weights[k]; }
    for (let k = 0; k < weights.length; k++) weights[k] /= total;
  }
  return components.map((c, k) => ({ ...c, weight: weights[k] }));
}

function updatedWeights(components: ServeComponent[], rules: MatchRules, score: TennisScore): Float64Array | null {
  const likelihoods = components.map((c) => scoreLikelihood(serveTables(c.pA, c.pB, rules.noAd, c.setSpread), rules, score));
  return temperedWeights(components.map((c) => c.weight), likelihoods, components[0].evidence ?? 1);
}

/** The score at the start of the second set, and who served its first game, read back from the score now. */
export function afterFirstSetScore(rules: MatchRules, score: TennisScore): TennisScore {
  const { current, sets } = score;
  let first = setFirstServer(current, inTiebreak(setRuleOf(rules, sets.length), current.gamesA, current.gamesB));
  for (let k = sets.length - 1; k >= 1; k--) first = (sets[k][0] + sets[k][1]) % 2 === 0 ? first : other(first);
  return { sets: [sets[0]], current: { gamesA: 0, gamesB: 0, pointsA: 0, pointsB: 0, server: first } };
}

const TILTS = 1024;
const tilts = new Map<string, Float64Array>();

/**
 * Each component's factor exp(θ (x_k - 1/2)), x_k its probability of A winning from
 * the start of the second set, with θ such that the mixture updated on the first set
 * and tilted gives A the blend of its probability there and the baseline's frequency
 * (tiltWeights). Later games update the tilted mixture as they would the plain one, so
 * the blend holds at the end of the first set and fades as the match tells more.
 */
function firstSetTilt(components: ServeComponent[], rules: MatchRules, score: TennisScore, blend: FirstSetBlend): Float64Array | null {
  const start = afterFirstSetScore(rules, score);
  const [x, y] = start.sets[0];
  const key = `${components.map((c) => `${c.pA},${c.pB},${c.weight},${c.setSpread ?? 0}`).join(";")}|${components[0].evidence ?? 1}|${blend.weight},${blend.aWonSet},${blend.aLostSet}|${rules.bestOf}${rules.finalSet}${rules.noAd ? 1 : 0}|${x}-${y} ${start.current.server}`;
  const known = tilts.get(key);
  if (known) return known;
  const weights = updatedWeights(components, rules, start);
  if (!weights) return null;
  const wins = Float64Array.from(components, (c) => matchDistribution(serveTables(c.pA, c.pB, rules.noAd, c.setSpread), rules, start).winA);
  let model = 0;
  for (let k = 0; k < wins.length; k++) model += weights[k] * wins[k];
  const { theta } = tiltWeights(weights, wins, blendWithFrequency(model, x > y ? blend.aWonSet : blend.aLostSet, blend.weight));
  const factors = Float64Array.from(wins, (w) => Math.exp(theta * (w - 0.5)));
  if (tilts.size >= TILTS) tilts.clear();
  tilts.set(key, factors);
  return factors;
}

/**
 * Each component's weight (`weights`) times its likelihood raised to the power `evidence`,
 * renormalised; null when every likelihood is zero. Tempered, the likelihoods are
 * taken on logarithms scaled by the largest, so a long match's do not underflow.
 */
export function temperedWeights(weights: ArrayLike<number>, likelihoods: ArrayLike<number>, evidence: number): Float64Array | null {
  const out = new Float64Array(weights.length);
  let top = 0;
  if (evidence !== 1) {
    top = -Infinity;
    for (let k = 0; k < weights.length; k++) if (likelihoods[k] > 0) top = Math.max(top, Math.log(likelihoods[k]));
  }
  let total = 0;
  for (let k = 0; k < weights.length; k++) {
    const like = likelihoods[k];
    out[k] = weights[k] * (evidence === 1 ? like : like > 0 ? Math.exp(evidence * (Math.log(like) - top)) : 0);
    total += out[k];
  }
  if (!(total > 0)) return null;
  for (let k = 0; k < out.length; k++) out[k] /= total;
  return out;
}

function addInto(into: MatchDistribution, from: MatchDistribution, w: number): void {
  into.winA += w * from.winA;
  into.winB += w * from.winB;
  into.tiebreak += w * from.tiebreak;
  into.noTiebreak += w * from.noTiebreak;
  for (let i = 0; i < 16; i++) into.sets[i] += w * from.sets[i];
  for (let i = 0; i < from.games.length; i++) if (from.games[i] !== 0) into.games[i] += w * from.games[i];
  for (let i = 0; i < from.setScore.length; i++) if (from.setScore[i] !== 0) into.setScore[i] += w * from.setScore[i];
}

/**
 * The match distribution under a mixture of serve strengths. Before the first point
 * with no first server given, each player serves first with probability one half.
 */
export function mixtureDistribution(components: ServeComponent[], rules: MatchRules, score: TennisScore | null): MatchDistribution {
  return posteriorDistribution(score ? posteriorComponents(components, rules, score) : components, rules, score);
}

/** The match distribution from `score` under a mixture already updated on it (posteriorComponents). */
export function posteriorDistribution(posterior: ServeComponent[], rules: MatchRules, score: TennisScore | null): MatchDistribution {
  const tablesOf = (c: ServeComponent) => serveTables(c.pA, c.pB, rules.noAd, c.setSpread);
  if (posterior.length === 1) return matchDistribution(tablesOf(posterior[0]), rules, score);
  let total: MatchDistribution | null = null;
  for (const c of posterior) {
    const d = matchDistribution(tablesOf(c), rules, score);
    if (!total) {
      total = { ...d, winA: 0, winB: 0, tiebreak: 0, noTiebreak: 0, sets: new Float64Array(16), games: new Float64Array(d.games.length), setScore: new Float64Array(SET_GRID * SET_GRID) };
    }
    addInto(total, d, c.weight);
  }
  return total as MatchDistribution;
}
