import { readFileSync } from "node:fs";
import { createFlatPrices, preMatchState, priceAll, priceFlat } from "@pricing/core/markets/index";
import { poissonPmf, scoreGrid } from "@pricing/core/models/football/grid";
import { poissonPmfReference } from "@pricing/core/models/football/poisson";
import { parseFootballData } from "@pricing/core/models/football/csv";
import { fitRatings } from "@pricing/core/models/football/ratings";
import type { BenchSection } from "./harness";

// Arsenal-Fulham, the Dixon-Coles reference match (goalmodel's figures, README "The models").
const HOME_XG = 2.117914;
const AWAY_XG = 1.025718;
const RHO = -0.1335741;

const preMatch = preMatchState(HOME_XG, AWAY_XG, RHO);
const inPlay = { ...preMatch, score: { home: 1, away: 0 } };
const flat = createFlatPrices();
const pmf = new Float64Array(18);

/** Pricing every market group of one match: ~216 selection prices in 81 markets. */
export const corePricing: BenchSection = {
  id: "core-pricing",
  title: "Core pricing (one match, every market group)",
  cases: [
    { name: "pre-match, grids + every group as `MarketPrice` objects (`priceAll(preMatchState(...))`)", fn: () => priceAll(preMatchState(HOME_XG, AWAY_XG, RHO)), iterations: 100_000 },
    { name: "pre-match, grids + every group, flat path (`priceFlat(preMatchState(...), out)`)", fn: () => priceFlat(preMatchState(HOME_XG, AWAY_XG, RHO), flat), iterations: 100_000 },
    { name: "grids only: full-time Dixon-Coles + first-half Poisson (`preMatchState`)", fn: () => preMatchState(HOME_XG, AWAY_XG, RHO), iterations: 100_000 },
    { name: "full-time Dixon-Coles grid only (`scoreGrid`)", fn: () => scoreGrid(HOME_XG, AWAY_XG, RHO), iterations: 100_000 },
    { name: "derivation only, flat path, pre-match state (`priceFlat`)", fn: () => priceFlat(preMatch, flat), iterations: 200_000 },
    { name: "derivation only, `MarketPrice` objects, pre-match state (`priceAll`)", fn: () => priceAll(preMatch), iterations: 100_000 },
    { name: "derivation only, flat path, in play at 1-0 (some markets decided)", fn: () => priceFlat(inPlay, flat), iterations: 200_000 },
    { name: "Poisson pmf, 18 goals, recurrence (`poissonPmf`, the hot path)", fn: () => poissonPmf(HOME_XG, 18, pmf), iterations: 500_000 },
    { name: "Poisson pmf, 18 goals, jstat (`poissonPmfReference`)", fn: () => poissonPmfReference(HOME_XG, 18), iterations: 50_000 },
  ],
};

const season = parseFootballData(readFileSync(new URL("../data/football-data/E0_1112.csv", import.meta.url), "utf8")).matches;

/** Ratings fit: one EPL season (E0_1112, 380 matches, 20 teams), xi = 0, from parsed matches. */
export const ratingsFit: BenchSection = {
  id: "ratings-fit",
  title: "Ratings fit (EPL 2011/12 season, 380 matches, 20 teams)",
  cases: [
    { name: "Poisson season fit (42 parameters; L-BFGS, analytic gradient)", fn: () => fitRatings(season, { model: "poisson" }), iterations: 300 },
    { name: "Dixon-Coles season fit (43 parameters; L-BFGS, analytic gradient)", fn: () => fitRatings(season, { model: "dixon-coles" }), iterations: 300 },
  ],
};

/** What `npm run bench` runs, in order; each section is a table of BENCHMARKS.md. */
export const SECTIONS: BenchSection[] = [corePricing, ratingsFit];
