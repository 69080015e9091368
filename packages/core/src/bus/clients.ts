import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { SFNClient } from "@aws-sdk/client-sfn";
import { SQSClient } from "@aws-sdk/client-sqs";

/** One client of each service per process; endpoints come from AWS_ENDPOINT_URL_* when set. */
let eventBridge: EventBridgeClient | undefined;
let sfn: SFNClient | undefined;
let sqs: SQSClient | undefined;
export const eventBridgeClient = () => (eventBridge ??= new EventBridgeClient({}));
export const sfnClient = () => (sfn ??= new SFNClient({}));
export const sqsClient = () => (sqs ??= new SQSClient({}));
