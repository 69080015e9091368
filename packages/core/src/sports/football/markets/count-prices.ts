/**
 * Fair prices of the corners and cards groups for one moment of a match: the count
 * still to come of each measure as a joint distribution of the two sides (the match
 * total negative binomial, split beta-binomially: models/counts.ts), added to the
 * counts so far, every market of the group priced on the same distribution.
 */
import { InputError } from "../../../errors";
import type { MarketPrice, Score } from "../../../markets/types";
import { MAX_COUNT_MEAN } from "../models/count-bounds";
import { betaBinomialPmf, nbPmf, remainingCount, type CountDispersion, type SideMeans } from "../models/counts";
import { CARD_MARKETS } from "./cards";
import { CORNER_MARKETS } from "./corners";
import { marginalsOf, priceCountMarket, type CountMarginals, type CountMarketSpec, type CountMeasure, type JointDistribution } from "./counts";
import type { MarketGroup } from "./types";

/** The count market groups: priced apart from the goal grid. */
export const COUNT_GROUPS = ["corners", "cards"] as const satisfies readonly MarketGroup[];
export type CountGroup = (typeof COUNT_GROUPS)[number];

/** One count of a moment of a match: so far, the match's expected count per side, its dispersion. */
export interface CountInput {
  now: Score;
  means: SideMeans;
  dispersion: Pick<CountDispersion, "totalSize" | "concentration">;
}

/** A moment of a match as the count markets see it. */
export interface CountPricingState {
  /** Share of the match's counts still to come: 1 before kick-off, 0 once play is over. */
  share: number;
  corners: CountInput;
  yellowCards: CountInput;
  /** Red cards: rare, each side Poisson at the league's rate, independent. */
  redCards: { now: Score; means: SideMeans };
}

/**
 * Largest total count still to come that is priced; the mass beyond is put in the last
 * total (below 1e-9 at the largest means allowed, MAX_COUNT_MEAN).
 */
const MAX_REMAINING = { corners: 50, yellowCards: 20, redCards: 3 } as const;

export function checkState(state: CountPricingState): void {
  if (!(state.share >= 0 && state.share <= 1)) throw new InputError("counts.invalid_share", `the share still to come must be in [0, 1], got ${state.share}`);
  for (const what of ["corners", "yellowCards", "redCards"] as const) {
    const { now, means } = state[what];
    for (const side of ["home", "away"] as const) {
      if (!(Number.isInteger(now?.[side]) && now[side] >= 0)) throw new InputError("counts.invalid_counts", `${what} so far must be whole and non-negative, got ${JSON.stringify(now)}`);
      if (!(means?.[side] > 0 && means[side] <= MAX_COUNT_MEAN[what])) {
        throw new InputError("counts.invalid_mean", `the ${side} side's expected ${what} must be in (0, ${MAX_COUNT_MEAN[what]}], got ${means?.[side]}`);
      }
    }
  }
}

/**
 * The joint distribution of the two sides' counts still to come, a (max+1)² matrix:
 * the total by the gamma-Poisson update of what was seen (remainingCount), the split
 * by the beta posterior of the split so far (a count so far to the home side raises
 * its share of the rest).
 */
function remainingJoint(input: CountInput, share: number, max: number): Float64Array {
  const dim = max + 1;
  const out = new Float64Array(dim * dim);
  const { now, means, dispersion } = input;
  const mean = means.home + means.away, p = means.home / mean;
  const total = nbPmf(remainingCount({ mean, size: dispersion.totalSize }, share, now.home + now.away), dim);
  let tail = 1;
  for (let n = 0; n < dim; n++) tail -= total[n];
  total[max] += Math.max(0, tail);
  // The split's beta posterior; an infinite concentration is the binomial at the share p.
  const phi = dispersion.concentration;
  const a = phi * p + now.home, b = phi * (1 - p) + now.away;
  const share1 = Number.isFinite(phi) ? a / (a + b) : p;
  for (let n = 0; n < dim; n++) {
    if (total[n] === 0) continue;
    const split = betaBinomialPmf(n, a, b, share1);
    for (let k = 0; k <= n; k++) out[k * dim + (n - k)] += total[n] * split[k];
  }
  return out;
}

function poisson(mean: number, max: number): Float64Array {
  const pmf = nbPmf({ mean, size: Infinity }, max + 1);
  let sum = 0;
  for (let k = 0; k < max; k++) sum += pmf[k];
  pmf[max] = Math.max(0, 1 - sum);
  return pmf;
}

/** The joint distribution of a measure's final values: `yellow` joint and each side's reds, combined as a·yellow + b·red. */
function combineCards(yellow: Float64Array, yDim: number, redHome: Float64Array, redAway: Float64Array, a: number, b: number): { dim: number; p: Float64Array } {
  const dim = a * (yDim - 1) + b * (redHome.length - 1) + 1;
  const p = new Float64Array(dim * dim);
  for (let i = 0; i < yDim; i++) for (let j = 0; j < yDim; j++) {
    const q = yellow[i * yDim + j];
    if (q === 0) continue;
    for (let rh = 0; rh < redHome.length; rh++) for (let ra = 0; ra < redAway.length; ra++) {
      p[(a * i + b * rh) * dim + (a * j + b * ra)] += q * redHome[rh] * redAway[ra];
    }
  }
  return { dim, p };
}

/** Each measure's joint distribution of final values, built once per group pricing. */
export function jointOf(state: CountPricingState, measure: CountMeasure, yellow: () => Float64Array): JointDistribution {
  const { share } = state;
  if (measure === "corners") {
    const dim = MAX_REMAINING.corners + 1;
    return { home: state.corners.now.home, away: state.corners.now.away, step: 1, dim, p: remainingJoint(state.corners, share, MAX_REMAINING.corners) };
  }
  const red = state.redCards;
  const redHome = poisson(red.means.home * share, MAX_REMAINING.redCards), redAway = poisson(red.means.away * share, MAX_REMAINING.redCards);
  const y = state.yellowCards.now;
  const [a, b, unit] = measure === "cards" ? [1, 2, 1] : [2, 5, 5];
  const { dim, p } = combineCards(yellow(), MAX_REMAINING.yellowCards + 1, redHome, redAway, a, b);
  return { home: unit * (a * y.home + b * red.now.home), away: unit * (a * y.away + b * red.now.away), step: unit, dim, p };
}

/** The joint distribution of both sides' yellow cards still to come, for jointOf. */
export function yellowJointOf(state: CountPricingState): Float64Array {
  return remainingJoint(state.yellowCards, state.share, MAX_REMAINING.yellowCards);
}

/**
 * Fair prices of a count group's markets, in the order offered, each summed cell by
 * cell over its distribution. The direct path: the engine prices from count
 * distributions built once per state (count-flat.ts), which gives these prices bit
 * for bit.
 * @throws InputError "counts.invalid_share", "counts.invalid_counts" or "counts.invalid_mean"
 */
export function priceCountGroup(group: CountGroup, state: CountPricingState): MarketPrice[] {
  checkState(state);
  const over = state.share === 0;
  let yellow: Float64Array | null = null;
  const yellowJoint = () => (yellow ??= yellowJointOf(state));
  const marginals = new Map<CountMeasure, CountMarginals>();
  return countMarketsOf(group).map((spec) => {
    let m = marginals.get(spec.measure);
    if (!m) marginals.set(spec.measure, (m = marginalsOf(jointOf(state, spec.measure, yellowJoint))));
    return priceCountMarket(spec, m, over);
  });
}

/** The markets of a count group, in the order offered. */
export function countMarketsOf(group: CountGroup): readonly CountMarketSpec[] {
  return group === "corners" ? CORNER_MARKETS : CARD_MARKETS;
}
