import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { ManualClock } from "@pricing/local/clock";
import { LocalEventBridge, type TargetDelivery } from "@pricing/local/eventbridge/bus";
import { EventBridgeService } from "@pricing/local/eventbridge/service";
import { AwsServiceError } from "@pricing/local/protocol";

const QUEUE_ARN = "arn:aws:sqs:us-east-1:000000000000:match-events";
const DLQ_ARN = "arn:aws:sqs:us-east-1:000000000000:match-events-dlq";
const START = Date.parse("2024-08-16T19:00:00Z");

function bridgeWith(deliver: (delivery: TargetDelivery) => Promise<void>) {
  const clock = new ManualClock(START);
  const failures: TargetDelivery[] = [];
  const bridge = new LocalEventBridge({ clock, deliver, onDeliveryFailure: (delivery) => failures.push(delivery) });
  bridge.addEventBus({ Name: "match-events" });
  return { clock, bridge, failures };
}

const goal = (matchId: string, minute: number) => ({
  Source: "pricing.feed",
  DetailType: "Goal Scored",
  Detail: JSON.stringify({ matchId, minute, team: "home" }),
  EventBusName: "match-events",
});

describe("PutEvents", () => {
  test("builds the aws.events envelope and delivers matched events to each target", async () => {
    const delivered: TargetDelivery[] = [];
    const { bridge } = bridgeWith(async (delivery) => void delivered.push(delivery));
    bridge.addRule({
      Name: "goals",
      EventBusName: "match-events",
      EventPattern: { source: ["pricing.feed"], "detail-type": ["Goal Scored"], detail: { minute: [{ numeric: [">=", 0, "<=", 130] }] } },
      Targets: [
        { Id: "queue", Arn: QUEUE_ARN },
        { Id: "summary", Arn: "arn:aws:states:us-east-1:000000000000:stateMachine:PriceMatch", InputTransformer: { InputPathsMap: { m: "$.detail.matchId" }, InputTemplate: '{"matchId": <m>}' } },
      ],
    });
    const result = bridge.putEvents([goal("m1", 23), { ...goal("m2", 200) }]);
    assert.equal(result.FailedEntryCount, 0);
    assert.equal(result.Entries.length, 2);
    await bridge.idle();
    assert.deepEqual(delivered.map((d) => [d.targetId, d.payload.length > 0]), [["queue", true], ["summary", true]]);
    const event = JSON.parse(delivered[0].payload);
    assert.deepEqual(Object.keys(event).sort(), ["account", "detail", "detail-type", "id", "region", "resources", "source", "time", "version"]);
    assert.equal(event.version, "0");
    assert.equal(event["detail-type"], "Goal Scored");
    assert.equal(event.time, "2024-08-16T19:00:00Z");
    assert.equal(event.account, "000000000000");
    assert.deepEqual(event.detail, { matchId: "m1", minute: 23, team: "home" });
    assert.equal(event.id, (result.Entries[0] as { EventId: string }).EventId);
    assert.equal(delivered[1].payload, '{"matchId":"m1"}');
    assert.equal(delivered[1].ruleArn, "arn:aws:events:us-east-1:000000000000:rule/match-events/goals");
    assert.equal(bridge.stats.eventsPut, 2);
    assert.equal(bridge.stats.matchedRules, 1);
  });

  test("entries are validated one by one, as AWS reports them", () => {
    const { bridge } = bridgeWith(async () => {});
    const result = bridge.putEvents([
      goal("m1", 1),
      { ...goal("m1", 1), Detail: "[1,2]" },
      { ...goal("m1", 1), Detail: "{oops" },
      { ...goal("m1", 1), Source: undefined },
      { ...goal("m1", 1), EventBusName: "nope" },
    ]);
    assert.equal(result.FailedEntryCount, 4);
    assert.ok("EventId" in result.Entries[0]);
    const codes = result.Entries.slice(1).map((entry) => ("ErrorCode" in entry ? entry.ErrorCode : "ok"));
    assert.deepEqual(codes, ["InvalidArgument", "InvalidArgument", "InvalidArgument", "ResourceNotFoundException"]);
  });

  test("entries over 256 KB in all fail the whole request", () => {
    const { bridge } = bridgeWith(async () => {});
    const big = { ...goal("m1", 1), Detail: JSON.stringify({ padding: "x".repeat(256 * 1024) }) };
    assert.throws(() => bridge.putEvents([big]), (error: unknown) => error instanceof AwsServiceError && error.type === "ValidationException");
    const justUnder = { ...goal("m1", 1), Detail: JSON.stringify({ p: "x".repeat(256 * 1024 - 100) }) };
    assert.equal(bridge.putEvents([justUnder]).FailedEntryCount, 0);
  });

  test("more than 10 entries fails the whole request", () => {
    const { bridge } = bridgeWith(async () => {});
    const entries = Array.from({ length: 11 }, (_, i) => goal("m1", i));
    assert.throws(() => bridge.putEvents(entries), (error: unknown) => error instanceof AwsServiceError && error.type === "ValidationException");
    assert.throws(() => bridge.putEvents([]), AwsServiceError);
  });

  test("a Time given in epoch seconds becomes the event time", async () => {
    const delivered: TargetDelivery[] = [];
    const { bridge } = bridgeWith(async (delivery) => void delivered.push(delivery));
    bridge.addRule({ Name: "all", EventBusName: "match-events", EventPattern: { source: ["pricing.feed"] }, Targets: [{ Id: "q", Arn: QUEUE_ARN }] });
    bridge.putEvents([{ ...goal("m1", 1), Time: Date.parse("2021-08-13T19:00:00Z") / 1000 }]);
    await bridge.idle();
    assert.equal(JSON.parse(delivered[0].payload).time, "2021-08-13T19:00:00Z");
  });

  test("disabled rules and rules of other buses do not match", async () => {
    const delivered: TargetDelivery[] = [];
    const { bridge } = bridgeWith(async (delivery) => void delivered.push(delivery));
    bridge.addRule({ Name: "off", EventBusName: "match-events", State: "DISABLED", EventPattern: { source: ["pricing.feed"] }, Targets: [{ Id: "q", Arn: QUEUE_ARN }] });
    bridge.addRule({ Name: "default-bus", EventPattern: { source: ["pricing.feed"] }, Targets: [{ Id: "q", Arn: QUEUE_ARN }] });
    bridge.putEvents([goal("m1", 1)]);
    await bridge.idle();
    assert.equal(delivered.length, 0);
  });
});

describe("delivery retries and dead letters", () => {
  test("failed deliveries are retried with backoff on the clock, then dead-lettered with AWS's attributes", async () => {
    const attempts: number[] = [];
    const dlq: TargetDelivery[] = [];
    const { clock, bridge } = bridgeWith(async (delivery) => {
      if (delivery.targetArn === DLQ_ARN) return void dlq.push(delivery);
      attempts.push(clock.now() - START);
      throw new AwsServiceError("ResourceNotFoundException", "no such state machine");
    });
    bridge.addRule({
      Name: "goals",
      EventBusName: "match-events",
      EventPattern: { source: ["pricing.feed"] },
      Targets: [{ Id: "sfn", Arn: "arn:aws:states:us-east-1:000000000000:stateMachine:Gone", RetryPolicy: { MaximumRetryAttempts: 3 }, DeadLetterConfig: { Arn: DLQ_ARN } }],
    });
    bridge.putEvents([goal("m1", 5)]);
    await clock.advance(60_000);
    await bridge.idle();
    assert.deepEqual(attempts, [0, 1_000, 3_000, 7_000]);
    assert.equal(dlq.length, 1);
    assert.equal(JSON.parse(dlq[0].payload).detail.matchId, "m1");
    assert.equal(dlq[0].messageAttributes?.ERROR_CODE.StringValue, "ResourceNotFoundException");
    assert.equal(dlq[0].messageAttributes?.RULE_ARN.StringValue, "arn:aws:events:us-east-1:000000000000:rule/match-events/goals");
    assert.equal(dlq[0].messageAttributes?.TARGET_ARN.StringValue, "arn:aws:states:us-east-1:000000000000:stateMachine:Gone");
    assert.equal(bridge.stats.deadLettered, 1);
  });

  test("MaximumEventAgeInSeconds stops retries; with no DLQ the event is dropped and reported", async () => {
    let attempts = 0;
    const { clock, bridge, failures } = bridgeWith(async () => {
      attempts++;
      throw new Error("down");
    });
    bridge.addRule({
      Name: "goals",
      EventBusName: "match-events",
      EventPattern: { source: ["pricing.feed"] },
      Targets: [{ Id: "q", Arn: QUEUE_ARN, RetryPolicy: { MaximumRetryAttempts: 100, MaximumEventAgeInSeconds: 60 } }],
    });
    bridge.putEvents([goal("m1", 5)]);
    await clock.advance(600_000);
    await bridge.idle();
    // Attempts at 0, 1, 3, 7, 15, 31 s; the next (63 s) would pass the 60 s age.
    assert.equal(attempts, 6);
    assert.equal(failures.length, 1);
    assert.equal(bridge.stats.dropped, 1);
  });

  test("an invalid pattern fails when the rule is added", () => {
    const { bridge } = bridgeWith(async () => {});
    assert.throws(() => bridge.addRule({ Name: "bad", EventBusName: "match-events", EventPattern: { source: [{ numeric: ["~", 1] }] } }), AwsServiceError);
  });
});

describe("EventBridgeService", () => {
  test("ListRules, DescribeEventBus and TestEventPattern", async () => {
    const { bridge } = bridgeWith(async () => {});
    bridge.addRule({ Name: "goals", EventBusName: "match-events", EventPattern: { source: ["pricing.feed"] }, Targets: [{ Id: "q", Arn: QUEUE_ARN }] });
    const service = new EventBridgeService(bridge);
    const rules = (await service.handle("ListRules", { EventBusName: "match-events" })) as { Rules: Array<Record<string, string>> };
    assert.deepEqual(rules.Rules.map((rule) => [rule.Name, rule.State, rule.EventPattern]), [["goals", "ENABLED", '{"source":["pricing.feed"]}']]);
    assert.deepEqual(await service.handle("DescribeEventBus", { Name: "match-events" }), {
      Name: "match-events",
      Arn: "arn:aws:events:us-east-1:000000000000:event-bus/match-events",
    });
    const tested = await service.handle("TestEventPattern", { EventPattern: '{"detail":{"n":[{"numeric":[">",1]}]}}', Event: '{"detail":{"n":2}}' });
    assert.deepEqual(tested, { Result: true });
    await assert.rejects(service.handle("DescribeEventBus", { Name: "missing" }), (error: unknown) => error instanceof AwsServiceError && error.type === "ResourceNotFoundException");
  });
});
