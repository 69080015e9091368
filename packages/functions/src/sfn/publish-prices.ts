import { publishPriceJobs, publishPrices, type BatchResult, type GroupResult, type PublishJobOfBatch } from "@pricing/core/match/flows/pricing";
import { logger } from "@pricing/core/powertools/logger";
import { metrics, MetricUnit } from "@pricing/core/powertools/metrics";

/** One match's repricing: `results` holds one list per model batch. */
type OneInput = { matchId: string; stateVersion: number; priceVersion: number; asOf: string; executionName: string; held?: Array<{ group: string; reason: string }>; partial?: boolean; results: GroupResult[][] };
/** Several matches' repricings (PriceMatch's jobs path): the model's batch for each job, or the error its invocation failed with. */
type JobsInput = { executionName: string; jobs: PublishJobOfBatch[]; priced?: BatchResult[]; error?: { Error?: string; Cause?: string } };

/**
 * PriceMatch Publish: stores the prices if they are the newest (retried by its
 * execution) and returns their announcement for the machine to put. One match's
 * repricing, or a batch of them (`jobs`: each claimed and published on its own).
 */
export async function handler(input: OneInput): Promise<Awaited<ReturnType<typeof publishPrices>>>;
export async function handler(input: JobsInput): Promise<Awaited<ReturnType<typeof publishPriceJobs>>>;
export async function handler(input: OneInput | JobsInput) {
  try {
    if ("jobs" in input) {
      const outcome = await publishPriceJobs(input);
      const published = outcome.priceVersions.filter((v) => v.published).length;
      if (published > 0) metrics.addMetric("PricesPublished", MetricUnit.Count, published);
      if (published < input.jobs.length) metrics.addMetric("PricesStale", MetricUnit.Count, input.jobs.length - published);
      logger.info("publish", { executionName: input.executionName, jobs: outcome.priceVersions, modelError: input.error?.Error });
      return outcome;
    }
    const { results, ...job } = input;
    const outcome = await publishPrices(job, results.flat());
    metrics.addMetric(outcome.published ? "PricesPublished" : "PricesStale", MetricUnit.Count, 1);
    logger.info("publish", { ...job, published: outcome.published });
    return outcome;
  } finally {
    metrics.publishStoredMetrics();
  }
}
