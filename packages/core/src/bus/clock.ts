import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { Config } from "../config";
import { SQS_MAX_DELAY_SECONDS } from "../policy";
import { sqsClient } from "./clients";
import type { Tick } from "./tick";

export type { Tick } from "./tick";

/** Sends a tick of a chain, delivered after `delaySeconds` (by default the tick interval). */
export async function sendTick(tick: Tick, delaySeconds: number = Config.tickSeconds): Promise<void> {
  await sqsClient().send(
    new SendMessageCommand({ QueueUrl: Config.clockQueueUrl, MessageBody: JSON.stringify(tick), DelaySeconds: Math.min(SQS_MAX_DELAY_SECONDS, Math.max(0, Math.round(delaySeconds))) }),
  );
}

/**
 * When a match's first tick falls, 1 to the tick interval seconds after kick-off, fixed
 * per match (FNV-1a of its id). Matches that kick off together (a Saturday's 15:00
 * games) then tick in phases spread over the interval, not all in the same second:
 * the repricings, Lambda concurrency and DynamoDB writes of a full round come as an
 * even stream instead of a burst every interval.
 */
export function firstTickDelaySeconds(matchId: string, tickSeconds: number = Config.tickSeconds): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < matchId.length; i++) hash = Math.imul(hash ^ matchId.charCodeAt(i), 0x01000193) >>> 0;
  const slots = Math.max(1, Math.round(tickSeconds));
  return 1 + (hash % slots);
}
