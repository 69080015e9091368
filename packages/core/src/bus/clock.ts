import { SendMessageBatchCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { Config } from "../config";
import { SQS_MAX_DELAY_SECONDS } from "../policy";
import { logger } from "../powertools/logger";
import { sqsClient } from "./clients";
import type { Tick } from "./tick";

export type { Tick } from "./tick";

const delayOf = (seconds: number) => Math.min(SQS_MAX_DELAY_SECONDS, Math.max(0, Math.round(seconds)));

/**
 * When the tick after one due at `dueAt` is due: a whole interval later, or, if that has
 * passed already (a tick run late, after a backlog), the first time after `nowMs` on the
 * chain's phase, so a late chain skips the ticks it missed rather than running them in a
 * burst. Each tick waits for its SQS delivery, and its batch for the event source's
 * batching window (CLOCK_BATCHING_WINDOW_SECONDS): a delay of a whole interval after
 * each run would stretch the interval by those waits, every tick.
 */
export function nextDueAt(dueAt: number | undefined, nowMs: number, tickSeconds: number = Config.tickSeconds): number {
  const interval = tickSeconds * 1000;
  // Whole ms, as the tick's schema takes it (a local cloud's clock may run at a speed, in fractions of a ms).
  let next = Math.round(dueAt ?? nowMs) + interval;
  if (next <= nowMs) next += Math.ceil((nowMs - next + 1) / interval) * interval;
  return next;
}

/** Seconds SQS should hold a tick due at `dueAt`, from `nowMs` (whole seconds: SQS's delays). */
export const delayUntil = (dueAt: number, nowMs: number) => delayOf((dueAt - nowMs) / 1000);

/** Sends a tick of a chain, delivered after `delaySeconds` (by default the tick interval). */
export async function sendTick(tick: Tick, delaySeconds: number = Config.tickSeconds): Promise<void> {
  await sqsClient().send(new SendMessageCommand({ QueueUrl: Config.clockQueueUrl, MessageBody: JSON.stringify(tick), DelaySeconds: delayOf(delaySeconds) }));
}

/** SendMessageBatch's limit on entries. */
const SQS_BATCH_ENTRIES = 10;

/**
 * Sends ticks of several chains, each delivered when it is due (its `dueAt`; after
 * `delaySeconds` for one without), in SendMessageBatch
 * calls of up to ten (a clock-tick invocation's next ticks: one call where there were as
 * many SendMessage calls as ticks). Returns the keys of the ticks that were not sent: an
 * entry SQS refused, or every entry of a call that failed.
 */
export async function sendTicks<K>(ticks: ReadonlyArray<{ key: K; tick: Tick }>, delaySeconds: number = Config.tickSeconds): Promise<K[]> {
  const chunks: Array<typeof ticks> = [];
  for (let i = 0; i < ticks.length; i += SQS_BATCH_ENTRIES) chunks.push(ticks.slice(i, i + SQS_BATCH_ENTRIES));
  const unsent = await Promise.all(chunks.map(async (chunk) => {
    try {
      const out = await sqsClient().send(new SendMessageBatchCommand({
        QueueUrl: Config.clockQueueUrl,
        Entries: chunk.map(({ tick }, i) => ({
          Id: String(i), MessageBody: JSON.stringify(tick), DelaySeconds: tick.dueAt === undefined ? delayOf(delaySeconds) : delayUntil(tick.dueAt, Date.now()),
        })),
      }));
      const refused = (out.Failed ?? []).map((failed) => chunk[Number(failed.Id)].key);
      if (refused.length > 0) logger.warn("SQS refused ticks of a batch", { refused, failed: out.Failed });
      return refused;
    } catch (error) {
      const unsent = chunk.map(({ key }) => key);
      logger.warn("a batch of ticks was not sent", { unsent, error });
      return unsent;
    }
  }));
  return unsent.flat();
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
