import { InputError } from "../errors";
import { AWS_LIST_PRICES, DAYS_PER_MONTH, IDLE_SQS_POLLING, type AwsPriceList, type LambdaArchitecture } from "./prices";

/** What the app consumed, in the units AWS bills. */
export interface MeteredUsage {
  stepFunctions: {
    standardTransitions: number;
    expressRequests: number;
    /** Express duration summed over executions, each already rounded up to 100 ms (see `expressBilledMs`). */
    expressBilledMs: number;
  };
  lambda: { requests: number; gbSeconds: number; architecture: LambdaArchitecture };
  /** Billed events put on buses (feed and engine events; 64 KB chunks). */
  eventBridge: { events: number };
  sqs: { standardRequests: number; fifoRequests: number };
  dynamodb: { writeUnits: number; readUnits: number };
}

export type CostService = "Step Functions" | "Lambda" | "EventBridge" | "SQS" | "DynamoDB" | "CloudWatch";

/** One billed item: quantity × unit price. */
export interface CostLine {
  service: CostService;
  item: string;
  quantity: number;
  unit: string;
  /** USD per one unit. */
  unitPriceUsd: number;
  usd: number;
}

export interface CostEstimate {
  lines: CostLine[];
  totalUsd: number;
}

const perMillion = (price: number) => price / 1_000_000;

function line(service: CostService, item: string, quantity: number, unit: string, unitPriceUsd: number): CostLine {
  if (!(Number.isFinite(quantity) && quantity >= 0)) {
    throw new InputError("cost.invalid_usage", `${service} ${item} must be a non-negative number of ${unit}, got ${quantity}`);
  }
  return { service, item, quantity, unit, unitPriceUsd, usd: quantity * unitPriceUsd };
}

/**
 * Billed duration of Express executions: each rounded up to the next 100 ms (an
 * execution that takes no measurable time still bills 100 ms), summed, in ms.
 */
export function expressBilledMs(durationsMs: readonly number[], prices: AwsPriceList = AWS_LIST_PRICES): number {
  const step = prices.stepFunctions.expressBillingIncrementMs;
  return durationsMs.reduce((sum, d) => sum + Math.max(1, Math.ceil(Math.max(0, d) / step)) * step, 0);
}

/**
 * Projects the AWS bill of the counted usage at list prices: one line per billed item
 * (Standard transitions, Express requests and GB-seconds at 64 MB, Lambda requests
 * and GB-seconds, EventBridge events, SQS requests, DynamoDB write and read units).
 *
 * @throws InputError "cost.invalid_usage" for a negative or non-finite count
 */
export function estimateCost(usage: MeteredUsage, prices: AwsPriceList = AWS_LIST_PRICES): CostEstimate {
  const sfn = prices.stepFunctions;
  const expressGbSeconds = (usage.stepFunctions.expressBilledMs / 1000) * (sfn.expressMemoryChunkMb / 1024);
  const lines = [
    line("Step Functions", "Standard state transitions", usage.stepFunctions.standardTransitions, "transitions", sfn.standardPerThousandTransitions / 1000),
    line("Step Functions", "Express requests", usage.stepFunctions.expressRequests, "requests", perMillion(sfn.expressPerMillionRequests)),
    line("Step Functions", `Express duration (${sfn.expressMemoryChunkMb} MB)`, expressGbSeconds, "GB-s", sfn.expressPerGbSecond),
    line("Lambda", "requests", usage.lambda.requests, "requests", perMillion(prices.lambda.perMillionRequests)),
    line("Lambda", `duration (${usage.lambda.architecture})`, usage.lambda.gbSeconds, "GB-s", prices.lambda.perGbSecond[usage.lambda.architecture]),
    line("EventBridge", "events put", usage.eventBridge.events, "events", perMillion(prices.eventBridge.perMillionEvents)),
    line("SQS", "standard requests", usage.sqs.standardRequests, "requests", perMillion(prices.sqs.perMillionRequests.standard)),
    line("SQS", "FIFO requests", usage.sqs.fifoRequests, "requests", perMillion(prices.sqs.perMillionRequests.fifo)),
    line("DynamoDB", "write request units", usage.dynamodb.writeUnits, "WRU", perMillion(prices.dynamodb.perMillionWriteUnits)),
    line("DynamoDB", "read request units", usage.dynamodb.readUnits, "RRU", perMillion(prices.dynamodb.perMillionReadUnits)),
  ];
  return { lines, totalUsd: lines.reduce((sum, l) => sum + l.usd, 0) };
}

/** The same estimate divided evenly over `matches` matches. */
export function perMatch(estimate: CostEstimate, matches: number): CostEstimate {
  if (!(Number.isInteger(matches) && matches >= 1)) throw new InputError("cost.invalid_matches", `matches must be a positive whole number, got ${matches}`);
  const lines = estimate.lines.map((l) => ({ ...l, quantity: l.quantity / matches, usd: l.usd / matches }));
  return { lines, totalUsd: estimate.totalUsd / matches };
}

/** What an app costs on a day without matches. */
export interface IdleDayCost {
  /** Always 0: no function, state machine or container runs without a match. */
  computeUsd: number;
  /** Standing charges that are not compute: alarms, empty receives of idle event-source mappings. */
  standing: CostLine[];
  totalUsd: number;
}

/**
 * A day with no match: nothing runs, so compute costs $0. What remains is not compute:
 * CloudWatch alarms (per alarm-month) and the empty long-poll receives Lambda's SQS
 * event-source mappings make on idle queues (see IDLE_SQS_POLLING). Log storage is
 * not estimated: it depends on what was logged on match days.
 */
export function idleDayCost(resources: { alarms: number; sqsEventSourceMappings: number }, prices: AwsPriceList = AWS_LIST_PRICES): IdleDayCost {
  const receivesPerDay = resources.sqsEventSourceMappings * IDLE_SQS_POLLING.pollersPerMapping * (86_400 / IDLE_SQS_POLLING.waitSeconds);
  const standing = [
    line("CloudWatch", "alarms (one day of the monthly price)", resources.alarms / DAYS_PER_MONTH, "alarm-months", prices.cloudWatch.perAlarmMonth),
    line("SQS", "empty receives of idle event-source mappings", receivesPerDay, "requests", perMillion(prices.sqs.perMillionRequests.standard)),
  ];
  return { computeUsd: 0, standing, totalUsd: standing.reduce((sum, l) => sum + l.usd, 0) };
}
