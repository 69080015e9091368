import { performance } from "node:perf_hooks";
import { InputError } from "@pricing/core/errors";

/** Identifies a pending timer so it can be cancelled. */
export type TimerId = number;

/**
 * The one source of time in the local cloud. Every timer (Wait states, SQS delays and
 * visibility timeouts, task timeouts, clock ticks) goes through it, so a `speed` factor
 * compresses all of them consistently. All durations are simulated milliseconds.
 */
export interface Clock {
  /** Simulated time elapsed per real time: 60 runs a 90-minute match in 90 seconds. */
  readonly speed: number;
  /** Current simulated time, epoch milliseconds. */
  now(): number;
  /** Calls `fire` once `delayMs` simulated ms have passed; timers due together fire in creation order. */
  setTimer(delayMs: number, fire: () => void): TimerId;
  /** Cancels a pending timer; unknown or already fired ids are ignored. */
  cancel(id: TimerId): void;
  /** Resolves after `delayMs` simulated ms; rejects with the signal's reason when aborted first. */
  sleep(delayMs: number, signal?: AbortSignal): Promise<void>;
}

/**
 * The reason to abort a timer's signal with when the work it bounded is over: without
 * one, every abort() builds a DOMException with a stack, thousands a second under load.
 */
export const TIMER_NO_LONGER_NEEDED = new Error("timer no longer needed");

interface PendingTimer {
  readonly id: TimerId;
  readonly dueMs: number;
  readonly fire: () => void;
}

function checkDelay(delayMs: number): number {
  if (typeof delayMs !== "number" || Number.isNaN(delayMs)) {
    throw new InputError("clock.invalid_delay", `timer delay must be a number of ms, got ${String(delayMs)}`);
  }
  return Math.max(0, delayMs);
}

/** The timer queue both clocks share: ordered by due time, then by creation. */
abstract class TimerQueueClock implements Clock {
  abstract readonly speed: number;
  private readonly timers: PendingTimer[] = [];
  private nextId = 1;

  abstract now(): number;
  protected abstract onQueueChanged(): void;

  setTimer(delayMs: number, fire: () => void): TimerId {
    const timer = { id: this.nextId++, dueMs: this.now() + checkDelay(delayMs), fire };
    // Binary search for the first timer due strictly later: equal due times keep creation order.
    let low = 0;
    let high = this.timers.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.timers[mid].dueMs <= timer.dueMs) low = mid + 1;
      else high = mid;
    }
    this.timers.splice(low, 0, timer);
    if (low === 0) this.onQueueChanged();
    return timer.id;
  }

  cancel(id: TimerId): void {
    const index = this.timers.findIndex((timer) => timer.id === id);
    if (index < 0) return;
    this.timers.splice(index, 1);
    if (index === 0) this.onQueueChanged();
  }

  sleep(delayMs: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        this.cancel(id);
        reject(signal?.reason);
      };
      const id = this.setTimer(delayMs, () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      });
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  /** Number of timers not yet fired. */
  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Simulated due time of the earliest pending timer, or undefined when none. */
  get nextDueMs(): number | undefined {
    return this.timers[0]?.dueMs;
  }

  /** Drops every pending timer without firing it. */
  stop(): void {
    this.timers.length = 0;
    this.onQueueChanged();
  }

  /** Removes and returns the earliest timer if it is due at `atMs`. */
  protected takeDue(atMs: number): PendingTimer | undefined {
    if (this.timers.length === 0 || this.timers[0].dueMs > atMs) return undefined;
    return this.timers.shift();
  }
}

/** A timer callback that throws surfaces like a throwing setTimeout callback, without stopping the others. */
function fireSafely(timer: PendingTimer): void {
  try {
    timer.fire();
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}

/** A RealClock's time as plain numbers another thread can follow (see `RealClock.timeline`). */
export interface ClockTimeline {
  readonly startMs: number;
  readonly realOriginMs: number;
  readonly speed: number;
}

/** The time of day `timeline` shows now, in any thread. */
export function timelineNow(timeline: ClockTimeline): number {
  return timeline.startMs + (performance.timeOrigin + performance.now() - timeline.realOriginMs) * timeline.speed;
}

/**
 * Simulated time that runs at `speed` × real time from `startMs`. One real timeout is
 * armed for the earliest pending timer. Like setTimeout, a pending timer keeps the process
 * alive unless `unref` is set; `stop()` drops them all.
 */
export class RealClock extends TimerQueueClock {
  readonly speed: number;
  private readonly startMs: number;
  private readonly realStart = performance.now();
  private armed?: NodeJS.Timeout;
  private readonly unref: boolean;

  constructor(options: { speed?: number; startMs?: number; unref?: boolean } = {}) {
    super();
    const speed = options.speed ?? 1;
    if (!Number.isFinite(speed) || speed <= 0) {
      throw new InputError("clock.invalid_speed", `clock speed must be a positive finite number, got ${speed}`);
    }
    this.speed = speed;
    this.startMs = options.startMs ?? Date.now();
    this.unref = options.unref ?? false;
  }

  now(): number {
    return this.startMs + (performance.now() - this.realStart) * this.speed;
  }

  /**
   * The clock as a line through real time: `now()` is `startMs + (real - realOriginMs) ×
   * speed`, with real time `performance.timeOrigin + performance.now()`, which every
   * thread of the process agrees on. A worker thread reads the same time from it.
   */
  get timeline(): ClockTimeline {
    return { startMs: this.startMs, realOriginMs: performance.timeOrigin + this.realStart, speed: this.speed };
  }

  protected onQueueChanged(): void {
    if (this.armed) clearTimeout(this.armed);
    this.armed = undefined;
    const dueMs = this.nextDueMs;
    if (dueMs === undefined) return;
    const realDelay = Math.min(2 ** 31 - 1, Math.max(0, (dueMs - this.now()) / this.speed));
    this.armed = setTimeout(() => this.fireDue(), realDelay);
    if (this.unref) this.armed.unref();
  }

  private fireDue(): void {
    this.armed = undefined;
    const nowMs = this.now();
    for (let timer = this.takeDue(nowMs); timer; timer = this.takeDue(nowMs)) fireSafely(timer);
    if (!this.armed) this.onQueueChanged();
  }
}

/**
 * Time that moves only when a test says so: `advance(ms)` fires due timers in order,
 * setting `now()` to each timer's due time and letting promise continuations run
 * between them, so chains of sleeps inside the window all complete.
 */
export class ManualClock extends TimerQueueClock {
  readonly speed = 1;
  private currentMs: number;

  constructor(startMs = Date.parse("2024-08-16T19:00:00Z")) {
    super();
    this.currentMs = startMs;
  }

  now(): number {
    return this.currentMs;
  }

  protected onQueueChanged(): void {}

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  async advance(ms: number): Promise<void> {
    const targetMs = this.currentMs + checkDelay(ms);
    await settle();
    for (let timer = this.takeDue(targetMs); timer; timer = this.takeDue(targetMs)) {
      this.currentMs = Math.max(this.currentMs, timer.dueMs);
      fireSafely(timer);
      await settle();
    }
    this.currentMs = targetMs;
    await settle();
  }
}

/** Lets pending promise continuations (and already-queued I/O callbacks) run. */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
