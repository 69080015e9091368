import type { LocalCloudUsage } from "../types";
import type { LocalEventBridge } from "../eventbridge/bus";
import type { LocalLambda } from "../lambda";
import type { SqsEventSource } from "../sqs/event-source";
import type { LocalSqs } from "../sqs/sqs";
import type { LocalStepFunctions } from "../stepfunctions";
import type { CapacityUsage } from "./dynamodb-proxy";

/**
 * A snapshot of the counters. SQS requests include the event-source pollers' receives
 * and one DeleteMessageBatch per processed batch, as Lambda's pollers make them.
 */
export function localUsage(parts: {
  stepFunctions: LocalStepFunctions;
  lambda: LocalLambda;
  eventBridge: LocalEventBridge;
  sqs: LocalSqs;
  sources: SqsEventSource[];
  dynamodb: CapacityUsage;
  speed: number;
}): LocalCloudUsage {
  const receives = parts.sources.reduce((sum, source) => sum + source.stats.polls, 0);
  const deletes = parts.sources.reduce((sum, source) => sum + (source.stats.messagesDeleted > 0 ? source.stats.invocations : 0), 0);
  const lambda = parts.lambda.usage();
  return {
    stepFunctions: { ...parts.stepFunctions.usage, expressRunTimeMs: parts.stepFunctions.usage.expressDurationMs / Math.max(1, parts.speed) },
    lambda: { total: { ...lambda.total }, byFunction: structuredClone(lambda.byFunction) },
    eventBridge: { ...parts.eventBridge.stats },
    sqs: { ...parts.sqs.stats, requests: parts.sqs.stats.requests + deletes, receives, deletes },
    dynamodb: { ...parts.dynamodb },
  };
}
