import { InputError } from "../../../errors";
import { CATALOGUE, TOTAL_GOALS_LINES, findMarket, type MarketSpec } from "./catalogue";
import { decideMarket } from "./decided";
import { KIND, LOST, OUTCOME_BY_CODE, TWO_SCORE_KINDS, VOID, WON, selectionOutcome } from "./rules";
import { decideTwoScore, twoScoreOutcome } from "./halves";
import type { LineBasis, Outcome, Score } from "../../../markets/types";
import type { MarketGroup } from "./types";

/**
 * What an abandoned match does to its bets.
 * - "decided-stand": a selection whose outcome no further play could have changed
 *   stands (a completed first half's markets, overs already passed, a goal already
 *   scored in next goal, both teams to score once both have); every other is void.
 *   The common rule of bookmakers' terms.
 * - "all-void": every selection is void.
 */
export const ABANDONMENT_RULES = ["decided-stand", "all-void"] as const;
export type AbandonmentRule = (typeof ABANDONMENT_RULES)[number];
/** The rule the engine settles abandoned matches by. */
export const ABANDONMENT_RULE: AbandonmentRule = "decided-stand";

/** How a match ended, as settlement needs it. */
export interface MatchResult {
  /** Final score after 90 minutes and stoppage time; for an abandoned match, the score when it was abandoned. */
  score: Score;
  /** Score at half time; null only for a match abandoned before half time. */
  halfTimeScore: Score | null;
  /** The match was abandoned: settles by ABANDONMENT_RULE. */
  abandoned?: boolean;
  /**
   * Which side scored each goal, in order. Needed to settle next-goal markets once both
   * sides have scored; optional otherwise. `null` says the order is not known (the feed
   * missed a goal): next-goal markets that need it are void rather than guessed.
   */
  goals?: readonly ("home" | "away")[] | null;
}

/**
 * A market to settle: a catalogue key and line; next-goal markets also name the goal
 * (default 1); a rest-of-match handicap names its basis and the score it was quoted at.
 */
export interface MarketRef {
  key: string;
  line: number | null;
  goal?: number;
  basis?: LineBasis;
  from?: Score;
}

export interface SettledMarket {
  group: MarketGroup;
  key: string;
  line: number | null;
  goal?: number;
  basis?: LineBasis;
  from?: Score;
  selections: { key: string; outcome: Outcome }[];
}

export { settlementKey } from "../../../markets/settlement-key";

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
  const score = checkScore(result.abandoned ? "the score at abandonment" : "the final score", result.score);
  if (result.abandoned && result.halfTimeScore === null) return checkGoalOrder(result, score);
  const ht = checkScore("the half-time score", result.halfTimeScore);
  if (ht.home > score.home || ht.away > score.away) {
    throw new InputError("settle.invalid_result", "the half-time score cannot exceed the final score");
  }
  checkGoalOrder(result, score);
}

function checkGoalOrder(result: MatchResult, score: Score): void {
  if (result.goals) {
    const home = result.goals.filter((g) => g === "home").length;
    if (home !== score.home || result.goals.length !== score.home + score.away) {
      throw new InputError("settle.invalid_result", `the goal order lists ${result.goals.length} goals (${home} home) for a ${score.home}-${score.away} final score`);
    }
  }
}

const TOTALS = findMarket("total-goals", TOTAL_GOALS_LINES[0])!;

/** A quarter-goal totals line at or above the catalogue's first: in play the lines follow the score past 6.5. */
function isTotalsLine(line: number | null): line is number {
  return typeof line === "number" && line >= TOTAL_GOALS_LINES[0] && Number.isInteger(line * 4);
}

/** A market and the line it settles on, on the final score (see FlatPrices.settleLine). */
interface Resolved {
  spec: MarketSpec;
  settleLine: number;
}

function resolveMarket(market: MarketRef): Resolved {
  const spec = findMarket(market.key, market.line) ?? (market.key === TOTALS.key && isTotalsLine(market.line) ? { ...TOTALS, line: market.line } : undefined);
  if (!spec) {
    throw new InputError("settle.unknown_market", `no market "${market.key}" at line ${market.line} in the catalogue`, { ...market });
  }
  const line = spec.line ?? 0;
  if (market.basis !== "rest") return { spec, settleLine: line };
  if (spec.kind !== KIND.asianHandicap) {
    throw new InputError("settle.invalid_basis", `only Asian handicaps are quoted on the rest of the match, not "${spec.key}"`, { ...market });
  }
  const from = checkScore("the score a rest-of-match handicap was quoted at (from)", market.from);
  return { spec, settleLine: line - (from.home - from.away) };
}

function checkFrom(market: MarketRef, result: MatchResult): void {
  if (market.basis === "rest" && (market.from!.home > result.score.home || market.from!.away > result.score.away)) {
    throw new InputError("settle.invalid_basis", `a handicap quoted at ${market.from!.home}-${market.from!.away} cannot settle a ${result.score.home}-${result.score.away} match`, { ...market });
  }
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

function outcomeCode(spec: MarketSpec, settleLine: number, selection: number, result: MatchResult, goal: number, rule: AbandonmentRule): number {
  if (result.abandoned) return abandonedOutcomeCode(spec, settleLine, selection, result, goal, rule);
  if (spec.kind === KIND.nextGoal) {
    const scorer = nextGoalSelection(goal, result);
    return scorer === null ? VOID : scorer === selection ? WON : LOST;
  }
  if (TWO_SCORE_KINDS.has(spec.kind)) return twoScoreOutcome(spec.kind, settleLine, selection, result.halfTimeScore!, result.score);
  const score = isHalfTime(spec) ? result.halfTimeScore! : result.score;
  return selectionOutcome(spec.kind, settleLine, selection, score.home, score.away);
}

function isHalfTime(spec: MarketSpec): boolean {
  return spec.kind === KIND.halfTimeResult || spec.kind === KIND.halfTimeTotalGoals;
}

/**
 * A selection of an abandoned match under `rule`. With "decided-stand" it settles when
 * no goal after the abandonment could have changed it (decideMarket with both sides
 * still able to score; half-time markets settle normally once the first half was
 * completed; next goal for a goal already scored; second-half, half-time/full-time and
 * both-halves markets with the half-time score fixed once the first half was completed
 * and every half still to play open), and is void otherwise.
 */
function abandonedOutcomeCode(spec: MarketSpec, settleLine: number, selection: number, result: MatchResult, goal: number, rule: AbandonmentRule): number {
  if (rule === "all-void") return VOID;
  if (spec.kind === KIND.nextGoal) {
    const total = result.score.home + result.score.away;
    if (goal > total) return VOID;
    const scorer = nextGoalSelection(goal, result);
    return scorer === null ? VOID : scorer === selection ? WON : LOST;
  }
  if (isHalfTime(spec) && result.halfTimeScore !== null) {
    return selectionOutcome(spec.kind, settleLine, selection, result.halfTimeScore.home, result.halfTimeScore.away);
  }
  const outcomes = new Uint8Array(spec.selections.length);
  const { home, away } = result.score;
  if (TWO_SCORE_KINDS.has(spec.kind)) {
    const ht = result.halfTimeScore;
    const reach = {
      ht: ht ?? result.score,
      htCanHome: ht === null,
      htCanAway: ht === null,
      final: result.score,
      canHome: true,
      canAway: true,
      second: ht ? { home: home - ht.home, away: away - ht.away } : { home: 0, away: 0 },
      secondCanHome: true,
      secondCanAway: true,
    };
    return decideTwoScore(spec.kind, settleLine, spec.selections.length, reach, outcomes, 0) ? outcomes[selection] : VOID;
  }
  return decideMarket(spec.kind, settleLine, spec.selections.length, home, away, true, true, outcomes, 0) ? outcomes[selection] : VOID;
}

/**
 * How one selection settles: won, lost, push, half-won or half-lost (quarter lines),
 * or void. Half-time markets settle on the half-time score, a rest-of-match handicap on
 * the final score minus the score it was quoted at, an abandoned match by `rule`.
 */
export function settleMarket(market: MarketRef, selectionKey: string, result: MatchResult, rule: AbandonmentRule = ABANDONMENT_RULE): Outcome {
  checkMatchResult(result);
  const { spec, settleLine } = resolveMarket(market);
  checkFrom(market, result);
  const selection = spec.selections.indexOf(selectionKey);
  if (selection < 0) {
    throw new InputError("settle.unknown_selection", `market "${spec.key}" has no selection "${selectionKey}"; it has ${spec.selections.join(", ")}`);
  }
  return OUTCOME_BY_CODE[outcomeCode(spec, settleLine, selection, result, market.goal ?? 1, rule)];
}

function settledMarket(market: MarketRef, result: MatchResult, rule: AbandonmentRule): SettledMarket {
  const { spec, settleLine } = resolveMarket(market);
  const goal = market.goal ?? 1;
  const settled: SettledMarket = {
    group: spec.group,
    key: spec.key,
    line: spec.line,
    selections: spec.selections.map((key, s) => ({ key, outcome: OUTCOME_BY_CODE[outcomeCode(spec, settleLine, s, result, goal, rule)] })),
  };
  if (spec.kind === KIND.nextGoal) settled.goal = goal;
  if (market.basis === "rest") Object.assign(settled, { basis: "rest", from: market.from });
  return settled;
}

/**
 * The scores a rest-of-match handicap could have been quoted at: every score the match
 * passed through, in order, or every score within the final one when the goal order
 * is not known.
 */
function scoresPassed(result: MatchResult): Score[] {
  const { home, away } = result.score;
  if (result.goals) {
    const out: Score[] = [{ home: 0, away: 0 }];
    for (const side of result.goals) {
      const last = out[out.length - 1];
      out.push(side === "home" ? { home: last.home + 1, away: last.away } : { home: last.home, away: last.away + 1 });
    }
    return out;
  }
  return Array.from({ length: (home + 1) * (away + 1) }, (_, i) => ({ home: Math.floor(i / (away + 1)), away: i % (away + 1) }));
}

/**
 * Every market that could have been offered for a match, to settle: the catalogue,
 * next goal for every goal (1 to goals + 1), totals lines past 6.5 up to the goals
 * scored plus 6.5 (in play the lines follow the score), and each in-play handicap line
 * on the rest of the match from every score the match passed through.
 */
export function settlementMarkets(result: MatchResult): MarketRef[] {
  const { home, away } = result.score;
  const out: MarketRef[] = [];
  for (const spec of CATALOGUE) {
    if (spec.kind === KIND.nextGoal) {
      for (let goal = 1; goal <= home + away + 1; goal++) out.push({ key: spec.key, line: null, goal });
      continue;
    }
    out.push({ key: spec.key, line: spec.line });
    if (spec.kind === KIND.totalGoals && spec.line === TOTAL_GOALS_LINES[TOTAL_GOALS_LINES.length - 1]) {
      for (let k = 1; k <= 4 * (home + away); k++) out.push({ key: spec.key, line: spec.line + k / 4 });
    }
  }
  for (const from of scoresPassed(result)) {
    for (const spec of CATALOGUE) if (spec.kind === KIND.asianHandicap) out.push({ key: spec.key, line: spec.line, basis: "rest", from });
  }
  return out;
}

/**
 * Settles every market that could have been offered (settlementMarkets): catalogue
 * order, then the rest-of-match handicaps. An abandoned match settles by `rule`.
 */
export function settleAll(result: MatchResult, rule: AbandonmentRule = ABANDONMENT_RULE): SettledMarket[] {
  checkMatchResult(result);
  return settlementMarkets(result).map((market) => settledMarket(market, result, rule));
}
