/**
 * Team ratings by maximum likelihood: the Poisson model (Maher 1982) and the
 * Dixon-Coles model (Dixon and Coles 1997), with time-decay weights and an optional
 * ridge penalty, fitted by L-BFGS on the analytic gradient.
 */
import { InputError, requireFinite } from "../../errors";
import { minimizeLbfgs } from "./optimize";
import {
  HOME, INTERCEPT, attackIndex, defenceIndex, logLikelihood, packMatches, penalisedObjective, rhoIndex,
  type LikelihoodData,
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
  }));
  return { names, data: packMatches(names.length, rows), referenceDate: new Date(reference * DAY_MS).toISOString().slice(0, 10) };
}

/** Starting point: league-average scoring, a home edge from the home/away goal ratio, equal teams. */
function startingPoint(data: LikelihoodData, dixonColes: boolean): Float64Array {
  const x = new Float64Array(2 + 2 * data.teams + (dixonColes ? 1 : 0));
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
  const dixonColes = model === "dixon-coles";
  const result = minimizeLbfgs(penalisedObjective(data, dixonColes, ridge), startingPoint(data, dixonColes), {
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
 * On neutral ground the home advantage is left out.
 *
 * @throws InputError "ratings.unknown_team" when either team has no rating.
 */
export function expectedGoals(ratings: Ratings, homeTeam: string, awayTeam: string, neutral = false): FixtureExpectation {
  const rating = (team: string): TeamRating => {
    const r = Object.prototype.hasOwnProperty.call(ratings.teams, team) ? ratings.teams[team] : undefined;
    if (!r) {
      const known = Object.keys(ratings.teams).join(", ");
      throw new InputError("ratings.unknown_team", `no rating for team "${team}"; rated teams: ${known}`, { team });
    }
    return r;
  };
  const home = rating(homeTeam), away = rating(awayTeam);
  const edge = neutral ? 0 : ratings.homeAdvantage;
  return {
    homeXg: Math.exp(ratings.intercept + edge + home.attack - away.defence),
    awayXg: Math.exp(ratings.intercept + away.attack - home.defence),
    rho: ratings.rho ?? 0,
  };
}
