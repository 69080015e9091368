import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { readJsonPath, renderTargetInput, validateTargetInput } from "@pricing/local/eventbridge/transform";
import { AwsServiceError } from "@pricing/local/protocol";

// The example event, InputPathsMap and templates of "Transforming Amazon EventBridge
// target input" (EventBridge user guide); the expected outputs are the guide's, minified
// as the guide says targets receive them.
const ec2Event = {
  version: "0",
  id: "7bf73129-1428-4cd3-a780-95db273d1602",
  "detail-type": "EC2 Instance State-change Notification",
  source: "aws.ec2",
  account: "123456789012",
  time: "2015-11-11T21:29:54Z",
  region: "us-east-1",
  resources: ["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"],
  detail: { "instance-id": "i-0123456789", state: "RUNNING" },
};
const InputPathsMap = { timestamp: "$.time", instance: "$.detail.instance-id", state: "$.detail.state" };
const context = { ruleArn: "arn:aws:events:us-east-2:123456789012:rule/example", ruleName: "example", ingestionTime: "2015-11-11T21:29:55.000Z" };
const transform = (InputTemplate: string) => renderTargetInput({ InputTransformer: { InputPathsMap, InputTemplate } }, ec2Event, context);

describe("input transformer (AWS documentation examples)", () => {
  test("simple string", () => {
    assert.equal(transform('"instance <instance> is in <state>"'), '"instance i-0123456789 is in RUNNING"');
  });

  test("string with escaped quotes", () => {
    assert.equal(transform('"instance \\"<instance>\\" is in <state>"'), '"instance \\"i-0123456789\\" is in RUNNING"');
  });

  test("simple JSON: variables outside quotes become JSON strings", () => {
    assert.equal(transform('{\n  "instance" : <instance>,\n  "state": <state>\n}'), '{"instance":"i-0123456789","state":"RUNNING"}');
  });

  test("JSON with strings and variables", () => {
    const template = '{\n "instance" : <instance>,\n "state": "<state>",\n "instanceStatus": "instance \\"<instance>\\" is in <state>"\n}';
    assert.deepEqual(JSON.parse(transform(template)), {
      instance: "i-0123456789",
      state: "RUNNING",
      instanceStatus: 'instance "i-0123456789" is in RUNNING',
    });
  });

  test("JSON with a mix of variables and static information", () => {
    const template = '{\n  "instance" : <instance>,\n  "state": [ 9, <state>, true ],\n  "Transformed" : "Yes"\n}';
    assert.equal(transform(template), '{"instance":"i-0123456789","state":[9,"RUNNING",true],"Transformed":"Yes"}');
  });

  test("reserved variables in JSON", () => {
    const template = '{"instance" : <instance>, "state": <state>, "ruleArn" : <aws.events.rule-arn>, "ruleName" : <aws.events.rule-name>, "originalEvent" : <aws.events.event>}';
    assert.deepEqual(JSON.parse(transform(template)), {
      instance: "i-0123456789",
      state: "RUNNING",
      ruleArn: "arn:aws:events:us-east-2:123456789012:rule/example",
      ruleName: "example",
      originalEvent: ec2Event,
    });
  });

  test("reserved variables in a string", () => {
    assert.equal(transform('"<aws.events.rule-name> triggered"'), '"example triggered"');
  });

  test("ingestion time and the event as JSON text", () => {
    const rendered = JSON.parse(transform('{"at": <aws.events.event.ingestion-time>, "raw": <aws.events.event.json>}'));
    assert.equal(rendered.at, context.ingestionTime);
    assert.deepEqual(JSON.parse(rendered.raw), ec2Event);
  });

  test("a path missing from the event renders empty in a string and null outside", () => {
    const rendered = renderTargetInput(
      { InputTransformer: { InputPathsMap: { colour: "$.detail.colour" }, InputTemplate: '{"a": <colour>, "b": "x<colour>y"}' } },
      ec2Event,
      context,
    );
    assert.equal(rendered, '{"a":null,"b":"xy"}');
  });

  test("angle brackets that name no variable are kept", () => {
    assert.equal(transform('"a <b> c < d"'), '"a <b> c < d"');
  });
});

describe("Input, InputPath and the default", () => {
  test("no input settings: the whole event as minified JSON", () => {
    assert.deepEqual(JSON.parse(renderTargetInput({}, ec2Event, context)), ec2Event);
  });

  test("Input is sent as given (minified)", () => {
    assert.equal(renderTargetInput({ Input: '{ "fixed" : 1 }' }, ec2Event, context), '{"fixed":1}');
  });

  test("InputPath selects part of the event", () => {
    assert.equal(renderTargetInput({ InputPath: "$.detail" }, ec2Event, context), '{"instance-id":"i-0123456789","state":"RUNNING"}');
    assert.equal(renderTargetInput({ InputPath: "$.resources[0]" }, ec2Event, context), '"arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"');
  });

  test("JSONPath forms", () => {
    assert.equal(readJsonPath(ec2Event, "$['detail']['instance-id']"), "i-0123456789");
    assert.equal(readJsonPath(ec2Event, "$.detail.missing.deeper"), undefined);
    assert.equal(readJsonPath(ec2Event, "$"), ec2Event);
  });

  test("invalid settings are rejected like PutTargets would", () => {
    const rejects = (props: Parameters<typeof validateTargetInput>[0]) =>
      assert.throws(() => validateTargetInput(props), (error: unknown) => error instanceof AwsServiceError && error.type === "ValidationException");
    rejects({ Input: "{}", InputPath: "$.detail" });
    rejects({ InputPath: "detail" });
    rejects({ InputTransformer: { InputPathsMap: { "aws.events.rule-name": "$.x" }, InputTemplate: "<x>" } });
    rejects({ InputTransformer: { InputPathsMap: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`v${i}`, "$.x"])), InputTemplate: "" } });
  });
});
