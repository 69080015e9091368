import { RemovalPolicy } from "aws-cdk-lib";
import { AttributeType, BillingMode, Table, TableEncryption } from "aws-cdk-lib/aws-dynamodb";
import type { StackContext } from "sst/constructs";
import { TABLE_KEYS } from "@pricing/core/store/keys";
import { EXPIRES_AT_ATTRIBUTE } from "@pricing/core/store/match-state";

/** The single table every entity lives in (see packages/core/src/store). */
export function Storage({ stack, app }: StackContext) {
  const index = TABLE_KEYS.indexes[0];
  const table = new Table(stack, "Table", {
    partitionKey: { name: TABLE_KEYS.partitionKey, type: AttributeType.STRING },
    sortKey: { name: TABLE_KEYS.sortKey, type: AttributeType.STRING },
    billingMode: BillingMode.PAY_PER_REQUEST,
    // The item of a match never scheduled expires (UNSCHEDULED_EXPIRY_SECONDS; ingest also checks it on read).
    timeToLiveAttribute: EXPIRES_AT_ATTRIBUTE,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    encryption: TableEncryption.AWS_MANAGED,
    deletionProtection: app.stage === "prod",
    removalPolicy: app.stage === "prod" ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  table.addGlobalSecondaryIndex({
    indexName: index.name,
    partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
    sortKey: { name: index.sortKey, type: AttributeType.STRING },
  });
  stack.addOutputs({ TableName: table.tableName });
  return { table };
}
