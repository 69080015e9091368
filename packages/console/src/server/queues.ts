import {
  ChangeMessageVisibilityBatchCommand, DeleteMessageCommand, GetQueueAttributesCommand, ListDeadLetterSourceQueuesCommand,
  ReceiveMessageCommand, SendMessageCommand, StartMessageMoveTaskCommand, type Message,
} from "@aws-sdk/client-sqs";
import { InputError } from "@pricing/core/errors";
import type { DeadLetterMessage, QueueView, RedriveResponse } from "../api";
import type { ConsoleClients } from "./clients";
import type { QueueResource } from "./resources";

/** Most dead-lettered messages the console lists per queue. */
export const PEEK_LIMIT = 50;
/** Seconds a peeked message stays hidden before the console hands it back (at once, normally). */
const PEEK_HOLD_SECONDS = 20;

/** A dead-letter queue: the redrive target of a work queue, or the DLQ of an EventBridge target. */
export function isDeadLetterQueue(queue: QueueResource, all: QueueResource[]): boolean {
  return all.some((q) => q.deadLetterTargetArn === queue.arn) || /dlq/i.test(queue.label);
}

/** Why a message is in a dead-letter queue, from what SQS and EventBridge record on it. */
export function deadLetterReason(message: Message, queues: QueueResource[]): string {
  const attr = (name: string) => message.MessageAttributes?.[name]?.StringValue;
  const code = attr("ERROR_CODE");
  if (code) {
    const rule = attr("RULE_ARN")?.split("/").at(-1);
    return `EventBridge could not deliver it${rule ? ` (rule ${rule})` : ""}: ${code}${attr("ERROR_MESSAGE") && attr("ERROR_MESSAGE") !== code ? ` – ${attr("ERROR_MESSAGE")}` : ""}`;
  }
  const source = message.Attributes?.DeadLetterQueueSourceArn;
  if (source) {
    const from = queues.find((q) => q.arn === source);
    const limit = from?.maxReceiveCount;
    return `received ${limit ?? "too many"} times from ${from?.label ?? source} without being processed (maxReceiveCount ${limit ?? "?"})`;
  }
  return "sent to the dead-letter queue directly (no redrive record)";
}

function toView(message: Message, queues: QueueResource[]): DeadLetterMessage {
  const source = message.Attributes?.DeadLetterQueueSourceArn ?? message.MessageAttributes?.TARGET_ARN?.StringValue ?? null;
  const sent = message.Attributes?.SentTimestamp;
  return {
    messageId: message.MessageId ?? "",
    sentAt: sent ? new Date(Number(sent)).toISOString() : null,
    receiveCount: message.Attributes?.ApproximateReceiveCount ? Number(message.Attributes.ApproximateReceiveCount) : null,
    reason: deadLetterReason(message, queues),
    sourceQueue: source ? (queues.find((q) => q.arn === source)?.label ?? source) : null,
    body: message.Body ?? "",
  };
}

/**
 * Looks at the messages of a queue without consuming them: receives them with a short
 * visibility timeout (receiving with 0 would return the same few again) and makes each
 * visible again at once. Their receive count goes up, which a dead-letter queue (no
 * redrive policy of its own) does not act on.
 */
export async function peekMessages(clients: ConsoleClients, queue: QueueResource, limit = PEEK_LIMIT): Promise<Message[]> {
  const messages: Message[] = [];
  try {
    while (messages.length < limit) {
      const { Messages = [] } = await clients.sqs.send(new ReceiveMessageCommand({
        QueueUrl: queue.url, MaxNumberOfMessages: Math.min(10, limit - messages.length), VisibilityTimeout: PEEK_HOLD_SECONDS,
        WaitTimeSeconds: 0, MessageSystemAttributeNames: ["All"], MessageAttributeNames: ["All"],
      }));
      if (Messages.length === 0) break;
      messages.push(...Messages);
    }
  } finally {
    for (let i = 0; i < messages.length; i += 10) {
      const batch = messages.slice(i, i + 10);
      await clients.sqs.send(new ChangeMessageVisibilityBatchCommand({
        QueueUrl: queue.url,
        Entries: batch.map((m, k) => ({ Id: String(k), ReceiptHandle: m.ReceiptHandle!, VisibilityTimeout: 0 })),
      }));
    }
  }
  return messages;
}

/** Reads a queue's messages; the SDK way (peekMessages) unless something better is at hand. */
export type Peek = (queue: QueueResource) => Promise<Message[]>;

/** Depth and in-flight counts of every queue, and the messages of the dead-letter queues. */
export async function queueViews(clients: ConsoleClients, queues: QueueResource[], peek: Peek = (q) => peekMessages(clients, q)): Promise<QueueView[]> {
  return Promise.all(queues.map(async (queue) => {
    const { Attributes: a = {} } = await clients.sqs.send(new GetQueueAttributesCommand({
      QueueUrl: queue.url,
      AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed"],
    }));
    const dlq = isDeadLetterQueue(queue, queues);
    const visible = Number(a.ApproximateNumberOfMessages ?? 0);
    const messages = dlq && visible > 0 ? (await peek(queue)).map((m) => toView(m, queues)) : dlq ? [] : undefined;
    const redriveSources = queues.filter((q) => q.deadLetterTargetArn === queue.arn);
    return {
      name: queue.name,
      label: queue.label,
      url: queue.url,
      arn: queue.arn,
      visible,
      inFlight: Number(a.ApproximateNumberOfMessagesNotVisible ?? 0),
      delayed: Number(a.ApproximateNumberOfMessagesDelayed ?? 0),
      deadLetterQueue: queues.find((q) => q.arn === queue.deadLetterTargetArn)?.label ?? null,
      maxReceiveCount: queue.maxReceiveCount,
      isDeadLetterQueue: dlq,
      sources: redriveSources.map((q) => q.label),
      ...(messages ? { messages } : {}),
      redrivable: dlq && visible > 0,
    };
  }));
}

/**
 * Sends a dead-letter queue's messages back. A queue that is some queue's redrive target
 * uses SQS's own redrive (StartMessageMoveTask, to that queue, or back to where each
 * message came from when it serves several);
 * the DLQ of an EventBridge target has no source queue, so each message is sent to the
 * target queue its TARGET_ARN names and then deleted.
 *
 * @throws InputError "console.not_a_dlq" for a queue that is not a dead-letter queue,
 *   "console.no_redrive_target" when a message names no queue to go back to
 */
export async function redrive(clients: ConsoleClients, queues: QueueResource[], name: string): Promise<RedriveResponse> {
  const queue = queues.find((q) => q.name === name || q.label === name || q.arn === name || q.url === name);
  if (!queue || !isDeadLetterQueue(queue, queues)) throw new InputError("console.not_a_dlq", `${name} is not a dead-letter queue of this stage`, { queue: name });
  const { queueUrls = [] } = await clients.sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: queue.url }));
  if (queueUrls.length > 0) {
    // The one queue it serves, named: a message put on the DLQ by hand has no source of its own to go back to.
    const only = queueUrls.length === 1 ? queues.find((q) => q.url === queueUrls[0] || q.name === queueUrls[0].split("/").at(-1)) : undefined;
    const { TaskHandle } = await clients.sqs.send(new StartMessageMoveTaskCommand({ SourceArn: queue.arn, ...(only ? { DestinationArn: only.arn } : {}) }));
    return { queue: queue.label, method: "StartMessageMoveTask", moved: null, taskHandle: TaskHandle ?? null };
  }
  let moved = 0;
  for (;;) {
    const { Messages = [] } = await clients.sqs.send(new ReceiveMessageCommand({
      QueueUrl: queue.url, MaxNumberOfMessages: 10, VisibilityTimeout: 60, WaitTimeSeconds: 0, MessageAttributeNames: ["All"],
    }));
    if (Messages.length === 0) break;
    for (const message of Messages) {
      const targetArn = message.MessageAttributes?.TARGET_ARN?.StringValue;
      const target = queues.find((q) => q.arn === targetArn);
      if (!target) throw new InputError("console.no_redrive_target", `message ${message.MessageId} names no queue of this stage to go back to (TARGET_ARN ${targetArn ?? "missing"})`);
      await clients.sqs.send(new SendMessageCommand({ QueueUrl: target.url, MessageBody: message.Body ?? "" }));
      await clients.sqs.send(new DeleteMessageCommand({ QueueUrl: queue.url, ReceiptHandle: message.ReceiptHandle! }));
      moved++;
    }
  }
  return { queue: queue.label, method: "resend", moved, taskHandle: null };
}
