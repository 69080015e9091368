import type { Message } from "@aws-sdk/client-sqs";
import type { LocalCloud, LocalCloudUsage } from "@pricing/local/cloud";
import type { ExecutionRecord } from "@pricing/local/stepfunctions/types";

/**
 * What a local cloud in the same process adds to what the AWS APIs return: the Express
 * executions it still keeps (AWS cannot list them), its clock speed (history
 * timestamps are simulated time), the usage counters of the cost projection, and a
 * look at a queue's messages that leaves them as they are.
 */
export interface LocalHooks {
  expressExecutions(stateMachineArn: string): ExecutionRecord[];
  /** Simulated ms per real ms. */
  speed: number;
  usage(): LocalCloudUsage;
  /** The messages of a queue, shaped as ReceiveMessage returns them, without receiving them. */
  peek(queueUrl: string): Message[];
}

export function localHooks(cloud: LocalCloud): LocalHooks {
  return {
    expressExecutions: (arn) => cloud.stepFunctions.executions(arn).filter((r) => r.type === "EXPRESS"),
    speed: cloud.clock.speed,
    usage: () => cloud.usage(),
    peek: (queueUrl) =>
      cloud.sqs.getQueue(queueUrl).peek().map((m) => ({
        MessageId: m.messageId,
        Body: m.body,
        Attributes: {
          SentTimestamp: String(m.sentTimestampMs),
          ApproximateReceiveCount: String(m.receiveCount),
          ...(m.deadLetterSourceArn ? { DeadLetterQueueSourceArn: m.deadLetterSourceArn } : {}),
        } as Message["Attributes"],
        // String attributes only are read; binary ones stay base64 text here.
        MessageAttributes: m.messageAttributes as Message["MessageAttributes"],
      })),
  };
}
