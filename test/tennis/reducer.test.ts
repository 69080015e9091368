import { describe, expect, test } from "vitest";
import { Epoch } from "@pricing/core/match/epoch";
import { TennisEvents, type TennisEvent } from "@pricing/core/sports/tennis/events";
import { initialTennisState, type TennisState } from "@pricing/core/sports/tennis/match-state";
import { applyPoint } from "@pricing/core/sports/tennis/point";
import { reduceTennis, TENNIS_HOLDS } from "@pricing/core/sports/tennis/reducer";
import { scoreTextIn, viewTennis } from "@pricing/core/sports/tennis/view";
import type { Player } from "@pricing/core/sports/tennis/rules";

let seq = 0;
const base = () => ({ sport: "tennis" as const, eventId: `t-${++seq}`, matchId: "T1", seq, occurredAt: "2030-06-01T12:00:00Z" });
type Draft = TennisEvent extends infer E ? (E extends TennisEvent ? Omit<E, "sport" | "eventId" | "matchId" | "seq" | "occurredAt"> : never) : never;
const ev = (d: Draft) => ({ ...base(), ...d }) as TennisEvent;

/** Folds events with the epochs the engine would move through. */
function run(events: TennisEvent[], start: { state: TennisState; epoch: Epoch } = { state: initialTennisState(), epoch: Epoch.Scheduled }) {
  let { state, epoch } = start;
  const steps = [];
  for (const e of events) {
    const step = reduceTennis(state, e, epoch);
    state = { ...state, ...step.patch };
    epoch = step.epoch ?? epoch;
    steps.push(step);
  }
  return { state, epoch, steps };
}

const SCHEDULED = ev({ type: "Match Scheduled", tour: "ATP", competition: "Roland Garros", surface: "Clay", playerA: "Alcaraz", playerB: "Sinner", start: "2030-06-01T12:00:00Z", bestOf: 5, finalSet: "tiebreak10", matchProbability: 0.55 });
const started = () => run([SCHEDULED, ev({ type: "Match Started", firstServer: "a" })]);

/** A point with the score the points give, as a faithful feed sends it. */
function faithful(state: TennisState, player: Player) {
  const next = applyPoint(state.score!, state.rules!, player);
  return ev({ type: "Point Won", player, score: scoreTextIn(next, state.rules), server: next.current.server });
}

describe("the tennis reducer", () => {
  test("a point the feed scores as the points do moves the score and reprices, with nothing held", () => {
    const run1 = started();
    const { epoch } = run1;
    let { state } = run1;
    expect(epoch).toBe(Epoch.InPlay);
    for (const player of ["a", "a", "b", "a", "a"] as Player[]) {
      const step = reduceTennis(state, faithful(state, player), epoch);
      expect(step.effects).toEqual({ reprice: true });
      state = { ...state, ...step.patch };
    }
    expect(scoreTextIn(state.score!, state.rules)).toBe("1-0 0-0");
    expect(state.score!.current.server).toBe("b");
    expect(state.points).toBe(5);
    expect(state.hold).toBeNull();
    expect(viewTennis(state)).toMatchObject({ participants: ["Alcaraz", "Sinner"], score: "1-0 0-0", situation: "set 1, B serving" });
  });

  test("on a mismatch the feed's score wins and the markets are held until a point agrees", () => {
    const { state, epoch } = started();
    const wrong = reduceTennis(state, ev({ type: "Point Won", player: "a", score: "0-0 30-0", server: "a" }), epoch);
    expect(wrong.effects).toEqual({ suspend: TENNIS_HOLDS.mismatch });
    expect(wrong.reason).toMatch(/the points give 0-0 15-0, the feed says 0-0 30-0/);
    const held = { ...state, ...wrong.patch };
    expect(scoreTextIn(held.score!, held.rules)).toBe("0-0 30-0");
    expect(held.hold).toBe(TENNIS_HOLDS.mismatch);
    const agreed = reduceTennis(held, faithful(held, "b"), epoch);
    expect(agreed.patch.hold).toBeNull();
    expect(agreed.effects).toEqual({ reprice: true });
  });

  test("a correction restores the score before the points it takes back, suspends and reprices", () => {
    let { state } = started();
    const { epoch } = started();
    const scores = [];
    for (const player of ["a", "b", "b"] as Player[]) {
      state = { ...state, ...reduceTennis(state, faithful(state, player), epoch).patch };
      scores.push(scoreTextIn(state.score!, state.rules));
    }
    expect(scores).toEqual(["0-0 15-0", "0-0 15-15", "0-0 15-30"]);
    const step = reduceTennis(state, ev({ type: "Point Corrected", points: 2, score: "0-0 15-0", server: "a" }), epoch);
    expect(step.effects).toEqual({ suspend: "point corrected", reprice: true });
    const after = { ...state, ...step.patch };
    expect(scoreTextIn(after.score!, after.rules)).toBe("0-0 15-0");
    expect(after.points).toBe(1);
    expect(after.history.length).toBe(1);
  });

  test("play suspended holds the markets until play resumes; a retirement ends the match, a walkover too before it starts", () => {
    const { state, epoch } = started();
    const rain = reduceTennis(state, ev({ type: "Play Suspended", reason: "rain" }), epoch);
    expect(rain.effects).toEqual({ suspend: "play suspended" });
    const held = { ...state, ...rain.patch };
    expect(held.hold).toBe("rain");
    expect(reduceTennis(held, ev({ type: "Play Resumed" }), epoch)).toMatchObject({ patch: { hold: null }, effects: { reprice: true } });
    const retired = reduceTennis(state, ev({ type: "Retirement", player: "b" }), epoch);
    expect(retired.epoch).toBe(Epoch.FullTime);
    expect(retired.patch.ending).toEqual({ kind: "retired", player: "b" });
    const walkover = run([SCHEDULED, ev({ type: "Walkover", player: "a" })]);
    expect(walkover.epoch).toBe(Epoch.FullTime);
    expect(viewTennis(walkover.state).situation).toBe("walkover (A withdrew)");
    expect(reduceTennis(state, ev({ type: "Walkover", player: "a" }), epoch).reason).toMatch(/^ignored/);
  });

  test("the schemas: every tennis event names its sport, scores are bounded text, corrections a few points", () => {
    const { sport: _, ...noSport } = base();
    expect(TennisEvents["Match Started"].safeParse({ ...noSport, firstServer: "a" }).success).toBe(false);
    expect(TennisEvents["Point Won"].safeParse({ ...base(), player: "a", score: "6-4 3-2 30-15", server: "b" }).success).toBe(true);
    expect(TennisEvents["Point Won"].safeParse({ ...base(), player: "a", score: "<script>", server: "b" }).success).toBe(false);
    expect(TennisEvents["Point Corrected"].safeParse({ ...base(), points: 40, score: "0-0", server: "a" }).success).toBe(false);
  });
});
