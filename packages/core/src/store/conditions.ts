import { PricingError } from "../errors";

/** Another writer changed the item first; re-read and re-apply. Retried by Step Functions and SQS on its name. */
export class StateConflictError extends PricingError {
  override readonly name: string = "StateConflictError";
}

/** True when a DynamoDB condition expression failed (ElectroDB wraps the SDK error as `cause`). */
export function isConditionFailure(err: unknown): boolean {
  for (let e = err as { name?: string; code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.name === "ConditionalCheckFailedException" || e.code === "ConditionalCheckFailedException") return true;
    if (e.cause === e) break;
  }
  return false;
}
