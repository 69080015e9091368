import { beforeAll, describe, test } from "vitest";
import assert from "node:assert/strict";
import { Template } from "aws-cdk-lib/assertions";
import { readdirSync, readFileSync } from "node:fs";
import { Config, resetConfig } from "@pricing/core/config";
import { DEFAULT_GAP_POLICY } from "@pricing/core/match/sequencer";
import * as policy from "@pricing/core/policy";
import { EXPIRES_AT_ATTRIBUTE } from "@pricing/core/store/match-state";
import { synthesizeApp, type SynthesizedApp } from "@pricing/local/template/synth-app";

/**
 * The policy is defined once, in packages/core/src/policy.ts: the synthesized stacks
 * give the functions its values, the functions' defaults are its values, and the
 * stacks' code repeats none of them.
 */

let synth: SynthesizedApp;
type Resource = { Type: string; Properties: Record<string, any> };
const all = (type: string): Array<[string, Resource]> =>
  Object.values(synth.templates).flatMap((t) => Object.entries<Resource>(t.Resources).filter(([, r]) => r.Type === type));
const appFunctions = () => all("AWS::Lambda::Function").filter(([id]) => !id.startsWith("CustomResourceHandler"));
/** A function by its construct id (stacks/functions.ts names it `${id}Function`). */
const fn = (id: string) => appFunctions().find(([logicalId]) => logicalId.replace(/[0-9A-F]{8}$/, "") === `${id}Function`)![1].Properties;
const queue = (id: string) => all("AWS::SQS::Queue").find(([logicalId]) => logicalId.replace(/[0-9A-F]{8}$/, "") === id)![1].Properties;

/** Every environment variable the functions read with a policy value as its default. */
const POLICY_ENV = { GAP_BOUND_SECONDS: policy.GAP_BOUND_SECONDS, TICK_SECONDS: policy.TICK_SECONDS };

beforeAll(async () => {
  synth = await synthesizeApp({ stage: "test", bundle: false });
});

describe("the synthesized stacks deploy the policy", () => {
  test("every function given a policy variable gets the policy's value, and the functions that read one are given it", () => {
    for (const [id, f] of appFunctions()) {
      const env: Record<string, string> = f.Properties.Environment?.Variables ?? {};
      for (const [name, value] of Object.entries(POLICY_ENV)) {
        if (name in env) assert.equal(env[name], String(value), `${id}: ${name}`);
      }
      assert.equal("MARGIN" in env, false, `${id}: the margin is each group's target (margin/targets.ts), not a variable`);
    }
    for (const id of ["Ingest", "ClockTick"]) assert.equal(fn(id).Environment.Variables.GAP_BOUND_SECONDS, String(policy.GAP_BOUND_SECONDS), id);
    for (const id of ["ClockTick", "StartTicker"]) assert.equal(fn(id).Environment.Variables.TICK_SECONDS, String(policy.TICK_SECONDS), id);
  });

  test("the ingest and clock-tick timeouts and their queues' visibility timeouts are the policy's", () => {
    assert.equal(fn("Ingest").Timeout, policy.INGEST_TIMEOUT_SECONDS);
    assert.equal(queue("MatchEventsQueue").VisibilityTimeout, policy.FEED_VISIBILITY_TIMEOUT_SECONDS);
    assert.equal(fn("ClockTick").Timeout, policy.TICK_TIMEOUT_SECONDS);
    assert.equal(queue("ClockTicks").VisibilityTimeout, policy.CLOCK_VISIBILITY_TIMEOUT_SECONDS);
  });
});

describe("the clock-tick queue's visibility timeout fits its consumer", () => {
  test("the ClockTicks queue hides a received tick for at least six of its consumer's timeouts (AWS's guidance for SQS event sources)", () => {
    const lifecycle = Template.fromStack(synth.stacks.find((st) => st.node.id.endsWith("-Lifecycle"))!);
    const queues = lifecycle.findResources("AWS::SQS::Queue");
    const clockQueueId = Object.keys(queues).find((id) => /^ClockTicks[0-9A-F]{8}$/.test(id));
    assert.ok(clockQueueId, "the ClockTicks queue");
    const mappings = Object.values(lifecycle.findResources("AWS::Lambda::EventSourceMapping"))
      .filter((m) => JSON.stringify(m.Properties.EventSourceArn) === JSON.stringify({ "Fn::GetAtt": [clockQueueId, "Arn"] }));
    assert.equal(mappings.length, 1, "one consumer of the clock queue");
    const consumerId = (mappings[0].Properties.FunctionName as { Ref: string }).Ref;
    const consumer = lifecycle.findResources("AWS::Lambda::Function")[consumerId];
    assert.match(consumerId, /^ClockTickFunction/);
    const timeout = consumer.Properties.Timeout as number;
    const visibility = queues[clockQueueId].Properties.VisibilityTimeout as number;
    assert.equal(timeout, policy.TICK_TIMEOUT_SECONDS);
    assert.ok(visibility >= 6 * timeout, `visibility ${visibility} s for a ${timeout} s function`);
    lifecycle.hasResourceProperties("AWS::SQS::Queue", { VisibilityTimeout: policy.VISIBILITY_TIMEOUT_FACTOR * policy.TICK_TIMEOUT_SECONDS });
  });
});

describe("the table expires the items of matches never scheduled", () => {
  test("TTL is on the attribute the match-state item writes its expiry to", () => {
    const [table] = all("AWS::DynamoDB::Table");
    assert.deepEqual(table[1].Properties.TimeToLiveSpecification, { AttributeName: EXPIRES_AT_ATTRIBUTE, Enabled: true });
  });
});

describe("the policy holds together", () => {
  test("a failed feed event or tick comes back after its function's timeout; a feed event well inside the gap bound", () => {
    assert.ok(policy.FEED_VISIBILITY_TIMEOUT_SECONDS > policy.INGEST_TIMEOUT_SECONDS);
    assert.ok(policy.FEED_VISIBILITY_TIMEOUT_SECONDS < policy.GAP_BOUND_SECONDS);
    assert.ok(policy.CLOCK_VISIBILITY_TIMEOUT_SECONDS >= 6 * policy.TICK_TIMEOUT_SECONDS);
    assert.ok(policy.VISIBILITY_TIMEOUT_FACTOR >= 6);
  });

  test("a gap check (sent for just past the bound) and a tick fit in an SQS delay; the park limit is within the window", () => {
    assert.ok(policy.GAP_BOUND_SECONDS + 1 <= policy.SQS_MAX_DELAY_SECONDS);
    assert.ok(policy.TICK_SECONDS <= policy.SQS_MAX_DELAY_SECONDS);
    assert.ok(policy.PARK_LIMIT <= policy.SEQ_WINDOW);
  });

  test("the functions' defaults and the sequencer's default policy are the policy's", () => {
    const saved = { GAP_BOUND_SECONDS: process.env.GAP_BOUND_SECONDS, TICK_SECONDS: process.env.TICK_SECONDS };
    delete process.env.GAP_BOUND_SECONDS;
    delete process.env.TICK_SECONDS;
    resetConfig();
    try {
      assert.equal(Config.gapBoundSeconds, policy.GAP_BOUND_SECONDS);
      assert.equal(Config.tickSeconds, policy.TICK_SECONDS);
    } finally {
      for (const [name, value] of Object.entries(saved)) if (value !== undefined) process.env[name] = value;
      resetConfig();
    }
    assert.deepEqual(DEFAULT_GAP_POLICY, { gapBoundSeconds: policy.GAP_BOUND_SECONDS, parkLimit: policy.PARK_LIMIT, seqWindow: policy.SEQ_WINDOW });
  });
});

describe("the stacks' code repeats no policy value", () => {
  const STACKS = new URL("../../stacks/", import.meta.url);
  /** Each stack file's code, comments removed. */
  const code = readdirSync(STACKS).filter((f) => f.endsWith(".ts")).map((file) => ({
    file,
    text: readFileSync(new URL(file, STACKS), "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "").replace(/\s\/\/ .*$/gm, ""),
  }));
  const found = (pattern: RegExp) => code.flatMap(({ file, text }) => [...text.matchAll(pattern)].map((m) => `${file}: ${m[0]}`));

  test("the gap bound, the seq window, the SQS delay limit and the margin appear nowhere as numbers", () => {
    assert.deepEqual(found(/(?<![\w.])(30|32|900|0?\.05)(?![\w.])/g), []);
  });

  test("no policy constant is declared again, no environment variable is given a number, no visibility timeout is a literal", () => {
    const names = Object.keys(policy).join("|");
    assert.deepEqual(found(new RegExp(`\\b(const|let|var)\\s+(${names})\\b`, "g")), []);
    assert.deepEqual(found(/\b[A-Z][A-Z0-9_]*\s*:\s*(String\(\s*)?["'`]?-?\.?\d[^\n,}]*/g), []);
    assert.deepEqual(found(/visibilityTimeout\s*:[^,}\n]*\d[^,}\n]*/g), []);
  });

  test("the ingest and clock-tick functions' timeouts are not literals", () => {
    for (const id of ["Ingest", "ClockTick"]) {
      const timeouts = found(new RegExp(`handler\\(stack, "${id}",[^;]*?timeout:\\s*([^,\\n]+)`, "g"));
      assert.equal(timeouts.length, 1, id);
      assert.doesNotMatch(timeouts[0], /timeout:\s*["'`\d]/, timeouts[0]);
    }
  });
});
