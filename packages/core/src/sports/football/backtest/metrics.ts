/**
 * Backtest metrics: each source's scores averaged over the same matches, and 1X2
 * calibration in bins.
 */
import type { MatchRecord, Source } from "./run";
import {
  asianHandicapStake, brierScore, decidedStakeLogLoss, logLoss, matchResultOutcome, rankedProbabilityScore,
} from "./scores";

/** 1X2 scores, means over matches (log-loss in nats per match). */
export interface MatchResultMetrics {
  logLoss: number;
  brier: number;
  rps: number;
}

/** A two-way line market's scores. */
export interface LineMetrics {
  /** Over/under: mean log-loss per match. Handicap: loss per unit of decided stake (see decidedStakeLogLoss). */
  logLoss: number;
  /** Mean |model probability - Pinnacle's de-margined closing probability|, as a probability (0.01 is one point). */
  maeVsPinnacle: number;
  /** Matches scored. */
  matches: number;
}

export interface SourceMetrics {
  "1x2": MatchResultMetrics;
  ou25: LineMetrics | null;
  ah: LineMetrics | null;
}

export interface HalfTimeMetrics {
  /** The in-play model's full-time 1X2 at the start of the second half. */
  "1x2": { logLoss: number };
  /** Pre-match 1X2 log-loss on the same matches. */
  prematchLogLoss: number;
  /** The simple baseline (a fixed share of expected goals left) on the same matches. */
  baselineLogLoss: number;
  matches: number;
}

/** One calibration bin of pooled 1X2 probabilities (every outcome of every match). */
export interface CalibrationBin {
  /** Bin edges of the forecast probability, [from, to). */
  from: number;
  to: number;
  count: number;
  meanForecast: number;
  observedFrequency: number;
}

const mean = (xs: readonly number[]): number => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : Number.NaN);

/** 1X2 log-loss, Brier score and RPS of one source, means over the records. */
export function matchResultMetrics(records: readonly MatchRecord[], source: Source): MatchResultMetrics {
  const scores = records.map((r) => {
    const p = r.forecasts[source].matchResult, outcome = matchResultOutcome(r.homeGoals, r.awayGoals);
    return [logLoss(p, outcome), brierScore(p, outcome), rankedProbabilityScore(p, outcome)];
  });
  return { logLoss: mean(scores.map((s) => s[0])), brier: mean(scores.map((s) => s[1])), rps: mean(scores.map((s) => s[2])) };
}

/** Over/under 2.5 on the records that have Pinnacle's closing over/under; null when none does. */
export function overUnderMetrics(records: readonly MatchRecord[], source: Source): LineMetrics | null {
  const scored = records.filter((r) => r.forecasts.pinnacle.over25 !== null);
  if (scored.length === 0) return null;
  const losses = scored.map((r) => logLoss([r.forecasts[source].over25!, 1 - r.forecasts[source].over25!], r.homeGoals + r.awayGoals > 2.5 ? 0 : 1));
  const gaps = scored.map((r) => Math.abs(r.forecasts[source].over25! - r.forecasts.pinnacle.over25!));
  return { logLoss: mean(losses), maeVsPinnacle: mean(gaps), matches: scored.length };
}

/**
 * Asian handicap at Pinnacle's closing line on the records that have it. Log-loss is
 * over the decided part of each home stake (pushes left out, half results weighted
 * one half); the gap to Pinnacle is in the no-push probability of the home side.
 */
export function handicapMetrics(records: readonly MatchRecord[], source: Source): LineMetrics | null {
  const scored = records.filter((r) => r.forecasts.pinnacle.handicapHome !== null && r.handicapLine !== null);
  if (scored.length === 0) return null;
  let loss = 0, weight = 0;
  for (const r of scored) {
    const stake = asianHandicapStake(r.homeGoals - r.awayGoals, r.handicapLine!);
    const d = decidedStakeLogLoss(r.forecasts[source].handicapHome!, stake);
    loss += d.loss;
    weight += d.weight;
  }
  const gaps = scored.map((r) => Math.abs(r.forecasts[source].handicapHome! - r.forecasts.pinnacle.handicapHome!));
  return { logLoss: weight > 0 ? loss / weight : Number.NaN, maeVsPinnacle: mean(gaps), matches: scored.length };
}

/** Every metric of one source on the records. */
export function sourceMetrics(records: readonly MatchRecord[], source: Source): SourceMetrics {
  return {
    "1x2": matchResultMetrics(records, source),
    ou25: overUnderMetrics(records, source),
    ah: handicapMetrics(records, source),
  };
}

/** In-play at half time, pre-match and the baseline on the records with a half-time score; null when none has. */
export function halfTimeMetrics(records: readonly MatchRecord[]): HalfTimeMetrics | null {
  const scored = records.filter((r) => r.halfTime !== null);
  if (scored.length === 0) return null;
  const loss = (pick: (r: MatchRecord) => [number, number, number]) =>
    mean(scored.map((r) => logLoss(pick(r), matchResultOutcome(r.homeGoals, r.awayGoals))));
  return {
    "1x2": { logLoss: loss((r) => r.halfTime!.model) },
    prematchLogLoss: loss((r) => r.halfTime!.prematch),
    baselineLogLoss: loss((r) => r.halfTime!.baseline),
    matches: scored.length,
  };
}

/**
 * Calibration of pooled 1X2 probabilities: every outcome of every match is one
 * (forecast, happened) pair, binned by forecast into `bins` equal-width bins over
 * [0, 1]. Empty bins are left out.
 */
export function calibration(records: readonly MatchRecord[], source: Source, bins = 10): CalibrationBin[] {
  const count = new Array<number>(bins).fill(0), forecast = new Array<number>(bins).fill(0), hits = new Array<number>(bins).fill(0);
  for (const r of records) {
    const outcome = matchResultOutcome(r.homeGoals, r.awayGoals);
    r.forecasts[source].matchResult.forEach((p, i) => {
      const b = Math.min(bins - 1, Math.floor(p * bins));
      count[b]++;
      forecast[b] += p;
      hits[b] += i === outcome ? 1 : 0;
    });
  }
  return count.flatMap((n, b) => (n === 0 ? [] : [{
    from: b / bins, to: (b + 1) / bins, count: n, meanForecast: forecast[b] / n, observedFrequency: hits[b] / n,
  }]));
}
