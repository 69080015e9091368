import * as z from "zod/mini";
import { InputError } from "../errors";
import { DEFAULT_SPORT, isSportId, SPORTS, sportOf, type AnyFeedEvent } from "../sports/registry";
import { LIMITS } from "./event-fields";

/**
 * The event catalogue: every event that crosses the bus. Feed events come from the data
 * provider (source `pricing.feed`) and are declared once, by their sport's module
 * (sports/<sport>/events.ts); engine events come from this system (source
 * `pricing.engine`, `./engine-events`, kept apart so that publishing bundles no feed
 * schema). The bus, the handlers, the local cloud and the tests all import these.
 */
export { LIMITS, MatchId } from "./event-fields";
export { ENGINE_SOURCE, EngineDetail, engineEntry, type EngineEvent, type EngineEventType } from "./engine-events";
export const FEED_SOURCE = "pricing.feed";

/** A feed event of any sport, as the core sees it: the detail, its detail-type as `type`, and its sport. */
export type FeedEvent = AnyFeedEvent;
export type FeedEventType = FeedEvent["type"];
export type FeedEventOf<K extends FeedEventType> = Extract<FeedEvent, { type: K }>;

/** Every sport's feed event schemas by detail-type (the common ones once per sport). */
export const FEED_SCHEMAS: Readonly<Record<string, Readonly<Record<string, z.ZodMiniType>>>> = Object.fromEntries(
  Object.values(SPORTS).map((sport) => [sport.id, sport.events]),
);

/** Football's schemas: the feed's events when they name no sport (FeedDetail of feeds that predate sports). */
export const FeedDetail = SPORTS[DEFAULT_SPORT].events;

/** Whether `type` names a feed event of `sport`: one of its catalogue's own keys, never an inherited name like `constructor`. */
export function isFeedEventType(type: string, sport: string = DEFAULT_SPORT): boolean {
  return isSportId(sport) && Object.hasOwn(SPORTS[sport].events, type);
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
 * feed event of its sport (the detail's `sport`, DEFAULT_SPORT when it names none). Throws
 * MalformedEventError (`match.malformed_event`) with every issue when the JSON, the
 * source, the sport, the detail-type or the detail is wrong.
 */
export function parseFeedEvent(body: string | unknown): FeedEvent {
  const raw = typeof body === "string" ? parseJson(body) : body;
  const envelope = Envelope.safeParse(raw);
  if (!envelope.success) throw malformed(`not an EventBridge event: ${z.prettifyError(envelope.error)}`, raw);
  const { source, "detail-type": type, detail } = envelope.data;
  if (source !== FEED_SOURCE) throw malformed(`source must be ${FEED_SOURCE}, got ${source}`, raw);
  const named = (detail as { sport?: unknown } | null)?.sport;
  const sport = named === undefined ? DEFAULT_SPORT : named;
  if (!isSportId(sport)) throw malformed(`unknown sport ${JSON.stringify(sport).slice(0, 40)}`, raw);
  // An own-property test: `in` would take "constructor" or "__proto__" for a schema.
  if (!isFeedEventType(type, sport)) throw malformed(`unknown detail-type "${type}"${sport === DEFAULT_SPORT ? "" : ` of ${sport}`}`, raw);
  const parsed = (SPORTS[sport].events as Record<string, z.ZodMiniType>)[type].safeParse(detail);
  if (!parsed.success) throw malformed(`invalid "${type}" detail: ${z.prettifyError(parsed.error)}`, raw);
  // Kept as the feed sent it: an event that names no sport stays so (eventSport reads it as football).
  return { ...(parsed.data as object), type } as FeedEvent;
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

/**
 * Builds the EventBridge entry a feed would send for a feed event (examples, tests).
 * Football's events go out as football feeds send them, without `sport`; every other
 * sport's name it.
 */
export function feedEntry(event: Omit<FeedEvent, "sport"> & { sport?: string }, busName: string) {
  const { type, sport = DEFAULT_SPORT, ...rest } = event;
  const detail = sport === DEFAULT_SPORT ? rest : { ...rest, sport };
  (sportOf(sport).events as Record<string, z.ZodMiniType>)[type].parse(detail);
  return { Source: FEED_SOURCE, DetailType: type, Detail: JSON.stringify(detail), EventBusName: busName };
}
