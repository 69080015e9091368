/**
 * A local service that speaks one of AWS's JSON protocols: requests are POSTs whose
 * `X-Amz-Target` header is `<targetPrefix>.<Action>` and whose body is the JSON input
 * of that action (EventBridge `AWSEvents`, Step Functions `AWSStepFunctions`, SQS
 * `AmazonSQS`, DynamoDB `DynamoDB_20120810`).
 */
export interface AwsJsonService {
  /** The part of X-Amz-Target before the dot, e.g. "AWSStepFunctions". */
  readonly targetPrefix: string;
  /** Runs one action; throws AwsServiceError for errors the SDK should see. */
  handle(action: string, input: Record<string, unknown>): Promise<unknown>;
}

/** An error returned to the client in the AWS JSON error shape (`__type`, `message`). */
export class AwsServiceError extends Error {
  override readonly name = "AwsServiceError";
  constructor(
    /** The AWS error code, e.g. "ExecutionDoesNotExist", "ValidationException". */
    readonly type: string,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
  }
}
