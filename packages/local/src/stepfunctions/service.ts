import type { AwsJsonService } from "../protocol";
import { AwsServiceError } from "../protocol";
import type { LocalStepFunctions } from "./engine";
import type { ExecutionRecord, HistoryEvent } from "./types";

type Input = Record<string, unknown>;

/** Epoch seconds, the JSON protocol's timestamp form. */
const seconds = (ms: number | undefined) => (ms === undefined ? undefined : ms / 1000);

function page<T>(items: T[], input: Input, defaultSize = 100): { items: T[]; nextToken?: string } {
  const size = Math.min(Number(input.maxResults) || defaultSize, 1000);
  let start = 0;
  if (input.nextToken !== undefined) {
    start = Number(Buffer.from(String(input.nextToken), "base64url").toString());
    if (!Number.isInteger(start) || start < 0) throw new AwsServiceError("InvalidToken", "Invalid pagination token");
  }
  const slice = items.slice(start, start + size);
  const next = start + size < items.length ? Buffer.from(String(start + size)).toString("base64url") : undefined;
  return { items: slice, nextToken: next };
}

function required(input: Input, key: string): string {
  const value = input[key];
  if (typeof value !== "string" || value === "") {
    throw new AwsServiceError("ValidationException", `1 validation error detected: Value null at '${key}' failed to satisfy constraint: Member must not be null`);
  }
  return value;
}

function describe(record: ExecutionRecord): Record<string, unknown> {
  const done = record.status !== "RUNNING";
  return {
    executionArn: record.executionArn,
    stateMachineArn: record.stateMachineArn,
    name: record.name,
    status: record.status,
    startDate: seconds(record.startDate),
    stopDate: done ? seconds(record.stopDate) : undefined,
    input: record.input,
    inputDetails: { included: true },
    output: record.status === "SUCCEEDED" ? record.output : undefined,
    outputDetails: record.status === "SUCCEEDED" ? { included: true } : undefined,
    error: record.error,
    cause: record.cause,
  };
}

function historyEvent(event: HistoryEvent): Record<string, unknown> {
  return { ...event, timestamp: seconds(event.timestamp) };
}

function stripIo(event: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) {
    if (key.endsWith("EventDetails") && value && typeof value === "object") {
      const { input: _i, output: _o, parameters: _p, ...rest } = value as Record<string, unknown>;
      out[key] = rest;
    } else out[key] = value;
  }
  return out;
}

/** The Step Functions JSON protocol (X-Amz-Target `AWSStepFunctions.<Action>`) over the local engine. */
export function stepFunctionsService(engine: LocalStepFunctions): AwsJsonService {
  const actions: Record<string, (input: Input) => Promise<unknown> | unknown> = {
    StartExecution: async (input) => {
      const record = await engine.startExecution({ stateMachineArn: required(input, "stateMachineArn"), name: input.name as string | undefined, input: input.input as string | undefined });
      return { executionArn: record.executionArn, startDate: seconds(record.startDate) };
    },
    StartSyncExecution: async (input) => {
      const record = await engine.startSyncExecution({ stateMachineArn: required(input, "stateMachineArn"), name: input.name as string | undefined, input: input.input as string | undefined });
      const duration = (record.stopDate ?? record.startDate) - record.startDate;
      return { ...describe(record), billingDetails: { billedMemoryUsedInMB: 64, billedDurationInMilliseconds: Math.max(100, Math.ceil(duration / 100) * 100) } };
    },
    DescribeExecution: (input) => describe(engine.execution(required(input, "executionArn"))),
    StopExecution: async (input) => {
      const record = await engine.stopExecution(required(input, "executionArn"), input.error as string | undefined, input.cause as string | undefined);
      return { stopDate: seconds(record.stopDate) };
    },
    ListStateMachines: (input) => {
      const { items, nextToken } = page(engine.stateMachines(), input);
      return { stateMachines: items.map((m) => ({ stateMachineArn: m.arn, name: m.name, type: m.type, creationDate: seconds(m.creationDate) })), nextToken };
    },
    DescribeStateMachine: (input) => {
      const m = engine.stateMachine(required(input, "stateMachineArn"));
      return { stateMachineArn: m.arn, name: m.name, status: "ACTIVE", definition: JSON.stringify(m.definition), roleArn: m.roleArn, type: m.type, creationDate: seconds(m.creationDate) };
    },
    ListExecutions: (input) => {
      const machine = engine.stateMachine(required(input, "stateMachineArn"));
      if (machine.type === "EXPRESS") throw new AwsServiceError("StateMachineTypeNotSupported", "This operation is not supported by this type of state machine");
      const filter = input.statusFilter as string | undefined;
      const records = engine.executions(machine.arn).filter((r) => !filter || r.status === filter);
      const { items, nextToken } = page(records, input);
      return {
        executions: items.map((r) => ({ executionArn: r.executionArn, stateMachineArn: r.stateMachineArn, name: r.name, status: r.status, startDate: seconds(r.startDate), stopDate: seconds(r.stopDate) })),
        nextToken,
      };
    },
    GetExecutionHistory: (input) => {
      const record = engine.execution(required(input, "executionArn"));
      const events = input.reverseOrder ? [...record.history].reverse() : record.history;
      const { items, nextToken } = page(events, input);
      const shaped = items.map(historyEvent);
      return { events: input.includeExecutionData === false ? shaped.map(stripIo) : shaped, nextToken };
    },
    SendTaskSuccess: async (input) => {
      await engine.sendTaskSuccess(required(input, "taskToken"), required(input, "output"));
      return {};
    },
    SendTaskFailure: async (input) => {
      await engine.sendTaskFailure(required(input, "taskToken"), input.error as string | undefined, input.cause as string | undefined);
      return {};
    },
    SendTaskHeartbeat: async (input) => {
      await engine.sendTaskHeartbeat(required(input, "taskToken"));
      return {};
    },
  };
  return {
    targetPrefix: "AWSStepFunctions",
    async handle(action, input) {
      const run = Object.hasOwn(actions, action) ? actions[action] : undefined;
      if (!run) throw new AwsServiceError("UnknownOperationException", `The local Step Functions does not implement ${action}`);
      return run(input);
    },
  };
}
