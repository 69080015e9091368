import { AwsServiceError, type AwsJsonService } from "../protocol";
import type { LocalEventBridge, RuleProps, RuleTargetProps } from "./bus";
import { busNameOf } from "./events";
import { compilePattern } from "./pattern";

/**
 * The EventBridge JSON protocol (X-Amz-Target `AWSEvents.<Action>`) over a LocalEventBridge:
 * PutEvents, TestEventPattern, ListRules, DescribeRule, ListTargetsByRule,
 * DescribeEventBus, ListEventBuses, and PutRule / PutTargets / RemoveTargets / DeleteRule
 * so a client (a test harness) can subscribe a queue of its own to the bus.
 */
export class EventBridgeService implements AwsJsonService {
  readonly targetPrefix = "AWSEvents";

  constructor(private readonly bridge: LocalEventBridge) {}

  async handle(action: string, input: Record<string, unknown>): Promise<unknown> {
    switch (action) {
      case "PutEvents":
        return this.bridge.putEvents(input.Entries);
      case "TestEventPattern":
        return this.testEventPattern(input);
      case "ListRules":
        return this.listRules(input);
      case "DescribeRule":
        return this.describeRule(input);
      case "ListTargetsByRule":
        return { Targets: this.findRule(input).props.Targets ?? [] };
      case "DescribeEventBus":
        return this.describeEventBus(input);
      case "ListEventBuses":
        return this.listEventBuses(input);
      case "PutRule":
        return this.putRule(input);
      case "PutTargets":
        return this.changeTargets(input, (targets, given) => [...targets.filter((t) => !given.some((g) => g.Id === t.Id)), ...given]);
      case "RemoveTargets": {
        const ids = (input.Ids ?? []) as string[];
        return this.changeTargets({ ...input, Targets: [] }, (targets) => targets.filter((t) => !ids.includes(t.Id)));
      }
      case "DeleteRule":
        this.bridge.removeRule(this.existingBus(input.EventBusName), stringInput(input, "Name"));
        return {};
      default:
        throw new AwsServiceError("UnknownOperationException", `The local EventBridge does not support ${action}`);
    }
  }

  private testEventPattern(input: Record<string, unknown>) {
    const matches = compilePattern(stringInput(input, "EventPattern"));
    let event: unknown;
    try {
      event = JSON.parse(stringInput(input, "Event"));
    } catch {
      throw new AwsServiceError("InvalidEventPatternException", "Event is not valid JSON");
    }
    return { Result: matches(event) };
  }

  private listRules(input: Record<string, unknown>) {
    const busName = this.existingBus(input.EventBusName);
    const rules = this.bridge.listRules(busName, typeof input.NamePrefix === "string" ? input.NamePrefix : "");
    return { Rules: rules.map((rule) => describe(rule)) };
  }

  private describeRule(input: Record<string, unknown>) {
    const rule = this.findRule(input);
    return { ...describe(rule), CreatedBy: this.bridge.accountId };
  }

  private findRule(input: Record<string, unknown>) {
    const busName = this.existingBus(input.EventBusName);
    const name = stringInput(input, input.Rule !== undefined ? "Rule" : "Name");
    const rule = this.bridge.listRules(busName, name).find((candidate) => candidate.props.Name === name);
    if (!rule) throw new AwsServiceError("ResourceNotFoundException", `Rule ${name} does not exist on EventBus ${busName}.`);
    return rule;
  }

  /** PutRule: creates or updates a rule (keeping its targets), as a deployment or a test harness would. */
  private putRule(input: Record<string, unknown>) {
    const busName = this.existingBus(input.EventBusName);
    const name = stringInput(input, "Name");
    const existing = this.bridge.listRules(busName, name).find((rule) => rule.props.Name === name);
    const props: RuleProps = {
      Name: name,
      EventBusName: busName,
      EventPattern: input.EventPattern === undefined ? undefined : stringInput(input, "EventPattern"),
      State: typeof input.State === "string" ? input.State : "ENABLED",
      Description: typeof input.Description === "string" ? input.Description : undefined,
      Targets: existing?.props.Targets ?? [],
    };
    if (props.EventPattern === undefined) throw new AwsServiceError("ValidationException", "The local EventBridge runs pattern rules only: EventPattern is required");
    this.bridge.addRule(props);
    return { RuleArn: this.findRule({ Name: name, EventBusName: busName }).arn };
  }

  private changeTargets(input: Record<string, unknown>, change: (targets: RuleTargetProps[], given: RuleTargetProps[]) => RuleTargetProps[]) {
    const rule = this.findRule(input);
    const given = (input.Targets ?? []) as RuleTargetProps[];
    this.bridge.addRule({ ...rule.props, Targets: change(rule.props.Targets ?? [], given) });
    return { FailedEntryCount: 0, FailedEntries: [] };
  }

  private describeEventBus(input: Record<string, unknown>) {
    const name = this.existingBus(input.Name);
    return { Name: name, Arn: this.bridge.busArn(name) };
  }

  private listEventBuses(input: Record<string, unknown>) {
    const prefix = typeof input.NamePrefix === "string" ? input.NamePrefix : "";
    const EventBuses = this.bridge
      .eventBusNames().filter((name) => name.startsWith(prefix)).map((name) => ({ Name: name, Arn: this.bridge.busArn(name) }));
    return { EventBuses };
  }

  private existingBus(nameOrArn: unknown): string {
    const name = busNameOf(typeof nameOrArn === "string" ? nameOrArn : undefined);
    if (!this.bridge.hasEventBus(name)) throw new AwsServiceError("ResourceNotFoundException", `Event bus ${name} does not exist.`);
    return name;
  }
}

function describe(rule: { props: RuleProps; arn: string; busName: string }) {
  const { props } = rule;
  return {
    Name: props.Name,
    Arn: rule.arn,
    EventBusName: rule.busName,
    State: props.State ?? "ENABLED",
    ...(props.EventPattern !== undefined && {
      EventPattern: typeof props.EventPattern === "string" ? props.EventPattern : JSON.stringify(props.EventPattern),
    }),
    ...(props.ScheduleExpression !== undefined && { ScheduleExpression: props.ScheduleExpression }),
    ...(props.Description !== undefined && { Description: props.Description }),
  };
}

function stringInput(input: Record<string, unknown>, key: string): string {
  const value = input[key];
  if (typeof value !== "string") throw new AwsServiceError("ValidationException", `${key} is required and must be a string`);
  return value;
}
