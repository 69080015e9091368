import { afterAll, beforeAll, describe, test } from "vitest";
import assert from "node:assert/strict";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from "@aws-sdk/client-sqs";
import { ManualClock } from "@pricing/local/clock";
import { LocalEventBridge } from "@pricing/local/eventbridge/bus";
import { EventBridgeService } from "@pricing/local/eventbridge/service";
import { routeTargets } from "@pricing/local/eventbridge/targets";
import { LocalEndpoint } from "@pricing/local/server";
import { SqsService } from "@pricing/local/sqs/service";
import { LocalSqs } from "@pricing/local/sqs/sqs";

const clock = new ManualClock(Date.parse("2024-08-16T19:00:00Z"));
const endpoint = new LocalEndpoint({ port: 0 });
let sqs: LocalSqs;
let bridge: LocalEventBridge;
let sqsClient: SQSClient;
let eventsClient: EventBridgeClient;

beforeAll(async () => {
  const url = await endpoint.listen();
  sqs = new LocalSqs({ clock, endpointUrl: url });
  bridge = new LocalEventBridge({ clock, deliver: routeTargets({ sqs }) });
  endpoint.mount(new SqsService(sqs)).mount(new EventBridgeService(bridge));
  endpoint.route("/plain", (_request, response) => void response.writeHead(200).end("ok"));
  const config = { endpoint: url, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } };
  sqsClient = new SQSClient(config);
  eventsClient = new EventBridgeClient(config);
});

afterAll(async () => {
  sqs.close();
  sqsClient.destroy();
  eventsClient.destroy();
  await endpoint.close();
});

describe("local endpoint with the AWS SDK v3 clients", () => {
  test("PutEvents reaches an SQS queue through a rule", async () => {
    bridge.addEventBus({ Name: "match-events" });
    const queue = sqs.createQueue({ QueueName: "feed" });
    bridge.addRule({
      Name: "feed-to-queue",
      EventBusName: "match-events",
      EventPattern: { source: ["pricing.feed"], "detail-type": [{ prefix: "Goal" }] },
      Targets: [{ Id: "queue", Arn: queue.arn }],
    });
    const put = await eventsClient.send(
      new PutEventsCommand({
        Entries: [
          { EventBusName: "match-events", Source: "pricing.feed", DetailType: "Goal Scored", Detail: JSON.stringify({ matchId: "m1", minute: 23 }), Time: new Date("2021-08-13T19:23:00Z") },
          { EventBusName: "match-events", Source: "pricing.feed", DetailType: "Card Shown", Detail: "{}" },
        ],
      }),
    );
    assert.equal(put.FailedEntryCount, 0);
    await bridge.idle();
    const received = await sqsClient.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10 }));
    assert.equal(received.Messages?.length, 1);
    const event = JSON.parse(received.Messages![0].Body!);
    assert.equal(event.id, put.Entries![0].EventId);
    assert.equal(event.time, "2021-08-13T19:23:00Z");
    assert.deepEqual(event.detail, { matchId: "m1", minute: 23 });
  });

  test("PutEvents with 11 entries fails with ValidationException", async () => {
    const entries = Array.from({ length: 11 }, () => ({ Source: "s", DetailType: "d", Detail: "{}" }));
    await assert.rejects(eventsClient.send(new PutEventsCommand({ Entries: entries })), (error: Error) => error.name === "ValidationException");
  });

  test("SendMessage / ReceiveMessage / DeleteMessage round trip with attributes", async () => {
    const queue = sqs.createQueue({ QueueName: "roundtrip" });
    const { QueueUrl } = await sqsClient.send(new GetQueueUrlCommand({ QueueName: "roundtrip" }));
    assert.equal(QueueUrl, queue.url);
    const sent = await sqsClient.send(
      new SendMessageCommand({ QueueUrl, MessageBody: "héllo ⚽", MessageAttributes: { matchId: { DataType: "String", StringValue: "m1" } } }),
    );
    const received = await sqsClient.send(
      new ReceiveMessageCommand({ QueueUrl, MessageAttributeNames: ["All"], MessageSystemAttributeNames: ["All"] }),
    );
    const [message] = received.Messages!;
    assert.equal(message.MessageId, sent.MessageId);
    assert.equal(message.Body, "héllo ⚽");
    assert.equal(message.MessageAttributes?.matchId.StringValue, "m1");
    assert.equal(message.MD5OfMessageAttributes, sent.MD5OfMessageAttributes);
    assert.equal(message.Attributes?.ApproximateReceiveCount, "1");
    assert.equal(message.Attributes?.SentTimestamp, String(clock.now()));
    await sqsClient.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: message.ReceiptHandle }));
    const attributes = await sqsClient.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["All"] }));
    assert.equal(attributes.Attributes?.ApproximateNumberOfMessages, "0");
    assert.equal(attributes.Attributes?.ApproximateNumberOfMessagesNotVisible, "0");
  });

  test("a message not deleted is delivered again after its visibility timeout", async () => {
    const queue = sqs.createQueue({ QueueName: "visibility" });
    await sqsClient.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "tick" }));
    const first = await sqsClient.send(new ReceiveMessageCommand({ QueueUrl: queue.url, VisibilityTimeout: 5 }));
    assert.equal(first.Messages?.length, 1);
    assert.equal((await sqsClient.send(new ReceiveMessageCommand({ QueueUrl: queue.url }))).Messages, undefined);
    await clock.advance(5_000);
    const again = await sqsClient.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MessageSystemAttributeNames: ["ApproximateReceiveCount"] }));
    assert.equal(again.Messages?.[0].MessageId, first.Messages![0].MessageId);
    assert.equal(again.Messages?.[0].Attributes?.ApproximateReceiveCount, "2");
  });

  test("redrive to the DLQ after maxReceiveCount, and back with StartMessageMoveTask", async () => {
    const dlq = sqs.createQueue({ QueueName: "poison-dlq" });
    const queue = sqs.createQueue({ QueueName: "poison", RedrivePolicy: { deadLetterTargetArn: dlq.arn, maxReceiveCount: 2 } });
    await sqsClient.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "bad event" }));
    for (let i = 0; i < 2; i++) {
      const received = await sqsClient.send(new ReceiveMessageCommand({ QueueUrl: queue.url, VisibilityTimeout: 0 }));
      assert.equal(received.Messages?.length, 1);
    }
    assert.equal((await sqsClient.send(new ReceiveMessageCommand({ QueueUrl: queue.url }))).Messages, undefined);
    const dead = await sqsClient.send(new ReceiveMessageCommand({ QueueUrl: dlq.url, VisibilityTimeout: 0, MessageSystemAttributeNames: ["All"] }));
    assert.equal(dead.Messages?.[0].Body, "bad event");
    assert.equal(dead.Messages?.[0].Attributes?.DeadLetterQueueSourceArn, queue.arn);
    const task = await sqsClient.send(new StartMessageMoveTaskCommand({ SourceArn: dlq.arn }));
    assert.ok(task.TaskHandle);
    const back = await sqsClient.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MessageSystemAttributeNames: ["ApproximateReceiveCount"] }));
    assert.equal(back.Messages?.[0].Body, "bad event");
    assert.equal(back.Messages?.[0].Attributes?.ApproximateReceiveCount, "1");
  });

  test("FIFO: group order, group locking and the deduplication window", async () => {
    const queue = sqs.createQueue({ QueueName: "events.fifo", FifoQueue: true });
    const batch = await sqsClient.send(
      new SendMessageBatchCommand({
        QueueUrl: queue.url,
        Entries: ["1", "2", "3"].map((seq) => ({ Id: `e${seq}`, MessageBody: `seq ${seq}`, MessageGroupId: "m1", MessageDeduplicationId: `m1-${seq}` })),
      }),
    );
    assert.equal(batch.Successful?.length, 3);
    const duplicate = await sqsClient.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "seq 1", MessageGroupId: "m1", MessageDeduplicationId: "m1-1" }));
    assert.equal(duplicate.MessageId, batch.Successful![0].MessageId);
    const first = await sqsClient.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 1 }));
    assert.equal(first.Messages?.[0].Body, "seq 1");
    assert.equal((await sqsClient.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10 }))).Messages, undefined);
    await sqsClient.send(new DeleteMessageCommand({ QueueUrl: queue.url, ReceiptHandle: first.Messages![0].ReceiptHandle }));
    const rest = await sqsClient.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10 }));
    assert.deepEqual(rest.Messages?.map((m) => m.Body), ["seq 2", "seq 3"]);
    await assert.rejects(
      sqsClient.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "x", MessageDeduplicationId: "d" })),
      (error: Error) => error.name === "MissingParameter",
    );
  });

  test("ReceiveMessage long-polls until a message arrives", async () => {
    const queue = sqs.createQueue({ QueueName: "longpoll" });
    const polling = sqsClient.send(new ReceiveMessageCommand({ QueueUrl: queue.url, WaitTimeSeconds: 20 }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await sqsClient.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "kickoff" }));
    assert.equal((await polling).Messages?.[0].Body, "kickoff");
  });

  test("AWS JSON errors reach the SDK as its modeled exceptions", async () => {
    await assert.rejects(sqsClient.send(new GetQueueUrlCommand({ QueueName: "missing" })), (error: Error) => error.name === "QueueDoesNotExist");
    const response = await fetch(endpoint.url, {
      method: "POST",
      headers: { "x-amz-target": "AWSNothing.Do", "content-type": "application/x-amz-json-1.1" },
      body: "{}",
    });
    assert.equal(response.status, 400);
    assert.equal(response.headers.get("x-amzn-errortype"), "UnknownOperationException");
    assert.equal(((await response.json()) as { __type: string }).__type, "UnknownOperationException");
  });

  test("plain HTTP routes are served beside the AWS protocols", async () => {
    const plain = await fetch(`${endpoint.url}/plain`);
    assert.equal(await plain.text(), "ok");
    assert.equal((await fetch(`${endpoint.url}/nowhere`)).status, 404);
  });
});
