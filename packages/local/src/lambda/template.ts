import { CfnElement, Stack } from "aws-cdk-lib";
import type { IConstruct } from "constructs";
import { InputError } from "@pricing/core/errors";
import type { LambdaFunctionSpec, Resolver } from "./types";

type Resource = { Type: string; Properties?: Record<string, unknown> };
type Template = { Resources?: Record<string, Resource> };

/** Where an SST v2 function's source handler lives, by stack and logical id. */
export interface SstHandler {
  stackName: string;
  logicalId: string;
  /** `packages/functions/src/x.handler`, as given to `new Function(..., { handler })`. */
  handler: string;
}

/**
 * The source handlers of the SST functions under `root` (an App or a Stack).
 *
 * A synthesized SST v2 template does not carry them: without the deferred build step
 * (skipped when synthesizing in-process, as stack tests do) each function's `Handler`
 * is `index.placeholder` with inline placeholder code, and the real source path lives
 * only in the construct's metadata. So the local cloud reads it from the construct
 * tree it synthesized and joins it to the template by logical id.
 */
export function sstFunctionHandlers(root: IConstruct): SstHandler[] {
  const found: SstHandler[] = [];
  for (const construct of root.node.findAll()) {
    const meta = (construct as { getConstructMetadata?: () => { type?: string; data?: { handler?: unknown } } })
      .getConstructMetadata?.();
    const child = construct.node.defaultChild;
    if (meta?.type !== "Function" || typeof meta.data?.handler !== "string") continue;
    if (!(child instanceof CfnElement)) continue;
    const stack = Stack.of(construct);
    found.push({ stackName: stack.stackName, logicalId: stack.getLogicalId(child), handler: meta.data.handler });
  }
  return found;
}

function asNumber(value: unknown, fallback: number): number {
  return typeof value === "number" ? value : typeof value === "string" && value !== "" ? Number(value) : fallback;
}

/**
 * The template's AWS::Lambda::Function resources that have a source handler.
 * `handlers` maps logical id to handler (see {@link sstFunctionHandlers}); a function
 * whose `Handler` property is a real path (not SST's placeholder) is used as is.
 * Functions with neither (CDK's own custom-resource handlers) are left out.
 */
export function lambdaFunctionsFromTemplate(
  template: Template,
  options: { resolve: Resolver; handlers: Record<string, string> },
): LambdaFunctionSpec[] {
  const specs: LambdaFunctionSpec[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
    if (resource.Type !== "AWS::Lambda::Function") continue;
    const props = resource.Properties ?? {};
    const declared = typeof props.Handler === "string" && !props.Handler.startsWith("index.") ? props.Handler : undefined;
    const handler = options.handlers[logicalId] ?? declared;
    if (!handler) continue;
    const variables = ((props.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {});
    const environment: Record<string, string> = {};
    for (const [key, value] of Object.entries(variables)) {
      const resolved = options.resolve(value);
      if (typeof resolved !== "string" && typeof resolved !== "number" && typeof resolved !== "boolean") {
        throw new InputError("local.lambda.unresolved_env", `Environment variable ${key} of ${logicalId} did not resolve to a string`, { key, logicalId });
      }
      environment[key] = String(resolved);
    }
    const name = String(options.resolve({ Ref: logicalId }));
    const arn = String(options.resolve({ "Fn::GetAtt": [logicalId, "Arn"] }));
    specs.push({
      logicalId,
      name,
      arn,
      handler,
      timeoutSeconds: asNumber(props.Timeout, 3),
      memoryMB: asNumber(props.MemorySize, 128),
      environment,
      reservedConcurrency: props.ReservedConcurrentExecutions === undefined ? undefined : asNumber(props.ReservedConcurrentExecutions, 0),
      runtime: typeof props.Runtime === "string" ? props.Runtime : undefined,
    });
  }
  return specs;
}
