/**
 * Fits the in-play goal-time profile and the red-card effect, and writes them into the
 * repository as packages/core/src/sports/football/models/goal-profile-fit.ts, with the slice
 * of the source data the tests check the fit against in data/goal-times/.
 *
 *   npx tsx scripts/fit-goal-profile.ts [--source /work/shared/data] [--from 2010-01-01]
 *
 * Goal minutes (intl_goalscorers.csv) record stoppage-time goals as 45 or 90, so those
 * two minutes heap; the trend of each half is fitted by maximum likelihood on the
 * minutes in between and the heap above the trend is the half's stoppage-time goals.
 * World Cup goal offsets (90+3) give the length of stoppage time. football-data.co.uk
 * half-time and full-time scores with red-card counts give a rough red-card effect.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { parseCsvRecords, parseFootballData } from "@pricing/core/sports/football/models/csv";
import { stoppageMinutesBeyond, type HalfFit } from "@pricing/core/sports/football/models/goal-profile";
import { estimateRedCardEffect, type ExposureSlice } from "./red-card-estimate";

const repo = new URL("..", import.meta.url).pathname;
const { values: args } = parseArgs({
  options: { source: { type: "string", default: "/work/shared/data" }, from: { type: "string", default: "2010-01-01" } },
});
const source = args.source!;
// From 2010: earlier records do not fold stoppage goals into 45 and 90 consistently. The
// goals at minute 90 relative to minutes 87-89 are 0.5x before 1970, 0.9x in 1970-89,
// 1.6x in the 1990s, 3.5x in the 2000s and 5.8x since 2010; the first-half share drifts
// from 47.7% (before 1970) to 43.8% (since 2010) with them.
const fromDate = args.from!;
const goalTimes = join(source, "goal-times");
const WORLD_CUPS = ["worldcup_2014.json", "worldcup_2018.json", "worldcup_2022.json"];
/** Stoppage length is Erlang(2): the offsets cannot tell shapes 1 to 4 apart, and 2 is the smallest whose mean residual falls as stoppage runs on. */
const STOPPAGE_SHAPE = 2;

/** Maximises a unimodal function on [lo, hi] by golden-section search. */
function maximise(f: (x: number) => number, lo: number, hi: number, tol = 1e-10): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let a = lo, b = hi, c = b - g * (b - a), d = a + g * (b - a);
  let fc = f(c), fd = f(d);
  while (b - a > tol) {
    if (fc > fd) { b = d; d = c; fd = fc; c = b - g * (b - a); fc = f(c); }
    else { a = c; c = d; fc = fd; d = a + g * (b - a); fd = f(d); }
  }
  return (a + b) / 2;
}

/** Goal minutes since `fromDate`: counts by minute 1..90, and the rows kept for the tests. */
function readGoalMinutes(): { counts: number[]; rows: string[]; dropped: Record<string, number> } {
  const records = parseCsvRecords(readFileSync(join(goalTimes, "intl_goalscorers.csv"), "utf8"));
  const header = records[0].fields;
  const dateAt = header.indexOf("date"), minuteAt = header.indexOf("minute");
  const counts = new Array<number>(91).fill(0);
  const rows: string[] = [];
  const dropped = { beforeFrom: 0, noMinute: 0, extraTime: 0 };
  for (const { fields } of records.slice(1)) {
    if (fields.length < header.length) continue;
    const date = fields[dateAt], minute = Number(fields[minuteAt]);
    if (date < fromDate) { dropped.beforeFrom++; continue; }
    rows.push(`${date},${fields[minuteAt]}`);
    if (!Number.isInteger(minute) || minute < 1) dropped.noMinute++;
    else if (minute > 90) dropped.extraTime++;
    else counts[minute]++;
  }
  return { counts, rows, dropped };
}

/** Goals expected in minute m (covering (m-1, m]) per unit start rate, for a log-linear trend from `start`. */
function minuteWeight(slope: number, start: number, m: number): number {
  const u = m - 1 - start;
  return Math.abs(slope) < 1e-12 ? 1 : (Math.exp(slope * u) * Math.expm1(slope)) / slope;
}

/**
 * Fits one half: the log-linear trend by Poisson maximum likelihood on the minutes
 * between the kick-off minute and the heaped last minute (start rate profiled out);
 * the kick-off factor and the stoppage goals are what the first and last minutes hold
 * beyond the trend.
 */
function fitHalf(counts: number[], start: number, stoppageMeanMinutes: number): HalfFit & { startRate: number; expected: number[] } {
  const first = start + 1, last = start + 45;
  const inner = counts.map((c, m) => ({ c, m })).filter(({ m }) => m > first && m < last);
  const total = inner.reduce((s, { c }) => s + c, 0);
  const logLik = (slope: number) => {
    const mass = inner.reduce((s, { m }) => s + minuteWeight(slope, start, m), 0);
    return inner.reduce((s, { c, m }) => s + c * Math.log(minuteWeight(slope, start, m) / mass), 0);
  };
  const slope = maximise(logLik, -0.1, 0.1);
  const startRate = total / inner.reduce((s, { m }) => s + minuteWeight(slope, start, m), 0);
  const expected = counts.map((_, m) => (m >= first && m <= last ? startRate * minuteWeight(slope, start, m) : 0));
  const kickoffFactor = counts[first] / expected[first];
  const stoppageGoals = counts[last] - expected[last];
  if (!(stoppageGoals > 0)) throw new Error(`no heap at minute ${last}: the data do not fold stoppage goals into it`);
  expected[first] = counts[first];
  const regularGoals = expected.reduce((s, e) => s + e, 0);
  return { slopePerMinute: slope, kickoffFactor, regularGoals, stoppageGoals, stoppageMeanMinutes, startRate, expected };
}

/** Stoppage-time goal offsets from the World Cup files: 45+x and 90+x (extra time left out). */
function readOffsets(): { firstHalf: number[]; secondHalf: number[]; matches: number } {
  const out = { firstHalf: [] as number[], secondHalf: [] as number[], matches: 0 };
  for (const file of WORLD_CUPS) {
    const cup = JSON.parse(readFileSync(join(goalTimes, file), "utf8")) as {
      matches: { goals1?: { minute: number; offset?: number }[]; goals2?: { minute: number; offset?: number }[] }[];
    };
    for (const match of cup.matches) {
      out.matches++;
      for (const goal of [...(match.goals1 ?? []), ...(match.goals2 ?? [])]) {
        if (!goal.offset) continue;
        if (goal.minute === 45) out.firstHalf.push(goal.offset);
        else if (goal.minute === 90) out.secondHalf.push(goal.offset);
      }
    }
  }
  return out;
}

/**
 * Mean stoppage length by maximum likelihood on goal offsets: with goals at a constant
 * rate through stoppage, an offset's density is P(S > x) / E[S], and offset o (45+o)
 * covers (o-1, o].
 */
function fitStoppageMean(offsets: number[], shape: number): { mean: number; logLik: number } {
  const logLik = (mean: number) =>
    offsets.reduce((s, o) => s + Math.log((stoppageMinutesBeyond(shape, mean, o - 1) - stoppageMinutesBeyond(shape, mean, o)) / mean), 0);
  const mean = maximise(logLik, 0.2, 20, 1e-8);
  return { mean, logLik: logLik(mean) };
}

/** First-half share of goals in the Premier League files (E0_*.csv): the club figure the split is calibrated to. */
function premierLeagueFirstHalfShare(): { share: number; seasons: number } {
  const dir = join(source, "football-data");
  const files = readdirSync(dir).filter((f) => /^E0_.*\.csv$/.test(f));
  let firstHalf = 0, all = 0;
  for (const file of files) {
    for (const m of parseFootballData(readFileSync(join(dir, file), "latin1")).matches) {
      if (!m.halfTime) continue;
      firstHalf += m.halfTime.home + m.halfTime.away;
      all += m.homeGoals + m.awayGoals;
    }
  }
  return { share: firstHalf / all, seasons: files.length };
}

/** Elapsed-time slices of the data's expected goals, for the red-card exposure integrals. */
function exposureSlices(halves: ReturnType<typeof fitHalf>[]): ExposureSlice[] {
  const [h1, h2] = halves;
  const slices: ExposureSlice[] = [];
  for (let m = 1; m <= 45; m++) slices.push({ half: 1, elapsed: m - 0.5, goals: h1.expected[m] });
  slices.push({ half: 1, elapsed: 45 + h1.stoppageMeanMinutes / 2, goals: h1.stoppageGoals });
  const offset = h1.stoppageMeanMinutes;
  for (let m = 46; m <= 90; m++) slices.push({ half: 2, elapsed: m - 0.5 + offset, goals: h2.expected[m] });
  slices.push({ half: 2, elapsed: 90 + offset + h2.stoppageMeanMinutes / 2, goals: h2.stoppageGoals });
  return slices;
}

const round = (x: number, digits = 6) => Number(x.toPrecision(digits));

function main(): void {
  const { counts, rows, dropped } = readGoalMinutes();
  const offsets = readOffsets();
  const shapeFits = [1, 2, 3, 4].map((shape) => ({
    shape,
    logLik: fitStoppageMean(offsets.firstHalf, shape).logLik + fitStoppageMean(offsets.secondHalf, shape).logLik,
  }));
  const stop1 = fitStoppageMean(offsets.firstHalf, STOPPAGE_SHAPE), stop2 = fitStoppageMean(offsets.secondHalf, STOPPAGE_SHAPE);
  const h1 = fitHalf(counts, 0, stop1.mean), h2 = fitHalf(counts, 45, stop2.mean);
  const goals = counts.reduce((s, c) => s + c, 0);
  const firstHalfGoals = counts.slice(1, 46).reduce((s, c) => s + c, 0);
  const epl = premierLeagueFirstHalfShare();
  const redCards = estimateRedCardEffect(join(source, "football-data"), exposureSlices([h1, h2]));

  const half = (h: ReturnType<typeof fitHalf>) => ({
    slopePerMinute: round(h.slopePerMinute), kickoffFactor: round(h.kickoffFactor), regularGoals: round(h.regularGoals),
    stoppageGoals: round(h.stoppageGoals), stoppageMeanMinutes: round(h.stoppageMeanMinutes),
  });
  const fit = {
    source: `intl_goalscorers.csv (martj42/international_results), goals on or after ${fromDate}, minutes 1-90; World Cup 2014-2022 offsets (openfootball/worldcup.json)`,
    fromDate,
    goals,
    dropped,
    dataFirstHalfShare: round(firstHalfGoals / goals),
    premierLeagueFirstHalfShare: round(epl.share),
    premierLeagueSeasons: epl.seasons,
    worldCupMatches: offsets.matches,
    stoppageGoalOffsets: { firstHalf: offsets.firstHalf.length, secondHalf: offsets.secondHalf.length },
    stoppageShape: STOPPAGE_SHAPE,
    stoppageShapeLogLik: shapeFits.map((s) => ({ shape: s.shape, logLik: round(s.logLik) })),
    firstHalf: half(h1),
    secondHalf: half(h2),
  };
  writeGenerated(fit, redCards);
  writeData(rows);
  console.log(JSON.stringify({ ...fit, redCards }, null, 2));
  reportBins(counts, h1.expected, h2.expected);
}

/** 5-minute bins, observed against the fit, as a goodness-of-fit check for the log. */
function reportBins(counts: number[], e1: number[], e2: number[]): void {
  let chi2 = 0, bins = 0;
  for (const [lo, hi] of [[2, 44], [47, 89]]) {
    for (let m = lo; m <= hi; m += 5) {
      let o = 0, e = 0;
      for (let k = m; k < Math.min(m + 5, hi + 1); k++) { o += counts[k]; e += (k <= 45 ? e1 : e2)[k]; }
      chi2 += ((o - e) * (o - e)) / e;
      bins++;
      console.log(`minutes ${m}-${Math.min(m + 4, hi)}: observed ${o}, fitted ${e.toFixed(1)}`);
    }
  }
  console.log(`Pearson chi-square over ${bins} bins: ${chi2.toFixed(2)} (2 fitted parameters per half)`);
}

/** A TypeScript object literal: JSON with bare keys. */
const literal = (value: object) => JSON.stringify(value, null, 2).replace(/^(\s*)"(\w+)":/gm, "$1$2:");

function writeGenerated(fit: object, redCards: object): void {
  const body = [
    "// Generated by scripts/fit-goal-profile.ts from the goal-time and football-data files; do not edit.",
    "// Re-run the script to refit. See goal-profile.ts and red-cards.ts for how the numbers are used.",
    'import type { GoalProfileFit, RedCardFit } from "./fit-types";',
    "",
    `export const FITTED_GOAL_PROFILE = ${literal(fit)} as const satisfies GoalProfileFit;`,
    "",
    `export const FITTED_RED_CARD_EFFECT = ${literal(redCards)} as const satisfies RedCardFit;`,
    "",
  ].join("\n");
  writeFileSync(join(repo, "packages/core/src/sports/football/models/goal-profile-fit.ts"), body);
}

/** The slice of the source data the tests recompute the fit's figures from, with its provenance. */
function writeData(rows: string[]): void {
  const dir = join(repo, "data/goal-times");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "intl_goal_minutes.csv"), ["date,minute", ...rows, ""].join("\n"));
  for (const file of WORLD_CUPS) writeFileSync(join(dir, file), readFileSync(join(goalTimes, file)));
  const sources = readFileSync(join(source, "MANIFEST.tsv"), "utf8").split("\n").map((line) => line.split("\t"));
  const lines = ["file\trepo\tpath\tcommit\tcontents"];
  for (const [local, repoName, path, commit] of sources) {
    if (local === "goal-times/intl_goalscorers.csv") {
      lines.push(`intl_goal_minutes.csv\t${repoName}\t${path}\t${commit}\tdate and minute of every goal on or after ${fromDate}, source order`);
    } else if (WORLD_CUPS.some((f) => local === `goal-times/${f}`)) {
      lines.push(`${local.slice("goal-times/".length)}\t${repoName}\t${path}\t${commit}\tunchanged copy`);
    }
  }
  if (lines.length !== 1 + 1 + WORLD_CUPS.length) throw new Error(`MANIFEST.tsv in ${source} lacks the goal-time sources`);
  writeFileSync(join(dir, "MANIFEST.tsv"), [...lines, ""].join("\n"));
}

main();
