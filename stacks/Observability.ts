import { Duration } from "aws-cdk-lib";
import { Alarm, ComparisonOperator, Metric, TreatMissingData, type IMetric } from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import { Alias } from "aws-cdk-lib/aws-kms";
import { Topic } from "aws-cdk-lib/aws-sns";
import type { Construct } from "constructs";
import { use, type StackContext } from "sst/constructs";
import { Events } from "./Events";
import { Lifecycle } from "./Lifecycle";
import { pascal } from "./names";
import { Pricing } from "./Pricing";

/** Alarms an operator acts on, all sent to one encrypted topic. */
export function Observability({ stack }: StackContext) {
  const events = use(Events);
  const { priceMatch, functions: pricingFns } = use(Pricing);
  const lifecycle = use(Lifecycle);
  const topic = new Topic(stack, "Alarms", { masterKey: Alias.fromAliasName(stack, "SnsKey", "alias/aws/sns"), enforceSSL: true });
  const alarm = (id: string, metric: IMetric, description: string) =>
    alarmOn(stack, id, metric, description).addAlarmAction(new SnsAction(topic));

  const dlqs = { ...events.deadLetterQueues, ...lifecycle.deadLetterQueues };
  for (const [name, dlq] of Object.entries(dlqs)) {
    alarm(`${cap(name)}DlqDepth`, dlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: "Maximum" }), `messages waiting in the ${name} dead-letter queue`);
  }
  alarm("LifecycleExecutionsFailed", lifecycle.lifecycle.metricFailed({ period: Duration.minutes(5) }), "a match Lifecycle execution failed");
  alarm("LifecycleExecutionsTimedOut", lifecycle.lifecycle.metricTimedOut({ period: Duration.minutes(5) }), "a match Lifecycle execution timed out");
  alarm("PriceMatchExecutionsFailed", priceMatch.metricFailed({ period: Duration.minutes(5) }), "a PriceMatch execution failed");
  alarm(
    "ModelFailures",
    new Metric({ namespace: "PricingEngine", metricName: "ModelFailed", dimensionsMap: { service: "sfn-model-failed" }, statistic: "Sum", period: Duration.minutes(5) }),
    "a market group's model failed after its retries and was suspended",
  );
  alarm("IngestErrors", events.ingest.metricErrors({ period: Duration.minutes(5) }), "the ingest function failed");
  for (const [sport, model] of Object.entries(pricingFns.models)) {
    alarm(`${pascal(sport)}ModelThrottles`, model.metricThrottles({ period: Duration.minutes(5) }), `${sport} model invocations are throttled`);
  }
  stack.addOutputs({ AlarmTopicArn: topic.topicArn });
  return { topic };
}

function alarmOn(scope: Construct, id: string, metric: IMetric, description: string): Alarm {
  return new Alarm(scope, id, {
    metric,
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
    alarmDescription: description,
  });
}

const cap = (s: string) => s[0].toUpperCase() + s.slice(1);
