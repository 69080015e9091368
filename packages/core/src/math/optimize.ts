/**
 * Numerical solvers for the football models: a bracketing root-finder (Brent) for
 * one-dimensional equations such as de-margining, and L-BFGS for the ratings
 * likelihood.
 *
 * Written here because nothing installed or on the registry fits: jstat has no root
 * finder and no quasi-Newton minimiser; fmin offers Nelder-Mead and conjugate
 * gradient but no L-BFGS; optimization-js's L-BFGS takes the value and the gradient as
 * two functions over plain arrays, so every trial point would cost two passes over the
 * matches. The ratings fit must take a few milliseconds, so the objective here returns
 * the value and writes the analytic gradient in one pass into typed arrays. Both
 * solvers are short and standard (Brent 1973; Nocedal and Wright, Numerical
 * Optimization, algorithm 7.4) and allocate nothing per iteration.
 */
import { InternalError } from "../errors";

/** Result of a bracketing root search. */
export interface RootResult {
  root: number;
  iterations: number;
}

/**
 * Brent's method: a root of `f` in [lo, hi], where f(lo) and f(hi) differ in sign.
 * Combines bisection (always converges) with secant and inverse quadratic
 * interpolation (fast near the root). Stops when the bracket is narrower than
 * `tolerance` (absolute, in the units of x).
 *
 * @throws InternalError "optimize.no_bracket" when f(lo) and f(hi) have the same sign.
 */
export function findRoot(
  f: (x: number) => number,
  lo: number,
  hi: number,
  tolerance = 1e-14,
  maxIterations = 200,
): RootResult {
  let a = lo, b = hi, fa = f(a), fb = f(b);
  if (fa === 0) return { root: a, iterations: 0 };
  if (fb === 0) return { root: b, iterations: 0 };
  if (!(fa * fb < 0)) {
    throw new InternalError("optimize.no_bracket", `no sign change in [${lo}, ${hi}]: f = ${fa}, ${fb}`);
  }
  let c = a, fc = fa, d = b - a, e = d;
  for (let i = 1; i <= maxIterations; i++) {
    if (fb * fc > 0) { c = a; fc = fa; d = b - a; e = d; }
    if (Math.abs(fc) < Math.abs(fb)) { a = b; b = c; c = a; fa = fb; fb = fc; fc = fa; }
    const tol = 2 * Number.EPSILON * Math.abs(b) + tolerance / 2;
    const m = (c - b) / 2;
    if (Math.abs(m) <= tol || fb === 0) return { root: b, iterations: i };
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      const s = fb / fa;
      let p: number, q: number;
      if (a === c) {
        p = 2 * m * s; q = 1 - s;
      } else {
        const qa = fa / fc, r = fb / fc;
        p = s * (2 * m * qa * (qa - r) - (b - a) * (r - 1));
        q = (qa - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q; else p = -p;
      if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) { e = d; d = p / q; }
      else { d = m; e = m; }
    } else { d = m; e = m; }
    a = b; fa = fb;
    b += Math.abs(d) > tol ? d : m > 0 ? tol : -tol;
    fb = f(b);
  }
  return { root: b, iterations: maxIterations };
}

/**
 * An objective for minimisation: returns f(x) and writes the gradient into `grad`.
 * It may return Infinity (or NaN) where x is infeasible; the line search then steps back.
 */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

export interface MinimizeOptions {
  /** Stop when the largest gradient component is below this. */
  gradientTolerance?: number;
  /** Stop when an iteration improves f by less than this, relative to max(|f|, 1). */
  valueTolerance?: number;
  maxIterations?: number;
  /** Number of correction pairs kept. */
  memory?: number;
}

export interface MinimizeResult {
  x: Float64Array;
  value: number;
  gradient: Float64Array;
  iterations: number;
  evaluations: number;
  converged: boolean;
}

function dot(a: Float64Array, b: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i] * b[i];
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

/** Workspace of the two-loop recursion: the last `memory` steps s and gradient changes y. */
class Corrections {
  readonly s: Float64Array[];
  readonly y: Float64Array[];
  readonly rho: Float64Array;
  readonly alpha: Float64Array;
  count = 0;
  next = 0;
  gamma = 1;
  constructor(readonly n: number, readonly memory: number) {
    this.s = Array.from({ length: memory }, () => new Float64Array(n));
    this.y = Array.from({ length: memory }, () => new Float64Array(n));
    this.rho = new Float64Array(memory);
    this.alpha = new Float64Array(memory);
  }

  /** Stores x1 - x0 and g1 - g0 when they keep the inverse Hessian positive definite. */
  push(x0: Float64Array, x1: Float64Array, g0: Float64Array, g1: Float64Array): void {
    const s = this.s[this.next], y = this.y[this.next];
    for (let i = 0; i < this.n; i++) { s[i] = x1[i] - x0[i]; y[i] = g1[i] - g0[i]; }
    const sy = dot(s, y, this.n), yy = dot(y, y, this.n);
    if (!(sy > 1e-12 * yy) || yy === 0) return;
    this.rho[this.next] = 1 / sy;
    this.gamma = sy / yy;
    this.next = (this.next + 1) % this.memory;
    this.count = Math.min(this.count + 1, this.memory);
  }

  /** Writes the search direction -H g into `d`. */
  direction(g: Float64Array, d: Float64Array): void {
    const { n, memory, s, y, rho, alpha } = this;
    for (let i = 0; i < n; i++) d[i] = -g[i];
    for (let k = 1; k <= this.count; k++) {
      const j = (this.next - k + memory) % memory;
      alpha[j] = rho[j] * dot(s[j], d, n);
      const yj = y[j];
      for (let i = 0; i < n; i++) d[i] -= alpha[j] * yj[i];
    }
    for (let i = 0; i < n; i++) d[i] *= this.gamma;
    for (let k = this.count; k >= 1; k--) {
      const j = (this.next - k + memory) % memory;
      const beta = rho[j] * dot(y[j], d, n);
      const sj = s[j];
      for (let i = 0; i < n; i++) d[i] += (alpha[j] - beta) * sj[i];
    }
  }
}

/**
 * Minimises a smooth function with an analytic gradient by limited-memory BFGS.
 * The line search enforces the weak Wolfe conditions by bisection and doubling
 * (Lewis and Overton), which keeps every stored correction pair positive definite.
 */
export function minimizeLbfgs(objective: Objective, x0: ArrayLike<number>, options: MinimizeOptions = {}): MinimizeResult {
  const { gradientTolerance = 1e-7, valueTolerance = 1e-13, maxIterations = 500, memory = 8 } = options;
  const n = x0.length;
  const x = Float64Array.from(x0), g = new Float64Array(n);
  const xNew = new Float64Array(n), gNew = new Float64Array(n), d = new Float64Array(n);
  const corrections = new Corrections(n, memory);
  let f = objective(x, g);
  let evaluations = 1;
  if (!Number.isFinite(f)) throw new InternalError("optimize.infeasible_start", `objective is ${f} at the start`);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    if (maxAbs(g) < gradientTolerance) return { x, value: f, gradient: g, iterations: iteration - 1, evaluations, converged: true };
    corrections.direction(g, d);
    let slope = dot(g, d, n);
    if (!(slope < 0)) {
      for (let i = 0; i < n; i++) d[i] = -g[i];
      slope = -dot(g, g, n);
      corrections.count = 0;
    }
    let step = corrections.count === 0 ? Math.min(1, 1 / maxAbs(g)) : 1;
    let lo = 0, hi = Infinity, fNew = NaN;
    for (let trial = 0; trial < 60; trial++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i] + step * d[i];
      fNew = objective(xNew, gNew);
      evaluations++;
      if (!(fNew <= f + 1e-4 * step * slope)) hi = step;
      else if (dot(gNew, d, n) < 0.9 * slope) lo = step;
      else break;
      step = hi < Infinity ? (lo + hi) / 2 : 2 * lo;
    }
    if (!(fNew <= f)) return { x, value: f, gradient: g, iterations: iteration, evaluations, converged: maxAbs(g) < 1e3 * gradientTolerance };
    corrections.push(x, xNew, g, gNew);
    const improvement = f - fNew;
    x.set(xNew); g.set(gNew); f = fNew;
    if (improvement <= valueTolerance * Math.max(Math.abs(f), 1)) {
      return { x, value: f, gradient: g, iterations: iteration, evaluations, converged: true };
    }
  }
  return { x, value: f, gradient: g, iterations: maxIterations, evaluations, converged: maxAbs(g) < gradientTolerance };
}

/**
 * The minimum of a function of one variable that is single-peaked on [lo, hi], by
 * golden-section search down to a bracket narrower than `tolerance`; the bracket's
 * midpoint. For the one-parameter likelihood fits (evidence and blend weights).
 */
export function goldenMin(loss: (x: number) => number, lo: number, hi: number, tolerance: number): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let x1 = hi - g * (hi - lo), x2 = lo + g * (hi - lo), f1 = loss(x1), f2 = loss(x2);
  while (hi - lo > tolerance) {
    if (f1 < f2) { hi = x2; x2 = x1; f2 = f1; x1 = hi - g * (hi - lo); f1 = loss(x1); }
    else { lo = x1; x1 = x2; f1 = f2; x2 = lo + g * (hi - lo); f2 = loss(x2); }
  }
  return (lo + hi) / 2;
}
