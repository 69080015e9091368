/**
 * The count settings re-tuned each close season (walk-forward tuning), corners and
 * cards apart (their forecasts share nothing): every point of a count's grid walked
 * once over EPL 2011/12 to 2021/22, each season's log-loss of the count's scored lines
 * kept. Season S is then priced with the point of the lowest log-loss (the lines
 * summed) over 2012/13 to the season before S; the live settings with the point of
 * the lowest over every season. Tuning only ever sees seasons before the one scored.
 * `choose` prints each season's point, whether COUNT_TUNES holds it, and the scored
 * seasons' metrics: re-tuned, with the backtest's own walk (COUNT_TUNES), and with the
 * 2012/13-2018/19 hand choice held.
 *
 *   npx tsx scripts/retune-counts.ts walk --count cards --shard 0/2 --out /tmp/cards-0.json
 *   npx tsx scripts/retune-counts.ts choose --count cards /tmp/cards-0.json /tmp/cards-1.json
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { parseFootballData } from "@pricing/core/sports/football/models/csv";
import { scoreCounts, summarizeCounts, walkCounts, type CountSeason, type CountWalk, type ScoredMarket } from "@pricing/core/sports/football/backtest/counts";
import { COUNT_FORECAST_BASE, COUNT_TUNES, countTuneOn, type CountForecastParams, type CountTune, type RatingTune } from "@pricing/core/sports/football/models/count-forecast";
import { logLoss } from "@pricing/core/backtest/scores";

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { data: { type: "string", default: "data/football-data" }, count: { type: "string", default: "cards" }, shard: { type: "string", default: "0/1" }, out: { type: "string" } },
});

const FILES = ["1112", "1213", "1314", "1415", "1516", "1617", "1718", "1819", "1920", "2021", "2122"];
const SCORED = ["E0_1920", "E0_2021", "E0_2122"];

/** A grid point: the count's rating settings and, for cards, the referee's prior. */
interface Point extends RatingTune { refereePriorCards?: number }

interface Count {
  grid: Point[];
  params(p: Point): CountForecastParams;
  /** The count's scored lines of a walk. */
  lines(walk: CountWalk): ScoredMarket[];
  /** A re-tune's point for this count. */
  of(tune: Pick<CountTune, "corners" | "yellowCards" | "refereePriorCards">): Point;
}

const grid = (shrinks: number[], halfLives: number[], priors: number[], referees: (number | undefined)[]): Point[] =>
  shrinks.flatMap((totalShrink) => halfLives.flatMap((halfLifeDays) => priors.flatMap((priorMatches) => referees.map((refereePriorCards) => ({ totalShrink, halfLifeDays, priorMatches, refereePriorCards })))));

const COUNTS: Record<"cards" | "corners", Count> = {
  cards: {
    grid: grid([0.5, 0.6, 0.7, 0.85, 1, 1.15, 1.3], [90, 150, 240, 365], [16, 32, 64], [20, 40, 80, 160]),
    params: ({ refereePriorCards, ...rating }) => ({ ...COUNT_FORECAST_BASE, yellowCards: { ...COUNT_FORECAST_BASE.yellowCards, ...rating }, referee: { ...COUNT_FORECAST_BASE.referee, priorCards: refereePriorCards! } }),
    lines: (walk) => scoreCounts(walk).cards,
    of: (t) => ({ ...t.yellowCards, refereePriorCards: t.refereePriorCards }),
  },
  corners: {
    grid: grid([0.3, 0.4, 0.5, 0.6, 0.7, 0.85, 1], [180, 365, 730], [16, 32, 64, 128], [undefined]),
    params: ({ refereePriorCards: _, ...rating }) => ({ ...COUNT_FORECAST_BASE, corners: { ...COUNT_FORECAST_BASE.corners, ...rating } }),
    lines: (walk) => scoreCounts(walk).corners,
    of: (t) => ({ ...t.corners, refereePriorCards: undefined }),
  },
};
if (args.count !== "cards" && args.count !== "corners") throw new Error(`--count is cards or corners, not ${args.count}`);
const count = COUNTS[args.count];

interface PointResult {
  point: Point;
  /** Each season's matches and summed log-loss of each scored line. */
  seasons: Record<string, { matches: number; logLoss: number[] }>;
  /** Each scored line's model probabilities on the scored seasons' matches, in date order. */
  scored: number[][][];
}

/** Summed log-loss of the count's lines over the given seasons. */
const loss = (r: PointResult, seasons: readonly string[]) => seasons.reduce((a, s) => a + (r.seasons[s]?.logLoss.reduce((x, y) => x + y, 0) ?? 0), 0);
const samePoint = (a: Point, b: Point) => a.totalShrink === b.totalShrink && a.halfLifeDays === b.halfLifeDays && a.priorMatches === b.priorMatches && a.refereePriorCards === b.refereePriorCards;
const seasons: CountSeason[] = FILES.map((s) => ({ label: `E0_${s}`, matches: parseFootballData(readFileSync(join(args.data!, `E0_${s}.csv`), "utf8")).matches }));

if (positionals[0] === "walk") {
  if (!args.out) throw new Error("walk needs --out FILE");
  const [k, n] = args.shard!.split("/").map(Number);
  const out: PointResult[] = [];
  count.grid.forEach((point, i) => {
    if (i % n !== k) return;
    const walk = walkCounts(seasons, { from: "2012-07-01", forecast: count.params(point) });
    const lines = count.lines(walk);
    const bySeason: PointResult["seasons"] = {};
    walk.records.forEach((r, j) => {
      const s = (bySeason[r.season] ??= { matches: 0, logLoss: lines.map(() => 0) });
      s.matches++;
      lines.forEach((m, l) => { s.logLoss[l] += logLoss(m.model[j], m.outcome[j]); });
    });
    const scoredRows = walk.records.flatMap((r, j) => (SCORED.includes(r.season) ? [j] : []));
    out.push({ point, seasons: bySeason, scored: lines.map((m) => scoredRows.map((j) => m.model[j])) });
    console.error(`${i + 1}/${count.grid.length}`, JSON.stringify(point));
  });
  writeFileSync(args.out, JSON.stringify(out));
} else if (positionals[0] === "choose") {
  const results: PointResult[] = positionals.slice(1).flatMap((f) => JSON.parse(readFileSync(f, "utf8")) as PointResult[]);
  // The baseline, the outcomes and each record's season: the same whatever the point
  // (they read the data alone); the records are the scored seasons' matches in the
  // order of each point's `scored`.
  const walk = walkCounts(seasons, { from: "2019-07-01", forecast: COUNT_FORECAST_BASE });
  const lines = count.lines(walk);
  const recordSeasons = walk.records.map((r) => r.season);
  const tuning = FILES.slice(1).map((s) => `E0_${s}`);
  // The hand choice on 2012/13-2018/19 (COUNT_FORECAST_BASE), held for every season.
  const base = COUNT_FORECAST_BASE;
  const hand = count.of({ corners: { ...base.corners, totalShrink: base.corners.totalShrink ?? 1 }, yellowCards: { ...base.yellowCards, totalShrink: base.yellowCards.totalShrink ?? 1 }, refereePriorCards: base.referee.priorCards });
  const held = results.find((r) => samePoint(r.point, hand));
  if (!held) throw new Error("the hand choice is not in the grid");
  const assembled: ScoredMarket[] = lines.map((m) => ({ ...m, model: [] as number[][] }));
  for (const season of [...SCORED, "live"]) {
    const earlier = season === "live" ? tuning : tuning.slice(0, tuning.indexOf(season));
    const ranked = [...results].sort((a, b) => loss(a, earlier) - loss(b, earlier));
    const best = ranked[0];
    const n = earlier.reduce((a, s) => a + best.seasons[s].matches, 0);
    const perLine = (r: PointResult) => (loss(r, earlier) / n / lines.length).toFixed(5);
    console.log(`${season}: tuned on ${earlier[0]}..${earlier.at(-1)} (${n} matches): ${JSON.stringify(best.point)}, ${perLine(best)} nats a line (the hand choice ${perLine(held)}); next ${ranked.slice(1, 4).map((r) => `${JSON.stringify(r.point)} ${perLine(r)}`).join(", ")}`);
    const firstDay = walk.records.find((r) => r.season === season)?.date;
    const tune = firstDay ? countTuneOn(firstDay) : COUNT_TUNES[COUNT_TUNES.length - 1];
    console.log(`  COUNT_TUNES (${tune.from}, tuned on ${tune.tunedOn}) ${samePoint(best.point, count.of(tune)) ? "agrees" : "DIFFERS"}`);
    recordSeasons.forEach((s, j) => { if (s === season) assembled.forEach((m, l) => m.model.push(best.scored[l][j])); });
  }
  const f = (x: number | null, d = 4) => (x === null || !Number.isFinite(x) ? "-" : x.toFixed(d));
  // The backtest's own walk with the schedule (COUNT_TUNES): the same forecasts as assembled here when the schedule agrees.
  const scheduled = count.lines(walkCounts(seasons, { from: "2019-07-01" }));
  for (const [name, markets] of [["re-tuned each season", assembled], ["COUNT_TUNES (the backtest's walk)", scheduled], ["the hand choice of 2012/13-2018/19, held", lines.map((m, l) => ({ ...m, model: held.scored[l] }))]] as const) {
    const summary = summarizeCounts(markets, recordSeasons);
    console.log(name);
    for (const m of summary.markets) {
      const r = m.model.recalibration;
      console.log(`  ${m.market}: LL ${f(m.model.logLoss)} (base ${f(m.baseline.logLoss)}), ECE ${f(m.model.ece, 3)} (${f(m.baseline.ece, 3)}), debiased ${f(m.model.debiasedCalibrationError, 3)} (${f(m.baseline.debiasedCalibrationError, 3)}), slope ${f(r.slope, 2)} (${f(r.slopeSE, 2)}), intercept ${f(r.intercept, 2)}, model better (debiased; LL) ${f(100 * m.bootstrap.modelBetterCalibration, 0)}%; ${f(100 * m.bootstrap.modelBetterLogLoss, 0)}%`);
    }
    for (const s of summary.bySeason ?? []) {
      console.log(`  ${s.season}: ${s.markets.map((m) => `${m.market} LL ${f(m.model.logLoss)} / ${f(m.baseline.logLoss)}, ECE ${f(m.model.ece, 3)} / ${f(m.baseline.ece, 3)}, debiased ${f(m.model.debiasedCalibrationError, 3)} / ${f(m.baseline.debiasedCalibrationError, 3)}, slope ${f(m.model.recalibration.slope, 2)}`).join("; ")}`);
    }
  }
} else {
  console.error("usage: retune-counts.ts walk [--count cards|corners] [--shard K/N] --out FILE | choose [--count cards|corners] FILE...");
  process.exit(2);
}
