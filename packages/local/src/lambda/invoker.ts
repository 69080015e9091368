import { TIMER_NO_LONGER_NEEDED } from "../clock";
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { runtimeEnvironment } from "./context";
import { InThreadRunner, type HandlerRunner, type InvocationOutcome } from "./handlers";
import { MULTI_CONCURRENCY_ENV } from "./invoke-store";
import { DURATION_BUCKETS, durationBucket, LambdaServiceError, runTimeLimitMs } from "./types";
import type { ClockLike, LambdaFunctionSpec, LambdaInvocationResult, LambdaUsage } from "./types";

export interface LocalLambdaOptions {
  clock: ClockLike;
  /** Directory handler paths are relative to (the repository root). */
  appRoot: string;
  region?: string;
  /** Variables every function sees under its own (AWS_ENDPOINT_URL_*, credentials). */
  baseEnvironment?: Record<string, string>;
  /** Where the handlers run (default: in this thread). */
  runner?: HandlerRunner;
}

function emptyUsage(): LambdaUsage {
  return { invocations: 0, errors: 0, timeouts: 0, throttles: 0, billedDurationMs: 0, gbSeconds: 0, durations: new Array<number>(DURATION_BUCKETS).fill(0) };
}

class TimeoutSignal {
  constructor(readonly seconds: number) {}
}

/**
 * The template's functions, invoked locally: handler modules loaded through tsx, a
 * Lambda-like context, the function's environment (see `withFunctionEnv`), its Timeout
 * on the shared clock, AWS-shaped errors, concurrency and usage counts. The handlers
 * run where the `runner` puts them: this thread, or worker threads.
 */
export class LocalLambda {
  private readonly byKey = new Map<string, LambdaFunctionSpec>();
  private readonly runner: HandlerRunner;
  private readonly active = new Map<string, number>();
  private readonly usageByName = new Map<string, LambdaUsage>();
  private concurrent = 0;
  /** Highest number of invocations running at once. */
  peakConcurrency = 0;

  constructor(private readonly options: LocalLambdaOptions) {
    this.runner = options.runner ?? new InThreadRunner(options.appRoot, options.clock);
  }

  register(spec: LambdaFunctionSpec): void {
    for (const key of [spec.name, spec.arn, spec.logicalId]) this.byKey.set(key, spec);
  }

  /**
   * Imports every registered handler module now, each in its function's environment, so
   * no invocation pays the import: on a fast clock an import of a second or two would
   * otherwise eat a function's whole timeout.
   */
  preload(): Promise<void> {
    return this.runner.preload(this.functions().map((spec) => ({ spec, env: this.environmentOf(spec) })));
  }

  /** Stops the threads the handlers run in, if they have their own. */
  close(): Promise<void> {
    return this.runner.close();
  }

  private environmentOf(spec: LambdaFunctionSpec): Record<string, string> {
    return { ...this.options.baseEnvironment, ...runtimeEnvironment(spec, this.options.region ?? "us-east-1"), ...spec.environment };
  }

  functions(): LambdaFunctionSpec[] {
    return [...new Set(this.byKey.values())];
  }

  /** Finds a function by name, ARN (optionally qualified `:$LATEST`) or logical id. */
  find(nameOrArn: string): LambdaFunctionSpec | undefined {
    const unqualified = nameOrArn.replace(/:(\$LATEST|\d+)$/, "");
    const name = unqualified.startsWith("arn:") ? unqualified.split(":")[6] : unqualified;
    return this.byKey.get(nameOrArn) ?? this.byKey.get(unqualified) ?? (name ? this.byKey.get(name) : undefined);
  }

  /** Usage per function name and in total. */
  usage(): { total: LambdaUsage; byFunction: Record<string, LambdaUsage> } {
    const total = emptyUsage();
    for (const u of this.usageByName.values()) {
      for (const key of ["invocations", "errors", "timeouts", "throttles", "billedDurationMs", "gbSeconds"] as const) total[key] += u[key];
      u.durations.forEach((count, k) => (total.durations[k] += count));
    }
    return { total, byFunction: Object.fromEntries(this.usageByName) };
  }

  /**
   * Invokes synchronously (RequestResponse). A handler error or timeout comes back as
   * `functionError: "Unhandled"` with the error document, as Invoke returns it; an
   * unknown function or exceeded reserved concurrency throws LambdaServiceError.
   */
  async invoke(nameOrArn: string, event: unknown): Promise<LambdaInvocationResult> {
    const spec = this.find(nameOrArn);
    if (!spec) throw new LambdaServiceError("ResourceNotFoundException", `Function not found: ${nameOrArn}`);
    const usage = this.usageByName.get(spec.name) ?? emptyUsage();
    this.usageByName.set(spec.name, usage);
    const running = this.active.get(spec.name) ?? 0;
    if (spec.reservedConcurrency !== undefined && running >= spec.reservedConcurrency) {
      usage.throttles++;
      throw new LambdaServiceError("TooManyRequestsException", `Rate Exceeded. Reserved concurrency ${spec.reservedConcurrency} of ${spec.name} in use`);
    }
    this.active.set(spec.name, running + 1);
    this.concurrent++;
    this.peakConcurrency = Math.max(this.peakConcurrency, this.concurrent);
    const requestId = randomUUID();
    const started = performance.now();
    try {
      const outcome = await this.run(spec, event, requestId);
      const durationMs = performance.now() - started;
      const billedDurationMs = Math.max(1, Math.ceil(durationMs));
      usage.invocations++;
      usage.billedDurationMs += billedDurationMs;
      usage.gbSeconds += (billedDurationMs / 1000) * (spec.memoryMB / 1024);
      usage.durations[durationBucket(durationMs)]++;
      if (outcome.error) {
        usage.errors++;
        if (outcome.timedOut) usage.timeouts++;
        return { payload: outcome.error, functionError: "Unhandled", error: outcome.error, requestId, durationMs, billedDurationMs };
      }
      return { payload: outcome.payload, requestId, durationMs, billedDurationMs };
    } finally {
      this.active.set(spec.name, (this.active.get(spec.name) ?? 1) - 1);
      this.concurrent--;
    }
  }

  private async run(spec: LambdaFunctionSpec, event: unknown, requestId: string): Promise<InvocationOutcome & { timedOut?: boolean }> {
    const { clock } = this.options;
    const timeoutMs = runTimeLimitMs(clock, spec.timeoutSeconds * 1000);
    const deadline = clock.now() + timeoutMs;
    const env = { ...this.environmentOf(spec), ...MULTI_CONCURRENCY_ENV, AWS_LAMBDA_REQUEST_ID: requestId };
    const abort = new AbortController();
    const timeout = clock.sleep(timeoutMs, abort.signal).then(
      () => new TimeoutSignal(spec.timeoutSeconds),
      () => new Promise<never>(() => undefined),
    );
    try {
      const settled = await Promise.race([this.runner.run({ spec, event, requestId, env, deadline }), timeout]);
      if (settled instanceof TimeoutSignal) {
        const message = `Task timed out after ${settled.seconds.toFixed(2)} seconds`;
        return { error: { errorType: "Sandbox.Timedout", errorMessage: message }, timedOut: true };
      }
      return settled;
    } finally {
      abort.abort(TIMER_NO_LONGER_NEEDED);
    }
  }
}
