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
export const LIMITS = { idLength: 80, textLength: 200, maxMinute: 150, maxGoals: 30, instantLength: 40 } as const;

/** Match ids name Step Functions executions: 1-80 characters of [A-Za-z0-9_-]. */
export const MatchId = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,80}$/, "matchId must be 1-80 characters of A-Z a-z 0-9 _ -"));
/** An ISO 8601 time with an offset; bounded, since the format allows any number of fractional digits. */
export const Instant = z.iso.datetime({ offset: true }).check(z.maxLength(LIMITS.instantLength));
const Goals = z.number().check(z.int(), z.gte(0), z.lte(LIMITS.maxGoals));
export const ScoreSchema = z.object({ home: Goals, away: Goals });
