import { afterAll, beforeAll, describe, test } from "vitest";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Template } from "aws-cdk-lib/assertions";
import { synthesizeApp, type SynthesizedApp } from "@pricing/local/template/synth-app";
import { TRADER_SOURCE } from "@pricing/core/match/trader";
import { traderPrincipals } from "../../stacks/Events";

type Statement = { Effect: string; Action?: string | string[]; Principal?: any; Condition?: any; Resource?: unknown };
const list = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

const DESK = "arn:aws:iam::000000000000:role/trading-desk";

async function synthesize(stage: string): Promise<SynthesizedApp> {
  const outdir = mkdtempSync(path.join(os.tmpdir(), `pricing-${stage}-`));
  const run = () => synthesizeApp({ stage, outdir, bundle: false });
  return run().catch((error) => (String(error?.message).includes(".sst") ? run() : Promise.reject(error)));
}

const eventsOf = (synth: SynthesizedApp) => Template.fromStack(synth.stacks.find((st) => st.node.id.endsWith("-Events"))!);
const roleId = (t: Template, pattern: RegExp) => Object.keys(t.findResources("AWS::IAM::Role")).find((id) => pattern.test(id))!;
const busArn = (t: Template) => ({ "Fn::GetAtt": [Object.keys(t.findResources("AWS::Events::EventBus"))[0], "Arn"] });

/** Every identity-policy statement of every stack that allows events:PutEvents, with where it is. */
function putEventsGrants(synth: SynthesizedApp): Array<{ where: string; st: Statement }> {
  const out: Array<{ where: string; st: Statement }> = [];
  for (const [stack, t] of Object.entries(synth.templates)) {
    for (const [id, r] of Object.entries<any>(t.Resources)) {
      const docs = r.Type === "AWS::IAM::Policy" || r.Type === "AWS::IAM::ManagedPolicy" ? [r.Properties.PolicyDocument]
        : r.Type === "AWS::IAM::Role" ? list<any>(r.Properties.Policies).map((p) => p.PolicyDocument) : [];
      for (const doc of docs) {
        for (const st of list<Statement>(doc.Statement)) {
          if (st.Effect === "Allow" && list(st.Action).some((a) => a === "events:PutEvents" || a === "events:*" || a === "*")) out.push({ where: `${stack}/${id}`, st });
        }
      }
    }
  }
  return out;
}

describe("trader actions on the bus: only the TraderRole may put them", () => {
  let synth: SynthesizedApp;
  let granted: SynthesizedApp;
  const saved = process.env.PRICING_TRADER_PRINCIPALS;
  beforeAll(async () => {
    delete process.env.PRICING_TRADER_PRINCIPALS;
    synth = await synthesize("trader");
    process.env.PRICING_TRADER_PRINCIPALS = ` ${DESK} `;
    try {
      granted = await synthesize("traderdesk");
    } finally {
      if (saved === undefined) delete process.env.PRICING_TRADER_PRINCIPALS;
      else process.env.PRICING_TRADER_PRINCIPALS = saved;
    }
  }, 120_000);
  afterAll(() => {
    if (saved !== undefined) process.env.PRICING_TRADER_PRINCIPALS = saved;
  });

  test("the TraderRole may put only trader events, only on the bus, and its ARN is an output", () => {
    const t = eventsOf(synth);
    const id = roleId(t, /^TraderRole/);
    t.hasResourceProperties("AWS::IAM::Policy", {
      Roles: [{ Ref: id }],
      PolicyDocument: { Statement: [{ Effect: "Allow", Action: "events:PutEvents", Resource: busArn(t), Condition: { StringEquals: { "events:source": TRADER_SOURCE } } }] },
    });
    t.hasOutput("TraderRoleArn", { Value: { "Fn::GetAtt": [id, "Arn"] } });
  });

  test("by default nobody may assume the TraderRole: its trust policy denies everyone", () => {
    const t = eventsOf(synth);
    const role = t.findResources("AWS::IAM::Role")[roleId(t, /^TraderRole/)];
    const statements = role.Properties.AssumeRolePolicyDocument.Statement as Statement[];
    const deny = statements.filter((st) => st.Effect === "Deny");
    assert.equal(deny.length, 1);
    assert.deepEqual(deny[0].Principal, { AWS: "*" });
    assert.equal(deny[0].Condition, undefined);
    assert.deepEqual(list(deny[0].Action), ["sts:AssumeRole"]);
  });

  test("a stage that names principals (PRICING_TRADER_PRINCIPALS) trusts exactly those, with no deny", () => {
    const t = eventsOf(granted);
    const role = t.findResources("AWS::IAM::Role")[roleId(t, /^TraderRole/)];
    const statements = role.Properties.AssumeRolePolicyDocument.Statement as Statement[];
    assert.deepEqual(statements.map((st) => [st.Effect, st.Principal]), [["Allow", { AWS: DESK }]]);
  });

  test("the bus denies trader events to every principal but the TraderRole", () => {
    const t = eventsOf(synth);
    t.hasResourceProperties("AWS::Events::EventBusPolicy", {
      Statement: {
        Effect: "Deny",
        Principal: { AWS: "*" },
        Action: "events:PutEvents",
        Resource: busArn(t),
        Condition: { StringEquals: { "events:source": TRADER_SOURCE }, ArnNotEquals: { "aws:PrincipalArn": { "Fn::GetAtt": [roleId(t, /^TraderRole/), "Arn"] } } },
      },
    });
  });

  test("no other role or policy may put events with the trader source: every other grant is conditioned on another source", () => {
    const grants = putEventsGrants(synth);
    const others = grants.filter(({ where }) => !/\/TraderRole/.test(where));
    assert.ok(others.length >= 6, `${others.length} other grants`);
    for (const { where, st } of others) {
      const source = st.Condition?.StringEquals?.["events:source"];
      assert.equal(typeof source, "string", `${where}: PutEvents without a single events:source`);
      assert.notEqual(source, TRADER_SOURCE, where);
      assert.deepEqual(Object.keys(st.Condition), ["StringEquals"], where);
    }
    assert.equal(grants.filter(({ where }) => /\/TraderRole/.test(where)).length, 1);
  });

  test("trader actions reach the ingest buffer by a rule of their own, and are archived", () => {
    const t = eventsOf(synth);
    t.hasResourceProperties("AWS::Events::Rule", { EventPattern: { source: [TRADER_SOURCE] } });
    t.hasResourceProperties("AWS::Events::Archive", { EventPattern: { source: [TRADER_SOURCE] }, RetentionDays: 365 });
  });

  test("the stage parameter takes IAM role or user ARNs and refuses anything else", () => {
    assert.deepEqual(traderPrincipals(""), []);
    assert.deepEqual(traderPrincipals(`${DESK}, arn:aws:iam::000000000000:user/alice`), [DESK, "arn:aws:iam::000000000000:user/alice"]);
    assert.throws(() => traderPrincipals("*"), /not an IAM role or user ARN/);
    assert.throws(() => traderPrincipals("arn:aws:iam::000000000000:root"), /not an IAM role or user ARN/);
  });
});
