import { InputError } from "../errors";
import { CATALOGUE, findMarket, type MarketSpec } from "./catalogue";
import { KIND, LOST, OUTCOME_BY_CODE, VOID, WON, selectionOutcome } from "./rules";
import type { MarketGroup, Outcome, Score } from "./types";

/** How a match ended, as settlement needs it. */
export interface MatchResult {
  /** Final score after 90 minutes and stoppage time. */
  score: Score;
  /** Score at half time; may be null only for a match abandoned before it. */
  halfTimeScore: Score | null;
  /** An abandoned match voids every selection. */
  abandoned?: boolean;
  /**
   * Which side scored each goal, in order. Needed to settle next-goal markets once both
   * sides have scored; optional otherwise. `null` says the order is not known (the feed
   * missed a goal): next-goal markets that need it are void rather than guessed.
   */
  goals?: readonly ("home" | "away")[] | null;
}

/** A market to settle: a catalogue key and line; next-goal markets also name the goal (default 1). */
export interface MarketRef {
  key: string;
  line: number | null;
  goal?: number;
}

export interface SettledMarket {
  group: MarketGroup;
  key: string;
  line: number | null;
  goal?: number;
  selections: { key: string; outcome: Outcome }[];
}

function isGoals(n: unknown): boolean {
  return typeof n === "number" && Number.isInteger(n) && n >= 0;
}

function checkScore(what: string, score: Score | null | undefined): Score {
  if (!score || !isGoals(score.home) || !isGoals(score.away)) {
    throw new InputError("settle.invalid_result", `${what} must be whole, non-negative goals, got ${JSON.stringify(score)}`);
  }
  return score;
}

/** Checks a result is coherent: half-time within full time, goal order matching the score. */
export function checkMatchResult(result: MatchResult): void {
  if (result.abandoned) return;
  const score = checkScore("the final score", result.score);
  const ht = checkScore("the half-time score", result.halfTimeScore);
  if (ht.home > score.home || ht.away > score.away) {
    throw new InputError("settle.invalid_result", "the half-time score cannot exceed the final score");
  }
  if (result.goals) {
    const home = result.goals.filter((g) => g === "home").length;
    if (home !== score.home || result.goals.length !== score.home + score.away) {
      throw new InputError("settle.invalid_result", `the goal order lists ${result.goals.length} goals (${home} home) for a ${score.home}-${score.away} final score`);
    }
  }
}

function resolveMarket(market: MarketRef): MarketSpec {
  const spec = findMarket(market.key, market.line);
  if (!spec) {
    throw new InputError("settle.unknown_market", `no market "${market.key}" at line ${market.line} in the catalogue`, { ...market });
  }
  return spec;
}

/**
 * Code of the side that scored goal number `goal`, "none" when the match had fewer
 * goals, or null when the goal order is known to be unknown.
 */
function nextGoalSelection(goal: number, result: MatchResult): number | null {
  const { home, away } = result.score;
  const total = home + away;
  if (!Number.isInteger(goal) || goal < 1 || goal > total + 1) {
    throw new InputError("settle.invalid_goal", `next-goal for goal ${goal} cannot settle a match of ${total} goals; goals run from 1 to ${total + 1} (no further goal)`);
  }
  if (goal === total + 1) return 1;
  if (away === 0) return 0;
  if (home === 0) return 2;
  if (result.goals === null) return null;
  if (!result.goals) {
    throw new InputError("settle.goal_order_required", `both sides scored: give the goal order (result.goals) to settle next-goal for goal ${goal}`);
  }
  return result.goals[goal - 1] === "home" ? 0 : 2;
}

function outcomeCode(spec: MarketSpec, selection: number, result: MatchResult, goal: number): number {
  if (result.abandoned) return VOID;
  if (spec.kind === KIND.nextGoal) {
    const scorer = nextGoalSelection(goal, result);
    return scorer === null ? VOID : scorer === selection ? WON : LOST;
  }
  const halfTime = spec.kind === KIND.halfTimeResult || spec.kind === KIND.halfTimeTotalGoals;
  const score = halfTime ? result.halfTimeScore! : result.score;
  return selectionOutcome(spec.kind, spec.line ?? 0, selection, score.home, score.away);
}

/**
 * How one selection settles: won, lost, push, half-won or half-lost (quarter lines),
 * or void when the match was abandoned. Half-time markets settle on the half-time score.
 */
export function settleMarket(market: MarketRef, selectionKey: string, result: MatchResult): Outcome {
  checkMatchResult(result);
  const spec = resolveMarket(market);
  const selection = spec.selections.indexOf(selectionKey);
  if (selection < 0) {
    throw new InputError("settle.unknown_selection", `market "${spec.key}" has no selection "${selectionKey}"; it has ${spec.selections.join(", ")}`);
  }
  return OUTCOME_BY_CODE[outcomeCode(spec, selection, result, market.goal ?? 1)];
}

function settledMarket(spec: MarketSpec, result: MatchResult, goal: number): SettledMarket {
  const settled: SettledMarket = {
    group: spec.group,
    key: spec.key,
    line: spec.line,
    selections: spec.selections.map((key, s) => ({ key, outcome: OUTCOME_BY_CODE[outcomeCode(spec, s, result, goal)] })),
  };
  if (spec.kind === KIND.nextGoal) settled.goal = goal;
  return settled;
}

/**
 * Settles every market of the catalogue, and next-goal for every goal that could have
 * been offered (1 to final goals + 1), in catalogue order.
 */
export function settleAll(result: MatchResult): SettledMarket[] {
  checkMatchResult(result);
  const out: SettledMarket[] = [];
  for (const spec of CATALOGUE) {
    if (spec.kind !== KIND.nextGoal) {
      out.push(settledMarket(spec, result, 1));
      continue;
    }
    const goals = result.abandoned ? 1 : result.score.home + result.score.away + 1;
    for (let goal = 1; goal <= goals; goal++) out.push(settledMarket(spec, result, goal));
  }
  return out;
}
