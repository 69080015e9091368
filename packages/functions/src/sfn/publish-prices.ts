import { publishPrices, type GroupResult } from "@pricing/core/match/flows/pricing";
import { logger } from "@pricing/core/powertools/logger";
import { metrics, MetricUnit } from "@pricing/core/powertools/metrics";

/**
 * PriceMatch Publish: stores the prices if they are the newest (retried by its
 * execution) and returns their announcement for the machine to put. `results` holds
 * one list per model batch.
 */
export async function handler(input: { matchId: string; stateVersion: number; priceVersion: number; asOf: string; executionName: string; held?: Array<{ group: string; reason: string }>; partial?: boolean; results: GroupResult[][] }) {
  const { results, ...job } = input;
  const outcome = await publishPrices(job, results.flat());
  metrics.addMetric(outcome.published ? "PricesPublished" : "PricesStale", MetricUnit.Count, 1);
  metrics.publishStoredMetrics();
  logger.info("publish", { ...job, published: outcome.published });
  return outcome;
}
