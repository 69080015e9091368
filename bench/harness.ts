/**
 * Timing helpers for the benchmarks. Calls are timed in batches (one clock read per
 * batch, sized to about 50 microseconds) so that timer resolution and call overhead do
 * not swamp sub-microsecond work; the figure is the median over batches.
 */
let sink = 0;

function consume(value: unknown): void {
  if (typeof value === "number") sink += value;
  else if (value !== undefined && value !== null) sink += 1;
}

function timeBatch(fn: () => unknown, calls: number): number {
  const start = process.hrtime.bigint();
  for (let k = 0; k < calls; k++) consume(fn());
  return Number(process.hrtime.bigint() - start);
}

/** Median time of one call of `fn` in nanoseconds, over about `iterations` calls after a warm-up. */
export function median(fn: () => unknown, iterations: number): number {
  const warmup = Math.min(Math.max(100, Math.floor(iterations / 10)), 20_000);
  timeBatch(fn, warmup);
  const probe = Math.max(timeBatch(fn, 100) / 100, 1);
  const batch = Math.max(1, Math.min(Math.floor(50_000 / probe), Math.floor(iterations / 20)));
  const samples = Math.max(5, Math.ceil(iterations / batch));
  const perCall: number[] = [];
  for (let k = 0; k < samples; k++) perCall.push(timeBatch(fn, batch) / batch);
  perCall.sort((a, b) => a - b);
  const mid = samples >> 1;
  return samples % 2 === 1 ? perCall[mid] : (perCall[mid - 1] + perCall[mid]) / 2;
}

/** A duration in nanoseconds as microseconds or milliseconds, for reports. */
export function formatDuration(ns: number): string {
  if (ns < 1e6) return `${(ns / 1e3).toFixed(2)} µs`;
  return `${(ns / 1e6).toFixed(2)} ms`;
}

export interface BenchCase {
  /** The case as BENCHMARKS.md names it (Markdown). */
  name: string;
  fn: () => unknown;
  iterations: number;
}

export interface BenchSection {
  /** Names the section's table in BENCHMARKS.md (`<!-- bench:ID -->`). */
  id: string;
  title: string;
  cases: BenchCase[];
}

/** Runs one case's warm-up and timing and returns its median in nanoseconds. */
export function runCase(c: BenchCase): number {
  const ns = median(c.fn, c.iterations);
  if (Number.isNaN(sink)) console.log("");
  return ns;
}
