import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { DEFAULT_PARAMS } from "@pricing/core/sports/football/backtest/params";
import { walkForward, type MatchDay } from "@pricing/core/sports/football/backtest/walk-forward";
import type { MatchEvidence } from "@pricing/core/sports/football/models/evidence";
import {
  CLOSED_DOORS_HOME_PRIOR, behindClosedDoors, expectedGoals, fitRatingTargets, type MatchResult, type RatingTarget,
} from "@pricing/core/sports/football/models/ratings";

/** A synthetic league: ten sides, a crowd's home advantage of 0.3 and none behind closed doors. */
const TEAMS = Array.from({ length: 10 }, (_, i) => ({ name: `T${i}`, attack: (i - 4.5) / 15, defence: (((i * 3) % 10) - 4.5) / 20 }));
const INTERCEPT = 0.1, CROWD_HOME = 0.3, CLOSED_HOME = 0;

/** Each side's expected goals in the synthetic league, a crowd's home advantage or `closedHome` behind closed doors. */
function truth(home: (typeof TEAMS)[number], away: (typeof TEAMS)[number], closedDoors: boolean, closedHome = CLOSED_HOME) {
  const [homeEdge, awayEdge] = closedDoors ? [0.5 * CROWD_HOME + 0.5 * closedHome, 0.5 * CROWD_HOME - 0.5 * closedHome] : [CROWD_HOME, 0];
  return {
    home: Math.exp(INTERCEPT + homeEdge + home.attack - away.defence),
    away: Math.exp(INTERCEPT + awayEdge + away.attack - home.defence),
  };
}

/** A double round robin (circle method), one match day per round, `gapDays` apart from `start`. */
function rounds(start: string, count: number, gapDays: number): { date: string; pairs: [number, number][] }[] {
  const out: { date: string; pairs: [number, number][] }[] = [];
  const order = TEAMS.map((_, i) => i);
  for (let r = 0; r < count; r++) {
    const pairs: [number, number][] = [];
    for (let i = 0; i < order.length / 2; i++) {
      const [a, b] = [order[i], order[order.length - 1 - i]];
      pairs.push(r % 2 === 0 ? [a, b] : [b, a]);
    }
    order.splice(1, 0, order.pop()!);
    out.push({ date: new Date(Date.parse(`${start}T00:00:00Z`) + r * gapDays * 86_400_000).toISOString().slice(0, 10), pairs });
  }
  return out;
}

type Synthetic = MatchResult & { market: { home: number; away: number } };

/** Crowd rounds from August 2019 to the suspension, then rounds behind closed doors from June 2020. */
function league(closedHome = CLOSED_HOME): Synthetic[] {
  const schedule = [...rounds("2019-08-25", 27, 7), ...rounds("2020-06-20", 12, 3)];
  return schedule.flatMap(({ date, pairs }) => pairs.map(([h, a]) => {
    const xg = truth(TEAMS[h], TEAMS[a], behindClosedDoors(date), closedHome);
    return { date, homeTeam: TEAMS[h].name, awayTeam: TEAMS[a].name, homeGoals: Math.round(xg.home), awayGoals: Math.round(xg.away), market: xg };
  }));
}

/** The market's expected goals as the only evidence beside the goals (the backtest's evidence path). */
const evidenceOf = (m: Synthetic): MatchEvidence => ({ shots: null, market: m.market, issues: [] });

describe("home advantage behind closed doors", () => {
  test("the fit recovers a crowd's home advantage and a smaller one behind closed doors, each from its own matches", () => {
    const schedule = [...rounds("2019-08-25", 18, 7), ...rounds("2020-06-20", 18, 3)];
    const rows: RatingTarget[] = schedule.flatMap(({ date, pairs }) => pairs.map(([h, a]) => {
      const closedDoors = behindClosedDoors(date), xg = truth(TEAMS[h], TEAMS[a], closedDoors, 0.1);
      return { homeTeam: TEAMS[h].name, awayTeam: TEAMS[a].name, home: xg.home, away: xg.away, weight: 1, closedDoors };
    }));
    const ratings = fitRatingTargets(rows, { ridge: 0, xi: 0, referenceDate: "2020-12-01" });
    assert.ok(Math.abs(ratings.homeAdvantage - CROWD_HOME) < 1e-4, `crowd ${ratings.homeAdvantage}`);
    assert.ok(Math.abs(ratings.closedDoorsHomeAdvantage - 0.1) < 1e-4, `closed doors ${ratings.closedDoorsHomeAdvantage}`);
    const [home, away] = [TEAMS[7], TEAMS[2]];
    for (const closedDoors of [false, true]) {
      const priced = expectedGoals(ratings, home.name, away.name, false, closedDoors), expected = truth(home, away, closedDoors, 0.1);
      assert.ok(Math.abs(priced.homeXg / expected.home - 1) < 1e-3 && Math.abs(priced.awayXg / expected.away - 1) < 1e-3, JSON.stringify({ closedDoors, priced, expected }));
    }
  });

  test("without a match behind closed doors in the fit, it is the prior's; with a crowd it does not enter the price", () => {
    const rows: RatingTarget[] = rounds("2019-08-25", 18, 7).flatMap(({ pairs }) => pairs.map(([h, a]) => {
      const xg = truth(TEAMS[h], TEAMS[a], false);
      return { homeTeam: TEAMS[h].name, awayTeam: TEAMS[a].name, home: xg.home, away: xg.away, weight: 1, closedDoors: false };
    }));
    const ratings = fitRatingTargets(rows, { ridge: 3, xi: 0, referenceDate: "2020-01-01" });
    assert.ok(Math.abs(ratings.closedDoorsHomeAdvantage - CLOSED_DOORS_HOME_PRIOR.mean) < 1e-4, `${ratings.closedDoorsHomeAdvantage}`);
    const crowd = expectedGoals(ratings, "T3", "T5"), other = expectedGoals({ ...ratings, closedDoorsHomeAdvantage: 0.9 }, "T3", "T5");
    assert.deepEqual(crowd, other);
    const closed = expectedGoals(ratings, "T3", "T5", false, true);
    assert.ok(Math.abs(Math.log(closed.homeXg / closed.awayXg) - Math.log(crowd.homeXg / crowd.awayXg) + ratings.homeAdvantage - ratings.closedDoorsHomeAdvantage) < 1e-12);
  });
});

describe("walk forward: a league whose home advantage collapses behind closed doors", () => {
  const restart = "2020-06-20";
  const days = (matches: Synthetic[]) => [...walkForward(matches, DEFAULT_PARAMS.walkForward, restart, evidenceOf)];
  const closedHome = (day: MatchDay<Synthetic>) => day.ratings!.closedDoorsHomeAdvantage;

  test("the first day behind closed doors is priced from the prior, and the collapse is learnt from the matches played", () => {
    const walk = days(league());
    assert.ok(walk.every((d) => behindClosedDoors(d.date)));
    assert.ok(Math.abs(closedHome(walk[0]) - CLOSED_DOORS_HOME_PRIOR.mean) < 1e-3, `first day ${closedHome(walk[0])}`);
    assert.ok(Math.abs(walk[0].ratings!.homeAdvantage - CROWD_HOME) < 0.02, `crowd ${walk[0].ratings!.homeAdvantage}`);
    const estimates = walk.map(closedHome);
    for (let i = 1; i < 4; i++) assert.ok(Math.abs(estimates[i]) < Math.abs(estimates[i - 1]), estimates.join(", "));
    assert.ok(Math.abs(estimates[3] - CLOSED_HOME) < 0.02, `after three rounds ${estimates[3]}`);
    // The crowd's home advantage is not dragged down to none (its matches, long decayed, leave it near its prior),
    // and the prices follow the league behind closed doors.
    const last = walk[walk.length - 1];
    assert.ok(last.ratings!.homeAdvantage > 0.2, `crowd ${last.ratings!.homeAdvantage}`);
    for (const m of last.matches) {
      const priced = expectedGoals(last.ratings!, m.homeTeam, m.awayTeam, false, true);
      assert.ok(Math.abs(Math.log(priced.homeXg / priced.awayXg) - Math.log(m.market.home / m.market.away)) < 0.03, `${m.homeTeam} v ${m.awayTeam}`);
    }
  });

  test("each day's estimate uses only earlier matches: a different home advantage from a day on changes nothing before it", () => {
    const cut = days(league())[4].date;
    const changed = [...league().filter((m) => m.date < cut), ...league(0.25).filter((m) => m.date >= cut)];
    const [original, perturbed] = [days(league()), days(changed)];
    for (let i = 0; i < original.length; i++) {
      if (original[i].date <= cut) assert.equal(closedHome(perturbed[i]), closedHome(original[i]), original[i].date);
      else assert.ok(closedHome(perturbed[i]) > closedHome(original[i]) + 0.05, `${original[i].date}: ${closedHome(perturbed[i])} v ${closedHome(original[i])}`);
    }
  });
});
