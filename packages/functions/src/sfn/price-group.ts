import type { MarketGroup } from "@pricing/core/markets/types";
import type { MatchSituation } from "@pricing/core/sports/football/models/situation";
import { priceMarketGroup } from "@pricing/core/match/flows/model";
import { logger } from "../powertools/logger";
import { metrics, MetricUnit } from "../powertools/metrics";

/** PriceMatch PriceGroup: the model for one market group; its errors are typed for Retry/Catch. */
export async function handler(input: { matchId: string; group: MarketGroup; situation: MatchSituation }) {
  const started = performance.now();
  try {
    const result = priceMarketGroup(input.group, input.situation);
    metrics.addMetric("ModelLatency", MetricUnit.Milliseconds, performance.now() - started);
    return result;
  } catch (err) {
    logger.error("model failed", { matchId: input.matchId, group: input.group, error: err as Error });
    metrics.addMetric("ModelErrors", MetricUnit.Count, 1);
    throw err;
  } finally {
    metrics.publishStoredMetrics();
  }
}
