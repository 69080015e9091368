import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import type { IEventBus } from "aws-cdk-lib/aws-events";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { ENGINE_SOURCE } from "@pricing/core/match/engine-events";

export type TableAction = "GetItem" | "PutItem" | "UpdateItem" | "BatchWriteItem" | "Query";

/** Grants exactly the item actions a function uses on the table (and its indexes only when it queries them). */
export function grantTable(fn: IFunction, table: ITable, actions: TableAction[], queriesIndexes = false): void {
  const resources = [table.tableArn, ...(queriesIndexes ? [`${table.tableArn}/index/*`] : [])];
  fn.addToRolePolicy(new PolicyStatement({ actions: actions.map((a) => `dynamodb:${a}`), resources }));
}

/**
 * SendTaskSuccess on the Lifecycle machine only (a task token's machine is the resource
 * IAM checks). Its ARN is built from its fixed name: the functions that send are part
 * of the machine's definition, so they cannot refer to the machine itself.
 */
export function grantTaskCallbacks(fn: IFunction, lifecycleArn: string): void {
  fn.addToRolePolicy(new PolicyStatement({ actions: ["states:SendTaskSuccess"], resources: [lifecycleArn] }));
}

export function grantStart(fn: IFunction, stateMachineArns: string[]): void {
  fn.addToRolePolicy(new PolicyStatement({ actions: ["states:StartExecution"], resources: stateMachineArns }));
}

/** The engine's own events only: a function or state machine may not put events in the feed's name. */
export function grantPutEngineEvents(grantee: { addToRolePolicy(statement: PolicyStatement): void }, bus: IEventBus): void {
  grantee.addToRolePolicy(new PolicyStatement({
    actions: ["events:PutEvents"],
    resources: [bus.eventBusArn],
    conditions: { StringEquals: { "events:source": ENGINE_SOURCE } },
  }));
}
