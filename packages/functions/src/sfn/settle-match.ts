import { settleMatch } from "@pricing/core/match/flows/settle";
import { logger } from "@pricing/core/powertools/logger";

/** Lifecycle Settle: settles every offered selection and publishes `Markets Settled`. */
export async function handler(input: { matchId: string }) {
  const report = await settleMatch(input.matchId);
  logger.info("match settled", { report });
  return report;
}
