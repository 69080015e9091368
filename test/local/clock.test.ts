import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { ManualClock, RealClock, timelineNow, type Backpressure } from "@pricing/local/clock";
import { InputError } from "@pricing/core/errors";

describe("ManualClock", () => {
  test("advance fires due timers in due order, equal due times in creation order", async () => {
    const clock = new ManualClock(0);
    const fired: string[] = [];
    clock.setTimer(300, () => fired.push("c@300"));
    clock.setTimer(100, () => fired.push("a@100"));
    clock.setTimer(100, () => fired.push("b@100"));
    clock.setTimer(900, () => fired.push("d@900"));
    await clock.advance(500);
    assert.deepEqual(fired, ["a@100", "b@100", "c@300"]);
    assert.equal(clock.now(), 500);
    assert.equal(clock.pendingTimers, 1);
    assert.equal(clock.nextDueMs, 900);
  });

  test("now() inside a timer is the timer's due time", async () => {
    const clock = new ManualClock(1_000);
    const seen: number[] = [];
    clock.setTimer(250, () => seen.push(clock.now()));
    clock.setTimer(750, () => seen.push(clock.now()));
    await clock.advance(10_000);
    assert.deepEqual(seen, [1_250, 1_750]);
  });

  test("a chain of sleeps inside the window completes within one advance", async () => {
    const clock = new ManualClock(0);
    const wakes: number[] = [];
    const chain = (async () => {
      for (let i = 0; i < 5; i++) {
        await clock.sleep(1_000);
        wakes.push(clock.now());
      }
    })();
    await clock.advance(4_500);
    assert.deepEqual(wakes, [1_000, 2_000, 3_000, 4_000]);
    await clock.advance(500);
    await chain;
    assert.deepEqual(wakes, [1_000, 2_000, 3_000, 4_000, 5_000]);
  });

  test("cancel stops a timer; cancelling twice or an unknown id is harmless", async () => {
    const clock = new ManualClock(0);
    let fired = false;
    const id = clock.setTimer(10, () => (fired = true));
    clock.cancel(id);
    clock.cancel(id);
    clock.cancel(12345);
    await clock.advance(100);
    assert.equal(fired, false);
  });

  test("sleep rejects with the abort reason and leaves no timer", async () => {
    const clock = new ManualClock(0);
    const controller = new AbortController();
    const sleeping = clock.sleep(60_000, controller.signal);
    controller.abort(new Error("execution stopped"));
    await assert.rejects(sleeping, /execution stopped/);
    assert.equal(clock.pendingTimers, 0);
  });

  test("a NaN delay is an InputError with a stable code", () => {
    const clock = new ManualClock(0);
    assert.throws(() => clock.setTimer(Number.NaN, () => {}), (error: unknown) => error instanceof InputError && error.code === "clock.invalid_delay");
  });
});

describe("RealClock", () => {
  test("simulated time runs at speed x real time", async () => {
    const clock = new RealClock({ speed: 1_000, startMs: 0 });
    const realStart = performance.now();
    await clock.sleep(2_000);
    const realElapsed = performance.now() - realStart;
    assert.ok(clock.now() >= 2_000, `simulated ${clock.now()} ms`);
    // Two simulated seconds at 1000x need at least 2 real ms (timer granularity aside).
    assert.ok(realElapsed >= 1.5, `real ${realElapsed} ms`);
  });

  test("timers fire in due order at speed, never before they are due", async () => {
    const clock = new RealClock({ speed: 500 });
    // Each timer's due time is taken when it is set: under load real time passes
    // between the calls, so the order is the due times' order, not the call order.
    const fired: Array<{ due: number; at: number }> = [];
    const set = (delayMs: number, last = false) =>
      new Promise<void>((resolve) => {
        const due = clock.now() + delayMs;
        clock.setTimer(delayMs, () => {
          fired.push({ due, at: clock.now() });
          if (last) resolve();
        });
      });
    const done = set(3_000, true);
    void set(1_000);
    void set(2_000);
    await done;
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(fired.length, 3);
    for (const f of fired) assert.ok(f.at >= f.due, `fired at ${f.at}, due ${f.due}`);
    const dues = fired.map((f) => f.due);
    assert.deepEqual(dues, [...dues].sort((a, b) => a - b));
  });

  test("speed must be positive and finite", () => {
    assert.throws(() => new RealClock({ speed: 0 }), (error: unknown) => error instanceof InputError && error.code === "clock.invalid_speed");
    assert.throws(() => new RealClock({ speed: Infinity }), InputError);
  });
});

const realPause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Work in flight as a test controls it: each item started at a simulated time. */
function workInFlight(clock: RealClock, maxLagMs: number) {
  const started = new Set<number>();
  const backpressure: Backpressure = { maxLagMs, oldestWorkMs: () => (started.size ? Math.min(...started) : undefined) };
  clock.holdBehind(backpressure);
  return {
    start: () => {
      const at = clock.now();
      started.add(at);
      return () => started.delete(at);
    },
  };
}

describe("RealClock backpressure", () => {
  test("a due timer does not fire, and time stands still, while older work is in flight", async () => {
    const clock = new RealClock({ speed: 1_000, startMs: 0, unref: true });
    const work = workInFlight(clock, 1_000);
    const finish = work.start();
    const fired: number[] = [];
    clock.setTimer(5_000, () => fired.push(clock.now()));
    // 150 real ms are 150 simulated seconds at 1000x: far past the timer, were time not
    // held. It stands where the real timeout woke, a few real ms after the due time.
    await realPause(150);
    assert.deepEqual(fired, []);
    assert.ok(clock.held);
    const standing = clock.now();
    assert.ok(standing >= 5_000 && standing < 100_000, `time stands at ${standing}`);
    await realPause(10);
    assert.equal(clock.now(), standing);
    assert.equal(timelineNow(clock.timeline), standing, "another thread reads the held time");
    finish();
    await realPause(20);
    assert.deepEqual(fired, [standing]);
    assert.equal(clock.held, false);
    assert.ok(clock.now() > standing, "time runs on from where it stood");
    assert.equal(clock.holdStats.holds, 1);
    assert.ok(clock.holdStats.heldRealMs >= 50, `held ${clock.holdStats.heldRealMs} real ms`);
    clock.stop();
  });

  test("work younger than the allowed lag does not hold a timer", async () => {
    const clock = new RealClock({ speed: 1_000, startMs: 0, unref: true });
    const work = workInFlight(clock, 10_000);
    const finish = work.start();
    const fired: number[] = [];
    clock.setTimer(5_000, () => fired.push(clock.now()));
    await realPause(30);
    assert.equal(fired.length, 1);
    assert.equal(clock.holdStats.holds, 0);
    finish();
    clock.stop();
  });

  test("a hold gives up after maxHoldMs and counts an overrun", async () => {
    const clock = new RealClock({ speed: 1_000, startMs: 0, unref: true });
    clock.holdBehind({ maxLagMs: 0, maxHoldMs: 20, oldestWorkMs: () => 0 });
    const fired: number[] = [];
    clock.setTimer(1_000, () => fired.push(clock.now()));
    await realPause(60);
    assert.equal(fired.length, 1);
    assert.equal(clock.holdStats.overruns, 1);
    clock.stop();
  });

  test("a timeline follows the clock through a hold", async () => {
    const clock = new RealClock({ speed: 100, startMs: 1_000_000, unref: true });
    const near = (a: number, b: number) => Math.abs(a - b) < 100;
    assert.ok(near(timelineNow(clock.timeline), clock.now()));
    const work = workInFlight(clock, 0);
    const finish = work.start();
    clock.setTimer(10, () => undefined);
    await realPause(30);
    assert.ok(clock.held);
    finish();
    await realPause(10);
    assert.ok(!clock.held);
    await realPause(10);
    assert.ok(near(timelineNow(clock.timeline), clock.now()), `${timelineNow(clock.timeline)} v ${clock.now()}`);
    clock.stop();
  });
});
