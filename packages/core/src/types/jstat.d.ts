// The part of jstat's API the core uses; the package ships no type declarations.
declare module "jstat" {
  interface DiscreteDistribution {
    pdf(k: number, ...params: number[]): number;
    cdf(k: number, ...params: number[]): number;
  }
  export const jStat: {
    poisson: DiscreteDistribution;
    /** log Γ(x). */
    gammaln(x: number): number;
  };
}
