import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context, SQSEvent, SQSRecord } from "aws-lambda";
import { ingestMessage } from "@pricing/core/match/flows/ingest";
import { logger } from "@pricing/core/powertools/logger";
import { metrics, MetricUnit } from "@pricing/core/powertools/metrics";

const processor = new BatchProcessor(EventType.SQS);

async function ingestRecord(record: SQSRecord) {
  const report = await ingestMessage(record.body);
  metrics.addMetric(`Event${report.outcome[0].toUpperCase()}${report.outcome.slice(1)}`, MetricUnit.Count, 1);
  if (report.outcome === "rejected") logger.warn("feed event rejected", { report });
  else if (report.skipped.length > 0) logger.warn("feed gap skipped", { report });
  else logger.info("feed event ingested", { report });
}

/** Feed events from the burst buffer; one match's events in a batch are applied in order. */
export async function handler(event: SQSEvent, context: Context) {
  try {
    return await processPartialResponse(event, ingestRecord, processor, { context, processInParallel: false });
  } finally {
    metrics.publishStoredMetrics();
  }
}
