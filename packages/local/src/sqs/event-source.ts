import type { SQSEvent, SQSMessageAttributes, SQSRecord } from "aws-lambda";
import type { StoredMessage } from "./message";
import type { LocalQueue } from "./queue";
import type { LocalSqs } from "./sqs";

/** AWS::Lambda::EventSourceMapping properties for an SQS source (intrinsics resolved). */
export interface EventSourceMappingProps {
  EventSourceArn: string;
  /** The function name or ARN, passed unchanged to `invoke`. */
  FunctionName: string;
  BatchSize?: number;
  MaximumBatchingWindowInSeconds?: number;
  ScalingConfig?: { MaximumConcurrency?: number };
  FunctionResponseTypes?: string[];
  Enabled?: boolean;
}

/** Invokes a function synchronously with an SQS event; resolves to its result, rejects on a function error. */
export type InvokeFunction = (functionName: string, event: SQSEvent) => Promise<unknown>;

export interface SqsEventSourceStats {
  invocations: number;
  messagesDeleted: number;
  messagesFailed: number;
  polls: number;
}

/** Concurrent batches when ScalingConfig.MaximumConcurrency is unset: the 5 pollers Lambda starts with. */
export const DEFAULT_MAXIMUM_CONCURRENCY = 5;
const LONG_POLL_MS = 20_000;

/**
 * The Lambda side of an SQS event-source mapping: polls the queue, gathers batches of up
 * to BatchSize records within MaximumBatchingWindowInSeconds, keeps at most
 * MaximumConcurrency batches in flight, deletes what succeeded and leaves failures
 * (every record when the function throws, the `batchItemFailures` with
 * ReportBatchItemFailures) to reappear after the visibility timeout.
 */
export class SqsEventSource {
  readonly stats: SqsEventSourceStats = { invocations: 0, messagesDeleted: 0, messagesFailed: 0, polls: 0 };
  readonly batchSize: number;
  readonly batchingWindowMs: number;
  readonly maximumConcurrency: number;
  readonly reportBatchItemFailures: boolean;
  private readonly queue: LocalQueue;
  private readonly inFlight = new Set<Promise<void>>();
  private running = false;
  private polledEmpty = false;
  private readonly stateWaiters: Array<() => void> = [];
  private loop?: Promise<void>;

  constructor(
    readonly props: EventSourceMappingProps,
    private readonly sqs: LocalSqs,
    private readonly invoke: InvokeFunction,
    private readonly onInvokeError?: (error: unknown, event: SQSEvent) => void,
  ) {
    this.queue = sqs.getQueue(props.EventSourceArn);
    this.batchSize = props.BatchSize ?? 10;
    this.batchingWindowMs = (props.MaximumBatchingWindowInSeconds ?? 0) * 1000;
    this.maximumConcurrency = props.ScalingConfig?.MaximumConcurrency ?? DEFAULT_MAXIMUM_CONCURRENCY;
    this.reportBatchItemFailures = (props.FunctionResponseTypes ?? []).includes("ReportBatchItemFailures");
  }

  /** Starts polling unless the mapping is disabled. */
  start(): void {
    if (this.running || this.props.Enabled === false) return;
    this.running = true;
    this.loop = this.poll();
  }

  /** Stops polling and waits for the batches in flight. */
  async stop(): Promise<void> {
    this.running = false;
    this.queue.notify();
    await this.loop;
    await Promise.allSettled([...this.inFlight]);
  }

  /** Resolves once no batch is in flight and the poller found nothing to receive. */
  async idle(): Promise<void> {
    for (;;) {
      // Let continuations already queued (a woken poll, a finished batch) run before judging.
      await new Promise((resolve) => setImmediate(resolve));
      if (this.inFlight.size === 0 && (!this.running || this.polledEmpty)) return;
      await new Promise<void>((resolve) => this.stateWaiters.push(resolve));
    }
  }

  private stateChanged(): void {
    for (const wake of this.stateWaiters.splice(0)) wake();
  }

  private async poll(): Promise<void> {
    while (this.running) {
      if (this.inFlight.size >= this.maximumConcurrency) {
        await Promise.race(this.inFlight);
        continue;
      }
      const batch = await this.collectBatch();
      if (batch.length === 0) continue;
      const work = this.process(batch);
      this.inFlight.add(work);
      void work.finally(() => {
        this.inFlight.delete(work);
        this.stateChanged();
      });
    }
    this.stateChanged();
  }

  /** Long-polls for the first records, then fills the batch until BatchSize or the window closes. */
  private async collectBatch(): Promise<StoredMessage[]> {
    const { clock } = this.sqs;
    const batch: StoredMessage[] = [];
    let windowEndMs: number | undefined;
    while (this.running && batch.length < this.batchSize) {
      this.stats.polls++;
      this.sqs.stats.requests++;
      // The visibility timeout bounds the function's run, so it stretches with the
      // clock's speed like the function's own timeout (see lambda/types.ts).
      const visibilityS = this.queue.visibilityTimeoutS * Math.max(1, clock.speed);
      const asked = Math.min(10, this.batchSize - batch.length);
      const received = this.queue.receiveNow(asked, visibilityS);
      batch.push(...received);
      if (batch.length === 0) {
        this.polledEmpty = true;
        this.stateChanged();
        await this.queue.waitForChange(clock.now() + LONG_POLL_MS);
        this.polledEmpty = false;
        continue;
      }
      if (this.batchingWindowMs === 0) break;
      windowEndMs ??= clock.now() + this.batchingWindowMs;
      if (clock.now() >= windowEndMs) break;
      // Fewer than asked: the queue has no more now. The next receive is a long poll that
      // waits for a message or the window's end (one request, as a poller's long poll is),
      // not a receive at once that would find nothing.
      if (received.length < asked) await this.queue.waitForChange(windowEndMs);
    }
    return batch;
  }

  private async process(batch: StoredMessage[]): Promise<void> {
    const event: SQSEvent = { Records: batch.map((message) => this.toRecord(message)) };
    this.stats.invocations++;
    let failedIds: Set<string>;
    try {
      const result = await this.invoke(this.props.FunctionName, event);
      failedIds = this.reportBatchItemFailures ? this.failedIdsOf(result, batch) : new Set();
    } catch (error) {
      this.onInvokeError?.(error, event);
      failedIds = new Set(batch.map((message) => message.messageId));
    }
    for (const message of batch) {
      if (failedIds.has(message.messageId)) this.stats.messagesFailed++;
      else {
        this.queue.delete(message.receiptHandle!);
        this.stats.messagesDeleted++;
      }
    }
  }

  /**
   * The records a partial batch response marks as failed. A malformed response fails the
   * whole batch, as on Lambda; in a FIFO queue a failure also fails the rest of its group,
   * so the group's order holds.
   */
  private failedIdsOf(result: unknown, batch: StoredMessage[]): Set<string> {
    const everything = new Set(batch.map((message) => message.messageId));
    if (result === null || result === undefined) return new Set();
    const failures = (result as { batchItemFailures?: unknown }).batchItemFailures;
    if (failures === undefined || failures === null) return new Set();
    if (!Array.isArray(failures)) return everything;
    const failed = new Set<string>();
    for (const failure of failures) {
      const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
      if (typeof id !== "string" || !everything.has(id)) return everything;
      failed.add(id);
    }
    if (this.queue.fifo) {
      const failedGroups = new Set<string>();
      for (const message of batch) {
        if (failed.has(message.messageId)) failedGroups.add(message.messageGroupId!);
        else if (failedGroups.has(message.messageGroupId!)) failed.add(message.messageId);
      }
    }
    return failed;
  }

  private toRecord(message: StoredMessage): SQSRecord {
    const messageAttributes: SQSMessageAttributes = {};
    for (const [name, value] of Object.entries(message.messageAttributes)) {
      messageAttributes[name] = {
        ...(value.StringValue !== undefined && { stringValue: value.StringValue }),
        ...(value.BinaryValue !== undefined && { binaryValue: value.BinaryValue }),
        stringListValues: [],
        binaryListValues: [],
        dataType: value.DataType,
      };
    }
    const optional = {
      AWSTraceHeader: message.systemAttributes?.AWSTraceHeader?.StringValue,
      SequenceNumber: message.sequenceNumber,
      MessageGroupId: message.messageGroupId,
      MessageDeduplicationId: message.messageDeduplicationId,
      DeadLetterQueueSourceArn: message.deadLetterSourceArn,
    };
    return {
      messageId: message.messageId,
      receiptHandle: message.receiptHandle!,
      body: message.body,
      attributes: {
        ApproximateReceiveCount: String(message.receiveCount),
        SentTimestamp: String(message.sentTimestampMs),
        SenderId: message.senderId,
        ApproximateFirstReceiveTimestamp: String(message.firstReceiveTimestampMs),
        ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
      },
      messageAttributes,
      md5OfBody: message.md5OfBody,
      ...(message.md5OfMessageAttributes && { md5OfMessageAttributes: message.md5OfMessageAttributes }),
      eventSource: "aws:sqs",
      eventSourceARN: this.queue.arn,
      awsRegion: this.sqs.region,
    };
  }
}
