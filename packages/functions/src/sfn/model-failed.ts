import { batchFailures, reportModelFailures, type GroupFailure, type GroupResult } from "@pricing/core/match/flows/pricing";
import { logger } from "@pricing/core/powertools/logger";
import { metrics, MetricUnit } from "@pricing/core/powertools/metrics";

type Input = { matchId: string; stateVersion: number } & (
  // A batch's invocation failed after its retries (the Map item's Catch): every group of it.
  | { groups: string[]; error: { Error?: string; Cause?: string } }
  // A batch was priced but some of its groups' models threw.
  | { results: GroupResult[]; failures: GroupFailure[] }
);

/** PriceMatch ModelFailed: the batch's failed groups are suspended and `Model Failed` announced for each. */
export async function handler(input: Input) {
  const failures = "failures" in input ? input.failures : batchFailures(input.groups, input.error);
  const results = await reportModelFailures({ matchId: input.matchId, stateVersion: input.stateVersion, results: "results" in input ? input.results : [], failures });
  logger.warn("market groups suspended after model failure", { matchId: input.matchId, groups: failures.map((f) => f.group), error: failures[0]?.error.name });
  metrics.addMetric("ModelFailed", MetricUnit.Count, failures.length);
  metrics.publishStoredMetrics();
  return results;
}
