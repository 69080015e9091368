import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context, SQSEvent, SQSRecord } from "aws-lambda";
import { Tick } from "@pricing/core/bus/tick";
import { tickClock } from "@pricing/core/match/flows/clock";
import { logger } from "@pricing/core/powertools/logger";
import { metrics, MetricUnit } from "@pricing/core/powertools/metrics";

const processor = new BatchProcessor(EventType.SQS);

async function tickRecord(record: SQSRecord) {
  const tick = Tick.parse(JSON.parse(record.body));
  const result = await tickClock(tick, record.messageId);
  metrics.addMetric(result.continued ? "ClockTicked" : "ClockChainEnded", MetricUnit.Count, 1);
  logger.info("clock tick", { tick, result });
}

/** Clock ticks of in-play matches: reprice with the clock run on, and send the next tick. */
export async function handler(event: SQSEvent, context: Context) {
  try {
    return await processPartialResponse(event, tickRecord, processor, { context });
  } finally {
    metrics.publishStoredMetrics();
  }
}
