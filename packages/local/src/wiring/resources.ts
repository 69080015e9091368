import type { LocalCloudResources } from "../types";
import type { TableCreated } from "../dynamodb";
import type { LocalEventBridge } from "../eventbridge/bus";
import type { LocalLambda } from "../lambda";
import type { LocalSqs } from "../sqs/sqs";
import type { LocalStepFunctions } from "../stepfunctions";
import type { AppTemplate } from "../template/app";

/** What runs, by name: for the CLI banner, the endpoint's index page and tests. */
export function describeResources(
  app: AppTemplate,
  services: { sqs: LocalSqs; lambda: LocalLambda; stepFunctions: LocalStepFunctions; eventBridge: LocalEventBridge; tables: TableCreated[] },
): LocalCloudResources {
  const rules: Record<string, string[]> = {};
  for (const bus of services.eventBridge.eventBusNames()) {
    const names = services.eventBridge.listRules(bus).map((rule) => rule.props.Name);
    if (names.length > 0) rules[bus] = names;
  }
  return {
    tables: Object.fromEntries(services.tables.map((table) => [table.logicalId, table.tableName])),
    queues: Object.fromEntries(services.sqs.listQueues().map((queue) => [queue.name, queue.url])),
    stateMachines: Object.fromEntries(services.stepFunctions.stateMachines().map((machine) => [machine.name, machine.arn])),
    functions: Object.fromEntries(services.lambda.functions().map((fn) => [fn.name, fn.arn])),
    rules,
    outputs: app.outputs(),
  };
}

/** The app's two state machines: from the stack outputs, else by name. */
export function pickStateMachines(resources: LocalCloudResources): { lifecycle: string; priceMatch: string } {
  const outputs = Object.assign({}, ...Object.values(resources.outputs)) as Record<string, string>;
  const byName = (suffix: string) => Object.entries(resources.stateMachines).find(([name]) => name.endsWith(suffix))?.[1] ?? "";
  return { lifecycle: outputs.LifecycleArn ?? byName("-Lifecycle"), priceMatch: outputs.PriceMatchArn ?? byName("-PriceMatch") };
}
