import type { Context } from "aws-lambda";
import type { ClockLike, LambdaFunctionSpec } from "./types";

/** A Lambda-like context for one invocation; remaining time counts down on the clock. */
export function lambdaContext(spec: LambdaFunctionSpec, requestId: string, clock: ClockLike, deadline: number): Context {
  const day = new Date(clock.now()).toISOString().slice(0, 10).replaceAll("-", "/");
  const context: Context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: spec.name,
    functionVersion: "$LATEST",
    invokedFunctionArn: spec.arn,
    memoryLimitInMB: String(spec.memoryMB),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${spec.name}`,
    logStreamName: `${day}/[$LATEST]${requestId.replaceAll("-", "")}`,
    // Remaining run time, in the real milliseconds the function computes in (see runTimeLimitMs).
    getRemainingTimeInMillis: () => Math.max(0, (deadline - clock.now()) / Math.max(1, clock.speed ?? 1)),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
  return context;
}

/** The variables the Lambda runtime itself sets, under the function's own. */
export function runtimeEnvironment(spec: LambdaFunctionSpec, region: string): Record<string, string> {
  return {
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_LAMBDA_FUNCTION_NAME: spec.name,
    AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(spec.memoryMB),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${spec.name}`,
    AWS_EXECUTION_ENV: `AWS_Lambda_${spec.runtime ?? "nodejs22.x"}`,
    _HANDLER: spec.handler,
  };
}
