import type { Clock } from "../clock";
import { AwsServiceError } from "../protocol";
import { buildBusEvent, busNameOf, validatePutEventsRequest } from "./events";
import type { BusEvent, PutEventsEntry, PutEventsResult, PutEventsResultEntry } from "./events";
import { compilePattern, type CompiledPattern } from "./pattern";
import { renderTargetInput, validateTargetInput, type TargetInputProps } from "./transform";

/** AWS::Events::EventBus properties (intrinsics resolved). */
export interface EventBusProps {
  Name: string;
}

/** AWS::Events::Rule Target properties (intrinsics resolved to plain strings). */
export interface RuleTargetProps extends TargetInputProps {
  Id: string;
  Arn: string;
  DeadLetterConfig?: { Arn?: string };
  RetryPolicy?: { MaximumRetryAttempts?: number; MaximumEventAgeInSeconds?: number };
  SqsParameters?: { MessageGroupId?: string };
}

/** AWS::Events::Rule properties; `Name` is the physical name (the logical id when the template has none). */
export interface RuleProps {
  Name: string;
  EventBusName?: string;
  EventPattern?: unknown;
  ScheduleExpression?: string;
  State?: string;
  Description?: string;
  Targets?: RuleTargetProps[];
}

/** AWS::Events::Archive properties; recorded, and counts the events it would keep. */
export interface ArchiveProps {
  ArchiveName?: string;
  SourceArn: string;
  EventPattern?: unknown;
  RetentionDays?: number;
}

/** One delivery of one event to one target. */
export interface TargetDelivery {
  targetArn: string;
  targetId: string;
  ruleName: string;
  ruleArn: string;
  /** What the target receives: the event JSON, or the transformed input. */
  payload: string;
  /** SqsParameters.MessageGroupId, for FIFO queue targets. */
  messageGroupId?: string;
  /** Set on dead-letter deliveries: RULE_ARN, TARGET_ARN, ERROR_CODE, ERROR_MESSAGE as SQS string attributes. */
  messageAttributes?: Record<string, { DataType: "String"; StringValue: string }>;
  event: BusEvent;
}

/** Delivers to a target ARN; a rejection is a failed attempt, retried per the target's RetryPolicy. */
export type DeliverToTarget = (delivery: TargetDelivery) => Promise<void>;

export interface EventBridgeOptions {
  clock: Clock;
  deliver: DeliverToTarget;
  region?: string;
  accountId?: string;
  /** Told when an event is dropped after its retries, with no dead-letter queue to take it. */
  onDeliveryFailure?: (delivery: TargetDelivery, error: unknown) => void;
  /** Told of every accepted event, before its rules run (the local cloud's event tap). */
  observe?: (event: BusEvent, busName: string) => void;
}

interface LocalRule {
  props: RuleProps;
  arn: string;
  busName: string;
  matches?: CompiledPattern;
}

/** Counts for the run summary and the cost projection. */
export interface EventBridgeStats {
  eventsPut: number;
  matchedRules: number;
  deliveries: number;
  failedAttempts: number;
  deadLettered: number;
  dropped: number;
  archived: number;
}

/**
 * A local EventBridge: buses, rules and archives from the template; PutEvents builds the
 * `aws.events` envelope, runs every enabled rule's pattern and delivers each matched
 * target asynchronously, retrying failures with exponential backoff on the clock
 * (1 s doubling, capped at 5 min) until RetryPolicy's attempts or event age run out, then
 * sending the event to the target's dead-letter queue.
 */
export class LocalEventBridge {
  readonly region: string;
  readonly accountId: string;
  readonly stats: EventBridgeStats = { eventsPut: 0, matchedRules: 0, deliveries: 0, failedAttempts: 0, deadLettered: 0, dropped: 0, archived: 0 };
  private readonly buses = new Set<string>(["default"]);
  private readonly rules = new Map<string, LocalRule>();
  private readonly archives: Array<{ props: ArchiveProps; busName: string; matches?: CompiledPattern }> = [];
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: EventBridgeOptions) {
    this.region = options.region ?? "us-east-1";
    this.accountId = options.accountId ?? "000000000000";
  }

  addEventBus(props: EventBusProps): void {
    this.buses.add(props.Name);
  }

  /** Adds a rule; an invalid pattern or target input throws as a deployment would. */
  addRule(props: RuleProps): void {
    const busName = busNameOf(props.EventBusName);
    if (!this.buses.has(busName)) throw new AwsServiceError("ResourceNotFoundException", `Event bus ${busName} does not exist.`);
    for (const target of props.Targets ?? []) validateTargetInput(target);
    const matches = props.EventPattern !== undefined ? compilePattern(props.EventPattern) : undefined;
    const busPart = busName === "default" ? "" : `${busName}/`;
    const arn = `arn:aws:events:${this.region}:${this.accountId}:rule/${busPart}${props.Name}`;
    this.rules.set(`${busName}/${props.Name}`, { props, arn, busName, matches });
  }

  /** Deletes a rule (DeleteRule); false when there was none. */
  removeRule(busName: string, name: string): boolean {
    return this.rules.delete(`${busName}/${name}`);
  }

  addArchive(props: ArchiveProps): void {
    const matches = props.EventPattern !== undefined ? compilePattern(props.EventPattern) : undefined;
    this.archives.push({ props, busName: busNameOf(props.SourceArn), matches });
  }

  busArn(name: string): string {
    return `arn:aws:events:${this.region}:${this.accountId}:event-bus/${name}`;
  }

  hasEventBus(name: string): boolean {
    return this.buses.has(name);
  }

  eventBusNames(): string[] {
    return [...this.buses];
  }

  listRules(busName = "default", namePrefix = ""): Array<{ props: RuleProps; arn: string; busName: string }> {
    return [...this.rules.values()].filter((rule) => rule.busName === busName && rule.props.Name.startsWith(namePrefix));
  }

  /** PutEvents: validates, accepts the good entries, and starts delivering them. */
  putEvents(entries: unknown): PutEventsResult {
    const valid = validatePutEventsRequest(entries);
    const results: PutEventsResultEntry[] = valid.map((entry) => this.putOne(entry));
    const FailedEntryCount = results.filter((result) => "ErrorCode" in result).length;
    return { FailedEntryCount, Entries: results };
  }

  /** Resolves once every delivery started so far (retries included) has finished. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private putOne(entry: PutEventsEntry): PutEventsResultEntry {
    const checked = buildBusEvent(entry, { account: this.accountId, region: this.region, nowMs: this.options.clock.now() });
    if ("ErrorCode" in checked) return checked;
    if (!this.buses.has(checked.busName)) {
      return { ErrorCode: "ResourceNotFoundException", ErrorMessage: `Event bus ${checked.busName} does not exist.` };
    }
    this.stats.eventsPut++;
    this.options.observe?.(checked.event, checked.busName);
    this.route(checked.busName, checked.event);
    return { EventId: checked.event.id };
  }

  private route(busName: string, event: BusEvent): void {
    const ingestionTime = new Date(this.options.clock.now()).toISOString();
    for (const archive of this.archives) {
      if (archive.busName === busName && (!archive.matches || archive.matches(event))) this.stats.archived++;
    }
    for (const rule of this.rules.values()) {
      if (rule.busName !== busName || !rule.matches || (rule.props.State ?? "ENABLED") === "DISABLED") continue;
      if (!rule.matches(event)) continue;
      this.stats.matchedRules++;
      for (const target of rule.props.Targets ?? []) {
        const payload = renderTargetInput(target, event, { ruleArn: rule.arn, ruleName: rule.props.Name, ingestionTime });
        const delivery: TargetDelivery = {
          targetArn: target.Arn,
          targetId: target.Id,
          ruleName: rule.props.Name,
          ruleArn: rule.arn,
          payload,
          messageGroupId: target.SqsParameters?.MessageGroupId,
          event,
        };
        this.track(this.deliverWithRetries(delivery, target));
      }
    }
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async deliverWithRetries(delivery: TargetDelivery, target: RuleTargetProps): Promise<void> {
    const { clock } = this.options;
    const maxAttempts = (target.RetryPolicy?.MaximumRetryAttempts ?? 185) + 1;
    const maxAgeMs = (target.RetryPolicy?.MaximumEventAgeInSeconds ?? 86_400) * 1000;
    const startMs = clock.now();
    let lastError: unknown;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      try {
        await this.options.deliver(delivery);
        this.stats.deliveries++;
        return;
      } catch (error) {
        lastError = error;
        this.stats.failedAttempts++;
      }
      const backoffMs = Math.min(1000 * 2 ** (attempt - 1), 300_000);
      if (attempt === maxAttempts || clock.now() + backoffMs - startMs > maxAgeMs) break;
      await clock.sleep(backoffMs);
    }
    await this.deadLetter(delivery, target, lastError);
  }

  private async deadLetter(delivery: TargetDelivery, target: RuleTargetProps, error: unknown): Promise<void> {
    const dlqArn = target.DeadLetterConfig?.Arn;
    if (!dlqArn) {
      this.stats.dropped++;
      this.options.onDeliveryFailure?.(delivery, error);
      return;
    }
    const attribute = (value: string) => ({ DataType: "String" as const, StringValue: value });
    const code = error instanceof AwsServiceError ? error.type : error instanceof Error ? error.name : "Error";
    const message = error instanceof Error ? error.message : String(error);
    try {
      await this.options.deliver({
        ...delivery,
        targetArn: dlqArn,
        payload: JSON.stringify(delivery.event),
        messageAttributes: {
          RULE_ARN: attribute(delivery.ruleArn),
          TARGET_ARN: attribute(delivery.targetArn),
          ERROR_CODE: attribute(code),
          ERROR_MESSAGE: attribute(message.slice(0, 256) || code),
        },
      });
      this.stats.deadLettered++;
    } catch (dlqError) {
      this.stats.dropped++;
      this.options.onDeliveryFailure?.(delivery, dlqError);
    }
  }
}
