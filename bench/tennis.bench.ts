import { availableParallelism, cpus } from "node:os";
import { runSections, type BenchSection } from "./harness";
import {
  matchDistribution, parseScore, priceMatch, serveTables, startingScore, type MatchRules, type ServeStrength,
} from "@pricing/core/sports/tennis/index";

// The CLI's example: A wins 66% of points on serve, B 62%.
const BO3: MatchRules = { bestOf: 3, finalSet: "tiebreak7", noAd: false };
const BO5: MatchRules = { bestOf: 5, finalSet: "tiebreak10", noAd: false };
const IID: ServeStrength = { sum: 1.28, difference: 0.04, spread: 0 };
const MIXTURE: ServeStrength = { sum: 1.28, difference: 0.04, spread: 0.07 };
const MIXTURE_SUM: ServeStrength = { sum: 1.28, difference: 0.04, spread: 0.07, sumSpread: 0.07 };
const inPlay3 = parseScore("6-4 3-2 30-15", "a", BO3);
const inPlay5 = parseScore("6-4 3-6 3-2 30-15", "a", BO5);
const tables = serveTables(0.66, 0.62);

/** Every market of one state: ~40 markets, ~100 selections (fair prices). Serve tables are memoized per (pA, pB). */
export const tennisPricing: BenchSection = {
  title: "Tennis pricing (one state, every market)",
  cases: [
    { name: "iid, best of 3, pre-match, first server given", fn: () => priceMatch({ strength: IID, rules: BO3, firstServer: "a" }), iterations: 50_000 },
    { name: "iid, best of 3, in play (6-4 3-2 30-15)", fn: () => priceMatch({ strength: IID, rules: BO3, score: inPlay3 }), iterations: 50_000 },
    { name: "iid, best of 5, in play (6-4 3-6 3-2 30-15)", fn: () => priceMatch({ strength: IID, rules: BO5, score: inPlay5 }), iterations: 20_000 },
    { name: "mixture (7 strengths), best of 3, pre-match, coin toss", fn: () => priceMatch({ strength: MIXTURE, rules: BO3 }), iterations: 5_000 },
    { name: "mixture (7 strengths), best of 3, in play (Bayes update)", fn: () => priceMatch({ strength: MIXTURE, rules: BO3, score: inPlay3 }), iterations: 5_000 },
    { name: "mixture (21 strengths, sum spread too), best of 3, in play", fn: () => priceMatch({ strength: MIXTURE_SUM, rules: BO3, score: inPlay3 }), iterations: 2_000 },
    { name: "mixture (21 strengths, sum spread too), best of 3, pre-match", fn: () => priceMatch({ strength: MIXTURE_SUM, rules: BO3 }), iterations: 2_000 },
    { name: "match distribution only, iid, best of 3, pre-match", fn: () => matchDistribution(tables, BO3, startingScore("a")), iterations: 50_000 },
  ],
};

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`# Tennis benchmarks: node ${process.version}, ${cpus()[0]?.model ?? "cpu"}, ${availableParallelism()} cores`);
  runSections([tennisPricing]);
}
