import { registerMatch } from "@pricing/core/match/flows/lifecycle";
import { logger } from "@pricing/core/powertools/logger";

/** Lifecycle Register: ties the execution to its match. */
export async function handler(input: { matchId: string; executionArn: string }) {
  const signal = await registerMatch(input.matchId, input.executionArn);
  logger.info("match registered", { ...input, epoch: signal.epoch });
  return signal;
}
