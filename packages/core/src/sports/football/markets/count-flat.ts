/**
 * Prices of every corners and cards market from a state's count distributions
 * (count-grids.ts), the count groups' hot path: each over/under, team total, handicap
 * and most-corners selection is one or two reads of the running sums, where the direct
 * path (priceCountGroup) sums the distribution's cells once per market. The sums are
 * the direct path's, added in its order, so the prices are its prices bit for bit
 * (test/sports/football-count-flat.test.ts).
 */
import { fairOddsOf } from "../../../markets/fair-odds";
import type { MarketPrice, SelectionPrice } from "../../../markets/types";
import { CARD_MARKETS } from "./cards";
import { CORNER_MARKETS } from "./corners";
import type { CountGroup } from "./count-prices";
import { lowerCell, type CountGrid, type CountGrids, type RunningSums } from "./count-grids";
import { decideCountMarket, type CountMarketSpec } from "./counts";
import { LOST, OUTCOME_BY_CODE, PUSH_BY_CODE, WIN_BY_CODE, WON } from "./rules";

/** Every count market, corners then cards, in the order offered. */
export const COUNT_MARKETS: readonly CountMarketSpec[] = [...CORNER_MARKETS, ...CARD_MARKETS];

/** Per market, the index of its first selection in the flat arrays. */
const FIRST = new Uint16Array(COUNT_MARKETS.length + 1);
COUNT_MARKETS.forEach((m, i) => (FIRST[i + 1] = FIRST[i] + m.selections.length));
const SELECTIONS = FIRST[COUNT_MARKETS.length];

/** Each count group's markets, [start, end) of COUNT_MARKETS. */
export const COUNT_GROUP_RANGE: Readonly<Record<CountGroup, { start: number; end: number }>> = {
  corners: { start: 0, end: CORNER_MARKETS.length },
  cards: { start: CORNER_MARKETS.length, end: COUNT_MARKETS.length },
};

/**
 * Count market prices as flat arrays: for selection s, `values[2s]` is its win
 * probability and `values[2s + 1]` its push probability; per market, `decided`; per
 * selection, the outcome code of a decided market.
 */
export interface CountFlatPrices {
  values: Float64Array;
  decided: Uint8Array;
  outcome: Uint8Array;
}

export function createCountFlatPrices(): CountFlatPrices {
  return { values: new Float64Array(2 * SELECTIONS), decided: new Uint8Array(COUNT_MARKETS.length), outcome: new Uint8Array(SELECTIONS) };
}

/** Writes win and push of "value above `line`" (s) and "below" (s + 1) for values first + step·k of `d`. */
function setOverUnder(v: Float64Array, s: number, d: RunningSums, first: number, step: number, line: number): void {
  // lineCells' cells, without an object per market.
  const n = d.pmf.length;
  const t = (line - first) / step;
  const lower = lowerCell(n, t);
  const onLine = lower === t && t < n;
  const push = onLine ? d.pmf[lower] : 0;
  v[2 * s] = d.above[onLine ? lower + 1 : lower];
  v[2 * s + 1] = push;
  v[2 * s + 2] = d.below[lower];
  v[2 * s + 3] = push;
}

const RULES = ["total", "team-home", "team-away", "handicap", "most"] as const;
const MEASURES = ["corners", "cards", "points"] as const;
/** Per market: its rule and measure (indices of RULES and MEASURES) and its line, read in the hot loop. */
const RULE = Uint8Array.from(COUNT_MARKETS, (m) => RULES.indexOf(m.rule));
const MEASURE = Uint8Array.from(COUNT_MARKETS, (m) => MEASURES.indexOf(m.measure));
const LINE = Float64Array.from(COUNT_MARKETS, (m) => m.line ?? 0);

/** The win and push probabilities of market m's selections (the distribution and line as ruleView reads them). */
function setMarket(v: Float64Array, m: number, g: CountGrid): void {
  const { home, away, step, dim } = g.marginals.joint;
  const s = FIRST[m];
  const line = LINE[m];
  switch (RULE[m]) {
    case 0: return setOverUnder(v, s, g.total, home + away, step, line);
    case 1: return setOverUnder(v, s, g.home, home, step, line);
    case 2: return setOverUnder(v, s, g.away, away, step, line);
    case 3: return setOverUnder(v, s, g.diff, home - away - step * (dim - 1), step, -line);
    case 4: {
      setOverUnder(v, s + 1, g.diff, home - away - step * (dim - 1), step, 0);
      const draw = v[2 * s + 3];
      v[2 * s] = v[2 * s + 2];
      v[2 * s + 1] = 0;
      v[2 * s + 2] = draw;
      v[2 * s + 3] = 0;
      v[2 * s + 5] = 0;
    }
  }
}

/**
 * Whether market m is decided with play left, as decideCountMarket tells it, without
 * trying every outcome: a total or a side's total is decided once its value so far is
 * past the line (more can only keep it there: over won, under lost), and a handicap or
 * most corners never is (more for either side can change it).
 */
function isPastLine(m: number, g: CountGrid): boolean {
  const { home, away } = g.marginals.joint;
  switch (RULE[m]) {
    case 0: return home + away > LINE[m];
    case 1: return home > LINE[m];
    case 2: return away > LINE[m];
    default: return false;
  }
}

const outcomes: number[] = [];

/**
 * Prices every count market (or one group's) into `out` from the state's grids:
 * probabilities from the running sums; a market no count still to come can change is
 * decided and carries its outcomes.
 */
export function priceCountFlat(grids: CountGrids, out: CountFlatPrices = createCountFlatPrices(), group?: CountGroup): CountFlatPrices {
  const start = group ? COUNT_GROUP_RANGE[group].start : 0;
  const end = group ? COUNT_GROUP_RANGE[group].end : COUNT_MARKETS.length;
  const v = out.values;
  const { decided, outcome } = out;
  if (grids.over) {
    for (let m = start; m < end; m++) setOver(out, m, measureGrid(grids, m));
    return out;
  }
  for (let m = start; m < end; m++) {
    const g = measureGrid(grids, m);
    if (isPastLine(m, g)) {
      // Over (s) won, under (s + 1) lost: WIN_BY_CODE and PUSH_BY_CODE of WON and LOST.
      const s = FIRST[m];
      decided[m] = 1;
      outcome[s] = WON;
      outcome[s + 1] = LOST;
      v[2 * s] = 1;
      v[2 * s + 1] = 0;
      v[2 * s + 2] = 0;
      v[2 * s + 3] = 0;
      continue;
    }
    setMarket(v, m, g);
    decided[m] = 0;
  }
  return out;
}

/** The grid of market m's measure. */
function measureGrid(grids: CountGrids, m: number): CountGrid {
  const measure = MEASURE[m];
  return measure === 0 ? grids.corners : measure === 1 ? grids.cards : grids.points;
}

/** With no play left every market is decided: its outcomes at the final values. */
function setOver(out: CountFlatPrices, m: number, g: CountGrid): void {
  const spec = COUNT_MARKETS[m];
  decideCountMarket(spec, g.marginals.joint.home, g.marginals.joint.away, true, outcomes);
  out.decided[m] = 1;
  const v = out.values;
  for (let k = 0, first = FIRST[m]; k < spec.selections.length; k++) {
    out.outcome[first + k] = outcomes[k];
    v[2 * (first + k)] = WIN_BY_CODE[outcomes[k]];
    v[2 * (first + k) + 1] = PUSH_BY_CODE[outcomes[k]];
  }
}

/** MarketPrice objects of count markets [start, end) from flat prices: what priceCountGroup returns for the same state. */
export function countMarketPrices(flat: CountFlatPrices, start: number, end: number): MarketPrice[] {
  const out: MarketPrice[] = new Array(end - start);
  for (let m = start; m < end; m++) {
    const spec = COUNT_MARKETS[m];
    const decided = flat.decided[m] === 1;
    const selections: SelectionPrice[] = spec.selections.map((key, k) => {
      const s = FIRST[m] + k;
      const probability = flat.values[2 * s], push = flat.values[2 * s + 1];
      const lose = Math.max(0, 1 - probability - push);
      return decided
        ? { key, probability, push, lose, fairOdds: null, outcome: OUTCOME_BY_CODE[flat.outcome[s]] }
        : { key, probability, push, lose, fairOdds: fairOddsOf(probability, push) };
    });
    const price: MarketPrice = { group: spec.group, key: spec.key, line: spec.line, status: decided ? "decided" : "open", selections };
    if (spec.line !== null) price.basis = "match";
    out[m - start] = price;
  }
  return out;
}

const scratch = createCountFlatPrices();

/** Fair prices of a count group from a state's grids, in the order offered. */
export function priceCountGroupFromGrids(group: CountGroup, grids: CountGrids): MarketPrice[] {
  const { start, end } = COUNT_GROUP_RANGE[group];
  return countMarketPrices(priceCountFlat(grids, scratch, group), start, end);
}
