import { afterAll, beforeAll, describe, test } from "vitest";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Match, Template } from "aws-cdk-lib/assertions";
import { z } from "zod";
import { synthesizeApp, type SynthesizedApp } from "@pricing/local/template/synth-app";
import { MAX_EVENT_BYTES, MAX_MESSAGE_BYTES } from "../../stacks/queues";
import { FEED_SOURCE, FeedDetail, type FeedEvent } from "@pricing/core/match/events";
import { DEFAULT_GAP_POLICY, SEQ_WINDOW } from "@pricing/core/match/sequencer";
import { ENGINE_SOURCE } from "@pricing/core/match/engine-events";
import { FUNCTION_LOG_RETENTION } from "../../stacks/functions";
import { ingestMessage } from "@pricing/core/match/flows/ingest";
import { loadState } from "@pricing/core/store/match-state";
import { engineTable } from "@pricing/core/store/table";
import { REJECTED_BODY_LIMIT, rejectedEventEntity } from "@pricing/core/store/rejected-event";
import { eventBridgeBody, startAws } from "../support/aws";
import { matchFeed } from "../support/match-feed";

// cdk-nag's AwsSolutions pack runs in test/stacks/app.test.ts ("cdk-nag AwsSolutions"):
// no unsuppressed finding, every suppression with its reason. Not repeated here.

type Resource = { Type: string; Properties: Record<string, any> };
type Statement = { Effect: string; Action?: string | string[]; NotAction?: unknown; Resource?: unknown; NotResource?: unknown; Principal?: any; Condition?: any };
const list = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

/** Services whose resources hold the app's data or drive its work. */
const DATA_SERVICES: Record<string, string> = {
  dynamodb: "AWS::DynamoDB::Table",
  sqs: "AWS::SQS::Queue",
  events: "AWS::Events::EventBus",
  states: "AWS::StepFunctions::StateMachine",
};
/** Actions AWS authorises without a resource (none of the data services' actions this app uses). */
const RESOURCELESS = new Set<string>();
/** The one AWS managed policy a role may carry: writing its own function's logs. */
const BASIC_EXECUTION = "policy/service-role/AWSLambdaBasicExecutionRole";
/** DynamoDB's item size limit, bytes. */
const DYNAMODB_ITEM_BYTES = 400 * 1024;

let synth: SynthesizedApp;
const resources = (): Array<[string, string, Resource]> =>
  Object.entries(synth.templates).flatMap(([stack, t]) => Object.entries<Resource>(t.Resources).map(([id, r]) => [stack, id, r] as [string, string, Resource]));
const ofType = (type: string) => resources().filter(([, , r]) => r.Type === type);

/** Every identity-policy statement: AWS::IAM::Policy, managed policies and roles' inline policies. */
function identityStatements(): Array<{ where: string; st: Statement }> {
  const out: Array<{ where: string; st: Statement }> = [];
  for (const [stack, id, r] of resources()) {
    const docs =
      r.Type === "AWS::IAM::Policy" || r.Type === "AWS::IAM::ManagedPolicy" ? [r.Properties.PolicyDocument]
      : r.Type === "AWS::IAM::Role" ? list<any>(r.Properties.Policies).map((p) => p.PolicyDocument)
      : [];
    for (const doc of docs) for (const st of list<Statement>(doc.Statement)) out.push({ where: `${stack}/${id}`, st });
  }
  return out;
}

/** Every resource-policy statement (queue, topic, bus and function policies). */
function resourcePolicyStatements(): Array<{ where: string; type: string; st: Statement }> {
  const out: Array<{ where: string; type: string; st: Statement }> = [];
  for (const [stack, id, r] of resources()) {
    if (r.Type === "AWS::Lambda::Permission") out.push({ where: `${stack}/${id}`, type: r.Type, st: { Effect: "Allow", Action: r.Properties.Action, Principal: r.Properties.Principal } });
    const doc =
      r.Type === "AWS::Events::EventBusPolicy" ? { Statement: r.Properties.Statement }
      : /Policy$/.test(r.Type) && !r.Type.startsWith("AWS::IAM::") ? r.Properties.PolicyDocument ?? r.Properties.Policy
      : r.Type === "AWS::Events::EventBus" ? r.Properties.Policy
      : undefined;
    for (const st of list<Statement>(doc?.Statement)) out.push({ where: `${stack}/${id}`, type: r.Type, st });
  }
  return out;
}

/** The CloudFormation type of the resource an ARN expression names (through exports and Fn::Join). */
function resourceTypeOf(expr: any, stack: string): string {
  if (typeof expr === "string") return expr;
  if (expr["Fn::GetAtt"]) return synth.templates[stack].Resources[expr["Fn::GetAtt"][0]].Type;
  if (expr.Ref) return synth.templates[stack].Resources[expr.Ref]?.Type ?? `pseudo:${expr.Ref}`;
  if (expr["Fn::ImportValue"]) {
    for (const [other, t] of Object.entries(synth.templates)) {
      for (const output of Object.values<any>(t.Outputs ?? {})) if (output.Export?.Name === expr["Fn::ImportValue"]) return resourceTypeOf(output.Value, other);
    }
    throw new Error(`no export ${expr["Fn::ImportValue"]}`);
  }
  if (expr["Fn::Join"]) {
    const parts = expr["Fn::Join"][1] as any[];
    const text = parts.map((p) => (typeof p === "string" ? p : "")).join("");
    const named = parts.find((p) => typeof p !== "string" && !p.Ref?.startsWith("AWS::"));
    if (named) return `${resourceTypeOf(named, stack)}${text.replace(/^[^/]*/, "")}`;
    const machine = /:stateMachine:(.+)$/.exec(text)?.[1];
    if (machine && stateMachineNames().includes(machine)) return "AWS::StepFunctions::StateMachine";
    return `arn:${text}`;
  }
  throw new Error(`cannot read ${JSON.stringify(expr)}`);
}

const stateMachineNames = () => ofType("AWS::StepFunctions::StateMachine").map(([, , r]) => r.Properties.StateMachineName as string);

/**
 * An upper bound, in bytes, of any value the schema accepts, with `perChar` bytes per
 * string code unit: 6 in JSON text (a control character escapes to \uXXXX), 3 as
 * DynamoDB stores it (UTF-8). Fails for anything unbounded.
 */
function maxJsonBytes(schema: any, perChar: number, where = "$"): number {
  if (schema.enum) return Math.max(...schema.enum.map((v: unknown) => JSON.stringify(v).length));
  if (schema.const !== undefined) return JSON.stringify(schema.const).length;
  if (schema.anyOf ?? schema.oneOf) return Math.max(...(schema.anyOf ?? schema.oneOf).map((s: any) => maxJsonBytes(s, perChar, where)));
  switch (schema.type) {
    case "string": {
      const max = schema.maxLength ?? Number(/\{\d+,(\d+)\}\$$/.exec(schema.pattern ?? "")?.[1] ?? NaN);
      assert.ok(Number.isFinite(max), `${where}: a string with no maximum length`);
      return perChar * max + 2;
    }
    case "integer":
    case "number": {
      const low = schema.minimum ?? schema.exclusiveMinimum;
      const high = schema.maximum ?? schema.exclusiveMaximum;
      assert.ok(Number.isFinite(low) && Number.isFinite(high), `${where}: a number with no range`);
      return schema.type === "integer" ? Math.max(String(low).length, String(high).length) : 24;
    }
    case "boolean":
      return 5;
    case "object": {
      const props = Object.entries<any>(schema.properties ?? {});
      return 2 + props.reduce((sum, [key, value]) => sum + JSON.stringify(key).length + 2 + maxJsonBytes(value, perChar, `${where}.${key}`), 0);
    }
    case "array":
      assert.ok(Number.isFinite(schema.maxItems), `${where}: an array with no maximum length`);
      return 2 + schema.maxItems * (maxJsonBytes(schema.items, perChar, `${where}[]`) + 1);
    default:
      throw new Error(`${where}: unexpected schema ${JSON.stringify(schema).slice(0, 200)}`);
  }
}

const largestFeedEvent = (perChar: number) =>
  Math.max(...Object.entries(FeedDetail).map(([type, schema]) => maxJsonBytes(z.toJSONSchema(schema), perChar, type) + `,"type":${JSON.stringify(type)}`.length));

beforeAll(async () => {
  const outdir = mkdtempSync(path.join(os.tmpdir(), "pricing-security-"));
  const run = () => synthesizeApp({ stage: "security", outdir, bundle: false });
  // SST rewrites .sst/types on every synthesis: another test file synthesizing at the same moment can pull it away once.
  synth = await run().catch((error) => (String(error?.message).includes(".sst") ? run() : Promise.reject(error)));
});

describe("IAM: least privilege on data resources", () => {
  test("no Allow statement has a wildcard action, NotAction or NotResource", () => {
    const statements = identityStatements();
    assert.ok(statements.length > 30, `found ${statements.length} statements`);
    for (const { where, st } of statements.filter(({ st }) => st.Effect === "Allow")) {
      assert.equal(st.NotAction, undefined, where);
      assert.equal(st.NotResource, undefined, where);
      for (const action of list(st.Action)) assert.ok(!action.includes("*"), `${where}: ${action}`);
    }
  });

  test("every action on DynamoDB, SQS, EventBridge or Step Functions names a resource of that service in this app", () => {
    let checked = 0;
    for (const { where, st } of identityStatements()) {
      const stack = where.split("/")[0];
      for (const action of list(st.Action)) {
        const expected = DATA_SERVICES[action.split(":")[0]];
        if (!expected || RESOURCELESS.has(action)) continue;
        const named = list<any>(st.Resource);
        assert.ok(named.length > 0, `${where}: ${action} names no resource`);
        for (const r of named) {
          assert.notEqual(r, "*", `${where}: ${action} on *`);
          const type = resourceTypeOf(r, stack);
          // A table's indexes (table/index/*) are the only sub-resources granted.
          assert.ok(type === expected || (expected === "AWS::DynamoDB::Table" && type === `${expected}/index/*`), `${where}: ${action} on ${type}`);
          checked++;
        }
      }
    }
    assert.ok(checked >= 25, `${checked} data grants checked`);
  });

  test("roles are assumed only by Lambda and Step Functions (the FeedProducer by this account, the TraderRole by nobody), with no managed policy beyond basic execution", () => {
    const roles = ofType("AWS::IAM::Role");
    assert.ok(roles.length >= 12);
    for (const [stack, id, role] of roles) {
      if (/^FeedProducer/.test(id)) {
        assert.deepEqual(role.Properties.AssumeRolePolicyDocument.Statement.map((st: Statement) => JSON.stringify(st.Principal)), [
          JSON.stringify({ AWS: { "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":iam::000000000000:root"]] } }),
        ]);
        assert.equal(role.Properties.ManagedPolicyArns, undefined);
        continue;
      }
      if (/^TraderRole/.test(id)) {
        // test/stacks/trader.test.ts: an Allow for the account and a Deny for everyone, so nobody until the stage names traders.
        assert.deepEqual(role.Properties.AssumeRolePolicyDocument.Statement.map((st: Statement) => st.Effect), ["Allow", "Deny"]);
        assert.equal(role.Properties.ManagedPolicyArns, undefined);
        continue;
      }
      for (const st of role.Properties.AssumeRolePolicyDocument.Statement) {
        assert.deepEqual(Object.keys(st.Principal), ["Service"], `${stack}/${id}`);
        for (const service of list<string>(st.Principal.Service)) assert.ok(["lambda.amazonaws.com", "states.amazonaws.com"].includes(service), `${stack}/${id}: ${service}`);
      }
      for (const arn of list<any>(role.Properties.ManagedPolicyArns)) assert.ok(JSON.stringify(arn).includes(BASIC_EXECUTION), `${stack}/${id}: ${JSON.stringify(arn)}`);
    }
  });
});

describe("the bus takes events only from its own account, feed events only from the FeedProducer role", () => {
  const eventsStack = () => Template.fromStack(synth.stacks.find((st) => st.node.id.endsWith("-Events"))!);
  const busArn = () => ({ "Fn::GetAtt": [Object.keys(eventsStack().findResources("AWS::Events::EventBus"))[0], "Arn"] });
  const producerId = () => Object.keys(eventsStack().findResources("AWS::IAM::Role")).find((id) => /^FeedProducer/.test(id))!;

  test("the bus policy only denies: feed events from any principal but the FeedProducer role (and trader events but from the TraderRole)", () => {
    const buses = ofType("AWS::Events::EventBus");
    assert.equal(buses.length, 1);
    assert.equal(buses[0][2].Properties.Policy, undefined);
    const template = eventsStack();
    template.resourceCountIs("AWS::Events::EventBusPolicy", 2);
    for (const policy of Object.values(template.findResources("AWS::Events::EventBusPolicy"))) assert.equal(policy.Properties.Statement.Effect, "Deny");
    template.hasResourceProperties("AWS::Events::EventBusPolicy", {
      Statement: {
        Effect: "Deny",
        Principal: { AWS: "*" },
        Action: "events:PutEvents",
        Resource: busArn(),
        Condition: { StringEquals: { "events:source": FEED_SOURCE }, ArnNotEquals: { "aws:PrincipalArn": { "Fn::GetAtt": [producerId(), "Arn"] } } },
      },
    });
  });

  test("the FeedProducer role may put only feed events, only on the bus, and its ARN is an output", () => {
    const template = eventsStack();
    template.hasResourceProperties("AWS::IAM::Policy", {
      Roles: [{ Ref: producerId() }],
      PolicyDocument: { Statement: [{ Effect: "Allow", Action: "events:PutEvents", Resource: busArn(), Condition: { StringEquals: { "events:source": FEED_SOURCE } } }] },
    });
    template.hasOutput("FeedProducerRoleArn", { Value: { "Fn::GetAtt": [producerId(), "Arn"] } });
  });

  test("every other role's events:PutEvents is conditioned on the engine's source", () => {
    const grants = identityStatements().filter(({ where, st }) => st.Effect === "Allow" && list(st.Action).includes("events:PutEvents") && !/\/(FeedProducer|TraderRole)/.test(where));
    assert.ok(grants.length >= 6, `${grants.length} engine grants`);
    for (const { where, st } of grants) {
      assert.deepEqual(list(st.Action), ["events:PutEvents"], where);
      assert.deepEqual(st.Condition, { StringEquals: { "events:source": ENGINE_SOURCE } }, where);
    }
  });

  test("no resource policy allows another account, and none allows events:PutEvents at all", () => {
    const allows = resourcePolicyStatements().filter(({ st }) => st.Effect === "Allow");
    assert.ok(allows.length >= 2, "the feed queue and its DLQ let the rule deliver");
    for (const { where, st } of allows) {
      for (const action of list(st.Action)) assert.ok(!/^events:(PutEvents|\*)$|^\*$/.test(action), `${where}: ${action}`);
      // Only AWS services acting for this app's own resources: a service principal, fenced by the source ARN.
      assert.deepEqual(Object.keys(st.Principal ?? {}), ["Service"], `${where}: ${JSON.stringify(st.Principal)}`);
      const source = st.Condition?.ArnEquals?.["aws:SourceArn"];
      assert.ok(source, `${where}: no aws:SourceArn condition`);
      assert.equal(resourceTypeOf(source, where.split("/")[0]), "AWS::Events::Rule", where);
    }
  });

  test("prices are announced by the PriceMatch machine's role, not by PublishPrices", () => {
    const grants = identityStatements().filter(({ st }) => st.Effect === "Allow" && list(st.Action).includes("events:PutEvents"));
    const where = grants.map((g) => g.where.split("/")[1]);
    assert.ok(where.some((w) => /^PriceMatchRole/.test(w)), where.join(", "));
    assert.ok(!where.some((w) => /^PublishPrices/.test(w)), where.join(", "));
  });

  test("events:PutEvents is granted only to this app's roles, only on its bus", () => {
    const grants = identityStatements().filter(({ st }) => st.Effect === "Allow" && list(st.Action).includes("events:PutEvents"));
    assert.ok(grants.length >= 5);
    for (const { where, st } of grants) for (const r of list<any>(st.Resource)) assert.equal(resourceTypeOf(r, where.split("/")[0]), "AWS::Events::EventBus", where);
  });
});

describe("task callbacks and logs", () => {
  test("SendTaskSuccess is granted only on the Lifecycle machine, to ingest, AwaitEpoch and the clock", () => {
    const grants = identityStatements().filter(({ st }) => list(st.Action).includes("states:SendTaskSuccess"));
    assert.deepEqual(grants.map(({ where }) => where.split("/")[1].replace(/ServiceRole.*/, "")).sort(), ["AwaitEpochFunction", "ClockTickFunction", "IngestFunction"]);
    const lifecycle = stateMachineNames().find((name) => name.endsWith("Lifecycle"));
    for (const { where, st } of grants) {
      assert.deepEqual(list(st.Action), ["states:SendTaskSuccess"], where);
      const [resource] = list<any>(st.Resource);
      assert.equal(list(st.Resource).length, 1, where);
      assert.notEqual(resource, "*", where);
      assert.equal(resourceTypeOf(resource, where.split("/")[0]), "AWS::StepFunctions::StateMachine", where);
      assert.match(JSON.stringify(resource), new RegExp(`:stateMachine:${lifecycle}"`), where);
    }
  });

  test(`every function logs to its own log group, kept ${FUNCTION_LOG_RETENTION} days`, () => {
    let checked = 0;
    for (const stack of synth.stacks) {
      const template = Template.fromStack(stack);
      const groups = template.findResources("AWS::Logs::LogGroup");
      for (const [id, fn] of Object.entries(template.findResources("AWS::Lambda::Function"))) {
        if (id.startsWith("CustomResourceHandler")) continue;
        const group = fn.Properties.LoggingConfig?.LogGroup?.Ref;
        assert.ok(group && groups[group], `${stack.node.id}/${id}: no log group of its own`);
        assert.equal(groups[group].Properties.RetentionInDays, FUNCTION_LOG_RETENTION, `${stack.node.id}/${id}`);
        checked++;
      }
      if (Object.keys(groups).length > 0) template.allResourcesProperties("AWS::Logs::LogGroup", { RetentionInDays: Match.anyValue() });
    }
    assert.ok(checked >= 11, `${checked} functions`);
  });
});

describe("input sizes are bounded", () => {
  test("every field of every feed event has a maximum size (strings, numbers, arrays)", () => {
    for (const [type, schema] of Object.entries(FeedDetail)) assert.ok(maxJsonBytes(z.toJSONSchema(schema), 6, type) > 0);
  });

  test("a state item with the most parked events of the largest kind stays under DynamoDB's 400 KB", () => {
    const largest = largestFeedEvent(3);
    // Parked events are distinct seqs inside the window, and the park limit is never above it.
    const most = Math.min(DEFAULT_GAP_POLICY.parkLimit + 1, SEQ_WINDOW);
    const parked = most * (largest + 1);
    assert.ok(parked < DYNAMODB_ITEM_BYTES / 2, `${most} parked events of ${largest} bytes take ${parked} bytes`);
  });

  test("every valid feed event fits the buffer queue, and the rule's DLQ takes any entry the bus accepts", () => {
    // The EventBridge envelope adds id, source, account, time, region, resources: well under 1 KB.
    assert.ok(largestFeedEvent(6) + 1024 < MAX_MESSAGE_BYTES, `largest feed event ${largestFeedEvent(6)} bytes`);
    const queues = ofType("AWS::SQS::Queue");
    for (const [, id, q] of queues) {
      const size = q.Properties.MaximumMessageSize;
      assert.equal(size, /^FeedDeliveryDlq/.test(id) ? MAX_EVENT_BYTES : MAX_MESSAGE_BYTES, id);
    }
  });
});

describe("ingest refuses oversize input with a reason", () => {
  let aws: Awaited<ReturnType<typeof startAws>>;
  beforeAll(async () => { aws = await startAws(); });
  afterAll(() => aws?.stop());

  const oversize: Array<[string, (e: any) => void, RegExp]> = [
    ["a 70,000-character team name", (e) => (e.detail.homeTeam = "A".repeat(70_000)), /200[\s\S]*homeTeam/],
    ["a time with 1,000 fractional digits", (e) => (e.detail.occurredAt = `2024-08-16T14:00:00.${"9".repeat(1000)}Z`), /occurredAt/],
    ["an 81-character match id", (e) => (e.detail.matchId = "m".repeat(81)), /matchId/],
    ["a 129-character detail-type", (e) => (e["detail-type"] = "T".repeat(129)), /detail-type/],
  ];
  for (const [what, spoil, reason] of oversize) {
    test(`${what}: rejected, stored (cut to ${REJECTED_BODY_LIMIT} characters), no state`, async () => {
      const matchId = `oversize-${what.length}`;
      const event = JSON.parse(eventBridgeBody(matchFeed(matchId, [])[0] as FeedEvent));
      spoil(event);
      const body = JSON.stringify(event);
      const report = await ingestMessage(body);
      assert.equal(report.outcome, "rejected");
      if (report.outcome !== "rejected") return;
      assert.match(report.reason, reason);
      const stored = await engineTable().entity(rejectedEventEntity).get({ rejectionId: report.rejectionId }).go();
      assert.equal(stored.data?.body, body.slice(0, REJECTED_BODY_LIMIT));
      assert.equal((await loadState(matchId)).version, 0);
      assert.equal(aws.calls.filter((c) => c.service.startsWith("sfn:")).length, 0);
    });
  }
});
