import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseFootballData } from "@pricing/core/sports/football/models/csv";
import { behindClosedDoors, expectedGoals, fitRatings, type MatchResult, type Ratings } from "@pricing/core/sports/football/models/ratings";
import { logLikelihood, packMatches, parameterCount, rhoIndex } from "@pricing/core/sports/football/models/ratings-likelihood";
import { poissonPmf } from "@pricing/core/sports/football/models/grid";
import { InputError } from "@pricing/core/errors";

const season = (name: string) =>
  parseFootballData(readFileSync(new URL(`../../data/football-data/${name}.csv`, import.meta.url), "utf8")).matches;
const E0_1112 = season("E0_1112");

const near = (actual: number, expected: number, tolerance: number, what: string) =>
  assert.ok(Math.abs(actual - expected) < tolerance, `${what}: ${actual} vs ${expected}`);

/** Log-likelihood of one match computed directly from the Poisson pmf and the Dixon-Coles tau. */
function matchLogLikelihood(r: Ratings, m: MatchResult): number {
  const { homeXg, awayXg, rho } = expectedGoals(r, m.homeTeam, m.awayTeam, false, behindClosedDoors(m.date));
  const h = m.homeGoals, a = m.awayGoals;
  let tau = 1;
  if (h === 0 && a === 0) tau = 1 - homeXg * awayXg * rho;
  else if (h === 0 && a === 1) tau = 1 + homeXg * rho;
  else if (h === 1 && a === 0) tau = 1 + awayXg * rho;
  else if (h === 1 && a === 1) tau = 1 - rho;
  return Math.log(poissonPmf(homeXg, h + 1)[h] * poissonPmf(awayXg, a + 1)[a] * tau);
}

describe("fitRatings: goalmodel reference fits on EPL 2011/12 (xi = 0, no ridge)", () => {
  test("Poisson: log-likelihood -1088.99, home advantage 0.2680093", () => {
    const r = fitRatings(E0_1112, { model: "poisson" });
    near(r.logLikelihood, -1088.99, 0.01, "log-likelihood");
    near(r.homeAdvantage, 0.2680093, 1e-4, "home advantage");
    assert.equal(r.rho, null);
    assert.equal(r.matches, 380);
    assert.equal(Object.keys(r.teams).length, 20);
    assert.ok(r.converged);
  });

  test("Dixon-Coles: log-likelihood -1087.36, rho -0.1335741; Arsenal-Fulham 2.117914 v 1.025718", () => {
    const r = fitRatings(E0_1112, { model: "dixon-coles" });
    near(r.logLikelihood, -1087.36, 0.01, "log-likelihood");
    near(r.rho!, -0.1335741, 1e-4, "rho");
    const xg = expectedGoals(r, "Arsenal", "Fulham");
    near(xg.homeXg, 2.117914, 1e-3, "Arsenal expected goals");
    near(xg.awayXg, 1.025718, 1e-3, "Fulham expected goals");
    assert.equal(xg.rho, r.rho);
  });

  test("the reported log-likelihood is the sum of per-match log-probabilities; ratings are centred", () => {
    for (const model of ["poisson", "dixon-coles"] as const) {
      const r = fitRatings(E0_1112, { model });
      const direct = E0_1112.reduce((s, m) => s + matchLogLikelihood(r, m), 0);
      near(r.logLikelihood, direct, 1e-8, `${model} log-likelihood`);
      const teams = Object.values(r.teams);
      near(teams.reduce((s, t) => s + t.attack, 0), 0, 1e-12, "sum of attack");
      near(teams.reduce((s, t) => s + t.defence, 0), 0, 1e-12, "sum of defence");
    }
  });
});

describe("fitRatings: weights, ridge and reference date", () => {
  const seasons = [...season("E0_2021"), ...season("E0_2122")];

  test("time decay weighs a match d days old by exp(-xi d) and leaves out later matches", () => {
    const xi = 0.0018, referenceDate = "2022-01-01";
    const r = fitRatings(seasons, { model: "dixon-coles", xi, referenceDate });
    const used = seasons.filter((m) => m.date <= referenceDate);
    assert.equal(r.matches, used.length);
    const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
    const direct = used.reduce((s, m) => s + Math.exp(-xi * (day(referenceDate) - day(m.date))) * matchLogLikelihood(r, m), 0);
    near(r.logLikelihood, direct, 1e-8, "weighted log-likelihood");
    assert.ok(r.converged);
  });

  test("a stronger ridge shrinks the ratings toward 0 and keeps them centred", () => {
    let previous = Infinity;
    for (const ridge of [0, 1, 10, 100]) {
      const r = fitRatings(E0_1112, { model: "poisson", ridge });
      const teams = Object.values(r.teams);
      const norm = teams.reduce((s, t) => s + t.attack ** 2 + t.defence ** 2, 0);
      assert.ok(norm < previous, `ridge ${ridge}: ${norm} >= ${previous}`);
      near(teams.reduce((s, t) => s + t.attack, 0), 0, 1e-9, "sum of attack");
      previous = norm;
    }
  });

  test("recovers known ratings from simulated seasons", () => {
    let seed = 12345;
    const uniform = () => {
      // mulberry32: a small seeded generator, so the simulated seasons are the same every run.
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const poisson = (mean: number) => {
      let k = 0, p = Math.exp(-mean), cdf = p;
      const u = uniform();
      while (u > cdf && k < 30) { k++; p *= mean / k; cdf += p; }
      return k;
    };
    const teams = Array.from({ length: 12 }, (_, i) => ({ name: `T${i}`, attack: (i - 5.5) / 20, defence: ((i * 7) % 12 - 5.5) / 25 }));
    const matches: MatchResult[] = [];
    for (let round = 0; round < 40; round++)
      for (const home of teams)
        for (const away of teams)
          if (home !== away)
            matches.push({
              date: "2020-01-01", homeTeam: home.name, awayTeam: away.name,
              homeGoals: poisson(Math.exp(0.1 + 0.3 + home.attack - away.defence)),
              awayGoals: poisson(Math.exp(0.1 + away.attack - home.defence)),
            });
    const r = fitRatings(matches, { model: "poisson" });
    near(r.homeAdvantage, 0.3, 0.04, "home advantage");
    near(r.intercept, 0.1, 0.04, "intercept");
    for (const t of teams) {
      near(r.teams[t.name].attack, t.attack, 0.1, `${t.name} attack`);
      near(r.teams[t.name].defence, t.defence, 0.1, `${t.name} defence`);
    }
  });
});

describe("ratings likelihood gradient", () => {
  test("matches central differences for both models, with weights and matches behind closed doors", () => {
    const rows = E0_1112.slice(0, 120).map((m, i) => ({
      home: i % 20,
      away: (i + 1 + ((i * 7) % 19)) % 20,
      homeGoals: m.homeGoals, awayGoals: m.awayGoals, weight: 0.5 + (i % 5) / 5, closedDoors: i % 3 === 0,
    }));
    const data = packMatches(20, rows);
    for (const dixonColes of [false, true]) {
      const x = Float64Array.from({ length: parameterCount(20, dixonColes) }, (_, i) => 0.1 * Math.sin(i + 1));
      if (dixonColes) x[rhoIndex(20)] = -0.08;
      const grad = new Float64Array(x.length), scratch = new Float64Array(x.length);
      logLikelihood(data, dixonColes, x, grad);
      for (let i = 0; i < x.length; i++) {
        const up = Float64Array.from(x), down = Float64Array.from(x);
        up[i] += 1e-6; down[i] -= 1e-6;
        const numeric = (logLikelihood(data, dixonColes, up, scratch) - logLikelihood(data, dixonColes, down, scratch)) / 2e-6;
        near(grad[i], numeric, 1e-5 * Math.max(1, Math.abs(numeric)), `d/dx[${i}] (dixonColes ${dixonColes})`);
      }
    }
  });
});

describe("expectedGoals and bad input", () => {
  const ratings = fitRatings(E0_1112, { model: "poisson" });
  const code = (c: string) => (e: unknown) => e instanceof InputError && e.code === c;

  test("home advantage applies only at home; neutral ground drops it", () => {
    const home = expectedGoals(ratings, "Arsenal", "Fulham");
    const neutral = expectedGoals(ratings, "Arsenal", "Fulham", true);
    near(home.homeXg / neutral.homeXg, Math.exp(ratings.homeAdvantage), 1e-12, "home edge");
    near(home.awayXg, neutral.awayXg, 1e-12, "away side");
  });

  test("an unknown team is an InputError ratings.unknown_team", () => {
    assert.throws(() => expectedGoals(ratings, "Arsenal", "Real Madrid"), code("ratings.unknown_team"));
    assert.throws(() => expectedGoals(ratings, "constructor", "Arsenal"), code("ratings.unknown_team"));
  });

  test("no matches, bad goals, bad dates and bad options are InputErrors", () => {
    const ok: MatchResult = { date: "2020-01-01", homeTeam: "A", awayTeam: "B", homeGoals: 1, awayGoals: 0 };
    assert.throws(() => fitRatings([], { model: "poisson" }), code("ratings.no_matches"));
    assert.throws(() => fitRatings([ok], { model: "poisson", referenceDate: "2019-01-01" }), code("ratings.no_matches"));
    assert.throws(() => fitRatings([{ ...ok, homeGoals: 1.5 }], { model: "poisson" }), code("ratings.invalid_match"));
    assert.throws(() => fitRatings([{ ...ok, awayTeam: "A" }], { model: "poisson" }), code("ratings.invalid_match"));
    assert.throws(() => fitRatings([{ ...ok, date: "01/01/2020" }], { model: "poisson" }), code("ratings.invalid_date"));
    assert.throws(() => fitRatings([ok], { model: "poisson", xi: -1 }), code("ratings.invalid_option"));
    assert.throws(() => fitRatings([ok], { model: "poisson", ridge: NaN }), code("ratings.invalid_option"));
    assert.throws(() => fitRatings([ok], { model: "elo" as never }), code("ratings.invalid_model"));
  });
});
