/** Where the local cloud pretends to be: one region, one placeholder account. */
export interface LocalPlace {
  region: string;
  accountId: string;
  /** Base URL of the local endpoint, for queue URLs. */
  endpointUrl: string;
}

export type Resource = { Type: string; Properties?: Record<string, unknown>; [key: string]: unknown };

/**
 * The physical names CloudFormation would generate when a template gives none:
 * `<stack>-<logicalId>`, cut to the service's limit (AWS adds a random suffix; a local
 * name stays stable across restarts, so persisted data and executions find it again).
 */
function generatedName(stackName: string, logicalId: string, maxLength: number): string {
  return `${stackName}-${logicalId}`.slice(0, maxLength);
}

/** The name property each resource type takes, and the length AWS allows a generated one. */
const NAMING: Record<string, { property: string; maxLength: number }> = {
  "AWS::SQS::Queue": { property: "QueueName", maxLength: 80 },
  "AWS::DynamoDB::Table": { property: "TableName", maxLength: 255 },
  "AWS::Lambda::Function": { property: "FunctionName", maxLength: 64 },
  "AWS::StepFunctions::StateMachine": { property: "StateMachineName", maxLength: 80 },
  "AWS::Events::EventBus": { property: "Name", maxLength: 256 },
  "AWS::Events::Rule": { property: "Name", maxLength: 64 },
  "AWS::Events::Archive": { property: "ArchiveName", maxLength: 48 },
  "AWS::IAM::Role": { property: "RoleName", maxLength: 64 },
  "AWS::Logs::LogGroup": { property: "LogGroupName", maxLength: 512 },
  "AWS::SNS::Topic": { property: "TopicName", maxLength: 256 },
  "AWS::SSM::Parameter": { property: "Name", maxLength: 1011 },
  "AWS::CloudWatch::Alarm": { property: "AlarmName", maxLength: 255 },
};

/** A resource's physical name: its name property (resolved) or the generated one. */
export function physicalName(stackName: string, logicalId: string, resource: Resource, resolve: (v: unknown) => unknown): string {
  const naming = NAMING[resource.Type];
  const declared = naming ? resource.Properties?.[naming.property] : undefined;
  if (declared !== undefined) return String(resolve(declared));
  const name = generatedName(stackName, logicalId, naming?.maxLength ?? 128);
  return resource.Type === "AWS::SQS::Queue" && resource.Properties?.FifoQueue ? `${name.slice(0, 75)}.fifo` : name;
}

/** ARN of a resource with the given physical name, as the local services spell it. */
export function arnOf(type: string, name: string, place: LocalPlace): string {
  const { region, accountId } = place;
  const stem = (service: string) => `arn:aws:${service}:${region}:${accountId}`;
  switch (type) {
    case "AWS::SQS::Queue": return `${stem("sqs")}:${name}`;
    case "AWS::DynamoDB::Table": return `${stem("dynamodb")}:table/${name}`;
    case "AWS::Lambda::Function": return `${stem("lambda")}:function:${name}`;
    case "AWS::StepFunctions::StateMachine": return `${stem("states")}:stateMachine:${name}`;
    case "AWS::Events::EventBus": return `${stem("events")}:event-bus/${name}`;
    case "AWS::Events::Archive": return `${stem("events")}:archive/${name}`;
    case "AWS::IAM::Role": return `arn:aws:iam::${accountId}:role/${name}`;
    case "AWS::Logs::LogGroup": return `${stem("logs")}:log-group:${name}:*`;
    case "AWS::SNS::Topic": return `${stem("sns")}:${name}`;
    case "AWS::CloudWatch::Alarm": return `${stem("cloudwatch")}:alarm:${name}`;
    case "AWS::SSM::Parameter": return `${stem("ssm")}:parameter${name.startsWith("/") ? "" : "/"}${name}`;
    default: {
      const service = type.split("::")[1]?.toLowerCase() ?? "unknown";
      return `${stem(service)}:${name}`;
    }
  }
}

/** What `Ref` returns for each type (CloudFormation's documented return values). */
export function refOf(type: string, name: string, place: LocalPlace, busName?: string): string {
  switch (type) {
    case "AWS::SQS::Queue": return `${place.endpointUrl.replace(/\/$/, "")}/${place.accountId}/${name}`;
    case "AWS::StepFunctions::StateMachine":
    case "AWS::SNS::Topic":
      return arnOf(type, name, place);
    case "AWS::Events::Rule": return busName && busName !== "default" ? `${busName}|${name}` : name;
    default: return name;
  }
}

/** `Fn::GetAtt` of the attributes the app's templates use; others fall back to the name. */
export function attributeOf(type: string, name: string, attribute: string, place: LocalPlace): string {
  if (attribute === "Arn") return arnOf(type, name, place);
  switch (`${type}.${attribute}`) {
    case "AWS::SQS::Queue.QueueName":
    case "AWS::StepFunctions::StateMachine.Name":
    case "AWS::Events::EventBus.Name":
    case "AWS::SNS::Topic.TopicName":
      return name;
    case "AWS::SQS::Queue.QueueUrl": return refOf(type, name, place);
    case "AWS::DynamoDB::Table.StreamArn": return `${arnOf(type, name, place)}/stream/1970-01-01T00:00:00.000`;
    case "AWS::SNS::Topic.TopicArn": return arnOf(type, name, place);
    case "AWS::IAM::Role.RoleId": return `AROA${name.toUpperCase().replace(/[^A-Z0-9]/g, "").slice(0, 17)}`;
    default: return name;
  }
}
