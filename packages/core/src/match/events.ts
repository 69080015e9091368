import * as z from "zod/mini";
import { InputError } from "../errors";
import { MAX_ADDED_TIME } from "../sports/football/models/goal-profile";
import { Instant, LIMITS, MatchId, ScoreSchema } from "./event-fields";

/**
 * The event catalogue: every event that crosses the bus, declared once. Feed events
 * come from the data provider (source `pricing.feed`), engine events from this system
 * (source `pricing.engine`). The bus, the handlers, the local cloud and the tests all
 * import these schemas. Engine events live in `./engine-events` and the fields both
 * share in `./event-fields`, so that publishing bundles no feed schema; both are
 * re-exported here.
 */
export { LIMITS, MatchId, ScoreSchema } from "./event-fields";
export { ENGINE_SOURCE, EngineDetail, engineEntry, type EngineEvent, type EngineEventType } from "./engine-events";
export const FEED_SOURCE = "pricing.feed";

const Text = z.string().check(z.minLength(1), z.maxLength(LIMITS.textLength));
const Team = z.enum(["home", "away"]);
const Minute = z.number().check(z.int(), z.gte(0), z.lte(LIMITS.maxMinute));
const Odds = z.number().check(z.gt(1), z.lt(1000));

const Id = z.string().check(z.minLength(1), z.maxLength(LIMITS.idLength));
const FeedBase = z.object({
  eventId: Id,
  matchId: MatchId,
  /** Per-match sequence number from the feed, 1 for `Match Scheduled`, increasing by 1. */
  seq: z.number().check(z.int(), z.gte(1), z.lte(1_000_000)),
  occurredAt: Instant,
});

const between = (min: number, max: number) => z.number().check(z.gte(min), z.lte(max));
/** Team strengths on the log scale: log λ = intercept + attack − opponent defence (+ home advantage). */
const Ratings = z.object({
  intercept: between(-3, 3),
  homeAdvantage: between(-1, 1),
  home: z.object({ attack: between(-3, 3), defence: between(-3, 3) }),
  away: z.object({ attack: between(-3, 3), defence: between(-3, 3) }),
  rho: z.optional(between(-0.5, 0.5)),
});
const ExpectedGoals = z.object({
  home: z.number().check(z.gt(0), z.lte(10)),
  away: z.number().check(z.gt(0), z.lte(10)),
  rho: z.optional(between(-0.5, 0.5)),
});
const Period = z.enum(["1H", "2H"]);

export const FeedDetail = {
  "Match Scheduled": z.extend(FeedBase, {
    competition: Text,
    homeTeam: Text,
    awayTeam: Text,
    kickoff: Instant,
    ratings: z.optional(Ratings),
    expectedGoals: z.optional(ExpectedGoals),
  }),
  "Market Prices Observed": z.extend(FeedBase, {
    bookmaker: Text,
    matchResult: z.object({ home: Odds, draw: Odds, away: Odds }),
    overUnder25: z.optional(z.object({ over: Odds, under: Odds })),
  }),
  "Match Started": FeedBase,
  "Goal Scored": z.extend(FeedBase, { team: Team, minute: Minute }),
  "Goal Disallowed": z.extend(FeedBase, { goalEventId: Id, minute: Minute }),
  "Card Shown": z.extend(FeedBase, { team: Team, colour: z.enum(["yellow", "red"]), minute: Minute }),
  "Period Started": z.extend(FeedBase, { period: Period }),
  "Period Ended": z.extend(FeedBase, { period: Period, minute: Minute }),
  /** The fourth official's board: `minutes` of added time for the half being played. */
  "Added Time Announced": z.extend(FeedBase, { period: Period, minutes: z.number().check(z.int(), z.gte(0), z.lte(MAX_ADDED_TIME)) }),
  "Match Ended": z.extend(FeedBase, { minute: Minute }),
  "Result Confirmed": z.extend(FeedBase, { score: ScoreSchema, halfTimeScore: ScoreSchema }),
  "Match Abandoned": z.extend(FeedBase, { reason: Text, minute: z.optional(Minute) }),
} as const;

export type FeedEventType = keyof typeof FeedDetail;
export const FEED_EVENT_TYPES = Object.keys(FeedDetail) as FeedEventType[];

/** A feed event as the core sees it: the detail plus its detail-type as `type`. */
export type FeedEvent = {
  [K in FeedEventType]: z.infer<(typeof FeedDetail)[K]> & { type: K };
}[FeedEventType];
export type FeedEventOf<K extends FeedEventType> = Extract<FeedEvent, { type: K }>;

/** Whether `type` names a feed event: one of the catalogue's own keys, never an inherited name like `constructor`. */
export function isFeedEventType(type: string): type is FeedEventType {
  return Object.hasOwn(FeedDetail, type);
}

/** The EventBridge envelope as delivered by a rule to SQS. */
export const Envelope = z.object({
  id: z.optional(z.string()),
  source: z.string(),
  "detail-type": z.string().check(z.maxLength(128)),
  detail: z.unknown(),
});

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
  // An own-property test: `in` would take "constructor" or "__proto__" for a schema.
  if (!isFeedEventType(type)) throw malformed(`unknown detail-type "${type}"`, raw);
  const parsed = FeedDetail[type].safeParse(detail);
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

/** Builds the EventBridge entry a feed would send for a feed event (examples, tests). */
export function feedEntry(event: FeedEvent, busName: string) {
  const { type, ...detail } = event;
  FeedDetail[type].parse(detail);
  return { Source: FEED_SOURCE, DetailType: type, Detail: JSON.stringify(detail), EventBusName: busName };
}
