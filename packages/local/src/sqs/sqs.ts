import { randomUUID } from "node:crypto";
import type { Clock } from "../clock";
import { SqsError } from "./errors";
import type { MessageAttributes, StoredMessage } from "./message";
import { LocalQueue, type QueueProps, type SendResult } from "./queue";

export interface LocalSqsOptions {
  clock: Clock;
  /** Base of queue URLs: `<endpointUrl>/<accountId>/<name>`. */
  endpointUrl?: string;
  region?: string;
  accountId?: string;
}

/** A StartMessageMoveTask run, kept for ListMessageMoveTasks. */
export interface MessageMoveTask {
  TaskHandle: string;
  SourceArn: string;
  DestinationArn?: string;
  Status: "COMPLETED";
  ApproximateNumberOfMessagesMoved: number;
  ApproximateNumberOfMessagesToMove: number;
  StartedTimestamp: number;
}

/** Counts for the run summary and the cost projection. */
export interface SqsStats {
  requests: number;
  messagesSent: number;
  deadLettered: number;
}

/** The queue name of a queue reference: a name, a URL (its last path segment) or an ARN (its last field). */
export function queueNameOf(reference: string): string {
  return reference.startsWith("arn:") ? reference.split(":").pop()! : reference.split("/").pop()!;
}

/**
 * The local SQS: the template's queues by name, URL and ARN, dead-letter moves between
 * them (recording why, for the console), and message move tasks that redrive a DLQ back
 * to its source queues.
 */
export class LocalSqs {
  readonly clock: Clock;
  readonly endpointUrl: string;
  readonly region: string;
  readonly accountId: string;
  readonly stats: SqsStats = { requests: 0, messagesSent: 0, deadLettered: 0 };
  private readonly queues = new Map<string, LocalQueue>();
  private readonly moveTasks: MessageMoveTask[] = [];

  constructor(options: LocalSqsOptions) {
    this.clock = options.clock;
    this.endpointUrl = (options.endpointUrl ?? "http://127.0.0.1:4010").replace(/\/$/, "");
    this.region = options.region ?? "us-east-1";
    this.accountId = options.accountId ?? "000000000000";
  }

  /** Creates a queue from AWS::SQS::Queue properties; the same name twice returns the first queue. */
  createQueue(props: QueueProps): LocalQueue {
    if (!/^[A-Za-z0-9_-]{1,80}(\.fifo)?$/.test(props.QueueName ?? "")) {
      throw new SqsError("InvalidParameterValue", "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
    }
    const existing = this.queues.get(props.QueueName);
    if (existing) return existing;
    const url = `${this.endpointUrl}/${this.accountId}/${props.QueueName}`;
    const queue: LocalQueue = new LocalQueue(props, url, this.arnOf(props.QueueName), this.clock, (message, dlqArn): boolean =>
      this.moveToDeadLetterQueue(queue, message, dlqArn),
    );
    this.queues.set(props.QueueName, queue);
    return queue;
  }

  arnOf(queueName: string): string {
    return `arn:aws:sqs:${this.region}:${this.accountId}:${queueName}`;
  }

  /** A queue by name, URL or ARN (only the name part is compared, so hosts may differ). */
  findQueue(reference: string): LocalQueue | undefined {
    return this.queues.get(queueNameOf(reference));
  }

  getQueue(reference: unknown): LocalQueue {
    const queue = typeof reference === "string" ? this.findQueue(reference) : undefined;
    if (!queue) throw new SqsError("QueueDoesNotExist", "The specified queue does not exist.");
    return queue;
  }

  deleteQueue(reference: unknown): void {
    const queue = this.getQueue(reference);
    queue.notify();
    this.queues.delete(queue.name);
  }

  listQueues(prefix = ""): LocalQueue[] {
    return [...this.queues.values()].filter((queue) => queue.name.startsWith(prefix));
  }

  /** Sends to a queue by ARN (EventBridge and Step Functions targets). */
  sendToArn(
    arn: string,
    body: string,
    options: { messageGroupId?: string; deduplicationId?: string; messageAttributes?: MessageAttributes } = {},
  ): SendResult {
    const queue = this.getQueue(arn);
    this.stats.requests++;
    this.stats.messagesSent++;
    return queue.send({
      MessageBody: body,
      MessageGroupId: options.messageGroupId,
      MessageAttributes: options.messageAttributes,
      MessageDeduplicationId: queue.fifo ? options.deduplicationId : undefined,
    });
  }

  /**
   * StartMessageMoveTask: moves the available messages of a dead-letter queue to
   * `destinationArn`, or back to the queue each came from. Runs to completion at once.
   */
  startMessageMoveTask(sourceArn: string, destinationArn?: string): MessageMoveTask {
    const source = this.getQueue(sourceArn);
    const isDeadLetterQueue = [...this.queues.values()].some((queue) => queue.redrive?.deadLetterTargetArn === source.arn);
    if (!isDeadLetterQueue) {
      throw new SqsError("InvalidParameterValue", "Source queue must be configured as a Dead Letter Queue.");
    }
    const destination = destinationArn !== undefined ? this.getQueue(destinationArn) : undefined;
    if (destination && destination.fifo !== source.fifo) {
      throw new SqsError("InvalidParameterValue", "The source queue and destination queue must be of the same queue type.");
    }
    const messages = source.takeAvailable();
    let moved = 0;
    for (const message of messages) {
      const target = destination ?? (message.deadLetterSourceArn ? this.findQueue(message.deadLetterSourceArn) : undefined);
      if (!target) {
        source.accept(message);
        continue;
      }
      target.accept(redriven(message));
      moved++;
    }
    const task: MessageMoveTask = {
      TaskHandle: Buffer.from(JSON.stringify({ taskId: randomUUID(), sourceArn })).toString("base64"),
      SourceArn: sourceArn,
      DestinationArn: destinationArn,
      Status: "COMPLETED",
      ApproximateNumberOfMessagesMoved: moved,
      ApproximateNumberOfMessagesToMove: messages.length,
      StartedTimestamp: Math.floor(this.clock.now()),
    };
    this.moveTasks.push(task);
    return task;
  }

  listMessageMoveTasks(sourceArn: string): MessageMoveTask[] {
    return this.moveTasks.filter((task) => task.SourceArn === sourceArn).reverse();
  }

  /** Wakes every long poll, so a shutdown does not wait out receive wait times. */
  close(): void {
    for (const queue of this.queues.values()) queue.notify();
  }

  private moveToDeadLetterQueue(source: LocalQueue, message: StoredMessage, dlqArn: string): boolean {
    const dlq = this.findQueue(dlqArn);
    if (!dlq) return false;
    dlq.accept({
      ...message,
      receiptHandle: undefined,
      deadLetterSourceArn: source.arn,
      deadLetter: {
        reason: "maxReceiveCountExceeded",
        sourceArn: source.arn,
        receiveCount: message.receiveCount,
        movedAtMs: Math.floor(this.clock.now()),
      },
    });
    this.stats.deadLettered++;
    return true;
  }
}

/** A message sent back from a dead-letter queue starts its receive count afresh. */
function redriven(message: StoredMessage): StoredMessage {
  const { deadLetter: _deadLetter, deadLetterSourceArn: _source, firstReceiveTimestampMs: _first, ...rest } = message;
  return { ...rest, receiveCount: 0, receiptHandle: undefined };
}
