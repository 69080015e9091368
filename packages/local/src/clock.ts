import { InputError } from "@pricing/core/errors";
import { realNow, SharedAnchor, type ClockTimeline } from "./clock-timeline";

export { timelineNow, type ClockTimeline } from "./clock-timeline";

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

/**
 * Backpressure: how far simulated time may run ahead of the work the cloud has in
 * flight. A timer falls due only once no work that started more than `maxLagMs`
 * before it is still in flight; until then the clock holds.
 */
export interface Backpressure {
  /** Simulated ms a due timer may lead the oldest work in flight. */
  readonly maxLagMs: number;
  /** Simulated time the oldest work still in flight started, or undefined when none is. */
  oldestWorkMs(): number | undefined;
  /** Real ms one hold may last before time moves anyway (counted as an overrun); default 60 s. */
  readonly maxHoldMs?: number;
}

/** What backpressure did: holds, the real time they took, and holds given up after `maxHoldMs`. */
export interface HoldStats {
  holds: number;
  heldRealMs: number;
  longestHoldRealMs: number;
  overruns: number;
}

/** Real ms between looks at the work in flight while the clock holds. */
const HOLD_POLL_MS = 2;
const DEFAULT_MAX_HOLD_MS = 60_000;

/**
 * Simulated time that runs at `speed` × real time from `startMs`. One real timeout is
 * armed for the earliest pending timer. Like setTimeout, a pending timer keeps the process
 * alive unless `unref` is set; `stop()` drops them all.
 *
 * With `holdBehind(backpressure)`, a due timer whose time is more than `maxLagMs` past
 * the start of work still in flight (a queued message, a running invocation) does not
 * fire: time stands still at that moment until the work is done, then runs on at
 * `speed`. A slow machine then slows the simulation instead of letting a timer (a feed
 * gap's bound, a clock tick) overtake work that, at real speed, would long be done.
 */
export class RealClock extends TimerQueueClock {
  readonly speed: number;
  private readonly anchor: SharedAnchor;
  private simAnchorMs: number;
  private realAnchorMs: number;
  private heldAtRealMs?: number;
  private holdPoll?: NodeJS.Timeout;
  private armed?: NodeJS.Timeout;
  private backpressure?: Backpressure;
  private readonly unref: boolean;
  readonly holdStats: HoldStats = { holds: 0, heldRealMs: 0, longestHoldRealMs: 0, overruns: 0 };

  constructor(options: { speed?: number; startMs?: number; unref?: boolean } = {}) {
    super();
    const speed = options.speed ?? 1;
    if (!Number.isFinite(speed) || speed <= 0) {
      throw new InputError("clock.invalid_speed", `clock speed must be a positive finite number, got ${speed}`);
    }
    this.speed = speed;
    this.simAnchorMs = options.startMs ?? Date.now();
    this.realAnchorMs = realNow();
    this.anchor = SharedAnchor.create(this.simAnchorMs, this.realAnchorMs);
    this.unref = options.unref ?? false;
  }

  now(): number {
    return this.held ? this.simAnchorMs : this.simAnchorMs + (realNow() - this.realAnchorMs) * this.speed;
  }

  /** Time stands still: a due timer waits for work in flight (see `holdBehind`). */
  get held(): boolean {
    return this.heldAtRealMs !== undefined;
  }

  /** Makes due timers wait for the work in flight `backpressure` reports. */
  holdBehind(backpressure: Backpressure): void {
    this.backpressure = backpressure;
  }

  /**
   * The clock as another thread can follow it: `timelineNow(timeline)` reads the same
   * time as `now()`, holds included, in any thread of the process.
   */
  get timeline(): ClockTimeline {
    return { speed: this.speed, shared: this.anchor.buffer };
  }

  override stop(): void {
    if (this.held) this.release();
    super.stop();
  }

  protected onQueueChanged(): void {
    if (this.armed) clearTimeout(this.armed);
    this.armed = undefined;
    const dueMs = this.nextDueMs;
    if (dueMs === undefined || this.held) return;
    const realDelay = Math.min(2 ** 31 - 1, Math.max(0, (dueMs - this.now()) / this.speed));
    this.armed = setTimeout(() => this.fireDue(), realDelay);
    if (this.unref) this.armed.unref();
  }

  private fireDue(): void {
    this.armed = undefined;
    const dueMs = this.nextDueMs;
    if (dueMs !== undefined && dueMs <= this.now() && this.behindWork(dueMs)) return this.hold();
    this.fireAllDue();
  }

  private fireAllDue(afterFiring?: () => void): void {
    const nowMs = this.now();
    for (let timer = this.takeDue(nowMs); timer; timer = this.takeDue(nowMs)) fireSafely(timer);
    afterFiring?.();
    if (!this.armed) this.onQueueChanged();
  }

  /** Work in flight started more than the allowed lag before `dueMs`. */
  private behindWork(dueMs: number): boolean {
    const oldest = this.backpressure?.oldestWorkMs();
    return oldest !== undefined && oldest < dueMs - this.backpressure!.maxLagMs;
  }

  private hold(): void {
    this.simAnchorMs = this.now();
    this.heldAtRealMs = realNow();
    this.anchor.write(this.simAnchorMs, this.realAnchorMs, true);
    this.holdStats.holds++;
    this.holdPoll = setInterval(() => this.lookAgain(), HOLD_POLL_MS);
    if (this.unref) this.holdPoll.unref();
  }

  private lookAgain(): void {
    const dueMs = this.nextDueMs;
    const overrun = realNow() - this.heldAtRealMs! > (this.backpressure?.maxHoldMs ?? DEFAULT_MAX_HOLD_MS);
    if (dueMs !== undefined && this.behindWork(dueMs) && !overrun) return;
    if (overrun) this.holdStats.overruns++;
    // The timers fire at the time that stood, then time runs on.
    this.fireAllDue(() => this.release());
  }

  /** Time runs on from where it stood. */
  private release(): void {
    clearInterval(this.holdPoll);
    this.holdPoll = undefined;
    this.realAnchorMs = realNow();
    const heldMs = this.realAnchorMs - this.heldAtRealMs!;
    this.heldAtRealMs = undefined;
    this.holdStats.heldRealMs += heldMs;
    this.holdStats.longestHoldRealMs = Math.max(this.holdStats.longestHoldRealMs, heldMs);
    this.anchor.write(this.simAnchorMs, this.realAnchorMs, false);
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
