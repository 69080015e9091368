import { Template } from "aws-cdk-lib/assertions";
import { Aspects, type Stack } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { App } from "sst/constructs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { initProject, useProject } from "sst/project.js";
import { pricingApp } from "../../../../stacks";

/** Placeholder account of an in-process synthesis: no AWS account is consulted. */
export const SYNTH_ACCOUNT = "000000000000";
export const SYNTH_REGION = "us-east-1";

/** The parts of a synthesized template that rendering a state machine's definition reads. */
interface TemplateJson {
  Resources?: Record<string, { Type?: string; Properties?: Record<string, unknown> }>;
}

/** The CloudFormation expressions a DefinitionString is built from. */
interface StringExpression {
  "Fn::Join"?: [string, unknown[]];
  Ref?: string;
  "Fn::GetAtt"?: [string, string];
  "Fn::ImportValue"?: unknown;
}

export interface SynthesizedApp {
  app: App;
  stacks: Stack[];
  /** Each stack's CloudFormation template, by stack id (Storage, Events, ...). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- whole synthesized templates, untyped JSON that the stack tests read unnarrowed
  templates: Record<string, Record<string, any>>;
  /** Each state machine's ASL with references rendered as ARNs, by logical id. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed ASL, untyped JSON that the stack tests read unnarrowed
  definitions: Record<string, Record<string, any>>;
  /** Synthesis messages (cdk-nag findings among them), by stack id. */
  messages: Record<string, Array<{ level: string; id: string; entry: string }>>;
}

/**
 * Runs SST's initProject (`init`) again, up to three times in all, when another process
 * took its bundled config away. SST bundles sst.config.ts to
 * `.sst.config.<Date.now()>.mjs` in the working directory, imports it and deletes it:
 * two processes that start in the same millisecond (test files run in parallel) share
 * the name, and the first to finish deletes the other's file before it is imported.
 * Any other failure is thrown as it is, at once.
 */
export async function retryTakenConfig(init: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await init();
      return;
    } catch (error) {
      if (attempt >= 3 || !/\.sst\.config\.\d+\.mjs/.test(error instanceof Error ? error.message : String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20));
    }
  }
}

/**
 * Synthesizes the SST app in-process with no AWS access: the project is initialised
 * with an explicit stage (so nothing prompts), function code is bundled by esbuild
 * (so each function's Handler is its source path, as on deploy), and bootstrap
 * lookups are skipped (NODE_ENV=test). With `nag`, the cdk-nag AwsSolutions pack runs
 * at synthesis and reports through each stack's annotations.
 */
export async function synthesizeApp(options: { stage?: string; outdir?: string; nag?: boolean; bundle?: boolean } = {}): Promise<SynthesizedApp> {
  const { stage = "synth", outdir, nag = false, bundle = true } = options;
  process.env.NODE_ENV = "test";
  await retryTakenConfig(() => initProject({ stage, region: SYNTH_REGION }));
  useOwnOutDirectory();
  // bundle: false marks every stack inactive, which skips SST's esbuild step (the local
  // cloud runs the source handlers in-process); every other property is as deployed.
  const deploy = { mode: "deploy" as const, stage, name: "pricing-engine", region: SYNTH_REGION, account: SYNTH_ACCOUNT, ...(bundle ? {} : { isActiveStack: () => false }) };
  const app = new App(deploy, outdir ? { outdir } : {});
  pricingApp(app);
  if (nag) Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true, reports: true }));
  await app.finish();
  const stacks = app.node.children.filter((c): c is Stack => "templateOptions" in c);
  const templates: SynthesizedApp["templates"] = {};
  const definitions: SynthesizedApp["definitions"] = {};
  const messages: SynthesizedApp["messages"] = {};
  for (const stack of stacks) {
    const template = Template.fromStack(stack).toJSON() as TemplateJson;
    // The assembly is synthesized once (SST's unique-id check forbids a second pass), so read messages from it.
    messages[stack.node.id] = app.synth().getStackArtifact(stack.artifactId).messages.map((m) => ({ level: m.level, id: m.id, entry: String(m.entry.data) }));
    templates[stack.node.id] = template;
    for (const [id, res] of Object.entries(template.Resources ?? {})) {
      if (res.Type === "AWS::StepFunctions::StateMachine") definitions[id] = JSON.parse(renderString(res.Properties!.DefinitionString, template)) as SynthesizedApp["definitions"][string];
    }
  }
  return { app, stacks, templates, definitions, messages };
}

let outDirectory: string | undefined;

/**
 * Points SST's working folder (`.sst`: the binding types it deletes and rewrites on
 * every synthesis, the bundles) at a folder of this process's own, so that processes
 * synthesizing at the same time (test files in parallel, a local cloud beside a stack
 * test) do not delete each other's files midway.
 */
function useOwnOutDirectory(): void {
  outDirectory ??= mkdtempSync(path.join(tmpdir(), "pricing-synth-"));
  const { paths } = useProject();
  paths.out = outDirectory;
  paths.artifacts = path.join(outDirectory, "artifacts");
}

/** Renders a CloudFormation string expression (Fn::Join of Ref / Fn::GetAtt / Fn::ImportValue) with placeholder ARNs. */
export function renderString(expr: unknown, template: TemplateJson): string {
  if (typeof expr === "string") return expr;
  const e = expr as StringExpression;
  if (e["Fn::Join"]) return e["Fn::Join"][1].map((p) => renderString(p, template)).join(e["Fn::Join"][0]);
  if (e.Ref) return pseudo(e.Ref) ?? arnOf(e.Ref, template);
  if (e["Fn::GetAtt"]) return arnOf(e["Fn::GetAtt"][0], template);
  if (e["Fn::ImportValue"]) return `arn:aws:imported:${SYNTH_REGION}:${SYNTH_ACCOUNT}:${String(e["Fn::ImportValue"])}`;
  throw new Error(`cannot render ${JSON.stringify(expr)}`);
}

function pseudo(ref: string): string | undefined {
  return { "AWS::Partition": "aws", "AWS::Region": SYNTH_REGION, "AWS::AccountId": SYNTH_ACCOUNT, "AWS::URLSuffix": "amazonaws.com" }[ref];
}

function arnOf(logicalId: string, template: TemplateJson): string {
  const type = template.Resources?.[logicalId]?.Type ?? "";
  const service = type.split("::")[1]?.toLowerCase() ?? "unknown";
  if (type === "AWS::Lambda::Function") return `arn:aws:lambda:${SYNTH_REGION}:${SYNTH_ACCOUNT}:function:${logicalId}`;
  if (type === "AWS::StepFunctions::StateMachine") return `arn:aws:states:${SYNTH_REGION}:${SYNTH_ACCOUNT}:stateMachine:${logicalId}`;
  return `arn:aws:${service}:${SYNTH_REGION}:${SYNTH_ACCOUNT}:${logicalId}`;
}
