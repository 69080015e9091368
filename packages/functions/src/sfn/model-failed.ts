import { reportModelFailure } from "@pricing/core/match/flows/pricing";
import { logger } from "@pricing/core/powertools/logger";
import { metrics, MetricUnit } from "@pricing/core/powertools/metrics";

/** PriceMatch per-item Catch: that group is suspended and `Model Failed` announced. */
export async function handler(input: { matchId: string; group: string; stateVersion: number; error: { Error?: string; Cause?: string } }) {
  const result = await reportModelFailure(input);
  logger.warn("market group suspended after model failure", { matchId: input.matchId, group: input.group, error: input.error.Error });
  metrics.addMetric("ModelFailed", MetricUnit.Count, 1);
  metrics.publishStoredMetrics();
  return result;
}
