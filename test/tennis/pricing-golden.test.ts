import { describe, expect, it } from "vitest";
import {
  clearMatchCache, matchWinOf, mixtureDistribution, parseScore, priceMatch, serveComponents,
  type MarketLines, type MatchRules, type Player, type ServeStrength,
} from "@pricing/core/sports/tennis/index";
import { differences, golden as goldenOf } from "../support/golden";

/**
 * Tennis prices pinned: every market of pre-match and in-play states (best of 3 and 5,
 * every final-set rule, no-ad, the iid chain and the mixtures, a set spread), the
 * match-win probabilities the strength solvers read and the games distribution the
 * market solver reads, compared with the figures recorded in pricing-golden.json to
 * 1e-12: absolutely for probabilities, relatively for figures above 1 (fair odds of a
 * 1e-5 chance move by 1e-11 when its probability moves by one rounding). A change to any price fails here; a deliberate one rewrites the file with
 * GOLDEN_WRITE=1 and says why in its commit.
 */
const FILE = new URL("./pricing-golden.json", import.meta.url);
const TOLERANCE = 1e-12;

const rules = (bestOf: 3 | 5, finalSet: MatchRules["finalSet"], noAd = false): MatchRules => ({ bestOf, finalSet, noAd });
const BO3 = rules(3, "tiebreak7");
const BO3_TB10 = rules(3, "tiebreak10");
const BO3_ADV = rules(3, "advantage");
const BO3_NOAD = rules(3, "tiebreak7", true);
const BO5_TB10 = rules(5, "tiebreak10");
const BO5_ADV = rules(5, "advantage");
const BO5 = rules(5, "tiebreak7");

const IID: ServeStrength = { sum: 1.28, difference: 0.04, spread: 0 };
const MIX7: ServeStrength = { sum: 1.28, difference: 0.04, spread: 0.07 };
const MIX21: ServeStrength = { sum: 1.28, difference: 0.04, spread: 0.07, sumSpread: 0.07 };
const WTA21: ServeStrength = { sum: 1.1, difference: -0.09, spread: 0.09, sumSpread: 0.04 };
const LOPSIDED21: ServeStrength = { sum: 1.34, difference: 0.31, spread: 0.07, sumSpread: 0.07 };
const SET_SPREAD: ServeStrength = { sum: 1.27, difference: 0.02, spread: 0.07, setSpread: 0.05, sumSpread: 0.07 };

interface Case {
  name: string;
  strength: ServeStrength;
  rules: MatchRules;
  score?: string;
  server?: Player;
  firstServer?: Player;
  lines?: MarketLines;
}

const CASES: Case[] = [
  { name: "iid bo3 pre-match, A serves first", strength: IID, rules: BO3, firstServer: "a" },
  { name: "iid bo3 pre-match, coin toss", strength: IID, rules: BO3 },
  { name: "iid bo3 in play", strength: IID, rules: BO3, score: "6-4 3-2 30-15", server: "a" },
  { name: "iid bo5 in play", strength: IID, rules: BO5_TB10, score: "6-4 3-6 3-2 30-15", server: "a" },
  { name: "mixture 7 bo3 pre-match, coin toss", strength: MIX7, rules: BO3 },
  { name: "mixture 7 bo3 in play", strength: MIX7, rules: BO3, score: "6-4 3-2 30-15", server: "a" },
  { name: "mixture 21 bo3 pre-match, coin toss", strength: MIX21, rules: BO3 },
  { name: "mixture 21 bo3 pre-match, B serves first", strength: MIX21, rules: BO3, firstServer: "b" },
  { name: "mixture 21 bo3 at 0-0, B serving", strength: MIX21, rules: BO3, score: "0-0", server: "b" },
  { name: "mixture 21 bo3 in play", strength: MIX21, rules: BO3, score: "6-4 3-2 30-15", server: "a" },
  { name: "mixture 21 bo3 deuce", strength: MIX21, rules: BO3, score: "2-3 40-40", server: "b" },
  { name: "mixture 21 bo3 advantage receiver", strength: MIX21, rules: BO3, score: "6-7 5-4 40-A", server: "a" },
  { name: "mixture 21 bo3 first-set tiebreak", strength: MIX21, rules: BO3, score: "6-6 5-3", server: "b" },
  { name: "mixture 21 bo3 long tiebreak", strength: MIX21, rules: BO3, score: "6-6 9-9", server: "a" },
  { name: "mixture 21 bo3 start of the second set", strength: MIX21, rules: BO3, score: "7-6", server: "b" },
  { name: "mixture 21 bo3 deciding set", strength: MIX21, rules: BO3, score: "4-6 6-4 2-1 15-0", server: "a" },
  { name: "mixture 21 bo3 deciding tiebreak", strength: MIX21, rules: BO3, score: "4-6 6-4 6-6 2-4", server: "b" },
  { name: "mixture 21 bo3 match point", strength: MIX21, rules: BO3, score: "6-3 5-4 40-15", server: "a" },
  { name: "mixture 21 bo3 decided", strength: MIX21, rules: BO3, score: "6-3 7-5", server: "a" },
  { name: "mixture 21 bo3 given lines", strength: MIX21, rules: BO3, score: "6-4 1-1", server: "a", lines: { totalGames: [20.5, 21, 23.5], gameHandicap: [-3.5, 2], playerGamesA: [12.5], playerGamesB: [9, 10.5] } },
  { name: "mixture 21 bo3 10-point deciding tiebreak", strength: MIX21, rules: BO3_TB10, score: "6-4 4-6 6-6 8-7", server: "a" },
  { name: "mixture 21 bo3 tiebreak10 pre-match", strength: MIX21, rules: BO3_TB10 },
  { name: "mixture 21 bo3 advantage pre-match", strength: MIX21, rules: BO3_ADV },
  { name: "mixture 21 bo3 advantage deciding set", strength: MIX21, rules: BO3_ADV, score: "6-3 3-6 5-5 15-30", server: "b" },
  { name: "mixture 21 bo3 advantage deciding set, long", strength: MIX21, rules: BO3_ADV, score: "6-3 3-6 11-10 30-30", server: "a" },
  { name: "mixture 21 bo3 no-ad", strength: MIX21, rules: BO3_NOAD, score: "6-4 2-2 40-40", server: "b" },
  { name: "mixture 21 bo3 no-ad pre-match", strength: MIX21, rules: BO3_NOAD, firstServer: "a" },
  { name: "mixture 21 bo5 pre-match", strength: MIX21, rules: BO5 },
  { name: "mixture 21 bo5 in play", strength: MIX21, rules: BO5_TB10, score: "6-4 3-6 3-2 30-15", server: "a" },
  { name: "mixture 21 bo5 tiebreak10 pre-match", strength: MIX21, rules: BO5_TB10, firstServer: "a" },
  { name: "mixture 21 bo5 fifth-set match tiebreak", strength: MIX21, rules: BO5_TB10, score: "6-4 3-6 6-7 7-5 6-6 3-5", server: "b" },
  { name: "mixture 21 bo5 advantage pre-match", strength: MIX21, rules: BO5_ADV },
  { name: "mixture 21 bo5 advantage fifth set", strength: MIX21, rules: BO5_ADV, score: "6-4 3-6 6-7 7-5 8-8 40-40", server: "a" },
  { name: "mixture 21 bo5 two sets to love", strength: MIX21, rules: BO5, score: "6-0 6-1 0-0", server: "b" },
  { name: "WTA mixture 21 bo3 pre-match", strength: WTA21, rules: BO3 },
  { name: "WTA mixture 21 bo3 in play", strength: WTA21, rules: BO3, score: "1-6 2-0 0-30", server: "b" },
  { name: "lopsided mixture 21 bo3 pre-match", strength: LOPSIDED21, rules: BO3 },
  { name: "lopsided mixture 21 bo5 in play", strength: LOPSIDED21, rules: BO5_ADV, score: "0-6 6-7 5-5", server: "a" },
  { name: "set spread bo3 pre-match", strength: SET_SPREAD, rules: BO3 },
  { name: "set spread bo3 in play", strength: SET_SPREAD, rules: BO3, score: "6-4 3-2 30-15", server: "a" },
  { name: "set spread bo5 advantage in play", strength: SET_SPREAD, rules: BO5_ADV, score: "6-4 3-6 6-7 7-5 9-8 15-15", server: "b" },
];

const MATCH_WIN: Array<{ strength: ServeStrength; rules: MatchRules; firstServer?: Player }> = [
  { strength: IID, rules: BO3, firstServer: "a" },
  { strength: MIX7, rules: BO3 },
  { strength: MIX21, rules: BO3 },
  { strength: MIX21, rules: BO5_ADV, firstServer: "b" },
  { strength: WTA21, rules: BO3_TB10 },
  { strength: SET_SPREAD, rules: BO5 },
];

function priced(c: Case) {
  const score = c.score === undefined ? undefined : parseScore(c.score, c.server ?? "a", c.rules);
  return priceMatch({ strength: c.strength, rules: c.rules, score, firstServer: c.firstServer, lines: c.lines });
}

function snapshot() {
  const prices = CASES.map((c) => ({ name: c.name, markets: priced(c) }));
  const matchWin = MATCH_WIN.map((m) => matchWinOf(m.strength, m.rules, m.firstServer));
  const d = mixtureDistribution(serveComponents(MIX21), BO3, null);
  const games = { width: d.width, games: Array.from(d.games) };
  return { prices, matchWin, games };
}

describe("tennis golden prices", () => {
  const { golden, actual } = goldenOf(FILE, snapshot()) as { golden: any; actual: any };

  it("covers every case", () => {
    expect(golden.prices.map((p: { name: string }) => p.name)).toEqual(CASES.map((c) => c.name));
    expect(golden.matchWin.length).toBe(MATCH_WIN.length);
  });

  for (const [i, c] of CASES.entries()) {
    it(`prices ${c.name} as recorded`, () => {
      expect(differences(golden.prices[i], actual.prices[i], TOLERANCE, true)).toEqual([]);
    });
  }

  it("gives the recorded match-win probabilities", () => {
    expect(differences(golden.matchWin, actual.matchWin, TOLERANCE, true)).toEqual([]);
  });

  it("gives the recorded games distribution", () => {
    expect(differences(golden.games, actual.games, TOLERANCE, true)).toEqual([]);
  });

  it("prices every case as recorded from an empty match cache and when repriced", () => {
    for (const [i, c] of CASES.entries()) {
      clearMatchCache();
      const first = JSON.parse(JSON.stringify(priced(c)));
      const again = JSON.parse(JSON.stringify(priced(c)));
      expect(differences(golden.prices[i].markets, first, TOLERANCE, true)).toEqual([]);
      expect(differences(golden.prices[i].markets, again, TOLERANCE, true)).toEqual([]);
    }
  });
});
