import { afterAll, beforeAll, describe, test } from "vitest";
import assert from "node:assert/strict";
import { ReceiveMessageCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { ManualClock } from "@pricing/local/clock";
import { LocalEndpoint } from "@pricing/local/server";
import { SqsService } from "@pricing/local/sqs/service";
import { LocalSqs } from "@pricing/local/sqs/sqs";
import { createClients, destroyClients, type ConsoleClients } from "@pricing/console/server/clients";
import { peekMessages, queueViews, redrive } from "@pricing/console/server/queues";
import { stageQueues as discoverQueues } from "@pricing/console/server/resources";

/** The Queues view through the SQS API, on local queues with the stacks' settings and names. */
describe("queues, dead letters and redrive", () => {
  const clock = new ManualClock();
  const endpoint = new LocalEndpoint({ port: 0 });
  let sqs: LocalSqs;
  let clients: ConsoleClients;
  const prefix = "test-pricing-engine-";
  const names = { work: `${prefix}Events-MatchEventsQueue6C26CFDF`, dlq: `${prefix}Events-MatchEventsQueueDlq79951ED1`, delivery: `${prefix}Events-FeedDeliveryDlqE392E180` };

  beforeAll(async () => {
    const url = await endpoint.listen();
    sqs = new LocalSqs({ clock, endpointUrl: url });
    endpoint.mount(new SqsService(sqs));
    const dlq = sqs.createQueue({ QueueName: names.dlq });
    sqs.createQueue({ QueueName: names.work, VisibilityTimeout: 30, RedrivePolicy: { deadLetterTargetArn: dlq.arn, maxReceiveCount: 2 } });
    sqs.createQueue({ QueueName: names.delivery });
    clients = createClients({ endpoint: url, region: "us-east-1", credentials: { accessKeyId: "t", secretAccessKey: "t" } });
  });

  afterAll(async () => {
    destroyClients(clients);
    sqs.close();
    await endpoint.close();
  });

  test("a message received too often is in the DLQ with why, and a look at it leaves it there", async () => {
    const queues = await discoverQueues(clients, prefix);
    const work = queues.find((q) => q.label === "MatchEventsQueue")!;
    await clients.sqs.send(new SendMessageCommand({ QueueUrl: work.url, MessageBody: '{"detail-type":"Goal Scored"}' }));
    for (let i = 0; i < 3; i++) {
      await clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: work.url, VisibilityTimeout: 1 }));
      await clock.advance(1_500);
    }
    const views = await queueViews(clients, queues);
    const dlq = views.find((q) => q.label === "MatchEventsQueueDlq")!;
    assert.equal(dlq.isDeadLetterQueue, true);
    assert.deepEqual(dlq.sources, ["MatchEventsQueue"]);
    assert.equal(dlq.visible, 1);
    assert.equal(dlq.messages!.length, 1);
    assert.equal(dlq.messages![0].reason, "received 2 times from MatchEventsQueue without being processed (maxReceiveCount 2)");
    assert.equal(dlq.messages![0].body, '{"detail-type":"Goal Scored"}');
    assert.equal(views.find((q) => q.label === "MatchEventsQueue")!.deadLetterQueue, "MatchEventsQueueDlq");
    const again = await queueViews(clients, queues);
    assert.equal(again.find((q) => q.label === "MatchEventsQueueDlq")!.visible, 1, "peeking leaves the message visible");
    assert.equal(again.find((q) => q.label === "MatchEventsQueueDlq")!.inFlight, 0);
  });

  test("redrive sends the DLQ's messages back to the queue it serves", async () => {
    const queues = await discoverQueues(clients, prefix);
    const result = await redrive(clients, queues, "MatchEventsQueueDlq");
    assert.equal(result.method, "StartMessageMoveTask");
    const views = await queueViews(clients, queues);
    assert.equal(views.find((q) => q.label === "MatchEventsQueueDlq")!.visible, 0);
    assert.equal(views.find((q) => q.label === "MatchEventsQueue")!.visible, 1);
  });

  test("a failed EventBridge delivery says so, and is resent to the target queue it names", async () => {
    const queues = await discoverQueues(clients, prefix);
    const work = queues.find((q) => q.label === "MatchEventsQueue")!;
    const delivery = queues.find((q) => q.label === "FeedDeliveryDlq")!;
    const text = (value: string) => ({ DataType: "String", StringValue: value });
    await clients.sqs.send(new SendMessageCommand({
      QueueUrl: delivery.url, MessageBody: '{"id":"e1"}',
      MessageAttributes: { ERROR_CODE: text("SQS.AccessDenied"), ERROR_MESSAGE: text("not allowed"), RULE_ARN: text("arn:aws:events:us-east-1:000000000000:rule/bus/FeedToQueue"), TARGET_ARN: text(work.arn) },
    }));
    const [view] = (await queueViews(clients, queues)).filter((q) => q.label === "FeedDeliveryDlq");
    assert.equal(view.isDeadLetterQueue, true);
    assert.equal(view.messages![0].reason, "EventBridge could not deliver it (rule FeedToQueue): SQS.AccessDenied – not allowed");
    assert.equal(view.messages![0].sourceQueue, "MatchEventsQueue");
    const before = (await peekMessages(clients, work)).length;
    const result = await redrive(clients, queues, "FeedDeliveryDlq");
    assert.deepEqual([result.method, result.moved], ["resend", 1]);
    assert.equal((await peekMessages(clients, work)).length, before + 1);
    assert.equal((await peekMessages(clients, delivery)).length, 0);
  });

  test("only a dead-letter queue can be redriven", async () => {
    const queues = await discoverQueues(clients, prefix);
    await assert.rejects(redrive(clients, queues, "MatchEventsQueue"), { code: "console.not_a_dlq" });
  });
});
