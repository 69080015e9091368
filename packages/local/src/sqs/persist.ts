import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type { StoredMessage } from "./message";
import type { LocalSqs } from "./sqs";

/**
 * Queues are durable on AWS: what a stopped local cloud held (a match's next clock
 * tick, a delayed or unacknowledged feed event) is written to the data directory and
 * handed back on the next start. A restored message is visible at once and keeps its
 * receive count: a delayed tick fires early (the tick chain's fence accepts it) and a
 * message that was being processed is redelivered, as SQS does after a visibility
 * timeout.
 */
export function saveQueues(sqs: LocalSqs, file: string): number {
  const saved: Record<string, StoredMessage[]> = {};
  let count = 0;
  for (const queue of sqs.listQueues()) {
    const messages = queue.peek().map(({ receiptHandle: _handle, ...message }) => message);
    if (messages.length > 0) saved[queue.name] = messages;
    count += messages.length;
  }
  writeFileSync(`${file}.tmp`, JSON.stringify(saved));
  renameSync(`${file}.tmp`, file);
  return count;
}

/** Puts back the messages `saveQueues` wrote, into the queues of the same name; returns how many. */
export function restoreQueues(sqs: LocalSqs, file: string): number {
  if (!existsSync(file)) return 0;
  const saved = JSON.parse(readFileSync(file, "utf8")) as Record<string, StoredMessage[]>;
  let count = 0;
  for (const [name, messages] of Object.entries(saved)) {
    const queue = sqs.findQueue(name);
    if (!queue) continue;
    for (const message of messages) queue.accept(message);
    count += messages.length;
  }
  return count;
}
