import { readFileSync } from "node:fs";
import { createFlatPrices, preMatchState, priceAll, priceFlat } from "@pricing/core/sports/football/markets/index";
import { poissonPmf, scoreGrid } from "@pricing/core/sports/football/models/grid";
import { poissonPmfReference } from "@pricing/core/sports/football/models/poisson";
import { parseFootballData } from "@pricing/core/sports/football/models/csv";
import { fitRatings } from "@pricing/core/sports/football/models/ratings";
import {
  applyPoint, clearMatchCache, isOver, matchDistribution, parseScore, priceMatch, serveTables, startingScore, type MatchRules, type ServeStrength, type TennisScore,
} from "@pricing/core/sports/tennis/index";
import type { BenchSection } from "./harness";
import { priceCountGroup, type CountPricingState } from "@pricing/core/sports/football/markets/count-prices";
import { createCountFlatPrices, priceCountFlat, priceCountGroupFromGrids } from "@pricing/core/sports/football/markets/count-flat";
import { countGrids } from "@pricing/core/sports/football/markets/count-grids";
import { COUNT_PARAMS } from "@pricing/core/sports/football/models/counts";
import { footballModel } from "@pricing/core/sports/football/model";
import type { MatchSituation } from "@pricing/core/sports/football/models/situation";

// Arsenal-Fulham, the Dixon-Coles reference match (goalmodel's figures, README "The models").
const HOME_XG = 2.117914;
const AWAY_XG = 1.025718;
const RHO = -0.1335741;

const preMatch = preMatchState(HOME_XG, AWAY_XG, RHO);
const inPlay = { ...preMatch, score: { home: 1, away: 0 } };
const flat = createFlatPrices();
const pmf = new Float64Array(18);

/** Pricing every market group of one match: 273 selection prices in 100 markets. */
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

// The CLI's example: A wins 66% of points on serve, B 62%.
const BO3: MatchRules = { bestOf: 3, finalSet: "tiebreak7", noAd: false };
const BO5: MatchRules = { bestOf: 5, finalSet: "tiebreak10", noAd: false };
const IID: ServeStrength = { sum: 1.28, difference: 0.04, spread: 0 };
const MIXTURE: ServeStrength = { sum: 1.28, difference: 0.04, spread: 0.07 };
const MIXTURE_SUM: ServeStrength = { sum: 1.28, difference: 0.04, spread: 0.07, sumSpread: 0.07 };
const inPlay3 = parseScore("6-4 3-2 30-15", "a", BO3);
const inPlay5 = parseScore("6-4 3-6 3-2 30-15", "a", BO5);
const tables = serveTables(0.66, 0.62);

/** A new match each call: the difference moves by 1e-9, so no serve table, set outcome or future is known yet. */
let fresh = 0;
const newMatch = (): ServeStrength => ({ ...MIXTURE_SUM, difference: MIXTURE_SUM.difference + 1e-9 * (++fresh % 1_000_000) });

/** Every state of one best-of-3 match, point by point (A wins 66% of points on serve, B 62%; a fixed pseudo-random draw). */
function pointByPoint(): TennisScore[] {
  let seed = 12345;
  const draw = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  let score = startingScore("a");
  const out: TennisScore[] = [];
  while (!isOver(score, BO3)) {
    out.push(score);
    const c = score.current;
    const tb = c.gamesA === 6 && c.gamesB === 6;
    const k = c.pointsA + c.pointsB;
    const aServes = tb ? (((k + 1) >> 1) % 2 === 0) === (c.server === "a") : c.server === "a";
    score = applyPoint(score, BO3, draw() < (aServes ? 0.66 : 0.62) === aServes ? "a" : "b");
  }
  return out;
}
const MATCH = pointByPoint();
let point = 0;
/** The next state of the match; its first state starts a new match (the match cache emptied). */
function nextPoint(): TennisScore | undefined {
  if (point === MATCH.length) point = 0;
  if (point === 0) clearMatchCache();
  const score = MATCH[point++];
  return score.sets.length === 0 && score.current.gamesA + score.current.gamesB === 0 && score.current.pointsA + score.current.pointsB === 0 ? undefined : score;
}

/**
 * Every market of one state: ~40 markets, ~100 selections (fair prices). Serve tables
 * are memoized per (pA, pB) and a match's futures per strength: "repricing" is a match
 * priced before (its futures known), "first price" a match never seen.
 */
export const tennisPricing: BenchSection = {
  id: "tennis-pricing",
  title: "Tennis pricing (one state, every market)",
  cases: [
    { name: "full mixture (21 strengths, market mode), best of 3, pre-match, coin toss: repricing", fn: () => priceMatch({ strength: MIXTURE_SUM, rules: BO3 }), iterations: 50_000 },
    { name: "full mixture, best of 3, in play (6-4 3-2 30-15): repricing", fn: () => priceMatch({ strength: MIXTURE_SUM, rules: BO3, score: inPlay3 }), iterations: 50_000 },
    { name: `full mixture, best of 3, a whole match point by point (${MATCH.length} states, the first one new): mean a state`, fn: () => priceMatch({ strength: MIXTURE_SUM, rules: BO3, score: nextPoint(), firstServer: "a" }), iterations: 50_000 },
    { name: "full mixture, best of 3, pre-match: first price of a match", fn: () => priceMatch({ strength: newMatch(), rules: BO3 }), iterations: 2_000 },
    { name: "full mixture, best of 3, in play (6-4 3-2 30-15): first price of a match", fn: () => priceMatch({ strength: newMatch(), rules: BO3, score: inPlay3 }), iterations: 2_000 },
    { name: "full mixture, best of 5, in play (6-4 3-6 3-2 30-15): repricing", fn: () => priceMatch({ strength: MIXTURE_SUM, rules: BO5, score: inPlay5 }), iterations: 20_000 },
    { name: "mixture (7 strengths), best of 3, pre-match, coin toss: repricing", fn: () => priceMatch({ strength: MIXTURE, rules: BO3 }), iterations: 50_000 },
    { name: "mixture (7 strengths), best of 3, in play (Bayes update): repricing", fn: () => priceMatch({ strength: MIXTURE, rules: BO3, score: inPlay3 }), iterations: 50_000 },
    { name: "iid, best of 3, pre-match, first server given", fn: () => priceMatch({ strength: IID, rules: BO3, firstServer: "a" }), iterations: 50_000 },
    { name: "iid, best of 3, in play (6-4 3-2 30-15)", fn: () => priceMatch({ strength: IID, rules: BO3, score: inPlay3 }), iterations: 50_000 },
    { name: "iid, best of 5, in play (6-4 3-6 3-2 30-15)", fn: () => priceMatch({ strength: IID, rules: BO5, score: inPlay5 }), iterations: 20_000 },
    { name: "match distribution only, iid, best of 3, pre-match (the direct recursion)", fn: () => matchDistribution(tables, BO3, startingScore("a")), iterations: 50_000 },
  ],
};

/** What `npm run bench` runs, in order; each section is a table of BENCHMARKS.md. */
const COUNTS_PRE: CountPricingState = {
  share: 1,
  corners: { now: { home: 0, away: 0 }, means: { home: 6.1, away: 4.4 }, dispersion: COUNT_PARAMS.corners },
  yellowCards: { now: { home: 0, away: 0 }, means: { home: 1.5, away: 1.8 }, dispersion: COUNT_PARAMS.yellowCards },
  redCards: { now: { home: 0, away: 0 }, means: COUNT_PARAMS.redCards.league },
};
const COUNTS_IN_PLAY: CountPricingState = {
  ...COUNTS_PRE,
  share: 0.45,
  corners: { ...COUNTS_PRE.corners, now: { home: 6, away: 3 } },
  yellowCards: { ...COUNTS_PRE.yellowCards, now: { home: 1, away: 2 } },
};
const SITUATION: MatchSituation = {
  homeXg: HOME_XG, awayXg: AWAY_XG, rho: RHO, period: "2H", minute: 55, score: { home: 1, away: 0 }, halfTimeScore: { home: 1, away: 0 }, redCards: { home: 0, away: 0 },
  counts: { corners: { home: 6, away: 3 }, yellowCards: { home: 1, away: 2 }, expected: { corners: { home: 6.1, away: 4.4 }, yellowCards: { home: 1.5, away: 1.8 } } },
};

const countFlat = createCountFlatPrices();
const countGridsPre = countGrids(COUNTS_PRE);
const countGridsInPlay = countGrids(COUNTS_IN_PLAY);

/** Corners and cards of one match: 55 corner markets (126 selections) and 39 card markets (78 selections). */
export const countPricing: BenchSection = {
  id: "count-pricing",
  title: "Corners and cards pricing (one match)",
  cases: [
    { name: "every football market from built grids, pre-match: goal groups + corners + cards, flat (`priceFlat` + `priceCountFlat`)", fn: () => [priceFlat(preMatch, flat), priceCountFlat(countGridsPre, countFlat)], iterations: 200_000 },
    { name: "every football market from built grids, in play (1-0; 55', 6-3 corners, 1-2 yellow cards), flat", fn: () => [priceFlat(inPlay, flat), priceCountFlat(countGridsInPlay, countFlat)], iterations: 200_000 },
    { name: "corners + cards from built grids, flat (`priceCountFlat`)", fn: () => priceCountFlat(countGridsPre, countFlat), iterations: 200_000 },
    { name: "corners + cards from built grids as `MarketPrice` objects (`priceCountGroupFromGrids`)", fn: () => [priceCountGroupFromGrids("corners", countGridsPre), priceCountGroupFromGrids("cards", countGridsPre)], iterations: 50_000 },
    { name: "count grids only, pre-match: corners, cards and booking points (`countGrids`)", fn: () => countGrids(COUNTS_PRE), iterations: 5_000 },
    { name: "count grids only, in play at 55' (`countGrids`)", fn: () => countGrids(COUNTS_IN_PLAY), iterations: 5_000 },
    { name: "corners, pre-match, fair prices, direct path (`priceCountGroup(\"corners\", ...)`)", fn: () => priceCountGroup("corners", COUNTS_PRE), iterations: 5_000 },
    { name: "cards, pre-match, fair prices, direct path (`priceCountGroup(\"cards\", ...)`)", fn: () => priceCountGroup("cards", COUNTS_PRE), iterations: 5_000 },
    { name: "corners + cards, in play at 55', fair prices, direct path", fn: () => [priceCountGroup("corners", COUNTS_IN_PLAY), priceCountGroup("cards", COUNTS_IN_PLAY)], iterations: 5_000 },
    { name: "corners + cards, in play at 55', offered as the model function does (`footballModel.price`, grids cached)", fn: () => [footballModel.price("corners", SITUATION), footballModel.price("cards", SITUATION)], iterations: 2_000 },
  ],
};

export const SECTIONS: BenchSection[] = [corePricing, ratingsFit, tennisPricing, countPricing];
