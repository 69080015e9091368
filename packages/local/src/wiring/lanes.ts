import type { InvocationRequest } from "../lambda/handlers";
import { queueNameOf } from "../sqs/sqs";

/**
 * Whether an invocation carries the clock's work, which the handler processes run in
 * a background lane (`ThreadedRunner`'s `background`): a batch of ticks from the clock
 * queue (the function that reads the queue its own CLOCK_QUEUE_URL names: ClockTick,
 * not Ingest, which only starts chains), and PriceMatch's jobs path, the model and
 * Publish invocations of a batch of ticks' repricings (an event with a `jobs` list).
 * A tick is due within its interval (10 s); a goal's or point's repricing, which keeps
 * the one-job path, is measured in milliseconds.
 */
export function isClockWork({ spec, event }: Pick<InvocationRequest, "spec" | "event">): boolean {
  if (event === null || typeof event !== "object") return false;
  if (Array.isArray((event as { jobs?: unknown }).jobs)) return true;
  const clockQueueUrl = spec.environment.CLOCK_QUEUE_URL;
  const records = (event as { Records?: unknown }).Records;
  if (!clockQueueUrl || !Array.isArray(records) || records.length === 0) return false;
  const source = (records[0] as { eventSourceARN?: unknown }).eventSourceARN;
  return typeof source === "string" && source.startsWith("arn:") && queueNameOf(source) === queueNameOf(clockQueueUrl);
}
