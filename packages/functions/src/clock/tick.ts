import { BatchProcessor, EventType, FullBatchFailureError, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { sendTicks, type Tick as NextTick } from "@pricing/core/bus/clock";
import { Tick } from "@pricing/core/bus/tick";
import { tickClock } from "@pricing/core/match/flows/clock";
import { logger } from "@pricing/core/powertools/logger";
import { metrics, MetricUnit } from "@pricing/core/powertools/metrics";

/**
 * Clock ticks of in-play matches: each record reprices its match with the clock run on;
 * then the batch's next ticks go out together (one SendMessageBatch per ten, not a
 * SendMessage each). A record whose next tick was not sent is reported failed, as one
 * that threw is: its redelivery claims the same link again and resends it.
 */
export async function handler(event: SQSEvent, context: Context): Promise<SQSBatchResponse> {
  const next: Array<{ key: string; tick: NextTick }> = [];
  const tickRecord = async (record: SQSRecord) => {
    const tick = Tick.parse(JSON.parse(record.body));
    const result = await tickClock(tick, record.messageId);
    if (result.next) next.push({ key: record.messageId, tick: result.next });
    metrics.addMetric(result.continued ? "ClockTicked" : "ClockChainEnded", MetricUnit.Count, 1);
    logger.info("clock tick", { tick, result });
  };
  try {
    const processor = new BatchProcessor(EventType.SQS);
    const response = await processPartialResponse(event, tickRecord, processor, { context, throwOnFullBatchFailure: false });
    const unsent = await sendTicks(next);
    if (unsent.length > 0) logger.warn("next ticks not sent: their records are retried", { unsent });
    const batchItemFailures = [...response.batchItemFailures, ...unsent.map((itemIdentifier) => ({ itemIdentifier }))];
    if (event.Records.length > 0 && batchItemFailures.length === event.Records.length) {
      throw new FullBatchFailureError([...processor.errors, ...unsent.map((id) => new Error(`the next tick of ${id} was not sent`))]);
    }
    return { batchItemFailures };
  } finally {
    metrics.publishStoredMetrics();
  }
}
