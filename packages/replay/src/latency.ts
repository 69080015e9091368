import { InputError } from "@pricing/core/errors";

/**
 * The p-th percentile of `values` by the nearest-rank method: the smallest observed
 * value with at least p% of the values at or below it (rank ⌈p/100 · n⌉). A latency
 * percentile should be a latency that happened, so no interpolation between
 * observations (jStat's percentile interpolates). Null for no values.
 *
 * @throws InputError "latency.invalid_percentile" unless 0 < p ≤ 100
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (!(p > 0 && p <= 100)) throw new InputError("latency.invalid_percentile", `percentile must be in (0, 100], got ${p}`);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1];
}

/** A price-relevant feed event, when it was put on the bus (real ms). */
export interface PutRecord {
  matchId: string;
  seq: number;
  type: string;
  putAtMs: number;
}

/** A `Prices Published` event: the match state version it priced, when it was published (real ms). */
export interface Publication {
  matchId: string;
  stateVersion: number;
  atMs: number;
  /** The engine time the prices are of (the pricing job's `asOf`: when ingest or the tick made the job). */
  asOf?: string;
}

/** A read of a match's state: at `version`, the feed had been applied up to `lastSeq`. */
export interface StateSample {
  matchId: string;
  version: number;
  lastSeq: number;
}

export interface EventToPrice {
  put: PutRecord;
  /** Real ms from the put to the first publication that priced a state including the event. */
  latencyMs: number;
  /** That publication. */
  publication: Publication;
}

/**
 * Event-to-price latency: for each price-relevant event, the time from its put to the
 * first `Prices Published` of its match whose state version is known to include it.
 * A state version includes seq s when some read of the state showed a version no
 * later and a lastSeq of at least s (lastSeq never falls as the version grows). Events
 * never priced are returned as `unpriced`.
 */
export function eventToPriceLatencies(puts: readonly PutRecord[], publications: readonly Publication[], samples: readonly StateSample[]) {
  const byMatch = <T extends { matchId: string }>(items: readonly T[]) => {
    const map = new Map<string, T[]>();
    for (const item of items) map.set(item.matchId, [...(map.get(item.matchId) ?? []), item]);
    return map;
  };
  const pubs = byMatch([...publications].sort((a, b) => a.atMs - b.atMs));
  const reads = byMatch(samples);
  const priced: EventToPrice[] = [];
  const unpriced: PutRecord[] = [];
  for (const put of puts) {
    const including = (reads.get(put.matchId) ?? []).filter((r) => r.lastSeq >= put.seq).map((r) => r.version);
    const firstVersion = including.length > 0 ? Math.min(...including) : Infinity;
    const first = (pubs.get(put.matchId) ?? []).find((p) => p.atMs >= put.putAtMs && p.stateVersion >= firstVersion);
    if (first) priced.push({ put, latencyMs: first.atMs - put.putAtMs, publication: first });
    else unpriced.push(put);
  }
  return { priced, unpriced };
}
