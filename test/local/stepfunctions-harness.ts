import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { SFNClient } from "@aws-sdk/client-sfn";
import { ManualClock } from "@pricing/local/clock";
import { LocalEndpoint } from "@pricing/local/server";
import { LocalLambda } from "@pricing/local/lambda/index";
import type { LambdaFunctionSpec } from "@pricing/local/lambda/index";
import { LocalStepFunctions, stepFunctionsService, type AslDefinition, type ExecutionStore, type ServiceIntegrations } from "@pricing/local/stepfunctions/index";

export const REGION = "us-east-1";
export const ACCOUNT = "000000000000";
export const fnArn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
export const smArn = (name: string) => `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${name}`;

/** Handler modules written to a temporary app root, loaded by LocalLambda like the app's own. */
export function writeHandlers(files: Record<string, string>): { root: string; cleanup: () => void } {
  const root = mkdtempSync(path.join(tmpdir(), "local-fns-"));
  for (const [name, source] of Object.entries(files)) writeFileSync(path.join(root, name), source);
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export function lambdaSpec(name: string, handler: string, extra: Partial<LambdaFunctionSpec> = {}): LambdaFunctionSpec {
  return { logicalId: `${name}Fn`, name, arn: fnArn(name), handler, timeoutSeconds: 30, memoryMB: 1024, environment: {}, ...extra };
}

export interface Harness {
  clock: ManualClock;
  lambda: LocalLambda;
  sfn: LocalStepFunctions;
  client: SFNClient;
  endpoint: LocalEndpoint;
  add(name: string, definition: AslDefinition, type?: "STANDARD" | "EXPRESS"): string;
  close(): Promise<void>;
}

/** A local Lambda + Step Functions behind the local endpoint, on a manual clock. */
export async function harness(root: string, functions: LambdaFunctionSpec[], options: { store?: ExecutionStore; integrations?: Partial<ServiceIntegrations>; clock?: ManualClock; expressRetention?: number; expressRetentionChars?: number } = {}): Promise<Harness> {
  const clock = options.clock ?? new ManualClock();
  const lambda = new LocalLambda({ clock, appRoot: root, region: REGION });
  for (const spec of functions) lambda.register(spec);
  const sfn = new LocalStepFunctions({
    clock, integrations: { lambda, ...options.integrations }, store: options.store, region: REGION, account: ACCOUNT,
    expressRetention: options.expressRetention, expressRetentionChars: options.expressRetentionChars,
  });
  const endpoint = new LocalEndpoint({ port: 0 });
  endpoint.mount(stepFunctionsService(sfn));
  const url = await endpoint.listen();
  const client = new SFNClient({ endpoint: url, region: REGION, credentials: { accessKeyId: "local", secretAccessKey: "local" }, disableHostPrefix: true, maxAttempts: 1 });
  return {
    clock, lambda, sfn, client, endpoint,
    add(name, definition, type = "STANDARD") {
      sfn.addStateMachine({ arn: smArn(name), name, type, definition, roleArn: `arn:aws:iam::${ACCOUNT}:role/${name}`, creationDate: clock.now() });
      return smArn(name);
    },
    async close() {
      client.destroy();
      await sfn.shutdown();
      await endpoint.close();
      clock.stop();
    },
  };
}

/**
 * Waits (in real time) until some timer falls due within `withinMs` of clock time: the
 * execution has reached its sleep, its handler modules loaded and its I/O done.
 */
export async function timerWithin(clock: ManualClock, withinMs: number): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    const due = clock.nextDueMs;
    if (due !== undefined && due <= clock.now() + withinMs) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`no timer due within ${withinMs} ms`);
}

/** Advances the clock by `ms` once a timer due within that window exists. */
export async function advanceWhenDue(clock: ManualClock, ms: number): Promise<void> {
  await timerWithin(clock, ms);
  await clock.advance(ms);
}
