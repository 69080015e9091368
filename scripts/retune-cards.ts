/**
 * The card parameters re-tuned each close season (walk-forward tuning): every point of a
 * grid of the card settings (the rated total's shrink, the card ratings' half-life and
 * prior, the referee's prior) walked once over EPL 2011/12 to 2021/22, each season's
 * card-line log-loss kept. Season S is then priced with the point of the lowest
 * log-loss (both card lines, summed) over 2012/13 to the season before S: tuning only
 * ever sees seasons before the one scored.
 *
 *   npx tsx scripts/retune-cards.ts walk --shard 0/2 --out /tmp/retune/0.json
 *   npx tsx scripts/retune-cards.ts choose /tmp/retune/0.json /tmp/retune/1.json
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { parseFootballData } from "@pricing/core/sports/football/models/csv";
import { scoreCounts, summarizeCounts, walkCounts, type CountSeason, type ScoredMarket } from "@pricing/core/sports/football/backtest/counts";
import { CARD_TUNES, cardTuneOn, COUNT_FORECAST_BASE, type CardTune, type CountForecastParams } from "@pricing/core/sports/football/models/count-forecast";
import { logLoss } from "@pricing/core/backtest/scores";

const { values: args, positionals } = parseArgs({ allowPositionals: true, options: { data: { type: "string", default: "data/football-data" }, shard: { type: "string", default: "0/1" }, out: { type: "string" } } });

const FILES = ["1112", "1213", "1314", "1415", "1516", "1617", "1718", "1819", "1920", "2021", "2122"];
const SCORED = ["E0_1920", "E0_2021", "E0_2122"];

interface Point { shrink: number; halfLifeDays: number; priorMatches: number; refereePrior: number }
const GRID: Point[] = [0.5, 0.6, 0.7, 0.85, 1].flatMap((shrink) => [90, 150, 240].flatMap((halfLifeDays) => [16, 32, 64].flatMap((priorMatches) => [20, 40, 80, 160].map((refereePrior) => ({ shrink, halfLifeDays, priorMatches, refereePrior })))));

const paramsOf = (p: Point): CountForecastParams => ({
  ...COUNT_FORECAST_BASE,
  yellowCards: { ...COUNT_FORECAST_BASE.yellowCards, totalShrink: p.shrink, halfLifeDays: p.halfLifeDays, priorMatches: p.priorMatches },
  referee: { ...COUNT_FORECAST_BASE.referee, priorCards: p.refereePrior },
});

interface PointResult {
  point: Point;
  /** Each season's matches and summed log-loss of each card line. */
  seasons: Record<string, { matches: number; logLoss: number[] }>;
  /** Each card line's model probabilities on the scored seasons' matches, in date order. */
  scored: number[][][];
}

/** Summed log-loss of both card lines over the given seasons. */
const loss = (r: PointResult, seasons: readonly string[]) => seasons.reduce((a, s) => a + (r.seasons[s]?.logLoss.reduce((x, y) => x + y, 0) ?? 0), 0);

if (positionals[0] === "walk") {
  if (!args.out) throw new Error("walk needs --out FILE");
  const seasons: CountSeason[] = FILES.map((s) => ({ label: `E0_${s}`, matches: parseFootballData(readFileSync(join(args.data!, `E0_${s}.csv`), "utf8")).matches }));
  const [k, n] = args.shard!.split("/").map(Number);
  const out: PointResult[] = [];
  GRID.forEach((point, i) => {
    if (i % n !== k) return;
    const walk = walkCounts(seasons, { from: "2012-07-01", forecast: paramsOf(point) });
    const { cards } = scoreCounts(walk);
    const bySeason: PointResult["seasons"] = {};
    walk.records.forEach((r, j) => {
      const s = (bySeason[r.season] ??= { matches: 0, logLoss: cards.map(() => 0) });
      s.matches++;
      cards.forEach((m, l) => { s.logLoss[l] += logLoss(m.model[j], m.outcome[j]); });
    });
    const scoredRows = walk.records.flatMap((r, j) => (SCORED.includes(r.season) ? [j] : []));
    out.push({ point, seasons: bySeason, scored: cards.map((m) => scoredRows.map((j) => m.model[j])) });
    console.error(`${i + 1}/${GRID.length}`, JSON.stringify(point));
  });
  writeFileSync(args.out, JSON.stringify(out));
} else if (positionals[0] === "choose") {
  const results: PointResult[] = positionals.slice(1).flatMap((f) => JSON.parse(readFileSync(f, "utf8")) as PointResult[]);
  const seasons: CountSeason[] = FILES.map((s) => ({ label: `E0_${s}`, matches: parseFootballData(readFileSync(join(args.data!, `E0_${s}.csv`), "utf8")).matches }));
  // The baseline, the outcomes and each record's season: the same whatever the point
  // (they read the data alone); the records are the scored seasons' matches in the
  // order of each point's `scored`.
  const walk = walkCounts(seasons, { from: "2019-07-01", forecast: COUNT_FORECAST_BASE });
  const { cards } = scoreCounts(walk);
  const recordSeasons = walk.records.map((r) => r.season);
  const tuning = FILES.slice(1).map((s) => `E0_${s}`);
  const isPoint = (p: Point, t: CardTune) => p.shrink === t.yellowCards.totalShrink && p.halfLifeDays === t.yellowCards.halfLifeDays && p.priorMatches === t.yellowCards.priorMatches && p.refereePrior === t.refereePriorCards;
  // The hand choice on 2012/13-2018/19 (COUNT_FORECAST_BASE), held for every season.
  const handChoice: CardTune = {
    from: "2019-07-01",
    tunedOn: "EPL 2012/13-2018/19, by hand",
    yellowCards: { halfLifeDays: COUNT_FORECAST_BASE.yellowCards.halfLifeDays, priorMatches: COUNT_FORECAST_BASE.yellowCards.priorMatches, totalShrink: COUNT_FORECAST_BASE.yellowCards.totalShrink ?? 1 },
    refereePriorCards: COUNT_FORECAST_BASE.referee.priorCards,
  };
  const held = results.find((r) => isPoint(r.point, handChoice))!;
  const assembled: ScoredMarket[] = cards.map((m) => ({ ...m, model: [] as number[][] }));
  for (const season of [...SCORED, "live"]) {
    const earlier = season === "live" ? tuning : tuning.slice(0, tuning.indexOf(season));
    const ranked = [...results].sort((a, b) => loss(a, earlier) - loss(b, earlier));
    const best = ranked[0];
    const n = earlier.reduce((a, s) => a + best.seasons[s].matches, 0);
    const perLine = (r: PointResult) => (loss(r, earlier) / n / 2).toFixed(5);
    console.log(`${season}: tuned on ${earlier[0]}..${earlier.at(-1)} (${n} matches): ${JSON.stringify(best.point)}, ${perLine(best)} nats a line (the hand choice ${perLine(held)}); next ${ranked.slice(1, 4).map((r) => `${JSON.stringify(r.point)} ${perLine(r)}`).join(", ")}`);
    const firstDay = walk.records.find((r) => r.season === season)?.date;
    const tune = firstDay ? cardTuneOn(firstDay) : CARD_TUNES[CARD_TUNES.length - 1];
    console.log(`  CARD_TUNES (${tune.from}, tuned on ${tune.tunedOn}) ${isPoint(best.point, tune) ? "agrees" : "DIFFERS"}`);
    recordSeasons.forEach((s, j) => { if (s === season) assembled.forEach((m, l) => m.model.push(best.scored[l][j])); });
  }
  const f = (x: number | null, d = 4) => (x === null || !Number.isFinite(x) ? "-" : x.toFixed(d));
  // The backtest's own walk with the schedule (CARD_TUNES): the same forecasts as assembled here when the schedule agrees.
  const scheduled = scoreCounts(walkCounts(seasons, { from: "2019-07-01" })).cards;
  for (const [name, markets] of [["re-tuned each season", assembled], ["CARD_TUNES (the backtest's walk)", scheduled], ["the hand choice of 2012/13-2018/19, held", cards.map((m, l) => ({ ...m, model: held.scored[l] }))]] as const) {
    const summary = summarizeCounts(markets, recordSeasons);
    console.log(name);
    for (const m of summary.markets) {
      const r = m.model.recalibration;
      console.log(`  ${m.market}: LL ${f(m.model.logLoss)} (base ${f(m.baseline.logLoss)}), ECE ${f(m.model.ece, 3)} (${f(m.baseline.ece, 3)}), debiased ${f(m.model.debiasedCalibrationError, 3)} (${f(m.baseline.debiasedCalibrationError, 3)}), slope ${f(r.slope, 2)} (${f(r.slopeSE, 2)}), intercept ${f(r.intercept, 2)}, model better (debiased; LL) ${f(100 * m.bootstrap.modelBetterCalibration, 0)}%; ${f(100 * m.bootstrap.modelBetterLogLoss, 0)}%`);
    }
    for (const s of summary.bySeason ?? []) {
      console.log(`  ${s.season}: ${s.markets.map((m) => `${m.market} LL ${f(m.model.logLoss)} / ${f(m.baseline.logLoss)}, debiased ${f(m.model.debiasedCalibrationError, 3)} / ${f(m.baseline.debiasedCalibrationError, 3)}, slope ${f(m.model.recalibration.slope, 2)}`).join("; ")}`);
    }
  }
} else {
  console.error("usage: retune-cards.ts walk [--shard K/N] --out FILE | choose FILE...");
  process.exit(2);
}
