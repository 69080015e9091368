/**
 * What a played match says about the two teams beyond its score, read from a
 * football-data.co.uk row: an expected-goals proxy from shots and shots on target,
 * and the expected goals the market priced before kick-off (closing 1X2 odds,
 * de-margined with Shin's method and inverted through the score grid). The ratings
 * fit of later matches takes both, beside the goals, as evidence of each side's
 * scoring rate; a match's own odds never price that match (the walk forward only
 * fits on earlier days).
 */
import { InputError, PricingError, requireFinite } from "../../../errors";
import { removeMargin } from "../../../margin/remove";
import type { FootballDataMatch } from "./csv";
import { marketExpectedGoals, type MarketInversionParams } from "./invert";

/** Goals per shot: xG proxy = onTarget * shots on target + offTarget * (shots - shots on target). */
export interface ShotCoefficients {
  onTarget: number;
  offTarget: number;
}

/** One side's goals-scale figure for each team of a match. */
export interface SidePair {
  home: number;
  away: number;
}

/** The 1X2 odds columns tried for the market evidence, best first: Pinnacle closing, Pinnacle, Bet365 closing, Bet365, market average closing, market average. */
export const HISTORY_ODDS_COLUMNS = [
  ["PSCH", "PSCD", "PSCA"],
  ["PSH", "PSD", "PSA"],
  ["B365CH", "B365CD", "B365CA"],
  ["B365H", "B365D", "B365A"],
  ["AvgCH", "AvgCD", "AvgCA"],
  ["AvgH", "AvgD", "AvgA"],
  ["BbAvH", "BbAvD", "BbAvA"],
] as const;

/** The shot columns: home shots, away shots, home shots on target, away shots on target. */
export const SHOT_COLUMNS = ["HS", "AS", "HST", "AST"] as const;

const count = (v: number | undefined): v is number => v !== undefined && Number.isInteger(v) && v >= 0;

/**
 * The xG proxy of each side from its shots and shots on target.
 *
 * @throws InputError "evidence.missing_shots" when a shot column is missing or blank;
 *   "evidence.invalid_shots" for counts that are not whole numbers >= 0 or more shots
 *   on target than shots.
 */
export function shotExpectedGoals(values: Readonly<Record<string, number>>, coefficients: ShotCoefficients): SidePair {
  const missing = SHOT_COLUMNS.filter((c) => values[c] === undefined);
  if (missing.length > 0) {
    throw new InputError("evidence.missing_shots", `no shot counts (${missing.join(", ")} missing or blank)`, { columns: missing });
  }
  const { HS, AS, HST, AST } = values;
  if (![HS, AS, HST, AST].every(count) || HST > HS || AST > AS) {
    throw new InputError("evidence.invalid_shots", `unusable shot counts HS ${HS}, AS ${AS}, HST ${HST}, AST ${AST} (whole numbers, on target <= shots)`);
  }
  const side = (shots: number, onTarget: number) => coefficients.onTarget * onTarget + coefficients.offTarget * (shots - onTarget);
  return { home: side(HS, HST), away: side(AS, AST) };
}

/** Every complete 1X2 odds triple of HISTORY_ODDS_COLUMNS in a row, best first, with the columns it came from. */
export function historyOdds(values: Readonly<Record<string, number>>): { columns: readonly string[]; odds: [number, number, number] }[] {
  return HISTORY_ODDS_COLUMNS.flatMap((columns) => {
    const odds = columns.map((c) => values[c]);
    return odds.every((o) => o !== undefined && o > 1) ? [{ columns, odds: odds as [number, number, number] }] : [];
  });
}

/**
 * Expected goals of each side implied by 1X2 odds: Shin-de-margined, then inverted
 * through the score grid at the rho `inversion` gives (the backtest's market mode).
 *
 * @throws InputError "margin.*" for odds that cannot be de-margined; "invert.*" for probabilities the grid cannot reach.
 */
export function marketImpliedGoals(odds: readonly [number, number, number], inversion: MarketInversionParams): SidePair {
  const [home, draw, away] = removeMargin(odds, "shin").probabilities;
  const xg = marketExpectedGoals({ matchResult: [home, draw, away] }, inversion);
  return { home: xg.homeXg, away: xg.awayXg };
}

/** A match's evidence: each part null where the row lacks it, with the reason. */
export interface MatchEvidence {
  shots: SidePair | null;
  market: SidePair | null;
  /** Why a part is missing: an error code and message per missing part. */
  issues: { part: "shots" | "market"; code: string; reason: string }[];
}

/**
 * The shot and market evidence of one row. Never throws for a bad row: a missing or
 * unusable part is null and listed in `issues` (the caller counts it).
 *
 * @throws InputError "evidence.invalid_option" for unusable coefficients.
 */
export function matchEvidence(match: FootballDataMatch, coefficients: ShotCoefficients, inversion: MarketInversionParams): MatchEvidence {
  requireFinite("evidence.invalid_option", "goals per shot on target", coefficients.onTarget, 0, 1);
  requireFinite("evidence.invalid_option", "goals per shot off target", coefficients.offTarget, 0, 1);
  const issues: MatchEvidence["issues"] = [];
  const attempt = <T>(part: "shots" | "market", f: () => T): T | null => {
    try {
      return f();
    } catch (error) {
      if (!(error instanceof PricingError)) throw error;
      issues.push({ part, code: error.code, reason: error.message });
      return null;
    }
  };
  const shots = attempt("shots", () => shotExpectedGoals(match.values, coefficients));
  const market = attempt("market", () => {
    const found = historyOdds(match.values);
    if (found.length === 0) throw new InputError("evidence.missing_odds", `no complete 1X2 odds (${HISTORY_ODDS_COLUMNS.map((c) => c[0]).join(", ")} and their draw and away columns)`);
    // The best bookmaker's odds that can be de-margined and inverted; the last error when none can.
    for (let i = 0; ; i++) {
      try {
        return marketImpliedGoals(found[i].odds, inversion);
      } catch (error) {
        if (i === found.length - 1 || !(error instanceof PricingError)) throw error;
      }
    }
  });
  return { shots, market, issues };
}
