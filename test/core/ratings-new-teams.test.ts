import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { DEFAULT_PARAMS } from "@pricing/core/sports/football/backtest/params";
import { priceAll } from "@pricing/core/sports/football/markets/derive";
import { parseFootballData } from "@pricing/core/sports/football/models/csv";
import { pricingState } from "@pricing/core/sports/football/models/inplay";
import { HOME_ADVANTAGE_PRIOR, PROMOTED_TEAM_PRIOR, expectedGoals, fitRatings } from "@pricing/core/sports/football/models/ratings";

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const pricing = (...args: string[]) => spawnSync(process.execPath, [root("packages/cli/bin/pricing.mjs"), ...args], { encoding: "utf8" });
const season = (name: string) => parseFootballData(readFileSync(root(`data/football-data/${name}.csv`), "latin1")).matches;
const { model, xi, ridge } = DEFAULT_PARAMS.walkForward;
const history = [...season("E0_2021"), ...season("E0_2122")];

describe("ratings for promoted sides and a season behind closed doors", () => {
  test("after one match Brentford is rated below Arsenal and Palace v Brentford is no longer a 67.7% away win", () => {
    const fit = (newTeamPrior?: null) => fitRatings(history.filter((m) => m.date < "2021-08-21"), { model, xi, ridge, ...(newTeamPrior === null ? { newTeamPrior } : {}) });
    const ratings = fit(), leagueMean = fit(null);
    const brentford = ratings.teams.Brentford, arsenal = ratings.teams.Arsenal;
    assert.ok(brentford.attack + brentford.defence < arsenal.attack + arsenal.defence, JSON.stringify({ brentford, arsenal }));
    assert.ok(brentford.attack < leagueMean.teams.Brentford.attack && brentford.defence < leagueMean.teams.Brentford.defence);
    const xg = expectedGoals(ratings, "Crystal Palace", "Brentford");
    const away = priceAll(pricingState({ ...xg, period: "PRE", minute: 0, score: { home: 0, away: 0 }, redCards: { home: 0, away: 0 } }))
      .find((m) => m.key === "1x2")!.selections[2].probability;
    assert.ok(away < 0.5, `Brentford away ${away}`);
    assert.ok(PROMOTED_TEAM_PRIOR.attack < 0 && PROMOTED_TEAM_PRIOR.defence < 0);
  });

  test("home advantage does not collapse with 2020/21 (behind closed doors) in the window", () => {
    const ratings = fitRatings(history.filter((m) => m.date < "2021-08-21"), { model, xi, ridge });
    assert.ok(ratings.homeAdvantage > 0.15, `home advantage ${ratings.homeAdvantage}`);
    assert.ok(Math.abs(ratings.homeAdvantage - HOME_ADVANTAGE_PRIOR.mean) < 0.1);
    const before = fitRatings([...season("E0_1819"), ...season("E0_1920")].filter((m) => m.date < "2020-03-01"), { model, xi, ridge });
    assert.ok(before.homeAdvantage > 0.15);
  });

  test("pricing fixtures --date 2021-08-13: the round prices; Brentford, without history, from the market with the reason", () => {
    const run = pricing("fixtures", "--date", "2021-08-13", "--json");
    assert.equal(run.status, 0, run.stderr);
    const [fixture] = JSON.parse(run.stdout).fixtures;
    assert.equal(fixture.homeTeam, "Brentford");
    assert.equal(fixture.source, "market");
    assert.match(fixture.reason, /Brentford has 0 of the 10 matches/);
    assert.ok(fixture.markets.length > 0);
    const home = fixture.markets.find((m: { key: string }) => m.key === "1x2").selections[0].probability;
    assert.ok(Math.abs(home - fixture.pinnacle[0]) < 0.01);
  });

  test("a round after one match: Palace v Brentford from the market, the rest from the ratings", () => {
    const run = pricing("fixtures", "--date", "2021-08-21", "--json");
    assert.equal(run.status, 0, run.stderr);
    const fixtures = JSON.parse(run.stdout).fixtures as { homeTeam: string; source: string; markets: { key: string; selections: { probability: number }[] }[] }[];
    const palace = fixtures.find((f) => f.homeTeam === "Crystal Palace")!;
    assert.equal(palace.source, "market");
    const away = palace.markets.find((m) => m.key === "1x2")!.selections[2].probability;
    assert.ok(Math.abs(away - 0.329) < 0.01, `Brentford ${away}`);
    assert.equal(fixtures.find((f) => f.homeTeam === "Liverpool")!.source, "ratings");
  });
});
