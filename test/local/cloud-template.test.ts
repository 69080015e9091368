import { SPORT_IDS, sportOf } from "@pricing/core/sports/registry";
import { beforeAll, describe, test } from "vitest";
import assert from "node:assert/strict";
import { InputError } from "@pricing/core/errors";
import { authorize, callsLocalServices, functionPermissions } from "@pricing/local/iam";
import { AppTemplate } from "@pricing/local/template/app";
import type { StackTemplate } from "@pricing/local/template/resolver";
import { synthesizeLocalApp, type LocalApp } from "@pricing/local/wiring/synth";

const place = { region: "us-east-1", accountId: "000000000000", endpointUrl: "http://127.0.0.1:4010" };

/** Two stacks in the shape CDK synthesizes them: an export in one, Fn::ImportValue in the other. */
const stacks: StackTemplate[] = [
  {
    stackName: "st-app-Storage",
    template: {
      Parameters: { BootstrapVersion: { Default: "/cdk-bootstrap/hnb659fds/version" } },
      Conditions: { IsProd: { "Fn::Equals": ["st", "prod"] } },
      Resources: {
        TableCD117FA1: { Type: "AWS::DynamoDB::Table", Properties: {} },
        Queue4A7E3555: { Type: "AWS::SQS::Queue", Properties: { VisibilityTimeout: 30 } },
        Fifo1234: { Type: "AWS::SQS::Queue", Properties: { FifoQueue: true } },
        Bus: { Type: "AWS::Events::EventBus", Properties: { Name: "st-match-events" } },
        Rule: { Type: "AWS::Events::Rule", Properties: { EventBusName: { Ref: "Bus" } } },
      },
      Outputs: {
        ExportsOutputRefTableCD117FA1: { Value: { Ref: "TableCD117FA1" }, Export: { Name: "st-app-Storage:ExportsOutputRefTableCD117FA1" } },
        ExportsOutputQueueArn: { Value: { "Fn::GetAtt": ["Queue4A7E3555", "Arn"] }, Export: { Name: "st-app-Storage:QueueArn" } },
        TableName: { Value: { Ref: "TableCD117FA1" } },
      },
    },
  },
  {
    stackName: "st-app-Pricing",
    template: {
      Resources: {
        Machine: { Type: "AWS::StepFunctions::StateMachine", Properties: { StateMachineName: "st-app-PriceMatch" } },
        AVeryLongFunctionLogicalIdThatGoesOnAndOnFunction0123456789ABCDEF: { Type: "AWS::Lambda::Function", Properties: {} },
      },
    },
  },
];

describe("intrinsics resolve to the local cloud's names, ARNs and URLs", () => {
  const app = new AppTemplate(stacks, place);
  const [storage, pricing] = app.stacks;

  test("Ref and Fn::GetAtt of a queue: its URL on the endpoint, its ARN, its name", () => {
    assert.equal(storage.resolve({ Ref: "Queue4A7E3555" }), "http://127.0.0.1:4010/000000000000/st-app-Storage-Queue4A7E3555");
    assert.equal(storage.resolve({ "Fn::GetAtt": ["Queue4A7E3555", "Arn"] }), "arn:aws:sqs:us-east-1:000000000000:st-app-Storage-Queue4A7E3555");
    assert.equal(storage.resolve({ "Fn::GetAtt": "Queue4A7E3555.QueueName" }), "st-app-Storage-Queue4A7E3555");
    assert.equal(storage.nameOf("Fifo1234"), "st-app-Storage-Fifo1234.fifo");
  });

  test("a state machine's Ref is its ARN; a hand-built Fn::Join of pseudo parameters agrees with it", () => {
    const arn = pricing.resolve({ Ref: "Machine" });
    assert.equal(arn, "arn:aws:states:us-east-1:000000000000:stateMachine:st-app-PriceMatch");
    const joined = pricing.resolve({
      "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":states:", { Ref: "AWS::Region" }, ":", { Ref: "AWS::AccountId" }, ":stateMachine:st-app-PriceMatch"]],
    });
    assert.equal(joined, arn);
  });

  test("Fn::Sub in both forms, with ${!Literal} left as text", () => {
    assert.equal(storage.resolve({ "Fn::Sub": "${AWS::Region}/${Queue4A7E3555.Arn}/${!Keep}" }), "us-east-1/arn:aws:sqs:us-east-1:000000000000:st-app-Storage-Queue4A7E3555/${Keep}");
    assert.equal(storage.resolve({ "Fn::Sub": ["${Who}-${AWS::AccountId}", { Who: { Ref: "Bus" } }] }), "st-match-events-000000000000");
  });

  test("Fn::Select, Fn::Split, Fn::If on a Condition, parameters' defaults, AWS::URLSuffix", () => {
    assert.equal(storage.resolve({ "Fn::Select": [1, { "Fn::Split": [":", { "Fn::GetAtt": ["Queue4A7E3555", "Arn"] }] }] }), "aws");
    assert.equal(storage.resolve({ "Fn::If": ["IsProd", "retain", "destroy"] }), "destroy");
    assert.equal(storage.resolve({ Ref: "BootstrapVersion" }), "/cdk-bootstrap/hnb659fds/version");
    assert.equal(storage.resolve({ Ref: "AWS::URLSuffix" }), "amazonaws.com");
  });

  test("Fn::ImportValue finds the exporting stack's value", () => {
    assert.equal(pricing.resolve({ "Fn::ImportValue": "st-app-Storage:ExportsOutputRefTableCD117FA1" }), storage.resolve({ Ref: "TableCD117FA1" }));
    assert.equal(pricing.resolve({ "Fn::ImportValue": "st-app-Storage:QueueArn" }), "arn:aws:sqs:us-east-1:000000000000:st-app-Storage-Queue4A7E3555");
    assert.throws(() => pricing.resolve({ "Fn::ImportValue": "st-app-Storage:Nothing" }), (e: unknown) => e instanceof InputError && e.code === "local.template.no_export");
  });

  test("a rule on a custom bus is referenced as bus|rule, as CloudFormation does", () => {
    assert.equal(storage.resolve({ Ref: "Rule" }), "st-match-events|st-app-Storage-Rule");
  });

  test("generated names keep to the service's length limit (functions: 64)", () => {
    const name = pricing.nameOf("AVeryLongFunctionLogicalIdThatGoesOnAndOnFunction0123456789ABCDEF");
    assert.equal(name.length, 64);
    assert.ok(name.startsWith("st-app-Pricing-AVeryLong"));
  });

  test("unknown references and intrinsics are typed errors", () => {
    const code = (expected: string) => (e: unknown) => e instanceof InputError && e.code === expected;
    assert.throws(() => storage.resolve({ Ref: "Missing" }), code("local.template.unresolved"));
    assert.throws(() => storage.resolve({ "Fn::Transform": {} }), code("local.template.unresolved"));
  });

  test("outputs are resolved per stack, CDK's export plumbing left out", () => {
    assert.deepEqual(app.outputs()["st-app-Storage"], { TableName: "st-app-Storage-TableCD117FA1" });
  });
});

describe("the synthesized app resolves consistently", () => {
  let local: LocalApp;
  let app: AppTemplate;
  beforeAll(async () => {
    local = await synthesizeLocalApp("cloudtest");
    app = new AppTemplate(local.stacks, place);
  });

  test("every function's environment resolves, and names what the other stacks define", () => {
    const table = app.resources("AWS::DynamoDB::Table")[0];
    const tableName = table.resolver.resolve({ Ref: table.logicalId });
    const machines = app.resources("AWS::StepFunctions::StateMachine").map((m) => m.resolver.resolve({ Ref: m.logicalId }));
    const queueUrls = app.resources("AWS::SQS::Queue").map((q) => q.resolver.resolve({ Ref: q.logicalId }));
    const functions = app.resources("AWS::Lambda::Function").filter((f) => local.handlers[f.stackName]?.[f.logicalId]);
    assert.equal(functions.length, 10 + SPORT_IDS.length, "ten handlers and a model function per sport");
    for (const fn of functions) {
      const env = fn.properties.Environment.Variables as Record<string, unknown>;
      for (const value of Object.values(env)) assert.equal(typeof value, "string");
      if (env.TABLE_NAME !== undefined) assert.equal(env.TABLE_NAME, tableName);
      for (const key of ["LIFECYCLE_ARN", "PRICE_MATCH_ARN"]) if (env[key] !== undefined) assert.ok(machines.includes(env[key]), `${key} names a machine`);
      if (env.CLOCK_QUEUE_URL !== undefined) assert.ok(queueUrls.includes(env.CLOCK_QUEUE_URL));
    }
  });

  test("of the app's functions only the sports' model functions, whose roles allow no call to the local services, run in the local cloud's own thread", () => {
    const permissions = functionPermissions(app);
    const handlers = Object.assign({}, ...Object.values(local.handlers)) as Record<string, string>;
    const computeOnly = app.resources("AWS::Lambda::Function")
      .filter((f) => handlers[f.logicalId] && !callsLocalServices(permissions.get(String(f.resolver.resolve({ Ref: f.logicalId }))) ?? []))
      .map((f) => handlers[f.logicalId]);
    assert.deepEqual(computeOnly.sort(), SPORT_IDS.map((id) => sportOf(id).modelHandler).sort());
  });

  test("an SQS batch call is allowed by its single-message action, as on AWS: the clock tick's SendMessageBatch by sqs:SendMessage", () => {
    const permissions = functionPermissions(app);
    const handlers = Object.assign({}, ...Object.values(local.handlers)) as Record<string, string>;
    const nameOf = (handler: RegExp) => {
      const fn = app.resources("AWS::Lambda::Function").find((f) => handler.test(handlers[f.logicalId] ?? ""))!;
      return String(fn.resolver.resolve({ Ref: fn.logicalId }));
    };
    const tick = nameOf(/clock\/tick/);
    for (const operation of ["SendMessage", "SendMessageBatch", "DeleteMessage", "DeleteMessageBatch"]) authorize(permissions, "000000000000", tick, "AmazonSQS", operation);
    // LoadState's role allows no SQS call: neither the single nor the batch one.
    for (const operation of ["SendMessage", "SendMessageBatch"]) {
      assert.throws(() => authorize(permissions, "000000000000", nameOf(/load-state/), "AmazonSQS", operation), { type: "AccessDeniedException", message: /perform: sqs:SendMessage because/ });
    }
  });

  test("rule targets, event-source mappings and redrive policies point at queues that exist", () => {
    const queueArns = app.resources("AWS::SQS::Queue").map((q) => q.resolver.resolve({ "Fn::GetAtt": [q.logicalId, "Arn"] }));
    const rules = app.resources("AWS::Events::Rule");
    assert.ok(rules.length > 0);
    for (const rule of rules) {
      for (const target of rule.properties.Targets) {
        assert.ok(queueArns.includes(target.Arn));
        if (target.DeadLetterConfig) assert.ok(queueArns.includes(target.DeadLetterConfig.Arn));
      }
    }
    for (const mapping of app.resources("AWS::Lambda::EventSourceMapping")) assert.ok(queueArns.includes(mapping.properties.EventSourceArn));
    for (const queue of app.resources("AWS::SQS::Queue")) {
      if (queue.properties.RedrivePolicy) assert.ok(queueArns.includes(queue.properties.RedrivePolicy.deadLetterTargetArn));
    }
  });
});
