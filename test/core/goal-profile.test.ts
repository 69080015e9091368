import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import {
  CLUB_FIRST_HALF_SHARE,
  DATA_GOAL_PROFILE,
  GOAL_PROFILE,
  erlangStoppageRemaining,
  firstHalfRemainingShare,
  goalIntensity,
  remainingShare,
  stoppageMinutesBeyond,
} from "@pricing/core/sports/football/models/goal-profile";
import { FITTED_GOAL_PROFILE } from "@pricing/core/sports/football/models/goal-profile-fit";
import type { Period } from "@pricing/core/sports/football/models/situation";
import { InputError } from "@pricing/core/errors";

const dataDir = new URL("../../data/goal-times/", import.meta.url);

/** Goals per minute 1..90 recorded in the repository's copy of the international goal minutes. */
function minuteCounts(): number[] {
  const counts = new Array<number>(91).fill(0);
  const lines = readFileSync(new URL("intl_goal_minutes.csv", dataDir), "utf8").trim().split("\n").slice(1);
  for (const line of lines) {
    const [date, minute] = line.split(",");
    const m = Number(minute);
    if (date >= FITTED_GOAL_PROFILE.fromDate && Number.isInteger(m) && m >= 1 && m <= 90) counts[m]++;
  }
  return counts;
}

/** Stoppage-time offsets (45+x, 90+x) of World Cup 2014-2022 goals. */
function worldCupOffsets(minute: 45 | 90): number[] {
  const out: number[] = [];
  for (const year of [2014, 2018, 2022]) {
    const cup = JSON.parse(readFileSync(new URL(`worldcup_${year}.json`, dataDir), "utf8"));
    for (const match of cup.matches) {
      for (const goal of [...(match.goals1 ?? []), ...(match.goals2 ?? [])]) {
        if (goal.minute === minute && goal.offset) out.push(goal.offset);
      }
    }
  }
  return out;
}

const sum = (xs: number[], from: number, to: number) => xs.slice(from, to + 1).reduce((s, x) => s + x, 0);
const counts = minuteCounts();
const total = sum(counts, 1, 90);

describe("remainingShare", () => {
  test("is 1 at kick-off, the second half's share at half time and 0 at the end", () => {
    assert.equal(remainingShare("PRE", 0), 1);
    assert.ok(Math.abs(remainingShare("1H", 0) - 1) < 1e-12);
    assert.ok(Math.abs(remainingShare("HT", 45) - (1 - CLUB_FIRST_HALF_SHARE)) < 1e-12);
    assert.ok(Math.abs(remainingShare("2H", 45) - (1 - CLUB_FIRST_HALF_SHARE)) < 1e-12);
    assert.equal(remainingShare("END", 90), 0);
    assert.ok(Math.abs(firstHalfRemainingShare(0) - CLUB_FIRST_HALF_SHARE) < 1e-12);
  });

  test("never rises as the match goes on", () => {
    // A position in [0, 5) walks PRE, 1H 0-60, HT, 2H 45-110, END in order.
    const at = (x: number): [Period, number] => {
      if (x < 1) return ["PRE", 0];
      if (x < 2) return ["1H", (x - 1) * 60];
      if (x < 3) return ["HT", 45];
      if (x < 4) return ["2H", 45 + (x - 3) * 65];
      return ["END", 90];
    };
    fc.assert(
      fc.property(fc.double({ min: 0, max: 4.999, noNaN: true }), fc.double({ min: 0, max: 4.999, noNaN: true }), (a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const s1 = remainingShare(...at(early)), s2 = remainingShare(...at(late));
        return s2 <= s1 + 1e-12 && s1 >= 0 && s1 <= 1 && s2 >= 0;
      }),
      { numRuns: 2000 },
    );
  });

  test("first-half remaining share falls from the first-half share to near 0 as stoppage runs on", () => {
    let previous = Infinity;
    for (let m = 0; m <= 60; m += 0.5) {
      const s = firstHalfRemainingShare(m);
      assert.ok(s <= previous + 1e-12 && s >= 0, `minute ${m}: ${s}`);
      previous = s;
    }
    assert.ok(firstHalfRemainingShare(60) < 0.02);
  });

  test("rejects minutes outside the period with a stable code", () => {
    for (const [period, minute] of [["1H", -1], ["1H", 61], ["2H", 44], ["2H", 111], ["1H", NaN], ["2H", Infinity]] as const) {
      assert.throws(() => remainingShare(period, minute), (e: unknown) => e instanceof InputError && e.code === "inplay.invalid_minute");
    }
    assert.throws(() => remainingShare("3H" as Period, 50), (e: unknown) => e instanceof InputError && e.code === "inplay.invalid_period");
  });
});

describe("goal-time profile fit", () => {
  test("club profile splits goals 44.6% / 55.4% (EPL 2011/12-2024/25)", () => {
    assert.ok(Math.abs(GOAL_PROFILE.firstHalfShare - 0.446) < 1e-12);
    const [h1, h2] = GOAL_PROFILE.halves;
    assert.ok(Math.abs(h1.regularShare + h1.stoppageShare - 0.446) < 1e-12);
    assert.ok(Math.abs(h1.regularShare + h1.stoppageShare + h2.regularShare + h2.stoppageShare - 1) < 1e-12);
    // The Premier League half-time and full-time scores the fit read (2011/12-2021/22) agree.
    assert.ok(Math.abs(FITTED_GOAL_PROFILE.premierLeagueFirstHalfShare - 0.446) < 0.003);
  });

  test("data profile's first-half share is the share of goals recorded in minutes 1-45", () => {
    const fromData = sum(counts, 1, 45) / total;
    assert.ok(fromData > 0.4 && fromData < 0.46, `data share ${fromData}`);
    assert.ok(Math.abs(DATA_GOAL_PROFILE.firstHalfShare - fromData) < 1e-4, `${DATA_GOAL_PROFILE.firstHalfShare} v ${fromData}`);
    assert.equal(FITTED_GOAL_PROFILE.goals, total);
  });

  test("stoppage goals heaped at 45 and 90 become each half's stoppage share", () => {
    for (const [end, half] of [[45, 0], [90, 1]] as const) {
      const trend = sum(counts, end - 3, end - 1) / 3;
      assert.ok(counts[end] > 2 * trend, `minute ${end} holds ${counts[end]} goals v ${trend.toFixed(0)} a minute before it`);
      const heap = (counts[end] - trend) / total;
      const fitted = DATA_GOAL_PROFILE.halves[half].stoppageShare;
      assert.ok(Math.abs(fitted - heap) < 0.05 * heap, `half ${half + 1}: fitted ${fitted} v heap ${heap}`);
    }
  });

  test("scoring rises through each half and dips after kick-off as in the data", () => {
    for (const [from, half] of [[1, 0], [46, 1]] as const) {
      const early = sum(counts, from + 1, from + 21), late = sum(counts, from + 22, from + 42);
      const p = DATA_GOAL_PROFILE.halves[half];
      const mass = (a: number, b: number) => (p.startRate / p.slopePerMinute) * (Math.exp(p.slopePerMinute * b) - Math.exp(p.slopePerMinute * a));
      const modelled = mass(22, 43) / mass(1, 22);
      assert.ok(late > early, `half ${half + 1}: ${late} late v ${early} early`);
      assert.ok(Math.abs(modelled - late / early) < 0.03, `half ${half + 1}: ${modelled} v ${late / early}`);
      const dip = counts[from] / (sum(counts, from + 1, from + 3) / 3);
      assert.ok(Math.abs(p.kickoffFactor - dip) < 0.06, `kick-off factor ${p.kickoffFactor} v ${dip}`);
    }
    assert.ok(goalIntensity("1H", 44) > goalIntensity("1H", 2));
    assert.ok(goalIntensity("1H", 0.5) < goalIntensity("1H", 2));
  });

  test("fitted stoppage lengths match the World Cup offsets: about 2 and 4-5 minutes; the club lengths are alike", () => {
    // A goal at a constant rate through stoppage of length S falls at offset x with density
    // P(S > x) / E[S], so E[x] = E[S^2] / (2 E[S]) = (shape + 1) / (2 shape) E[S] for Erlang S.
    const k = FITTED_GOAL_PROFILE.stoppageShape;
    for (const [minute, half] of [[45, "firstHalf"], [90, "secondHalf"]] as const) {
      const offsets = worldCupOffsets(minute);
      const meanOffset = offsets.reduce((s, o) => s + o - 0.5, 0) / offsets.length;
      const mean = FITTED_GOAL_PROFILE[half].stoppageMeanMinutes;
      assert.ok(Math.abs(((k + 1) / (2 * k)) * mean - meanOffset) < 0.1, `${minute}+: mean ${mean} v offsets ${meanOffset}`);
    }
    assert.ok(GOAL_PROFILE.halves[0].stoppageMeanMinutes > 1 && GOAL_PROFILE.halves[0].stoppageMeanMinutes < 3);
    assert.ok(GOAL_PROFILE.halves[1].stoppageMeanMinutes > 3 && GOAL_PROFILE.halves[1].stoppageMeanMinutes < 7);
  });
});

describe("stoppage length", () => {
  /** Simpson's rule for f over [a, b]. */
  function simpson(f: (t: number) => number, a: number, b: number, n = 4000): number {
    const h = (b - a) / n;
    let s = f(a) + f(b);
    for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(a + i * h);
    return (s * h) / 3;
  }

  test("mean residual stoppage matches numerical integration of the Erlang density", () => {
    for (const [shape, mean] of [[1, 2], [2, 2.006], [2, 4.461], [4, 5]]) {
      const theta = mean / shape;
      let factorial = 1;
      for (let i = 2; i < shape; i++) factorial *= i;
      const density = (t: number) => (t ** (shape - 1) * Math.exp(-t / theta)) / (theta ** shape * factorial);
      for (const e of [0, 1, 3, 8]) {
        const upper = e + 80 * theta;
        const beyond = simpson((t) => (t - e) * density(t), e, upper); // E[(S - e)+]
        const alive = simpson(density, e, upper); // P(S > e)
        assert.ok(Math.abs(stoppageMinutesBeyond(shape, mean, e) - beyond) < 1e-6, `shape ${shape} mean ${mean} at ${e}`);
        assert.ok(Math.abs(erlangStoppageRemaining(shape, mean, e) - beyond / alive) < 1e-4, `shape ${shape} mean ${mean} at ${e}`);
      }
    }
    assert.ok(Math.abs(erlangStoppageRemaining(2, 4, 0) - 4) < 1e-12);
    assert.ok(Math.abs(erlangStoppageRemaining(2, 4, 200) - 2) < 0.02);
  });
});
