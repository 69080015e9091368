import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseFootballData, type FootballDataMatch } from "@pricing/core/sports/football/models/csv";
import type { MatchEvidence } from "@pricing/core/sports/football/models/evidence";
import type { MatchResult } from "@pricing/core/sports/football/models/ratings";
import { InputError } from "@pricing/core/errors";
import {
  checkWalkForwardParams, evidenceTargets, leagueRounds, matchDays, type EvidenceParams,
} from "@pricing/core/sports/football/backtest/walk-forward";
import { DEFAULT_PARAMS } from "@pricing/core/sports/football/backtest/params";

const matches = (name: string): FootballDataMatch[] =>
  parseFootballData(readFileSync(new URL(`../../data/football-data/${name}.csv`, import.meta.url), "latin1")).matches;

const E0_1920 = matches("E0_1920"), E0_2021 = matches("E0_2021");

describe("the league's rounds clock", () => {
  const clock = leagueRounds(matchDays([...E0_1920, ...E0_2021]));

  test("the Covid-19 break adds nothing: the EPL restarted on 17 June 2020 after 288 of its 380 matches (92 left)", () => {
    assert.equal(clock.get("2019-08-09"), 0);
    assert.ok(Math.abs(clock.get("2020-06-17")! - 28.8) < 1e-9, String(clock.get("2020-06-17")));
    // The last day before the suspension and the first after it are one day's matches apart, not three months.
    const before = matchDays(E0_1920).filter((d) => d.date < "2020-04-01").at(-1)!;
    assert.ok(Math.abs(clock.get("2020-06-17")! - clock.get(before.date)! - before.matches.length / 10) < 1e-9);
  });

  test("a season of 20 teams is 38 rounds, and the summer between two seasons adds nothing", () => {
    const opening2021 = matchDays(E0_2021)[0].date;
    assert.ok(Math.abs(clock.get(opening2021)! - 38) < 1e-9, String(clock.get(opening2021)));
    const last = [...clock.values()].at(-1)!;
    const lastDay = matchDays(E0_2021).at(-1)!;
    assert.ok(Math.abs(last + lastDay.matches.length / 10 - 76) < 1e-9);
  });

  test("a new season (other teams) can start later on the clock; the break within 2019/20 (the same teams) still adds nothing", () => {
    const later = leagueRounds(matchDays([...E0_1920, ...E0_2021]), 10);
    assert.ok(Math.abs(later.get("2020-06-17")! - 28.8) < 1e-9);
    assert.ok(Math.abs(later.get(matchDays(E0_2021)[0].date)! - 48) < 1e-9);
  });

  test("each spell between long gaps counts rounds by its own teams", () => {
    const m = (date: string, homeTeam: string, awayTeam: string): MatchResult => ({ date, homeTeam, awayTeam, homeGoals: 1, awayGoals: 0 });
    // Four teams (2 matches a round), then after a 60-day gap six teams (3 a round).
    const days = matchDays([
      m("2020-01-01", "A", "B"), m("2020-01-01", "C", "D"), m("2020-01-08", "A", "C"),
      m("2020-03-08", "A", "B"), m("2020-03-08", "C", "D"), m("2020-03-08", "E", "F"), m("2020-03-15", "A", "E"),
    ]);
    const c = leagueRounds(days);
    assert.deepEqual([...c.entries()], [["2020-01-01", 0], ["2020-01-08", 1], ["2020-03-08", 1.5], ["2020-03-15", 2.5]]);
    assert.deepEqual([...leagueRounds(days, 4).values()], [0, 1, 5.5, 6.5]);
  });
});

describe("evidence aged on the rounds clock", () => {
  const none: MatchEvidence = { shots: null, market: { home: 1.5, away: 1 }, issues: [] };
  const params: EvidenceParams = {
    ...DEFAULT_PARAMS.walkForward.evidence!, clock: "rounds",
    goals: { weight: 1, xi: 0.02 }, shots: { weight: 0, xi: 0.02 }, market: { weight: 4, xi: 0.3 },
  };
  const pre = E0_1920.filter((m) => m.date < "2020-04-01");
  const reference = "2020-06-17";

  test("a match's weight is goals weight * exp(-xi_goals * rounds) + market weight * exp(-xi_market * rounds)", () => {
    const clock = leagueRounds(matchDays(E0_1920));
    const rows = evidenceTargets(pre, reference, params, () => none, clock);
    pre.forEach((m, i) => {
      const age = 28.8 - clock.get(m.date)!;
      const expected = Math.exp(-0.02 * age) + 4 * Math.exp(-0.3 * age);
      assert.ok(Math.abs(rows[i].weight - expected) < 1e-12 * expected, `${m.date}: ${rows[i].weight} v ${expected}`);
    });
    // The last matches before the break are less than a round old on the restart day.
    assert.ok(rows.at(-1)!.weight > 4.5);
  });

  test("a break of any length leaves the weights as they were; on the calendar it shrinks them", () => {
    const shift = (m: FootballDataMatch, days: number): FootballDataMatch => ({
      ...m, date: new Date(Date.parse(`${m.date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10),
    });
    // The same season with the break cut to a week: every match after it moved 90 days earlier.
    const shorter = E0_1920.map((m) => (m.date < "2020-04-01" ? m : shift(m, -90)));
    const restart = shift({ ...E0_1920[0], date: reference }, -90).date;
    const long = evidenceTargets(pre, reference, params, () => none, leagueRounds(matchDays(E0_1920)));
    const short = evidenceTargets(pre, restart, params, () => none, leagueRounds(matchDays(shorter)));
    assert.deepEqual(long.map((r) => r.weight), short.map((r) => r.weight));
    const days = { ...params, clock: "days" as const, goals: { weight: 1, xi: 0.0018 }, market: { weight: 4, xi: 0.04 } };
    const longDays = evidenceTargets(pre, reference, days, () => none);
    const shortDays = evidenceTargets(pre, restart, days, () => none);
    assert.ok(longDays.at(-1)!.weight < 0.5 * shortDays.at(-1)!.weight, `${longDays.at(-1)!.weight} v ${shortDays.at(-1)!.weight}`);
  });

  test("a date the clock lacks, or an unknown clock, is a typed error", () => {
    assert.throws(() => evidenceTargets(pre, reference, params, () => none, new Map()), (e: unknown) => e instanceof InputError && e.code === "backtest.invalid_option");
    assert.throws(() => evidenceTargets(pre, reference, params, () => none), (e: unknown) => e instanceof InputError && e.code === "backtest.invalid_option");
    const bad = { ...DEFAULT_PARAMS.walkForward, evidence: { ...params, clock: "weeks" as unknown as "days" } };
    assert.throws(() => checkWalkForwardParams(bad), (e: unknown) => e instanceof InputError && e.code === "backtest.invalid_option" && /clock/.test(e.message));
  });
});
