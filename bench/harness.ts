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
  name: string;
  fn: () => unknown;
  iterations: number;
}

export interface BenchSection {
  title: string;
  cases: BenchCase[];
}

/** Runs each section's cases and prints one line per case with its median time. */
export function runSections(sections: BenchSection[]): { section: string; name: string; ns: number }[] {
  const results: { section: string; name: string; ns: number }[] = [];
  for (const section of sections) {
    console.log(`\n## ${section.title}`);
    for (const c of section.cases) {
      const ns = median(c.fn, c.iterations);
      results.push({ section: section.title, name: c.name, ns });
      console.log(`${c.name.padEnd(58)} ${formatDuration(ns).padStart(12)}  (median)`);
    }
  }
  if (Number.isNaN(sink)) console.log("");
  return results;
}
