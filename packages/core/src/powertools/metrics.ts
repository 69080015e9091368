import { Metrics } from "@aws-lambda-powertools/metrics";

/** One EMF metrics buffer per function; apart from the logger so that functions without metrics bundle none. */
export const metrics = new Metrics({ namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? "PricingEngine" });
export { MetricUnit } from "@aws-lambda-powertools/metrics";
