import type { MatchMoment, Scoreboard } from "@pricing/core/match/view";

export type { Scoreboard } from "@pricing/core/match/view";

/**
 * The console's JSON API: what the server answers under /console/api and what the
 * page reads. Types and constants only, so the browser bundle can import them.
 */

/** The header an action (a POST) carries the console's per-launch token in: a custom header, so a browser preflights it cross-origin. */
export const TOKEN_HEADER = "x-pricing-console-token";

/** The name of the served page's meta tag holding that token: only a page read from the console itself knows it. */
export const TOKEN_META = "pricing-console-token";

/** A match as the Matches view shows it; `status` is the trader's word for the epoch. */
export type MatchStatus = "scheduled" | "pre-event" | "in play" | "ended" | "settled" | "void";

/** The headline market's offered odds by position: home, draw, away (a two-way market, such as tennis's match winner, has no draw). */
export interface Odds1x2 {
  home: number | null;
  draw: number | null;
  away: number | null;
}

export interface MatchSummary {
  matchId: string;
  competition: string | null;
  homeTeam: string | null;
  awayTeam: string | null;
  kickoff: string | null;
  status: MatchStatus;
  /** The engine's epoch (SCHEDULED, IN_PLAY, ...). */
  epoch: string;
  /** The match's sport (`football`, `tennis`); null before it is scheduled. */
  sport: string | null;
  /** The scoreboard as the sport draws it (sets, games, points, server; status of play); null when it draws none. */
  scoreboard: Scoreboard | null;
  /** The score as its sport writes it ("2-1"), or null before play. */
  score: string | null;
  /** Where play stands, as its sport writes it: "23'", "HT", "FT" (with red cards), or null before play. */
  clock: string | null;
  /** Offered odds of the headline market (1X2; match winner) of the newest price version; null selections are not offered. */
  odds: Odds1x2 | null;
  /** Fair probabilities of the headline market's selections over the last price versions, oldest first. */
  sparkline: number[][];
  /** Why markets are suspended now (a goal waiting for its reprice, a model failure); empty when open. */
  suspended: string[];
  priceVersion: number | null;
  /** The state version the newest prices were made from; below `stateVersion` while a change waits for its reprice. */
  pricedStateVersion: number | null;
  stateVersion: number;
  executionArn: string | null;
}

export interface MatchesResponse {
  matches: MatchSummary[];
  /** ISO time the server read the table. */
  readAt: string;
}

/** One line of a price chart: a selection's fair probability and offered odds at each price version. */
export interface SelectionSeries {
  key: string;
  /** The selection as a trader reads it (a side's name), where the match names its sides. */
  name?: string;
  probability: Array<number | null>;
  odds: Array<number | null>;
}

export interface MarketHistory {
  group: string;
  /** "key|line" of the charted market. */
  market: string;
  label: string;
  /** Every market of the group at the newest version, for choosing another. */
  markets: Array<{ id: string; label: string }>;
  /** Epoch ms of each price version (its asOf). */
  times: number[];
  /** Match clock (minutes) of each price version. */
  minutes: number[];
  /** Where each price version stands on the match's axis (see MatchAxis). */
  x?: number[];
  selections: SelectionSeries[];
  /** Times (epoch ms) of versions in which this group was suspended by a model failure. */
  failedAt: number[];
  /** The same versions on the match's axis. */
  failedX?: number[];
}

/**
 * The charts' horizontal axis: the match clock, not wall time. A sport with a clock
 * reads in minutes (`x` is minutes, stoppage time pushing the rest right); one without
 * reads in points played, with the games and sets as ticks.
 */
export interface MatchAxis {
  unit: "minute" | "point";
  /** The axis title as a trader reads it. */
  title: string;
  /** Labelled positions: minutes ("KO", "15'", "45'"); sets and games ("Set 2", "3-2"). Major ones are kept when space is short. */
  ticks: Array<{ x: number; label: string; major: boolean }>;
}

/** A moment of the match (its sport's: a goal, a break of serve, a set) drawn on the time axis of the charts. */
export interface MatchMarker extends Omit<MatchMoment, "at"> {
  /** Epoch ms the engine logged the event: the clock of MarketHistory.times, on which the charts draw it. */
  at: number;
  /** When the event occurred, by the feed's clock (ISO). */
  occurredAt: string;
  /** Where it stands on the match's axis. */
  x?: number;
}

/** A stretch of time with markets suspended: from the incident's arrival to the first price that knows it. */
export interface SuspensionBand {
  from: number;
  to: number | null;
  reason: string;
  /** The same stretch on the match's axis. */
  fromX?: number;
  toX?: number | null;
}

export interface EventLogEntry {
  seq: number;
  type: string;
  occurredAt: string;
  minute: number | null;
  summary: string;
  /** A trader action (type "Trader Action"): who, why and what it did; `seq` is the feed event it followed. */
  trader?: { traderId: string; reason: string; action: string; result: string };
}

/** A hold a trader put on a match, a group or a model. */
export interface TraderHoldView {
  reason: string;
  traderId: string;
  at: string;
}

/** The trader's part of a match: what is held, margins, and what may be acted on. */
export interface TraderView {
  version: number;
  match: TraderHoldView | null;
  groups: Record<string, TraderHoldView>;
  margins: Record<string, { margin: number } & TraderHoldView>;
  models: Record<string, TraderHoldView>;
  sportGroups: string[];
  sportModels: string[];
  marginBand: { min: number; max: number };
}

/** What the console put on the bus for a trader action. */
export interface TraderActionResponse {
  eventId: string;
  traderId: string;
  action: string;
}

export interface LadderSelection {
  key: string;
  /** The selection as a trader reads it: the side's name for home/away and a/b, a score from the winner's side ("Sinner 2-1"). */
  name: string;
  probability: number;
  fairOdds: number | null;
  odds: number | null;
  /** How the selection came out (won, lost, void, push, half-won, half-lost) once its market is decided or settled. */
  outcome: string | null;
}

export interface LadderMarket {
  group: string;
  id: string;
  label: string;
  /** "open", "suspended" (no price within the margin), "decided" (in play, outcome known) or "settled". */
  status: string;
  line: number | null;
  /**
   * The book's overround: the sum of the offered selections' implied probabilities
   * less the winners the market has (1; 2 for a double chance); null when a selection
   * is not offered.
   */
  overround: number | null;
  selections: LadderSelection[];
}

export interface LadderGroup {
  group: string;
  status: "priced" | "suspended";
  error: string | null;
  /** Why the group offers no prices now: a goal or a review waiting for its reprice, a trader's hold, a model failure; null when open. */
  suspendedBy: string | null;
  markets: LadderMarket[];
}

/** Every market as it stood at one moment: the newest price set of each group at or before it. */
export interface PricesAtResponse {
  /** The moment asked for (ISO). */
  at: string;
  /** Where it stands on the match's axis. */
  x: number;
  ladder: MatchDetailResponse["ladder"];
}

export interface SettlementView {
  settledAt: string;
  void: boolean;
  markets: Array<{ id: string; label: string; void: boolean; selections: Array<{ key: string; outcome: string }> }>;
}

export interface MatchDetailResponse {
  match: MatchSummary;
  history: MarketHistory[];
  markers: MatchMarker[];
  suspensions: SuspensionBand[];
  events: EventLogEntry[];
  ladder: { priceVersion: number; asOf: string; groups: LadderGroup[] } | null;
  settlement: SettlementView | null;
  /** The charts' horizontal axis: the match clock. */
  axis?: MatchAxis;
  /** The scheduled start as the feed's Match Scheduled event gave it (ISO, with its offset). */
  scheduledStart?: string | null;
  /** What traders hold on the match; null before it is scheduled. */
  trader?: TraderView | null;
}

export interface ExecutionSummary {
  executionArn: string;
  name: string;
  status: string;
  startDate: string | null;
  stopDate: string | null;
}

export interface GraphNode {
  name: string;
  type: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** States nested in a Map or Parallel state, laid out inside it. */
  children?: StateGraph;
}

export interface GraphEdge {
  from: string;
  to: string;
  label: string | null;
  /** Polyline through these points, in the same coordinates as the nodes. */
  points: Array<[number, number]>;
}

export interface StateGraph {
  width: number;
  height: number;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface HistoryEventView {
  id: number;
  type: string;
  timestamp: string | null;
  /** ms since the execution started. */
  elapsedMs: number | null;
  state: string | null;
  detail: string | null;
}

/** One visit of an execution to a state: what went in, what came out, how long it took (on the execution's clock). */
export interface StateVisit {
  enteredAt: string | null;
  exitedAt: string | null;
  durationMs: number | null;
  /** JSON text as Step Functions recorded it, clipped to STATE_DATA_LIMIT characters. */
  input: string | null;
  output: string | null;
  /** The error it failed with ("States.Timeout: no token"), if it did. */
  error: string | null;
}

/** Visits of one state the execution page receives: a loop or a Map may visit a state hundreds of times. */
export const STATE_VISITS_KEPT = 20;

/** Characters of a state's input or output the execution page receives: a Lifecycle state carries the match's whole state. */
export const STATE_DATA_LIMIT = 100_000;

export interface ExecutionDetailResponse {
  execution: ExecutionSummary & { stateMachineArn: string; input: string | null; output: string | null; error: string | null; cause: string | null };
  /** Each state's visits, the newest last (at most STATE_VISITS_KEPT of them). */
  states: Record<string, StateVisit[]>;
  graph: StateGraph;
  /** States entered at least once, and the ones entered but not yet left. */
  visited: string[];
  current: string[];
  failed: string[];
  events: HistoryEventView[];
  /** On a local cloud, how fast its clock (the history's timestamps) runs against real time. */
  clockSpeed: number | null;
}

export interface PricingRun {
  matchId: string;
  priceVersion: number;
  stateVersion: number;
  asOf: string;
  /** Seconds of match clock the version was priced at. */
  clockSeconds: number;
  groups: number;
  failedGroups: Array<{ group: string; error: string | null }>;
  /** From the execution record where one is available (the local cloud keeps the last 200). */
  execution: { executionArn: string; status: string; durationMs: number | null; reason: string | null } | null;
}

/** The stage's two state machines, as the Executions view names them. */
export const STATE_MACHINES = ["Lifecycle", "PriceMatch"] as const;
export type StateMachineName = (typeof STATE_MACHINES)[number];

/** Step Functions' execution statuses. */
export const EXECUTION_STATUSES = ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

/** Most executions on one page of the Executions view, and how many when the page asks for none. */
export const EXECUTION_PAGE_MAX = 50;
export const EXECUTION_PAGE_DEFAULT = 25;

/** One line of the Executions view: a Lifecycle execution or a PriceMatch run. */
export interface ExecutionRow {
  machine: StateMachineName;
  /** Unique in the list: the execution's ARN, or match and price version for a run whose execution is not kept. */
  key: string;
  /** Null for a pricing run whose Express execution cannot be described (on AWS; locally once retired). */
  executionArn: string | null;
  matchId: string | null;
  /** The match by its sides ("Sinner J. v Vukic A."), or its id when it names none. */
  matchName: string | null;
  /** What the run did: for PriceMatch its trigger and groups ("Goal Scored · 7 groups"); for Lifecycle the execution's name (the match id). */
  title: string;
  status: ExecutionStatus;
  startDate: string | null;
  stopDate: string | null;
  /**
   * Lifecycle: stop less start on the execution's clock (a local cloud's runs fast);
   * PriceMatch: real ms, as a model's latency is read.
   */
  durationMs: number | null;
  /** Error names: the execution's own, and those of the groups a run published suspended. */
  errors: string[];
  run: PricingRun | null;
}

/** The Executions view's filters and page, as the query of GET executions carries them. */
export interface ExecutionQuery {
  machine?: StateMachineName;
  match?: string;
  status?: ExecutionStatus;
  /** An error name ("ModelError", "States.Timeout"). */
  error?: string;
  limit: number;
  /** The token a page answered with, for the page after it. */
  next?: string;
}

export interface ExecutionsResponse {
  lifecycle: { stateMachineArn: string | null };
  pricing: {
    stateMachineArn: string | null;
    /** What the pricing runs come from, said plainly for the page. */
    source: string;
  };
  /** One page, newest first. */
  executions: ExecutionRow[];
  /** How many executions pass the filters, over every page. */
  total: number;
  /** The token of the next page, null on the last. */
  next: string | null;
  /** What the filters offer: the stage's matches by name and kick-off (ISO, null when unscheduled), and every error name seen. */
  matches: Array<{ matchId: string; name: string; kickoff: string | null }>;
  errors: string[];
  /** On a local cloud, how fast its clock runs against real time. */
  clockSpeed: number | null;
}

export interface LatencyStats {
  samples: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface ReliabilityBin {
  from: number;
  to: number;
  count: number;
  meanForecast: number;
  observedFrequency: number;
}

export interface GroupPerformance {
  group: string;
  latency: LatencyStats | null;
  priced: number;
  failed: number;
  lastError: string | null;
  calibration: {
    selections: number;
    /** Mean binary log-loss per selection, nats. */
    logLoss: number | null;
    /** Mean log-loss of one-winner markets, -ln p(winner), nats. */
    marketLogLoss: number | null;
    markets: number;
    brier: number | null;
    bins: ReliabilityBin[];
  };
}

export interface ModelsResponse {
  groups: GroupPerformance[];
  settledMatches: number;
  latencySource: string;
  calibrationBasis: string;
}

export interface DeadLetterMessage {
  messageId: string;
  sentAt: string | null;
  receiveCount: number | null;
  reason: string;
  sourceQueue: string | null;
  body: string;
}

export interface QueueView {
  name: string;
  label: string;
  url: string;
  arn: string;
  visible: number;
  inFlight: number;
  delayed: number;
  deadLetterQueue: string | null;
  maxReceiveCount: number | null;
  isDeadLetterQueue: boolean;
  /** Queues this one is the DLQ of, or the EventBridge target it catches failures of. */
  sources: string[];
  messages?: DeadLetterMessage[];
  redrivable: boolean;
}

export interface QueuesResponse {
  queues: QueueView[];
}

export interface RedriveResponse {
  queue: string;
  method: "StartMessageMoveTask" | "resend";
  moved: number | null;
  taskHandle: string | null;
}

export interface CostLineView {
  service: string;
  item: string;
  quantity: number;
  unit: string;
  usd: number;
}

export interface CostResponse {
  basis: string;
  totalUsd: number;
  lines: CostLineView[];
  matches: number;
  perMatchUsd: number | null;
  days: Array<{ day: string; matches: number; usd: number }>;
  byMatch: Array<{ matchId: string; label: string; usd: number }>;
}

export interface ConsoleInfo {
  target: string;
  stage: string;
  region: string;
  tableName: string;
  local: boolean;
  /** Who the console acts as for trader actions. */
  traderId?: string;
}

/** A server-sent `change` event: the topics whose data moved since the last one. */
export interface ChangeEvent {
  topics: Array<"matches" | "executions" | "queues" | "models" | "cost">;
  at: string;
}
