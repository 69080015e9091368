/**
 * Tennis for the benches: real fixtures from the bundled tennis-data files, played by
 * the tennis replay simulator (points drawn to the real set scores, the feed's score
 * after each point).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { FeedEvent } from "@pricing/core/match/events";
import { parseTennisData } from "@pricing/core/sports/tennis/csv";
import { sportFeed, tennisMatchFeed, type TennisFixture } from "@pricing/core/sports/tennis/replay/index";

const dataFile = (name: string) => fileURLToPath(new URL(`../data/tennis-data/${name}`, import.meta.url));

/**
 * The fixture of a real match: `file`'s match on `date` won by `winner` (tennis-data's
 * name, "Chardy J."), as the replay builds it (winner as player A, Pinnacle's closing odds).
 * @throws Error when the file has no such completed match
 */
export function benchTennisFixture(file: string, date: string, winner: string): TennisFixture {
  const { matches } = parseTennisData(readFileSync(dataFile(file), "utf8"));
  const fixture = sportFeed.fixturesOfDay({ matches }, { date }).fixtures.find((f) => f.playerA === winner);
  if (!fixture) throw new Error(`${file} has no completed match with odds on ${date} won by ${winner}`);
  return fixture;
}

/** Chardy v Uchiyama, Brisbane, 3 January 2019 (ATP_2019.csv): 6-4 3-6 7-6, best of 3. */
export const BO3 = { file: "ATP_2019.csv", date: "2019-01-03", winner: "Chardy J." } as const;
/** Bautista Agut v Murray, Australian Open, 14 January 2019 (ATP_2019.csv): 6-4 6-4 6-7 6-7 6-2, best of 5. */
export const BO5 = { file: "ATP_2019.csv", date: "2019-01-14", winner: "Bautista Agut R." } as const;

/** A match as the pipeline bench plays it: the opening events (scheduled, prices, started) and its points, in seq order. */
export interface TennisPointStream {
  opening: FeedEvent[];
  points: FeedEvent[];
}

/**
 * One match of `fixture` under `matchId`, its points drawn with `seed`: the opening
 * events, all stamped at `kickoffMs` (the bench puts them together; the simulator's
 * minutes between them would let the sequencer skip one that arrives late as a gap
 * past its bound), then only clean points. The simulator's occasional wrong point and
 * its correction, and its reviews, are left out (each point here is one repricing),
 * and the events are numbered again from 1 so the stream has no gap.
 */
export function tennisPointStream(fixture: TennisFixture, matchId: string, seed: number, kickoffMs: number): TennisPointStream {
  const feed = tennisMatchFeed({ ...fixture, key: matchId }, { seed, kickoffMs });
  const all = feed.events.map((t) => t.event as FeedEvent & { type: string });
  const kept = all.filter((e, i) => {
    if (e.type === "Point Won") return all[i + 1]?.type !== "Point Corrected";
    return e.type === "Match Scheduled" || e.type === "Market Prices Observed" || e.type === "Match Started";
  });
  const numbered = kept.map((e, i) => ({ ...e, seq: i + 1, eventId: `${matchId}-${i + 1}` }) as FeedEvent);
  const started = numbered.findIndex((e) => e.type === "Match Started");
  const at = new Date(kickoffMs).toISOString();
  return { opening: numbered.slice(0, started + 1).map((e) => ({ ...e, occurredAt: at })), points: numbered.slice(started + 1) };
}
