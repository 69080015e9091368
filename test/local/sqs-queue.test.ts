import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { ManualClock } from "@pricing/local/clock";
import { LocalSqs } from "@pricing/local/sqs/sqs";
import { SqsError } from "@pricing/local/sqs/errors";
import { md5OfMessageAttributes } from "@pricing/local/sqs/message";
import { queueAttributes } from "@pricing/local/sqs/service";

function setup() {
  const clock = new ManualClock(Date.parse("2024-08-16T19:00:00Z"));
  const sqs = new LocalSqs({ clock });
  return { clock, sqs };
}

const sqsError = (type: string) => (error: unknown) => error instanceof SqsError && error.type === type;

describe("standard queue", () => {
  test("a received message is invisible for the visibility timeout, then delivered again", async () => {
    const { clock, sqs } = setup();
    const queue = sqs.createQueue({ QueueName: "ticks", VisibilityTimeout: 30 });
    queue.send({ MessageBody: "tick" });
    const [first] = queue.receiveNow();
    assert.equal(first.receiveCount, 1);
    assert.deepEqual(queue.receiveNow(), []);
    assert.deepEqual(queue.counts(), { visible: 0, notVisible: 1, delayed: 0 });
    await clock.advance(29_999);
    assert.deepEqual(queue.receiveNow(), []);
    await clock.advance(1);
    const [again] = queue.receiveNow();
    assert.equal(again.messageId, first.messageId);
    assert.equal(again.receiveCount, 2);
    assert.notEqual(again.receiptHandle, first.receiptHandle);
    assert.equal(again.firstReceiveTimestampMs, first.firstReceiveTimestampMs);
  });

  test("deleting with the current receipt handle removes the message; a stale handle does not", async () => {
    const { clock, sqs } = setup();
    const queue = sqs.createQueue({ QueueName: "q", VisibilityTimeout: 10 });
    queue.send({ MessageBody: "x" });
    const [first] = queue.receiveNow();
    await clock.advance(10_000);
    const [second] = queue.receiveNow();
    queue.delete(first.receiptHandle!);
    assert.equal(queue.counts().notVisible, 1);
    queue.delete(second.receiptHandle!);
    assert.deepEqual(queue.counts(), { visible: 0, notVisible: 0, delayed: 0 });
    assert.throws(() => queue.delete("garbage"), sqsError("ReceiptHandleIsInvalid"));
  });

  test("queue and per-message DelaySeconds hold messages back", async () => {
    const { clock, sqs } = setup();
    const queue = sqs.createQueue({ QueueName: "delayed", DelaySeconds: 5, VisibilityTimeout: 300 });
    queue.send({ MessageBody: "queue delay" });
    queue.send({ MessageBody: "message delay", DelaySeconds: 60 });
    queue.send({ MessageBody: "no delay", DelaySeconds: 0 });
    assert.deepEqual(queue.counts(), { visible: 1, notVisible: 0, delayed: 2 });
    assert.deepEqual(queue.receiveNow(10).map((m) => m.body), ["no delay"]);
    await clock.advance(5_000);
    assert.deepEqual(queue.receiveNow(10).map((m) => m.body), ["queue delay"]);
    await clock.advance(55_000);
    assert.deepEqual(queue.receiveNow(10).map((m) => m.body), ["message delay"]);
    assert.throws(() => queue.send({ MessageBody: "x", DelaySeconds: 901 }), sqsError("InvalidParameterValue"));
  });

  test("ChangeMessageVisibility: 0 releases at once; a message not in flight is refused", async () => {
    const { sqs } = setup();
    const queue = sqs.createQueue({ QueueName: "q" });
    queue.send({ MessageBody: "x" });
    const [message] = queue.receiveNow();
    queue.changeVisibility(message.receiptHandle!, 0);
    const [again] = queue.receiveNow();
    assert.equal(again.messageId, message.messageId);
    assert.throws(() => queue.changeVisibility(message.receiptHandle!, 10), sqsError("MessageNotInflight"));
    assert.throws(() => queue.changeVisibility(again.receiptHandle!, 43_201), sqsError("InvalidParameterValue"));
  });

  test("long polling waits on the clock and returns as soon as a message arrives", async () => {
    const { clock, sqs } = setup();
    const queue = sqs.createQueue({ QueueName: "q" });
    let done = false;
    const polling = queue.receive({ waitTimeS: 20 }).then((messages) => ((done = true), messages));
    await clock.advance(5_000);
    assert.equal(done, false);
    queue.send({ MessageBody: "late" });
    const messages = await polling;
    assert.deepEqual(messages.map((m) => m.body), ["late"]);
    const empty = queue.receive({ waitTimeS: 2 });
    await clock.advance(2_000);
    assert.deepEqual(await empty, []);
  });

  test("messages older than MessageRetentionPeriod are dropped", async () => {
    const { clock, sqs } = setup();
    const queue = sqs.createQueue({ QueueName: "q", MessageRetentionPeriod: 60 });
    queue.send({ MessageBody: "old" });
    await clock.advance(60_000);
    assert.deepEqual(queue.counts(), { visible: 0, notVisible: 0, delayed: 0 });
  });

  test("bodies are validated as SQS does", () => {
    const { sqs } = setup();
    const queue = sqs.createQueue({ QueueName: "q" });
    assert.throws(() => queue.send({ MessageBody: "" }), sqsError("MissingParameter"));
    assert.throws(() => queue.send({ MessageBody: "bad \u0000 char" }), sqsError("InvalidMessageContents"));
    assert.throws(() => queue.send({ MessageBody: "x".repeat(262_145) }), sqsError("InvalidParameterValue"));
    assert.ok(queue.send({ MessageBody: "x".repeat(262_144) }).MessageId);
  });

  test("PurgeQueue empties the queue, at most once a minute", async () => {
    const { clock, sqs } = setup();
    const queue = sqs.createQueue({ QueueName: "q" });
    queue.send({ MessageBody: "x" });
    queue.purge();
    assert.equal(queue.counts().visible, 0);
    assert.throws(() => queue.purge(), sqsError("PurgeQueueInProgress"));
    await clock.advance(60_000);
    queue.purge();
  });
});

describe("redrive", () => {
  test("after maxReceiveCount receives the next receive moves the message to the DLQ, with the reason", async () => {
    const { clock, sqs } = setup();
    const dlq = sqs.createQueue({ QueueName: "match-events-dlq" });
    const queue = sqs.createQueue({ QueueName: "match-events", VisibilityTimeout: 10, RedrivePolicy: { deadLetterTargetArn: dlq.arn, maxReceiveCount: 3 } });
    const sent = queue.send({ MessageBody: "poison" });
    for (let receive = 1; receive <= 3; receive++) {
      assert.equal(queue.receiveNow()[0].receiveCount, receive);
      await clock.advance(10_000);
    }
    assert.deepEqual(queue.receiveNow(), []);
    assert.equal(queue.counts().visible, 0);
    const [dead] = dlq.receiveNow();
    assert.equal(dead.messageId, sent.MessageId);
    assert.equal(dead.body, "poison");
    assert.equal(dead.deadLetterSourceArn, queue.arn);
    assert.equal(dead.deadLetter?.reason, "maxReceiveCountExceeded");
    assert.equal(dead.deadLetter?.receiveCount, 3);
    assert.equal(sqs.stats.deadLettered, 1);
  });

  test("StartMessageMoveTask sends dead letters back to their source with a fresh receive count", async () => {
    const { clock, sqs } = setup();
    const dlq = sqs.createQueue({ QueueName: "dlq" });
    const queue = sqs.createQueue({ QueueName: "source", VisibilityTimeout: 1, RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 1 }) });
    queue.send({ MessageBody: "a" });
    queue.send({ MessageBody: "b" });
    queue.receiveNow(10);
    await clock.advance(1_000);
    queue.receiveNow(10);
    assert.equal(dlq.counts().visible, 2);
    const task = sqs.startMessageMoveTask(dlq.arn);
    assert.equal(task.ApproximateNumberOfMessagesMoved, 2);
    assert.equal(dlq.counts().visible, 0);
    const back = queue.receiveNow(10);
    assert.deepEqual(back.map((m) => [m.body, m.receiveCount, m.deadLetter]), [["a", 1, undefined], ["b", 1, undefined]]);
    assert.throws(() => sqs.startMessageMoveTask(queue.arn), sqsError("InvalidParameterValue"));
  });
});

describe("FIFO queue", () => {
  const fifo = (sqs: LocalSqs, extra = {}) =>
    sqs.createQueue({ QueueName: "prices.fifo", FifoQueue: true, ContentBasedDeduplication: true, VisibilityTimeout: 30, ...extra });

  test("delivers a group in order and locks it while a message of it is in flight", async () => {
    const { clock, sqs } = setup();
    const queue = fifo(sqs);
    for (const body of ["a1", "a2", "a3"]) queue.send({ MessageBody: body, MessageGroupId: "A" });
    for (const body of ["b1", "b2"]) queue.send({ MessageBody: body, MessageGroupId: "B" });
    const [first] = queue.receiveNow(1);
    assert.equal(first.body, "a1");
    // Group A is locked while a1 is in flight; B is free.
    assert.deepEqual(queue.receiveNow(10).map((m) => m.body), ["b1", "b2"]);
    assert.deepEqual(queue.receiveNow(10), []);
    queue.delete(first.receiptHandle!);
    assert.deepEqual(queue.receiveNow(10).map((m) => m.body), ["a2", "a3"]);
    await clock.advance(30_000);
    // b1, b2, a2, a3 were never deleted: they come back in sequence order per group.
    const again = queue.receiveNow(10).map((m) => m.body);
    assert.deepEqual(again.filter((body) => body.startsWith("a")), ["a2", "a3"]);
    assert.deepEqual(again.filter((body) => body.startsWith("b")), ["b1", "b2"]);
    const sequence = queue.peek().map((m) => BigInt(m.sequenceNumber!));
    assert.deepEqual([...sequence].sort((x, y) => (x < y ? -1 : 1)), sequence.slice().sort((x, y) => (x < y ? -1 : 1)));
  });

  test("a duplicate inside 5 minutes is accepted but not enqueued; after 5 minutes it is new", async () => {
    const { clock, sqs } = setup();
    const queue = fifo(sqs, { ContentBasedDeduplication: false });
    const first = queue.send({ MessageBody: "goal", MessageGroupId: "m1", MessageDeduplicationId: "evt-1" });
    await clock.advance(299_999);
    const duplicate = queue.send({ MessageBody: "goal again", MessageGroupId: "m1", MessageDeduplicationId: "evt-1" });
    assert.equal(duplicate.MessageId, first.MessageId);
    assert.equal(duplicate.SequenceNumber, first.SequenceNumber);
    assert.equal(queue.counts().visible, 1);
    await clock.advance(1);
    const later = queue.send({ MessageBody: "goal", MessageGroupId: "m1", MessageDeduplicationId: "evt-1" });
    assert.notEqual(later.MessageId, first.MessageId);
    assert.equal(queue.counts().visible, 2);
  });

  test("content-based deduplication hashes the body with SHA-256", () => {
    const { sqs } = setup();
    const queue = fifo(sqs);
    queue.send({ MessageBody: "same", MessageGroupId: "g1" });
    queue.send({ MessageBody: "same", MessageGroupId: "g2" });
    queue.send({ MessageBody: "other", MessageGroupId: "g1" });
    assert.equal(queue.counts().visible, 2);
    const [message] = queue.receiveNow();
    assert.equal(message.messageDeduplicationId, createHash("sha256").update("same").digest("hex"));
  });

  test("FIFO rules: group id required, dedup id or content-based required, no per-message delay", () => {
    const { sqs } = setup();
    const queue = fifo(sqs, { ContentBasedDeduplication: false });
    assert.throws(() => queue.send({ MessageBody: "x", MessageDeduplicationId: "d" }), sqsError("MissingParameter"));
    assert.throws(() => queue.send({ MessageBody: "x", MessageGroupId: "g" }), sqsError("InvalidParameterValue"));
    assert.throws(() => queue.send({ MessageBody: "x", MessageGroupId: "g", MessageDeduplicationId: "d", DelaySeconds: 5 }), sqsError("InvalidParameterValue"));
    assert.throws(() => sqs.createQueue({ QueueName: "nofifo", FifoQueue: true }), sqsError("InvalidParameterValue"));
  });
});

describe("attributes", () => {
  test("GetQueueAttributes counts visible, in-flight and delayed messages", async () => {
    const { sqs } = setup();
    const queue = sqs.createQueue({ QueueName: "q", VisibilityTimeout: 45 });
    queue.send({ MessageBody: "visible" });
    queue.send({ MessageBody: "inflight" });
    queue.send({ MessageBody: "delayed", DelaySeconds: 30 });
    queue.receiveNow(1);
    const attributes = queueAttributes(queue, ["All"]);
    assert.equal(attributes.ApproximateNumberOfMessages, "1");
    assert.equal(attributes.ApproximateNumberOfMessagesNotVisible, "1");
    assert.equal(attributes.ApproximateNumberOfMessagesDelayed, "1");
    assert.equal(attributes.VisibilityTimeout, "45");
    assert.equal(attributes.QueueArn, "arn:aws:sqs:us-east-1:000000000000:q");
    assert.throws(() => queueAttributes(queue, ["Colour"]), sqsError("InvalidAttributeName"));
  });

  test("MD5OfMessageAttributes follows SQS's encoding", () => {
    // Independent encoding of one String attribute: 4-byte lengths, transport byte 1.
    const name = Buffer.from("matchId");
    const type = Buffer.from("String");
    const value = Buffer.from("m1");
    const length = (bytes: Buffer) => Buffer.from([0, 0, 0, bytes.length]);
    const expected = createHash("md5")
      .update(Buffer.concat([length(name), name, length(type), type, Buffer.from([1]), length(value), value]))
      .digest("hex");
    assert.equal(md5OfMessageAttributes({ matchId: { DataType: "String", StringValue: "m1" } }), expected);
    assert.equal(md5OfMessageAttributes({}), undefined);
  });
});
