import { createHash, randomUUID } from "node:crypto";
import type { Clock } from "../clock";
import { SqsError } from "./errors";
import { MAX_MESSAGE_BYTES, md5Hex, md5OfMessageAttributes, validateMessage } from "./message";
import type { MessageAttributes, StoredMessage } from "./message";

/** AWS::SQS::Queue properties (intrinsics resolved; numbers may arrive as strings). */
export interface QueueProps {
  QueueName: string;
  VisibilityTimeout?: number | string;
  DelaySeconds?: number | string;
  MessageRetentionPeriod?: number | string;
  MaximumMessageSize?: number | string;
  ReceiveMessageWaitTimeSeconds?: number | string;
  /** An object in templates, JSON text through CreateQueue. */
  RedrivePolicy?: { deadLetterTargetArn: string; maxReceiveCount: number | string } | string;
  FifoQueue?: boolean | string;
  ContentBasedDeduplication?: boolean | string;
  DeduplicationScope?: "queue" | "messageGroup";
}

export interface SendInput {
  MessageBody?: unknown;
  DelaySeconds?: number;
  MessageAttributes?: MessageAttributes;
  MessageSystemAttributes?: MessageAttributes;
  MessageGroupId?: string;
  MessageDeduplicationId?: string;
}

export interface SendResult {
  MessageId: string;
  MD5OfMessageBody: string;
  MD5OfMessageAttributes?: string;
  SequenceNumber?: string;
}

/** Moves a message that ran out of receives to the queue at `dlqArn`; false when there is none. */
export type DeadLetterSink = (message: StoredMessage, dlqArn: string) => boolean;

const DEDUPLICATION_WINDOW_MS = 5 * 60 * 1000;
const SENDER_ID = "AIDAIENQZJOLO23YVJ4VO";

const seconds = (value: unknown, fallback: number) => (value === undefined ? fallback : Number(value));
const flag = (value: unknown) => value === true || value === "true";

/**
 * One local queue with SQS semantics: at-least-once delivery, visibility timeouts, queue
 * and message delays, retention, receive counts and redrive to a dead-letter queue after
 * maxReceiveCount; FIFO queues add ordering within a message group, group locking (no
 * message of a group is received while another of it is in flight) and the 5-minute
 * deduplication window. All times come from the shared clock.
 */
export class LocalQueue {
  readonly fifo: boolean;
  readonly createdMs: number;
  readonly visibilityTimeoutS: number;
  readonly delayS: number;
  readonly retentionS: number;
  readonly maxMessageBytes: number;
  readonly waitTimeS: number;
  readonly redrive?: { deadLetterTargetArn: string; maxReceiveCount: number };
  readonly contentBasedDeduplication: boolean;
  private readonly messages = new Map<string, StoredMessage>();
  private readonly deduplication = new Map<string, { expiresAtMs: number; result: SendResult }>();
  private readonly waiters = new Set<() => void>();
  private sequence = 0n;
  private lastPurgeMs = -Infinity;

  constructor(
    readonly props: QueueProps,
    readonly url: string,
    readonly arn: string,
    private readonly clock: Clock,
    private readonly deadLetterSink: DeadLetterSink,
  ) {
    this.fifo = flag(props.FifoQueue);
    if (this.fifo !== props.QueueName.endsWith(".fifo")) {
      throw new SqsError("InvalidParameterValue", "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix.");
    }
    this.createdMs = clock.now();
    this.visibilityTimeoutS = seconds(props.VisibilityTimeout, 30);
    this.delayS = seconds(props.DelaySeconds, 0);
    this.retentionS = seconds(props.MessageRetentionPeriod, 345_600);
    this.maxMessageBytes = seconds(props.MaximumMessageSize, MAX_MESSAGE_BYTES);
    this.waitTimeS = seconds(props.ReceiveMessageWaitTimeSeconds, 0);
    const redrive = typeof props.RedrivePolicy === "string" ? JSON.parse(props.RedrivePolicy) : props.RedrivePolicy;
    if (redrive) this.redrive = { deadLetterTargetArn: redrive.deadLetterTargetArn, maxReceiveCount: Number(redrive.maxReceiveCount) };
    this.contentBasedDeduplication = flag(props.ContentBasedDeduplication);
  }

  get name(): string {
    return this.props.QueueName;
  }

  /** SendMessage: validates, deduplicates (FIFO), and enqueues. */
  send(input: SendInput): SendResult {
    validateMessage(input.MessageBody, input.MessageAttributes, this.maxMessageBytes);
    const body = input.MessageBody as string;
    const nowMs = this.clock.now();
    const attributes = input.MessageAttributes ?? {};
    const result: SendResult = { MessageId: randomUUID(), MD5OfMessageBody: md5Hex(body) };
    const md5Attributes = md5OfMessageAttributes(attributes);
    if (md5Attributes) result.MD5OfMessageAttributes = md5Attributes;
    const message: StoredMessage = {
      messageId: result.MessageId,
      body,
      md5OfBody: result.MD5OfMessageBody,
      messageAttributes: attributes,
      md5OfMessageAttributes: md5Attributes,
      senderId: SENDER_ID,
      sentTimestampMs: Math.floor(nowMs),
      visibleAtMs: nowMs + this.delayFor(input) * 1000,
      receiveCount: 0,
      messageGroupId: input.MessageGroupId,
      systemAttributes: input.MessageSystemAttributes,
    };
    if (this.fifo) {
      const deduplicationId = this.deduplicationIdFor(input, body);
      const key = this.props.DeduplicationScope === "messageGroup" ? `${input.MessageGroupId}\u0000${deduplicationId}` : deduplicationId;
      const previous = this.deduplication.get(key);
      if (previous && previous.expiresAtMs > nowMs) return previous.result;
      message.messageDeduplicationId = deduplicationId;
      message.sequenceNumber = result.SequenceNumber = this.nextSequenceNumber();
      this.deduplication.set(key, { expiresAtMs: nowMs + DEDUPLICATION_WINDOW_MS, result });
    }
    this.messages.set(message.messageId, message);
    this.notify();
    return result;
  }

  /** ReceiveMessage, long-polling up to `waitTimeS` (the queue's default when omitted). */
  async receive(options: { max?: number; visibilityTimeoutS?: number; waitTimeS?: number } = {}): Promise<StoredMessage[]> {
    const deadlineMs = this.clock.now() + (options.waitTimeS ?? this.waitTimeS) * 1000;
    for (;;) {
      const received = this.receiveNow(options.max, options.visibilityTimeoutS);
      if (received.length > 0 || this.clock.now() >= deadlineMs) return received;
      await this.waitForChange(deadlineMs);
    }
  }

  /** Receives what is available now: up to `max` messages made invisible for the timeout. */
  receiveNow(max = 1, visibilityTimeoutS = this.visibilityTimeoutS): StoredMessage[] {
    const nowMs = this.clock.now();
    this.dropExpired(nowMs);
    const blockedGroups = new Set<string>();
    if (this.fifo) {
      for (const message of this.messages.values()) if (message.visibleAtMs > nowMs) blockedGroups.add(message.messageGroupId!);
    }
    const received: StoredMessage[] = [];
    for (const message of this.messages.values()) {
      if (received.length >= max) break;
      if (message.visibleAtMs > nowMs || blockedGroups.has(message.messageGroupId!)) continue;
      if (this.redrive && message.receiveCount >= this.redrive.maxReceiveCount) {
        if (this.deadLetterSink(message, this.redrive.deadLetterTargetArn)) this.messages.delete(message.messageId);
        continue;
      }
      message.receiveCount++;
      message.firstReceiveTimestampMs ??= Math.floor(nowMs);
      message.visibleAtMs = nowMs + visibilityTimeoutS * 1000;
      message.receiptHandle = Buffer.from(`${this.name} ${message.messageId} ${randomUUID()}`).toString("base64url");
      received.push({ ...message });
    }
    return received;
  }

  /** DeleteMessage: a stale handle (the message was received again since) deletes nothing. */
  delete(receiptHandle: string): void {
    const message = this.messageFor(receiptHandle);
    if (message?.receiptHandle !== receiptHandle) return;
    this.messages.delete(message.messageId);
    if (this.fifo) this.notify();
  }

  /** ChangeMessageVisibility: the new timeout counts from now; 0 makes the message visible. */
  changeVisibility(receiptHandle: string, visibilityTimeoutS: number): void {
    if (!Number.isInteger(visibilityTimeoutS) || visibilityTimeoutS < 0 || visibilityTimeoutS > 43_200) {
      throw new SqsError("InvalidParameterValue", `Value ${visibilityTimeoutS} for parameter VisibilityTimeout is invalid. Reason: must be between 0 and 43200.`);
    }
    const message = this.messageFor(receiptHandle);
    const nowMs = this.clock.now();
    if (!message || message.receiptHandle !== receiptHandle || message.visibleAtMs <= nowMs) {
      throw new SqsError("MessageNotInflight", "Message does not exist or is not available for visibility timeout change.");
    }
    message.visibleAtMs = nowMs + visibilityTimeoutS * 1000;
    this.notify();
  }

  /** PurgeQueue; like SQS, at most once every 60 seconds. */
  purge(): void {
    const nowMs = this.clock.now();
    if (nowMs - this.lastPurgeMs < 60_000) {
      throw new SqsError("PurgeQueueInProgress", `Only one PurgeQueue operation on ${this.name} is allowed every 60 seconds.`, 403);
    }
    this.lastPurgeMs = nowMs;
    this.messages.clear();
  }

  /** Visible, in flight (received, not yet visible again) and delayed (never received, not yet visible). */
  counts(): { visible: number; notVisible: number; delayed: number } {
    const nowMs = this.clock.now();
    this.dropExpired(nowMs);
    const counts = { visible: 0, notVisible: 0, delayed: 0 };
    for (const message of this.messages.values()) {
      if (message.visibleAtMs <= nowMs) counts.visible++;
      else if (message.receiveCount > 0) counts.notVisible++;
      else counts.delayed++;
    }
    return counts;
  }

  /** Simulated time the longest-waiting visible message became visible; undefined when none is. */
  oldestVisibleMs(): number | undefined {
    const nowMs = this.clock.now();
    let oldest: number | undefined;
    for (const message of this.messages.values()) {
      if (message.visibleAtMs <= nowMs && (oldest === undefined || message.visibleAtMs < oldest)) oldest = message.visibleAtMs;
    }
    return oldest;
  }

  /** Takes in a message moved here (dead-lettered, or redriven back by a move task). */
  accept(message: StoredMessage): void {
    const moved = { ...message, visibleAtMs: this.clock.now() };
    if (this.fifo) moved.sequenceNumber = this.nextSequenceNumber();
    this.messages.set(moved.messageId, moved);
    this.notify();
  }

  /** Removes and returns every message not in flight (for message move tasks). */
  takeAvailable(): StoredMessage[] {
    const nowMs = this.clock.now();
    const taken = [...this.messages.values()].filter((message) => message.visibleAtMs <= nowMs);
    for (const message of taken) this.messages.delete(message.messageId);
    return taken;
  }

  /** A snapshot of the stored messages, for the console. */
  peek(): StoredMessage[] {
    return [...this.messages.values()].map((message) => ({ ...message }));
  }

  /** Resolves when a message may have become receivable, or at `untilMs`. */
  waitForChange(untilMs: number): Promise<void> {
    return new Promise((resolve) => {
      const nowMs = this.clock.now();
      let wakeMs = untilMs;
      for (const message of this.messages.values()) {
        if (message.visibleAtMs > nowMs) wakeMs = Math.min(wakeMs, message.visibleAtMs);
      }
      const done = () => {
        this.clock.cancel(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = this.clock.setTimer(Math.max(0, wakeMs - nowMs), done);
      this.waiters.add(done);
    });
  }

  /** Wakes every waiting receive (also used on shutdown). */
  notify(): void {
    for (const wake of [...this.waiters]) wake();
  }

  private messageFor(receiptHandle: string): StoredMessage | undefined {
    const [queueName, messageId, nonce] = Buffer.from(String(receiptHandle), "base64url").toString("utf8").split(" ");
    if (queueName !== this.name || !messageId || !nonce) {
      throw new SqsError("ReceiptHandleIsInvalid", `The input receipt handle "${receiptHandle}" is not a valid receipt handle.`, 404);
    }
    return this.messages.get(messageId);
  }

  private delayFor(input: SendInput): number {
    if (input.DelaySeconds === undefined) return this.delayS;
    if (this.fifo) {
      throw new SqsError("InvalidParameterValue", "Value for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.");
    }
    if (!Number.isInteger(input.DelaySeconds) || input.DelaySeconds < 0 || input.DelaySeconds > 900) {
      throw new SqsError("InvalidParameterValue", `Value ${input.DelaySeconds} for parameter DelaySeconds is invalid. Reason: must be between 0 and 900, if provided.`);
    }
    return input.DelaySeconds;
  }

  private deduplicationIdFor(input: SendInput, body: string): string {
    if (!input.MessageGroupId) throw new SqsError("MissingParameter", "The request must contain the parameter MessageGroupId.");
    if (input.MessageDeduplicationId) return input.MessageDeduplicationId;
    if (!this.contentBasedDeduplication) {
      throw new SqsError("InvalidParameterValue", "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");
    }
    return createHash("sha256").update(body).digest("hex");
  }

  private nextSequenceNumber(): string {
    this.sequence++;
    return (10_000_000_000_000_000_000n + this.sequence).toString();
  }

  private dropExpired(nowMs: number): void {
    const retentionMs = this.retentionS * 1000;
    for (const message of this.messages.values()) {
      if (message.sentTimestampMs + retentionMs <= nowMs) this.messages.delete(message.messageId);
    }
    for (const [key, entry] of this.deduplication) if (entry.expiresAtMs <= nowMs) this.deduplication.delete(key);
  }
}
