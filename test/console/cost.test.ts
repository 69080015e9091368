import { describe, test } from "vitest";
import assert from "node:assert/strict";
import fc from "fast-check";
import { estimateCost } from "@pricing/core/cost/estimate";
import { estimateMatchUsage } from "@pricing/core/cost/match-usage";

describe("cost of a match estimated from the table's counts", () => {
  const epochs = ["SCHEDULED", "IN_PLAY", "FULL_TIME", "CONFIRMED", "SETTLED", "VOID"];
  const usd = (events: number, versions: number, epoch: string) => estimateCost(estimateMatchUsage({ events, groups: 7, versions, epoch })).totalUsd;

  test("a match nothing happened to costs nothing", () => {
    assert.equal(usd(0, 0, "SCHEDULED"), 0);
  });

  test("more events or more published versions never cost less; settling costs its writes", () => {
    fc.assert(fc.property(fc.nat(500), fc.nat(2000), fc.nat(50), fc.nat(200), fc.constantFrom(...epochs), (events, versions, more, moreVersions, epoch) => {
      assert.ok(usd(events + more, versions, epoch) >= usd(events, versions, epoch));
      assert.ok(usd(events, versions + moreVersions, epoch) >= usd(events, versions, epoch));
      if (events > 0) assert.ok(usd(events, versions, "SETTLED") > usd(events, versions, "IN_PLAY"));
    }));
  });

  test("a price version costs its Express request, its model invocations and its writes", () => {
    const one = estimateMatchUsage({ events: 1, groups: 7, versions: 1, epoch: "IN_PLAY" });
    const two = estimateMatchUsage({ events: 1, groups: 7, versions: 2, epoch: "IN_PLAY" });
    assert.equal(two.stepFunctions.expressRequests - one.stepFunctions.expressRequests, 1);
    assert.equal(two.lambda.requests - one.lambda.requests, 7 + 1 + 1, "seven models, Publish and the clock tick (the tick passes the job: no LoadState)");
  });
});
