import { InputError } from "../errors";
import type { FeedEvent } from "../match/events";

/** A feed event and the simulated time it is due, epoch ms. */
export interface TimedFeedEvent {
  atMs: number;
  event: FeedEvent;
  /** The reducer moves prices on this event (a PriceMatch execution follows it). */
  priceRelevant: boolean;
}

/** One match's feed, as the replay posts, observes and audits it whatever the sport. */
export interface MatchFeed {
  matchId: string;
  /** Simulated time of kick-off, epoch ms. */
  kickoffMs: number;
  /** In seq order (1, 2, ...), which is also time order. */
  events: TimedFeedEvent[];
}

export interface FeedOptions {
  seed: number;
  /** Simulated time of the day's kick-off, epoch ms. */
  kickoffMs: number;
  /** Appended to every match id, so a replay never collides with an earlier one on a kept cloud. */
  runTag?: string;
}

/** Which day of a source to replay, and how many of its fixtures. */
export interface DaySelection {
  /** ISO date of the day; default: the sport's choice (the busiest day, say). */
  date?: string;
  /** Keep only the first N fixtures (source order). */
  matches?: number;
}

/** How the progress display follows one match as its events are put on the bus. */
export interface MatchWatch {
  /** The match as the display names it ("Arsenal v Everton"). */
  readonly name: string;
  /** Simulated seconds from kick-off to the end of play, breaks included: the match clock stops there. */
  readonly playSeconds: number;
  /** The score as shown now ("1-0"). */
  score(): string;
  /** Takes in an event as it is put: the match's status when the event changes it, and a note when it deserves a line of its own. */
  follow(event: FeedEvent): { status?: string; note?: string };
  /** What the match clock shows `second` simulated seconds after kick-off ("37'", "HT"). */
  clock(second: number): string;
}

/**
 * What the replay needs of a sport: the fixtures of a day, read from what the sport
 * keeps them in (`Source`, a season's results); the feed of one fixture, drawn from a
 * seed; and how a match is named in the summary and followed on screen. Everything
 * else (posting the feeds on the cloud's clock, observing the engine, the audit, the
 * latencies, the summary and its cost) is the same for every sport.
 */
export interface SportFeed<Fixture, Feed extends MatchFeed = MatchFeed, Source = never> {
  /** The fixtures of one day of `source`, and the day. */
  fixturesOfDay(source: Source, selection?: DaySelection): { date: string; fixtures: Fixture[] };
  /** Simulated seconds before kick-off a match's first event is due: the replay starts a day that far ahead. */
  readonly leadSeconds: number;
  /** The feed of one fixture; deterministic in (fixture, seed, kickoffMs, runTag). */
  matchFeed(fixture: Fixture, options: FeedOptions): Feed;
  /** The match as the summary names it ("Arsenal v Everton"), and its real result ("3-2"). */
  describe(feed: Feed): { fixture: string; result: string };
  /** A new follower of the match for the progress display. */
  watch(feed: Feed): MatchWatch;
  /**
   * Whole matches drawn from `seed` alone, with no data file: varied enough to visit
   * the sport's events (scores, suspensions, the end of play), for the sport-contract
   * suite every module passes (test/sports/contract.test.ts).
   */
  examples(seed: number): Feed[];
}

/**
 * A sport's feed simulator: by convention the `sportFeed` export of the sport's
 * `replay/index.ts`, loaded when the replay asks for it. It is not in the sports' table
 * (sports/registry.ts), so no function that reads the table bundles a simulator.
 *
 * @throws InputError "replay.no_feed" when the sport has no simulator
 */
export async function sportFeedOf(sport: string): Promise<SportFeed<unknown, MatchFeed, unknown>> {
  if (!/^[a-z][a-z0-9-]{0,39}$/.test(sport)) throw new InputError("replay.no_feed", `no sport named ${JSON.stringify(sport).slice(0, 50)}`);
  try {
    const module = (await import(`./${sport}/replay/index.ts`)) as { sportFeed?: SportFeed<unknown, MatchFeed, unknown> };
    if (module.sportFeed) return module.sportFeed;
  } catch (err) {
    if ((err as { code?: string }).code !== "ERR_MODULE_NOT_FOUND") throw err;
  }
  throw new InputError("replay.no_feed", `sport ${sport} has no feed simulator (sports/${sport}/replay/index.ts exporting sportFeed)`);
}
