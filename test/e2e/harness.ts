import { EventBridgeClient, PutEventsCommand, PutRuleCommand, PutTargetsCommand } from "@aws-sdk/client-eventbridge";
import { DescribeExecutionCommand, GetExecutionHistoryCommand, SFNClient, type HistoryEvent } from "@aws-sdk/client-sfn";
import { CreateQueueCommand, DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { ManualClock, startLocalCloud, type LocalCloud } from "@pricing/local";
import { ENGINE_SOURCE, feedEntry, type FeedEvent } from "@pricing/core/match/events";

/** A local cloud on a manual clock, with SDK clients pointed at its endpoint. */
export interface E2e {
  cloud: LocalCloud;
  clock: ManualClock;
  events: EventBridgeClient;
  sfn: SFNClient;
  sqs: SQSClient;
  /** Every engine event so far, in arrival order, from a queue the test subscribed to the bus. */
  engineEvents(): Promise<Array<{ type: string; detail: Record<string, any> }>>;
  stop(): Promise<void>;
}

const CAPTURE = "e2e-engine-events";

/**
 * Starts the app's local cloud (in memory, a free port) and subscribes a queue of the
 * test's own to the engine's events, through the EventBridge and SQS APIs, as one
 * would observe a deployed bus.
 */
export async function startE2e(options: { backend?: "auto" | "dynalite" } = {}): Promise<E2e> {
  const clock = new ManualClock(Date.parse("2024-08-17T13:00:00Z"));
  const cloud = await startLocalCloud({ port: 0, clock, logLevel: "silent", backend: options.backend });
  const config = { endpoint: cloud.endpoint, region: cloud.region, credentials: { accessKeyId: "e2e", secretAccessKey: "e2e" } };
  const events = new EventBridgeClient(config);
  const sfn = new SFNClient(config);
  const sqs = new SQSClient(config);
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: CAPTURE }));
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }));
  await events.send(new PutRuleCommand({ Name: "e2e-capture", EventBusName: cloud.busName, EventPattern: JSON.stringify({ source: [ENGINE_SOURCE] }) }));
  await events.send(new PutTargetsCommand({ Rule: "e2e-capture", EventBusName: cloud.busName, Targets: [{ Id: "capture", Arn: Attributes!.QueueArn! }] }));
  const seen: Array<{ type: string; detail: Record<string, any> }> = [];
  return {
    cloud, clock, events, sfn, sqs,
    engineEvents: async () => {
      for (;;) {
        const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
        if (Messages.length === 0) return seen;
        for (const m of Messages) {
          const event = JSON.parse(m.Body!);
          seen.push({ type: event["detail-type"], detail: event.detail });
        }
        await sqs.send(new DeleteMessageBatchCommand({ QueueUrl, Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }));
      }
    },
    stop: async () => {
      for (const client of [events, sfn, sqs]) client.destroy();
      await cloud.stop();
    },
  };
}

/** Posts feed events in PutEvents calls of at most 10 entries; every entry must be accepted. */
export async function postFeed(e2e: E2e, feed: FeedEvent[]): Promise<void> {
  for (let i = 0; i < feed.length; i += 10) {
    const out = await e2e.events.send(new PutEventsCommand({ Entries: feed.slice(i, i + 10).map((e) => feedEntry(e, e2e.cloud.busName)) }));
    if (out.FailedEntryCount !== 0) throw new Error(`PutEvents refused entries: ${JSON.stringify(out.Entries)}`);
  }
}

/** Lets time pass a second at a time, letting all work finish in between, until `done` holds. */
export async function runUntil(e2e: E2e, done: () => Promise<boolean>, what: string, maxSeconds = 120): Promise<void> {
  for (let second = 0; second < maxSeconds; second++) {
    await e2e.cloud.idle({ timeoutMs: 20_000 });
    if (await done()) return;
    await e2e.clock.advance(1000);
  }
  throw new Error(`${what} did not happen within ${maxSeconds} simulated seconds`);
}

export const lifecycleArn = (e2e: E2e, matchId: string) => `${e2e.cloud.stateMachines.lifecycle.replace(":stateMachine:", ":execution:")}:${matchId}`;

export async function lifecycleStatus(e2e: E2e, matchId: string): Promise<string | undefined> {
  try {
    return (await e2e.sfn.send(new DescribeExecutionCommand({ executionArn: lifecycleArn(e2e, matchId) }))).status;
  } catch (error) {
    if ((error as Error).name === "ExecutionDoesNotExist") return undefined;
    throw error;
  }
}

/** The execution's whole history, page by page. */
export async function history(e2e: E2e, executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await e2e.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 100, nextToken }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

/** Names of the states entered, in order. */
export const statesEntered = (events: HistoryEvent[]) => events.flatMap((e) => (e.stateEnteredEventDetails?.name ? [e.stateEnteredEventDetails.name] : []));
