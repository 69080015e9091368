import { describe, expect, test } from "vitest";
import assert from "node:assert/strict";
import fc from "fast-check";
import jstat from "jstat";
import { InputError } from "@pricing/core/errors";
import { applyEvent } from "@pricing/core/match/reducer";
import { emptyState, type MatchState } from "@pricing/core/match/state";
import { groupsToReprice, mergeEffects, NO_EFFECTS } from "@pricing/core/match/effects";
import { pricingJob } from "@pricing/core/match/flows/load";
import { seededRandom } from "@pricing/core/math/random";
import { FootballEvents, MAX_CORNERS, MAX_YELLOW_CARDS, type FootballEvent } from "@pricing/core/sports/football/events";
import { football } from "@pricing/core/sports/football/index";
import { footballModel } from "@pricing/core/sports/football/model";
import { footballOf } from "@pricing/core/sports/football/state";
import { MARKET_GROUPS } from "@pricing/core/sports/football/markets/types";
import { priceCountGroup, type CountPricingState } from "@pricing/core/sports/football/markets/count-prices";
import { countOutcome, settleCountMarket } from "@pricing/core/sports/football/markets/counts";
import { CORNER_MARKETS } from "@pricing/core/sports/football/markets/corners";
import { CARD_MARKETS } from "@pricing/core/sports/football/markets/cards";
import { betaBinomialPmf, fitNegativeBinomial, fitSplitConcentration, nbPmf, remainingCount } from "@pricing/core/sports/football/models/counts";
import { expectedCalibrationError } from "@pricing/core/sports/football/backtest/counts";
import { PRE_MATCH_COUNTS } from "../support/count-state";

const { jStat } = jstat as unknown as { jStat: { gammaln(x: number): number } };

/** A negative binomial draw: Poisson with a Gamma(size, mean/size) rate (Marsaglia-Tsang for the gamma). */
function drawNb(random: ReturnType<typeof seededRandom>, mean: number, size: number): number {
  const normal = () => Math.sqrt(-2 * Math.log(1 - random.unit())) * Math.cos(2 * Math.PI * random.unit());
  const gamma = (shape: number): number => {
    if (shape < 1) return gamma(shape + 1) * Math.pow(random.unit(), 1 / shape);
    const d = shape - 1 / 3, c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number, v: number;
      do { x = normal(); v = 1 + c * x; } while (v <= 0);
      v = v * v * v;
      const u = random.unit();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
    }
  };
  const rate = gamma(size) * (mean / size);
  const u = random.unit();
  let k = 0, t = Math.exp(-rate), p = t;
  while (u > p) { k++; t *= rate / k; p += t; }
  return k;
}

describe("count model", () => {
  test("the NB pmf matches the closed form Γ(k+r)/(Γ(r) k!) (r/(r+μ))^r (μ/(r+μ))^k and sums to 1", () => {
    const pmf = nbPmf({ mean: 5.2, size: 7.5 }, 80);
    for (const k of [0, 3, 11]) {
      const r = 7.5, m = 5.2;
      const exact = Math.exp(jStat.gammaln(k + r) - jStat.gammaln(r) - jStat.gammaln(k + 1) + r * Math.log(r / (r + m)) + k * Math.log(m / (r + m)));
      expect(pmf[k]).toBeCloseTo(exact, 12);
    }
    expect(pmf.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    // Mean and variance μ + μ²/r.
    const mean = pmf.reduce((s, p, k) => s + p * k, 0);
    const variance = pmf.reduce((s, p, k) => s + p * (k - mean) ** 2, 0);
    expect(mean).toBeCloseTo(5.2, 8);
    expect(variance).toBeCloseTo(5.2 + 5.2 ** 2 / 7.5, 6);
  });

  test("the fit recovers a known size from 20,000 simulated counts with per-count means", () => {
    const random = seededRandom(42, "nb-fit");
    const means = Array.from({ length: 20_000 }, (_, i) => 3 + (i % 7));
    const y = means.map((m) => drawNb(random, m, 6));
    const fit = fitNegativeBinomial(y, means);
    assert.ok(Math.abs(fit.size - 6) < 0.6, `size ${fit.size}`);
    const sampleMean = y.reduce((a, b) => a + b, 0) / y.length;
    assert.ok(Math.abs(sampleMean - 6) < 0.1, `mean ${sampleMean}`);
    // Poisson counts fit a size at the top of the range: no over-dispersion.
    const poisson = means.map((m) => drawNb(random, m, 1e9));
    assert.ok(fitNegativeBinomial(poisson, means).size > 200);
  });

  test("the split fit recovers a known beta-binomial concentration", () => {
    const random = seededRandom(7, "bb-fit");
    const k: number[] = [], n: number[] = [], p: number[] = [];
    for (let i = 0; i < 8_000; i++) {
      const total = 4 + (i % 12), share = 0.4 + 0.2 * ((i % 5) / 4);
      // Beta(φp, φ(1-p)) by two gammas, then binomial.
      const pmf = betaBinomialPmf(total, 15 * share, 15 * (1 - share), share);
      let u = random.unit(), x = 0;
      while (x < total && u > pmf[x]) { u -= pmf[x]; x++; }
      k.push(x); n.push(total); p.push(share);
    }
    const fit = fitSplitConcentration(k, n, p);
    assert.ok(Math.abs(fit.concentration - 15) < 4, `concentration ${fit.concentration}`);
  });

  test("the count still to come updates on what was seen: more so far, more to come; a Poisson ignores it", () => {
    const prior = { mean: 10, size: 20 };
    expect(remainingCount(prior, 1, 0)).toEqual(prior);
    const quiet = remainingCount(prior, 0.5, 2), busy = remainingCount(prior, 0.5, 9);
    assert.ok(quiet.mean < 5 && busy.mean > 5, `${quiet.mean} ${busy.mean}`);
    expect(busy.mean).toBeCloseTo((10 * 0.5 * 29) / (20 + 5), 12);
    expect(remainingCount({ mean: 10, size: Infinity }, 0.5, 9).mean).toBe(5);
    expect(remainingCount(prior, 0, 14).mean).toBe(0);
    assert.throws(() => remainingCount(prior, 1.5, 0), (e: unknown) => e instanceof InputError && e.code === "counts.invalid_share");
  });
});

const PRE = PRE_MATCH_COUNTS;

const stateArb = fc.record({
  share: fc.double({ min: 0, max: 1, noNaN: true }),
  ch: fc.integer({ min: 0, max: 15 }), ca: fc.integer({ min: 0, max: 15 }),
  yh: fc.integer({ min: 0, max: 6 }), ya: fc.integer({ min: 0, max: 6 }),
  rh: fc.integer({ min: 0, max: 2 }), ra: fc.integer({ min: 0, max: 2 }),
  mh: fc.double({ min: 1, max: 12, noNaN: true }), ma: fc.double({ min: 1, max: 12, noNaN: true }),
}).map(({ share, ch, ca, yh, ya, rh, ra, mh, ma }): CountPricingState => ({
  ...PRE, share,
  corners: { ...PRE.corners, now: { home: ch, away: ca }, means: { home: mh, away: ma } },
  yellowCards: { ...PRE.yellowCards, now: { home: yh, away: ya } },
  redCards: { ...PRE.redCards, now: { home: rh, away: ra } },
}));

describe("corner and card markets", () => {
  test("every market's selections sum to 1 with pushes, for any counts and time left (property)", () => {
    fc.assert(fc.property(stateArb, (state) => {
      for (const group of ["corners", "cards"] as const) {
        for (const m of priceCountGroup(group, state)) {
          const sum = m.selections.reduce((s, x) => s + x.probability + x.push, 0);
          // A two-way line: win + push + the other side's win = 1 for each selection.
          assert.ok(Math.abs(m.selections.length === 2 ? m.selections[0].probability + m.selections[0].push + m.selections[1].probability - 1 : sum - 1) < 1e-9, `${m.key}@${m.line}: ${sum}`);
          for (const s of m.selections) assert.ok(Math.abs(s.probability + s.push + s.lose - 1) < 1e-9);
        }
      }
    }), { numRuns: 60 });
  });

  test("keys are stable and the lines are those offered", () => {
    expect([...new Set(CORNER_MARKETS.map((m) => m.key))]).toEqual(["corners-1x2", "total-corners", "team-corners-home", "team-corners-away", "corner-handicap"]);
    expect([...new Set(CARD_MARKETS.map((m) => m.key))]).toEqual(["total-cards", "booking-points", "team-cards-home", "team-cards-away"]);
    expect(CORNER_MARKETS.filter((m) => m.key === "total-corners").map((m) => m.line)).toEqual([7.5, 8, 8.5, 9, 9.5, 10, 10.5, 11, 11.5, 12, 12.5, 13, 13.5]);
    expect(CARD_MARKETS.filter((m) => m.key === "booking-points").map((m) => m.line)).toEqual([10.5, 20.5, 30.5, 40.5, 50.5, 60.5, 70.5, 80.5]);
  });

  test("a whole line pushes exactly when the count lands on it: total corners 10 at the NB total's P(10)", () => {
    const at10 = priceCountGroup("corners", PRE).find((m) => m.key === "total-corners" && m.line === 10)!;
    const total = nbPmf({ mean: 10.5, size: 88.9 }, 60);
    expect(at10.selections[0].push).toBeCloseTo(total[10], 10);
    const over = 1 - total.slice(0, 11).reduce((a, b) => a + b, 0);
    expect(at10.selections[0].probability).toBeCloseTo(over, 10);
  });

  test("the favourite by expected corners is favourite for most corners, and a corner handicap of 0 splits like draw-no-bet", () => {
    const markets = priceCountGroup("corners", PRE);
    const [home, draw, away] = markets.find((m) => m.key === "corners-1x2")!.selections.map((s) => s.probability);
    assert.ok(home > away && draw > 0.05 && draw < 0.2, `${home} ${draw} ${away}`);
    const ah0 = markets.find((m) => m.key === "corner-handicap" && m.line === 0)!;
    expect(ah0.selections[0].probability).toBeCloseTo(home, 12);
    expect(ah0.selections[0].push).toBeCloseTo(draw, 12);
  });

  test("cards count a yellow 1 and a red 2; booking points 10 and 25", () => {
    const state = { ...PRE, share: 0, yellowCards: { ...PRE.yellowCards, now: { home: 2, away: 1 } }, redCards: { ...PRE.redCards, now: { home: 1, away: 0 } } };
    const cards = priceCountGroup("cards", state);
    // 2 + 1 yellows, 1 red: 5 cards, 55 booking points.
    expect(cards.find((m) => m.key === "total-cards" && m.line === 4.5)!.selections[0].outcome).toBe("won");
    expect(cards.find((m) => m.key === "total-cards" && m.line === 5)!.selections[0].outcome).toBe("push");
    expect(cards.find((m) => m.key === "booking-points" && m.line === 50.5)!.selections[0].outcome).toBe("won");
    expect(cards.find((m) => m.key === "booking-points" && m.line === 60.5)!.selections[0].outcome).toBe("lost");
    expect(cards.find((m) => m.key === "team-cards-home" && m.line === 3.5)!.selections[0].outcome).toBe("won");
  });

  test("over 9.5 corners is decided once the 10th corner is taken, not before; under never before the end", () => {
    const at = (home: number, away: number) => priceCountGroup("corners", { ...PRE, share: 0.4, corners: { ...PRE.corners, now: { home, away } } });
    const line = (ms: ReturnType<typeof at>) => ms.find((m) => m.key === "total-corners" && m.line === 9.5)!;
    expect(line(at(5, 4)).status).toBe("open");
    const decided = line(at(6, 4));
    expect(decided.status).toBe("decided");
    expect(decided.selections.map((s) => s.outcome)).toEqual(["won", "lost"]);
    expect(decided.selections.map((s) => s.fairOdds)).toEqual([null, null]);
    // Home over 5.5 decided too; the 1X2 and the handicap stay open while play is left.
    expect(at(6, 4).find((m) => m.key === "team-corners-home" && m.line === 5.5)!.status).toBe("decided");
    expect(at(6, 4).find((m) => m.key === "corners-1x2")!.status).toBe("open");
    // At the end every market is decided, as settlement has it.
    const end = priceCountGroup("corners", { ...PRE, share: 0, corners: { ...PRE.corners, now: { home: 6, away: 4 } } });
    const settled = (key: string, line: number | null) => settleCountMarket(CORNER_MARKETS.find((m) => m.key === key && m.line === line)!, { corners: { home: 6, away: 4 }, yellowCards: { home: 0, away: 0 }, redCards: { home: 0, away: 0 } });
    for (const m of end) {
      expect(m.status).toBe("decided");
      expect(m.selections.map((s) => s.outcome)).toEqual(settled(m.key, m.line).map((s) => s.outcome));
    }
  });

  test("settlement: handicap pushes on a whole line, abandoned matches void what play could still change", () => {
    const final = { corners: { home: 7, away: 4 }, yellowCards: { home: 2, away: 3 }, redCards: { home: 0, away: 1 } };
    const spec = (key: string, line: number | null) => [...CORNER_MARKETS, ...CARD_MARKETS].find((m) => m.key === key && m.line === line)!;
    expect(settleCountMarket(spec("corner-handicap", -3), final).map((s) => s.outcome)).toEqual(["push", "push"]);
    expect(settleCountMarket(spec("corner-handicap", -2.5), final).map((s) => s.outcome)).toEqual(["won", "lost"]);
    expect(settleCountMarket(spec("corners-1x2", null), final).map((s) => s.outcome)).toEqual(["won", "lost", "lost"]);
    // 2 + 3 yellows and a red: 7 cards; 50 + 25 = 75 points.
    expect(settleCountMarket(spec("total-cards", 7), final).map((s) => s.outcome)).toEqual(["push", "push"]);
    expect(settleCountMarket(spec("booking-points", 70.5), final).map((s) => s.outcome)).toEqual(["won", "lost"]);
    // Abandoned: over 10.5 corners already passed stands; under 13.5 and the 1X2 are void.
    expect(settleCountMarket(spec("total-corners", 10.5), final, true).map((s) => s.outcome)).toEqual(["won", "lost"]);
    expect(settleCountMarket(spec("total-corners", 13.5), final, true).map((s) => s.outcome)).toEqual(["void", "void"]);
    expect(settleCountMarket(spec("corners-1x2", null), final, true).every((s) => s.outcome === "void")).toBe(true);
    assert.throws(() => settleCountMarket(spec("total-corners", 9.5), { ...final, corners: { home: -1, away: 2 } }), (e: unknown) => e instanceof InputError && e.code === "settle.invalid_counts");
    // The rules read only the line's side: home over 5.5 ignores the away count.
    expect(countOutcome("team-home", 5.5, 0, 6, 100)).toBe(4);
  });

  test("bad input is refused with a typed reason", () => {
    assert.throws(() => priceCountGroup("corners", { ...PRE, corners: { ...PRE.corners, means: { home: -1, away: 4 } } }), (e: unknown) => e instanceof InputError && e.code === "counts.invalid_mean");
    assert.throws(() => priceCountGroup("cards", { ...PRE, yellowCards: { ...PRE.yellowCards, now: { home: 1.5, away: 0 } } }), (e: unknown) => e instanceof InputError && e.code === "counts.invalid_counts");
    assert.throws(() => priceCountGroup("corners", { ...PRE, share: 2 }), (e: unknown) => e instanceof InputError && e.code === "counts.invalid_share");
  });

  test("ECE is 0 for forecasts that match their frequencies and grows with a miscalibration", () => {
    const outcomes = Array.from({ length: 1000 }, (_, i) => (i % 4 === 0 ? 0 : 1));
    expect(expectedCalibrationError(outcomes.map(() => [0.25, 0.75]), outcomes)).toBeCloseTo(0, 12);
    expect(expectedCalibrationError(outcomes.map(() => [0.45, 0.55]), outcomes)).toBeCloseTo(0.2, 12);
  });
});

// ---- The feed, the reducer and the pipeline ----

const KICKOFF = Date.parse("2024-08-17T14:00:00Z");
const at = (minutes: number) => new Date(KICKOFF + minutes * 60_000).toISOString();
type Draft = { [K in FootballEvent["type"]]: Omit<Extract<FootballEvent, { type: K }>, "eventId" | "matchId" | "seq"> }[FootballEvent["type"]];

function run(drafts: Draft[]): { state: MatchState; transitions: ReturnType<typeof applyEvent>[] } {
  let state = emptyState("counts-1");
  const transitions: ReturnType<typeof applyEvent>[] = [];
  drafts.forEach((d, i) => {
    const t = applyEvent(state, { ...d, eventId: `c-${i + 1}`, matchId: "counts-1", seq: i + 1 } as FootballEvent);
    transitions.push(t);
    state = { ...t.state, version: state.version + 1 };
  });
  return { state, transitions };
}

const START: Draft[] = [
  { type: "Match Scheduled", occurredAt: at(-60), competition: "Premier League", homeTeam: "Arsenal", awayTeam: "Fulham", kickoff: at(0), expectedGoals: { home: 1.9, away: 0.9 }, countExpectations: { corners: { home: 6.8, away: 3.9 }, yellowCards: { home: 1.3, away: 2 } } },
  { type: "Match Started", occurredAt: at(0) },
];

describe("Corner Taken and cards in the reducer", () => {
  test("Corner Taken is a feed event; a bad one is refused by its schema", () => {
    const good = { eventId: "e1", matchId: "m1", seq: 3, occurredAt: at(5), team: "home", minute: 5 };
    assert.equal(FootballEvents["Corner Taken"].safeParse(good).success, true);
    for (const bad of [{ ...good, team: "both" }, { ...good, minute: -1 }, { ...good, minute: 4.5 }, { ...good, minute: undefined }]) {
      assert.equal(FootballEvents["Corner Taken"].safeParse(bad).success, false, JSON.stringify(bad));
    }
    const result = { eventId: "e9", matchId: "m1", seq: 9, occurredAt: at(100), score: { home: 1, away: 0 }, halfTimeScore: { home: 0, away: 0 } };
    assert.equal(FootballEvents["Result Confirmed"].safeParse({ ...result, corners: { home: 41, away: 0 } }).success, false);
    assert.equal(FootballEvents["Result Confirmed"].safeParse({ ...result, corners: { home: 4, away: 2 } }).success, true);
  });

  test("a corner counts and reprices the corners group alone, suspending nothing; a yellow card the cards group", () => {
    const { state, transitions } = run([...START, { type: "Corner Taken", occurredAt: at(3), team: "home", minute: 3 }, { type: "Card Shown", occurredAt: at(9), team: "away", colour: "yellow", minute: 9 }]);
    expect(footballOf(state).corners).toEqual({ home: 1, away: 0 });
    expect(footballOf(state).yellowCards).toEqual({ home: 0, away: 1 });
    expect(transitions[2].effects).toMatchObject({ suspend: null, reprice: ["corners"] });
    expect(transitions[3].effects).toMatchObject({ suspend: null, reprice: ["cards"] });
    expect(transitions[2].reason).toBe("home corner in minute 3: 1-0 corners");
    // The pricing job of a group-limited change prices that group alone; a tick prices them all.
    expect(pricingJob(state, at(10), transitions[3].effects.reprice).groups).toEqual(["cards"]);
    expect(pricingJob(state, at(10)).groups).toEqual([...MARKET_GROUPS]);
  });

  test("a red card still suspends and reprices everything", () => {
    const { transitions } = run([...START, { type: "Card Shown", occurredAt: at(20), team: "home", colour: "red", minute: 20 }]);
    expect(transitions[2].effects).toMatchObject({ suspend: "red card", reprice: true });
  });

  test("repricings merge: every group wins over a list, lists join", () => {
    expect(mergeEffects({ ...NO_EFFECTS, reprice: ["corners"] }, { ...NO_EFFECTS, reprice: ["cards"] }).reprice).toEqual(["corners", "cards"]);
    expect(mergeEffects({ ...NO_EFFECTS, reprice: ["corners"] }, { ...NO_EFFECTS, reprice: true }).reprice).toBe(true);
    expect(mergeEffects({ ...NO_EFFECTS, reprice: false }, { ...NO_EFFECTS, reprice: ["cards"] }).reprice).toEqual(["cards"]);
    expect(groupsToReprice(["cards", "nope"], MARKET_GROUPS)).toEqual(["cards"]);
  });

  test("a corner outside play or past the bound changes nothing and says why", () => {
    const before = run([START[0], { type: "Corner Taken", occurredAt: at(-5), team: "home", minute: 0 }]);
    expect(before.transitions[1].reason).toBe("ignored: no corner is taken outside play");
    expect(footballOf(before.state).corners).toEqual({ home: 0, away: 0 });
    const many: Draft[] = Array.from({ length: MAX_CORNERS + 1 }, (_, i) => ({ type: "Corner Taken", occurredAt: at(1 + i), team: "away", minute: 1 + i }));
    const full = run([...START, ...many]);
    expect(footballOf(full.state).corners).toEqual({ home: 0, away: MAX_CORNERS });
    expect(full.transitions.at(-1)!.reason).toBe(`ignored: more than ${MAX_CORNERS} away corners is a feed error`);
    expect(full.transitions.at(-1)!.effects.reprice).toBe(false);
    const yellows: Draft[] = Array.from({ length: MAX_YELLOW_CARDS + 1 }, (_, i) => ({ type: "Card Shown", occurredAt: at(1 + i), team: "home", colour: "yellow", minute: 1 + i }));
    expect(run([...START, ...yellows]).transitions.at(-1)!.reason).toBe(`ignored: more than ${MAX_YELLOW_CARDS} home yellow cards is a feed error`);
  });

  test("the model prices corners and cards from the counts so far and the schedule's expectations", async () => {
    const { state } = run([...START, ...Array.from({ length: 10 }, (_, i): Draft => ({ type: "Corner Taken", occurredAt: at(2 + i), team: i % 3 === 0 ? "away" : "home", minute: 2 + i }))]);
    const job = pricingJob(state, at(15), ["corners"]);
    const [corners] = job.groups.map((g) => footballModel.price(g, job.situation as never));
    const over = corners.find((m) => m.key === "total-corners" && m.line === 9.5)!;
    expect(over.status).toBe("decided");
    const o115 = corners.find((m) => m.key === "total-corners" && m.line === 11.5)!;
    // Not decided, and so likely that no price within the ladder is offered for it.
    assert.ok(o115.status === "suspended" && o115.selections[0].probability > 0.99, `${o115.status} ${o115.selections[0].probability}`);
    // Offered at the group's margin.
    const line = corners.find((m) => m.key === "total-corners" && m.line === 13.5)!;
    assert.ok(line.selections.every((s) => s.odds !== null));
  });

  test("settlement takes the confirmed counts over the feed's, and the reason records the disagreement", () => {
    const drafts: Draft[] = [
      ...START,
      { type: "Corner Taken", occurredAt: at(3), team: "home", minute: 3 },
      { type: "Card Shown", occurredAt: at(30), team: "away", colour: "yellow", minute: 30 },
      { type: "Period Ended", occurredAt: at(46), period: "1H", minute: 46 },
      { type: "Period Started", occurredAt: at(61), period: "2H" },
      { type: "Match Ended", occurredAt: at(108), minute: 93 },
    ];
    const feedOnly = run([...drafts, { type: "Result Confirmed", occurredAt: at(110), score: { home: 0, away: 0 }, halfTimeScore: { home: 0, away: 0 } }]);
    const outcome = (state: MatchState, key: string) => football.settle(footballOf(state), { abandoned: false }).markets.find((m) => m.key === key)!.selections.map((s) => s.outcome);
    expect(outcome(feedOnly.state, "total-corners|7.5|-")).toEqual(["lost", "won"]);
    expect(outcome(feedOnly.state, "team-cards-away|0.5|-")).toEqual(["won", "lost"]);
    const official = run([...drafts, { type: "Result Confirmed", occurredAt: at(110), score: { home: 0, away: 0 }, halfTimeScore: { home: 0, away: 0 }, corners: { home: 6, away: 3 }, yellowCards: { home: 0, away: 1 } }]);
    expect(official.transitions.at(-1)!.reason).toBe("result confirmed: 0-0 (half time 0-0); corners confirmed 6-3, the feed counted 1-0 (the confirmed counts settle)");
    expect(footballOf(official.state).result?.counts?.disagreement).toMatch(/corners confirmed 6-3/);
    expect(outcome(official.state, "total-corners|7.5|-")).toEqual(["won", "lost"]);
    expect(outcome(official.state, "team-cards-away|0.5|-")).toEqual(["won", "lost"]);
  });
});
