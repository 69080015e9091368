import { AwsServiceError } from "../protocol";

/**
 * The query-protocol codes SQS still reports in `x-amzn-query-error` for JSON clients
 * (the SDK maps them back to its modeled exceptions); codes not listed report themselves.
 */
const QUERY_CODES: Record<string, string> = {
  QueueDoesNotExist: "AWS.SimpleQueueService.NonExistentQueue",
  MessageNotInflight: "AWS.SimpleQueueService.MessageNotInflight",
  PurgeQueueInProgress: "AWS.SimpleQueueService.PurgeQueueInProgress",
  BatchEntryIdsNotDistinct: "AWS.SimpleQueueService.BatchEntryIdsNotDistinct",
  BatchRequestTooLong: "AWS.SimpleQueueService.BatchRequestTooLong",
  EmptyBatchRequest: "AWS.SimpleQueueService.EmptyBatchRequest",
  InvalidBatchEntryId: "AWS.SimpleQueueService.InvalidBatchEntryId",
  TooManyEntriesInBatchRequest: "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
  UnsupportedOperation: "AWS.SimpleQueueService.UnsupportedOperation",
  QueueNameExists: "QueueAlreadyExists",
};

/** An SQS error: `type` is the JSON `__type`; `headers` carries the query-compatible code. */
export class SqsError extends AwsServiceError {
  readonly headers: Record<string, string>;

  constructor(type: string, message: string, statusCode = 400) {
    super(type, message, statusCode);
    const fault = statusCode >= 500 ? "Receiver" : "Sender";
    this.headers = { "x-amzn-query-error": `${QUERY_CODES[type] ?? type};${fault}` };
  }
}
