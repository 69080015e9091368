import * as z from "zod";
import { MARKET_GROUPS } from "../markets/types";
import { InputError } from "../errors";

/**
 * The event catalogue: every event that crosses the bus, declared once. Feed events
 * come from the data provider (source `pricing.feed`), engine events from this system
 * (source `pricing.engine`). The bus, the handlers, the local cloud and the tests all
 * import these schemas.
 */
export const FEED_SOURCE = "pricing.feed";
export const ENGINE_SOURCE = "pricing.engine";

/** Upper bounds that keep one event, and so one state item, small. */
export const LIMITS = { idLength: 80, textLength: 200, maxMinute: 150, maxGoals: 30, instantLength: 40 } as const;

/** Match ids name Step Functions executions: 1-80 characters of [A-Za-z0-9_-]. */
export const MatchId = z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, "matchId must be 1-80 characters of A-Z a-z 0-9 _ -");
const Text = z.string().min(1).max(LIMITS.textLength);
/** An ISO 8601 time with an offset; bounded, since the format allows any number of fractional digits. */
const Instant = z.iso.datetime({ offset: true }).max(LIMITS.instantLength);
const Team = z.enum(["home", "away"]);
const Minute = z.number().int().min(0).max(LIMITS.maxMinute);
const Goals = z.number().int().min(0).max(LIMITS.maxGoals);
const Odds = z.number().gt(1).lt(1000);
export const ScoreSchema = z.object({ home: Goals, away: Goals });

const FeedBase = z.object({
  eventId: z.string().min(1).max(LIMITS.idLength),
  matchId: MatchId,
  /** Per-match sequence number from the feed, 1 for `Match Scheduled`, increasing by 1. */
  seq: z.number().int().min(1).max(1_000_000),
  occurredAt: Instant,
});

/** Team strengths on the log scale: log λ = intercept + attack − opponent defence (+ home advantage). */
const Ratings = z.object({
  intercept: z.number().min(-3).max(3),
  homeAdvantage: z.number().min(-1).max(1),
  home: z.object({ attack: z.number().min(-3).max(3), defence: z.number().min(-3).max(3) }),
  away: z.object({ attack: z.number().min(-3).max(3), defence: z.number().min(-3).max(3) }),
  rho: z.number().min(-0.5).max(0.5).optional(),
});
const ExpectedGoals = z.object({
  home: z.number().gt(0).max(10),
  away: z.number().gt(0).max(10),
  rho: z.number().min(-0.5).max(0.5).optional(),
});

export const FeedDetail = {
  "Match Scheduled": FeedBase.extend({
    competition: Text,
    homeTeam: Text,
    awayTeam: Text,
    kickoff: Instant,
    ratings: Ratings.optional(),
    expectedGoals: ExpectedGoals.optional(),
  }),
  "Market Prices Observed": FeedBase.extend({
    bookmaker: Text,
    matchResult: z.object({ home: Odds, draw: Odds, away: Odds }),
    overUnder25: z.object({ over: Odds, under: Odds }).optional(),
  }),
  "Match Started": FeedBase,
  "Goal Scored": FeedBase.extend({ team: Team, minute: Minute }),
  "Goal Disallowed": FeedBase.extend({ goalEventId: z.string().min(1).max(LIMITS.idLength), minute: Minute }),
  "Card Shown": FeedBase.extend({ team: Team, colour: z.enum(["yellow", "red"]), minute: Minute }),
  "Period Started": FeedBase.extend({ period: z.enum(["1H", "2H"]) }),
  "Period Ended": FeedBase.extend({ period: z.enum(["1H", "2H"]), minute: Minute }),
  "Match Ended": FeedBase.extend({ minute: Minute }),
  "Result Confirmed": FeedBase.extend({ score: ScoreSchema, halfTimeScore: ScoreSchema }),
  "Match Abandoned": FeedBase.extend({ reason: Text, minute: Minute.optional() }),
} as const;

export type FeedEventType = keyof typeof FeedDetail;
export const FEED_EVENT_TYPES = Object.keys(FeedDetail) as FeedEventType[];

/** A feed event as the core sees it: the detail plus its detail-type as `type`. */
export type FeedEvent = {
  [K in FeedEventType]: z.infer<(typeof FeedDetail)[K]> & { type: K };
}[FeedEventType];
export type FeedEventOf<K extends FeedEventType> = Extract<FeedEvent, { type: K }>;

/** The EventBridge envelope as delivered by a rule to SQS. */
export const Envelope = z.object({
  id: z.string().optional(),
  source: z.string(),
  "detail-type": z.string().max(128),
  detail: z.unknown(),
});

/** Engine events, published by this system. */
const EngineBase = z.object({ matchId: MatchId });
const Group = z.enum(MARKET_GROUPS);
export const EngineDetail = {
  "Prices Published": EngineBase.extend({
    stateVersion: z.number().int().min(0),
    priceVersion: z.number().int().min(0),
    asOf: Instant,
    groups: z.array(Group),
    suspended: z.array(Group),
  }),
  "Markets Suspended": EngineBase.extend({
    reason: z.enum(["goal", "goal disallowed", "red card", "full time", "abandoned", "model failure"]),
    groups: z.array(Group),
    stateVersion: z.number().int().min(0),
  }),
  "Markets Settled": EngineBase.extend({
    void: z.boolean(),
    score: ScoreSchema.nullable(),
    halfTimeScore: ScoreSchema.nullable(),
    selections: z.number().int().min(0),
    settledAt: Instant,
  }),
  "Model Failed": EngineBase.extend({
    group: Group,
    stateVersion: z.number().int().min(0),
    error: z.object({ name: z.string(), message: z.string().max(1000) }),
  }),
  "Event Rejected": z.object({
    reason: z.string().max(2000),
    detailType: z.string().max(128).nullable(),
    eventId: z.string().max(LIMITS.idLength).nullable(),
    matchId: z.string().max(LIMITS.idLength).nullable(),
    receivedAt: Instant,
  }),
} as const;
export type EngineEventType = keyof typeof EngineDetail;
export type EngineEvent<K extends EngineEventType = EngineEventType> = {
  [T in K]: { type: T; detail: z.infer<(typeof EngineDetail)[T]> };
}[K];

/** Why a message could not become a feed event; `reason` says what to fix. */
export class MalformedEventError extends InputError {
  override readonly name: string = "MalformedEventError";
}

/**
 * Parses an EventBridge event (the body of an SQS message from the feed rule) into a
 * feed event. Throws MalformedEventError (`match.malformed_event`) with every issue
 * when the JSON, the source, the detail-type or the detail is wrong.
 */
export function parseFeedEvent(body: string | unknown): FeedEvent {
  const raw = typeof body === "string" ? parseJson(body) : body;
  const envelope = Envelope.safeParse(raw);
  if (!envelope.success) throw malformed(`not an EventBridge event: ${z.prettifyError(envelope.error)}`, raw);
  const { source, "detail-type": type, detail } = envelope.data;
  if (source !== FEED_SOURCE) throw malformed(`source must be ${FEED_SOURCE}, got ${source}`, raw);
  if (!(type in FeedDetail)) throw malformed(`unknown detail-type "${type}"`, raw);
  const parsed = FeedDetail[type as FeedEventType].safeParse(detail);
  if (!parsed.success) throw malformed(`invalid "${type}" detail: ${z.prettifyError(parsed.error)}`, raw);
  return { ...parsed.data, type } as FeedEvent;
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw malformed("body is not JSON", null);
  }
}

function malformed(reason: string, raw: unknown): MalformedEventError {
  const detail = (raw as { detail?: Record<string, unknown> } | null)?.detail;
  const pick = (key: string) => (typeof detail?.[key] === "string" ? (detail[key] as string).slice(0, LIMITS.idLength) : null);
  const detailType = (raw as Record<string, unknown> | null)?.["detail-type"];
  return new MalformedEventError("match.malformed_event", reason, {
    detailType: typeof detailType === "string" ? detailType.slice(0, 128) : null,
    eventId: pick("eventId"),
    matchId: pick("matchId"),
  });
}

/** Builds the EventBridge entry for an engine event; validates the detail first. */
export function engineEntry<K extends EngineEventType>(type: K, detail: z.infer<(typeof EngineDetail)[K]>, busName: string) {
  const checked = EngineDetail[type].parse(detail);
  return { Source: ENGINE_SOURCE, DetailType: type, Detail: JSON.stringify(checked), EventBusName: busName };
}

/** Builds the EventBridge entry a feed would send for a feed event (examples, tests). */
export function feedEntry(event: FeedEvent, busName: string) {
  const { type, ...detail } = event;
  FeedDetail[type].parse(detail);
  return { Source: FEED_SOURCE, DetailType: type, Detail: JSON.stringify(detail), EventBusName: busName };
}
