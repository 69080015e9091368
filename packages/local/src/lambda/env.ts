import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Per-invocation environment variables for handlers that run in this one process.
 *
 * Every function of the app is invoked in-process, so `process.env` is shared. To give
 * each invocation its own function's `Environment.Variables`, `process.env` is replaced
 * once by a proxy: inside `withFunctionEnv(vars, fn)` (an AsyncLocalStorage scope that
 * follows the invocation through awaits, timers and SDK calls it starts) reads see
 * `vars` first and the real environment second; writes inside the scope stay in it.
 * Outside any scope the proxy is the real environment.
 *
 * Limits, honestly: a value read at module import time is read once, under the scope
 * of the first invocation that imported the module (modules are cached per process,
 * so two functions sharing a module share what it captured); work scheduled from
 * outside an invocation (a client created at startup by the local cloud itself) sees
 * the real environment. Handlers should therefore read configuration at invocation,
 * through a helper, as the project's style asks. Native code that calls getenv(3)
 * sees only the real environment.
 */
const scope = new AsyncLocalStorage<Record<string, string>>();
let installed = false;

function installEnvProxy(): void {
  if (installed) return;
  installed = true;
  const real = process.env;
  process.env = new Proxy(real, {
    get(target, key) {
      const vars = scope.getStore();
      if (vars && typeof key === "string" && Object.hasOwn(vars, key)) return vars[key];
      const value: unknown = Reflect.get(target, key);
      return value;
    },
    set(target, key, value) {
      const vars = scope.getStore();
      if (vars && typeof key === "string") {
        vars[key] = String(value);
        return true;
      }
      return Reflect.set(target, key, String(value));
    },
    has(target, key) {
      const vars = scope.getStore();
      return (vars !== undefined && typeof key === "string" && Object.hasOwn(vars, key)) || Reflect.has(target, key);
    },
    deleteProperty(target, key) {
      const vars = scope.getStore();
      if (vars && typeof key === "string" && Object.hasOwn(vars, key)) return delete vars[key];
      return Reflect.deleteProperty(target, key);
    },
    ownKeys(target) {
      const vars = scope.getStore();
      const keys = new Set<string | symbol>(Reflect.ownKeys(target));
      for (const key of Object.keys(vars ?? {})) keys.add(key);
      return [...keys];
    },
    getOwnPropertyDescriptor(target, key) {
      const vars = scope.getStore();
      if (vars && typeof key === "string" && Object.hasOwn(vars, key)) {
        return { value: vars[key], writable: true, enumerable: true, configurable: true };
      }
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
  });
}

/** Runs `fn` with `vars` layered over `process.env` for everything it awaits. */
export function withFunctionEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  installEnvProxy();
  return scope.run({ ...vars }, fn);
}

/** The environment of the invocation this code runs in, or undefined outside any. */
export function currentFunctionEnv(): Readonly<Record<string, string>> | undefined {
  return scope.getStore();
}
