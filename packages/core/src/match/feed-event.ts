/**
 * A feed event as the engine sees it, whatever its sport: the common fields, its
 * detail-type as `type` and the sport that reads it. Each sport module types its own
 * events more narrowly (sports/<sport>/events.ts); the engine sequences, parks, logs
 * and routes them by these fields alone.
 */
export interface FeedEventBase {
  type: string;
  /** The sport that reads it; football's events may leave it out (see eventSport). */
  sport?: string;
  eventId: string;
  matchId: string;
  seq: number;
  occurredAt: string;
}

/** The detail-types every sport declares, with the same meaning for the lifecycle. */
export const COMMON_EVENT_TYPES = ["Match Scheduled", "Market Prices Observed", "Match Started", "Match Ended", "Result Confirmed", "Match Abandoned"] as const;
export type CommonEventType = (typeof COMMON_EVENT_TYPES)[number];

/** The sport of a feed event that names none: football, whose feeds predate the engine's other sports. */
export const DEFAULT_SPORT = "football" as const;

/** The sport that reads an event: the one it names, DEFAULT_SPORT when it names none. */
export function eventSport(event: Pick<FeedEventBase, "sport">): string {
  return event.sport ?? DEFAULT_SPORT;
}
