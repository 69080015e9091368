/**
 * The effect of red cards on scoring. A sent-off player cannot be replaced, so the
 * penalised side scores at a lower rate and its opponent at a higher one for the rest
 * of the match. Each card multiplies the rates again (compounding).
 *
 * Estimates side by side (factor on the penalised side's rate / on the opponent's):
 * - ours, 0.58 / 1.30, from football-data.co.uk (23 league seasons, 1,171 matches with
 *   a single red card): the change in the second-half to first-half goal ratio of the
 *   side shown the card and of its opponent, with red-card times assumed (hazard rising
 *   linearly, mean minute 63); 0.51-0.60 / 1.30-1.33 under other timings (see
 *   scripts/red-card-estimate.ts and FITTED_RED_CARD_EFFECT);
 * - Vecer, Kopriva and Ichiba (2009), "Estimating the Effect of the Red Card in
 *   Soccer", Journal of Quantitative Analysis in Sports 5(1), from World Cup 2006 and
 *   Euro 2008 betting data: the penalised side's intensity "drops significantly" and
 *   the opponent's "increases slightly" (abstract); about 0.67 / 1.25 as usually
 *   quoted (the paper's tables were not available to check);
 * - Ridder, Cramer and Hopstaken (1994), Dutch league, as cited by Červený, van Ours
 *   and van Tuijl (2018, Empirical Economics): opponent +88%, no significant change for
 *   the penalised side.
 * The model uses our estimate: it is measured on club football, which is what is
 * priced, and the fit script reproduces it from the source files. It is rough: sides
 * that are behind collect more red cards and chase the game, which biases it.
 */
import { InputError } from "../../errors";
import type { Score } from "../../markets/types";
import { FITTED_RED_CARD_EFFECT } from "./goal-profile-fit";

/** A red-card effect as scripts/fit-goal-profile.ts measures it. */
export interface RedCardFit {
  /** Factor on the penalised side's scoring rate per red card. */
  penalisedFactor: number;
  /** Factor on the opponent's scoring rate per red card. */
  opponentFactor: number;
  /** Mean red-card minute implied by the assumed timing. */
  meanRedCardMinute: number;
  files: number;
  matchesWithOneRedCard: number;
  matchesWithoutRedCards: number;
  secondToFirstHalfRatio: { withoutRedCards: number; penalised: number; opponent: number };
  /** The same estimate under other red-card timings. */
  sensitivity: readonly { meanRedCardMinute: number; penalisedFactor: number; opponentFactor: number }[];
}

/** Factors applied per red card for the time remaining. */
export const RED_CARD_EFFECT = {
  penalised: FITTED_RED_CARD_EFFECT.penalisedFactor,
  opponent: FITTED_RED_CARD_EFFECT.opponentFactor,
} as const;

/**
 * Most red cards a side can have in a situation. A match is abandoned once a side is
 * down to six players (five red cards), so more than this is a feed error.
 */
export const MAX_RED_CARDS = 5;

/** Throws unless both sides' red-card counts are whole numbers in 0..MAX_RED_CARDS. */
export function checkRedCards(redCards: Score): Score {
  for (const side of ["home", "away"] as const) {
    const n = redCards?.[side];
    if (typeof n !== "number" || !Number.isInteger(n) || n < 0 || n > MAX_RED_CARDS) {
      throw new InputError(
        "inplay.invalid_red_cards",
        `${side} red cards must be a whole number from 0 to ${MAX_RED_CARDS}, got ${String(n)}`,
        { side, redCards: n },
      );
    }
  }
  return redCards;
}

/**
 * Multipliers on each side's scoring rate for the rest of the match given the red
 * cards shown so far: penalised^(own cards) * opponent^(opponent's cards).
 *
 * @throws InputError "inplay.invalid_red_cards" for counts that are not whole numbers in 0..5.
 */
export function redCardFactors(redCards: Score, effect = RED_CARD_EFFECT): { home: number; away: number } {
  const { home, away } = checkRedCards(redCards);
  return {
    home: effect.penalised ** home * effect.opponent ** away,
    away: effect.penalised ** away * effect.opponent ** home,
  };
}
