/**
 * Fair prices of the corners and cards groups for one moment of a match: each side's
 * count still to come (models/counts.ts, remainingCount) added to its count so far,
 * the sides independent, every market of the group priced on the same distributions.
 */
import { InputError } from "../../../errors";
import type { MarketPrice, Score } from "../../../markets/types";
import { MAX_COUNT_MEAN } from "../models/count-bounds";
import { nbPmf, remainingCount, type SideMeans } from "../models/counts";
import { CARD_MARKETS } from "./cards";
import { CORNER_MARKETS } from "./corners";
import type { MarketGroup } from "./types";
import { priceCountMarket, type CountMeasure, type SideDistribution } from "./counts";

/** The count market groups: priced apart from the goal grid. */
export const COUNT_GROUPS = ["corners", "cards"] as const satisfies readonly MarketGroup[];
export type CountGroup = (typeof COUNT_GROUPS)[number];

/** A moment of a match as the count markets see it. */
export interface CountPricingState {
  /** Share of the match's counts still to come: 1 before kick-off, 0 once play is over. */
  share: number;
  corners: { now: Score; means: SideMeans; size: number };
  yellowCards: { now: Score; means: SideMeans; size: number };
  redCards: { now: Score; means: SideMeans };
}

/**
 * Cells of each side's distribution of the count still to come; the mass beyond the
 * last cell is put in it (below 1e-9 at the largest means the model allows).
 */
const SUPPORT = { corners: 41, yellowCards: 17, redCards: 4 } as const;

function closed(pmf: Float64Array): Float64Array {
  let sum = 0;
  for (let k = 0; k < pmf.length - 1; k++) sum += pmf[k];
  pmf[pmf.length - 1] = Math.max(0, 1 - sum);
  return pmf;
}

function checkState(state: CountPricingState): void {
  if (!(state.share >= 0 && state.share <= 1)) throw new InputError("counts.invalid_share", `the share still to come must be in [0, 1], got ${state.share}`);
  for (const what of ["corners", "yellowCards", "redCards"] as const) {
    const { now, means } = state[what];
    for (const side of ["home", "away"] as const) {
      if (!(Number.isInteger(now[side]) && now[side] >= 0)) throw new InputError("counts.invalid_counts", `${what} so far must be whole and non-negative, got ${JSON.stringify(now)}`);
      if (!(means[side] > 0 && means[side] <= MAX_COUNT_MEAN[what])) {
        throw new InputError("counts.invalid_mean", `the ${side} side's expected ${what} must be in (0, ${MAX_COUNT_MEAN[what]}], got ${means[side]}`);
      }
    }
  }
}

/** Each side's final corners, yellow cards and red cards as distributions of what is still to come. */
function sideParts(state: CountPricingState, side: "home" | "away") {
  const { share } = state;
  const corners = closed(nbPmf(remainingCount({ mean: state.corners.means[side], size: state.corners.size }, share, state.corners.now[side]), SUPPORT.corners));
  const yellow = closed(nbPmf(remainingCount({ mean: state.yellowCards.means[side], size: state.yellowCards.size }, share, state.yellowCards.now[side]), SUPPORT.yellowCards));
  const red = closed(nbPmf({ mean: state.redCards.means[side] * share, size: Infinity }, SUPPORT.redCards));
  return { corners, yellow, red, now: { corners: state.corners.now[side], yellow: state.yellowCards.now[side], red: state.redCards.now[side] } };
}

/** Distribution of a·Y + b·R for independent Y and R, in units of `step`. */
function combine(yellow: Float64Array, red: Float64Array, a: number, b: number): Float64Array {
  const out = new Float64Array(a * (yellow.length - 1) + b * (red.length - 1) + 1);
  for (let y = 0; y < yellow.length; y++) for (let r = 0; r < red.length; r++) out[a * y + b * r] += yellow[y] * red[r];
  return out;
}

function sideDistribution(parts: ReturnType<typeof sideParts>, measure: CountMeasure): SideDistribution {
  const { now } = parts;
  if (measure === "corners") return { offset: now.corners, step: 1, pmf: parts.corners };
  if (measure === "cards") return { offset: now.yellow + 2 * now.red, step: 1, pmf: combine(parts.yellow, parts.red, 1, 2) };
  return { offset: 10 * now.yellow + 25 * now.red, step: 5, pmf: combine(parts.yellow, parts.red, 2, 5) };
}

/**
 * Fair prices of a count group's markets, in the order offered.
 * @throws InputError "counts.invalid_share", "counts.invalid_counts" or "counts.invalid_mean"
 */
export function priceCountGroup(group: CountGroup, state: CountPricingState): MarketPrice[] {
  checkState(state);
  const home = sideParts(state, "home"), away = sideParts(state, "away");
  const over = state.share === 0;
  const specs = group === "corners" ? CORNER_MARKETS : CARD_MARKETS;
  const cache = new Map<CountMeasure, [SideDistribution, SideDistribution]>();
  return specs.map((spec) => {
    let d = cache.get(spec.measure);
    if (!d) cache.set(spec.measure, (d = [sideDistribution(home, spec.measure), sideDistribution(away, spec.measure)]));
    return priceCountMarket(spec, d[0], d[1], over);
  });
}

/** The count markets of a group by key and line, to settle and look up. */
export function countMarketsOf(group: CountGroup) {
  return group === "corners" ? CORNER_MARKETS : CARD_MARKETS;
}
