import { BatchProcessor, EventType, FullBatchFailureError, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { ingestMessage, messageMatchId } from "@pricing/core/match/flows/ingest";
import { logger } from "@pricing/core/powertools/logger";
import { metrics, MetricUnit } from "@pricing/core/powertools/metrics";

async function ingestRecord(record: SQSRecord) {
  const report = await ingestMessage(record.body);
  metrics.addMetric(`Event${report.outcome[0].toUpperCase()}${report.outcome.slice(1)}`, MetricUnit.Count, 1);
  if (report.outcome === "rejected") logger.warn("feed event rejected", { report });
  else if (report.skipped.length > 0) logger.warn("feed gap skipped", { report });
  else logger.info("feed event ingested", { report });
}

/** A batch's records by match, each match's in the order they came; a record naming no match alone. */
function byMatch(records: SQSRecord[]): SQSRecord[][] {
  const groups = new Map<string, SQSRecord[]>();
  for (const record of records) {
    const key = messageMatchId(record.body) ?? `message:${record.messageId}`;
    const group = groups.get(key);
    if (group) group.push(record);
    else groups.set(key, [record]);
  }
  return [...groups.values()];
}

/**
 * Feed events from the burst buffer. One match's events in a batch are applied in
 * order; different matches' side by side, so an event does not wait for the other
 * matches' events ahead of it in the batch. Each match's records go through a
 * processor of their own (a processor holds one batch's state), and the failures of all
 * are reported together: the queue retries those records alone. A batch whose every
 * record failed fails the invocation, as a single processor's would.
 */
export async function handler(event: SQSEvent, context: Context): Promise<SQSBatchResponse> {
  try {
    const runs = byMatch(event.Records).map((records) => ({ records, processor: new BatchProcessor(EventType.SQS) }));
    const responses = await Promise.all(runs.map(({ records, processor }) =>
      processPartialResponse({ Records: records }, ingestRecord, processor, { context, processInParallel: false, throwOnFullBatchFailure: false })));
    const batchItemFailures = responses.flatMap((r) => r.batchItemFailures);
    if (event.Records.length > 0 && batchItemFailures.length === event.Records.length) throw new FullBatchFailureError(runs.flatMap((r) => r.processor.errors));
    return { batchItemFailures };
  } finally {
    metrics.publishStoredMetrics();
  }
}
