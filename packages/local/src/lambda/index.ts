export { LocalLambda } from "./invoker";
export { errorPayload, InThreadRunner } from "./handlers";
export type { FunctionToLoad, HandlerRunner, InvocationOutcome, InvocationRequest } from "./handlers";
export type { LocalLambdaOptions } from "./invoker";
export { lambdaFunctionsFromTemplate, sstFunctionHandlers } from "./template";
export type { SstHandler } from "./template";
export { withFunctionEnv } from "./env";
export { LambdaServiceError } from "./types";
export type { ClockLike, LambdaErrorPayload, LambdaFunctionSpec, LambdaInvocationResult, LambdaUsage, Resolver } from "./types";
