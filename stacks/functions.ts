import { RemovalPolicy } from "aws-cdk-lib";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import { Function, type FunctionProps } from "sst/constructs";
import type { Construct } from "constructs";
import { acceptFunctionFindings } from "./nag";

/**
 * Settings every handler shares: Node 22 on arm64, X-Ray, Powertools service and metrics
 * namespace, minified code (SST's default is not; its source map goes to the SST
 * console). Not split into chunks: SST v2 then leaves every chunk's source map but one
 * in the code, which --enable-source-maps reads at each cold start (BENCHMARKS.md).
 */
export const FUNCTION_DEFAULTS: FunctionProps = {
  runtime: "nodejs22.x",
  architecture: "arm_64",
  tracing: "active",
  memorySize: "256 MB",
  timeout: "20 seconds",
  environment: { POWERTOOLS_METRICS_NAMESPACE: "PricingEngine", NODE_OPTIONS: "--enable-source-maps" },
  nodejs: { format: "esm", minify: true },
};

/**
 * How long a function's logs are kept: a month, as the state machines' (an incident is
 * looked into within days; metrics and alarms outlive the logs). Lambda's own log
 * groups never expire.
 */
export const FUNCTION_LOG_RETENTION = RetentionDays.ONE_MONTH;

/** A handler under packages/functions/src, e.g. handler("events/ingest"), logging to its own log group. */
export function handler(scope: Construct, id: string, path: string, props: Omit<FunctionProps, "handler"> = {}): Function {
  return lambdaFunction(scope, id, `packages/functions/src/${path}.handler`, path.replace("/", "-"), props);
}

/**
 * A function of any handler (`<file from the repository root>.<export>`, as a sport's
 * model function is named by its module), logging to its own log group.
 */
export function lambdaFunction(scope: Construct, id: string, handlerPath: string, service: string, props: Omit<FunctionProps, "handler"> = {}): Function {
  const logGroup = new LogGroup(scope, `${id}Logs`, { retention: FUNCTION_LOG_RETENTION, removalPolicy: RemovalPolicy.DESTROY });
  const fn = new Function(scope, `${id}Function`, {
    ...props,
    logGroup,
    handler: handlerPath,
    environment: { POWERTOOLS_SERVICE_NAME: service, ...props.environment },
  });
  acceptFunctionFindings(fn);
  return fn;
}
