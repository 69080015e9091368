import { ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { ListStateMachinesCommand, type StateMachineListItem } from "@aws-sdk/client-sfn";
import { GetQueueAttributesCommand, ListQueuesCommand } from "@aws-sdk/client-sqs";
import { InputError } from "@pricing/core/errors";
import type { ConsoleClients } from "./clients";

/** The SST app's name (sst.config.ts): every physical name of a stage starts with `<stage>-<app>-`. */
export const APP_NAME = "pricing-engine";

/** A queue of the stage, with its redrive settings. */
export interface QueueResource {
  name: string;
  /** The construct id without the stage prefix and CDK hash: "MatchEventsQueueDlq". */
  label: string;
  url: string;
  arn: string;
  deadLetterTargetArn: string | null;
  maxReceiveCount: number | null;
}

/** Where a stage's data lives: the names follow the stacks' conventions (stacks/names.ts). */
export interface ConsoleResources {
  stage: string;
  tableName: string;
  lifecycleArn: string | null;
  priceMatchArn: string | null;
  queues: QueueResource[];
  /** The stage's bus (`<stage>-match-events`, stacks/names.ts), where trader actions go. */
  busName?: string;
}

export interface DiscoverOptions {
  /** The stage; found from the state machine names when there is only one. */
  stage?: string;
  /** The table, when it does not follow the naming convention. */
  tableName?: string;
}

const MACHINE = new RegExp(`^(.+)-${APP_NAME}-(Lifecycle|PriceMatch)$`);

/**
 * Finds a stage's table, state machines and queues by name, the way the stacks name
 * them: machines `<stage>-pricing-engine-Lifecycle` / `-PriceMatch` (fixed names), the
 * table and queues named by CloudFormation `<stack>-<logicalId>[-suffix]` with stacks
 * `<stage>-pricing-engine-<Stack>`.
 *
 * @throws InputError "console.no_stage" when no stage (or more than one, without --stage) is found,
 *   "console.no_table" when the stage has no table
 */
export async function discoverResources(clients: ConsoleClients, options: DiscoverOptions = {}): Promise<ConsoleResources> {
  const machines = await listStateMachines(clients);
  const stages = [...new Set(machines.flatMap((m) => MACHINE.exec(m.name ?? "")?.[1] ?? []))];
  const stage = options.stage ?? (stages.length === 1 ? stages[0] : undefined);
  if (!stage) {
    const found = stages.length ? `found stages ${stages.join(", ")}; pass --stage NAME` : "no pricing-engine state machines found";
    throw new InputError("console.no_stage", `cannot tell which stage to show: ${found}`, { stages });
  }
  const prefix = `${stage}-${APP_NAME}-`;
  const arnOf = (machine: string) => machines.find((m) => m.name === `${prefix}${machine}`)?.stateMachineArn ?? null;
  const tableName = options.tableName ?? (await findTable(clients, `${prefix}Storage-Table`));
  if (!tableName) {
    throw new InputError("console.no_table", `no DynamoDB table named ${prefix}Storage-Table…; pass --table NAME`, { stage });
  }
  return { stage, tableName, lifecycleArn: arnOf("Lifecycle"), priceMatchArn: arnOf("PriceMatch"), queues: await stageQueues(clients, prefix), busName: `${stage}-match-events` };
}

async function listStateMachines(clients: ConsoleClients): Promise<StateMachineListItem[]> {
  const out: StateMachineListItem[] = [];
  let nextToken: string | undefined;
  do {
    const page = await clients.sfn.send(new ListStateMachinesCommand({ nextToken, maxResults: 1000 }));
    out.push(...(page.stateMachines ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return out;
}

async function findTable(clients: ConsoleClients, prefix: string): Promise<string | null> {
  let start: string | undefined;
  do {
    const page = await clients.dynamodb.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
    const hit = page.TableNames?.find((name) => name.startsWith(prefix));
    if (hit) return hit;
    start = page.LastEvaluatedTableName;
  } while (start);
  return null;
}

/** The queues whose names start with `prefix`, with their ARNs and redrive settings. */
export async function stageQueues(clients: ConsoleClients, prefix: string): Promise<QueueResource[]> {
  const urls: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await clients.sqs.send(new ListQueuesCommand({ QueueNamePrefix: prefix, NextToken: nextToken, MaxResults: 1000 }));
    urls.push(...(page.QueueUrls ?? []));
    nextToken = page.NextToken;
  } while (nextToken);
  const queues = await Promise.all(
    urls.map(async (url) => {
      const { Attributes: a = {} } = await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["QueueArn", "RedrivePolicy"] }));
      const redrive = a.RedrivePolicy ? (JSON.parse(a.RedrivePolicy) as { deadLetterTargetArn?: string; maxReceiveCount?: number | string }) : null;
      const name = url.slice(url.lastIndexOf("/") + 1);
      return {
        name, label: queueLabel(name, prefix), url, arn: a.QueueArn ?? "",
        deadLetterTargetArn: redrive?.deadLetterTargetArn ?? null,
        maxReceiveCount: redrive?.maxReceiveCount !== undefined ? Number(redrive.maxReceiveCount) : null,
      };
    }),
  );
  return queues.sort((a, b) => a.label.localeCompare(b.label));
}

/**
 * The construct id of a generated queue name: `<stage>-pricing-engine-Events-MatchEventsQueueDlq79951ED1[-RANDOM]`
 * gives "MatchEventsQueueDlq" (the stack, CDK's 8-hex hash and CloudFormation's suffix dropped).
 */
export function queueLabel(name: string, prefix: string): string {
  const rest = name.startsWith(prefix) ? name.slice(prefix.length) : name;
  const logical = rest.includes("-") ? rest.slice(rest.indexOf("-") + 1) : rest;
  const match = /^(.*?)[0-9A-F]{8}(?:-[A-Za-z0-9]+)?(\.fifo)?$/.exec(logical);
  return match ? `${match[1]}${match[2] ?? ""}` : logical;
}
