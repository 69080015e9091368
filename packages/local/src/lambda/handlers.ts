import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { InputError } from "@pricing/core/errors";
import { lambdaContext } from "./context";
import { withFunctionEnv } from "./env";
import { inInvocationStore } from "./invoke-store";
import type { ClockLike, LambdaErrorPayload, LambdaFunctionSpec } from "./types";

type Handler = (event: unknown, context: unknown, callback?: (error: unknown, result?: unknown) => void) => unknown;

const EXTENSIONS = [".ts", ".mts", ".tsx", ".js", ".mjs", ".cjs"];

/** One invocation as the thread that runs the handler needs it: plain data, so it can cross threads. */
export interface InvocationRequest {
  spec: LambdaFunctionSpec;
  event: unknown;
  requestId: string;
  /** The function's whole environment: the runtime's variables, the template's, the request id. */
  env: Record<string, string>;
  /** Simulated epoch ms at which the function's Timeout runs out. */
  deadline: number;
}

/** What a handler gave back: its JSON payload, or the runtime's error document. */
export type InvocationOutcome = { payload: unknown; error?: undefined } | { error: LambdaErrorPayload; payload?: undefined };

/** A function whose module to import ahead of its first invocation, in its environment. */
export interface FunctionToLoad {
  spec: LambdaFunctionSpec;
  env: Record<string, string>;
}

/** Where handlers run: this thread, or worker threads (see ./threads). */
export interface HandlerRunner {
  /** Imports each function's module now, in the function's environment. */
  preload(functions: FunctionToLoad[]): Promise<void>;
  /** Runs one invocation to its outcome; never rejects. The caller bounds it with the Timeout. */
  run(request: InvocationRequest): Promise<InvocationOutcome>;
  close(): Promise<void>;
}

/** The Node.js runtime's error document for a thrown value. */
export function errorPayload(error: unknown): LambdaErrorPayload {
  if (error instanceof Error) {
    return { errorType: error.name || "Error", errorMessage: error.message, trace: error.stack?.split("\n") ?? [] };
  }
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

/** Handler modules of one app, each imported once per thread (through tsx for TypeScript). */
class HandlerModules {
  private readonly modules = new Map<string, Promise<Record<string, unknown>>>();
  /** The module file found for each handler path, looked up on disk once. */
  private readonly files = new Map<string, string>();

  constructor(private readonly appRoot: string) {}

  async load(spec: LambdaFunctionSpec): Promise<Handler> {
    const dot = spec.handler.lastIndexOf(".");
    const base = spec.handler.slice(0, dot);
    const exportName = spec.handler.slice(dot + 1);
    const absolute = path.resolve(this.appRoot, base);
    let file = this.files.get(absolute);
    if (!file) {
      file = EXTENSIONS.map((ext) => absolute + ext).find((f) => existsSync(f));
      if (file) this.files.set(absolute, file);
    }
    if (!file) {
      throw new InputError("local.lambda.handler_not_found", `No module for handler ${spec.handler} of ${spec.name} under ${this.appRoot}`, { handler: spec.handler });
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

/**
 * Runs one invocation in this thread: everything, module import included, in the
 * function's environment scope and its own InvokeStore context, with a Lambda-like
 * context whose remaining time counts down on `clock`.
 */
async function invokeHere(modules: HandlerModules, clock: ClockLike, request: InvocationRequest): Promise<InvocationOutcome> {
  const { spec, event, requestId, env, deadline } = request;
  try {
    const settled = await withFunctionEnv(env, () => inInvocationStore(requestId, async () => {
      const handler = await modules.load(spec);
      const context = lambdaContext(spec, requestId, clock, deadline);
      if (handler.length >= 3) {
        return new Promise<unknown>((resolve, reject) => {
          const result = handler(event, context, (error, value) => (error ? reject(error) : resolve(value)));
          if (result instanceof Promise) result.then(resolve, reject);
        });
      }
      return handler(event, context);
    }));
    return { payload: settled === undefined ? null : JSON.parse(JSON.stringify(settled)) };
  } catch (error) {
    return { error: errorPayload(error) };
  }
}

/** Handlers run in the thread that calls `run`: the local cloud's own, or a handler thread. */
export class InThreadRunner implements HandlerRunner {
  private readonly modules: HandlerModules;

  constructor(appRoot: string, private readonly clock: ClockLike) {
    this.modules = new HandlerModules(appRoot);
  }

  async preload(functions: FunctionToLoad[]): Promise<void> {
    for (const { spec, env } of functions) await withFunctionEnv(env, async () => void (await this.modules.load(spec)));
  }

  run(request: InvocationRequest): Promise<InvocationOutcome> {
    return invokeHere(this.modules, this.clock, request);
  }

  async close(): Promise<void> {}
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
