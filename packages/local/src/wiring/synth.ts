import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sstFunctionHandlers } from "../lambda";
import type { StackTemplate } from "../template/resolver";

/** The synthesized app, as the local cloud needs it. */
export interface LocalApp {
  /** Templates in the app's stack order. */
  stacks: StackTemplate[];
  /** Source handler of each SST function, by stack name then logical id. */
  handlers: Record<string, Record<string, string>>;
  region: string;
  accountId: string;
}

/**
 * Synthesizes the SST app in-process, exactly as the stack tests do, but without
 * bundling function code (the local cloud runs handler sources in-process). The
 * cloud assembly goes to a temporary directory, removed afterwards.
 */
export function synthesizeLocalApp(stage: string): Promise<LocalApp> {
  // The stacks' modules load once per process, so a second synthesis of a stage could
  // only repeat the first: a restart in the same process reuses it.
  const key = `${process.cwd()}#${stage}`;
  let synthesized = synthesizedApps.get(key);
  if (!synthesized) {
    synthesized = synthesize(stage);
    synthesizedApps.set(key, synthesized);
    synthesized.catch(() => synthesizedApps.delete(key));
  }
  return synthesized;
}

const synthesizedApps = new Map<string, Promise<LocalApp>>();

async function synthesize(stage: string): Promise<LocalApp> {
  const { synthesizeApp, SYNTH_ACCOUNT, SYNTH_REGION } = await import("../template/synth-app");
  const outdir = mkdtempSync(path.join(os.tmpdir(), "pricing-local-"));
  const nodeEnv = process.env.NODE_ENV;
  try {
    const synth = await synthesizeApp({ stage, outdir, nag: false, bundle: false });
    const stacks = synth.stacks.map((stack) => ({ stackName: stack.stackName, template: synth.templates[stack.node.id] }));
    const handlers: LocalApp["handlers"] = {};
    for (const found of sstFunctionHandlers(synth.app)) (handlers[found.stackName] ??= {})[found.logicalId] = found.handler;
    return { stacks, handlers, region: SYNTH_REGION, accountId: SYNTH_ACCOUNT };
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
    rmSync(outdir, { recursive: true, force: true });
  }
}
