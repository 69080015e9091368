import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Service } from "electrodb";
import { Config } from "../config";
import { EventLog } from "./event-log";
import { Match } from "./match";
import { MatchStateRecord } from "./match-state";
import { PriceVersion } from "./price-set";
import { RejectedEvent } from "./rejected-event";
import { Settlement } from "./settlement";
import { TeamRating } from "./team-rating";

const entities = {
  match: Match,
  matchState: MatchStateRecord,
  eventLog: EventLog,
  priceVersion: PriceVersion,
  settlement: Settlement,
  teamRating: TeamRating,
  rejectedEvent: RejectedEvent,
};

/** The single-table service of the pricing engine, one per process. */
function build() {
  const client = DynamoDBDocumentClient.from(dynamoClient(), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: true },
  });
  return new Service(entities, { client, table: Config.tableName });
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
