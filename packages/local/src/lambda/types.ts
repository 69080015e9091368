/** The part of the shared simulated clock the local Lambda and Step Functions use. */
export interface ClockLike {
  /** Simulated time per real time (1 when absent). */
  readonly speed?: number;
  /** Simulated epoch milliseconds. */
  now(): number;
  /** Resolves after `ms` simulated milliseconds (early if `signal` aborts, when supported). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * The simulated span of a limit on run time: code does not run faster on a faster clock,
 * so a limit that bounds computation (a function's Timeout, a request-response task's
 * TimeoutSeconds, an EXPRESS execution's duration) is stretched by the clock's speed and
 * bounds the real run time. Limits on waiting (callbacks, Wait states, delays) are not.
 */
export function runTimeLimitMs(clock: ClockLike, limitMs: number): number {
  return limitMs * Math.max(1, clock.speed ?? 1);
}

/** Resolves a CloudFormation value (Ref, Fn::GetAtt, Fn::Join, Fn::Sub, ...) to a local value. */
export type Resolver = (value: unknown) => unknown;

/** One AWS::Lambda::Function of the template, ready to run in-process. */
export interface LambdaFunctionSpec {
  logicalId: string;
  /** FunctionName as the app sees it (the resolver's answer to `Ref`). */
  name: string;
  /** The function ARN (the resolver's answer to `Fn::GetAtt [id, Arn]`). */
  arn: string;
  /** Source module and export, relative to the app root: `packages/functions/src/x.handler`. */
  handler: string;
  /** Timeout in seconds (AWS default 3). */
  timeoutSeconds: number;
  /** MemorySize in MB (AWS default 128); drives GB-s. */
  memoryMB: number;
  /** Environment.Variables with intrinsics resolved to local names and ARNs. */
  environment: Record<string, string>;
  /** ReservedConcurrentExecutions, when the template sets it. */
  reservedConcurrency?: number;
  /** Runtime, as the template names it ("nodejs22.x"); the runtime's AWS_EXECUTION_ENV follows it. */
  runtime?: string;
}

/** The error document a failed invocation returns, as the Node.js runtime shapes it. */
export interface LambdaErrorPayload {
  errorType: string;
  errorMessage: string;
  trace?: string[];
}

/** What Invoke returns: the payload, or `functionError` with the error document. */
export interface LambdaInvocationResult {
  payload: unknown;
  functionError?: "Unhandled";
  error?: LambdaErrorPayload;
  requestId: string;
  /** Wall-clock run time of the handler in milliseconds. */
  durationMs: number;
  billedDurationMs: number;
}

/** Counted use, for the cost projection. */
export interface LambdaUsage {
  invocations: number;
  errors: number;
  timeouts: number;
  throttles: number;
  billedDurationMs: number;
  /** Billed duration (s) × memory (GB), AWS's compute unit. */
  gbSeconds: number;
  /**
   * Invocations by duration: bucket k counts those under DURATION_BUCKET_MS(k + 1) ms and
   * at least DURATION_BUCKET_MS(k) (the first from 0), so a window's percentiles come
   * from two readings' difference (see `durationPercentile`).
   */
  durations: number[];
}

/** Duration buckets: √2 apart from 1 ms, the last open (about 11.6 minutes and over). */
export const DURATION_BUCKETS = 40;
export const DURATION_BUCKET_MS = (k: number) => 2 ** (k / 2);
export function durationBucket(ms: number): number {
  return ms < 1 ? 0 : Math.min(DURATION_BUCKETS - 1, Math.floor(2 * Math.log2(ms)));
}
/** The upper bound of the bucket holding the p-th percentile of `durations` (counts per bucket); null for none. */
export function durationPercentile(durations: readonly number[], p: number): number | null {
  const n = durations.reduce((a, b) => a + b, 0);
  if (n === 0) return null;
  let seen = 0;
  for (let k = 0; k < durations.length; k++) {
    seen += durations[k];
    if (seen >= (p / 100) * n) return DURATION_BUCKET_MS(k + 1);
  }
  return DURATION_BUCKET_MS(durations.length);
}

/** Raised by Invoke itself (not by the handler): unknown function, throttled. */
export class LambdaServiceError extends Error {
  override readonly name: string;
  constructor(
    /** "ResourceNotFoundException" or "TooManyRequestsException". */
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = type;
  }
}
