import { Aws } from "aws-cdk-lib";
import type { App } from "sst/constructs";

/** State machine names are fixed so a stack can refer to a machine defined in a later stack without a cycle. */
export const stateMachineName = (app: App, machine: "Lifecycle" | "PriceMatch") => app.logicalPrefixedName(machine);

export const stateMachineArn = (app: App, machine: "Lifecycle" | "PriceMatch") =>
  `arn:${Aws.PARTITION}:states:${Aws.REGION}:${Aws.ACCOUNT_ID}:stateMachine:${stateMachineName(app, machine)}`;

/** The bus's name: one per stage. */
export const busName = (app: App) => `${app.stage}-match-events`;

/** A sport's id as a construct id's part: "football" -> "Football", "ice-hockey" -> "IceHockey". */
export const pascal = (id: string) => id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
