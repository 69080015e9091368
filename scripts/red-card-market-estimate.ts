/**
 * The red-card effect measured against the market and the in-play model: in
 * football-data.co.uk files with Pinnacle's closing prices, each side's second-half
 * goals over what the in-play model expects at half time (expected goals inverted
 * from the closing 1X2 and over/under 2.5 through the engine's own inversion, the
 * half-time score with its score-state effect, no cards) compare sides shown the only
 * red card of a match, their opponents, and matches with one red card each, with
 * matches without red cards. The market absorbs team strength and home advantage;
 * conditioning on the half-time score keeps first-half goals (which provoke cards)
 * out, and keeps the score-state effect the model applies anyway from being counted
 * twice.
 *
 * A card at minute T scales a side's rate by f from T on, so second-half goals over
 * expectation are 1 + (f - 1) B with B the expected share of the second half still to
 * come at the card (1 for a first-half card; the goal profile; card times with a
 * hazard rising linearly, mean about minute 63; other timings reported). The
 * whole-match ratio (no half-time conditioning) is printed too: goals before a card
 * provoke it, so it overstates the effect. Uncertainty: a bootstrap over matches
 * (2,000 resamples), percentile 95% intervals.
 *
 *   npx tsx scripts/red-card-market-estimate.ts [/work/shared/data/football-data]
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { removeMargin } from "@pricing/core/margin/remove";
import { closingMatchOdds, closingOverUnder25, parseFootballData } from "@pricing/core/sports/football/models/csv";
import { remainingShare } from "@pricing/core/sports/football/models/goal-profile";
import { remainingExpectedGoals } from "@pricing/core/sports/football/models/inplay";
import { marketExpectedGoals } from "@pricing/core/sports/football/models/invert";

const dir = process.argv[2] ?? "/work/shared/data/football-data";
interface Side { goals: number; expected: number }
interface Row { home: Side; away: Side; hr: number; ar: number; secondHalf: { home: Side; away: Side } }

const rows: Row[] = [];
const files = readdirSync(dir).filter((f) => f.endsWith(".csv")).sort();
for (const file of files) {
  for (const m of parseFootballData(readFileSync(join(dir, file), "latin1")).matches) {
    const odds = closingMatchOdds(m);
    if (!odds || !m.redCards || !m.halfTime) continue;
    const ou = closingOverUnder25(m);
    try {
      const [h, d, a] = removeMargin(odds, "shin").probabilities;
      const xg = marketExpectedGoals(ou ? { matchResult: [h, d, a], overUnder25: removeMargin(ou, "shin").probabilities as [number, number] } : { matchResult: [h, d, a] });
      const ht = m.halfTime;
      const rest = remainingExpectedGoals({ ...xg, period: "HT", minute: 45, score: ht, halfTimeScore: ht, redCards: { home: 0, away: 0 } }).fullTime;
      rows.push({
        home: { goals: m.homeGoals, expected: xg.homeXg }, away: { goals: m.awayGoals, expected: xg.awayXg }, hr: m.redCards.home, ar: m.redCards.away,
        secondHalf: { home: { goals: m.homeGoals - ht.home, expected: rest.home }, away: { goals: m.awayGoals - ht.away, expected: rest.away } },
      });
    } catch { /* an unusable book */ }
  }
}

/**
 * Expected share still to come at a red card of the match (or, `secondHalf`, of the
 * second half: 1 for a first-half card), card times over 95 minutes of play with cdf
 * (t / 95)^power.
 */
function shareAfterCard(power: number, secondHalf: boolean): number {
  const secondHalfShare = remainingShare("HT", 45);
  let b = 0, mass = 0;
  for (let t = 0.25; t < 95; t += 0.5) {
    const w = (t / 95) ** (power - 1);
    const period = t < 47 ? "1H" : "2H";
    const left = remainingShare(period, period === "2H" ? t - 2 : Math.min(t, 47));
    b += w * (secondHalf ? Math.min(1, left / secondHalfShare) : left);
    mass += w;
  }
  return b / mass;
}

/**
 * The within-match estimate (scripts/red-card-estimate.ts, the factors in use): the
 * change in a side's second-to-first-half goal ratio against matches without red
 * cards, f = 1 + A1 A2 (r - 1) / (A1 B2 - r A2 B1) with A the halves' shares of the
 * goal profile and B those shares weighted by the chance the card has been shown.
 */
function halfRatioExposure(power: number) {
  let a1 = 0, a2 = 0, b1 = 0, b2 = 0;
  for (let t = 0.25; t < 95; t += 0.5) {
    const period = t < 47 ? "1H" : "2H";
    const minute = period === "2H" ? t - 2 : Math.min(t, 47);
    const next = period === "2H" ? Math.min(minute + 0.5, 110) : Math.min(minute + 0.5, 47);
    const g = remainingShare(period, minute) - remainingShare(period, next);
    const seen = (t / 95) ** power;
    if (period === "1H") { a1 += g; b1 += g * seen; } else { a2 += g; b2 += g * seen; }
  }
  return { a1, a2, b1, b2 };
}
/** The exposure of the card times in use (power 2), computed once: every bootstrap resample reuses it. */
const WITHIN_EXPOSURE = halfRatioExposure(2);
function halfRatioFactor(r: number): number {
  const { a1, a2, b1, b2 } = WITHIN_EXPOSURE;
  return 1 + (a1 * a2 * (r - 1)) / (a1 * b2 - r * a2 * b1);
}

type Sample = { none: Row[]; one: Row[]; both: Row[] };
const groups: Sample = {
  none: rows.filter((r) => r.hr === 0 && r.ar === 0),
  one: rows.filter((r) => r.hr + r.ar === 1),
  both: rows.filter((r) => r.hr === 1 && r.ar === 1),
};

function factors(s: Sample, b: number, secondHalf = true) {
  const ratio = (sides: Side[]) => sides.reduce((x, y) => x + y.goals, 0) / sides.reduce((x, y) => x + y.expected, 0);
  const of = (r: Row) => (secondHalf ? r.secondHalf : r);
  const base = ratio(s.none.flatMap((r) => [of(r).home, of(r).away]));
  const penalised = ratio(s.one.map((r) => (r.hr ? of(r).home : of(r).away))) / base;
  const opponent = ratio(s.one.map((r) => (r.hr ? of(r).away : of(r).home))) / base;
  const pair = ratio(s.both.flatMap((r) => [of(r).home, of(r).away])) / base;
  const halves = (sides: { first: number; second: number }[]) => sides.reduce((x, y) => x + y.second, 0) / sides.reduce((x, y) => x + y.first, 0);
  const split = (r: Row, side: "home" | "away") => ({ first: r[side].goals - r.secondHalf[side].goals, second: r.secondHalf[side].goals });
  const none = halves(s.none.flatMap((r) => [split(r, "home"), split(r, "away")]));
  const within = {
    penalised: halfRatioFactor(halves(s.one.map((r) => split(r, r.hr ? "home" : "away"))) / none),
    opponent: halfRatioFactor(halves(s.one.map((r) => split(r, r.hr ? "away" : "home"))) / none),
  };
  return { base, penalised: 1 + (penalised - 1) / b, opponent: 1 + (opponent - 1) / b, pair: 1 + (pair - 1) / b, within };
}

let seed = 12345;
/** mulberry32: a small seeded generator, so the intervals are reproducible. */
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const resample = <T>(xs: T[]) => xs.map(() => xs[Math.floor(random() * xs.length)]);
const b = shareAfterCard(2, true);
const point = factors(groups, b);
const boot = Array.from({ length: 2000 }, () => factors({ none: resample(groups.none), one: resample(groups.one), both: resample(groups.both) }, b));
/** A point estimate with its bootstrap standard error and percentile 95% interval. */
const interval = (factor: number, draws: number[]) => {
  const xs = [...draws].sort((x, y) => x - y);
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  const se = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1));
  return { factor: +factor.toFixed(4), se: +se.toFixed(4), ci95: [+xs[50].toFixed(4), +xs[1949].toFixed(4)] };
};
const summary = (key: "penalised" | "opponent" | "pair") => interval(point[key], boot.map((f) => f[key]));
console.log(JSON.stringify({
  files: files.length, matches: rows.length, withoutRedCards: groups.none.length, withOneRedCard: groups.one.length, withOneEach: groups.both.length,
  secondHalfGoalsOverExpectedWithoutRedCards: +point.base.toFixed(4), shareOfSecondHalfAfterCard: +b.toFixed(4),
  penalised: summary("penalised"), opponent: summary("opponent"), oneEach: summary("pair"),
  withinMatch: (["penalised", "opponent"] as const).map((key) => ({ side: key, ...interval(point.within[key], boot.map((f) => f.within[key])) })),
  sensitivity: [1, 3].map((power) => {
    const f = factors(groups, shareAfterCard(power, true));
    return { meanRedCardMinute: Math.round((95 * power) / (power + 1)), penalised: +f.penalised.toFixed(4), opponent: +f.opponent.toFixed(4), oneEach: +f.pair.toFixed(4) };
  }),
  wholeMatch: (() => {
    const f = factors(groups, shareAfterCard(2, false), false);
    return { penalised: +f.penalised.toFixed(4), opponent: +f.opponent.toFixed(4), oneEach: +f.pair.toFixed(4) };
  })(),
}, null, 2));
