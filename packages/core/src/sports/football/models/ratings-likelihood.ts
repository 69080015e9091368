/**
 * The ratings likelihood in flat form: matches as typed arrays of team indices, goals
 * and weights, so one evaluation of the objective and its analytic gradient is a single
 * loop with no allocation. Parameter layout (length 3 + 2n, plus 1 for Dixon-Coles):
 *
 *   [intercept, home, closedHome, attack_0 .. attack_{n-1}, defence_0 .. defence_{n-1}, rho]
 *
 * with log lambda_home = intercept + home * homeEdge + closedHome * closedEdge + attack_h - defence_a and
 *      log lambda_away = intercept + home * awayEdge - closedHome * closedEdge + attack_a - defence_h,
 * edges 1, 0 and 0 for a match with a crowd; 1/2, 1/2 and 1/2 behind closed doors,
 * where both sides score about the level halfway between home and away and the home
 * side's edge over the away side is closedHome, the home advantage without a crowd.
 */
import type { Objective } from "../../../math/optimize";

export interface LikelihoodData {
  /** Number of teams n. */
  teams: number;
  home: Int32Array;
  away: Int32Array;
  homeGoals: Float64Array;
  awayGoals: Float64Array;
  /** Time-decay weight of each match. */
  weight: Float64Array;
  /** Share of the home advantage on the home side's log rate: 1 with a crowd, 1/2 behind closed doors. */
  homeEdge: Float64Array;
  /** Share on the away side's: 0 with a crowd, 1/2 behind closed doors. */
  awayEdge: Float64Array;
  /** Share of the closed-doors home advantage added to the home side's log rate and taken from the away side's: 1/2 behind closed doors, else 0. */
  closedEdge: Float64Array;
  /** 0 unless the score is one Dixon-Coles adjusts: 1 for 0-0, 2 for 0-1, 3 for 1-0, 4 for 1-1. */
  lowScore: Uint8Array;
  /** Sum of weight * (log homeGoals! + log awayGoals!), the data-only part of the likelihood. */
  logFactorials: number;
}

export const INTERCEPT = 0;
export const HOME = 1;
export const CLOSED_HOME = 2;
export const attackIndex = (team: number): number => 3 + team;
export const defenceIndex = (teams: number, team: number): number => 3 + teams + team;
export const rhoIndex = (teams: number): number => 3 + 2 * teams;
/** Parameters of a fit of `teams` teams. */
export const parameterCount = (teams: number, dixonColes: boolean): number => 3 + 2 * teams + (dixonColes ? 1 : 0);

function logFactorial(k: number): number {
  let s = 0;
  for (let i = 2; i <= k; i++) s += Math.log(i);
  return s;
}

function lowScoreCode(homeGoals: number, awayGoals: number): number {
  if (homeGoals > 1 || awayGoals > 1) return 0;
  return 1 + 2 * homeGoals + awayGoals;
}

/** Packs matches given as team indices, goals and weights into typed arrays. */
export function packMatches(
  teams: number,
  rows: ReadonlyArray<{ home: number; away: number; homeGoals: number; awayGoals: number; weight: number; closedDoors?: boolean }>,
): LikelihoodData {
  const n = rows.length;
  const data: LikelihoodData = {
    teams,
    home: new Int32Array(n),
    away: new Int32Array(n),
    homeGoals: new Float64Array(n),
    awayGoals: new Float64Array(n),
    weight: new Float64Array(n),
    homeEdge: new Float64Array(n),
    awayEdge: new Float64Array(n),
    closedEdge: new Float64Array(n),
    lowScore: new Uint8Array(n),
    logFactorials: 0,
  };
  rows.forEach((r, i) => {
    data.home[i] = r.home;
    data.away[i] = r.away;
    data.homeGoals[i] = r.homeGoals;
    data.awayGoals[i] = r.awayGoals;
    data.weight[i] = r.weight;
    data.homeEdge[i] = r.closedDoors ? 0.5 : 1;
    data.awayEdge[i] = r.closedDoors ? 0.5 : 0;
    data.closedEdge[i] = r.closedDoors ? 0.5 : 0;
    data.lowScore[i] = lowScoreCode(r.homeGoals, r.awayGoals);
    data.logFactorials += r.weight * (logFactorial(r.homeGoals) + logFactorial(r.awayGoals));
  });
  return data;
}

/**
 * The weighted log-likelihood of the Poisson (dixonColes false) or Dixon-Coles model,
 * including the -log k! terms. Writes d(log-likelihood)/d(parameter) into `grad`
 * (zeroed first). Returns -Infinity where rho leaves (-1, 1), the range score grids
 * accept, or makes a Dixon-Coles factor non-positive.
 */
export function logLikelihood(data: LikelihoodData, dixonColes: boolean, x: Float64Array, grad: Float64Array): number {
  const n = data.teams;
  const { home, away, homeGoals, awayGoals, weight, lowScore, homeEdge, awayEdge, closedEdge } = data;
  const intercept = x[INTERCEPT], homeAdvantage = x[HOME], closedHome = x[CLOSED_HOME];
  const rho = dixonColes ? x[rhoIndex(n)] : 0;
  if (!(rho > -1 && rho < 1)) return -Infinity;
  grad.fill(0);
  let total = 0, gradRho = 0;
  for (let m = 0; m < home.length; m++) {
    const h = home[m], a = away[m], w = weight[m];
    const edgeHome = homeEdge[m], edgeAway = awayEdge[m], edgeClosed = closedEdge[m];
    const etaHome = intercept + homeAdvantage * edgeHome + closedHome * edgeClosed + x[3 + h] - x[3 + n + a];
    const etaAway = intercept + homeAdvantage * edgeAway - closedHome * edgeClosed + x[3 + a] - x[3 + n + h];
    const lh = Math.exp(etaHome), la = Math.exp(etaAway);
    const yh = homeGoals[m], ya = awayGoals[m];
    let ll = yh * etaHome - lh + ya * etaAway - la;
    let rh = yh - lh, ra = ya - la;
    const code = dixonColes ? lowScore[m] : 0;
    if (code !== 0) {
      let tau: number, dTau: number;
      if (code === 1) {
        tau = 1 - lh * la * rho; dTau = -lh * la;
        rh += (dTau * rho) / tau; ra += (dTau * rho) / tau;
      } else if (code === 2) {
        tau = 1 + lh * rho; dTau = lh;
        rh += (lh * rho) / tau;
      } else if (code === 3) {
        tau = 1 + la * rho; dTau = la;
        ra += (la * rho) / tau;
      } else {
        tau = 1 - rho; dTau = -1;
      }
      if (!(tau > 0)) return -Infinity;
      ll += Math.log(tau);
      gradRho += (w * dTau) / tau;
    }
    total += w * ll;
    const wh = w * rh, wa = w * ra;
    grad[INTERCEPT] += wh + wa;
    grad[HOME] += wh * edgeHome + wa * edgeAway;
    grad[CLOSED_HOME] += (wh - wa) * edgeClosed;
    grad[3 + h] += wh;
    grad[3 + n + a] -= wh;
    grad[3 + a] += wa;
    grad[3 + n + h] -= wa;
  }
  if (dixonColes) grad[rhoIndex(n)] = gradRho;
  return total - data.logFactorials;
}

/** A normal prior on one parameter, as its mean and precision (1 / variance). */
export interface NormalPrior {
  mean: number;
  precision: number;
}

/**
 * The objective minimised by the fit: minus the log-likelihood plus a ridge penalty
 * (ridge / 2) * sum((rating - prior mean)^2) over attacks and defences; the prior means
 * (laid out as attacks then defences, 2n values) default to 0, the league average.
 * With `homePrior` and `closedHomePrior`, normal priors on the home advantage with a
 * crowd and behind closed doors as well.
 */
export function penalisedObjective(
  data: LikelihoodData,
  dixonColes: boolean,
  ridge: number,
  priorMeans?: Float64Array,
  homePrior?: NormalPrior,
  closedHomePrior?: NormalPrior,
): Objective {
  const n = data.teams;
  return (x, grad) => {
    const ll = logLikelihood(data, dixonColes, x, grad);
    let penalty = 0;
    for (let i = 0; i < grad.length; i++) grad[i] = -grad[i];
    for (const [index, prior] of [[HOME, homePrior], [CLOSED_HOME, closedHomePrior]] as const) {
      if (!prior) continue;
      const d = x[index] - prior.mean;
      penalty += 0.5 * prior.precision * d * d;
      grad[index] += prior.precision * d;
    }
    if (ridge > 0) {
      for (let i = 3; i < 3 + 2 * n; i++) {
        const d = x[i] - (priorMeans ? priorMeans[i - 3] : 0);
        penalty += 0.5 * ridge * d * d;
        grad[i] += ridge * d;
      }
    }
    return -ll + penalty;
  };
}
