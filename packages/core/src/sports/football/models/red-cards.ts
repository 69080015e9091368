/**
 * The effect of red cards on scoring. A sent-off player cannot be replaced, so the
 * side with fewer players scores at a lower rate and its opponent at a higher one for
 * the rest of the match. What counts is the difference in players: ten against ten
 * plays like eleven against eleven (one card each cancels), and each card beyond the
 * other side's multiplies the rates again (compounding).
 *
 * Uncertainty (scripts/red-card-market-estimate.ts, 23 football-data.co.uk files with
 * Pinnacle's closing prices, 8,208 matches, 1,110 with a single red card, 74 with one
 * each; bootstrap over matches, 95% intervals):
 * - the within-match estimate below, re-run on these matches: 0.564 (standard error
 *   0.087, 0.41-0.75) / 1.289 (0.110, 1.09-1.52). The -25% to -35% in common use for
 *   the side down to ten lies inside the interval's upper end; the point estimate
 *   stays ours;
 * - against the market instead (second-half goals over what the in-play model expects
 *   at half time from Pinnacle's closing prices and the half-time score): 0.476
 *   (0.048, 0.38-0.57) / 1.604 (0.067, 1.47-1.74): stronger still, not weaker; goals
 *   that provoke a card (a penalty with a sending-off) inflate it, so it is not used;
 * - one card each: second-half goals at 0.91 (0.154, 0.61-1.21) of the no-card rate
 *   per side, 1.06 over the whole match: no total-rate effect the data can tell from
 *   none, so a pair of cards leaves both rates alone (RED_CARD_EFFECT.pair = 1).
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
import { InputError } from "../../../errors";
import type { Score } from "../../../markets/types";
import { FITTED_RED_CARD_EFFECT } from "./goal-profile-fit";

export type { RedCardFit } from "./fit-types";

/**
 * Factors applied for the time remaining: per player a side is down (`penalised` on
 * its rate, `opponent` on the other side's), and `pair` on both rates per card
 * matched by one to the other side (1: one each measured no different from none).
 */
export const RED_CARD_EFFECT = {
  penalised: FITTED_RED_CARD_EFFECT.penalisedFactor,
  opponent: FITTED_RED_CARD_EFFECT.opponentFactor,
  pair: 1,
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
 * cards shown so far. With d = home cards - away cards, the home rate is
 * penalised^d when home is d players down, opponent^-d when away is; the away rate
 * likewise; both times pair^(cards matched one to one).
 *
 * @throws InputError "inplay.invalid_red_cards" for counts that are not whole numbers in 0..5.
 */
export function redCardFactors(
  redCards: Score,
  effect: { penalised: number; opponent: number; pair: number } = RED_CARD_EFFECT,
): { home: number; away: number } {
  const { home, away } = checkRedCards(redCards);
  const down = home - away;
  const pairs = effect.pair ** Math.min(home, away);
  return {
    home: (down > 0 ? effect.penalised ** down : effect.opponent ** -down) * pairs,
    away: (down < 0 ? effect.penalised ** -down : effect.opponent ** down) * pairs,
  };
}
