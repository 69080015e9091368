import { afterAll, beforeAll, describe, test } from "vitest";
import assert from "node:assert/strict";
import { PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { ListExecutionsCommand, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { GetQueueAttributesCommand, ListQueuesCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { startE2e, type E2e } from "./harness";

/** AWS's limits (the service quotas pages of EventBridge, Step Functions and SQS). */
const KIB = 1024;
const EVENTBRIDGE_ENTRY_BYTES = 256 * KIB;
const STATES_PAYLOAD_BYTES = 256 * KIB;

let e2e: E2e;
// These checks need no particular DynamoDB: dynalite starts in milliseconds.
beforeAll(async () => (e2e = await startE2e({ backend: "dynalite" })));
afterAll(() => e2e?.stop());

const rejection = async (work: Promise<unknown>) => {
  try {
    await work;
  } catch (error) {
    return error as Error;
  }
  assert.fail("the request was accepted");
};

/** An entry of exactly `bytes` as EventBridge counts them (Source + DetailType + Detail). */
function entryOfSize(bytes: number, busName: string) {
  const Source = "e2e.limits";
  const DetailType = "Padding";
  const overhead = Buffer.byteLength(Source) + Buffer.byteLength(DetailType) + Buffer.byteLength('{"pad":""}');
  return { Source, DetailType, Detail: JSON.stringify({ pad: "x".repeat(bytes - overhead) }), EventBusName: busName };
}

describe("the local cloud keeps AWS's limits, seen through the SDK", () => {
  test("PutEvents takes a 256 KiB entry and refuses one byte more", async () => {
    const atLimit = await e2e.events.send(new PutEventsCommand({ Entries: [entryOfSize(EVENTBRIDGE_ENTRY_BYTES, e2e.cloud.busName)] }));
    assert.equal(atLimit.FailedEntryCount, 0);
    const error = await rejection(e2e.events.send(new PutEventsCommand({ Entries: [entryOfSize(EVENTBRIDGE_ENTRY_BYTES + 1, e2e.cloud.busName)] })));
    assert.equal(error.name, "ValidationException");
    assert.match(error.message, /over the limit/);
  });

  test("PutEvents takes at most 10 entries per call", async () => {
    const entries = Array.from({ length: 11 }, () => entryOfSize(100, e2e.cloud.busName));
    const error = await rejection(e2e.events.send(new PutEventsCommand({ Entries: entries })));
    assert.equal(error.name, "ValidationException");
  });

  test("StartExecution refuses an input over 256 KiB, and no execution is created", async () => {
    for (const stateMachineArn of [e2e.cloud.stateMachines.priceMatch, e2e.cloud.stateMachines.lifecycle]) {
      const input = JSON.stringify({ matchId: "e2e-limits", pad: "x".repeat(STATES_PAYLOAD_BYTES) });
      const error = await rejection(e2e.sfn.send(new StartExecutionCommand({ stateMachineArn, name: "e2e-oversize", input })));
      assert.equal(error.name, "ValidationException");
    }
    // ListExecutions answers for STANDARD machines only, as on AWS.
    const { executions = [] } = await e2e.sfn.send(new ListExecutionsCommand({ stateMachineArn: e2e.cloud.stateMachines.lifecycle }));
    assert.ok(!executions.some((x) => x.name === "e2e-oversize"));
  });

  test("the feed queue refuses a message over the template's 64 KiB MaximumMessageSize", async () => {
    const { QueueUrls = [] } = await e2e.sqs.send(new ListQueuesCommand({}));
    const feedQueue = QueueUrls.find((url) => /MatchEventsQueue(?!Dlq)[0-9A-F]+$/.test(url));
    assert.ok(feedQueue, `the template's feed queue is listed: ${QueueUrls.join(", ")}`);
    const { Attributes } = await e2e.sqs.send(new GetQueueAttributesCommand({ QueueUrl: feedQueue, AttributeNames: ["MaximumMessageSize"] }));
    assert.equal(Attributes?.MaximumMessageSize, String(64 * KIB));
    const error = await rejection(e2e.sqs.send(new SendMessageCommand({ QueueUrl: feedQueue, MessageBody: "x".repeat(64 * KIB + 1) })));
    assert.equal(error.name, "InvalidParameterValue");
  });
});
