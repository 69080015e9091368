import { DeleteItemCommand, GetItemCommand, PutItemCommand, UpdateItemCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { InputError } from "@pricing/core/errors";
import type { LambdaInvocationResult } from "../lambda/types";
import { LOCAL_WAIT_RESOURCE } from "./definition";
import { StatesError, type Json } from "./types";

/** The other local services a Task state can call; the integrator wires them. */
export interface ServiceIntegrations {
  /** Synchronous Invoke (LocalLambda fits). */
  lambda: { invoke(nameOrArn: string, payload: unknown): Promise<LambdaInvocationResult> };
  /** SQS SendMessage with the task's Parameters (MessageBody already a string); returns the SendMessage result. */
  sendSqsMessage?(params: Record<string, Json>): Promise<Record<string, Json>>;
  /** EventBridge PutEvents with the task's Entries (Detail already a string). */
  putEvents?(entries: Record<string, Json>[]): Promise<{ Entries: Json[]; FailedEntryCount: number }>;
  /** A client on the local DynamoDB endpoint, for dynamodb:getItem/putItem/updateItem/deleteItem. */
  dynamodb?: DynamoDBClient;
}

export type IntegrationPattern = "request" | "token" | "sync" | "sync2";

export interface ParsedResource {
  kind: "lambda-invoke" | "lambda-arn" | "start-execution" | "sqs-send" | "events-put" | "dynamodb" | "wait";
  pattern: IntegrationPattern;
  /** History `resourceType` and `resource`, e.g. "lambda" / "invoke.waitForTaskToken". */
  resourceType: string;
  resource: string;
  action: string;
}

const PATTERNS: [string, IntegrationPattern][] = [[".waitForTaskToken", "token"], [".sync:2", "sync2"], [".sync", "sync"]];
const SERVICE_ACTIONS: Record<string, ParsedResource["kind"]> = {
  "lambda:invoke": "lambda-invoke",
  "states:startExecution": "start-execution",
  "sqs:sendMessage": "sqs-send",
  "events:putEvents": "events-put",
  "dynamodb:getItem": "dynamodb",
  "dynamodb:putItem": "dynamodb",
  "dynamodb:updateItem": "dynamodb",
  "dynamodb:deleteItem": "dynamodb",
};

/** Classifies a Task's Resource; an unsupported one is a definition error, raised at load. */
export function parseResource(stateName: string, resource: string): ParsedResource {
  if (resource === LOCAL_WAIT_RESOURCE) return { kind: "wait", pattern: "request", resourceType: "local", resource: "wait", action: "wait" };
  if (/^arn:aws[\w-]*:lambda:[^:]*:[^:]*:function:/.test(resource)) {
    return { kind: "lambda-arn", pattern: "request", resourceType: "lambda", resource, action: "invoke" };
  }
  const match = /^arn:aws[\w-]*:states:::(.+)$/.exec(resource);
  if (match) {
    let rest = match[1];
    let pattern: IntegrationPattern = "request";
    for (const [suffix, p] of PATTERNS) {
      if (rest.endsWith(suffix)) {
        pattern = p;
        rest = rest.slice(0, -suffix.length);
        break;
      }
    }
    const kind = SERVICE_ACTIONS[rest];
    const [service, action] = rest.split(":");
    if (kind && !(pattern.startsWith("sync") && kind !== "start-execution")) {
      return { kind, pattern, resourceType: service, resource: match[1].slice(service.length + 1), action };
    }
  }
  throw new InputError("local.sfn.unsupported_resource", `State ${stateName}: Task resource ${resource} is not supported by the local cloud`, { resource });
}

/** The Cause of a failed Lambda task: the error document as JSON, as AWS reports it. */
export function lambdaFailure(result: LambdaInvocationResult): StatesError {
  const error = result.error ?? { errorType: "Lambda.Unknown", errorMessage: "The function returned an error" };
  return new StatesError(error.errorType, JSON.stringify(error));
}

/** Invokes a function; a handler error becomes the task error named after its errorType. */
export async function invokeLambda(integrations: ServiceIntegrations, functionName: string, payload: unknown): Promise<LambdaInvocationResult> {
  let result: LambdaInvocationResult;
  try {
    result = await integrations.lambda.invoke(functionName, payload);
  } catch (error) {
    const name = (error as Error).name;
    throw new StatesError(name.startsWith("Lambda.") ? name : `Lambda.${name}`, (error as Error).message);
  }
  if (result.functionError) throw lambdaFailure(result);
  return result;
}

/** lambda:invoke's result shape around the function's payload. */
export function lambdaInvokeResult(result: LambdaInvocationResult): Json {
  return {
    ExecutedVersion: "$LATEST",
    Payload: result.payload as Json,
    SdkHttpMetadata: { HttpHeaders: { "x-amzn-RequestId": result.requestId }, HttpStatusCode: 200 },
    SdkResponseMetadata: { RequestId: result.requestId },
    StatusCode: 200,
  };
}

function asText(value: Json | undefined): string {
  return typeof value === "string" ? value : JSON.stringify(value ?? null);
}

function requireCallback<T>(callback: T | undefined, what: string): T {
  if (!callback) throw new StatesError("States.Runtime", `The local cloud has no ${what} wired`);
  return callback;
}

/**
 * Calls SQS, EventBridge or DynamoDB with the task's effective Parameters. `execution`
 * names the calling execution and its machine: EventBridge's integration adds both to
 * each entry's Resources, as on AWS.
 */
export async function callService(
  parsed: ParsedResource,
  integrations: ServiceIntegrations,
  params: Record<string, Json>,
  execution?: { executionArn: string; stateMachineArn: string },
): Promise<Json> {
  if (parsed.kind === "sqs-send") {
    const send = requireCallback(integrations.sendSqsMessage, "SQS");
    return send({ ...params, MessageBody: asText(params.MessageBody) });
  }
  if (parsed.kind === "events-put") {
    const put = requireCallback(integrations.putEvents, "EventBridge");
    const resources = execution ? [execution.executionArn, execution.stateMachineArn] : [];
    const entries = ((params.Entries ?? []) as Record<string, Json>[]).map((e) => ({
      ...e, Detail: asText(e.Detail), ...(resources.length > 0 ? { Resources: [...((e.Resources ?? []) as string[]), ...resources] } : {}),
    }));
    const out = await put(entries);
    // The optimized integration fails the task when any entry is refused, as on AWS (a
    // Retry or Catch on EventBridge.FailedEntry handles it); the SDK integration does not.
    if (out.FailedEntryCount > 0) {
      const refused = (out.Entries as Array<{ ErrorCode?: string; ErrorMessage?: string }>).find((e) => e.ErrorCode);
      throw new StatesError("EventBridge.FailedEntry", `${out.FailedEntryCount} of ${entries.length} entries refused: ${refused?.ErrorCode ?? ""} ${refused?.ErrorMessage ?? ""}`.trim());
    }
    return out as unknown as Json;
  }
  if (parsed.kind === "dynamodb") {
    const client = requireCallback(integrations.dynamodb, "DynamoDB client");
    const commands = { getItem: GetItemCommand, putItem: PutItemCommand, updateItem: UpdateItemCommand, deleteItem: DeleteItemCommand } as const;
    const Command = commands[parsed.action as keyof typeof commands] as unknown as new (input: unknown) => GetItemCommand;
    try {
      const { $metadata: _meta, ...output } = (await client.send(new Command(params))) as unknown as Record<string, unknown>;
      return output as Json;
    } catch (error) {
      throw new StatesError(`DynamoDB.${(error as Error).name}`, (error as Error).message);
    }
  }
  throw new StatesError("States.Runtime", `Unexpected service ${parsed.resourceType}`);
}
