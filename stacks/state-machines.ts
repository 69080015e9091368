import { RemovalPolicy, type Duration, type Stack } from "aws-cdk-lib";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import { DefinitionBody, LogLevel, StateMachine, StateMachineType, type IChainable } from "aws-cdk-lib/aws-stepfunctions";
import type { App } from "sst/constructs";
import { stateMachineName } from "./names";
import { acceptStateMachineFindings } from "./nag";

/**
 * One of the app's state machines, under its fixed name, traced, logging every event
 * with execution data to its own log group.
 */
export function loggedStateMachine(
  stack: Stack,
  app: App,
  machine: "Lifecycle" | "PriceMatch",
  props: { type: StateMachineType; definition: IChainable; timeout: Duration },
): StateMachine {
  const logGroup = new LogGroup(stack, `${machine}Logs`, {
    logGroupName: `/aws/vendedlogs/states/${stateMachineName(app, machine)}`,
    retention: RetentionDays.ONE_MONTH,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const stateMachine = new StateMachine(stack, machine, {
    stateMachineName: stateMachineName(app, machine),
    stateMachineType: props.type,
    definitionBody: DefinitionBody.fromChainable(props.definition),
    timeout: props.timeout,
    tracingEnabled: true,
    logs: { destination: logGroup, level: LogLevel.ALL, includeExecutionData: true },
  });
  acceptStateMachineFindings(stateMachine);
  return stateMachine;
}
