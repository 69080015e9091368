import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SFNClient } from "@aws-sdk/client-sfn";
import { SQSClient } from "@aws-sdk/client-sqs";

/** The three AWS SDK clients the console reads through. */
export interface ConsoleClients {
  dynamodb: DynamoDBClient;
  sfn: SFNClient;
  sqs: SQSClient;
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
  };
}

export function destroyClients(clients: ConsoleClients): void {
  clients.dynamodb.destroy();
  clients.sfn.destroy();
  clients.sqs.destroy();
}
