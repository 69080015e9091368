import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { InputError } from "@pricing/core/errors";
import { parseFootballData, type FootballDataMatch } from "@pricing/core/sports/football/models/csv";
import { historyOdds, marketImpliedGoals, matchEvidence, shotExpectedGoals } from "@pricing/core/sports/football/models/evidence";
import { scoreGrid } from "@pricing/core/sports/football/models/grid";
import { gridMarkets } from "@pricing/core/sports/football/models/invert";
import { fitRatingTargets, fitRatings, behindClosedDoors } from "@pricing/core/sports/football/models/ratings";
import { removeMargin } from "@pricing/core/margin/remove";

const COEFFICIENTS = { onTarget: 0.25, offTarget: 0.02 };
const INDEPENDENT = { rho: 0, rhoPerGap: 0 };

/**
 * Odds carrying Shin's margin on true probabilities p with insider share z: Shin's
 * bookmaker prices selection i at pi_i = s_i * sum(s), s_i = sqrt(z p_i + (1 - z) p_i^2),
 * which is what his de-margining formula p_i = (sqrt(z^2 + 4 (1 - z) pi_i^2 / sum pi) - z) / (2 - 2z) inverts.
 */
function shinOdds(p: readonly number[], z: number): number[] {
  const s = p.map((q) => Math.sqrt(z * q + (1 - z) * q * q));
  const total = s.reduce((a, b) => a + b, 0);
  return s.map((v) => 1 / (v * total));
}

function row(values: Record<string, number>): FootballDataMatch {
  return { line: 2, division: "E0", date: "2020-01-01", time: null, homeTeam: "A", awayTeam: "B", homeGoals: 1, awayGoals: 0, halfTime: null, redCards: null, values };
}

describe("market-implied goals: a known Poisson pair", () => {
  for (const [home, away] of [[1.7, 1.1], [0.8, 2.3], [2.9, 0.6]] as const) {
    test(`odds with Shin's margin on Poisson(${home}) v Poisson(${away}) invert back to those means within 1e-6`, () => {
      const m = gridMarkets(scoreGrid(home, away, 0));
      const odds = shinOdds([m.home, m.draw, m.away], 0.02) as [number, number, number];
      assert.ok(odds.reduce((s, o) => s + 1 / o, 0) > 1.02, "the odds carry a margin");
      const xg = marketImpliedGoals(odds, INDEPENDENT);
      assert.ok(Math.abs(xg.home - home) < 1e-6, `home ${xg.home}`);
      assert.ok(Math.abs(xg.away - away) < 1e-6, `away ${xg.away}`);
    });
  }

  test("de-margining alone recovers the probabilities (so the inversion is what is tested)", () => {
    const p = [0.5, 0.3, 0.2];
    removeMargin(shinOdds(p, 0.03), "shin").probabilities.forEach((q, i) => assert.ok(Math.abs(q - p[i]) < 1e-9));
  });
});

describe("shots and odds of a row", () => {
  test("xG proxy: 0.25 per shot on target, 0.02 per other shot", () => {
    const xg = shotExpectedGoals({ HS: 14, AS: 6, HST: 6, AST: 1 }, COEFFICIENTS);
    assert.ok(Math.abs(xg.home - (6 * 0.25 + 8 * 0.02)) < 1e-12);
    assert.ok(Math.abs(xg.away - (1 * 0.25 + 5 * 0.02)) < 1e-12);
  });

  test("missing or impossible shot counts are typed errors", () => {
    assert.throws(() => shotExpectedGoals({ HS: 14, AS: 6, HST: 6 }, COEFFICIENTS), (e: unknown) => e instanceof InputError && e.code === "evidence.missing_shots" && /AST/.test(e.message));
    assert.throws(() => shotExpectedGoals({ HS: 4, AS: 6, HST: 6, AST: 1 }, COEFFICIENTS), (e: unknown) => e instanceof InputError && e.code === "evidence.invalid_shots");
  });

  test("odds fall back from Pinnacle's closing to Pinnacle's, Bet365's and the average", () => {
    assert.deepEqual(historyOdds({ PSH: 2, PSD: 3.4, PSA: 4, B365H: 2.1, B365D: 3.3, B365A: 3.8 }).map((o) => o.columns[0]), ["PSH", "B365H"]);
    assert.deepEqual(historyOdds({ AvgH: 2, AvgD: 3.4, AvgA: 4, PSCH: 2 }).map((o) => o.columns[0]), ["AvgH"]);
    assert.deepEqual(historyOdds({ HS: 3 }), []);
  });

  test("a row without shots or odds keeps its goals and says what it lacks; an unusable Pinnacle book falls back to the next", () => {
    const bare = matchEvidence(row({}), COEFFICIENTS, INDEPENDENT);
    assert.equal(bare.shots, null);
    assert.equal(bare.market, null);
    assert.deepEqual(bare.issues.map((i) => `${i.part}/${i.code}`), ["shots/evidence.missing_shots", "market/evidence.missing_odds"]);
    const fallback = matchEvidence(row({ PSCH: 4, PSCD: 4, PSCA: 4, B365H: 2, B365D: 3.5, B365A: 4 }), COEFFICIENTS, INDEPENDENT);
    assert.ok(fallback.market!.home > fallback.market!.away);
    assert.deepEqual(fallback.issues.map((i) => i.code), ["evidence.missing_shots"]);
  });
});

describe("fitRatingTargets", () => {
  const matches = parseFootballData(readFileSync(new URL("../../data/football-data/E0_1112.csv", import.meta.url), "utf8")).matches;

  test("on whole goals at weight 1 it is the Poisson fit", () => {
    const goals = fitRatings(matches, { model: "poisson", ridge: 1 });
    const targets = fitRatingTargets(
      matches.map((m) => ({ homeTeam: m.homeTeam, awayTeam: m.awayTeam, home: m.homeGoals, away: m.awayGoals, weight: 1, closedDoors: behindClosedDoors(m.date) })),
      { ridge: 1, xi: 0, referenceDate: goals.referenceDate },
    );
    assert.ok(Math.abs(targets.homeAdvantage - goals.homeAdvantage) < 1e-5);
    for (const [team, r] of Object.entries(goals.teams)) {
      assert.ok(Math.abs(targets.teams[team].attack - r.attack) < 1e-5 && Math.abs(targets.teams[team].defence - r.defence) < 1e-5, team);
    }
  });

  test("fractional targets move the ratings toward them; bad rows are typed errors", () => {
    const rows = [
      { homeTeam: "A", awayTeam: "B", home: 2.5, away: 0.5, weight: 1, closedDoors: false },
      { homeTeam: "B", awayTeam: "A", home: 0.7, away: 1.9, weight: 1, closedDoors: false },
    ];
    const r = fitRatingTargets(rows, { ridge: 0.1, xi: 0, referenceDate: "2020-01-01" });
    assert.ok(r.teams.A.attack > r.teams.B.attack && r.teams.A.defence > r.teams.B.defence);
    assert.throws(() => fitRatingTargets([{ ...rows[0], home: -1 }], { ridge: 0.1, xi: 0, referenceDate: "2020-01-01" }), (e: unknown) => e instanceof InputError && e.code === "ratings.invalid_match");
    assert.throws(() => fitRatingTargets([], { ridge: 0.1, xi: 0, referenceDate: "2020-01-01" }), (e: unknown) => e instanceof InputError && e.code === "ratings.no_matches");
  });
});
