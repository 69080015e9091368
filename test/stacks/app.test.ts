import { beforeAll, describe, test } from "vitest";
import { modelBatches } from "@pricing/core/sports/batches";
import { SPORT_IDS, SPORTS } from "@pricing/core/sports/registry";
import { CLOCK_BATCHING_WINDOW_SECONDS, PRICE_JOBS_PER_EXECUTION } from "@pricing/core/policy";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { synthesizeApp, type SynthesizedApp } from "@pricing/local/template/synth-app";

const validateAsl = createRequire(import.meta.url)("asl-validator") as (asl: unknown) => { isValid: boolean; errors: unknown[] };
const outdir = mkdtempSync(path.join(os.tmpdir(), "pricing-synth-"));
let synth: SynthesizedApp;
type Resource = { Type: string; Properties: Record<string, any> };
const resources = (stack: string, type: string): Array<[string, Resource]> =>
  Object.entries<Resource>(synth.templates[`test-pricing-engine-${stack}`].Resources).filter(([, r]) => r.Type === type);
const allResources = (type: string) => ["Storage", "Events", "Pricing", "Lifecycle", "Observability"].flatMap((s) => resources(s, type));
const one = (stack: string, type: string) => {
  const found = resources(stack, type);
  assert.equal(found.length, 1, `${stack} has one ${type}`);
  return found[0][1].Properties;
};
const appFunctions = () => allResources("AWS::Lambda::Function").filter(([id]) => !id.startsWith("CustomResourceHandler"));
const definition = (prefix: string) => Object.entries(synth.definitions).find(([id]) => id.startsWith(prefix))![1];

beforeAll(async () => {
  synth = await synthesizeApp({ stage: "test", outdir, nag: true });
});

describe("storage", () => {
  test("one on-demand table, encrypted, point-in-time recovery, the status-and-kickoff index", () => {
    const table = one("Storage", "AWS::DynamoDB::Table");
    assert.equal(table.BillingMode, "PAY_PER_REQUEST");
    assert.deepEqual(table.PointInTimeRecoverySpecification, { PointInTimeRecoveryEnabled: true });
    assert.equal(table.SSESpecification.SSEEnabled, true);
    assert.deepEqual(table.GlobalSecondaryIndexes.map((i: any) => i.IndexName), ["gsi1"]);
  });
});

describe("events", () => {
  test("the bus has an archive of feed events and one of trader actions, and its policy statements only deny (own account only)", () => {
    assert.equal(one("Events", "AWS::Events::EventBus").Name, "test-match-events");
    assert.deepEqual(resources("Events", "AWS::Events::Archive").map(([, r]) => r.Properties.EventPattern), [{ source: ["pricing.feed"] }, { source: ["pricing.trader"] }]);
    const policies = resources("Events", "AWS::Events::EventBusPolicy");
    assert.equal(policies.length, 2);
    for (const [, p] of policies) assert.equal(p.Properties.Statement.Effect, "Deny");
  });

  test("the feed rule matches feed events of this account and targets the buffer queue with a DLQ (as the trader rule does)", () => {
    const rules = resources("Events", "AWS::Events::Rule");
    assert.deepEqual(rules.map(([id]) => id.replace(/[0-9A-F]{8}$/, "")), ["FeedToQueue", "TraderToQueue"]);
    assert.deepEqual(rules[1][1].Properties.EventPattern, { source: ["pricing.trader"], account: [{ Ref: "AWS::AccountId" }] });
    assert.deepEqual(rules[1][1].Properties.Targets.map((t: any) => t.Arn), rules[0][1].Properties.Targets.map((t: any) => t.Arn));
    const rule = rules[0][1].Properties;
    assert.deepEqual(rule.EventPattern, { source: ["pricing.feed"], account: [{ Ref: "AWS::AccountId" }] });
    assert.equal(rule.Targets.length, 1);
    const target = rule.Targets[0];
    assert.match(target.Arn["Fn::GetAtt"][0], /^MatchEventsQueue/);
    assert.match(target.DeadLetterConfig.Arn["Fn::GetAtt"][0], /^FeedDeliveryDlq/);
    assert.ok(target.RetryPolicy.MaximumRetryAttempts > 0);
  });

  test("every work queue redrives to a DLQ; every queue is encrypted, TLS-only and size-bounded", () => {
    const queues = allResources("AWS::SQS::Queue");
    const work = queues.filter(([id]) => !/Dlq/.test(id));
    assert.deepEqual(work.map(([id]) => id.replace(/[0-9A-F]{8}$/, "")).sort(), ["ClockTicks", "MatchEventsQueue"]);
    for (const [id, q] of work) assert.ok(q.Properties.RedrivePolicy?.deadLetterTargetArn, `${id} has a DLQ`);
    for (const [id, q] of queues) {
      assert.equal(q.Properties.SqsManagedSseEnabled, true, id);
      // The feed rule's DLQ takes a whole EventBridge entry (see test/stacks/security.test.ts).
      assert.equal(q.Properties.MaximumMessageSize, /^FeedDeliveryDlq/.test(id) ? 262144 : 65536, id);
    }
    const tlsOnly = allResources("AWS::SQS::QueuePolicy").filter(([, p]) =>
      p.Properties.PolicyDocument.Statement.some((s: any) => s.Effect === "Deny" && s.Condition?.Bool?.["aws:SecureTransport"] === "false"),
    );
    assert.equal(tlsOnly.length, queues.length);
  });

  test("ingest drains the buffer in batches with partial failures and capped concurrency", () => {
    const mapping = one("Events", "AWS::Lambda::EventSourceMapping");
    assert.equal(mapping.BatchSize, 10);
    assert.deepEqual(mapping.FunctionResponseTypes, ["ReportBatchItemFailures"]);
    assert.equal(mapping.ScalingConfig.MaximumConcurrency, 5);
    // Events are never held back to fill a batch; ticks wait up to a second, so a busy match day's batches are full (ten repricings an execution).
    assert.equal(mapping.MaximumBatchingWindowInSeconds, undefined);
    const ticks = one("Lifecycle", "AWS::Lambda::EventSourceMapping");
    assert.deepEqual(ticks.FunctionResponseTypes, ["ReportBatchItemFailures"]);
    assert.deepEqual([ticks.BatchSize, ticks.MaximumBatchingWindowInSeconds], [PRICE_JOBS_PER_EXECUTION, CLOCK_BATCHING_WINDOW_SECONDS]);
  });

  test("a failed feed event is back within 20 s and a clock tick within 60 s (six of its function's timeouts), never while its function may still run", () => {
    const queues = new Map(allResources("AWS::SQS::Queue").map(([id, q]) => [id, q.Properties]));
    const functions = new Map(appFunctions());
    const mappings = allResources("AWS::Lambda::EventSourceMapping").map(([, m]) => m.Properties);
    assert.equal(mappings.length, 2);
    for (const m of mappings) {
      const queue = queues.get(m.EventSourceArn["Fn::GetAtt"]?.[0] ?? "");
      const fn = functions.get(m.FunctionName.Ref);
      assert.ok(queue && fn, "the mapping's queue and function are in the app");
      assert.ok(queue.VisibilityTimeout > fn.Properties.Timeout, `${m.FunctionName.Ref}: visibility ${queue.VisibilityTimeout} s, timeout ${fn.Properties.Timeout} s`);
      // The feed's bound keeps a retried event inside the 30 s gap bound; a tick's is six of its function's timeouts.
      const bound = String(m.FunctionName.Ref).startsWith("ClockTick") ? 60 : 20;
      assert.ok(queue.VisibilityTimeout <= bound, `${m.FunctionName.Ref}: a failed record waits ${queue.VisibilityTimeout} s`);
    }
  });
});

describe("functions", () => {
  test("every handler is a real source file, on Node 22, arm64, traced", () => {
    const fns = appFunctions();
    // Ten handlers and one model function per sport.
    assert.equal(fns.length, 10 + SPORT_IDS.length);
    for (const [id, fn] of fns) {
      const p = fn.Properties;
      assert.equal(p.Runtime, "nodejs22.x", id);
      assert.deepEqual(p.Architectures, ["arm64"], id);
      assert.equal(p.TracingConfig.Mode, "Active", id);
      // A function's handler, or a sport's model function named by its sport module.
      assert.match(p.Handler, /^packages\/(functions\/src|core\/src\/sports\/[a-z-]+)\/.+\.handler$/, id);
      assert.ok(existsSync(p.Handler.replace(/\.handler$/, ".ts")), `${id}: ${p.Handler}`);
    }
  });

  test("functions get their resources through environment variables", () => {
    const env = (handler: string) => appFunctions().find(([, f]) => f.Properties.Handler === `packages/functions/src/${handler}.handler`)![1].Properties.Environment.Variables;
    assert.deepEqual(Object.keys(env("events/ingest")).filter((k) => !/^(POWERTOOLS|SST|AWS_NODEJS)_|^NODE_OPTIONS$/.test(k)).sort(), [
      "BUS_NAME", "FEED_QUEUE_URL", "GAP_BOUND_SECONDS", "LIFECYCLE_ARN", "PRICE_MATCH_ARN", "TABLE_NAME",
    ]);
    assert.ok(env("clock/tick").TICK_SECONDS);
    assert.ok(env("clock/tick").CLOCK_QUEUE_URL);
  });
});

describe("state machines", () => {
  test("PriceMatch is Express with full logging; Lifecycle is Standard", () => {
    const price = one("Pricing", "AWS::StepFunctions::StateMachine");
    assert.equal(price.StateMachineType, "EXPRESS");
    assert.equal(price.LoggingConfiguration.Level, "ALL");
    assert.equal(price.LoggingConfiguration.IncludeExecutionData, true);
    const life = one("Lifecycle", "AWS::StepFunctions::StateMachine");
    assert.equal(life.StateMachineType, "STANDARD");
    assert.equal(life.StateMachineName, "test-pricing-engine-Lifecycle");
  });

  test("every definition passes asl-validator and uses JSONPath only", () => {
    for (const [id, asl] of Object.entries(synth.definitions)) {
      const result = validateAsl(asl);
      assert.ok(result.isValid, `${id}: ${JSON.stringify(result.errors)}`);
      const text = JSON.stringify(asl);
      for (const unsupported of ['"JSONata"', '"Assign"', '"ToleratedFailure', '"ItemReader"', "{%"]) assert.ok(!text.includes(unsupported), `${id} uses ${unsupported}: ${text.slice(text.indexOf(unsupported) - 200, text.indexOf(unsupported) + 60)}`);
    }
  });

  test("PriceMatch maps over batches of groups with jittered retries, a per-batch catch and per-group failures", () => {
    const asl = definition("PriceMatch");
    const jobsPath = [...SPORT_IDS.map((id) => `Price${id[0].toUpperCase()}${id.slice(1)}Jobs`), "Jobs?", "JobsSport?", "UnknownJobsSport", "PublishJobs", "PublishUnpriced"];
    assert.deepEqual(Object.keys(asl.States).sort(), ["JobGiven?", "LoadState", "NothingToPrice", "PriceBatches", "Priceable?", "Publish", "Announce?", "Superseded", "Announce", "AnnounceChunks", ...jobsPath].sort());
    // Jobs of several matches take the jobs path (below); a given job (it has a state version) goes straight to pricing; anything else is loaded first.
    assert.equal(asl.StartAt, "Jobs?");
    assert.deepEqual(asl.States["Jobs?"].Choices, [{ Variable: "$.jobs", IsPresent: true, Next: "JobsSport?" }]);
    assert.equal(asl.States["Jobs?"].Default, "JobGiven?");
    assert.deepEqual(asl.States["JobGiven?"].Choices, [{ Variable: "$.stateVersion", IsPresent: true, Next: "Priceable?" }]);
    assert.equal(asl.States["JobGiven?"].Default, "LoadState");
    assert.equal(asl.States.LoadState.Next, "Priceable?");
    const map = asl.States.PriceBatches;
    assert.equal(map.Type, "Map");
    // An item is a batch (a list of groups): one model invocation each.
    assert.equal(map.ItemsPath, "$.batches");
    assert.equal(map.ItemSelector["groups.$"], "$$.Map.Item.Value");
    // Every batch of a full repricing may run at once: the largest batch plan of any sport.
    assert.equal(map.MaxConcurrency, Math.max(...SPORT_IDS.map((id) => modelBatches(SPORTS[id], SPORTS[id].groups).length)));
    // Each item goes to its sport's model function.
    const bySport = map.ItemProcessor.States["Sport?"];
    assert.equal(map.ItemProcessor.StartAt, "Sport?");
    assert.deepEqual(bySport.Choices, SPORT_IDS.map((id) => ({ Variable: "$.sport", StringEquals: id, Next: `Price${id[0].toUpperCase()}${id.slice(1)}` })));
    assert.equal(bySport.Default, "UnknownSport");
    assert.equal(map.ItemSelector["sport.$"], "$.sport");
    const states = map.ItemProcessor.States;
    for (const id of SPORT_IDS) {
      const price = states[`Price${id[0].toUpperCase()}${id.slice(1)}`];
      assert.equal(price.Parameters["groups.$"], "$.groups");
      assert.equal(price.Retry[0].JitterStrategy, "FULL");
      assert.ok(price.Retry[0].BackoffRate > 1);
      assert.ok(price.Retry[0].ErrorEquals.includes("ModelError"));
      // An invocation that still fails suspends its whole batch.
      assert.deepEqual(price.Catch, [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: "BatchFailed" }]);
      assert.equal(price.ResultPath, "$.batch");
      assert.equal(price.Next, "AnyGroupFailed?");
    }
    assert.equal(states.BatchFailed.End, true);
    assert.equal(states.BatchFailed.Parameters["groups.$"], "$.groups");
    // A priced batch with some groups failed goes through ModelFailed for those; otherwise its results are the item's output.
    assert.deepEqual(states["AnyGroupFailed?"].Choices, [{ Variable: "$.batch.failures[0]", IsPresent: true, Next: "GroupsFailed" }]);
    assert.equal(states["AnyGroupFailed?"].Default, "BatchPriced");
    assert.equal(states.GroupsFailed.Parameters["failures.$"], "$.batch.failures");
    assert.equal(states.GroupsFailed.End, true);
    assert.equal(states.BatchPriced.OutputPath, "$.batch.results");
    assert.deepEqual(states.BatchFailed.Resource, states.GroupsFailed.Resource, "both go to ModelFailed");
    assert.equal(map.Next, "Publish");
    // Publish is retried on any error, and names its execution so the retry may reclaim the version it claimed.
    const publish = asl.States.Publish;
    assert.deepEqual(publish.Retry.at(-1).ErrorEquals, ["States.ALL"]);
    assert.equal(publish.Retry.at(-1).JitterStrategy, "FULL");
    assert.equal(publish.Parameters["executionName.$"], "$$.Execution.Name");
    // Whether the job is group-limited: its version then holds those groups alone.
    assert.equal(publish.Parameters["partial.$"], "$.partial");
    // The machine announces what Publish returns, with EventBridge's integration (it fails on a refused entry), retried with jitter.
    assert.equal(publish.Next, "Announce?");
    const published = asl.States["Announce?"];
    assert.deepEqual(published.Choices, [
      { Variable: "$.announce[1]", IsPresent: true, Next: "AnnounceChunks" },
      { Variable: "$.announce[0]", IsPresent: true, Next: "Announce" },
    ]);
    assert.equal(published.Default, "Superseded", "nothing to announce");
    const chunks = asl.States.AnnounceChunks;
    assert.deepEqual([chunks.ItemsPath, chunks.MaxConcurrency, chunks.ResultPath], ["$.announce", 1, null], "the chunks in order; the output stays Publish's");
    const chunk = chunks.ItemProcessor.States[chunks.ItemProcessor.StartAt];
    for (const [task, entries] of [[asl.States.Announce, "$.announce[0]"], [chunk, "$"]]) {
      assert.equal(task.Resource, "arn:aws:states:::events:putEvents");
      assert.deepEqual(task.Parameters, { "Entries.$": entries });
      assert.equal(task.ResultPath, null);
      assert.deepEqual(task.Retry.at(-1).ErrorEquals, ["States.ALL"]);
      assert.equal(task.Retry.at(-1).JitterStrategy, "FULL");
    }
  });

  test("Announce? routes on the local cloud's Step Functions engine as on AWS: nothing to announce, one chunk, several", async () => {
    await import("@pricing/local/stepfunctions/polyfill");
    const { StateMachine } = await import("aws-local-stepfunctions");
    const asl = definition("PriceMatch");
    // The machine's own Choice, its three targets made Pass states that name themselves.
    const machine = new StateMachine({
      StartAt: "Announce?",
      States: {
        "Announce?": asl.States["Announce?"],
        ...Object.fromEntries(["Superseded", "Announce", "AnnounceChunks"].map((name) => [name, { Type: "Pass", Result: name, End: true }])),
      },
    });
    const entry = { DetailType: "Prices Published" };
    const routes = [];
    // A superseded single job returns no announcement; a superseded batch of jobs, an empty one.
    const inputs: Array<Record<string, unknown>> = [{ published: false }, { published: false, announce: [] }, { announce: [[entry]] }, { announce: [[entry], [entry]] }];
    for (const input of inputs) routes.push(await machine.run(input as never).result);
    assert.deepEqual(routes, ["Superseded", "Superseded", "Announce", "AnnounceChunks"]);
  });

  test("PriceMatch's jobs path prices several matches in one model invocation of their sport and publishes them in one Publish", () => {
    const asl = definition("PriceMatch");
    const s = asl.States;
    const bySport = s["JobsSport?"];
    const task = (id: string) => `Price${id[0].toUpperCase()}${id.slice(1)}Jobs`;
    assert.deepEqual(bySport.Choices, SPORT_IDS.map((id) => ({ Variable: "$.sport", StringEquals: id, Next: task(id) })));
    assert.equal(bySport.Default, "UnknownJobsSport");
    for (const id of SPORT_IDS) {
      const price = s[task(id)];
      // The sport's own model function, the single path's (the Map's) one.
      assert.deepEqual(price.Resource, s.PriceBatches.ItemProcessor.States[`Price${id[0].toUpperCase()}${id.slice(1)}`].Resource);
      assert.deepEqual(price.Parameters, { "jobs.$": "$.jobs" });
      assert.equal(price.ResultPath, "$.priced");
      assert.equal(price.Retry[0].JitterStrategy, "FULL");
      assert.ok(price.Retry[0].ErrorEquals.includes("ModelError") && price.Retry[0].ErrorEquals.includes("Sandbox.Timedout"));
      // An invocation that still fails publishes every job suspended, with the error.
      assert.deepEqual(price.Catch, [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: "PublishUnpriced" }]);
      assert.equal(price.Next, "PublishJobs");
    }
    for (const [id, extra] of [["PublishJobs", { "priced.$": "$.priced.jobs" }], ["PublishUnpriced", { "error.$": "$.error" }]] as const) {
      const publish = s[id];
      assert.deepEqual(publish.Resource, s.Publish.Resource, "the one Publish function");
      assert.deepEqual(publish.Parameters, { "executionName.$": "$$.Execution.Name", "jobs.$": "$.jobs", ...extra });
      assert.deepEqual(publish.Retry.at(-1).ErrorEquals, ["States.ALL"]);
      assert.equal(publish.Next, "Announce?", "announced as the single path's");
    }
  });

  test("Lifecycle waits with task tokens, times out to auto-confirm, and can reach Void from every wait", () => {
    const asl = definition("Lifecycle");
    const s = asl.States;
    assert.equal(asl.StartAt, "Register");
    for (const wait of ["AwaitKickoff", "AwaitFinalWhistle", "AwaitResult"]) {
      assert.equal(s[wait].Resource, "arn:aws:states:::lambda:invoke.waitForTaskToken");
      assert.equal(s[wait].Parameters.Payload["taskToken.$"], "$$.Task.Token");
      const choice = s[s[wait].Next];
      assert.equal(choice.Type, "Choice");
      assert.deepEqual(choice.Choices[0], { Variable: "$.signal.epoch", StringEquals: "ABANDONED", Next: "Void" });
    }
    assert.deepEqual(s.AwaitResult.Catch, [{ ErrorEquals: ["States.Timeout"], ResultPath: "$.timeout", Next: "AutoConfirm" }]);
    assert.ok(s.AwaitResult.TimeoutSeconds > 0);
    assert.equal(s.AutoConfirm.Next, "Settle");
    assert.equal(s.PricePreEvent.Resource, "arn:aws:states:::states:startExecution");
    assert.equal(s.Settle.Next, "Settled");
    assert.equal(s.Void.Next, "Voided");
    assert.ok(Object.keys(s).length <= 15, "a match takes at most ~30 transitions");
  });
});

describe("permissions", () => {
  const statements = () =>
    allResources("AWS::IAM::Policy").flatMap(([id, p]) => p.Properties.PolicyDocument.Statement.map((st: any) => ({ id, ...st })));
  const asList = (x: unknown) => (Array.isArray(x) ? x : [x]);

  test("no wildcard actions; resource * only for actions that take no resource", () => {
    const resourceless = new Set(["xray:PutTraceSegments", "xray:PutTelemetryRecords", "logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery", "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups", "xray:GetSamplingRules", "xray:GetSamplingTargets"]);
    for (const st of statements()) {
      for (const action of asList(st.Action)) assert.ok(!String(action).endsWith("*"), `${st.id}: ${action}`);
      if (asList(st.Resource).includes("*")) for (const action of asList(st.Action)) assert.ok(resourceless.has(action), `${st.id}: ${action} on *`);
    }
  });

  test("DynamoDB actions name the table, and each function gets only its own", () => {
    const dynamo = statements().filter((st) => asList(st.Action).some((a: string) => a.startsWith("dynamodb:")));
    for (const st of dynamo) for (const r of asList(st.Resource)) assert.notEqual(r, "*", st.id);
    const actionsOf = (prefix: string) => dynamo.filter((st) => st.id.startsWith(prefix)).flatMap((st) => asList(st.Action)).sort();
    assert.deepEqual(actionsOf("LoadStateFunction"), ["dynamodb:GetItem"]);
    assert.deepEqual(actionsOf("FootballModelFunction"), []);
    // A batch of repricings' price versions in one BatchWriteItem (PriceMatch's jobs path).
    assert.deepEqual(actionsOf("PublishPricesFunction"), ["dynamodb:BatchWriteItem", "dynamodb:PutItem", "dynamodb:UpdateItem"]);
    assert.deepEqual(actionsOf("IngestFunction"), ["dynamodb:BatchWriteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"]);
  });

  test("only ingest and the clock start executions, only of their own machines", () => {
    const starts = statements().filter((st) => asList(st.Action).includes("states:StartExecution"));
    assert.deepEqual([...new Set(starts.map((st) => st.id.replace(/ServiceRole.*|Role.*/, "")))].sort(), ["ClockTickFunction", "IngestFunction", "Lifecycle"]);
    for (const st of starts) for (const r of asList(st.Resource)) assert.notEqual(r, "*");
  });
});

describe("observability", () => {
  test("alarms on every DLQ, failed and timed-out executions and model failures", () => {
    const alarms = allResources("AWS::CloudWatch::Alarm").map(([, a]) => a.Properties);
    const dlqAlarms = alarms.filter((a) => a.MetricName === "ApproximateNumberOfMessagesVisible");
    assert.equal(dlqAlarms.length, allResources("AWS::SQS::Queue").filter(([id]) => /Dlq/.test(id)).length);
    const metrics = alarms.map((a) => `${a.Namespace}/${a.MetricName}`);
    assert.equal(metrics.filter((m) => m === "AWS/States/ExecutionsFailed").length, 2);
    assert.ok(metrics.includes("AWS/States/ExecutionsTimedOut"));
    assert.ok(metrics.includes("PricingEngine/ModelFailed"));
    for (const a of alarms) assert.equal(a.AlarmActions.length, 1);
  });
});

describe("cdk-nag AwsSolutions", () => {
  test("no unsuppressed findings, and every suppression carries its reason", () => {
    const errors = Object.values(synth.messages).flat().filter((m) => m.level === "error" && m.id.includes("AwsSolutions"));
    assert.deepEqual(errors, []);
    const reports = readdirSync(outdir).filter((f) => f.startsWith("AwsSolutions-") && f.endsWith(".csv"));
    assert.equal(reports.length, 5);
    for (const report of reports) {
      const rows = readFileSync(path.join(outdir, report), "utf8").trim().split("\n").slice(1);
      assert.ok(rows.length > 0);
      for (const row of rows) {
        const [, , compliance, reason] = row.split('","');
        assert.notEqual(compliance, "Non-Compliant", row);
        if (compliance === "Suppressed") assert.ok(reason.length > 30, row);
      }
    }
  });
});
