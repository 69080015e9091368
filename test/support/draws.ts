/** Count draws for tests that fit count models on synthetic data, from a unit source (`seededRandom(...).unit`). */

/** A Poisson draw by inversion. */
export function poisson(mean: number, u: () => number): number {
  let k = 0, p = Math.exp(-mean), cdf = p;
  const x = u();
  while (x > cdf && k < 1000) {
    k++;
    p *= mean / k;
    cdf += p;
  }
  return k;
}

/** A gamma(shape, 1) draw for shape >= 1 (Marsaglia and Tsang), normals by Box-Muller. */
export function gamma(shape: number, u: () => number): number {
  const d = shape - 1 / 3, c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
    const v = Math.pow(1 + c * z, 3);
    if (v > 0 && Math.log(1 - u()) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}
