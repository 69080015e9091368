import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { ManualClock } from "@pricing/local/clock";
import { inClockTime } from "@pricing/local/lambda/handler-time";

const realNow = () => performance.timeOrigin + performance.now();

describe("handlers read the time of day from the shared clock", () => {
  test("inside an invocation, new Date() and Date.now() are the clock's time, through awaits and timers", async () => {
    const clock = new ManualClock(Date.parse("2024-08-17T14:00:00Z"));
    const seen = await inClockTime(clock, async () => {
      const first = [new Date().toISOString(), Date.now()];
      await new Promise((resolve) => setTimeout(resolve, 5));
      return [...first, new Date().getTime()];
    });
    assert.deepEqual(seen, ["2024-08-17T14:00:00.000Z", clock.now(), clock.now()]);
  });

  test("the clock moving is seen at once", async () => {
    const clock = new ManualClock(Date.parse("2024-08-17T14:00:00Z"));
    await inClockTime(clock, async () => {
      await clock.advance(90 * 60_000);
      assert.equal(new Date().toISOString(), "2024-08-17T15:30:00.000Z");
    });
  });

  test("outside any invocation Date is real; explicit dates, parsing and instanceof are untouched", async () => {
    const clock = new ManualClock(0);
    await inClockTime(clock, async () => {
      assert.equal(new Date(86_400_000).toISOString(), "1970-01-02T00:00:00.000Z");
      assert.equal(Date.parse("2024-08-17T14:00:00Z"), 1723903200000);
      assert.equal(Date.UTC(2024, 7, 17), 1723852800000);
      assert.ok(new Date() instanceof Date);
      class Stamp extends Date {}
      assert.ok(new Stamp() instanceof Date && new Stamp().getTime() === 0);
      assert.match(Date(), /1970/);
    });
    assert.ok(Math.abs(Date.now() - realNow()) < 1000);
    assert.ok(Math.abs(new Date().getTime() - realNow()) < 1000);
  });
});
