import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Config } from "../config";
import { eventLogEntity } from "./event-log";
import { matchEntity } from "./match";
import { matchStateEntity } from "./match-state";
import { priceVersionEntity } from "./price-set";
import { rejectedEventEntity } from "./rejected-event";
import { settlementEntity } from "./settlement";
import { teamRatingEntity } from "./team-rating";

const ENTITIES = {
  match: matchEntity,
  matchState: matchStateEntity,
  eventLog: eventLogEntity,
  priceVersion: priceVersionEntity,
  settlement: settlementEntity,
  teamRating: teamRatingEntity,
  rejectedEvent: rejectedEventEntity,
};
type Entities = { [Name in keyof typeof ENTITIES]: ReturnType<(typeof ENTITIES)[Name]> };

/**
 * The single-table store of the pricing engine, one per process: its entities bound to
 * the table and one client. Each entity is built when first used, not at import:
 * ElectroDB validates an entity's model as it builds it (4-13 ms each, BENCHMARKS.md
 * "Cold start"), and a function that uses one entity of seven would otherwise pay for
 * all seven at every cold start. No code here queries across entities, so the store is
 * its entities alone, without an ElectroDB Service joining them.
 */
function build(): { entities: Entities } {
  const client = DynamoDBDocumentClient.from(dynamoClient(), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: true },
  });
  const config = { client, table: Config.tableName };
  const built: Partial<Entities> = {};
  const entities = {} as Entities;
  for (const name of Object.keys(ENTITIES) as (keyof Entities)[]) {
    Object.defineProperty(entities, name, { enumerable: true, get: () => (built[name] ??= ENTITIES[name](config) as never) });
  }
  return { entities };
}
export type PricingService = ReturnType<typeof build>;

let service: PricingService | undefined;
let dynamo: DynamoDBClient | undefined;
/** The DynamoDB client under the service (endpoint from AWS_ENDPOINT_URL_DYNAMODB when set). */
export function dynamoClient(): DynamoDBClient {
  dynamo ??= new DynamoDBClient({});
  return dynamo;
}
/** The service bound to the table named by TABLE_NAME (created on first use). */
export function pricingService(): PricingService {
  service ??= build();
  return service;
}
/** Drops the cached service (tests that point at another table). */
export function resetService(): void {
  service = undefined;
  dynamo = undefined;
}

/** The table's key layout, for infrastructure and local tables. */
export const TABLE_KEYS = {
  partitionKey: "pk",
  sortKey: "sk",
  indexes: [{ name: "gsi1", partitionKey: "gsi1pk", sortKey: "gsi1sk" }],
} as const;
