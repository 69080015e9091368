import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand } from "@aws-sdk/client-dynamodb";
import { createTablesFromTemplate, javaMajorVersion, startLocalDynamoDb, type DynamoDbBackend } from "@pricing/local/dynamodb/index";

// A table as CDK synthesizes it (single-table design with a GSI, an LSI and TTL).
const template = {
  Resources: {
    PricingTable1A2B3C: {
      Type: "AWS::DynamoDB::Table",
      Properties: {
        KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }],
        AttributeDefinitions: [
          { AttributeName: "pk", AttributeType: "S" },
          { AttributeName: "sk", AttributeType: "S" },
          { AttributeName: "gsi1pk", AttributeType: "S" },
          { AttributeName: "gsi1sk", AttributeType: "S" },
          { AttributeName: "lsi1sk", AttributeType: "N" },
        ],
        BillingMode: "PAY_PER_REQUEST",
        GlobalSecondaryIndexes: [
          { IndexName: "gsi1", KeySchema: [{ AttributeName: "gsi1pk", KeyType: "HASH" }, { AttributeName: "gsi1sk", KeyType: "RANGE" }], Projection: { ProjectionType: "ALL" } },
        ],
        LocalSecondaryIndexes: [
          { IndexName: "lsi1", KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "lsi1sk", KeyType: "RANGE" }], Projection: { ProjectionType: "KEYS_ONLY" } },
        ],
        TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
      },
      UpdateReplacePolicy: "Retain",
      DeletionPolicy: "Retain",
    },
  },
};
const resolve = (value: unknown) => ((value as { Ref?: string }).Ref === "PricingTable1A2B3C" ? "local-pricing" : value);

function client(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } });
}

async function roundTrip(backend: DynamoDbBackend, dataDir?: string) {
  const db = await startLocalDynamoDb({ backend, dataDir });
  const ddb = client(db.endpoint);
  try {
    const tables = await createTablesFromTemplate(ddb, template, resolve);
    return { db, ddb, tables };
  } catch (error) {
    ddb.destroy();
    await db.stop();
    throw error;
  }
}

const backends: DynamoDbBackend[] = (javaMajorVersion() ?? 0) >= 17 ? ["dynamodb-local", "dynalite"] : ["dynalite"];

for (const backend of backends) {
  describe(`local DynamoDB on ${backend}`, () => {
    test("creates the template's table with its indexes and puts and gets an item through the SDK", async () => {
      const { db, ddb, tables } = await roundTrip(backend);
      try {
        assert.equal(db.backend, backend);
        assert.deepEqual(tables.map((t) => [t.tableName, t.created]), [["local-pricing", true]]);
        const { Table } = await ddb.send(new DescribeTableCommand({ TableName: "local-pricing" }));
        assert.equal(Table?.BillingModeSummary?.BillingMode ?? "PAY_PER_REQUEST", "PAY_PER_REQUEST");
        assert.deepEqual(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName), ["gsi1"]);
        assert.deepEqual(Table?.LocalSecondaryIndexes?.map((i) => i.IndexName), ["lsi1"]);
        const item = { pk: { S: "MATCH#1" }, sk: { S: "STATE" }, gsi1pk: { S: "DAY#2021-08-14" }, gsi1sk: { S: "15:00" }, lsi1sk: { N: "7" }, score: { S: "1-0" } };
        await ddb.send(new PutItemCommand({ TableName: "local-pricing", Item: item }));
        const got = await ddb.send(new GetItemCommand({ TableName: "local-pricing", Key: { pk: item.pk, sk: item.sk } }));
        assert.deepEqual(got.Item, item);
        const byDay = await ddb.send(new QueryCommand({ TableName: "local-pricing", IndexName: "gsi1", KeyConditionExpression: "gsi1pk = :d", ExpressionAttributeValues: { ":d": { S: "DAY#2021-08-14" } } }));
        assert.equal(byDay.Count, 1);
        if (backend === "dynamodb-local") {
          assert.deepEqual(tables[0].ttl, { attribute: "expiresAt", applied: true });
          const ttl = await ddb.send(new DescribeTimeToLiveCommand({ TableName: "local-pricing" }));
          assert.equal(ttl.TimeToLiveDescription?.AttributeName, "expiresAt");
        } else {
          assert.deepEqual(tables[0].ttl, { attribute: "expiresAt", applied: false });
        }
      } finally {
        ddb.destroy();
        await db.stop();
      }
    });

    test("keeps tables and items in a data directory across a restart", async () => {
      const dir = mkdtempSync(path.join(tmpdir(), `ddb-${backend}-`));
      try {
        const first = await roundTrip(backend, dir);
        await first.ddb.send(new PutItemCommand({ TableName: "local-pricing", Item: { pk: { S: "M" }, sk: { S: "S" } } }));
        first.ddb.destroy();
        await first.db.stop();
        const second = await roundTrip(backend, dir);
        try {
          assert.equal(second.tables[0].created, false);
          const got = await second.ddb.send(new GetItemCommand({ TableName: "local-pricing", Key: { pk: { S: "M" }, sk: { S: "S" } } }));
          assert.deepEqual(got.Item, { pk: { S: "M" }, sk: { S: "S" } });
        } finally {
          second.ddb.destroy();
          await second.db.stop();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
