import { isSportId, sportGroups, sportOf } from "@pricing/core/sports/registry";
import type { EventLogItem } from "@pricing/core/store/event-log";
import { InputError } from "@pricing/core/errors";
import type { MatchState } from "@pricing/core/match/state";
import type { MatchItem } from "@pricing/core/store/match";
import type {
  ConsoleInfo, CostResponse, ExecutionDetailResponse, ExecutionQuery, ExecutionsResponse, MarketHistory, MatchDetailResponse, MatchesResponse,
  ModelsResponse, PricesAtResponse, QueuesResponse, RedriveResponse,
} from "../api";
import { MatchClock } from "./match-clock";
import { parsePricesAt, pricesAt } from "./prices-at";
import type { ConsoleClients } from "./clients";
import { costReport } from "./cost";
import { executionPage, lifecycleRow, pricingRows } from "./execution-list";
import { ExecutionErrors, executionDetail, GraphCache, listExecutions, requireOwnExecution } from "./executions";
import type { LocalHooks } from "./local-hooks";
import { eventLogEntries, ladder, markers, scheduledStart, selectionName, settlementView, suspensionBands } from "./match-detail";
import { headlineGroup, matchSummary } from "./matches";
import { ModelPerformance } from "./models";
import { HistoryCache } from "./prices";
import { peekMessages, queueViews, redrive } from "./queues";
import type { ConsoleResources, QueueResource } from "./resources";
import { LatencyCollector, pricingRuns, PublishedVersions } from "./runs";
import { PricingTable } from "./table";
import { DEFAULT_TRADER_ID, putTraderAction, traderView, withTraderActions } from "./trader";
import type { TraderActionResponse } from "../api";

/**
 * A market's history with its selections named after the match's sides (a compared
 * line's "over@2.5" is "Over 2.5") and its versions placed on the match's axis.
 */
function named(history: MarketHistory | null, participants: [string, string] | null, clock: MatchClock | null): MarketHistory | null {
  if (!history) return null;
  const name = (key: string) => {
    const [selection, line] = key.split("@");
    return line === undefined ? selectionName(selection, participants) : `${selectionName(selection, participants)} ${line}`;
  };
  return {
    ...history,
    selections: history.selections.map((s) => ({ ...s, name: name(s.key) })),
    ...(clock ? { x: history.times.map((t, i) => clock.at(t, history.minutes[i])), failedX: history.failedAt.map((t) => clock.at(t)) } : {}),
  };
}

/** The match's clock on the charts: in minutes for a sport that keeps one, else in points played. */
const matchClock = (log: EventLogItem[], sport: string | null, kickoff: string | null) =>
  new MatchClock(log, isSportId(sport) && sportOf(sport).clock !== undefined, kickoff);

export class NotFoundError extends InputError {
  override readonly name: string = "NotFoundError";
}

export interface ConsoleAppOptions {
  clients: ConsoleClients;
  resources: ConsoleResources;
  region: string;
  /** What the console points at, for the header: "local cloud at http://…" or "stage prod (eu-west-1)". */
  target: string;
  /** A local cloud in this process: Express executions, clock speed and usage counters. */
  local?: LocalHooks;
  /** Who the console acts as for trader actions (DEFAULT_TRADER_ID when unset). */
  traderId?: string;
}

/** Everything the console shows, assembled from the stage's table, state machines and queues. */
export class ConsoleApp {
  readonly table: PricingTable;
  /** The headline group's prices of every match (the Matches view's odds and sparkline). */
  private readonly sparklines = new HistoryCache(500);
  private readonly histories = new HistoryCache(6);
  private readonly published = new PublishedVersions();
  private readonly latency: LatencyCollector | null;
  private readonly models: ModelPerformance;
  private readonly graphs: GraphCache;
  private readonly executionErrors: ExecutionErrors;
  /** SQS requests the console itself made, left out of the local cost. */
  sqsRequests = 0;

  constructor(readonly options: ConsoleAppOptions) {
    this.table = new PricingTable(options.clients.dynamodb, options.resources.tableName);
    this.latency = options.local ? new LatencyCollector() : null;
    this.models = new ModelPerformance(this.table, this.published, this.latency);
    this.graphs = new GraphCache(options.clients);
    this.executionErrors = new ExecutionErrors(options.clients);
    options.clients.sqs.middlewareStack.add((next) => (args) => {
      this.sqsRequests++;
      return next(args);
    }, { step: "initialize", name: "consoleRequestCount" });
  }

  info(): ConsoleInfo {
    const { resources, region, target, local } = this.options;
    return { target, stage: resources.stage, region, tableName: resources.tableName, local: local !== undefined, traderId: this.traderId };
  }

  private async statesOf(matches: MatchItem[]): Promise<Map<string, MatchState | null>> {
    const states = await Promise.all(matches.map((m) => this.table.state(m.matchId)));
    return new Map(matches.map((m, i) => [m.matchId, states[i]]));
  }

  /** Every match, or only `matchId` (none when it is unknown: asking is not an error). */
  async matches(matchId?: string): Promise<MatchesResponse> {
    const matches = matchId === undefined ? await this.table.matches() : [await this.table.match(matchId)].filter((m) => m !== null);
    const states = await this.statesOf(matches);
    const group = (matchId: string) => headlineGroup(states.get(matchId)?.sport ?? null);
    await Promise.all(matches.map((m) => this.sparklines.get(m.matchId, group(m.matchId)).sync(this.table)));
    return {
      matches: matches.map((m) => matchSummary(m, states.get(m.matchId) ?? null, this.sparklines.get(m.matchId, group(m.matchId)))),
      readAt: new Date().toISOString(),
    };
  }

  async match(matchId: string): Promise<MatchDetailResponse> {
    const match = await this.table.match(matchId);
    if (!match) throw new NotFoundError("console.no_match", `no match ${matchId} in table ${this.table.tableName}`);
    const prices = this.histories.get(matchId);
    const [state, log, settlements, traderLog] = await Promise.all([
      this.table.state(matchId), this.table.eventLog(matchId), this.table.settlements(matchId), this.table.traderLog(matchId), prices.sync(this.table),
    ]);
    const summary = matchSummary(match, state, prices);
    const sport = state?.sport ?? null;
    const clock = matchClock(log, sport, summary.kickoff);
    const marks = markers(log, summary).map((m) => ({ ...m, x: clock.at(m.at) }));
    const participants: [string, string] | null = summary.homeTeam && summary.awayTeam ? [summary.homeTeam, summary.awayTeam] : null;
    const settlement = settlementView(settlements);
    return {
      match: summary,
      history: sportGroups(sport).flatMap((g) => named(prices.groups.get(g)?.view() ?? null, participants, clock) ?? []),
      markers: marks,
      suspensions: suspensionBands(marks, prices, headlineGroup(sport)).map((b) => ({ ...b, fromX: clock.at(b.from), toX: b.to === null ? null : clock.at(b.to) })),
      events: withTraderActions(eventLogEntries(log, state?.view ?? null), traderLog),
      ladder: ladder(prices, sportGroups(sport), { participants, incidents: marks, settlement }),
      settlement,
      axis: clock.axis,
      scheduledStart: scheduledStart(log),
      trader: traderView(state),
    };
  }

  /** Every market of a match as it stood at `?at=` (see ./prices-at.ts): the scrubber's view. */
  async pricesAt(matchId: string, params: URLSearchParams): Promise<PricesAtResponse> {
    const at = parsePricesAt(params);
    const match = await this.table.match(matchId);
    if (!match) throw new NotFoundError("console.no_match", `no match ${matchId} in table ${this.table.tableName}`);
    const prices = this.histories.get(matchId);
    const [state, log, settlements] = await Promise.all([this.table.state(matchId), this.table.eventLog(matchId), this.table.settlements(matchId), prices.sync(this.table)]);
    const summary = matchSummary(match, state, prices);
    const sport = state?.sport ?? null;
    return pricesAt(at, {
      table: this.table, prices, groupOrder: sportGroups(sport),
      participants: summary.homeTeam && summary.awayTeam ? [summary.homeTeam, summary.awayTeam] : null,
      markers: markers(log, summary), settlement: settlementView(settlements), clock: matchClock(log, sport, summary.kickoff),
    });
  }

  get traderId(): string {
    return this.options.traderId ?? DEFAULT_TRADER_ID;
  }

  /** Puts a trader action for the match on the stage's bus (see ./trader.ts). */
  async traderAction(matchId: string, body: Record<string, unknown>): Promise<TraderActionResponse> {
    const { clients, resources } = this.options;
    if (!clients.eventbridge || !resources.busName) throw new NotFoundError("console.no_bus", "this console has no bus to put trader actions on");
    return putTraderAction(clients.eventbridge, resources.busName, await this.table.state(matchId), matchId, this.traderId, body);
  }

  /** One group's history with another market charted. */
  async marketHistory(matchId: string, group: string, market: string): Promise<MarketHistory> {
    const known = sportGroups(null);
    if (!known.includes(group)) throw new InputError("console.unknown_group", `unknown market group ${group}; one of ${known.join(", ")}`);
    const prices = this.histories.get(matchId);
    const [match, state, log] = await Promise.all([this.table.match(matchId), this.table.state(matchId), this.table.eventLog(matchId), prices.sync(this.table)]);
    const view = prices.groups.get(group as string)?.view(market);
    if (!view) throw new NotFoundError("console.no_prices", `match ${matchId} has no ${group} prices`);
    const kickoff = match && match.kickoff !== "unscheduled" ? match.kickoff : null;
    return named(view, match?.homeTeam && match.awayTeam ? [match.homeTeam, match.awayTeam] : null, matchClock(log, state?.sport ?? null, kickoff))!;
  }

  /** A page of the stage's Lifecycle executions and pricing runs that pass the query's filters, newest first. */
  async executions(query: ExecutionQuery): Promise<ExecutionsResponse> {
    const { lifecycleArn, priceMatchArn } = this.options.resources;
    const matches = await this.table.matches();
    const [lifecycle] = await Promise.all([
      lifecycleArn ? listExecutions(this.options.clients, lifecycleArn) : Promise.resolve([]),
      this.published.sync(this.table, matches.map((m) => m.matchId)),
    ]);
    const local = this.options.local;
    const speed = local?.speed ?? 1;
    const express = local && priceMatchArn ? local.expressExecutions(priceMatchArn) : [];
    const names = new Map(matches.map((m) => [m.matchId, m.homeTeam && m.awayTeam ? `${m.homeTeam} v ${m.awayTeam}` : m.matchId]));
    const errors = await this.executionErrors.of(lifecycle);
    const rows = [
      ...lifecycle.map((e) => lifecycleRow(e, names, errors.get(e.executionArn) ?? null)),
      ...pricingRows(pricingRuns(this.published.all(), express, speed), express, names, speed),
    ];
    return {
      lifecycle: { stateMachineArn: lifecycleArn },
      pricing: {
        stateMachineArn: priceMatchArn,
        source: local
          ? "published price versions in the table, each joined to its Express execution while the local cloud keeps it (the last 200), and the kept executions that published nothing"
          : "published price versions in the table: Express executions cannot be listed or described through the Step Functions API (their history is in CloudWatch Logs)",
      },
      ...executionPage(rows, query),
      matches: matches.map((m) => ({ matchId: m.matchId, name: names.get(m.matchId)!, kickoff: m.kickoff === "unscheduled" ? null : m.kickoff }))
        .sort((a, b) => a.name.localeCompare(b.name) || (a.kickoff ?? "").localeCompare(b.kickoff ?? "")),
      errors: [...new Set(rows.flatMap((r) => r.errors))].sort(),
      clockSpeed: local?.speed ?? null,
    };
  }

  /** One execution of the stage's state machines (of no other: 403). */
  async execution(executionArn: string): Promise<ExecutionDetailResponse> {
    const { lifecycleArn, priceMatchArn } = this.options.resources;
    requireOwnExecution(executionArn, [lifecycleArn, priceMatchArn]);
    try {
      return await executionDetail(this.options.clients, this.graphs, executionArn, this.options.local?.speed ?? null);
    } catch (error) {
      if ((error as Error)?.name === "ExecutionDoesNotExist") throw new NotFoundError("console.no_execution", `no execution ${executionArn}`);
      throw error;
    }
  }

  /** Takes latency samples of the Express executions the local cloud keeps now (they are retired quickly). */
  collectLatency(): void {
    const { local, resources } = this.options;
    if (local && resources.priceMatchArn && this.latency) this.latency.collect(local, resources.priceMatchArn);
  }

  async modelReport(): Promise<ModelsResponse> {
    const matches = await this.table.matches();
    await this.published.sync(this.table, matches.map((m) => m.matchId));
    this.collectLatency();
    return this.models.report(matches);
  }

  async queues(): Promise<QueuesResponse> {
    const { clients, resources, local } = this.options;
    const peek = local ? async (q: QueueResource) => local.peek(q.url) : (q: QueueResource) => this.queueWork(() => peekMessages(clients, q));
    return { queues: await queueViews(clients, resources.queues, peek) };
  }

  /**
   * A peek through the SDK holds messages in flight for a moment, and a redrive moves
   * only the ones not in flight: the two take turns.
   */
  private queueWork<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queueTurn.then(work, work);
    this.queueTurn = run.then(() => undefined, () => undefined);
    return run;
  }
  private queueTurn: Promise<void> = Promise.resolve();

  redrive(queue: string): Promise<RedriveResponse> {
    return this.queueWork(() => redrive(this.options.clients, this.options.resources.queues, queue));
  }

  async cost(): Promise<CostResponse> {
    const matches = await this.table.matches();
    const [states] = await Promise.all([this.statesOf(matches), this.published.sync(this.table, matches.map((m) => m.matchId))]);
    const events = new Map([...states].map(([id, s]) => [id, s?.lastSeq ?? 0]));
    return costReport(matches, events, this.published, this.options.local ?? null, this.sqsRequests);
  }
}
