/**
 * The walk forward: matches in date order, grouped into match days (calendar dates).
 * Before each match day the ratings are fitted on the matches of earlier days only,
 * so no match's own result, nor any later one, reaches its forecast.
 */
import { InputError, requireFinite } from "../../../errors";
import type { MatchEvidence, ShotCoefficients } from "../models/evidence";
import { behindClosedDoors, fitRatings, fitRatingTargets, type MatchResult, type RatingTarget, type Ratings, type RatingsModel } from "../models/ratings";

/** Weight (relative, before decay) and decay per unit of the evidence clock of one kind of evidence. */
export interface EvidenceWeight {
  weight: number;
  xi: number;
}

/**
 * What the evidence ages by. "days": calendar days. "rounds": the league's own playing
 * time, its matches played divided by half its teams (a round of a 20-team league is 10
 * matches), so a summer, winter or pandemic break ages nothing and a crowded spell
 * ages the evidence as fast as it brings new matches.
 */
export type EvidenceClock = "days" | "rounds";

export const EVIDENCE_CLOCKS: readonly EvidenceClock[] = ["days", "rounds"];

/**
 * Ratings fitted to more than goals: each side's goals, its xG proxy from shots and
 * the expected goals the closing odds implied, each weighted weight * exp(-xi * age),
 * in one Poisson quasi-likelihood (fitRatingTargets), the age on `clock`. A part a
 * match lacks is left out of that match.
 */
export interface EvidenceParams {
  /** The unit of age the decays xi are per. */
  clock: EvidenceClock;
  /**
   * Rounds the "rounds" clock adds between two spells whose teams differ (a new season:
   * promoted sides in, transfers made); a break within a season, with the same teams
   * on both sides, adds nothing. Unused by the "days" clock. Default 0.
   */
  newSeasonRounds?: number;
  goals: EvidenceWeight;
  shots: EvidenceWeight;
  market: EvidenceWeight;
  /** Ridge penalty of the blended fit (the goals-only ridge is WalkForwardParams.ridge). */
  ridge: number;
  shotCoefficients: ShotCoefficients;
}

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
  /** Fit to goals, shots and earlier matches' odds (with an evidence lookup); goals only when absent. */
  evidence?: EvidenceParams;
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
  const e = params.evidence;
  if (e) {
    for (const part of ["goals", "shots", "market"] as const) {
      requireFinite(code, `the ${part} weight`, e[part]?.weight, 0);
      requireFinite(code, `the ${part} decay per ${e.clock === "rounds" ? "round" : "day"}`, e[part]?.xi, 0, 1);
    }
    requireFinite(code, "the rounds a new season adds", e.newSeasonRounds ?? 0, 0);
    if (!EVIDENCE_CLOCKS.includes(e.clock)) {
      throw new InputError(code, `unknown evidence clock "${String(e.clock)}"; use ${EVIDENCE_CLOCKS.join(" or ")}`);
    }
    if (!(e.goals.weight + e.shots.weight + e.market.weight > 0)) throw new InputError(code, "the evidence weights are all 0");
    requireFinite(code, "the evidence ridge", e.ridge, 0);
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

/** A league goes quiet this many days or more between seasons (its team list may change there). */
export const SEASON_GAP_DAYS = 40;

/**
 * The league's playing clock at each of its match days, in rounds played before that
 * day: each day adds its matches divided by half the teams of its spell (the match
 * days between two gaps of SEASON_GAP_DAYS or more, a season, or the part of one
 * either side of a long break, whose fixture list names its teams). A spell whose
 * teams differ from the one before (a new season) starts `newSeasonRounds` later.
 * Days are those of matchDays, ascending.
 */
export function leagueRounds(days: readonly { date: string; matches: readonly MatchResult[] }[], newSeasonRounds = 0): Map<string, number> {
  const clock = new Map<string, number>();
  let rounds = 0;
  let previous: Set<string> | null = null;
  for (let start = 0; start < days.length;) {
    let end = start + 1;
    while (end < days.length && dayGap(days[end - 1].date, days[end].date) < SEASON_GAP_DAYS) end++;
    const spell = new Set(days.slice(start, end).flatMap((d) => d.matches.flatMap((m) => [m.homeTeam, m.awayTeam])));
    const teams = spell.size;
    if (previous && (previous.size !== spell.size || [...spell].some((t) => !previous!.has(t)))) rounds += newSeasonRounds;
    previous = spell;
    for (let i = start; i < end; i++) {
      clock.set(days[i].date, rounds);
      rounds += days[i].matches.length / (teams / 2);
    }
    start = end;
  }
  return clock;
}

function dayGap(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Whether both teams have the history the walk forward asks for before pricing them. */
export function hasHistory(day: MatchDay<MatchResult>, match: MatchResult, minTeamMatches: number): boolean {
  if (!day.ratings) return false;
  const known = (team: string) =>
    Object.prototype.hasOwnProperty.call(day.ratings!.teams, team) && (day.teamMatches.get(team) ?? 0) >= minTeamMatches;
  return known(match.homeTeam) && known(match.awayTeam);
}

/**
 * The blended fit's rows: each side's target is the weighted mean of its goals, xG
 * proxy and market-implied goals (the parts the match has), its weight their sum.
 * A match's age is counted back from `date` in calendar days, or with `rounds` (the
 * league clock of leagueRounds, which must hold `date` and every match's date) in
 * rounds played since.
 *
 * @throws InputError "backtest.invalid_option" when the "rounds" clock has no rounds, or lacks a date.
 */
export function evidenceTargets<M extends MatchResult>(
  history: readonly M[],
  date: string,
  params: EvidenceParams,
  evidenceOf: (m: M) => MatchEvidence,
  rounds?: ReadonlyMap<string, number>,
): RatingTarget[] {
  const roundOf = (d: string): number => {
    const r = rounds?.get(d);
    if (r === undefined) throw new InputError("backtest.invalid_option", `the rounds clock has no entry for ${d}`);
    return r;
  };
  const now = params.clock === "rounds" ? roundOf(date) : 0;
  return history.map((m) => {
    const age = params.clock === "rounds" ? now - roundOf(m.date) : dayGap(m.date, date);
    const e = evidenceOf(m);
    const parts: [number, { home: number; away: number } | null][] = [
      [params.goals.weight * Math.exp(-params.goals.xi * age), { home: m.homeGoals, away: m.awayGoals }],
      [params.shots.weight * Math.exp(-params.shots.xi * age), e.shots],
      [params.market.weight * Math.exp(-params.market.xi * age), e.market],
    ];
    let weight = 0, home = 0, away = 0;
    for (const [w, pair] of parts) {
      if (!pair || w === 0) continue;
      weight += w; home += w * pair.home; away += w * pair.away;
    }
    // A match with only parts of weight 0 still enters, at a negligible weight, so the team counts.
    if (weight === 0) return { homeTeam: m.homeTeam, awayTeam: m.awayTeam, home: m.homeGoals, away: m.awayGoals, weight: 1e-12, closedDoors: behindClosedDoors(m.date) };
    return { homeTeam: m.homeTeam, awayTeam: m.awayTeam, home: home / weight, away: away / weight, weight, closedDoors: behindClosedDoors(m.date) };
  });
}

/**
 * Walks forward through `matches` by match day. For each day on or after `from`
 * (every day when omitted), fits the ratings on the matches of the preceding
 * `windowDays` days, weighted exp(-xi * age in days) counted back from the match day;
 * with `params.evidence` and `evidenceOf`, to the goals, shots and odds of those
 * matches (evidenceTargets), never the day's own, aged on the evidence clock (the
 * rounds clock of all of `matches`, one league's, from leagueRounds).
 * Days before `from` are history only and are not yielded.
 *
 * @throws InputError "backtest.invalid_option" for unusable parameters; "ratings.*"
 *   errors from the fit for malformed matches.
 */
export function* walkForward<M extends MatchResult>(
  matches: readonly M[],
  params: WalkForwardParams,
  from?: string,
  evidenceOf?: (m: M) => MatchEvidence,
): Generator<MatchDay<M>> {
  checkWalkForwardParams(params);
  const days = matchDays(matches);
  const rounds = params.evidence?.clock === "rounds" ? leagueRounds(days, params.evidence.newSeasonRounds) : undefined;
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
      const blend = params.evidence && evidenceOf ? params.evidence : null;
      const ratings = history.length === 0 ? null : blend
        ? fitRatingTargets(evidenceTargets(history, day.date, blend, evidenceOf!, rounds), { ridge: blend.ridge, xi: blend.goals.xi, referenceDate: day.date })
        : fitRatings(history, { model: params.model, xi: params.xi, ridge: params.ridge, referenceDate: day.date });
      yield { date: day.date, matches: day.matches, ratings, teamMatches };
    }
    played.push(...day.matches);
  }
}
