import { TIMER_NO_LONGER_NEEDED } from "../clock";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { InputError } from "@pricing/core/errors";
import { lambdaContext, runtimeEnvironment } from "./context";
import { withFunctionEnv } from "./env";
import { inInvocationStore, MULTI_CONCURRENCY_ENV } from "./invoke-store";
import { LambdaServiceError, runTimeLimitMs } from "./types";
import type { ClockLike, LambdaErrorPayload, LambdaFunctionSpec, LambdaInvocationResult, LambdaUsage } from "./types";

export interface LocalLambdaOptions {
  clock: ClockLike;
  /** Directory handler paths are relative to (the repository root). */
  appRoot: string;
  region?: string;
  /** Variables every function sees under its own (AWS_ENDPOINT_URL_*, credentials). */
  baseEnvironment?: Record<string, string>;
}

type Handler = (event: unknown, context: unknown, callback?: (error: unknown, result?: unknown) => void) => unknown;

const EXTENSIONS = [".ts", ".mts", ".tsx", ".js", ".mjs", ".cjs"];

function emptyUsage(): LambdaUsage {
  return { invocations: 0, errors: 0, timeouts: 0, throttles: 0, billedDurationMs: 0, gbSeconds: 0 };
}

/** The Node.js runtime's error document for a thrown value. */
export function errorPayload(error: unknown): LambdaErrorPayload {
  if (error instanceof Error) {
    return { errorType: error.name || "Error", errorMessage: error.message, trace: error.stack?.split("\n") ?? [] };
  }
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

class TimeoutSignal {
  constructor(readonly seconds: number) {}
}

/**
 * The template's functions, invoked in-process: handler modules loaded through tsx,
 * a Lambda-like context, the function's environment (see `withFunctionEnv`), its
 * Timeout on the shared clock, AWS-shaped errors, concurrency and usage counts.
 */
export class LocalLambda {
  private readonly byKey = new Map<string, LambdaFunctionSpec>();
  private readonly modules = new Map<string, Promise<Record<string, unknown>>>();
  private readonly active = new Map<string, number>();
  private readonly usageByName = new Map<string, LambdaUsage>();
  private concurrent = 0;
  /** Highest number of invocations running at once. */
  peakConcurrency = 0;

  constructor(private readonly options: LocalLambdaOptions) {}

  register(spec: LambdaFunctionSpec): void {
    for (const key of [spec.name, spec.arn, spec.logicalId]) this.byKey.set(key, spec);
  }

  /**
   * Imports every registered handler module now, each in its function's environment, so
   * no invocation pays the import: on a fast clock an import of a second or two would
   * otherwise eat a function's whole timeout.
   */
  async preload(): Promise<void> {
    for (const spec of this.functions()) {
      const env = { ...this.options.baseEnvironment, ...runtimeEnvironment(spec, this.options.region ?? "us-east-1"), ...spec.environment };
      await withFunctionEnv(env, async () => void (await this.loadHandler(spec)));
    }
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
      for (const key of Object.keys(total) as (keyof LambdaUsage)[]) total[key] += u[key];
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

  private async run(spec: LambdaFunctionSpec, event: unknown, requestId: string): Promise<{ payload?: unknown; error?: LambdaErrorPayload; timedOut?: boolean }> {
    const { clock } = this.options;
    const timeoutMs = runTimeLimitMs(clock, spec.timeoutSeconds * 1000);
    const deadline = clock.now() + timeoutMs;
    const env = {
      ...this.options.baseEnvironment,
      ...runtimeEnvironment(spec, this.options.region ?? "us-east-1"),
      ...spec.environment,
      ...MULTI_CONCURRENCY_ENV,
      AWS_LAMBDA_REQUEST_ID: requestId,
    };
    const abort = new AbortController();
    const timeout = clock.sleep(timeoutMs, abort.signal).then(
      () => new TimeoutSignal(spec.timeoutSeconds),
      () => new Promise<never>(() => undefined),
    );
    // Everything, module import included, runs in the function's environment scope.
    const work = withFunctionEnv(env, () => inInvocationStore(requestId, async () => {
      const handler = await this.loadHandler(spec);
      const context = lambdaContext(spec, requestId, clock, deadline);
      if (handler.length >= 3) {
        return new Promise<unknown>((resolve, reject) => {
          const result = handler(event, context, (error, value) => (error ? reject(error) : resolve(value)));
          if (result instanceof Promise) result.then(resolve, reject);
        });
      }
      return handler(event, context);
    }));
    try {
      const settled = await Promise.race([work, timeout]);
      if (settled instanceof TimeoutSignal) {
        work.catch(() => undefined);
        const message = `Task timed out after ${settled.seconds.toFixed(2)} seconds`;
        return { error: { errorType: "Sandbox.Timedout", errorMessage: message }, timedOut: true };
      }
      return { payload: settled === undefined ? null : JSON.parse(JSON.stringify(settled)) };
    } catch (error) {
      return { error: errorPayload(error) };
    } finally {
      abort.abort(TIMER_NO_LONGER_NEEDED);
    }
  }

  private async loadHandler(spec: LambdaFunctionSpec): Promise<Handler> {
    const dot = spec.handler.lastIndexOf(".");
    const base = spec.handler.slice(0, dot);
    const exportName = spec.handler.slice(dot + 1);
    const absolute = path.resolve(this.options.appRoot, base);
    const file = EXTENSIONS.map((ext) => absolute + ext).find((f) => existsSync(f));
    if (!file) {
      throw new InputError("local.lambda.handler_not_found", `No module for handler ${spec.handler} of ${spec.name} under ${this.options.appRoot}`, { handler: spec.handler });
    }
    let loading = this.modules.get(file);
    if (!loading) {
      loading = importTypeScript(file);
      this.modules.set(file, loading);
    }
    const mod = await loading;
    const fn = mod[exportName] ?? (mod.default as Record<string, unknown> | undefined)?.[exportName];
    if (typeof fn !== "function") {
      throw new InputError("local.lambda.handler_not_exported", `${file} does not export a function named ${exportName}`, { handler: spec.handler });
    }
    return fn as Handler;
  }
}

/** Imports a module; TypeScript through tsx's loader when the process was not started under tsx. */
async function importTypeScript(file: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(file).href;
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (error) {
    if ((error as { code?: string }).code !== "ERR_UNKNOWN_FILE_EXTENSION") throw error;
    const { tsImport } = await import("tsx/esm/api");
    return (await tsImport(url, import.meta.url)) as Record<string, unknown>;
  }
}
