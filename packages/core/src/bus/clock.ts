import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { Config } from "../config";
import { sqsClient } from "./clients";
import type { Tick } from "./tick";

export type { Tick } from "./tick";

/** Sends the next tick of a chain, delivered after the configured interval (SQS allows at most 900 s). */
export async function sendTick(tick: Tick): Promise<void> {
  await sqsClient().send(
    new SendMessageCommand({ QueueUrl: Config.clockQueueUrl, MessageBody: JSON.stringify(tick), DelaySeconds: Math.min(900, Math.round(Config.tickSeconds)) }),
  );
}
