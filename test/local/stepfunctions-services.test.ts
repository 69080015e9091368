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
          // An entry whose DetailType is "Refused" is refused, as EventBridge refuses one of a batch.
          const results = entries.map((e, i): Record<string, string> => (e.DetailType === "Refused" ? { ErrorCode: "InternalFailure", ErrorMessage: "refused" } : { EventId: `e-${i}` }));
          published.push(...entries.filter((e) => e.DetailType !== "Refused"));
          return { Entries: results, FailedEntryCount: results.filter((r) => "ErrorCode" in r).length };
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
    // As on AWS, the optimized integration adds the execution's and the machine's ARNs to each entry's Resources.
    assert.deepEqual(published, [{ Source: "pricing", DetailType: "Prices Published", Detail: JSON.stringify({ matchId: "m-9" }), EventBusName: "match-events", Resources: [done.executionArn, arn] }]);
  });

  test("events:putEvents fails the task with EventBridge.FailedEntry when an entry is refused; the Catch sees it", async () => {
    published.length = 0;
    const entries = (types: string[]) => types.map((DetailType) => ({ Source: "pricing", DetailType, "Detail.$": "$", EventBusName: "match-events" }));
    const arn = h.add("Announce", {
      StartAt: "Put",
      States: {
        Put: {
          Type: "Task", Resource: "arn:aws:states:::events:putEvents", Parameters: { Entries: entries(["Prices Published", "Refused"]) }, End: true,
          Catch: [{ ErrorEquals: ["EventBridge.FailedEntry"], ResultPath: "$.failed", Next: "Refused" }],
        },
        Refused: { Type: "Pass", End: true },
      },
    });
    const done = await h.sfn.finished((await h.sfn.startExecution({ stateMachineArn: arn, input: JSON.stringify({ matchId: "m-10" }) })).executionArn);
    assert.equal(done.status, "SUCCEEDED", done.cause);
    const output = JSON.parse(done.output!);
    assert.equal(output.failed.Error, "EventBridge.FailedEntry");
    assert.match(output.failed.Cause, /1 of 2 entries refused: InternalFailure refused/);
    assert.deepEqual(published.map((e) => e.DetailType), ["Prices Published"], "the accepted entry still went out");
  });
});
