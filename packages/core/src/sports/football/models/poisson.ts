import jstat from "jstat";

const { jStat } = jstat;

/**
 * Poisson probabilities P(X = k) for k < n from jstat, the reference implementation.
 * The score grid uses the recurrence p(k+1) = p(k) * mean / (k+1) of `poissonPmf`
 * (grid.ts) on the hot path instead: the benchmark measures it many times faster
 * (`npm run bench`), and test/core/grid.test.ts holds the two to 1e-12 of each other.
 */
export function poissonPmfReference(mean: number, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) out[k] = jStat.poisson.pdf(k, mean);
  return out;
}
