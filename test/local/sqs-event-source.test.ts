import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import type { SQSEvent } from "aws-lambda";
import { ManualClock } from "@pricing/local/clock";
import { LocalSqs } from "@pricing/local/sqs/sqs";
import { SqsEventSource, type InvokeFunction } from "@pricing/local/sqs/event-source";

function setup(queueProps: Record<string, unknown> = {}) {
  const clock = new ManualClock(Date.parse("2024-08-16T19:00:00Z"));
  const sqs = new LocalSqs({ clock });
  const queue = sqs.createQueue({ QueueName: "match-events", VisibilityTimeout: 30, ...queueProps });
  return { clock, sqs, queue };
}

function mapping(sqs: LocalSqs, invoke: InvokeFunction, props: Record<string, unknown> = {}) {
  const source = new SqsEventSource({ EventSourceArn: sqs.arnOf("match-events"), FunctionName: "ingest", ...props }, sqs, invoke);
  source.start();
  return source;
}

describe("SQS event-source mapping", () => {
  test("builds Lambda SQS records like AWS and deletes a successful batch", async () => {
    const { sqs, queue } = setup();
    const events: SQSEvent[] = [];
    const source = mapping(sqs, async (_name, event) => void events.push(event));
    queue.send({ MessageBody: '{"type":"Goal Scored"}', MessageAttributes: { matchId: { DataType: "String", StringValue: "m1" } } });
    await source.idle();
    await source.stop();
    assert.equal(events.length, 1);
    const [record] = events[0].Records;
    assert.deepEqual(Object.keys(record).sort(), [
      "attributes", "awsRegion", "body", "eventSource", "eventSourceARN", "md5OfBody", "md5OfMessageAttributes", "messageAttributes", "messageId", "receiptHandle",
    ]);
    assert.equal(record.eventSource, "aws:sqs");
    assert.equal(record.eventSourceARN, "arn:aws:sqs:us-east-1:000000000000:match-events");
    assert.equal(record.awsRegion, "us-east-1");
    assert.equal(record.body, '{"type":"Goal Scored"}');
    assert.equal(record.md5OfBody, createHash("md5").update('{"type":"Goal Scored"}').digest("hex"));
    assert.deepEqual(Object.keys(record.attributes).sort(), ["ApproximateFirstReceiveTimestamp", "ApproximateReceiveCount", "SenderId", "SentTimestamp"]);
    assert.equal(record.attributes.ApproximateReceiveCount, "1");
    assert.equal(record.attributes.SentTimestamp, String(Date.parse("2024-08-16T19:00:00Z")));
    assert.deepEqual(record.messageAttributes.matchId, { stringValue: "m1", stringListValues: [], binaryListValues: [], dataType: "String" });
    assert.deepEqual(queue.counts(), { visible: 0, notVisible: 0, delayed: 0 });
  });

  test("BatchSize caps each batch and the batching window gathers records", async () => {
    const { clock, sqs, queue } = setup();
    const sizes: number[] = [];
    const source = mapping(sqs, async (_name, event) => void sizes.push(event.Records.length), { BatchSize: 25, MaximumBatchingWindowInSeconds: 5 });
    for (let i = 0; i < 7; i++) queue.send({ MessageBody: `m${i}` });
    await clock.advance(2_000);
    for (let i = 7; i < 30; i++) queue.send({ MessageBody: `m${i}` });
    await clock.advance(3_000);
    await clock.advance(5_000);
    await source.idle();
    await source.stop();
    assert.deepEqual(sizes, [25, 5]);
  });

  test("a lone message waits out the window in one more receive, a long poll, not a receive at once and another at the window's end", async () => {
    const { clock, sqs, queue } = setup();
    const sizes: number[] = [];
    const source = mapping(sqs, async (_name, event) => void sizes.push(event.Records.length), { BatchSize: 10, MaximumBatchingWindowInSeconds: 1 });
    await clock.advance(100);
    const before = source.stats.polls;
    queue.send({ MessageBody: "tick" });
    await clock.advance(1_000);
    await source.idle();
    assert.deepEqual(sizes, [1]);
    // The receive that found it, the long poll that waited out the window, and the next long poll of the idle queue.
    assert.equal(source.stats.polls - before, 3);
    await source.stop();
  });

  test("without a batching window each poll's messages are invoked at once", async () => {
    const { sqs, queue } = setup();
    const sizes: number[] = [];
    const source = mapping(sqs, async (_name, event) => void sizes.push(event.Records.length), { BatchSize: 3 });
    for (let i = 0; i < 7; i++) queue.send({ MessageBody: `m${i}` });
    await source.idle();
    await source.stop();
    assert.equal(sizes.reduce((a, b) => a + b, 0), 7);
    assert.ok(sizes.every((size) => size <= 3));
  });

  test("at most MaximumConcurrency batches are in flight", async () => {
    const { sqs, queue } = setup();
    let inFlight = 0;
    let peak = 0;
    const release: Array<() => void> = [];
    const source = mapping(
      sqs,
      async () => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise<void>((resolve) => release.push(resolve));
        inFlight--;
      },
      { BatchSize: 1, ScalingConfig: { MaximumConcurrency: 2 } },
    );
    for (let i = 0; i < 6; i++) queue.send({ MessageBody: `m${i}` });
    for (let round = 0; round < 10 && (release.length > 0 || queue.counts().visible > 0); round++) {
      await new Promise((resolve) => setImmediate(resolve));
      assert.ok(release.length <= 2, `${release.length} batches in flight`);
      release.splice(0).forEach((resolve) => resolve());
    }
    await source.idle();
    await source.stop();
    assert.equal(peak, 2);
    assert.equal(source.stats.messagesDeleted, 6);
  });

  test("ReportBatchItemFailures: only the reported records reappear, after the visibility timeout", async () => {
    const { clock, sqs, queue } = setup();
    const seen: Array<[string, string]> = [];
    const source = mapping(
      sqs,
      async (_name, event) => {
        for (const record of event.Records) seen.push([record.body, record.attributes.ApproximateReceiveCount]);
        return { batchItemFailures: event.Records.filter((record) => record.body === "bad" && record.attributes.ApproximateReceiveCount === "1").map((record) => ({ itemIdentifier: record.messageId })) };
      },
      { BatchSize: 10, FunctionResponseTypes: ["ReportBatchItemFailures"] },
    );
    for (const body of ["ok1", "bad", "ok2"]) queue.send({ MessageBody: body });
    await source.idle();
    assert.deepEqual(queue.counts(), { visible: 0, notVisible: 1, delayed: 0 });
    await clock.advance(30_000);
    await source.idle();
    await source.stop();
    assert.deepEqual(seen.map(([body]) => body).sort(), ["bad", "bad", "ok1", "ok2"]);
    assert.deepEqual(seen.filter(([body]) => body === "bad").map(([, count]) => count), ["1", "2"]);
    assert.deepEqual(queue.counts(), { visible: 0, notVisible: 0, delayed: 0 });
  });

  test("a thrown error leaves the whole batch; without ReportBatchItemFailures a response is ignored", async () => {
    const { clock, sqs, queue } = setup();
    let calls = 0;
    const source = mapping(sqs, async () => {
      calls++;
      if (calls === 1) throw new Error("handler crashed");
      return { batchItemFailures: [{ itemIdentifier: "whatever" }] };
    });
    queue.send({ MessageBody: "a" });
    queue.send({ MessageBody: "b" });
    await source.idle();
    assert.equal(queue.counts().notVisible, 2);
    await clock.advance(30_000);
    await source.idle();
    await source.stop();
    assert.equal(queue.counts().notVisible + queue.counts().visible, 0);
  });

  test("a malformed partial response fails the whole batch", async () => {
    const { sqs, queue } = setup();
    const source = mapping(sqs, async () => ({ batchItemFailures: [{ itemIdentifier: "not-in-batch" }] }), { FunctionResponseTypes: ["ReportBatchItemFailures"] });
    queue.send({ MessageBody: "a" });
    await source.idle();
    await source.stop();
    assert.equal(queue.counts().notVisible, 1);
  });

  test("FIFO: records carry group attributes and a failure holds back the rest of its group", async () => {
    const { clock, sqs } = setup();
    sqs.createQueue({ QueueName: "prices.fifo", FifoQueue: true, ContentBasedDeduplication: true, VisibilityTimeout: 30 });
    const fifo = sqs.getQueue("prices.fifo");
    const order: string[] = [];
    let failedOnce = false;
    const source = new SqsEventSource(
      { EventSourceArn: fifo.arn, FunctionName: "price", FunctionResponseTypes: ["ReportBatchItemFailures"] },
      sqs,
      async (_name, event) => {
        const failures = [];
        for (const record of event.Records) {
          assert.equal(record.attributes.MessageGroupId, record.body[0]);
          assert.ok(record.attributes.SequenceNumber && record.attributes.MessageDeduplicationId);
          if (record.body === "a2" && !failedOnce) {
            failedOnce = true;
            failures.push({ itemIdentifier: record.messageId });
          } else order.push(record.body);
        }
        return { batchItemFailures: failures };
      },
    );
    source.start();
    for (const body of ["a1", "b1", "a2", "a3", "b2"]) fifo.send({ MessageBody: body, MessageGroupId: body[0] });
    await source.idle();
    await clock.advance(30_000);
    await source.idle();
    await source.stop();
    // a3 was processed by the handler the first time, but it was not deleted: it comes again after a2.
    const groupA = order.filter((body) => body[0] === "a");
    assert.deepEqual(groupA.slice(-2), ["a2", "a3"]);
    assert.deepEqual(order.filter((body) => body[0] === "b"), ["b1", "b2"]);
  });
});
