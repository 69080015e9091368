import { describe, test } from "vitest";
import assert from "node:assert/strict";
import fc from "fast-check";
import { compilePattern } from "@pricing/local/eventbridge/pattern";
import { AwsServiceError } from "@pricing/local/protocol";

// Events and patterns from the EventBridge user guide ("Content filtering in Amazon
// EventBridge event patterns", "Comparison operators", "Arrays in event patterns",
// "Matching null values and empty strings") and from the README of aws/event-ruler,
// the library EventBridge matches with. Expected results are the ones those pages state,
// or follow directly from the operator each page defines.

const rulerEvent = {
  version: "0",
  id: "ddddd4-aaaa-7777-4444-345dd43cc333",
  "detail-type": "EC2 Instance State-change Notification",
  source: "aws.ec2",
  account: "012345679012",
  time: "2017-10-02T16:24:49Z",
  region: "us-east-1",
  resources: ["arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000"],
  detail: { "c-count": 5, "d-count": 3, "x-limit": 301.8, "source-ip": "10.0.0.33", "instance-id": "i-000000aaaaaa00000", state: "running" },
};

const existsDocEvent = {
  version: "0",
  id: "7bf73129-1428-4cd3-a780-95db273d1602",
  "detail-type": "EC2 Instance State-change Notification",
  source: "aws.ec2",
  account: "123456789012",
  time: "2015-11-11T21:29:54Z",
  region: "us-east-1",
  resources: ["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"],
  detail: { "instance-id": "i-abcd1111", state: "pending" },
};

const leafDocEvent = {
  "detail-type": ["EC2 Instance State-change Notification"],
  resources: ["arn:aws:ec2:us-east-1:123456789012:instance/i-02ebd4584a2ebd341"],
  detail: { state: ["initializing", "running"] },
};
const nonLeafDocEvent = { ...leafDocEvent, detail: { ...leafDocEvent.detail, "c-count": { c1: 100 } } };

const nullDocEvent = {
  version: "0",
  id: "3e3c153a-8339-4e30-8c35-687ebef853fe",
  "detail-type": "EC2 Instance Launch Successful",
  source: "aws.autoscaling",
  account: "123456789012",
  time: "2015-11-11T21:31:47Z",
  region: "us-east-1",
  resources: [],
  detail: { eventVersion: "", responseElements: null },
};

const arraysDocEvent = {
  resources: [
    "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b-bbf0-401d-b893-d5978ed4a025:autoScalingGroupName/ASGTerminate",
    "arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f",
  ],
};

const employees = {
  employees: [
    { firstName: "John", lastName: "Doe" },
    { firstName: "Anna", lastName: "Smith" },
    { firstName: "Peter", lastName: "Jones" },
  ],
};
const nestedEmployees = {
  employees: [
    [{ firstName: "John", lastName: "Doe" }, { firstName: "Anna", lastName: "Smith" }],
    [{ firstName: "Peter", lastName: "Jones" }],
  ],
};

const cloudwatch = (fields: Record<string, unknown>) => ({ source: "aws.cloudwatch", ...fields });
const sourceAndMetricOrNamespace = {
  source: ["aws.cloudwatch"],
  $or: [{ metricName: ["CPUUtilization", "ReadLatency"] }, { namespace: ["AWS/EC2", "AWS/ES"] }],
};
const nestedOrAnd = {
  source: ["aws.cloudwatch"],
  $or: [
    { metricName: ["CPUUtilization", "ReadLatency"] },
    { metricType: ["MetricType"], namespace: ["AWS/EC2", "AWS/ES"], $or: [{ metricId: [1234] }, { spaceId: [1000] }] },
    { scope: ["Service"] },
  ],
};

type Case = [name: string, pattern: unknown, event: unknown, expected: boolean];

const cases: Case[] = [
  // Simple matching and arrays.
  ["values, resources intersection and a value list", { "detail-type": ["EC2 Instance State-change Notification"], resources: ["arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000"], detail: { state: ["initializing", "running"] } }, rulerEvent, true],
  ["exact value that differs", { detail: { state: ["stopped"] } }, rulerEvent, false],
  ["a field the event lacks", { detail: { colour: ["red"] } }, rulerEvent, false],
  ["event array intersects the pattern array", { resources: ["arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f", "arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f", "arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f"] }, arraysDocEvent, true],
  ["event array with no common element", { resources: ["arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f"] }, arraysDocEvent, false],
  ["number matches numerically (3.018e2 = 301.8)", { detail: { "x-limit": [3.018e2] } }, rulerEvent, true],
  ["a string does not match a number", { detail: { "x-limit": ["301.8"] } }, rulerEvent, false],
  // Prefix, suffix, equals-ignore-case, wildcard.
  ["prefix on time", { time: [{ prefix: "2017-10-02" }] }, rulerEvent, true],
  ["prefix that differs", { time: [{ prefix: "2017-10-03" }] }, rulerEvent, false],
  ["prefix Region us-", { Region: [{ prefix: "us-" }] }, { Region: "us-east-1" }, true],
  ["prefix ignoring case", { service: [{ prefix: { "equals-ignore-case": "eventb" } }] }, { service: "EventBridge" }, true],
  ["suffix", { source: [{ suffix: "ec2" }] }, rulerEvent, true],
  ["suffix .png", { FileName: [{ suffix: ".png" }] }, { FileName: "photo.jpg" }, false],
  ["suffix ignoring case", { service: [{ suffix: { "equals-ignore-case": "tBridge" } }] }, { service: "EventBridge" }, true],
  ["equals-ignore-case", { Name: [{ "equals-ignore-case": "alice" }] }, { Name: "Alice" }, true],
  ["equals-ignore-case is whole-value", { source: [{ "equals-ignore-case": "EC2" }] }, rulerEvent, false],
  ["wildcard", { source: [{ wildcard: "Simple*Service" }] }, { source: "SimpleQueueService" }, true],
  ["wildcard with several stars", { arn: [{ wildcard: "arn:aws:events:*:*:event-bus/*" }] }, { arn: "arn:aws:events:us-east-1:123456789012:event-bus/match-events" }, true],
  ["wildcard that does not match", { source: [{ wildcard: "Simple*Service" }] }, { source: "SimpleNotification" }, false],
  ["escaped star is literal", { name: [{ wildcard: "a\\*b" }] }, { name: "axxb" }, false],
  ["empty string", { LastName: [""] }, { LastName: "" }, true],
  // Anything-but.
  ["anything-but a string", { detail: { state: [{ "anything-but": "initializing" }] } }, rulerEvent, true],
  ["anything-but the value present", { detail: { state: [{ "anything-but": "running" }] } }, rulerEvent, false],
  ["anything-but a number", { detail: { "x-limit": [{ "anything-but": 123 }] } }, rulerEvent, true],
  ["anything-but a list of strings", { detail: { state: [{ "anything-but": ["stopped", "overloaded"] }] } }, rulerEvent, true],
  ["anything-but a list of numbers", { detail: { "x-limit": [{ "anything-but": [100, 200, 300] }] } }, rulerEvent, true],
  ["anything-but a list holding the value", { detail: { "x-limit": [{ "anything-but": [100, 301.8] }] } }, rulerEvent, false],
  ["anything-but prefix", { detail: { state: [{ "anything-but": { prefix: "init" } }] } }, rulerEvent, true],
  ["anything-but prefix that matches", { Region: [{ "anything-but": { prefix: "us-" } }] }, { Region: "us-west-2" }, false],
  ["anything-but suffix", { FileName: [{ "anything-but": { suffix: ".png" } }] }, { FileName: "photo.png" }, false],
  ["anything-but ignoring case", { state: [{ "anything-but": { "equals-ignore-case": "initializing" } }] }, { state: "INITIALIZING" }, false],
  ["anything-but wildcard", { FilePath: [{ "anything-but": { wildcard: "*/lib/*" } }] }, { FilePath: "/usr/bin/node" }, true],
  ["anything-but wildcard that matches", { FilePath: [{ "anything-but": { wildcard: "*/lib/*" } }] }, { FilePath: "/usr/lib/node" }, false],
  ["anything-but on a missing field", { detail: { colour: [{ "anything-but": "red" }] } }, rulerEvent, false],
  // Numeric and IP.
  ["numeric ranges and equality", { detail: { "c-count": [{ numeric: [">", 0, "<=", 5] }], "d-count": [{ numeric: ["<", 10] }], "x-limit": [{ numeric: ["=", 3.018e2] }] } }, rulerEvent, true],
  ["numeric open upper bound excludes it", { detail: { "c-count": [{ numeric: [">", 0, "<", 5] }] } }, rulerEvent, false],
  ["numeric >=", { detail: { "d-count": [{ numeric: [">=", 3] }] } }, rulerEvent, true],
  ["numeric on a string value", { detail: { state: [{ numeric: [">", 0] }] } }, rulerEvent, false],
  ["cidr", { detail: { "source-ip": [{ cidr: "10.0.0.0/24" }] } }, rulerEvent, true],
  ["cidr outside", { detail: { "source-ip": [{ cidr: "10.0.1.0/24" }] } }, rulerEvent, false],
  // Exists.
  ["exists true", { detail: { "c-count": [{ exists: true }] } }, rulerEvent, true],
  ["exists false on a present field", { detail: { "c-count": [{ exists: false }] } }, rulerEvent, false],
  ["exists false on an absent field", { detail: { "c-count": [{ exists: false }] } }, leafDocEvent, true],
  ["exists false: an object is not a leaf", { detail: { "c-count": [{ exists: false }] } }, nonLeafDocEvent, true],
  ["exists true on detail.state", { detail: { state: [{ exists: true }] } }, existsDocEvent, true],
  ["exists true with no detail.state", { detail: { state: [{ exists: true }] } }, { ...nonLeafDocEvent, detail: { "c-count": { c1: 100 } } }, false],
  // Null and empty strings are not interchangeable.
  ["empty string value", { detail: { eventVersion: [""] } }, nullDocEvent, true],
  ["null value", { detail: { responseElements: [null] } }, nullDocEvent, true],
  ["empty string does not match null", { detail: { responseElements: [""] } }, nullDocEvent, false],
  ["null does not match an empty string", { detail: { eventVersion: [null] } }, nullDocEvent, false],
  // Complex example.
  ["complex example", { time: [{ prefix: "2017-10-02" }], detail: { state: [{ "anything-but": "initializing" }], "c-count": [{ numeric: [">", 0, "<=", 5] }], "d-count": [{ numeric: ["<", 10] }], "x-limit": [{ "anything-but": [100, 200, 300] }], "source-ip": [{ cidr: "10.0.0.0/8" }] } }, rulerEvent, true],
  // $or.
  ["$or: source and metricName", sourceAndMetricOrNamespace, cloudwatch({ metricName: "CPUUtilization" }), true],
  ["$or: source and namespace", sourceAndMetricOrNamespace, cloudwatch({ namespace: "AWS/ES" }), true],
  ["$or: neither branch", sourceAndMetricOrNamespace, cloudwatch({ metricName: "NetworkIn" }), false],
  ["$or inside detail", { detail: { $or: [{ "c-count": [{ numeric: [">", 0, "<=", 5] }] }, { "d-count": [{ numeric: ["<", 1] }] }] } }, rulerEvent, true],
  ["nested $or and and: inner branch", nestedOrAnd, cloudwatch({ metricType: "MetricType", namespace: "AWS/EC2", spaceId: 1000 }), true],
  ["nested $or and and: inner or fails", nestedOrAnd, cloudwatch({ metricType: "MetricType", namespace: "AWS/EC2", spaceId: 7 }), false],
  ["nested $or and and: last branch", nestedOrAnd, cloudwatch({ scope: "Service" }), true],
  // Arrays of objects match within one element.
  ["array of objects", { employees: { firstName: ["Anna"] } }, employees, true],
  ["fields from different elements do not combine", { employees: { firstName: ["Anna"], lastName: ["Jones"] } }, employees, false],
  ["fields from one element", { employees: { firstName: ["Anna"], lastName: ["Smith"] } }, employees, true],
  ["multi-level arrays", { employees: { firstName: ["Peter"] } }, nestedEmployees, true],
];

describe("EventBridge pattern matching (AWS documentation cases)", () => {
  for (const [name, pattern, event, expected] of cases) {
    test(name, () => assert.equal(compilePattern(pattern)(event), expected));
  }

  test("a pattern given as JSON text matches like the object", () => {
    assert.equal(compilePattern(JSON.stringify({ source: ["aws.ec2"] }))(rulerEvent), true);
  });
});

describe("invalid patterns fail with InvalidEventPatternException", () => {
  const invalidPatterns: Array<[string, unknown]> = [
    ["empty pattern", {}],
    ["empty value array", { source: [] }],
    ["a bare string value", { source: "aws.ec2" }],
    ["unknown operator", { source: [{ contains: "ec2" }] }],
    ["two operators in one matcher", { source: [{ prefix: "a", suffix: "b" }] }],
    ["numeric with an unknown operator", { n: [{ numeric: ["!=", 1] }] }],
    ["numeric range in the wrong order", { n: [{ numeric: ["<", 5, ">", 0] }] }],
    ["numeric bound out of range", { n: [{ numeric: [">", 6e9] }] }],
    ["consecutive wildcards", { s: [{ wildcard: "a**b" }] }],
    ["backslash escaping another character", { s: [{ wildcard: "a\\b" }] }],
    ["exists not boolean", { s: [{ exists: "yes" }] }],
    ["anything-but mixing strings and numbers", { s: [{ "anything-but": ["a", 1] }] }],
    ["$or with one branch", { $or: [{ a: ["b"] }] }],
    ["malformed JSON text", "{not json"],
  ];
  for (const [name, pattern] of invalidPatterns) {
    test(name, () => {
      assert.throws(
        () => compilePattern(pattern),
        (error: unknown) => error instanceof AwsServiceError && error.type === "InvalidEventPatternException",
      );
    });
  }
});

describe("pattern properties", () => {
  const leaf = fc.oneof(fc.string(), fc.integer({ min: -1e6, max: 1e6 }), fc.constant(null), fc.boolean());
  const flatEvent = fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }).filter((key) => key !== "$or"), leaf, { minKeys: 1, maxKeys: 6 });

  test("an event matches the pattern of its own values, and not anything-but them", () => {
    fc.assert(
      fc.property(flatEvent, (event) => {
        const own = Object.fromEntries(Object.entries(event).map(([key, value]) => [key, [value]]));
        assert.equal(compilePattern(own)(event), true);
        for (const [key, value] of Object.entries(event)) {
          if (typeof value !== "string" && typeof value !== "number") continue;
          assert.equal(compilePattern({ [key]: [{ "anything-but": value }] })(event), false);
          assert.equal(compilePattern({ [key]: [{ exists: true }] })(event), true);
        }
      }),
    );
  });

  test("wrapping the event in an array under a key keeps the verdict", () => {
    fc.assert(
      fc.property(flatEvent, fc.string({ minLength: 1, maxLength: 8 }), (event, value) => {
        const [key] = Object.keys(event);
        const pattern = { detail: { [key]: [value] } };
        assert.equal(compilePattern(pattern)({ detail: [event] }), compilePattern(pattern)({ detail: event }));
      }),
    );
  });
});
