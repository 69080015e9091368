import { afterAll, beforeAll, describe, test } from "vitest";
import assert from "node:assert/strict";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { startLocalDynamoDb, type LocalDynamoDb } from "@pricing/local/dynamodb/index";
import { harness, writeHandlers, type Harness } from "./stepfunctions-harness";

describe("service integrations of Task states", () => {
  const handlers = writeHandlers({});
  const published: Record<string, unknown>[] = [];
  let db: LocalDynamoDb;
  let ddb: DynamoDBClient;
  let h: Harness;
  beforeAll(async () => {
    db = await startLocalDynamoDb({ backend: "dynalite" });
    ddb = new DynamoDBClient({ endpoint: db.endpoint, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } });
    await ddb.send(new CreateTableCommand({ TableName: "prices", KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }], AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }], BillingMode: "PAY_PER_REQUEST" }));
    h = await harness(handlers.root, [], {
      integrations: {
        dynamodb: ddb,
        putEvents: async (entries) => {
          published.push(...entries);
          return { Entries: entries.map((_, i) => ({ EventId: `e-${i}` })), FailedEntryCount: 0 };
        },
      },
    });
  });
  afterAll(async () => {
    await h.close();
    ddb.destroy();
    await db.stop();
    handlers.cleanup();
  });

  test("dynamodb:putItem, conditional failure by name, getItem, and events:putEvents with Detail as JSON text", async () => {
    const arn = h.add("Publish", {
      StartAt: "Put",
      States: {
        Put: { Type: "Task", Resource: "arn:aws:states:::dynamodb:putItem", Parameters: { TableName: "prices", Item: { pk: { "S.$": "$.matchId" }, version: { N: "1" } } }, ResultPath: null, Next: "PutAgain" },
        PutAgain: {
          Type: "Task", Resource: "arn:aws:states:::dynamodb:putItem", ResultPath: null, Next: "Get",
          Parameters: { TableName: "prices", Item: { pk: { "S.$": "$.matchId" } }, ConditionExpression: "attribute_not_exists(pk)" },
          Catch: [{ ErrorEquals: ["DynamoDB.ConditionalCheckFailedException"], ResultPath: "$.stale", Next: "Get" }],
        },
        Get: { Type: "Task", Resource: "arn:aws:states:::dynamodb:getItem", Parameters: { TableName: "prices", Key: { pk: { "S.$": "$.matchId" } } }, ResultSelector: { "version.$": "$.Item.version.N" }, ResultPath: "$.stored", Next: "Publish" },
        Publish: { Type: "Task", Resource: "arn:aws:states:::events:putEvents", Parameters: { Entries: [{ Source: "pricing", DetailType: "Prices Published", Detail: { "matchId.$": "$.matchId" }, EventBusName: "match-events" }] }, ResultPath: "$.published", End: true },
      },
    });
    const done = await h.sfn.finished((await h.sfn.startExecution({ stateMachineArn: arn, input: JSON.stringify({ matchId: "m-9" }) })).executionArn);
    assert.equal(done.status, "SUCCEEDED", done.cause);
    const output = JSON.parse(done.output!);
    assert.equal(output.stale.Error, "DynamoDB.ConditionalCheckFailedException");
    assert.deepEqual(output.stored, { version: "1" });
    assert.deepEqual(output.published, { Entries: [{ EventId: "e-0" }], FailedEntryCount: 0 });
    assert.deepEqual(published, [{ Source: "pricing", DetailType: "Prices Published", Detail: JSON.stringify({ matchId: "m-9" }), EventBusName: "match-events" }]);
  });
});
