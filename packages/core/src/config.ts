import { InternalError } from "./errors";
import { GAP_BOUND_SECONDS, TICK_SECONDS } from "./policy";

/**
 * Reads an environment variable once; throws when it is unset or empty, so a missing
 * binding fails at the first use with the variable's name rather than deep inside an
 * SDK call.
 */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") {
    throw new InternalError("config.missing", `environment variable ${name} is not set`);
  }
  return value;
}

function numberEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new InternalError("config.invalid", `${name} must be a non-negative number, got ${raw}`);
  return value;
}

const cache = new Map<string, unknown>();
function once<T>(key: string, read: () => T): T {
  if (!cache.has(key)) cache.set(key, read());
  return cache.get(key) as T;
}

/** The environment the functions run in; each value is read once, on first use. */
export const Config = {
  get tableName() { return once("TABLE_NAME", () => requireEnv("TABLE_NAME")); },
  get busName() { return once("BUS_NAME", () => requireEnv("BUS_NAME")); },
  get lifecycleArn() { return once("LIFECYCLE_ARN", () => requireEnv("LIFECYCLE_ARN")); },
  get priceMatchArn() { return once("PRICE_MATCH_ARN", () => requireEnv("PRICE_MATCH_ARN")); },
  get clockQueueUrl() { return once("CLOCK_QUEUE_URL", () => requireEnv("CLOCK_QUEUE_URL")); },
  /** The feed's buffer queue, where ingest sends itself gap checks. */
  get feedQueueUrl() { return once("FEED_QUEUE_URL", () => requireEnv("FEED_QUEUE_URL")); },
  /** Seconds between clock ticks while a match is in play (see policy.ts). */
  get tickSeconds() { return once("TICK_SECONDS", () => numberEnv("TICK_SECONDS", TICK_SECONDS)); },
  /** Seconds a gap in a match's feed may stay open before it is skipped (see policy.ts). */
  get gapBoundSeconds() { return once("GAP_BOUND_SECONDS", () => numberEnv("GAP_BOUND_SECONDS", GAP_BOUND_SECONDS)); },
};

/** Forgets values read so far; tests that change the environment call it. */
export function resetConfig(): void {
  cache.clear();
}
