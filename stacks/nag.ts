import { NagSuppressions } from "cdk-nag";
import type { IConstruct } from "constructs";

/** Reasons for the cdk-nag AwsSolutions findings this app accepts, each scoped to the resource it is about. */
const RUNTIME = {
  id: "AwsSolutions-L1",
  reason: "nodejs22.x is the newest Node runtime SST v2 builds for and the local cloud runs; moving to 24 waits on both.",
};
const BASIC_EXECUTION_ROLE = {
  id: "AwsSolutions-IAM4",
  reason: "AWSLambdaBasicExecutionRole only lets the function write its own CloudWatch Logs streams.",
  appliesTo: ["Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"],
};
const UNSCOPED_ACTIONS = {
  id: "AwsSolutions-IAM5",
  reason:
    "Resource * only for actions that take no resource: X-Ray PutTraceSegments/PutTelemetryRecords, CloudWatch Logs delivery of state machine logs. Every data action names its table, queue, bus or machine.",
  appliesTo: ["Resource::*"],
};

/** A handler function: its runtime, its basic execution role and its resource-less actions. */
export function acceptFunctionFindings(fn: IConstruct): void {
  NagSuppressions.addResourceSuppressions(fn, [RUNTIME, BASIC_EXECUTION_ROLE, UNSCOPED_ACTIONS], true);
}

/** A state machine's role: invoke on its functions' versions, and resource-less tracing and logging actions. */
export function acceptStateMachineFindings(machine: IConstruct): void {
  NagSuppressions.addResourceSuppressions(
    machine,
    [
      UNSCOPED_ACTIONS,
      {
        id: "AwsSolutions-IAM5",
        reason: "lambda:InvokeFunction on <function>:* covers the versions and aliases of the machine's own functions, as CDK grants it.",
        appliesTo: [{ regex: "/^Resource::<[A-Za-z0-9]+\\.Arn>:\\*$/g" }],
      },
    ],
    true,
  );
}

/** SST's per-stack custom resource handler (stack metadata); its runtime and role are SST's. */
export function acceptSstHandlerFindings(handler: IConstruct): void {
  NagSuppressions.addResourceSuppressions(handler, [RUNTIME, BASIC_EXECUTION_ROLE], true);
}

/** The feed rule's delivery DLQ: cdk-nag recognises DLQs only through a queue's redrive policy. */
export function acceptTargetDlqFindings(dlq: IConstruct): void {
  NagSuppressions.addResourceSuppressions(dlq, [
    { id: "AwsSolutions-SQS3", reason: "This queue is the dead-letter queue of the feed rule's SQS target (EventBridge DeadLetterConfig)." },
  ]);
}
