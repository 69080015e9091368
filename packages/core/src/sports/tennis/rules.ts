import { InputError } from "../../errors";

/** How the deciding set ends at 6-6: a 7-point tiebreak, a 10-point tiebreak (Grand Slams since 2022), or no tiebreak (win by two games). */
export const FINAL_SET_RULES = ["tiebreak7", "tiebreak10", "advantage"] as const;
export type FinalSetRule = (typeof FINAL_SET_RULES)[number];

export type Player = "a" | "b";

/** The format of one match. */
export interface MatchRules {
  bestOf: 3 | 5;
  finalSet: FinalSetRule;
  /** No-ad scoring: at deuce the next point wins the game. */
  noAd: boolean;
}

export const DEFAULT_RULES: MatchRules = { bestOf: 3, finalSet: "tiebreak7", noAd: false };

/**
 * Games per player at which an advantage set is cut off. A set reaching it is scored
 * as won by whoever the closed-form deuce-of-games probability favours; the mass past
 * 30-28 is below 1e-6 for any realistic serve probabilities.
 */
export const ADVANTAGE_SET_CAP = 30;

export const other = (p: Player): Player => (p === "a" ? "b" : "a");

export function setsToWin(rules: MatchRules): number {
  return rules.bestOf === 3 ? 2 : 3;
}

/** How a set ends at 6-6 given its number (0-based). */
export function setRuleOf(rules: MatchRules, setIndex: number): FinalSetRule {
  return setIndex === rules.bestOf - 1 ? rules.finalSet : "tiebreak7";
}

export function checkRules(rules: MatchRules): MatchRules {
  if (rules.bestOf !== 3 && rules.bestOf !== 5) throw new InputError("tennis.invalid_rules", `best of must be 3 or 5, got ${String(rules.bestOf)}`);
  if (!FINAL_SET_RULES.includes(rules.finalSet)) {
    throw new InputError("tennis.invalid_rules", `final set rule must be one of ${FINAL_SET_RULES.join(", ")}, got ${String(rules.finalSet)}`);
  }
  return rules;
}
