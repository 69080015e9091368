import { InputError } from "../../../errors";
import type { ScoreGrid } from "../models/grid";
import type { Score } from "../../../markets/types";
import type { PricingState } from "./types";
import {
  canIncrease,
  emptyDistribution,
  fillFromGrid,
  pointDistribution,
  probAt,
  type GoalDistribution,
} from "./distributions";

/**
 * The 1-D distributions every market of a match is read from, derived once per
 * PricingState. Full-time quantities are final (score now + goals to come); half-time
 * ones are the half-time score, certain once the first half is over.
 */
export interface MatchDistributions {
  grid: ScoreGrid;
  score: Score;
  diff: GoalDistribution;
  total: GoalDistribution;
  home: GoalDistribution;
  away: GoalDistribution;
  /** Whether each side may still score before the final whistle. */
  canHome: boolean;
  canAway: boolean;
  /** P(final total goals is odd). */
  oddTotal: number;
  /** P(home ends on 0 goals), P(away ends on 0), P(both do). */
  homeBlank: number;
  awayBlank: number;
  bothBlank: number;
  htDiff: GoalDistribution;
  htTotal: GoalDistribution;
  /** Each side's half-time goals. */
  htHome: GoalDistribution;
  htAway: GoalDistribution;
  /** The half-time score so far: the score now while the first half runs, then the half-time score. */
  htScore: Score;
  htCanHome: boolean;
  htCanAway: boolean;
  nextGoal: PricingState["nextGoal"];
}

/** Reusable buffers for matchDistributions; filled afresh on every call. */
export function emptyMatchDistributions(): MatchDistributions {
  const zero = { home: 0, away: 0 };
  return {
    grid: { size: 1, p: new Float64Array([1]) },
    score: zero,
    diff: emptyDistribution(),
    total: emptyDistribution(),
    home: emptyDistribution(),
    away: emptyDistribution(),
    canHome: false,
    canAway: false,
    oddTotal: 0,
    homeBlank: 0,
    awayBlank: 0,
    bothBlank: 0,
    htDiff: emptyDistribution(),
    htTotal: emptyDistribution(),
    htHome: emptyDistribution(),
    htAway: emptyDistribution(),
    htScore: zero,
    htCanHome: false,
    htCanAway: false,
    nextGoal: { home: 0, none: 1, away: 0 },
  };
}

function isGoals(n: unknown): boolean {
  return typeof n === "number" && Number.isInteger(n) && n >= 0;
}

function checkScore(what: string, score: Score | null | undefined): void {
  if (!score || !isGoals(score.home) || !isGoals(score.away)) {
    throw new InputError(
      "markets.invalid_state",
      `${what} must be whole, non-negative goals for home and away, got ${JSON.stringify(score)}`,
    );
  }
}

function checkGrid(what: string, grid: ScoreGrid | null | undefined): void {
  if (!grid || !Number.isInteger(grid.size) || grid.size < 1 || grid.p?.length !== grid.size * grid.size) {
    throw new InputError("markets.invalid_state", `${what} must be a square score grid (see scoreGrid)`);
  }
}

/** Cheap shape checks of a PricingState; grids are validated where they are made. */
export function checkPricingState(state: PricingState): void {
  checkGrid("the full-time grid", state.fullTime);
  checkScore("the score", state.score);
  if (state.firstHalf !== null) checkGrid("the first-half grid", state.firstHalf);
  else {
    checkScore("the half-time score (needed once the first half is over)", state.halfTimeScore);
    const ht = state.halfTimeScore!;
    if (ht.home > state.score.home || ht.away > state.score.away) {
      throw new InputError("markets.invalid_state", "the half-time score cannot exceed the score now");
    }
  }
  const nextGoal = state.nextGoal;
  if (!nextGoal || !isProbability(nextGoal.home) || !isProbability(nextGoal.none) || !isProbability(nextGoal.away)) {
    throw new InputError("markets.invalid_state", "next-goal probabilities must be numbers in [0, 1]");
  }
}

function isProbability(p: unknown): boolean {
  return typeof p === "number" && p >= 0 && p <= 1;
}

function oddMass(d: GoalDistribution): number {
  let odd = 0;
  for (let i = (d.offset & 1) === 1 ? 0 : 1; i < d.length; i += 2) odd += d.pmf[i];
  return odd;
}

/** Derives every distribution of `state` into `out` (reused buffers) and returns it. */
export function matchDistributions(state: PricingState, out: MatchDistributions): MatchDistributions {
  checkPricingState(state);
  const { fullTime, firstHalf, score } = state;
  fillFromGrid(fullTime, score.home, score.away, out.diff, out.total, out.home, out.away);
  out.grid = fullTime;
  out.score = score;
  out.canHome = canIncrease(out.home);
  out.canAway = canIncrease(out.away);
  out.oddTotal = oddMass(out.total);
  out.homeBlank = probAt(out.home, 0);
  out.awayBlank = probAt(out.away, 0);
  out.bothBlank = score.home === 0 && score.away === 0 ? fullTime.p[0] : 0;
  if (firstHalf) {
    fillFromGrid(firstHalf, score.home, score.away, out.htDiff, out.htTotal, out.htHome, out.htAway);
    out.htScore = score;
    out.htCanHome = homeMayScore(firstHalf);
    out.htCanAway = awayMayScore(firstHalf);
  } else {
    const ht = state.halfTimeScore!;
    pointDistribution(out.htDiff, ht.home - ht.away);
    pointDistribution(out.htTotal, ht.home + ht.away);
    pointDistribution(out.htHome, ht.home);
    pointDistribution(out.htAway, ht.away);
    out.htScore = ht;
    out.htCanHome = false;
    out.htCanAway = false;
  }
  out.nextGoal = state.nextGoal;
  return out;
}

/** Whether the home side may score: any mass off the first row (stops at the first). */
function homeMayScore(grid: ScoreGrid): boolean {
  for (let i = grid.size; i < grid.p.length; i++) if (grid.p[i] > 0) return true;
  return false;
}

/** Whether the away side may score: any mass off the first column (stops at the first). */
function awayMayScore(grid: ScoreGrid): boolean {
  const n = grid.size;
  for (let i = 0; i < n; i++) for (let j = 1; j < n; j++) if (grid.p[i * n + j] > 0) return true;
  return false;
}
