import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { SendTaskSuccessCommand, SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { SendMessageBatchCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { mockClient } from "aws-sdk-client-mock";
import type { SQSEvent, SQSRecord } from "aws-lambda";
import { resetConfig } from "@pricing/core/config";
import { feedEntry, type FeedEvent } from "@pricing/core/match/events";
import { TABLE_KEYS } from "@pricing/core/store/keys";
import { resetEngineTable } from "@pricing/core/store/table";

const dynalite = createRequire(import.meta.url)("dynalite") as (opts: object) => import("node:http").Server;

export const LIFECYCLE_ARN = "arn:aws:states:us-east-1:000000000000:stateMachine:test-Lifecycle";
export const PRICE_MATCH_ARN = "arn:aws:states:us-east-1:000000000000:stateMachine:test-PriceMatch";

/**
 * DynamoDB is dynalite in-process (real conditional-write semantics); Step Functions,
 * EventBridge and SQS are aws-sdk-client-mock mocks that record every call in order.
 */
export async function startAws() {
  const server = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  Object.assign(process.env, {
    AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test",
    AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${port}`, TABLE_NAME: "pricing", BUS_NAME: "test-match-events",
    LIFECYCLE_ARN, PRICE_MATCH_ARN, CLOCK_QUEUE_URL: "https://sqs.us-east-1.amazonaws.com/000000000000/clock", FEED_QUEUE_URL: "https://sqs.us-east-1.amazonaws.com/000000000000/feed", POWERTOOLS_DEV: "", POWERTOOLS_LOG_LEVEL: "SILENT",
  });
  resetConfig();
  resetEngineTable();
  const index = TABLE_KEYS.indexes[0];
  await new DynamoDBClient({}).send(
    new CreateTableCommand({
      TableName: "pricing",
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey, index.partitionKey, index.sortKey].map((n) => ({ AttributeName: n, AttributeType: "S" })),
      KeySchema: [{ AttributeName: TABLE_KEYS.partitionKey, KeyType: "HASH" }, { AttributeName: TABLE_KEYS.sortKey, KeyType: "RANGE" }],
      GlobalSecondaryIndexes: [{
        IndexName: index.name, Projection: { ProjectionType: "ALL" },
        KeySchema: [{ AttributeName: index.partitionKey, KeyType: "HASH" }, { AttributeName: index.sortKey, KeyType: "RANGE" }],
      }],
    }),
  );
  const calls: Array<{ service: string; input: any }> = [];
  const sfn = mockClient(SFNClient);
  const bus = mockClient(EventBridgeClient);
  const sqs = mockClient(SQSClient);
  const record = (service: string) => (input: any) => { calls.push({ service, input }); };
  sfn.on(StartExecutionCommand).callsFake((input) => { record("sfn:StartExecution")(input); return { executionArn: `${input.stateMachineArn}:${input.name ?? "x"}`, startDate: new Date() }; });
  sfn.on(SendTaskSuccessCommand).callsFake((input) => { record("sfn:SendTaskSuccess")(input); return {}; });
  bus.on(PutEventsCommand).callsFake((input) => { record("events:PutEvents")(input); return { FailedEntryCount: 0, Entries: input.Entries.map(() => ({ EventId: "e" })) }; });
  sqs.on(SendMessageCommand).callsFake((input) => { record("sqs:SendMessage")(input); return { MessageId: "m" }; });
  sqs.on(SendMessageBatchCommand).callsFake((input) => {
    record("sqs:SendMessageBatch")(input);
    return { Successful: input.Entries.map((e: { Id: string }) => ({ Id: e.Id, MessageId: "m", MD5OfMessageBody: "" })), Failed: [] };
  });
  return {
    calls,
    mocks: { sfn, bus, sqs },
    /** Engine events put on the bus so far, as { type, detail }. */
    engineEvents: () => calls.filter((c) => c.service === "events:PutEvents").flatMap((c) => c.input.Entries.map((e: any) => ({ type: e.DetailType, detail: JSON.parse(e.Detail) }))),
    stop: async () => {
      sfn.restore(); bus.restore(); sqs.restore();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

let messageCount = 0;
/** The SQS record the feed rule would deliver for a feed event. */
export function sqsRecord(event: FeedEvent | string): SQSRecord {
  const body = typeof event === "string" ? event : eventBridgeBody(event);
  messageCount += 1;
  return {
    messageId: `msg-${messageCount}`, receiptHandle: "r", body, attributes: {} as SQSRecord["attributes"], messageAttributes: {},
    md5OfBody: "", eventSource: "aws:sqs", eventSourceARN: "arn:aws:sqs:us-east-1:000000000000:match-events", awsRegion: "us-east-1",
  };
}

export function eventBridgeBody(event: FeedEvent): string {
  const entry = feedEntry(event, "test-match-events");
  return JSON.stringify({
    version: "0", id: `eb-${event.eventId}`, "detail-type": entry.DetailType, source: entry.Source, account: "000000000000",
    time: event.occurredAt, region: "us-east-1", resources: [], detail: JSON.parse(entry.Detail),
  });
}

export const sqsEvent = (records: SQSRecord[]): SQSEvent => ({ Records: records });
export const lambdaContext = { functionName: "test", awsRequestId: "req", getRemainingTimeInMillis: () => 30_000 } as any;
