import { BatchProcessor, EventType, FullBatchFailureError, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { sendTicks } from "@pricing/core/bus/clock";
import { Tick } from "@pricing/core/bus/tick";
import { joinsJobs, startPriceMatch, startPriceMatchJobs } from "@pricing/core/bus/workflow";
import { tickClock } from "@pricing/core/match/flows/clock";
import type { PricingJob } from "@pricing/core/match/flows/load";
import { logger } from "@pricing/core/powertools/logger";
import { metrics, MetricUnit } from "@pricing/core/powertools/metrics";
import { PRICE_JOBS_PER_EXECUTION } from "@pricing/core/policy";

/**
 * The repricings of a batch's continued chains: the jobs that can join others go to
 * PriceMatch's jobs path, one execution for each sport's PRICE_JOBS_PER_EXECUTION
 * (usually the whole batch in one), the others one execution each. Returns the records
 * whose repricing did not start: every record of an execution that did not.
 */
async function startRepricings(continued: Array<{ key: string; job: PricingJob }>): Promise<string[]> {
  const starts: Array<{ keys: string[]; start: () => Promise<void> }> = [];
  const bySport = new Map<string, Array<{ key: string; job: PricingJob }>>();
  for (const c of continued) {
    if (joinsJobs(c.job)) bySport.set(c.job.sport!, [...(bySport.get(c.job.sport!) ?? []), c]);
    else starts.push({ keys: [c.key], start: () => startPriceMatch(c.job, "clock") });
  }
  for (const group of bySport.values()) {
    for (let i = 0; i < group.length; i += PRICE_JOBS_PER_EXECUTION) {
      const chunk = group.slice(i, i + PRICE_JOBS_PER_EXECUTION);
      starts.push({ keys: chunk.map((c) => c.key), start: () => startPriceMatchJobs(chunk.map((c) => c.job), "clock") });
    }
  }
  const failed = await Promise.all(starts.map(({ keys, start }) => start().then(() => [], (error: unknown) => {
    logger.error("repricing not started: its records are retried", { keys, error });
    return keys;
  })));
  return failed.flat();
}

/**
 * Clock ticks of in-play matches. Each record claims its link of its match's chain;
 * then the batch's next ticks go out together (one SendMessageBatch per ten, not a
 * SendMessage each) beside the matches' repricings (one StartExecution for the batch's
 * jobs of a sport, `startRepricings`). A record
 * whose next tick was not sent or whose repricing did not start is reported failed, as
 * one that threw is: its redelivery claims the same link again, resends and reprices.
 */
export async function handler(event: SQSEvent, context: Context): Promise<SQSBatchResponse> {
  // The records whose chain goes on: each one's next tick to send and repricing to start.
  const continued: Array<{ key: string; tick: Tick; job: PricingJob }> = [];
  const tickRecord = async (record: SQSRecord) => {
    const tick = Tick.parse(JSON.parse(record.body));
    const result = await tickClock(tick, record.messageId);
    if (result.next) continued.push({ key: record.messageId, ...result.next });
    metrics.addMetric(result.next ? "ClockTicked" : "ClockChainEnded", MetricUnit.Count, 1);
    logger.info("clock tick", { tick, continued: result.next !== undefined, skipped: result.skipped });
  };
  try {
    const processor = new BatchProcessor(EventType.SQS);
    const response = await processPartialResponse(event, tickRecord, processor, { context, throwOnFullBatchFailure: false });
    const [unsent, unstarted] = await Promise.all([sendTicks(continued), startRepricings(continued)]);
    const failed = new Set([...response.batchItemFailures.map((f) => f.itemIdentifier), ...unsent, ...unstarted]);
    if (event.Records.length > 0 && failed.size === event.Records.length) {
      throw new FullBatchFailureError([...processor.errors, ...[...unsent, ...unstarted].map((id) => new Error(`record ${id}: its next tick not sent or its repricing not started`))]);
    }
    return { batchItemFailures: [...failed].map((itemIdentifier) => ({ itemIdentifier })) };
  } finally {
    metrics.publishStoredMetrics();
  }
}
