import { Duration } from "aws-cdk-lib";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";

/** Largest message any queue accepts, bytes: a feed event is a few hundred. */
export const MAX_MESSAGE_BYTES = 64 * 1024;

/**
 * Largest entry EventBridge accepts, bytes. A feed event over MAX_MESSAGE_BYTES cannot
 * reach the buffer queue, so the rule's dead-letter queue must take a whole entry, or
 * the event would be lost with nowhere to land.
 */
export const MAX_EVENT_BYTES = 256 * 1024;

/** A dead-letter queue: encrypted, TLS only, kept two weeks for inspection and redrive. */
export function deadLetterQueue(scope: Construct, id: string, maxMessageSizeBytes = MAX_MESSAGE_BYTES): Queue {
  return new Queue(scope, id, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
    maxMessageSizeBytes,
  });
}

/** A work queue with its own DLQ after `maxReceiveCount` failed receives. */
export function workQueue(scope: Construct, id: string, props: { visibilityTimeout: Duration; maxReceiveCount?: number }) {
  const dlq = deadLetterQueue(scope, `${id}Dlq`);
  const queue = new Queue(scope, id, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    visibilityTimeout: props.visibilityTimeout,
    maxMessageSizeBytes: MAX_MESSAGE_BYTES,
    retentionPeriod: Duration.days(4),
    deadLetterQueue: { queue: dlq, maxReceiveCount: props.maxReceiveCount ?? 5 },
  });
  return { queue, dlq };
}
