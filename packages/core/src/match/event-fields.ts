import * as z from "zod/mini";
import en from "zod/v4/locales/en.js";

/**
 * Fields that feed and engine events share. The catalogue uses Zod Mini, zod's
 * tree-shakable form of the same schemas: a handler bundles the checks it uses rather
 * than every method of every schema (about 32 KB of zod instead of 95). Zod Mini sets
 * no defaults of its own, so classic zod's are set here, before any schema is made:
 * English messages and the memoizer that parses reference cycles.
 */
if (!z.config().localeError) z.config(en());
if (!z.config().memoizer) z.config({ memoizer: z.memoizer() });

/** Upper bounds that keep one event, and so one state item, small. */
export const LIMITS = { idLength: 80, textLength: 200, instantLength: 40 } as const;

/** Match ids name Step Functions executions: 1-80 characters of [A-Za-z0-9_-]. */
export const MatchId = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,80}$/, "matchId must be 1-80 characters of A-Z a-z 0-9 _ -"));
/** An ISO 8601 time with an offset; bounded, since the format allows any number of fractional digits. */
export const Instant = z.iso.datetime({ offset: true }).check(z.maxLength(LIMITS.instantLength));
/** An id of the feed's: an event id, a goal's event id. */
export const Id = z.string().check(z.minLength(1), z.maxLength(LIMITS.idLength));
/** Free text of the feed: a team, a competition, a reason. */
export const Text = z.string().check(z.minLength(1), z.maxLength(LIMITS.textLength));

/**
 * The fields every feed event has, whatever its sport. `seq` is the per-match sequence
 * number from the feed: 1 for `Match Scheduled`, increasing by 1.
 */
export const FeedBase = z.object({
  eventId: Id,
  matchId: MatchId,
  seq: z.number().check(z.int(), z.gte(1), z.lte(1_000_000)),
  occurredAt: Instant,
});

/**
 * A sport's feed base: the common fields and `sport`, which names the sport module
 * that reads the event. Football's may leave it out (feeds written before the engine
 * had sports); every other sport's events carry it.
 */
export const sportFeedBase = <Id extends string>(sport: Id, required: boolean) =>
  z.extend(FeedBase, { sport: required ? z.literal(sport) : z.optional(z.literal(sport)) });
