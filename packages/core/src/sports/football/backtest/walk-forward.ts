/**
 * The walk forward: matches in date order, grouped into match days (calendar dates).
 * Before each match day the ratings are fitted on the matches of earlier days only,
 * so no match's own result, nor any later one, reaches its forecast.
 */
import { InputError, requireFinite } from "../../../errors";
import { fitRatings, type MatchResult, type Ratings, type RatingsModel } from "../models/ratings";

/** How the ratings are fitted before each match day. */
export interface WalkForwardParams {
  model: RatingsModel;
  /** Time decay per day of the fit weights. */
  xi: number;
  /** Ridge penalty on attack and defence (log-likelihood units per squared rating). */
  ridge: number;
  /** Only matches this many days before the match day enter the fit (their weight is small anyway). */
  windowDays: number;
  /**
   * A team is priced only once it has played this many matches in the fit window:
   * its first matches (a promoted side with no top-flight history, the first weeks of
   * a data set) are history, not forecasts.
   */
  minTeamMatches: number;
}

/** One match day: its matches, and the ratings fitted on everything before it. */
export interface MatchDay<M extends MatchResult> {
  /** ISO date. */
  date: string;
  matches: M[];
  /** Null when nothing was played in the window before this day. */
  ratings: Ratings | null;
  /** Matches each team has played in the fit window before this day. */
  teamMatches: ReadonlyMap<string, number>;
}

const DAY_MS = 86_400_000;

function shiftDate(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Throws unless the parameters are usable. */
export function checkWalkForwardParams(params: WalkForwardParams): WalkForwardParams {
  const code = "backtest.invalid_option";
  requireFinite(code, "xi (decay per day)", params.xi, 0, 1);
  requireFinite(code, "ridge", params.ridge, 0);
  requireFinite(code, "the fit window (days)", params.windowDays, 1);
  requireFinite(code, "the minimum matches per team", params.minTeamMatches, 0);
  if (params.model !== "poisson" && params.model !== "dixon-coles") {
    throw new InputError(code, `unknown ratings model "${String(params.model)}"; use poisson or dixon-coles`);
  }
  return params;
}

/** Groups matches by date, dates ascending; within a day the input order is kept. */
export function matchDays<M extends MatchResult>(matches: readonly M[]): { date: string; matches: M[] }[] {
  const byDate = new Map<string, M[]>();
  for (const m of matches) {
    const day = byDate.get(m.date);
    if (day) day.push(m); else byDate.set(m.date, [m]);
  }
  return [...byDate.keys()].sort().map((date) => ({ date, matches: byDate.get(date)! }));
}

/** Whether both teams have the history the walk forward asks for before pricing them. */
export function hasHistory(day: MatchDay<MatchResult>, match: MatchResult, minTeamMatches: number): boolean {
  if (!day.ratings) return false;
  const known = (team: string) =>
    Object.prototype.hasOwnProperty.call(day.ratings!.teams, team) && (day.teamMatches.get(team) ?? 0) >= minTeamMatches;
  return known(match.homeTeam) && known(match.awayTeam);
}

/**
 * Walks forward through `matches` by match day. For each day on or after `from`
 * (every day when omitted), fits the ratings on the matches of the preceding
 * `windowDays` days, weighted exp(-xi * age in days) counted back from the match day.
 * Days before `from` are history only and are not yielded.
 *
 * @throws InputError "backtest.invalid_option" for unusable parameters; "ratings.*"
 *   errors from the fit for malformed matches.
 */
export function* walkForward<M extends MatchResult>(
  matches: readonly M[],
  params: WalkForwardParams,
  from?: string,
): Generator<MatchDay<M>> {
  checkWalkForwardParams(params);
  const days = matchDays(matches);
  const played: M[] = [];
  let start = 0;
  for (const day of days) {
    if (from === undefined || day.date >= from) {
      const windowStart = shiftDate(day.date, -params.windowDays);
      while (start < played.length && played[start].date < windowStart) start++;
      const history = played.slice(start);
      const teamMatches = new Map<string, number>();
      for (const m of history) {
        teamMatches.set(m.homeTeam, (teamMatches.get(m.homeTeam) ?? 0) + 1);
        teamMatches.set(m.awayTeam, (teamMatches.get(m.awayTeam) ?? 0) + 1);
      }
      const ratings = history.length === 0 ? null : fitRatings(history, {
        model: params.model, xi: params.xi, ridge: params.ridge, referenceDate: day.date,
      });
      yield { date: day.date, matches: day.matches, ratings, teamMatches };
    }
    played.push(...day.matches);
  }
}
