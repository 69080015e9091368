import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { SFNClient } from "@aws-sdk/client-sfn";
import { SQSClient } from "@aws-sdk/client-sqs";

/** The AWS SDK clients the console reads through (and puts trader actions on the bus with). */
export interface ConsoleClients {
  dynamodb: DynamoDBClient;
  sfn: SFNClient;
  sqs: SQSClient;
  /** Optional: a console given none cannot put trader actions. */
  eventbridge?: EventBridgeClient;
}

export interface ClientOptions {
  /** One endpoint for every service (a local cloud); AWS's own endpoints when omitted. */
  endpoint?: string;
  /** A separate DynamoDB endpoint (the local cloud's backend, so the console's reads are not billed to the app). */
  dynamodbEndpoint?: string;
  region?: string;
  /** Explicit credentials (a local cloud accepts any); the default provider chain when omitted. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/**
 * SDK clients for a deployed stage (the user's credentials and region from the default
 * chain) or for a local cloud (its endpoint, dummy credentials).
 */
export function createClients(options: ClientOptions = {}): ConsoleClients {
  const base = {
    ...(options.region ? { region: options.region } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  };
  const at = (endpoint: string | undefined) => (endpoint ? { endpoint } : {});
  return {
    dynamodb: new DynamoDBClient({ ...base, ...at(options.dynamodbEndpoint ?? options.endpoint) }),
    sfn: new SFNClient({ ...base, ...at(options.endpoint) }),
    sqs: new SQSClient({ ...base, ...at(options.endpoint) }),
    eventbridge: new EventBridgeClient({ ...base, ...at(options.endpoint) }),
  };
}

export function destroyClients(clients: ConsoleClients): void {
  clients.dynamodb.destroy();
  clients.sfn.destroy();
  clients.sqs.destroy();
  clients.eventbridge?.destroy();
}
