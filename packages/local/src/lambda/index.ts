export { LocalLambda, errorPayload } from "./invoker";
export type { LocalLambdaOptions } from "./invoker";
export { lambdaFunctionsFromTemplate, sstFunctionHandlers } from "./template";
export type { SstHandler } from "./template";
export { withFunctionEnv } from "./env";
export { LambdaServiceError } from "./types";
export type { ClockLike, LambdaErrorPayload, LambdaFunctionSpec, LambdaInvocationResult, LambdaUsage, Resolver } from "./types";
