import { InputError, PricingError } from "../../errors";
import type { OfferedMarket } from "../../margin/offer";
import { logger } from "../../powertools/logger";
import { metrics, MetricUnit } from "../../powertools/metrics";
import type { ModelOffer, SportModel } from "../../sports/contract";
import { marketsToWire } from "../../margin/offer-encoding";

// The model step alone, with no store, bus or sport registry import: each sport's model
// function bundles this, its own model and nothing of another sport's.

/** A group priced in process: its markets as objects. */
export interface PricedGroup {
  group: string;
  status: "priced";
  markets: OfferedMarket[];
}

/**
 * A group of a batch as the model function returns it and Publish takes it: priced,
 * with its markets in their stored form (`marketsToWire`: what Publish writes, so it
 * neither re-encodes them nor carries their JSON through PriceMatch), or suspended.
 */
export type GroupResult =
  | { group: string; status: "priced"; markets: string }
  | { group: string; status: "suspended"; error: string };

/** A group of a batch whose model threw: not priced, to be suspended and announced as `Model Failed`. */
export interface GroupFailure {
  group: string;
  /** The typed error's name (`ModelError`, `InputError`) and its message. */
  error: { name: string; message: string };
}

/**
 * What one model invocation returns for its batch of groups: the groups priced, and
 * the groups whose model threw, each caught on its own so the rest of the batch still
 * publishes.
 */
export interface BatchResult {
  results: GroupResult[];
  failures: GroupFailure[];
}

/** A model failure Step Functions can match on by name; the cause is kept in the message. */
export class ModelError extends PricingError {
  override readonly name: string = "ModelError";
}

/**
 * One market group of one moment through a sport's model. Bad input keeps its
 * InputError; anything unexpected becomes a ModelError.
 */
export function priceMarketGroup<X>(model: SportModel<X>, group: string, situation: X, offer?: ModelOffer): PricedGroup {
  if (!model.groups.includes(group)) throw new InputError("model.unknown_group", `unknown ${model.id} market group "${String(group).slice(0, 80)}"`);
  const margin = offer?.margin;
  if (margin !== undefined && !(Number.isFinite(margin) && margin >= 0 && margin < 1)) throw new InputError("model.invalid_margin", `a margin is in [0, 1), got ${String(margin)}`);
  try {
    return { group, status: "priced", markets: offer ? model.price(group, situation, offer) : model.price(group, situation) };
  } catch (err) {
    if (err instanceof PricingError) throw err;
    throw new ModelError("model.failed", `${group}: ${(err as Error).message}`);
  }
}

/**
 * A batch of market groups of one moment, each at the job's margin for the group when
 * it carries one (a trader's override). Each group is priced in its own try: a group
 * whose model throws is returned as a failure and the others are still priced. A
 * model is a pure function of the situation, so retrying the group on the same input
 * would throw again; the state machine's retries are for the invocation itself (a
 * timeout, a crash, a throttle).
 */
export function priceMarketGroups<X>(model: SportModel<X>, groups: readonly string[], situation: X, margins?: Record<string, number>): BatchResult {
  const batch: BatchResult = { results: [], failures: [] };
  for (const group of groups) {
    const margin = margins && Object.hasOwn(margins, group) ? margins[group] : undefined;
    try {
      const priced = priceMarketGroup(model, group, situation, margin !== undefined ? { margin } : undefined);
      batch.results.push({ group, status: "priced", markets: marketsToWire(priced.markets) });
    } catch (err) {
      const error = err instanceof PricingError ? err : new ModelError("model.failed", `${group}: ${(err as Error).message}`);
      batch.failures.push({ group, error: { name: error.name, message: error.message.slice(0, 1000) } });
    }
  }
  return batch;
}

/** The input of a sport's model function: one batch of a PriceMatch execution. */
export interface ModelInput<X> {
  matchId: string;
  groups: string[];
  situation: X;
  margins?: Record<string, number>;
}

/**
 * The input of a sport's model function pricing several matches at once (a batch of a
 * clock's ticks, PriceMatch's jobs path): each job's groups, as one batch each.
 */
export interface ModelJobsInput<X> {
  jobs: Array<ModelInput<X>>;
}

/** A sport's model function: one batch of one match, or one batch for each of several matches (in their order). */
export interface ModelHandler<X> {
  (input: ModelInput<X>): Promise<BatchResult>;
  (input: ModelJobsInput<X>): Promise<{ jobs: BatchResult[] }>;
}

/**
 * A sport's model function (PriceMatch's Map item, or its jobs path's one invocation
 * for a batch of matches): each batch of market groups priced, its latency and each
 * group's failure as metrics. A group that throws comes back as a failure, not as the
 * invocation's error, so the other groups publish; input that is not a batch at all
 * throws an InputError.
 */
export function modelHandler<X>(model: SportModel<X>): ModelHandler<X> {
  const priceOne = (input: ModelInput<X>): BatchResult => {
    if (!Array.isArray(input?.groups)) throw new InputError("model.no_groups", "a model invocation prices a list of groups");
    const batch = priceMarketGroups(model, input.groups, input.situation, input.margins);
    for (const f of batch.failures) {
      logger.error("model failed", { matchId: input.matchId, sport: model.id, group: f.group, error: f.error });
      metrics.addMetric("ModelErrors", MetricUnit.Count, 1);
    }
    return batch;
  };
  async function handler(input: ModelInput<X>): Promise<BatchResult>;
  async function handler(input: ModelJobsInput<X>): Promise<{ jobs: BatchResult[] }>;
  async function handler(input: ModelInput<X> | ModelJobsInput<X>): Promise<BatchResult | { jobs: BatchResult[] }> {
    const started = performance.now();
    try {
      if (input !== null && typeof input === "object" && "jobs" in input) {
        if (!Array.isArray(input.jobs)) throw new InputError("model.no_jobs", "a model invocation of several matches prices a list of jobs");
        // Checked whole before any is priced: a malformed job fails the invocation, not a guess at its groups.
        for (const job of input.jobs) if (!Array.isArray(job?.groups)) throw new InputError("model.no_groups", "a model invocation prices a list of groups");
        const jobs = input.jobs.map(priceOne);
        metrics.addMetric("ModelLatency", MetricUnit.Milliseconds, performance.now() - started);
        return { jobs };
      }
      const batch = priceOne(input);
      metrics.addMetric("ModelLatency", MetricUnit.Milliseconds, performance.now() - started);
      return batch;
    } finally {
      metrics.publishStoredMetrics();
    }
  }
  return handler;
}
