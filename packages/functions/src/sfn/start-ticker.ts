import { startTicker } from "@pricing/core/match/flows/lifecycle";
import { logger } from "@pricing/core/powertools/logger";

/** Lifecycle InPlay: starts the match's clock-tick chain (at most one per match). */
export async function handler(input: { matchId: string; tickerId: string }) {
  const result = await startTicker(input.matchId, input.tickerId);
  logger.info("ticker", { ...input, ...result });
  return result;
}
