import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { InputError } from "@pricing/core/errors";
import { estimateCost, expressBilledMs, idleDayCost, perMatch, type MeteredUsage } from "@pricing/core/cost/estimate";
import { meteredUsage } from "@pricing/local/cost/usage";
import type { LocalCloudUsage } from "@pricing/local/cloud";

const none: MeteredUsage = {
  stepFunctions: { standardTransitions: 0, expressRequests: 0, expressBilledMs: 0 },
  lambda: { requests: 0, gbSeconds: 0, architecture: "arm64" },
  eventBridge: { events: 0 },
  sqs: { standardRequests: 0, fifoRequests: 0 },
  dynamodb: { writeUnits: 0, readUnits: 0 },
};
const lineOf = (usage: Partial<MeteredUsage>, item: RegExp) => estimateCost({ ...none, ...usage }).lines.find((l) => item.test(l.item))!;
const close = (actual: number, expected: number, tolerance = 1e-12) => assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} ≠ ${expected}`);

describe("AWS cost arithmetic", () => {
  test("Step Functions Standard: $0.025 per 1,000 transitions", () => {
    close(lineOf({ stepFunctions: { standardTransitions: 11, expressRequests: 0, expressBilledMs: 0 } }, /Standard/).usd, 0.000275);
    close(lineOf({ stepFunctions: { standardTransitions: 1000, expressRequests: 0, expressBilledMs: 0 } }, /Standard/).usd, 0.025);
  });

  test("Express duration rounds each execution up to 100 ms, never below 100", () => {
    assert.equal(expressBilledMs([1, 100, 101, 250, 0]), 100 + 100 + 200 + 300 + 100);
    assert.equal(expressBilledMs([]), 0);
  });

  test("Express: $1.00 per million requests; AWS's example of 100 M 10-second workflows at 64 MB is 62,500,000 GB-s", () => {
    close(lineOf({ stepFunctions: { standardTransitions: 0, expressRequests: 600, expressBilledMs: 0 } }, /Express requests/).usd, 0.0006);
    const duration = lineOf({ stepFunctions: { standardTransitions: 0, expressRequests: 0, expressBilledMs: 100e6 * 10_000 } }, /Express duration/);
    close(duration.quantity, 62_500_000, 1e-6);
    // 1,000 GB-hours at the first tier's $0.06 per GB-hour is $60.00.
    const thousandGbHours = lineOf({ stepFunctions: { standardTransitions: 0, expressRequests: 0, expressBilledMs: (3_600_000 * 1000) / 0.0625 } }, /Express duration/);
    close(thousandGbHours.usd, 60, 0.02);
  });

  test("Lambda: AWS's example of 3 M one-second invocations at 512 MB is 1.5 M GB-s, $25.00 on x86, $20.00 on arm64, plus $0.60 of requests", () => {
    const gbSeconds = 3e6 * 1 * (512 / 1024);
    close(lineOf({ lambda: { requests: 3e6, gbSeconds, architecture: "x86_64" } }, /^duration/).usd, 25.00005, 1e-6);
    close(lineOf({ lambda: { requests: 3e6, gbSeconds, architecture: "arm64" } }, /^duration/).usd, 20.0001, 1e-6);
    close(lineOf({ lambda: { requests: 3e6, gbSeconds, architecture: "arm64" } }, /^requests/).usd, 0.6);
  });

  test("EventBridge, SQS and DynamoDB per million", () => {
    close(lineOf({ eventBridge: { events: 1075 } }, /events put/).usd, 0.001075);
    close(lineOf({ sqs: { standardRequests: 6342, fifoRequests: 0 } }, /standard/).usd, 0.0025368);
    close(lineOf({ sqs: { standardRequests: 0, fifoRequests: 1e6 } }, /FIFO/).usd, 0.5);
    close(lineOf({ dynamodb: { writeUnits: 1e6, readUnits: 0 } }, /write/).usd, 0.625);
    close(lineOf({ dynamodb: { writeUnits: 0, readUnits: 8e6 } }, /read/).usd, 1.0);
  });

  test("the total is the sum of the lines; per match divides it evenly", () => {
    const usage: MeteredUsage = {
      stepFunctions: { standardTransitions: 22, expressRequests: 1200, expressBilledMs: 120_000 },
      lambda: { requests: 12_000, gbSeconds: 30, architecture: "arm64" },
      eventBridge: { events: 2000 },
      sqs: { standardRequests: 6000, fifoRequests: 0 },
      dynamodb: { writeUnits: 15_000, readUnits: 2400 },
    };
    const total = 22 * 0.000025 + 1200 * 1e-6 + 120 * 0.0625 * 0.00001667 + 12_000 * 2e-7 + 30 * 0.0000133334 + 2000 * 1e-6 + 6000 * 4e-7 + 15_000 * 6.25e-7 + 2400 * 1.25e-7;
    const estimate = estimateCost(usage);
    close(estimate.totalUsd, total, 1e-12);
    close(perMatch(estimate, 2).totalUsd, total / 2, 1e-12);
    assert.equal(perMatch(estimate, 2).lines.find((l) => /Standard/.test(l.item))!.quantity, 11);
  });

  test("bad usage or match counts are input errors", () => {
    assert.throws(() => estimateCost({ ...none, eventBridge: { events: -1 } }), (e: unknown) => e instanceof InputError && e.code === "cost.invalid_usage");
    assert.throws(() => estimateCost({ ...none, dynamodb: { writeUnits: Number.NaN, readUnits: 0 } }), InputError);
    assert.throws(() => perMatch(estimateCost(none), 0), (e: unknown) => e instanceof InputError && e.code === "cost.invalid_matches");
  });

  test("an idle day costs no compute; alarms and idle polling are standing charges", () => {
    const idle = idleDayCost({ alarms: 9, sqsEventSourceMappings: 2 });
    assert.equal(idle.computeUsd, 0);
    close(idle.standing.find((l) => l.service === "CloudWatch")!.usd, (9 * 0.1 * 12) / 365.25, 1e-12);
    const polling = idle.standing.find((l) => l.service === "SQS")!;
    assert.equal(polling.quantity, 2 * 5 * (86_400 / 20));
    close(polling.usd, 43_200 * 4e-7);
    close(idle.totalUsd, (9 * 0.1 * 12) / 365.25 + 43_200 * 4e-7, 1e-12);
  });
});

describe("local usage in billing units", () => {
  const usage = (expressRunTimeMs: number, expressRequests: number): LocalCloudUsage => ({
    stepFunctions: { standardExecutions: 2, standardTransitions: 22, expressRequests, expressDurationMs: expressRunTimeMs * 90, expressRunTimeMs },
    lambda: { total: { invocations: 100, errors: 0, timeouts: 0, throttles: 0, billedDurationMs: 4000, gbSeconds: 1.5, durations: [] }, byFunction: {} },
    eventBridge: { eventsPut: 40, matchedRules: 0, deliveries: 0, failedAttempts: 0, deadLettered: 0, dropped: 0, archived: 0 },
    sqs: { requests: 300, messagesSent: 30, deadLettered: 0, receives: 200, deletes: 70 },
    dynamodb: { readUnits: 12, writeUnits: 80, readRequests: 10, writeRequests: 40, failedConditionalWrites: 1 },
  });

  test("Express bills the real run time, the mean execution rounded up to 100 ms", () => {
    // 10 executions of 1,000 real ms in all: 100 ms each, billed 100 ms each.
    assert.equal(meteredUsage(usage(1000, 10), { architecture: "arm64" }).stepFunctions.expressBilledMs, 1000);
    // 101 ms each bills 200 ms each.
    assert.equal(meteredUsage(usage(1010, 10), { architecture: "arm64" }).stepFunctions.expressBilledMs, 2000);
    assert.equal(meteredUsage(usage(0, 0), { architecture: "arm64" }).stepFunctions.expressBilledMs, 0);
  });

  test("the other counters pass through", () => {
    const m = meteredUsage(usage(0, 0), { architecture: "arm64" });
    assert.deepEqual(m.lambda, { requests: 100, gbSeconds: 1.5, architecture: "arm64" });
    assert.deepEqual(m.sqs, { standardRequests: 300, fifoRequests: 0 });
    assert.deepEqual(m.dynamodb, { writeUnits: 80, readUnits: 12 });
    assert.deepEqual(m.eventBridge, { events: 40 });
    assert.equal(m.stepFunctions.standardTransitions, 22);
  });
});
