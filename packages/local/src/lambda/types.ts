/** The part of the shared simulated clock the local Lambda and Step Functions use. */
export interface ClockLike {
  /** Simulated epoch milliseconds. */
  now(): number;
  /** Resolves after `ms` simulated milliseconds (early if `signal` aborts, when supported). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Resolves a CloudFormation value (Ref, Fn::GetAtt, Fn::Join, Fn::Sub, ...) to a local value. */
export type Resolver = (value: unknown) => unknown;

/** One AWS::Lambda::Function of the template, ready to run in-process. */
export interface LambdaFunctionSpec {
  logicalId: string;
  /** FunctionName as the app sees it (the resolver's answer to `Ref`). */
  name: string;
  /** The function ARN (the resolver's answer to `Fn::GetAtt [id, Arn]`). */
  arn: string;
  /** Source module and export, relative to the app root: `packages/functions/src/x.handler`. */
  handler: string;
  /** Timeout in seconds (AWS default 3). */
  timeoutSeconds: number;
  /** MemorySize in MB (AWS default 128); drives GB-s. */
  memoryMB: number;
  /** Environment.Variables with intrinsics resolved to local names and ARNs. */
  environment: Record<string, string>;
  /** ReservedConcurrentExecutions, when the template sets it. */
  reservedConcurrency?: number;
}

/** The error document a failed invocation returns, as the Node.js runtime shapes it. */
export interface LambdaErrorPayload {
  errorType: string;
  errorMessage: string;
  trace?: string[];
}

/** What Invoke returns: the payload, or `functionError` with the error document. */
export interface LambdaInvocationResult {
  payload: unknown;
  functionError?: "Unhandled";
  error?: LambdaErrorPayload;
  requestId: string;
  /** Wall-clock run time of the handler in milliseconds. */
  durationMs: number;
  billedDurationMs: number;
}

/** Counted use, for the cost projection. */
export interface LambdaUsage {
  invocations: number;
  errors: number;
  timeouts: number;
  throttles: number;
  billedDurationMs: number;
  /** Billed duration (s) × memory (GB), AWS's compute unit. */
  gbSeconds: number;
}

/** Raised by Invoke itself (not by the handler): unknown function, throttled. */
export class LambdaServiceError extends Error {
  override readonly name: string;
  constructor(
    /** "ResourceNotFoundException" or "TooManyRequestsException". */
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = type;
  }
}
