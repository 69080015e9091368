import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ManualClock, RealClock } from "../../packages/local/src/clock";
import { InputError } from "../../packages/core/src/errors";

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
