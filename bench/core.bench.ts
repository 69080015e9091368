import { availableParallelism, cpus } from "node:os";
import { runSections, type BenchSection } from "./harness";
import { createFlatPrices, preMatchState, priceAll, priceFlat } from "../packages/core/src/markets/index";
import { poissonPmf, scoreGrid } from "../packages/core/src/models/football/grid";
import { poissonPmfReference } from "../packages/core/src/models/football/poisson";
import { readFileSync } from "node:fs";
import { parseFootballData } from "../packages/core/src/models/football/csv";
import { fitRatings } from "../packages/core/src/models/football/ratings";

// Arsenal-Fulham, the Dixon-Coles reference match (see DESIGN.md).
const HOME_XG = 2.117914;
const AWAY_XG = 1.025718;
const RHO = -0.1335741;

const preMatch = preMatchState(HOME_XG, AWAY_XG, RHO);
const inPlay = { ...preMatch, score: { home: 1, away: 0 } };
const flat = createFlatPrices();
const pmf = new Float64Array(18);

/** Pricing every market group of one match: ~216 selection prices in 81 markets. */
export const corePricing: BenchSection = {
  title: "Core pricing (one match, every market group)",
  cases: [
    { name: "pre-match: grids + every group as MarketPrice objects", fn: () => priceAll(preMatchState(HOME_XG, AWAY_XG, RHO)), iterations: 100_000 },
    { name: "pre-match: grids + every group, flat path", fn: () => priceFlat(preMatchState(HOME_XG, AWAY_XG, RHO), flat), iterations: 100_000 },
    { name: "grids only (full time + first half, preMatchState)", fn: () => preMatchState(HOME_XG, AWAY_XG, RHO), iterations: 100_000 },
    { name: "full-time Dixon-Coles grid only (scoreGrid)", fn: () => scoreGrid(HOME_XG, AWAY_XG, RHO), iterations: 100_000 },
    { name: "derivation only, flat path (pre-match state)", fn: () => priceFlat(preMatch, flat), iterations: 200_000 },
    { name: "derivation only, MarketPrice objects (pre-match state)", fn: () => priceAll(preMatch), iterations: 100_000 },
    { name: "derivation only, flat path (in play at 1-0)", fn: () => priceFlat(inPlay, flat), iterations: 200_000 },
    { name: "Poisson pmf, 18 goals: recurrence (poissonPmf, the hot path)", fn: () => poissonPmf(HOME_XG, 18, pmf), iterations: 500_000 },
    { name: "Poisson pmf, 18 goals: jstat (poissonPmfReference)", fn: () => poissonPmfReference(HOME_XG, 18), iterations: 50_000 },
  ],
};

const season = parseFootballData(readFileSync(new URL("../data/football-data/E0_1112.csv", import.meta.url), "utf8")).matches;

/** Ratings fit: one EPL season (E0_1112, 380 matches, 20 teams), xi = 0, from parsed matches. */
export const ratingsFit: BenchSection = {
  title: "Ratings fit (EPL 2011/12 season, 380 matches, 20 teams)",
  cases: [
    { name: "Poisson season fit (L-BFGS, analytic gradient)", fn: () => fitRatings(season, { model: "poisson" }), iterations: 300 },
    { name: "Dixon-Coles season fit (L-BFGS, analytic gradient)", fn: () => fitRatings(season, { model: "dixon-coles" }), iterations: 300 },
  ],
};

const sections: BenchSection[] = [corePricing, ratingsFit];

console.log(`# Benchmarks: node ${process.version}, ${availableParallelism()} cores, ${cpus()[0]?.model ?? "unknown CPU"}`);
runSections(sections);
