import { AwsServiceError } from "../protocol";
import type { LocalSqs } from "../sqs/sqs";
import type { DeliverToTarget, TargetDelivery } from "./bus";

/** Where rule targets go, by the service in their ARN. Each handler rejects to fail the attempt. */
export interface TargetHandlers {
  /** SQS queue ARNs are sent to this local SQS. */
  sqs?: LocalSqs;
  /** `arn:aws:states:...:stateMachine:...`: start an execution with `input` (JSON text). */
  startExecution?: (stateMachineArn: string, input: string, delivery: TargetDelivery) => Promise<void>;
  /** `arn:aws:lambda:...`: an asynchronous (Event) invocation with the parsed payload. */
  invokeAsync?: (functionArn: string, payload: unknown, delivery: TargetDelivery) => Promise<void>;
  /** `arn:aws:events:...:event-bus/...`: forward the event to another bus. */
  putOnBus?: (busArn: string, delivery: TargetDelivery) => Promise<void>;
}

/**
 * Builds the `deliver` callback of a LocalEventBridge from per-service handlers, so the
 * local cloud wires targets by ARN as the template gives them. A target whose service has
 * no handler fails its delivery (and is retried, then dead-lettered, like a missing target).
 */
export function routeTargets(handlers: TargetHandlers): DeliverToTarget {
  return async (delivery) => {
    const service = delivery.targetArn.split(":")[2];
    if (service === "sqs" && handlers.sqs) {
      const queue = handlers.sqs.getQueue(delivery.targetArn);
      handlers.sqs.sendToArn(delivery.targetArn, delivery.payload, {
        messageGroupId: delivery.messageGroupId,
        // EventBridge deduplicates FIFO targets on the event id unless the queue hashes content.
        deduplicationId: queue.fifo && !queue.contentBasedDeduplication ? delivery.event.id : undefined,
        messageAttributes: delivery.messageAttributes,
      });
      return;
    }
    if (service === "states" && handlers.startExecution) return handlers.startExecution(delivery.targetArn, delivery.payload, delivery);
    if (service === "lambda" && handlers.invokeAsync) return handlers.invokeAsync(delivery.targetArn, parsePayload(delivery.payload), delivery);
    if (service === "events" && handlers.putOnBus) return handlers.putOnBus(delivery.targetArn, delivery);
    throw new AwsServiceError("ResourceNotFoundException", `No local target handles ${delivery.targetArn}`);
  };
}

function parsePayload(payload: string): unknown {
  try {
    return JSON.parse(payload);
  } catch {
    return payload;
  }
}
