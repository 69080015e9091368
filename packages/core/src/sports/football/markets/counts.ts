/**
 * Markets on counts other than goals (corners, cards), priced from each side's
 * distribution of the count still to come and settled from the final counts. One
 * shape for both groups: every market is a rule on the two sides' final values of one
 * measure (corners; cards counting a yellow 1 and a red 2; booking points), and every
 * rule is monotone in each side's value, so a market is decided once more of the
 * measure, for either side or both, cannot change how it settles.
 */
import { InputError } from "../../../errors";
import { fairOddsOf } from "../../../markets/fair-odds";
import type { MarketPrice, Outcome, Score, SelectionPrice } from "../../../markets/types";
import { LOST, OUTCOME_BY_CODE, PUSH, PUSH_BY_CODE, WIN_BY_CODE, WON } from "./rules";

/** How a count market settles on the two sides' final values of its measure. */
export type CountRule = "total" | "team-home" | "team-away" | "handicap" | "most";

/**
 * What a market counts, per side. "corners": corners taken. "cards": a yellow counts
 * 1 and a red 2 (the common bookmaker rule for total cards). "points": booking points,
 * 10 per yellow and 25 per red; bookmakers cap a player at 35 (a second yellow and the
 * red it brings), but the feed has no players, so points are counted from the team's
 * cards alone, 10 per yellow and 25 per red.
 */
export type CountMeasure = "corners" | "cards" | "points";

export interface CountMarketSpec {
  readonly group: "corners" | "cards";
  readonly key: string;
  readonly line: number | null;
  readonly rule: CountRule;
  readonly measure: CountMeasure;
  readonly selections: readonly string[];
}

export const OVER_UNDER = ["over", "under"] as const;
export const HOME_AWAY = ["home", "away"] as const;
export const HOME_DRAW_AWAY = ["home", "draw", "away"] as const;

/** Lines from `from` to `to` inclusive in steps of `step`. */
export function countLines(from: number, to: number, step: number): number[] {
  return Array.from({ length: Math.round((to - from) / step) + 1 }, (_, k) => from + k * step);
}

/** Win (x > 0), push (x = 0) or loss of a stake on a whole or half line. */
function sign(x: number): number {
  return x > 0 ? WON : x === 0 ? PUSH : LOST;
}

/** Outcome code of selection `s` given the sides' final values of the market's measure. */
export function countOutcome(rule: CountRule, line: number, s: number, home: number, away: number): number {
  switch (rule) {
    case "total":
      return s === 0 ? sign(home + away - line) : sign(line - home - away);
    case "team-home":
      return s === 0 ? sign(home - line) : sign(line - home);
    case "team-away":
      return s === 0 ? sign(away - line) : sign(line - away);
    case "handicap":
      return s === 0 ? sign(home - away + line) : sign(away - home - line);
    case "most":
      return (s === 0 ? home > away : s === 1 ? home === away : home < away) ? WON : LOST;
  }
}

/** A side's counts as the cards markets read them. */
export interface CardCounts {
  yellow: Score;
  red: Score;
}

/** A side's value of a measure. */
export function measureOf(measure: CountMeasure, corners: number, yellow: number, red: number): number {
  return measure === "corners" ? corners : measure === "cards" ? yellow + 2 * red : 10 * yellow + 25 * red;
}

/** The value of a measure added by one more of what it counts: beyond every line. */
const MANY = 10_000;

/**
 * Whether no count still to come can change how the market settles: the outcome now
 * equals the outcome with many more for either side and for both (each rule is
 * monotone in each side's value). With `over`, no play is left and every market is
 * decided. Writes each selection's outcome code into `out` when it returns true.
 */
export function decideCountMarket(spec: CountMarketSpec, home: number, away: number, over: boolean, out: number[]): boolean {
  const line = spec.line ?? 0;
  for (let s = 0; s < spec.selections.length; s++) {
    const now = countOutcome(spec.rule, line, s, home, away);
    if (!over && (countOutcome(spec.rule, line, s, home + MANY, away) !== now
      || countOutcome(spec.rule, line, s, home, away + MANY) !== now
      || countOutcome(spec.rule, line, s, home + MANY, away + MANY) !== now)) return false;
    out[s] = now;
  }
  return true;
}

/**
 * The two sides' final values of a measure as a joint distribution: the values so far
 * (`home`, `away`) plus `step` times the indices (i, j) of a cell of `p`, a `dim` x
 * `dim` matrix (row i the home side) of the rest of the match. Steps: 1 for corners
 * and cards, 5 for booking points (every value is a multiple of 5).
 */
export interface JointDistribution {
  home: number;
  away: number;
  step: number;
  dim: number;
  p: Float64Array;
}

/**
 * The distributions every count rule reads, from a joint distribution: each rule is a
 * function of one of the total, the home value, the away value or the difference.
 * `total[k]` is P(total = home + away + step·k); `diff[k]` is P(difference = home -
 * away + step·(k - dim + 1)).
 */
export interface CountMarginals {
  joint: JointDistribution;
  total: Float64Array;
  home: Float64Array;
  away: Float64Array;
  diff: Float64Array;
}

export function marginalsOf(joint: JointDistribution): CountMarginals {
  const { dim, p } = joint;
  const total = new Float64Array(2 * dim - 1), diff = new Float64Array(2 * dim - 1);
  const home = new Float64Array(dim), away = new Float64Array(dim);
  for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) {
    const q = p[i * dim + j];
    if (q === 0) continue;
    total[i + j] += q;
    diff[i - j + dim - 1] += q;
    home[i] += q;
    away[j] += q;
  }
  return { joint, total, home, away, diff };
}

/** The one distribution a rule reads, and the value of its first cell, as (home, away) arguments of countOutcome. */
function ruleDistribution(rule: CountRule, m: CountMarginals): { pmf: Float64Array; first: number; onAway: boolean } {
  const { home, away, step, dim } = m.joint;
  switch (rule) {
    case "total": return { pmf: m.total, first: home + away, onAway: false };
    case "team-home": return { pmf: m.home, first: home, onAway: false };
    case "team-away": return { pmf: m.away, first: away, onAway: true };
    case "handicap":
    case "most": return { pmf: m.diff, first: home - away - step * (dim - 1), onAway: false };
  }
}

/**
 * The prices of one count market from the sides' joint distribution (through its
 * marginals: every rule reads one of them). Win and push probabilities sum over its
 * cells; a decided market carries its outcomes and no odds.
 */
export function priceCountMarket(spec: CountMarketSpec, marginals: CountMarginals, over: boolean): MarketPrice {
  const n = spec.selections.length;
  const win = new Float64Array(n), push = new Float64Array(n);
  const line = spec.line ?? 0;
  const { step } = marginals.joint;
  const { pmf, first, onAway } = ruleDistribution(spec.rule, marginals);
  for (let k = 0; k < pmf.length; k++) {
    const p = pmf[k];
    if (p === 0) continue;
    const v = first + k * step;
    for (let s = 0; s < n; s++) {
      // Every rule's outcome depends on the one value: the other side is 0.
      const code = onAway ? countOutcome(spec.rule, line, s, 0, v) : countOutcome(spec.rule, line, s, v, 0);
      win[s] += p * WIN_BY_CODE[code];
      push[s] += p * PUSH_BY_CODE[code];
    }
  }
  const outcomes: number[] = [];
  const decided = decideCountMarket(spec, marginals.joint.home, marginals.joint.away, over, outcomes);
  const selections: SelectionPrice[] = spec.selections.map((key, s) => {
    const probability = decided ? WIN_BY_CODE[outcomes[s]] : win[s];
    const pushed = decided ? PUSH_BY_CODE[outcomes[s]] : push[s];
    const lose = Math.max(0, 1 - probability - pushed);
    return decided
      ? { key, probability, push: pushed, lose, fairOdds: null, outcome: OUTCOME_BY_CODE[outcomes[s]] }
      : { key, probability, push: pushed, lose, fairOdds: fairOddsOf(probability, pushed) };
  });
  const price: MarketPrice = { group: spec.group, key: spec.key, line: spec.line, status: decided ? "decided" : "open", selections };
  if (spec.line !== null) price.basis = "match";
  return price;
}

/** The final counts of a match, as count markets settle on them. */
export interface FinalCounts {
  corners: Score;
  yellowCards: Score;
  redCards: Score;
}

function isCount(n: unknown): n is number {
  return typeof n === "number" && Number.isInteger(n) && n >= 0;
}

/**
 * Checks final counts are whole and non-negative.
 * @throws InputError "settle.invalid_counts"
 */
export function checkFinalCounts(counts: FinalCounts): FinalCounts {
  for (const what of ["corners", "yellowCards", "redCards"] as const) {
    const c = counts?.[what];
    if (!c || !isCount(c.home) || !isCount(c.away)) {
      throw new InputError("settle.invalid_counts", `${what} must be whole, non-negative counts per side, got ${JSON.stringify(c)}`);
    }
  }
  return counts;
}

/** The sides' values of a measure from final counts. */
export function sideValues(measure: CountMeasure, c: FinalCounts): Score {
  return {
    home: measureOf(measure, c.corners.home, c.yellowCards.home, c.redCards.home),
    away: measureOf(measure, c.corners.away, c.yellowCards.away, c.redCards.away),
  };
}

/**
 * How each selection of a count market settles on final counts. An abandoned match
 * settles a selection no further count could change (an over already passed) and
 * voids the rest, as the goal markets do.
 */
export function settleCountMarket(spec: CountMarketSpec, counts: FinalCounts, abandoned = false): { key: string; outcome: Outcome }[] {
  const v = sideValues(spec.measure, checkFinalCounts(counts));
  const out: number[] = [];
  const decided = decideCountMarket(spec, v.home, v.away, !abandoned, out);
  return spec.selections.map((key, s) => ({ key, outcome: decided ? OUTCOME_BY_CODE[out[s]] : "void" }));
}
