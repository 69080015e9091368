import { AsyncLocalStorage } from "node:async_hooks";
import type { Clock } from "../clock";
import { LocalLambda, type LocalLambdaOptions } from "./invoker";
import type { LambdaInvocationResult } from "./types";

/**
 * Wall-clock time inside handlers, taken from the shared clock.
 *
 * Handlers read the time with `new Date()` and `Date.now()` (a price's `asOf`, the
 * match clock, a gap's age). On a clock at 60x, a real `Date` would let the match clock
 * run 60 times slower than every timer around it, so inside an invocation (an
 * AsyncLocalStorage scope that follows it through awaits) `Date` reads the shared
 * clock; outside any invocation it is the real one. Only "now" changes: `new Date(x)`,
 * `Date.parse` and `Date.UTC` are untouched, and durations measured with
 * `performance.now()` stay real.
 */
const scope = new AsyncLocalStorage<Pick<Clock, "now">>();
let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  const RealDate = globalThis.Date;
  const now = () => scope.getStore()?.now() ?? RealDate.now();
  const ClockDate: DateConstructor = new Proxy(RealDate, {
    construct(target, args, newTarget) {
      const date: object = Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget === ClockDate ? target : newTarget);
      return date;
    },
    apply() {
      return new RealDate(now()).toString();
    },
    get(target, property, receiver) {
      if (property === "now") return now;
      const value: unknown = Reflect.get(target, property, receiver);
      return value;
    },
  });
  globalThis.Date = ClockDate;
}

/** Runs `work` (and everything it starts) with `Date` reading `clock`. */
export function inClockTime<T>(clock: Pick<Clock, "now">, work: () => Promise<T>): Promise<T> {
  install();
  return scope.run(clock, work);
}

/** The local Lambda whose handlers see the shared clock as the time of day. */
export class ClockedLambda extends LocalLambda {
  constructor(private readonly clock: Clock, options: Omit<LocalLambdaOptions, "clock">) {
    super({ ...options, clock });
  }

  override invoke(nameOrArn: string, event: unknown): Promise<LambdaInvocationResult> {
    return inClockTime(this.clock, () => super.invoke(nameOrArn, event));
  }
}
