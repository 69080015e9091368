import { loadPricingJob } from "@pricing/core/match/flows/load";
import { logger } from "@pricing/core/powertools/logger";

/** PriceMatch LoadState: the situation to price, or nothing to price. */
export async function handler(input: { matchId: string; reason: string; asOf: string }) {
  const job = await loadPricingJob(input);
  logger.info("pricing job", { matchId: job.matchId, reason: input.reason, stateVersion: job.stateVersion, priceable: job.priceable });
  return job;
}
