import { Aws, Duration } from "aws-cdk-lib";
import { EventBus, Rule } from "aws-cdk-lib/aws-events";
import { SqsQueue } from "aws-cdk-lib/aws-events-targets";
import { AccountRootPrincipal, AnyPrincipal, ArnPrincipal, CompositePrincipal, Effect, PolicyStatement, Role, type IPrincipal } from "aws-cdk-lib/aws-iam";
import { SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import { use, type StackContext } from "sst/constructs";
import { FEED_SOURCE } from "@pricing/core/match/events";
import { TRADER_SOURCE } from "@pricing/core/match/trader";
import { FEED_VISIBILITY_TIMEOUT_SECONDS, GAP_BOUND_SECONDS, INGEST_TIMEOUT_SECONDS } from "@pricing/core/policy";
import { handler } from "./functions";
import { grantPutEngineEvents, grantStart, grantTable, grantTaskCallbacks } from "./grants";
import { busName, stateMachineArn } from "./names";
import { deadLetterQueue, MAX_EVENT_BYTES, workQueue } from "./queues";
import { Storage } from "./Storage";
import { acceptTargetDlqFindings } from "./nag";

/** Ingest consumers never run more than this many at once: the burst buffer absorbs the rest. */
export const INGEST_MAX_CONCURRENCY = 5;

/**
 * The bus a feed posts to, its archive, the burst-buffer queue the feed rule fills,
 * and the ingest function that drains it. Only its own account can put events on the
 * bus, and of that account only the FeedProducer role can put feed events (see
 * {@link feedProducer}); the rule also matches only that account's events.
 */
export function Events({ stack, app }: StackContext) {
  const { table } = use(Storage);
  const bus = new EventBus(stack, "Bus", { eventBusName: busName(app) });
  const producer = feedProducer(stack, bus);
  const trader = traderRole(stack, bus, traderPrincipals());
  bus.archive("FeedArchive", {
    archiveName: `${app.stage}-match-feed`,
    description: "Every feed event, for replay",
    eventPattern: { source: [FEED_SOURCE] },
    retention: Duration.days(90),
  });

  // A failed record comes back after the visibility timeout, well inside the gap bound (see policy.ts).
  const { queue, dlq } = workQueue(stack, "MatchEventsQueue", { visibilityTimeout: Duration.seconds(FEED_VISIBILITY_TIMEOUT_SECONDS) });
  const deliveryDlq = deadLetterQueue(stack, "FeedDeliveryDlq", MAX_EVENT_BYTES);
  acceptTargetDlqFindings(deliveryDlq);
  new Rule(stack, "FeedToQueue", {
    eventBus: bus,
    description: "All feed events into the ingest buffer",
    eventPattern: { source: [FEED_SOURCE], account: [Aws.ACCOUNT_ID] },
    targets: [new SqsQueue(queue, { deadLetterQueue: deliveryDlq, retryAttempts: 20, maxEventAge: Duration.hours(6) })],
  });
  // Trader actions take the feed's path to the ingest function, which applies them on
  // arrival (match/trader.ts), so a match's state has one writer path.
  new Rule(stack, "TraderToQueue", {
    eventBus: bus,
    description: "Trader actions into the ingest buffer",
    eventPattern: { source: [TRADER_SOURCE], account: [Aws.ACCOUNT_ID] },
    targets: [new SqsQueue(queue, { deadLetterQueue: deliveryDlq, retryAttempts: 20, maxEventAge: Duration.hours(6) })],
  });
  bus.archive("TraderArchive", {
    archiveName: `${app.stage}-trader-actions`,
    description: "Every trader action, for the audit trail",
    eventPattern: { source: [TRADER_SOURCE] },
    retention: Duration.days(365),
  });

  const ingest = handler(stack, "Ingest", "events/ingest", {
    timeout: INGEST_TIMEOUT_SECONDS,
    environment: {
      TABLE_NAME: table.tableName,
      BUS_NAME: bus.eventBusName,
      LIFECYCLE_ARN: stateMachineArn(app, "Lifecycle"),
      PRICE_MATCH_ARN: stateMachineArn(app, "PriceMatch"),
      GAP_BOUND_SECONDS: String(GAP_BOUND_SECONDS),
      FEED_QUEUE_URL: queue.queueUrl,
    },
  });
  // No batching window: a goal is ingested as soon as a poller sees it (a window of 1 s
  // adds up to 1 s to event-to-price latency); under a burst, batches fill anyway.
  ingest.addEventSource(new SqsEventSource(queue, { batchSize: 10, reportBatchItemFailures: true, maxConcurrency: INGEST_MAX_CONCURRENCY }));
  grantTable(ingest, table, ["GetItem", "PutItem", "UpdateItem", "BatchWriteItem"]);
  grantStart(ingest, [stateMachineArn(app, "Lifecycle"), stateMachineArn(app, "PriceMatch")]);
  grantTaskCallbacks(ingest, stateMachineArn(app, "Lifecycle"));
  // Ingest sends itself a delayed gap check when it parks an event behind a gap.
  queue.grantSendMessages(ingest);
  grantPutEngineEvents(ingest, bus);

  stack.addOutputs({ BusName: bus.eventBusName, MatchEventsQueueUrl: queue.queueUrl, FeedProducerRoleArn: producer.roleArn, TraderRoleArn: trader.roleArn });
  return { bus, feedProducer: producer, traderRole: trader, ingest, queues: { matchEvents: queue }, deadLetterQueues: { matchEvents: dlq, feedDelivery: deliveryDlq } };
}

/**
 * The role a data provider's feed assumes to post: PutEvents on this bus with the feed's
 * source and no other. Any principal of the account that is allowed to assume it may
 * post feed events; the bus refuses feed events from everyone else (the engine's own
 * functions included), so an event's source can be trusted by the rule that reads it.
 */
function feedProducer(stack: StackContext["stack"], bus: EventBus): Role {
  const role = new Role(stack, "FeedProducer", {
    assumedBy: new AccountRootPrincipal(),
    description: `Puts ${FEED_SOURCE} events on the ${bus.eventBusName} bus`,
  });
  role.addToPolicy(new PolicyStatement({
    actions: ["events:PutEvents"],
    resources: [bus.eventBusArn],
    conditions: { StringEquals: { "events:source": FEED_SOURCE } },
  }));
  bus.addToResourcePolicy(new PolicyStatement({
    sid: "FeedEventsOnlyFromFeedProducer",
    effect: Effect.DENY,
    principals: [new AnyPrincipal()],
    actions: ["events:PutEvents"],
    resources: [bus.eventBusArn],
    conditions: { StringEquals: { "events:source": FEED_SOURCE }, ArnNotEquals: { "aws:PrincipalArn": role.roleArn } },
  }));
  return role;
}

/**
 * The stage parameter naming who may act as a trader: `PRICING_TRADER_PRINCIPALS`, IAM
 * role or user ARNs separated by commas, read when the app is synthesized
 * (`PRICING_TRADER_PRINCIPALS=arn:aws:iam::123456789012:role/desk npx sst deploy --stage prod`).
 * Unset or empty: nobody.
 *
 * @throws Error when an entry is not an IAM role or user ARN
 */
export function traderPrincipals(value = process.env.PRICING_TRADER_PRINCIPALS ?? ""): string[] {
  const arns = value.split(",").map((a) => a.trim()).filter((a) => a !== "");
  for (const arn of arns) {
    if (!/^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/[\w+=,.@/-]{1,512}$/.test(arn)) {
      throw new Error(`PRICING_TRADER_PRINCIPALS: ${JSON.stringify(arn.slice(0, 200))} is not an IAM role or user ARN (arn:aws:iam::ACCOUNT:role/NAME)`);
    }
  }
  return arns;
}

/**
 * The role a trader (a desk's users, or the console run with their credentials)
 * assumes to act: PutEvents on this bus with the trader source and no other. It trusts
 * only the principals the stage names (traderPrincipals); with none, its trust policy
 * denies everyone, so nobody can assume it until the stage grants it. The bus refuses
 * trader events from every other principal: the feed producer, the engine's functions
 * and the account's administrators cannot suspend a market.
 */
function traderRole(stack: StackContext["stack"], bus: EventBus, principals: string[]): Role {
  const trusted: IPrincipal = principals.length > 0 ? new CompositePrincipal(...principals.map((arn) => new ArnPrincipal(arn))) : new AccountRootPrincipal();
  const role = new Role(stack, "TraderRole", {
    assumedBy: trusted,
    description: `Puts ${TRADER_SOURCE} events (trader controls) on the ${bus.eventBusName} bus`,
    maxSessionDuration: Duration.hours(12),
  });
  if (principals.length === 0) {
    role.assumeRolePolicy!.addStatements(new PolicyStatement({
      sid: "NobodyUntilTheStageNamesTraders",
      effect: Effect.DENY,
      principals: [new AnyPrincipal()],
      actions: ["sts:AssumeRole"],
    }));
  }
  role.addToPolicy(new PolicyStatement({
    actions: ["events:PutEvents"],
    resources: [bus.eventBusArn],
    conditions: { StringEquals: { "events:source": TRADER_SOURCE } },
  }));
  bus.addToResourcePolicy(new PolicyStatement({
    sid: "TraderEventsOnlyFromTraderRole",
    effect: Effect.DENY,
    principals: [new AnyPrincipal()],
    actions: ["events:PutEvents"],
    resources: [bus.eventBusArn],
    conditions: { StringEquals: { "events:source": TRADER_SOURCE }, ArnNotEquals: { "aws:PrincipalArn": role.roleArn } },
  }));
  return role;
}
