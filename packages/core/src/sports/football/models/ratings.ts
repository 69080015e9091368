/**
 * Team ratings by maximum likelihood: the Poisson model (Maher 1982) and the
 * Dixon-Coles model (Dixon and Coles 1997), with time-decay weights and an optional
 * ridge penalty, fitted by L-BFGS on the analytic gradient.
 */
import { InputError, requireFinite } from "../../../errors";
import { minimizeLbfgs } from "../../../math/optimize";
import {
  CLOSED_HOME, HOME, INTERCEPT, attackIndex, defenceIndex, logLikelihood, packMatches, parameterCount, penalisedObjective, rhoIndex,
  type LikelihoodData, type NormalPrior,
} from "./ratings-likelihood";

export const RATINGS_MODELS = ["poisson", "dixon-coles"] as const;
export type RatingsModel = (typeof RATINGS_MODELS)[number];

/** A played match; football-data rows (FootballDataMatch) fit this shape. */
export interface MatchResult {
  /** ISO date yyyy-mm-dd. */
  date: string;
  homeTeam: string;
  awayTeam: string;
  homeGoals: number;
  awayGoals: number;
}

export interface FitOptions {
  model: RatingsModel;
  /** Time decay per day: a match d days before the reference date weighs exp(-xi d). Default 0. */
  xi?: number;
  /** ISO date the weights count back from; default the last match date. Later matches are left out. */
  referenceDate?: string;
  /**
   * Ridge (L2) penalty on attack and defence, in log-likelihood units per squared rating.
   * Default 0. A weak one (0.1 to 1) keeps ratings finite for a team that never scored
   * or never conceded, whose unpenalised estimate runs off to infinity.
   */
  ridge?: number;
  /**
   * Where the ridge pulls a team with fewer than NEW_TEAM_MATCHES matches in the fit:
   * default PROMOTED_TEAM_PRIOR (a side new to the league is most likely a promoted
   * one); null pulls every team toward the league average.
   */
  newTeamPrior?: TeamRating | null;
  /**
   * Normal prior on the home advantage (log scale): default HOME_ADVANTAGE_PRIOR;
   * null for none. Both priors act only in a penalised fit (ridge > 0): with ridge 0
   * the fit is the plain maximum-likelihood estimate.
   */
  homeAdvantagePrior?: { mean: number; sd: number } | null;
  /**
   * Normal prior on the home advantage behind closed doors (log scale): default
   * CLOSED_DOORS_HOME_PRIOR; null for none. Like the others, only in a penalised fit.
   */
  closedDoorsHomePrior?: { mean: number; sd: number } | null;
}

/**
 * Home advantage with a crowd: mean 0.259 of the Premier League seasons 2012/13 to
 * 2018/19 fitted one by one (0.21 to 0.30; the backtest's tuning seasons), sd 0.08,
 * worth about a hundred matches, so a window with few matches played before crowds
 * (2021/22 opened after a season behind closed doors) cannot swing it.
 */
export const HOME_ADVANTAGE_PRIOR = { mean: 0.259, sd: 0.08 } as const;

/**
 * Average rating of a side promoted to the Premier League over its first season:
 * attack -0.263, defence -0.154 (21 promoted sides of 2012/13 to 2018/19, each
 * season's ratings fitted on that season alone; the backtest's tuning seasons; 2019/20
 * to 2021/22 scored it). Pulling new sides toward the league mean instead rates a
 * promoted side as an average one after a single good result.
 */
export const PROMOTED_TEAM_PRIOR: TeamRating = { attack: -0.263, defence: -0.154 };

/** A team with fewer matches than this (a season) in a fit is shrunk toward newTeamPrior. */
export const NEW_TEAM_MATCHES = 38;

/**
 * Matches played behind closed doors in the Covid-19 pandemic: from the suspension of
 * March 2020 to the end of the 2020/21 seasons (fans returned in numbers from August
 * 2021). Without a crowd the home advantage fell, by how much differed from league to
 * league (Premier League 2020/21 fitted alone: 0.008, against 0.21-0.30 in the seasons
 * before; Serie A's restart of June 2020 kept much of it), so these matches have a home
 * advantage of their own (Ratings.closedDoorsHomeAdvantage), fitted on them alone, and
 * the fitted home advantage with a crowd stays the one with a crowd.
 */
export const CLOSED_DOORS = { from: "2020-03-13", to: "2021-07-31" } as const;

/**
 * Home advantage behind closed doors, before any such match has been played: half the
 * crowd's (HOME_ADVANTAGE_PRIOR's mean), sd 0.08. No match of the tuning seasons was
 * played without a crowd, so it is not fitted: the crowd is one of several causes of
 * home advantage (travel, familiarity, referees swayed by it), and halfway between
 * "the crowd is all of it" (0) and "none of it" (0.259) puts both within two sd. The
 * first round behind closed doors is priced from it; after that the fit follows those
 * matches (their market-implied goals above all), against which this prior weighs
 * little.
 */
export const CLOSED_DOORS_HOME_PRIOR = { mean: HOME_ADVANTAGE_PRIOR.mean / 2, sd: 0.08 } as const;

/** Whether a match on an ISO date was played behind closed doors. */
export function behindClosedDoors(date: string): boolean {
  return date >= CLOSED_DOORS.from && date <= CLOSED_DOORS.to;
}

export interface TeamRating {
  /** Log multiplier on the goals a team scores. Attacks average 0 across teams. */
  attack: number;
  /** Log divisor on the goals a team concedes (higher is better). Defences average 0 across teams. */
  defence: number;
}

/**
 * Fitted ratings. Expected goals: home = exp(intercept + homeAdvantage + attack_h - defence_a),
 * away = exp(intercept + attack_a - defence_h). `rho` is the Dixon-Coles dependence, null
 * for the Poisson model (not a parameter of it; use 0 for a score grid).
 */
export interface Ratings {
  model: RatingsModel;
  intercept: number;
  homeAdvantage: number;
  /**
   * Home advantage behind closed doors: log of the home side's scoring rate over the
   * away side's, relative to their ratings, in a match without a crowd. The prior's
   * mean when the fit has no such match (0 unpenalised).
   */
  closedDoorsHomeAdvantage: number;
  rho: number | null;
  teams: Record<string, TeamRating>;
  /** Weighted log-likelihood at the estimate, full Poisson terms (with -log k!), without the ridge penalty. */
  logLikelihood: number;
  /** Matches used (on or before the reference date). */
  matches: number;
  referenceDate: string;
  xi: number;
  ridge: number;
  iterations: number;
  converged: boolean;
}

const DAY_MS = 86_400_000;

function dayNumber(iso: string, what: string): number {
  const t = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? Date.parse(`${iso}T00:00:00Z`) : NaN;
  if (!Number.isFinite(t)) {
    throw new InputError("ratings.invalid_date", `${what} must be an ISO date yyyy-mm-dd, got "${iso}"`);
  }
  return Math.round(t / DAY_MS);
}

function checkMatch(m: MatchResult, i: number): void {
  for (const goals of [m.homeGoals, m.awayGoals]) {
    if (!Number.isInteger(goals) || goals < 0) {
      throw new InputError("ratings.invalid_match", `match ${i + 1} (${m.homeTeam} v ${m.awayTeam}) has goals ${goals}; expected whole numbers >= 0`);
    }
  }
  if (!m.homeTeam || !m.awayTeam || m.homeTeam === m.awayTeam) {
    throw new InputError("ratings.invalid_match", `match ${i + 1} needs two different team names, got "${m.homeTeam}" v "${m.awayTeam}"`);
  }
}

interface Prepared {
  names: string[];
  data: LikelihoodData;
  referenceDate: string;
}

/** Weights, team indices and typed arrays for the matches on or before the reference date. */
function prepare(matches: readonly MatchResult[], xi: number, referenceDate?: string): Prepared {
  matches.forEach(checkMatch);
  const days = matches.map((m, i) => dayNumber(m.date, `the date of match ${i + 1}`));
  const reference = referenceDate !== undefined ? dayNumber(referenceDate, "the reference date") : days.reduce((a, b) => Math.max(a, b), -Infinity);
  const used = matches.map((m, i) => ({ m, age: reference - days[i] })).filter(({ age }) => age >= 0);
  if (used.length === 0) {
    throw new InputError("ratings.no_matches", "no matches to fit on or before the reference date");
  }
  const names = [...new Set(used.flatMap(({ m }) => [m.homeTeam, m.awayTeam]))].sort();
  const index = new Map(names.map((name, i) => [name, i]));
  const rows = used.map(({ m, age }) => ({
    home: index.get(m.homeTeam)!, away: index.get(m.awayTeam)!,
    homeGoals: m.homeGoals, awayGoals: m.awayGoals, weight: Math.exp(-xi * age),
    closedDoors: behindClosedDoors(m.date),
  }));
  return { names, data: packMatches(names.length, rows), referenceDate: new Date(reference * DAY_MS).toISOString().slice(0, 10) };
}

/** Prior means of attacks then defences: newTeamPrior for teams with fewer than NEW_TEAM_MATCHES matches, else 0. */
function newTeamPriors(data: LikelihoodData, prior: TeamRating | null): Float64Array | undefined {
  if (!prior) return undefined;
  const n = data.teams, played = new Int32Array(n);
  for (let m = 0; m < data.home.length; m++) { played[data.home[m]]++; played[data.away[m]]++; }
  const means = new Float64Array(2 * n);
  for (let t = 0; t < n; t++) {
    if (played[t] < NEW_TEAM_MATCHES) { means[t] = prior.attack; means[n + t] = prior.defence; }
  }
  return means;
}

/** Starting point: league-average scoring, a home edge from the home/away goal ratio, equal teams. */
function startingPoint(data: LikelihoodData, dixonColes: boolean): Float64Array {
  const x = new Float64Array(parameterCount(data.teams, dixonColes));
  let home = 0, away = 0, weight = 0;
  for (let m = 0; m < data.weight.length; m++) {
    home += data.weight[m] * data.homeGoals[m];
    away += data.weight[m] * data.awayGoals[m];
    weight += data.weight[m];
  }
  x[INTERCEPT] = Math.log(Math.max(away, 0.5) / weight);
  x[HOME] = Math.log(Math.max(home, 0.5) / Math.max(away, 0.5));
  return x;
}

/**
 * Fits Poisson or Dixon-Coles ratings to played matches by (weighted, optionally
 * penalised) maximum likelihood. Attack and defence ratings are reported centred to
 * mean 0 (the likelihood does not change when all attacks, or all defences, shift
 * together with the intercept).
 *
 * @throws InputError "ratings.no_matches", "ratings.invalid_match", "ratings.invalid_date",
 *   "ratings.invalid_model", "ratings.invalid_option"
 */
export function fitRatings(matches: readonly MatchResult[], options: FitOptions): Ratings {
  const { model, xi = 0, ridge = 0, referenceDate } = options;
  if (!RATINGS_MODELS.includes(model)) {
    throw new InputError("ratings.invalid_model", `unknown ratings model "${String(model)}"; use ${RATINGS_MODELS.join(" or ")}`);
  }
  requireFinite("ratings.invalid_option", "xi (decay per day)", xi, 0, 1);
  requireFinite("ratings.invalid_option", "ridge", ridge, 0);
  if (!Array.isArray(matches) || matches.length === 0) throw new InputError("ratings.no_matches", "no matches to fit");
  const { names, data, referenceDate: reference } = prepare(matches, xi, referenceDate);
  return solve(names, data, { ...options, xi, ridge }, reference);
}

/**
 * One match as evidence for the ratings on the goals scale: each side's target (its
 * goals, or a weighted mean of goals and other estimates of its scoring rate, such as
 * an expected-goals proxy) and the match's weight in the fit (decay included).
 */
export interface RatingTarget {
  homeTeam: string;
  awayTeam: string;
  /** Home side's target, goals per match (>= 0, need not be whole). */
  home: number;
  away: number;
  /** Weight in the likelihood (> 0). */
  weight: number;
  closedDoors: boolean;
}

export type TargetFitOptions = Pick<FitOptions, "ridge" | "newTeamPrior" | "homeAdvantagePrior" | "closedDoorsHomePrior"> & {
  /** ISO date the weights were counted back from (reported). */
  referenceDate: string;
  /** Decay the weights were built with (reported). */
  xi: number;
};

/**
 * Poisson ratings fitted to goals-scale targets that need not be whole numbers (a
 * quasi-likelihood: the Poisson log-likelihood is linear in the count, so a weighted
 * sum of Poisson terms for several estimates of one side's scoring rate is one Poisson
 * term at their weighted mean, with their summed weight). The reported logLikelihood
 * leaves out the -log k! terms of non-whole targets.
 *
 * @throws InputError "ratings.no_matches", "ratings.invalid_match", "ratings.invalid_option"
 */
export function fitRatingTargets(rows: readonly RatingTarget[], options: TargetFitOptions): Ratings {
  const { ridge = 0, xi } = options;
  requireFinite("ratings.invalid_option", "ridge", ridge, 0);
  dayNumber(options.referenceDate, "the reference date");
  if (!Array.isArray(rows as unknown) || rows.length === 0) throw new InputError("ratings.no_matches", "no matches to fit");
  rows.forEach((r, i) => {
    if (!(r.home >= 0 && r.away >= 0 && Number.isFinite(r.home) && Number.isFinite(r.away) && r.weight > 0 && Number.isFinite(r.weight))) {
      throw new InputError("ratings.invalid_match", `row ${i + 1} (${r.homeTeam} v ${r.awayTeam}) needs finite targets >= 0 and a weight > 0, got ${r.home}, ${r.away}, ${r.weight}`);
    }
    if (!r.homeTeam || !r.awayTeam || r.homeTeam === r.awayTeam) {
      throw new InputError("ratings.invalid_match", `row ${i + 1} needs two different team names, got "${r.homeTeam}" v "${r.awayTeam}"`);
    }
  });
  const names = [...new Set(rows.flatMap((r) => [r.homeTeam, r.awayTeam]))].sort();
  const index = new Map(names.map((name, i) => [name, i]));
  const data = packMatches(names.length, rows.map((r) => ({
    home: index.get(r.homeTeam)!, away: index.get(r.awayTeam)!, homeGoals: r.home, awayGoals: r.away, weight: r.weight, closedDoors: r.closedDoors,
  })));
  return solve(names, data, { ...options, model: "poisson", xi, ridge }, options.referenceDate);
}

/** The penalised fit of prepared data, ratings centred. */
function solve(names: string[], data: LikelihoodData, options: FitOptions & { xi: number; ridge: number }, reference: string): Ratings {
  const { model, xi, ridge } = options;
  const dixonColes = model === "dixon-coles";
  const penalised = ridge > 0;
  const priors = penalised ? newTeamPriors(data, options.newTeamPrior === undefined ? PROMOTED_TEAM_PRIOR : options.newTeamPrior) : undefined;
  const home = penalised ? (options.homeAdvantagePrior === undefined ? HOME_ADVANTAGE_PRIOR : options.homeAdvantagePrior) : null;
  const closed = penalised ? (options.closedDoorsHomePrior === undefined ? CLOSED_DOORS_HOME_PRIOR : options.closedDoorsHomePrior) : null;
  const normal = (p: { mean: number; sd: number } | null): NormalPrior | undefined => (p ? { mean: p.mean, precision: 1 / (p.sd * p.sd) } : undefined);
  const start = startingPoint(data, dixonColes);
  if (closed) start[CLOSED_HOME] = closed.mean;
  const result = minimizeLbfgs(penalisedObjective(data, dixonColes, ridge, priors, normal(home), normal(closed)), start, {
    gradientTolerance: 1e-7,
  });
  const x = result.x;
  const n = names.length;
  let meanAttack = 0, meanDefence = 0;
  for (let t = 0; t < n; t++) {
    meanAttack += x[attackIndex(t)] / n;
    meanDefence += x[defenceIndex(n, t)] / n;
  }
  const teams: Record<string, TeamRating> = {};
  names.forEach((name, t) => {
    teams[name] = { attack: x[attackIndex(t)] - meanAttack, defence: x[defenceIndex(n, t)] - meanDefence };
  });
  return {
    model,
    intercept: x[INTERCEPT] + meanAttack - meanDefence,
    homeAdvantage: x[HOME],
    closedDoorsHomeAdvantage: x[CLOSED_HOME],
    rho: dixonColes ? x[rhoIndex(n)] : null,
    teams,
    logLikelihood: logLikelihood(data, dixonColes, x, new Float64Array(x.length)),
    matches: data.home.length,
    referenceDate: reference,
    xi,
    ridge,
    iterations: result.iterations,
    converged: result.converged,
  };
}

/** Expected goals for a fixture from fitted ratings, with the rho a score grid needs. */
export interface FixtureExpectation {
  homeXg: number;
  awayXg: number;
  /** Dixon-Coles rho; 0 for Poisson ratings. */
  rho: number;
}

/**
 * Expected goals (per match, 90 minutes) for `homeTeam` at home to `awayTeam`.
 * On neutral ground the home advantage is left out; behind closed doors
 * (`closedDoors`) both sides score about the level halfway between home and away,
 * the home side ahead by the closed-doors home advantage.
 *
 * @throws InputError "ratings.unknown_team" when either team has no rating.
 */
export function expectedGoals(ratings: Ratings, homeTeam: string, awayTeam: string, neutral = false, closedDoors = false): FixtureExpectation {
  const rating = (team: string): TeamRating => {
    const r = Object.prototype.hasOwnProperty.call(ratings.teams, team) ? ratings.teams[team] : undefined;
    if (!r) {
      const known = Object.keys(ratings.teams).join(", ");
      throw new InputError("ratings.unknown_team", `no rating for team "${team}"; rated teams: ${known}`, { team });
    }
    return r;
  };
  const home = rating(homeTeam), away = rating(awayTeam);
  const [homeEdge, awayEdge, closedEdge] = neutral ? [0, 0, 0] : closedDoors ? [0.5, 0.5, 0.5] : [1, 0, 0];
  const closedHome = ratings.closedDoorsHomeAdvantage * closedEdge;
  return {
    homeXg: Math.exp(ratings.intercept + ratings.homeAdvantage * homeEdge + closedHome + home.attack - away.defence),
    awayXg: Math.exp(ratings.intercept + ratings.homeAdvantage * awayEdge - closedHome + away.attack - home.defence),
    rho: ratings.rho ?? 0,
  };
}
