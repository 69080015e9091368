import type { AwsJsonService } from "../protocol";
import { SqsError } from "./errors";
import { md5OfMessageAttributes, selectMessageAttributes, systemAttributes } from "./message";
import type { StoredMessage } from "./message";
import type { LocalQueue, QueueProps, SendInput } from "./queue";
import type { LocalSqs } from "./sqs";

type Input = Record<string, unknown>;

const QUEUE_ATTRIBUTE_NAMES = [
  "ApproximateNumberOfMessages",
  "ApproximateNumberOfMessagesNotVisible",
  "ApproximateNumberOfMessagesDelayed",
  "VisibilityTimeout",
  "DelaySeconds",
  "MessageRetentionPeriod",
  "MaximumMessageSize",
  "ReceiveMessageWaitTimeSeconds",
  "QueueArn",
  "CreatedTimestamp",
  "LastModifiedTimestamp",
  "RedrivePolicy",
  "FifoQueue",
  "ContentBasedDeduplication",
] as const;

/**
 * The SQS JSON protocol (X-Amz-Target `AmazonSQS.<Action>`, content type
 * application/x-amz-json-1.0), as the AWS SDK v3 SQS client speaks it.
 */
export class SqsService implements AwsJsonService {
  readonly targetPrefix = "AmazonSQS";

  constructor(private readonly sqs: LocalSqs) {}

  async handle(action: string, input: Input): Promise<unknown> {
    this.sqs.stats.requests++;
    const sqs = this.sqs;
    switch (action) {
      case "CreateQueue":
        return { QueueUrl: sqs.createQueue({ ...(input.Attributes as object), QueueName: input.QueueName } as QueueProps).url };
      case "DeleteQueue":
        sqs.deleteQueue(input.QueueUrl);
        return {};
      case "GetQueueUrl":
        return { QueueUrl: sqs.getQueue(input.QueueName).url };
      case "ListQueues":
        return listQueues(sqs, input);
      case "GetQueueAttributes":
        return { Attributes: queueAttributes(sqs.getQueue(input.QueueUrl), input.AttributeNames) };
      case "ListDeadLetterSourceQueues": {
        const dlq = sqs.getQueue(input.QueueUrl);
        return { queueUrls: sqs.listQueues().filter((queue) => queue.redrive?.deadLetterTargetArn === dlq.arn).map((queue) => queue.url) };
      }
      case "SendMessage":
        return this.send(sqs.getQueue(input.QueueUrl), input as SendInput);
      case "SendMessageBatch": {
        const queue = sqs.getQueue(input.QueueUrl);
        return runBatch(input.Entries, (entry) => ({ ...this.send(queue, entry as SendInput) }));
      }
      case "ReceiveMessage":
        return receive(sqs.getQueue(input.QueueUrl), input);
      case "DeleteMessage":
        sqs.getQueue(input.QueueUrl).delete(requireString(input, "ReceiptHandle"));
        return {};
      case "DeleteMessageBatch": {
        const queue = sqs.getQueue(input.QueueUrl);
        return runBatch(input.Entries, (entry) => {
          queue.delete(requireString(entry, "ReceiptHandle"));
          return {};
        });
      }
      case "ChangeMessageVisibility":
        changeVisibility(sqs.getQueue(input.QueueUrl), input);
        return {};
      case "ChangeMessageVisibilityBatch": {
        const queue = sqs.getQueue(input.QueueUrl);
        return runBatch(input.Entries, (entry) => {
          changeVisibility(queue, entry);
          return {};
        });
      }
      case "PurgeQueue":
        sqs.getQueue(input.QueueUrl).purge();
        return {};
      case "StartMessageMoveTask":
        return { TaskHandle: sqs.startMessageMoveTask(requireString(input, "SourceArn"), input.DestinationArn as string | undefined).TaskHandle };
      case "ListMessageMoveTasks":
        return { Results: sqs.listMessageMoveTasks(requireString(input, "SourceArn")) };
      default:
        throw new SqsError("UnsupportedOperation", `The local SQS does not support ${action}.`);
    }
  }

  private send(queue: LocalQueue, input: SendInput) {
    const result = queue.send(input);
    this.sqs.stats.messagesSent++;
    return result;
  }
}

function listQueues(sqs: LocalSqs, input: Input) {
  const prefix = typeof input.QueueNamePrefix === "string" ? input.QueueNamePrefix : "";
  const urls = sqs.listQueues(prefix).map((queue) => queue.url);
  return urls.length > 0 ? { QueueUrls: urls } : {};
}

/** GetQueueAttributes values are all strings, as on SQS. */
export function queueAttributes(queue: LocalQueue, requested: unknown): Record<string, string> {
  const names: unknown[] = Array.isArray(requested) ? requested : [];
  const everything = names.includes("All");
  const counts = queue.counts();
  const values: Record<(typeof QUEUE_ATTRIBUTE_NAMES)[number], string | undefined> = {
    ApproximateNumberOfMessages: String(counts.visible),
    ApproximateNumberOfMessagesNotVisible: String(counts.notVisible),
    ApproximateNumberOfMessagesDelayed: String(counts.delayed),
    VisibilityTimeout: String(queue.visibilityTimeoutS),
    DelaySeconds: String(queue.delayS),
    MessageRetentionPeriod: String(queue.retentionS),
    MaximumMessageSize: String(queue.maxMessageBytes),
    ReceiveMessageWaitTimeSeconds: String(queue.waitTimeS),
    QueueArn: queue.arn,
    CreatedTimestamp: String(Math.floor(queue.createdMs / 1000)),
    LastModifiedTimestamp: String(Math.floor(queue.createdMs / 1000)),
    RedrivePolicy: queue.redrive ? JSON.stringify(queue.redrive) : undefined,
    FifoQueue: queue.fifo ? "true" : undefined,
    ContentBasedDeduplication: queue.fifo ? String(queue.contentBasedDeduplication) : undefined,
  };
  for (const name of names) {
    if (name !== "All" && !(QUEUE_ATTRIBUTE_NAMES as readonly unknown[]).includes(name)) {
      throw new SqsError("InvalidAttributeName", `Unknown Attribute ${name}.`);
    }
  }
  return Object.fromEntries(
    Object.entries(values).filter(([name, value]) => value !== undefined && (everything || names.includes(name))),
  ) as Record<string, string>;
}

async function receive(queue: LocalQueue, input: Input) {
  const max = integerIn(input, "MaxNumberOfMessages", 1, 10) ?? 1;
  const waitTimeS = integerIn(input, "WaitTimeSeconds", 0, 20);
  const visibilityTimeoutS = integerIn(input, "VisibilityTimeout", 0, 43_200);
  const messages = await queue.receive({ max, waitTimeS, visibilityTimeoutS });
  if (messages.length === 0) return {};
  const requestedSystem = [
    ...((input.AttributeNames as string[] | undefined) ?? []),
    ...((input.MessageSystemAttributeNames as string[] | undefined) ?? []),
  ];
  return { Messages: messages.map((message) => receivedMessage(message, requestedSystem, input.MessageAttributeNames)) };
}

function receivedMessage(message: StoredMessage, requestedSystem: string[], requestedAttributes: unknown) {
  const attributes = systemAttributes(message, requestedSystem);
  const messageAttributes = selectMessageAttributes(message.messageAttributes, requestedAttributes);
  return {
    MessageId: message.messageId,
    ReceiptHandle: message.receiptHandle,
    MD5OfBody: message.md5OfBody,
    Body: message.body,
    ...(attributes && { Attributes: attributes }),
    ...(messageAttributes && { MessageAttributes: messageAttributes, MD5OfMessageAttributes: md5OfMessageAttributes(messageAttributes) }),
  };
}

function changeVisibility(queue: LocalQueue, input: Input): void {
  const timeout = integerIn(input, "VisibilityTimeout", 0, 43_200);
  if (timeout === undefined) throw new SqsError("MissingParameter", "The request must contain the parameter VisibilityTimeout.");
  queue.changeVisibility(requireString(input, "ReceiptHandle"), timeout);
}

/** Runs a batch action entry by entry; entry errors are reported, not thrown, as on SQS. */
function runBatch(entries: unknown, run: (entry: Input) => Record<string, unknown>) {
  if (!Array.isArray(entries) || entries.length === 0) {
    throw new SqsError("EmptyBatchRequest", "There should be at least one entry in the request.");
  }
  if (entries.length > 10) {
    throw new SqsError("TooManyEntriesInBatchRequest", `Maximum number of entries per request are 10. You have sent ${entries.length}.`);
  }
  const ids = entries.map((entry: Input) => entry.Id);
  if (ids.some((id) => typeof id !== "string" || !/^[A-Za-z0-9_-]{1,80}$/.test(id))) {
    throw new SqsError("InvalidBatchEntryId", "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.");
  }
  if (new Set(ids).size !== ids.length) throw new SqsError("BatchEntryIdsNotDistinct", "Two or more batch entries in the request have the same Id.");
  const Successful: Array<Record<string, unknown>> = [];
  const Failed: Array<Record<string, unknown>> = [];
  for (const entry of entries as Input[]) {
    try {
      Successful.push({ Id: entry.Id, ...run(entry) });
    } catch (error) {
      if (!(error instanceof SqsError)) throw error;
      Failed.push({ Id: entry.Id, SenderFault: error.statusCode < 500, Code: error.type, Message: error.message });
    }
  }
  return { Successful, Failed };
}

function requireString(input: Input, key: string): string {
  const value = input[key];
  if (typeof value !== "string" || value === "") throw new SqsError("MissingParameter", `The request must contain the parameter ${key}.`);
  return value;
}

function integerIn(input: Input, key: string, min: number, max: number): number | undefined {
  const value = input[key];
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new SqsError("InvalidParameterValue", `Value ${String(value)} for parameter ${key} is invalid. Reason: Must be between ${min} and ${max}.`);
  }
  return value;
}
