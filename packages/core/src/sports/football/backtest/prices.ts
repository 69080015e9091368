/**
 * The probabilities each source gives the backtested markets of one match: 1X2,
 * over/under 2.5 goals and the Asian handicap at Pinnacle's closing line. Model
 * sources price through the product's own path (in-play model state, market
 * derivation); Pinnacle's are its closing odds de-margined with Shin's method.
 */
import { InputError } from "../../../errors";
import { removeMargin } from "../../../margin/remove";
import { findMarket } from "../markets/catalogue";
import { priceGroup } from "../markets/derive";
import type { MarketPrice, Score } from "../../../markets/types";
import type { PricingState } from "../markets/types";
import { scoreGrid } from "../models/grid";
import { nextGoalProbabilities, pricingState } from "../models/inplay";
import { closingAsianHandicap, closingMatchOdds, closingOverUnder25, type FootballDataMatch } from "../models/csv";

/** Expected goals (whole match) for each side and the Dixon-Coles rho the grid uses. */
export interface ExpectedGoals {
  homeXg: number;
  awayXg: number;
  rho: number;
}

/** One source's probabilities for the backtested markets of a match. */
export interface MarketForecast {
  /** Home win, draw, away win. */
  matchResult: [number, number, number];
  /** Over 2.5 goals; null when the match has no closing over/under odds. */
  over25: number | null;
  /**
   * The home side at the closing Asian handicap line, given no push: win / (win + lose)
   * with half results counted as halves (what fair two-way odds price, 1/odds).
   * Null when the match has no closing handicap odds.
   */
  handicapHome: number | null;
}

/** Pinnacle's closing markets of a match as the backtest reads them. */
export interface ClosingMarkets {
  matchResult: readonly [number, number, number];
  overUnder25: readonly [number, number] | null;
  handicap: { line: number; home: number; away: number } | null;
}

/** Closing odds of a row: 1X2 required, the others where present. */
export function closingMarkets(match: FootballDataMatch): ClosingMarkets | null {
  const matchResult = closingMatchOdds(match);
  if (!matchResult) return null;
  return { matchResult, overUnder25: closingOverUnder25(match), handicap: closingAsianHandicap(match) };
}

/**
 * Pinnacle's closing probabilities of one market: its odds de-margined with Shin's
 * method (for a two-way market, each selection's fair 1/odds).
 *
 * @throws InputError "margin.invalid_odds" or "margin.no_solution" for odds that cannot be
 *   de-margined (e.g. a book with a negative overround).
 */
export function closingProbabilities(odds: readonly number[]): number[] {
  return removeMargin(odds, "shin").probabilities;
}

/**
 * Throws unless the catalogue prices this Asian handicap line.
 *
 * @throws InputError "backtest.unpriced_line" outside -3.5 to +3.5 in quarter goals.
 */
export function checkHandicapLine(line: number): number {
  if (!findMarket("asian-handicap", line)) {
    throw new InputError("backtest.unpriced_line", `line ${line} is outside the catalogue's Asian handicap lines (-3.5 to 3.5 in quarter goals)`, { line });
  }
  return line;
}

function selection(prices: MarketPrice[], key: string, line: number | null): MarketPrice {
  const market = prices.find((p) => p.key === key && p.line === line);
  if (!market) {
    throw new InputError("backtest.unpriced_line", `the market catalogue has no ${key} at line ${line}`, { key, line });
  }
  return market;
}

function matchResultOf(state: PricingState): [number, number, number] {
  const [home, draw, away] = selection(priceGroup("match-result", state), "1x2", null).selections;
  return [home.probability, draw.probability, away.probability];
}

/**
 * The model's probabilities for a match from its expected goals, through the pre-match
 * pricing state and market derivation. The handicap is priced at `handicapLine` (the
 * home side's line), null when there is none.
 *
 * @throws InputError "backtest.unpriced_line" for a handicap line outside the catalogue
 *   (-3.5 to +3.5 in quarter goals); "inplay.*" for unusable expected goals or rho.
 */
export function modelForecast(xg: ExpectedGoals, withOverUnder: boolean, handicapLine: number | null): MarketForecast {
  const state = pricingState({
    ...xg, period: "PRE", minute: 0, score: { home: 0, away: 0 }, redCards: { home: 0, away: 0 },
  });
  let handicapHome: number | null = null;
  if (handicapLine !== null) {
    const home = selection(priceGroup("handicap", state), "asian-handicap", handicapLine).selections[0];
    handicapHome = home.push < 1 ? home.probability / (1 - home.push) : 0.5;
  }
  return {
    matchResult: matchResultOf(state),
    over25: withOverUnder ? selection(priceGroup("totals", state), "total-goals", 2.5).selections[0].probability : null,
    handicapHome,
  };
}

/** Full-time 1X2 at the start of the second half: the in-play model and the simple baseline. */
export interface HalfTimeForecast {
  /** The in-play model's pricing state at half time (remaining goal profile, rho while 0-0). */
  model: [number, number, number];
  /** Each side's second half as independent Poisson at `baselineShare` of its expected goals. */
  baseline: [number, number, number];
}

/**
 * Prices the full-time result at the start of the second half from pre-match expected
 * goals and the half-time score. Red cards are passed as the in-play model takes
 * them (cards shown by half time); pass 0-0 when their minutes are unknown.
 *
 * @param baselineShare share of each side's expected goals left for the second half in the baseline
 * @throws InputError "inplay.*" for an unusable situation
 */
export function halfTimeForecast(xg: ExpectedGoals, halfTime: Score, redCards: Score, baselineShare: number): HalfTimeForecast {
  const score = { home: halfTime.home, away: halfTime.away };
  const model = pricingState({ ...xg, period: "HT", minute: 45, score, halfTimeScore: score, redCards });
  const rest = { home: xg.homeXg * baselineShare, away: xg.awayXg * baselineShare };
  const restGrid = scoreGrid(rest.home, rest.away);
  const baseline: PricingState = {
    fullTime: restGrid,
    firstHalf: null,
    score,
    halfTimeScore: score,
    nextGoal: nextGoalProbabilities(restGrid, rest.home, rest.away),
  };
  return { model: matchResultOf(model), baseline: matchResultOf(baseline) };
}
