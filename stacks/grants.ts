import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import type { IFunction } from "aws-cdk-lib/aws-lambda";

export type TableAction = "GetItem" | "PutItem" | "UpdateItem" | "BatchWriteItem" | "Query";

/** Grants exactly the item actions a function uses on the table (and its indexes only when it queries them). */
export function grantTable(fn: IFunction, table: ITable, actions: TableAction[], queriesIndexes = false): void {
  const resources = [table.tableArn, ...(queriesIndexes ? [`${table.tableArn}/index/*`] : [])];
  fn.addToRolePolicy(new PolicyStatement({ actions: actions.map((a) => `dynamodb:${a}`), resources }));
}

/** SendTaskSuccess takes no resource-level permission: it is allowed by task token, on "*". */
export function grantTaskCallbacks(fn: IFunction): void {
  fn.addToRolePolicy(new PolicyStatement({ actions: ["states:SendTaskSuccess"], resources: ["*"] }));
}

export function grantStart(fn: IFunction, stateMachineArns: string[]): void {
  fn.addToRolePolicy(new PolicyStatement({ actions: ["states:StartExecution"], resources: stateMachineArns }));
}
