import {
  CreateTableCommand,
  DescribeTableCommand,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
  type CreateTableCommandInput,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
  type KeySchemaElement,
  type Projection,
  type ProvisionedThroughput,
} from "@aws-sdk/client-dynamodb";
import type { Resolver } from "../lambda/types";

type Resource = { Type: string; Properties?: Record<string, unknown> };
type Template = { Resources?: Record<string, Resource> };

/** Throughput as a template writes it: numbers, or numeric strings. */
interface ThroughputProperties {
  ReadCapacityUnits?: unknown;
  WriteCapacityUnits?: unknown;
}

interface IndexProperties {
  IndexName?: string;
  KeySchema?: KeySchemaElement[];
  Projection?: Projection;
  ProvisionedThroughput?: ThroughputProperties;
}

/** The AWS::DynamoDB::Table properties the local table is created from (CreateTable's own names). */
export interface TableProperties {
  KeySchema?: KeySchemaElement[];
  AttributeDefinitions?: AttributeDefinition[];
  BillingMode?: string;
  ProvisionedThroughput?: ThroughputProperties;
  GlobalSecondaryIndexes?: IndexProperties[];
  LocalSecondaryIndexes?: IndexProperties[];
  TimeToLiveSpecification?: { Enabled?: boolean; AttributeName?: string };
}

export interface TableCreated {
  logicalId: string;
  tableName: string;
  /** False when the table already existed (a persisted data directory). */
  created: boolean;
  /** The TTL attribute, and whether the backend accepted UpdateTimeToLive (dynalite does not). */
  ttl?: { attribute: string; applied: boolean };
}

const DEFAULT_THROUGHPUT = { ReadCapacityUnits: 5, WriteCapacityUnits: 5 };

function indexInput(index: IndexProperties, provisioned: boolean): GlobalSecondaryIndex {
  const out: GlobalSecondaryIndex = { IndexName: index.IndexName, KeySchema: index.KeySchema, Projection: index.Projection ?? { ProjectionType: "ALL" } };
  if (provisioned && index.ProvisionedThroughput !== undefined) out.ProvisionedThroughput = numbers(index.ProvisionedThroughput);
  else if (provisioned) out.ProvisionedThroughput = DEFAULT_THROUGHPUT;
  return out;
}

function numbers(throughput: ThroughputProperties): ProvisionedThroughput {
  return { ReadCapacityUnits: Number(throughput.ReadCapacityUnits), WriteCapacityUnits: Number(throughput.WriteCapacityUnits) };
}

/** The CreateTable request an AWS::DynamoDB::Table's properties describe. */
export function createTableInput(tableName: string, props: TableProperties): CreateTableCommandInput {
  const provisioned = (props.BillingMode ?? "PROVISIONED") === "PROVISIONED";
  const input: CreateTableCommandInput = {
    TableName: tableName,
    KeySchema: props.KeySchema,
    AttributeDefinitions: props.AttributeDefinitions,
    BillingMode: provisioned ? "PROVISIONED" : "PAY_PER_REQUEST",
  };
  if (provisioned) input.ProvisionedThroughput = props.ProvisionedThroughput ? numbers(props.ProvisionedThroughput) : DEFAULT_THROUGHPUT;
  if (props.GlobalSecondaryIndexes?.length) {
    input.GlobalSecondaryIndexes = props.GlobalSecondaryIndexes.map((gsi) => indexInput(gsi, provisioned));
  }
  if (props.LocalSecondaryIndexes?.length) {
    input.LocalSecondaryIndexes = props.LocalSecondaryIndexes.map((lsi) => indexInput(lsi, false));
  }
  return input;
}

async function waitUntilActive(client: DynamoDBClient, tableName: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === "ACTIVE") return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Creates the template's AWS::DynamoDB::Table resources (keys, attribute definitions,
 * GSIs, LSIs, billing mode, TTL) on a local endpoint. The table name is the resolver's
 * answer to `Ref`, as the functions' environment sees it. Tables that already exist
 * are kept as they are, so a persisted data directory survives restarts.
 */
export async function createTablesFromTemplate(
  client: DynamoDBClient,
  template: Template,
  resolve: Resolver,
): Promise<TableCreated[]> {
  const results: TableCreated[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
    if (resource.Type !== "AWS::DynamoDB::Table" && resource.Type !== "AWS::DynamoDB::GlobalTable") continue;
    const props = (resource.Properties ?? {}) as TableProperties;
    const tableName = String(resolve({ Ref: logicalId }));
    let created = true;
    try {
      await client.send(new CreateTableCommand(createTableInput(tableName, props)));
    } catch (error) {
      if ((error as Error).name !== "ResourceInUseException") throw error;
      created = false;
    }
    await waitUntilActive(client, tableName);
    const result: TableCreated = { logicalId, tableName, created };
    const ttl = props.TimeToLiveSpecification;
    if (ttl?.Enabled && ttl.AttributeName) {
      result.ttl = { attribute: String(ttl.AttributeName), applied: await enableTtl(client, tableName, String(ttl.AttributeName)) };
    }
    results.push(result);
  }
  return results;
}

async function enableTtl(client: DynamoDBClient, tableName: string, attribute: string): Promise<boolean> {
  try {
    await client.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { Enabled: true, AttributeName: attribute } }));
    return true;
  } catch (error) {
    const name = (error as Error).name;
    // dynalite has no TTL API; DynamoDB Local rejects re-enabling an enabled TTL.
    if (name === "UnknownOperationException" || /already enabled/i.test((error as Error).message)) return name !== "UnknownOperationException";
    throw error;
  }
}
