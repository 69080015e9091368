import { InvokeStore, InvokeStoreBase } from "@aws/lambda-invoke-store";

/**
 * Invocations of one function run concurrently in this process, sharing its module
 * instances, as on a Lambda execution environment with multi-concurrency (Lambda
 * Managed Instances). Libraries that keep per-invocation state at module level
 * (Powertools' BatchProcessor, Logger, Metrics) keep it in the runtime's InvokeStore
 * when AWS_LAMBDA_MAX_CONCURRENCY is set; the local Lambda plays that runtime. Without
 * it, two concurrent batches of one SQS consumer share one BatchProcessor, and records
 * of one batch are dropped or reported for the other.
 */
export const MULTI_CONCURRENCY_ENV = { AWS_LAMBDA_MAX_CONCURRENCY: "1000" };

const store = InvokeStore.getInstanceAsync(true);

/** Runs one invocation in its own InvokeStore context, keyed by its request id. */
export async function inInvocationStore<T>(requestId: string, work: () => Promise<T>): Promise<T> {
  const instance = await store;
  return instance.run({ [InvokeStoreBase.PROTECTED_KEYS.REQUEST_ID]: requestId }, work);
}
