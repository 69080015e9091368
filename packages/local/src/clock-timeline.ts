import { performance } from "node:perf_hooks";

/**
 * A RealClock's time as another thread can follow it (see `RealClock.timeline`): its
 * speed and a shared buffer holding the clock's anchor (a simulated and a real time,
 * and whether time is held), written under a sequence lock.
 */
export interface ClockTimeline {
  readonly speed: number;
  readonly shared: SharedArrayBuffer;
}

/** Real time every thread of the process agrees on, ms. */
export const realNow = () => performance.timeOrigin + performance.now();

/** The shared anchor: Int32 [version] at byte 0, Float64 [simMs, realMs, held] from byte 8. */
export class SharedAnchor {
  private readonly version: Int32Array;
  private readonly values: Float64Array;

  constructor(readonly buffer: SharedArrayBuffer) {
    this.version = new Int32Array(buffer, 0, 1);
    this.values = new Float64Array(buffer, 8, 3);
  }

  static create(simMs: number, realMs: number): SharedAnchor {
    const anchor = new SharedAnchor(new SharedArrayBuffer(32));
    anchor.write(simMs, realMs, false);
    return anchor;
  }

  /** Only the clock's own thread writes; an odd version tells readers a write is under way. */
  write(simMs: number, realMs: number, held: boolean): void {
    Atomics.add(this.version, 0, 1);
    this.values[0] = simMs;
    this.values[1] = realMs;
    this.values[2] = held ? 1 : 0;
    Atomics.add(this.version, 0, 1);
  }

  /** The anchor as written last: what a handler process, which cannot share the buffer, is sent to follow the clock. */
  read(): [simMs: number, realMs: number, held: number] {
    for (;;) {
      const before = Atomics.load(this.version, 0);
      if (before % 2 === 1) continue;
      const [simMs, realMs, held] = this.values;
      if (Atomics.load(this.version, 0) === before) return [simMs, realMs, held];
    }
  }

  now(speed: number): number {
    for (;;) {
      const before = Atomics.load(this.version, 0);
      if (before % 2 === 1) continue;
      const [simMs, realMs, held] = this.values;
      if (Atomics.load(this.version, 0) !== before) continue;
      return held ? simMs : simMs + (realNow() - realMs) * speed;
    }
  }
}

const anchors = new WeakMap<SharedArrayBuffer, SharedAnchor>();

/** The time of day `timeline` shows now, in any thread. */
export function timelineNow(timeline: ClockTimeline): number {
  let anchor = anchors.get(timeline.shared);
  if (!anchor) anchors.set(timeline.shared, (anchor = new SharedAnchor(timeline.shared)));
  return anchor.now(timeline.speed);
}
