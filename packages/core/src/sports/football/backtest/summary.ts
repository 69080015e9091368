/**
 * The backtest's headline: every source's metrics on the same matches, the in-play
 * comparison, the ratings against Pinnacle per league and season, and what was left
 * out. This is what `pricing backtest --json` prints.
 */
import { halfTimeMetrics, matchResultMetrics, sourceMetrics, type HalfTimeMetrics, type SourceMetrics } from "./metrics";
import type { BacktestRun, MatchRecord } from "./run";

/** Rows left out, by kind. */
export interface SkippedSummary {
  /** Bad rows: unparseable, missing or unusable odds, missing half-time scores (a row can count once per market). */
  badRows: number;
  /** Bad rows by code (BadRow.code). */
  byReason: Record<string, number>;
  /** Matches with too little team history to price. */
  insufficientHistory: number;
  /** Matches before --from, used as history only. */
  beforeFrom: number;
}

/** The ratings' 1X2 log-loss against Pinnacle's closing line on one league's season (or whole league). */
export interface RatingsVersusPinnacle {
  league: string;
  /** File label ("E0_2122"); absent in the per-league lines. */
  season?: string;
  matches: number;
  ratings: { logLoss: number };
  pinnacle: { logLoss: number };
  /** ratings / pinnacle - 1 (0.012 is 1.2% above Pinnacle's log-loss). */
  gap: number;
}

export interface BacktestSummary {
  /** Matches priced by every source (1X2); over/under and handicap count their own. */
  matches: number;
  /** Per league and season, in the order they first appear. */
  seasons: RatingsVersusPinnacle[];
  /** Per league. */
  leagues: RatingsVersusPinnacle[];
  ratings: SourceMetrics;
  market: SourceMetrics;
  pinnacle: SourceMetrics;
  inplay: HalfTimeMetrics | null;
  skipped: SkippedSummary;
}

/** Metrics of one set of records (a whole run or one season). */
export interface RecordsSummary {
  matches: number;
  ratings: SourceMetrics;
  market: SourceMetrics;
  pinnacle: SourceMetrics;
  inplay: HalfTimeMetrics | null;
}

/** Every source's metrics and the in-play comparison on `records`. */
export function summarizeRecords(records: readonly MatchRecord[]): RecordsSummary {
  return {
    matches: records.length,
    ratings: sourceMetrics(records, "ratings"),
    market: sourceMetrics(records, "market"),
    pinnacle: sourceMetrics(records, "pinnacle"),
    inplay: halfTimeMetrics(records),
  };
}

/** The run's headline summary. */
export function summarizeRun(run: BacktestRun): BacktestSummary {
  const byReason: Record<string, number> = {};
  for (const row of run.badRows) {
    byReason[row.code] = (byReason[row.code] ?? 0) + 1;
  }
  return {
    ...summarizeRecords(run.records),
    seasons: versusPinnacle(run.records, (r) => `${r.league}\u0000${r.season}`),
    leagues: versusPinnacle(run.records, (r) => r.league),
    skipped: { badRows: run.badRows.length, byReason, insufficientHistory: run.insufficientHistory, beforeFrom: run.beforeFrom },
  };
}

/** Metrics per season label, seasons in the order they first appear. */
export function summarizeSeasons(run: BacktestRun): { season: string; summary: RecordsSummary }[] {
  const seasons = [...new Set(run.records.map((r) => r.season))];
  return seasons.map((season) => ({ season, summary: summarizeRecords(run.records.filter((r) => r.season === season)) }));
}

function versusPinnacle(records: readonly MatchRecord[], key: (r: MatchRecord) => string): RatingsVersusPinnacle[] {
  const groups = new Map<string, MatchRecord[]>();
  for (const r of records) {
    const k = key(r), group = groups.get(k);
    if (group) group.push(r); else groups.set(k, [r]);
  }
  return [...groups.entries()].map(([k, group]) => {
    const ratings = matchResultMetrics(group, "ratings").logLoss, pinnacle = matchResultMetrics(group, "pinnacle").logLoss;
    const [league, season] = k.split("\u0000");
    return { league, ...(season !== undefined ? { season } : {}), matches: group.length, ratings: { logLoss: ratings }, pinnacle: { logLoss: pinnacle }, gap: ratings / pinnacle - 1 };
  });
}
