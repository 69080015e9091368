import { InputError, PricingError } from "../../errors";
import type { OfferedMarket } from "../../margin/offer";
import { logger } from "../../powertools/logger";
import { metrics, MetricUnit } from "../../powertools/metrics";
import type { ModelOffer, SportModel } from "../../sports/contract";

// The model step alone, with no store, bus or sport registry import: each sport's model
// function bundles this, its own model and nothing of another sport's.

export type GroupResult =
  | { group: string; status: "priced"; markets: OfferedMarket[] }
  | { group: string; status: "suspended"; markets: []; error: string };

/** A model failure Step Functions can match on by name; the cause is kept in the message. */
export class ModelError extends PricingError {
  override readonly name: string = "ModelError";
}

/**
 * One market group of one moment through a sport's model. Bad input keeps its
 * InputError (not retried); anything unexpected becomes a ModelError.
 */
export function priceMarketGroup<X>(model: SportModel<X>, group: string, situation: X, offer?: ModelOffer): GroupResult {
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
 * A sport's model function (PriceMatch's PriceGroup): one market group priced (at the
 * job's margin for the group when it carries one: a trader's override), its
 * latency and errors as metrics; its errors are typed for the state machine's Retry
 * and Catch.
 */
export function modelHandler<X>(model: SportModel<X>) {
  return async function handler(input: { matchId: string; group: string; situation: X; margins?: Record<string, number> }): Promise<GroupResult> {
    const started = performance.now();
    try {
      const margin = input.margins && Object.hasOwn(input.margins, input.group) ? input.margins[input.group] : undefined;
      const result = priceMarketGroup(model, input.group, input.situation, margin !== undefined ? { margin } : undefined);
      metrics.addMetric("ModelLatency", MetricUnit.Milliseconds, performance.now() - started);
      return result;
    } catch (err) {
      logger.error("model failed", { matchId: input.matchId, sport: model.id, group: input.group, error: err as Error });
      metrics.addMetric("ModelErrors", MetricUnit.Count, 1);
      throw err;
    } finally {
      metrics.publishStoredMetrics();
    }
  };
}
