/**
 * Writes examples/: the feed of one whole football match (Arsenal v Fulham) and, in
 * examples/put-events/tennis/, of one whole tennis match (Sinner v Vukic, 6-2 6-4,
 * its points drawn to that score) as ready `aws events put-events --entries file://...`
 * files, at most 10 entries each (the PutEvents limit), for the bus of stage "dev".
 * `examples/post-match.sh STAGE` posts the football match to another stage's bus.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { feedEntry } from "@pricing/core/match/events";
import type { FootballEvent as FeedEvent } from "@pricing/core/sports/football/events";
import { tennisMatchFeed } from "@pricing/core/sports/tennis/replay/index";

const matchId = "epl-2024-ars-ful";
const kickoff = Date.parse("2024-08-17T14:00:00Z");
const at = (minute: number) => new Date(kickoff + minute * 60_000).toISOString();
type Draft = { [K in FeedEvent["type"]]: Omit<Extract<FeedEvent, { type: K }>, "eventId" | "matchId" | "seq"> }[FeedEvent["type"]];
const drafts: Draft[] = [
  { type: "Match Scheduled", occurredAt: at(-2880), competition: "Premier League", homeTeam: "Arsenal", awayTeam: "Fulham", kickoff: at(0), expectedGoals: { home: 2.117914, away: 1.025718, rho: -0.1335741 } },
  { type: "Market Prices Observed", occurredAt: at(-60), bookmaker: "pinnacle", matchResult: { home: 1.55, draw: 4.4, away: 6.5 }, overUnder25: { over: 1.72, under: 2.2 } },
  { type: "Match Started", occurredAt: at(0) },
  { type: "Goal Scored", occurredAt: at(23), team: "home", minute: 23 },
  { type: "Card Shown", occurredAt: at(31), team: "away", colour: "yellow", minute: 31 },
  { type: "Period Ended", occurredAt: at(47), period: "1H", minute: 47 },
  { type: "Period Started", occurredAt: at(62), period: "2H" },
  { type: "Goal Scored", occurredAt: at(69), team: "away", minute: 52 },
  { type: "Goal Scored", occurredAt: at(84), team: "home", minute: 67 },
  { type: "Goal Disallowed", occurredAt: at(86), goalEventId: `${matchId}-9`, minute: 69 },
  { type: "Card Shown", occurredAt: at(91), team: "away", colour: "red", minute: 74 },
  { type: "Goal Scored", occurredAt: at(98), team: "home", minute: 81 },
  { type: "Period Ended", occurredAt: at(111), period: "2H", minute: 94 },
  { type: "Match Ended", occurredAt: at(111), minute: 94 },
  { type: "Result Confirmed", occurredAt: at(140), score: { home: 2, away: 1 }, halfTimeScore: { home: 1, away: 0 } },
];
const events = drafts.map((d, i) => ({ ...d, eventId: `${matchId}-${i + 1}`, matchId, seq: i + 1 }) as FeedEvent);
const entries = events.map((e) => feedEntry(e, "dev-match-events"));

rmSync("examples/put-events", { recursive: true, force: true });
mkdirSync("examples/put-events", { recursive: true });
for (let i = 0; i < entries.length; i += 10) {
  writeFileSync(`examples/put-events/${String(i / 10 + 1).padStart(2, "0")}.json`, JSON.stringify(entries.slice(i, i + 10), null, 2) + "\n");
}
console.log(`wrote ${entries.length} events in ${Math.ceil(entries.length / 10)} files to examples/put-events/`);

const tennis = tennisMatchFeed({
  key: "atp-2021-melbourne-sinner-vukic", tour: "ATP", competition: "Great Ocean Road Open", surface: "Hard", date: "2021-02-03",
  playerA: "Sinner J.", playerB: "Vukic A.", rules: { bestOf: 3, finalSet: "tiebreak7", noAd: false },
  sets: [[6, 2], [6, 4]], ending: { kind: "completed" }, closing: { a: 1.22, b: 4.6 },
}, { seed: 1, kickoffMs: Date.parse("2021-02-03T00:00:00Z") });
const tennisEntries = tennis.events.map((t) => feedEntry(t.event, "dev-match-events"));
mkdirSync("examples/put-events/tennis", { recursive: true });
for (let i = 0; i < tennisEntries.length; i += 10) {
  writeFileSync(`examples/put-events/tennis/${String(i / 10 + 1).padStart(2, "0")}.json`, JSON.stringify(tennisEntries.slice(i, i + 10), null, 2) + "\n");
}
console.log(`wrote ${tennisEntries.length} events in ${Math.ceil(tennisEntries.length / 10)} files to examples/put-events/tennis/`);
