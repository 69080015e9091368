import type { Epoch } from "@pricing/core/match/epoch";
import { awaitEpoch } from "@pricing/core/match/flows/lifecycle";
import { logger } from "@pricing/core/powertools/logger";

/** Lifecycle Await* (.waitForTaskToken): parks the token, completing at once if the epoch already moved. */
export async function handler(input: { matchId: string; awaiting: Epoch; taskToken: string }) {
  const result = await awaitEpoch(input.matchId, input.awaiting, input.taskToken);
  logger.info("awaiting epoch", { matchId: input.matchId, awaiting: input.awaiting, completedAtOnce: result.completed });
  return result;
}
