import { voidMatch } from "@pricing/core/match/flows/settle";
import { logger } from "@pricing/core/powertools/logger";

/** Lifecycle Void: an abandoned match; every offered selection is void. */
export async function handler(input: { matchId: string }) {
  const report = await voidMatch(input.matchId);
  logger.info("match voided", { report });
  return report;
}
