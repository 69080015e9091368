import * as z from "zod/mini";
import { Instant, sportFeedBase, Text } from "../../match/event-fields";
import { FINAL_SET_RULES } from "./rules";

/**
 * Tennis's feed events, declared once: the common ones every sport has with tennis's
 * fields, and tennis's own (points, corrections, suspensions of play, retirements and
 * walkovers). Every tennis event names its sport (`sport: "tennis"`). Scores are the
 * feed's own, written from player A's side as the CLI reads them ("6-4 3-2 30-15"; in a
 * tiebreak its points, "6-4 6-6 5-3"), with the server of the game in progress.
 */

/** The longest score text: five sets of a long advantage set, a game and its points. */
export const MAX_SCORE_TEXT = 80;
/** Points a feed may take back in one correction: a challenge or a scorer's slip, never a game's worth. */
export const MAX_CORRECTED_POINTS = 8;

const Player = z.enum(["a", "b"]);
const Odds = z.number().check(z.gt(1), z.lt(1000));
const ScoreText = z.string().check(z.minLength(1), z.maxLength(MAX_SCORE_TEXT), z.regex(/^[0-9AaDd -]+$/, "a score like 6-4 3-2 30-15"));
const Games = z.number().check(z.int(), z.gte(0), z.lte(99));
const SetScore = z.tuple([Games, Games]);
const FeedBase = sportFeedBase("tennis", true);

export const TennisEvents = {
  "Match Scheduled": z.extend(FeedBase, {
    tour: z.enum(["ATP", "WTA"]),
    competition: Text,
    surface: z.enum(["Hard", "Clay", "Grass", "Carpet"]),
    playerA: Text,
    playerB: Text,
    start: Instant,
    bestOf: z.union([z.literal(3), z.literal(5)]),
    finalSet: z.enum(FINAL_SET_RULES),
    noAd: z.optional(z.boolean()),
    /** Who serves first, when known before the toss's result is played. */
    firstServer: z.optional(Player),
    /** Player A's chance of winning from the bookmaker's ratings, when no market price is known yet. */
    matchProbability: z.optional(z.number().check(z.gt(0), z.lt(1))),
  }),
  "Market Prices Observed": z.extend(FeedBase, {
    bookmaker: Text,
    matchWinner: z.object({ a: Odds, b: Odds }),
    totalGames: z.optional(z.object({ line: z.number().check(z.gt(0), z.lt(100)), over: Odds, under: Odds })),
  }),
  "Match Started": z.extend(FeedBase, { firstServer: Player }),
  /** A point, by `player`, with the feed's score after it and who serves the game in progress. */
  "Point Won": z.extend(FeedBase, { player: Player, score: ScoreText, server: Player }),
  /** The feed takes back its last `points` points; `score` and `server` are as they stand after the correction. */
  "Point Corrected": z.extend(FeedBase, { points: z.number().check(z.int(), z.gte(1), z.lte(MAX_CORRECTED_POINTS)), score: ScoreText, server: Player }),
  /** Play stops (rain, a medical time-out, a challenge under review); markets suspend until it resumes. */
  "Play Suspended": z.extend(FeedBase, { reason: Text }),
  "Play Resumed": FeedBase,
  /** `player` retires during the match: decided markets stand, the rest is void (RETIREMENT_RULE). */
  Retirement: z.extend(FeedBase, { player: Player }),
  /** `player` withdraws before the match: every market is void. */
  Walkover: z.extend(FeedBase, { player: Player }),
  "Match Ended": FeedBase,
  "Result Confirmed": z.extend(FeedBase, { sets: z.array(SetScore).check(z.minLength(0), z.maxLength(5)) }),
  "Match Abandoned": z.extend(FeedBase, { reason: Text }),
} as const;

export type TennisEventType = keyof typeof TennisEvents;
/** A tennis feed event as the engine hands it on: the detail and its detail-type as `type`. */
export type TennisEvent = {
  [K in TennisEventType]: z.infer<(typeof TennisEvents)[K]> & { type: K };
}[TennisEventType];
export type TennisEventOf<K extends TennisEventType> = Extract<TennisEvent, { type: K }>;
