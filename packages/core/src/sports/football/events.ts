import * as z from "zod/mini";
import { MAX_ADDED_TIME } from "./models/goal-profile";
import { Id, Instant, sportFeedBase, Text } from "../../match/event-fields";
import { MAX_COUNT_MEAN } from "./models/count-bounds";

/**
 * Football's feed events, declared once: the common ones every sport has (scheduled,
 * market prices observed, started, ended, result confirmed, abandoned) with football's
 * fields, and football's own (goals, cards, periods, added time). The bus, ingest, the
 * replay and the tests all read these schemas.
 */

/**
 * Bounds on what a feed can claim of one match, so a faulty or hostile feed cannot grow
 * a state item toward DynamoDB's 400 KB or drive the in-play model out of its range.
 * More goals than this is a feed error (the record in a competitive match is 31); a
 * side reduced below seven players cannot play on, so five red cards each at most.
 */
export const MAX_GOALS = 40;
export const MAX_RED_CARDS = 5;
/**
 * Bounds on corners and cards per side. The most corners one side has taken in a
 * Premier League match is in the low twenties; every player of a side (eleven and
 * five substitutes) booked twice, and its staff, stay within forty yellow cards.
 */
export const MAX_CORNERS = 40;
export const MAX_YELLOW_CARDS = 40;
/** The latest minute a feed may report: 90, extra time and any stoppage. */
export const MAX_MINUTE = 150;

const Team = z.enum(["home", "away"]);
const Minute = z.number().check(z.int(), z.gte(0), z.lte(MAX_MINUTE));
const Odds = z.number().check(z.gt(1), z.lt(1000));
const Goals = z.number().check(z.int(), z.gte(0), z.lte(MAX_GOALS));
export const ScoreSchema = z.object({ home: Goals, away: Goals });

const FeedBase = sportFeedBase("football", false);

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
const sideCounts = (max: number) => z.object({ home: z.number().check(z.int(), z.gte(0), z.lte(max)), away: z.number().check(z.int(), z.gte(0), z.lte(max)) });
const sideMeans = (max: number) => z.object({ home: z.number().check(z.gt(0), z.lte(max)), away: z.number().check(z.gt(0), z.lte(max)) });
/** Each side's expected corners and yellow cards in the match (a count model's, or a trader's). */
const CountExpectations = z.object({ corners: sideMeans(MAX_COUNT_MEAN.corners), yellowCards: sideMeans(MAX_COUNT_MEAN.yellowCards) });

export const FootballEvents = {
  "Match Scheduled": z.extend(FeedBase, {
    competition: Text,
    homeTeam: Text,
    awayTeam: Text,
    kickoff: Instant,
    ratings: z.optional(Ratings),
    expectedGoals: z.optional(ExpectedGoals),
    countExpectations: z.optional(CountExpectations),
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
  "Corner Taken": z.extend(FeedBase, { team: Team, minute: Minute }),
  "Period Started": z.extend(FeedBase, { period: Period }),
  "Period Ended": z.extend(FeedBase, { period: Period, minute: Minute }),
  /** The fourth official's board: `minutes` of added time for the half being played. */
  "Added Time Announced": z.extend(FeedBase, { period: Period, minutes: z.number().check(z.int(), z.gte(0), z.lte(MAX_ADDED_TIME)) }),
  "Match Ended": z.extend(FeedBase, { minute: Minute }),
  /** The official result; the official corner and card counts where the feed has them (they win over the counts of the feed's events). */
  "Result Confirmed": z.extend(FeedBase, {
    score: ScoreSchema,
    halfTimeScore: ScoreSchema,
    corners: z.optional(sideCounts(MAX_CORNERS)),
    yellowCards: z.optional(sideCounts(MAX_YELLOW_CARDS)),
    redCards: z.optional(sideCounts(MAX_RED_CARDS)),
  }),
  "Match Abandoned": z.extend(FeedBase, { reason: Text, minute: z.optional(Minute) }),
} as const;

export type FootballEventType = keyof typeof FootballEvents;
/** A football feed event as the engine hands it on: the detail, its detail-type as `type`, and its sport (which football may leave out). */
export type FootballEvent = {
  [K in FootballEventType]: Omit<z.infer<(typeof FootballEvents)[K]>, "sport"> & { type: K; sport?: "football" };
}[FootballEventType];
export type FootballEventOf<K extends FootballEventType> = Extract<FootballEvent, { type: K }>;
