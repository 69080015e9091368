/**
 * From market prices to expected goals: the home and away expected goals (and, with a
 * totals market, the Dixon-Coles rho) whose score grid reproduces de-margined market
 * probabilities. Solved by Levenberg-Marquardt on the free probabilities of the
 * markets, so an over-determined set (1X2 plus over/under with rho fixed) gets the
 * least-squares fit and an unreachable one still returns its closest grid.
 */
import { InputError, requireFinite } from "../../../errors";
import { MAX_EXPECTED_GOALS, rhoBounds, scoreGrid, type ScoreGrid } from "./grid";
import { findRoot } from "../../../math/optimize";

export interface MarketProbabilities {
  /** De-margined match result: home win, draw, away win (summing to 1). */
  matchResult: readonly [number, number, number];
  /** De-margined total goals over / under 2.5 (summing to 1). */
  overUnder25?: readonly [number, number];
}

export interface InvertOptions {
  /** Dixon-Coles rho held fixed (default 0, independent Poisson); ignored when fitRho. */
  rho?: number;
  /** Solve rho as well: needs overUnder25, three prices for three unknowns. */
  fitRho?: boolean;
}

export interface InvertResult {
  homeXg: number;
  awayXg: number;
  rho: number;
  /** Root sum of squares of (model - market) over the free probabilities fitted. */
  residual: number;
  /** The markets as the solved grid prices them. */
  fitted: { matchResult: [number, number, number]; overUnder25: [number, number] };
  iterations: number;
}

const MIN_XG = 0.01;
const STEP = 1e-6;

/** Home win, draw, away win and over 2.5 probabilities of a grid. */
export function gridMarkets(grid: ScoreGrid): { home: number; draw: number; away: number; over25: number } {
  const { size, p } = grid;
  let home = 0, draw = 0, away = 0, under = 0;
  for (let h = 0; h < size; h++) {
    for (let a = 0; a < size; a++) {
      const v = p[h * size + a];
      if (h > a) home += v; else if (h === a) draw += v; else away += v;
      if (h + a <= 2) under += v;
    }
  }
  return { home, draw, away, over25: 1 - under };
}

function checkMarket(name: string, probabilities: readonly number[] | undefined, size: number): void {
  const ok = Array.isArray(probabilities) && probabilities.length === size
    && probabilities.every((p) => typeof p === "number" && p > 0 && p < 1)
    && Math.abs(probabilities.reduce<number>((s, p: number) => s + p, 0) - 1) <= 1e-6;
  if (!ok) {
    throw new InputError("invert.invalid_probabilities", `${name} needs ${size} de-margined probabilities in (0, 1) summing to 1, got ${JSON.stringify(probabilities)}`);
  }
}

/** Total expected goals of a Poisson count whose P(N <= 2) is `under`. */
function poissonTotalFor(under: number): number {
  const f = (t: number) => Math.exp(-t) * (1 + t + (t * t) / 2) - under;
  return findRoot(f, 1e-6, 2 * MAX_EXPECTED_GOALS, 1e-10).root;
}

/** Solves the small symmetric system A d = b by Gaussian elimination with partial pivoting. */
function solveLinear(a: number[][], b: number[]): number[] | null {
  const n = b.length, m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
    if (!(Math.abs(m[pivot][c]) > 1e-300)) return null;
    [m[c], m[pivot]] = [m[pivot], m[c]];
    for (let r = c + 1; r < n; r++) {
      const k = m[r][c] / m[c][c];
      for (let j = c; j <= n; j++) m[r][j] -= k * m[c][j];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r][n];
    for (let j = r + 1; j < n; j++) s -= m[r][j] * x[j];
    x[r] = s / m[r][r];
  }
  return x;
}

/** Log expected goals near a guess, pulled inside the region where rho keeps every score probability positive. */
function feasibleStart(homeXg: number, awayXg: number, rho: number): number[] {
  let h = Math.min(Math.max(homeXg, 0.05), 10), a = Math.min(Math.max(awayXg, 0.05), 10);
  if (rho < 0) {
    h = Math.min(h, -0.9 / rho);
    a = Math.min(a, -0.9 / rho);
  } else if (rho > 0 && h * a > 0.9 / rho) {
    const shrink = Math.sqrt(0.9 / rho / (h * a));
    h *= shrink;
    a *= shrink;
  }
  return [Math.log(h), Math.log(a)];
}

type Residuals = (theta: number[]) => number[] | null;

/** Expected goals and rho from log expected goals (and rho, when free); null outside the feasible region. */
function modelAt(theta: number[], rho: number | "free") {
  const homeXg = Math.exp(theta[0]), awayXg = Math.exp(theta[1]);
  if (!(homeXg >= MIN_XG && homeXg <= MAX_EXPECTED_GOALS && awayXg >= MIN_XG && awayXg <= MAX_EXPECTED_GOALS)) return null;
  const r = rho === "free" ? theta[2] : rho;
  const bounds = rhoBounds(homeXg, awayXg);
  if (r !== 0 && !(r > bounds.min && r < bounds.max)) return null;
  return { homeXg, awayXg, rho: r, markets: gridMarkets(scoreGrid(homeXg, awayXg, r)) };
}

/** Model minus market for home win, away win and (when given) over 2.5. */
function residualsFor(targets: number[], rho: number | "free"): Residuals {
  return (theta) => {
    const m = modelAt(theta, rho);
    if (!m) return null;
    const model = [m.markets.home, m.markets.away, m.markets.over25];
    return targets.map((t, i) => model[i] - t);
  };
}

/** Levenberg-Marquardt with a central-difference Jacobian; returns the best theta found. */
function levenbergMarquardt(residuals: Residuals, start: number[]): { theta: number[]; iterations: number } {
  let theta = start, r = residuals(theta)!;
  let cost = r.reduce((s, v) => s + v * v, 0), damping = 1e-3, iterations = 0;
  for (; iterations < 200 && cost > 1e-30; iterations++) {
    const jac = theta.map((_, j) => {
      const up = [...theta], down = [...theta];
      up[j] += STEP; down[j] -= STEP;
      const ru = residuals(up), rd = residuals(down);
      if (ru && rd) return ru.map((v, i) => (v - rd[i]) / (2 * STEP));
      if (ru || rd) return (ru ?? rd)!.map((v, i) => ((v - r[i]) / STEP) * (ru ? 1 : -1));
      return r.map(() => 0);
    });
    const jtj = theta.map((_, i) => theta.map((_, j) => jac[i].reduce((s, v, k) => s + v * jac[j][k], 0)));
    const jtr = theta.map((_, i) => -jac[i].reduce((s, v, k) => s + v * r[k], 0));
    let improved = false;
    while (damping < 1e12) {
      const step = solveLinear(jtj.map((row, i) => row.map((v, j) => (i === j ? v * (1 + damping) + 1e-15 : v))), jtr);
      const next = step && theta.map((t, i) => t + step[i]);
      const rn = next && residuals(next);
      const costNext = rn ? rn.reduce((s, v) => s + v * v, 0) : Infinity;
      if (costNext < cost) {
        const moved = Math.max(...step!.map(Math.abs));
        theta = next!; r = rn!; cost = costNext; damping = Math.max(damping / 10, 1e-12); improved = true;
        if (moved < 1e-13) return { theta, iterations: iterations + 1 };
        break;
      }
      damping *= 10;
    }
    if (!improved) break;
  }
  return { theta, iterations };
}

/**
 * Expected goals (per match) for each side, and rho, that reproduce de-margined market
 * probabilities through the score grid.
 *
 * - 1X2 only: solves home and away expected goals with rho held (default 0); exact
 *   whenever the prices are reachable.
 * - 1X2 and over/under 2.5: with `fitRho`, solves both expected goals and rho from the
 *   three free probabilities (home, away, over); otherwise the least-squares fit of
 *   the two expected goals to the three.
 *
 * @throws InputError "invert.invalid_probabilities" for probabilities outside (0, 1) or not
 *   summing to 1; "invert.underdetermined" for fitRho without a totals market;
 *   "grid.invalid_rho" for a fixed rho outside [-1, 1].
 */
export function expectedGoalsFromMarkets(markets: MarketProbabilities, options: InvertOptions = {}): InvertResult {
  checkMarket("the match result market", markets.matchResult, 3);
  const totals = markets.overUnder25;
  if (totals !== undefined) checkMarket("the over/under 2.5 market", totals, 2);
  const fitRho = options.fitRho ?? false;
  if (fitRho && !totals) {
    throw new InputError("invert.underdetermined", "solving rho needs an over/under 2.5 price as well as the match result");
  }
  const fixedRho = options.rho ?? 0;
  scoreGrid(1, 1, fixedRho);
  const [home, , away] = markets.matchResult;

  const targets = [home, away, ...(totals ? [totals[0]] : [])];
  const total = totals ? poissonTotalFor(totals[1]) : 2.6;
  const supremacy = Math.log((home + 0.1) / (away + 0.1)) * 0.6;
  // Continuation, each stage starting where the last ended: the match result at rho = 0
  // (two prices, two unknowns, no feasibility edge), then at the fixed rho, then with
  // the totals price. A joint first step from a rough guess can slide into a poor
  // least-squares valley or stall on the edge of rho's feasible region.
  let { theta, iterations } = levenbergMarquardt(
    residualsFor(targets.slice(0, 2), 0),
    feasibleStart((total / 2) * Math.exp(supremacy), (total / 2) * Math.exp(-supremacy), 0),
  );
  const stage = (residuals: Residuals, start: number[]) => {
    const next = levenbergMarquardt(residuals, start);
    theta = next.theta;
    iterations += next.iterations;
  };
  if (!fitRho && fixedRho !== 0) {
    const start = feasibleStart(Math.exp(theta[0]), Math.exp(theta[1]), fixedRho);
    if (!residualsFor(targets, fixedRho)(start)) {
      throw new InputError("invert.invalid_rho", `rho ${fixedRho} makes a negative score probability for these prices; use a rho nearer 0`);
    }
    stage(residualsFor(targets.slice(0, 2), fixedRho), start);
  }
  if (totals) stage(residualsFor(targets, fitRho ? "free" : fixedRho), fitRho ? [...theta, 0] : theta);
  const r = residualsFor(targets, fitRho ? "free" : fixedRho)(theta)!;
  const solved = modelAt(theta, fitRho ? "free" : fixedRho)!;
  return {
    homeXg: solved.homeXg,
    awayXg: solved.awayXg,
    rho: solved.rho,
    residual: Math.sqrt(r.reduce((s, v) => s + v * v, 0)),
    fitted: {
      matchResult: [solved.markets.home, solved.markets.draw, solved.markets.away],
      overUnder25: [solved.markets.over25, 1 - solved.markets.over25],
    },
    iterations,
  };
}

/** rho = rho + rhoPerGap * |P(home) - P(away)|: the rho a 1X2-only inversion holds. */
export interface MarketInversionParams {
  /** rho between equal sides. */
  rho: number;
  /** Change in rho per unit of |P(home win) - P(away win)|. */
  rhoPerGap: number;
}

/**
 * The rho a 1X2 price alone is inverted at, live and in the backtest alike. 1X2 has
 * two free probabilities, so with rho held the inversion gives both sides' expected
 * goals exactly; the total comes from the draw price through the grid's draw-to-total
 * relation, and rho sets that relation (a more negative rho inflates 0-0 and 1-1, so
 * the same draw price needs more goals). rho = 0 puts far too few goals in a match
 * (2.10/3.40/3.60: over 2.5 at 39.6% where Pinnacle's own over/under says 49.3%); a
 * fixed -0.13 (the Dixon-Coles fit) too many; a single rho fits the average but not
 * the slope (the market prices more draws in mismatches than independent scoring
 * does). So rho rises linearly with the gap between the home and away win
 * probabilities. Both coefficients were tuned on Pinnacle's closing prices of the EPL
 * 2012/13 to 2018/19 (walk forward; the backtest's search, see BENCHMARKS.md) and
 * scored on 2019/20 to 2021/22.
 */
export const MARKET_INVERSION: MarketInversionParams = { rho: -0.125, rhoPerGap: 0.13 };

/** The rho the inversion holds for a de-margined 1X2. */
export function marketRho(matchResult: readonly [number, number, number], params: MarketInversionParams = MARKET_INVERSION): number {
  requireFinite("invert.invalid_option", "the market rho", params.rho, -1, 1);
  requireFinite("invert.invalid_option", "the market rho per gap", params.rhoPerGap, -1, 1);
  return params.rho + params.rhoPerGap * Math.abs(matchResult[0] - matchResult[2]);
}

/**
 * Whole-match expected goals and rho from de-margined market prices: the one inversion
 * the live engine, the `price` command and the backtest share.
 *
 * - 1X2 and over/under 2.5: both expected goals and rho solved from the three prices.
 * - 1X2 alone: both expected goals at the rho of `marketRho`. Should that rho make a
 *   negative score probability for the solved expected goals (only for extreme
 *   prices), it is pulled halfway towards 0 and the inversion repeated.
 *
 * @throws InputError "invert.invalid_probabilities" for probabilities outside (0, 1) or not summing to 1.
 */
export function marketExpectedGoals(
  markets: MarketProbabilities,
  params: MarketInversionParams = MARKET_INVERSION,
): { homeXg: number; awayXg: number; rho: number } {
  if (markets.overUnder25 !== undefined) {
    const fit = expectedGoalsFromMarkets(markets, { fitRho: true });
    return { homeXg: fit.homeXg, awayXg: fit.awayXg, rho: fit.rho };
  }
  const { matchResult } = markets;
  let rho = marketRho(matchResult, params);
  for (let attempt = 0; ; attempt++) {
    try {
      const solved = expectedGoalsFromMarkets({ matchResult }, { rho });
      const { min, max } = rhoBounds(solved.homeXg, solved.awayXg);
      if (rho === 0 || (rho > min && rho < max)) return { homeXg: solved.homeXg, awayXg: solved.awayXg, rho };
    } catch (error) {
      if (attempt >= 8 || !(error instanceof Error && "code" in error && error.code === "invert.invalid_rho")) throw error;
    }
    rho = attempt >= 8 ? 0 : rho / 2;
  }
}
