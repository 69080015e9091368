import type { LocalCloudUsage } from "../types";
import { expressBilledMs, type MeteredUsage } from "@pricing/core/cost/estimate";
import type { LambdaArchitecture } from "@pricing/core/cost/prices";

/** Counts before and after a period, to bill only what happened in between. */
export function usageBetween(before: LocalCloudUsage, after: LocalCloudUsage): LocalCloudUsage {
  const diff = <T extends object>(a: T, b: T): T =>
    Object.fromEntries(Object.entries(b).map(([k, v]) => [k, typeof v === "number" ? v - ((a as Record<string, number>)[k] ?? 0) : v])) as T;
  return {
    stepFunctions: diff(before.stepFunctions, after.stepFunctions),
    lambda: { total: diff(before.lambda.total, after.lambda.total), byFunction: after.lambda.byFunction },
    eventBridge: diff(before.eventBridge, after.eventBridge),
    sqs: diff(before.sqs, after.sqs),
    dynamodb: diff(before.dynamodb, after.dynamodb),
  };
}

/**
 * The local cloud's counts in AWS's billing units. Lambda GB-seconds are measured in
 * real time on this machine (1 ms rounding, the function's memory). EXPRESS run time is
 * real time too (the clock's duration divided by its speed); the local cloud counts its
 * sum, not each execution, so the 100 ms rounding is applied to the mean execution
 * (exact when durations are alike, under 100 ms per execution off otherwise). Every
 * queue of the app is a standard queue; every function runs on `architecture`.
 */
export function meteredUsage(usage: LocalCloudUsage, options: { architecture: LambdaArchitecture }): MeteredUsage {
  const sfn = usage.stepFunctions;
  const meanRealMs = sfn.expressRequests > 0 ? sfn.expressRunTimeMs / sfn.expressRequests : 0;
  return {
    stepFunctions: {
      standardTransitions: sfn.standardTransitions,
      expressRequests: sfn.expressRequests,
      expressBilledMs: sfn.expressRequests > 0 ? expressBilledMs([meanRealMs]) * sfn.expressRequests : 0,
    },
    lambda: { requests: usage.lambda.total.invocations, gbSeconds: usage.lambda.total.gbSeconds, architecture: options.architecture },
    eventBridge: { events: usage.eventBridge.eventsPut },
    sqs: { standardRequests: usage.sqs.requests, fifoRequests: 0 },
    dynamodb: { writeUnits: usage.dynamodb.writeUnits, readUnits: usage.dynamodb.readUnits },
  };
}
