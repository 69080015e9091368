import { SendMessageCommand } from "@aws-sdk/client-sqs";
import * as z from "zod";
import { Config } from "../config";
import { MatchId } from "../match/events";
import { sqsClient } from "./clients";

/** One link of a match's clock-tick chain. */
export const Tick = z.object({ matchId: MatchId, tickerId: z.string().min(1).max(200), tickSeq: z.number().int().min(0) });
export type Tick = z.infer<typeof Tick>;

/** Sends the next tick of a chain, delivered after the configured interval (SQS allows at most 900 s). */
export async function sendTick(tick: Tick): Promise<void> {
  await sqsClient().send(
    new SendMessageCommand({ QueueUrl: Config.clockQueueUrl, MessageBody: JSON.stringify(tick), DelaySeconds: Math.min(900, Math.round(Config.tickSeconds)) }),
  );
}
