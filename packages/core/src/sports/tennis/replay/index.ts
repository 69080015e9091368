import { InputError } from "../../../errors";
import { MatchId } from "../../../match/event-fields";
import { canPrice } from "../../../match/flows/load";
import { applyEvent } from "../../../match/reducer";
import { emptyState } from "../../../match/state";
import { seededRandom, type Random } from "../../../math/random";
import type { DaySelection, MatchFeed, MatchWatch, SportFeed, TimedFeedEvent } from "../../feed";
import type { TennisDataMatch } from "../csv";
import type { TennisEvent } from "../events";
import { applyPoint } from "../point";
import type { FinalSetRule, MatchRules, Player } from "../rules";
import { scoreTextIn } from "../view";
import { drawPoints, scoresAfter } from "./points";

/** One real (or made-up) tennis match to replay: who played, the set scores, how it ended, the closing prices. */
export interface TennisFixture {
  key: string;
  tour: "ATP" | "WTA";
  competition: string;
  surface: "Hard" | "Clay" | "Grass" | "Carpet";
  date: string;
  playerA: string;
  playerB: string;
  rules: MatchRules;
  /** Completed sets from A's side; at a retirement the games of the set in progress follow in `unfinished`. */
  sets: [number, number][];
  ending: { kind: "completed" } | { kind: "retired"; player: Player; afterPoints: number } | { kind: "walkover"; player: Player };
  /** Closing odds on A and B; null when none were quoted (the match is then priced from a ratings probability). */
  closing: { a: number; b: number } | null;
}

export interface TennisMatchFeed extends MatchFeed {
  fixture: TennisFixture;
  /** Simulated seconds from the first point to the last. */
  playSeconds: number;
}

/** Seconds between points (30-45, as the load the engine is sized for) and the break at a change of ends or set. */
const POINT_SECONDS = { min: 30, max: 45 } as const;
const SET_BREAK_SECONDS = 120;
const LEAD_SECONDS = 3 * 60;

/**
 * The feed of one tennis match: scheduled half an hour ahead with its closing prices,
 * started with the first server, every point with the score after it (the feed's own,
 * written as a feed writes it), now and then a point credited to the wrong player and
 * taken back, a short suspension of play, and the end: the last point, a retirement
 * or a walkover; the result confirmed ten minutes later.
 */
export function tennisMatchFeed(fixture: TennisFixture, options: { seed: number; kickoffMs: number; runTag?: string }): TennisMatchFeed {
  const matchId = options.runTag ? `${fixture.key}-${options.runTag}` : fixture.key;
  if (!MatchId.safeParse(matchId).success) throw new InputError("replay.invalid_match_id", `"${matchId}" is not a valid match id: use up to 80 of A-Z a-z 0-9 _ -`);
  const random = seededRandom(options.seed, fixture.key);
  const firstServer: Player = random.unit() < 0.5 ? "a" : "b";
  const events: Array<{ atMs: number; event: Omit<TennisEvent, "eventId" | "matchId" | "seq" | "sport"> }> = [];
  const at = (second: number) => options.kickoffMs + second * 1000;
  const iso = (second: number) => new Date(at(second)).toISOString();
  const push = (second: number, event: Record<string, unknown>) => events.push({ atMs: at(second), event: { ...event, occurredAt: iso(second) } as never });
  push(-LEAD_SECONDS, {
    type: "Match Scheduled", tour: fixture.tour, competition: fixture.competition, surface: fixture.surface, playerA: fixture.playerA, playerB: fixture.playerB,
    start: iso(0), bestOf: fixture.rules.bestOf, finalSet: fixture.rules.finalSet, ...(fixture.rules.noAd ? { noAd: true } : {}),
    ...(fixture.closing ? {} : { matchProbability: 0.5 }),
  });
  if (fixture.closing) push(-LEAD_SECONDS + 60, { type: "Market Prices Observed", bookmaker: "pinnacle", matchWinner: fixture.closing });
  let second = 0;
  if (fixture.ending.kind === "walkover") {
    push(-LEAD_SECONDS / 2, { type: "Walkover", player: fixture.ending.player });
    push(-LEAD_SECONDS / 2 + 600, { type: "Result Confirmed", sets: [] });
  } else {
    push(0, { type: "Match Started", firstServer });
    const all = drawPoints(fixture.sets, fixture.rules, firstServer, random);
    const points = fixture.ending.kind === "retired" ? all.slice(0, fixture.ending.afterPoints) : all;
    const scores = scoresAfter(points, fixture.rules, firstServer);
    for (const [k, player] of points.entries()) {
      second += random.int(POINT_SECONDS.min, POINT_SECONDS.max);
      if (k > 0 && scores[k - 1].sets.length !== (k > 1 ? scores[k - 2].sets.length : 0)) second += SET_BREAK_SECONDS;
      const score = scores[k];
      if (random.unit() < 0.01 && k > 0) {
        // The scorer credits the wrong player, then takes the point back.
        const wrong: Player = player === "a" ? "b" : "a";
        const wrongScore = applyPoint(scores[k - 1], fixture.rules, wrong);
        push(second, { type: "Point Won", player: wrong, score: scoreTextIn(wrongScore, fixture.rules), server: serverOf(wrongScore) });
        second += 5;
        push(second, { type: "Point Corrected", points: 1, score: scoreTextIn(scores[k - 1], fixture.rules), server: serverOf(scores[k - 1]) });
        second += 5;
      }
      if (random.unit() < 0.005) {
        push(second, { type: "Play Suspended", reason: "challenge under review" });
        second += 60;
        push(second, { type: "Play Resumed" });
        second += 5;
      }
      push(second, { type: "Point Won", player, score: scoreTextIn(score, fixture.rules), server: serverOf(score) });
    }
    second += 10;
    if (fixture.ending.kind === "retired") push(second, { type: "Retirement", player: fixture.ending.player });
    else push(second, { type: "Match Ended" });
    push(second + 600, { type: "Result Confirmed", sets: fixture.sets });
  }
  events.sort((x, y) => x.atMs - y.atMs);
  // Folded through the engine's reducer: an event is price-relevant when the engine reprices on it and the state can be priced.
  let state = emptyState(matchId);
  const timed: TimedFeedEvent[] = events.map(({ atMs, event }, i) => {
    const full = { ...event, sport: "tennis", eventId: `${matchId}-${i + 1}`, matchId, seq: i + 1 } as unknown as TennisEvent;
    const transition = applyEvent(state, full);
    state = { ...transition.state, version: state.version + 1 };
    return { atMs, event: full, priceRelevant: transition.effects.reprice && canPrice(state) };
  });
  return { matchId, kickoffMs: options.kickoffMs, events: timed, fixture, playSeconds: second };
}

const serverOf = (score: { current: { server: Player } }) => score.current.server;

export function matchName(f: Pick<TennisFixture, "playerA" | "playerB">): string {
  return `${f.playerA} v ${f.playerB}`;
}

/** A tennis match as the progress display follows it: the score point by point, a line for each set and the end. */
export function watchTennisMatch(feed: TennisMatchFeed): MatchWatch {
  let score = "";
  return {
    name: matchName(feed.fixture),
    playSeconds: feed.playSeconds,
    score: () => score || "-",
    follow(event) {
      if (event.type === "Point Won" || event.type === "Point Corrected") score = String((event as { score: string }).score);
      if (event.type === "Match Started") return { status: "in play" };
      if (event.type === "Play Suspended") return { status: "suspended", note: String((event as { reason: string }).reason) };
      if (event.type === "Play Resumed") return { status: "in play" };
      if (event.type === "Retirement" || event.type === "Walkover") return { status: "ended", note: event.type.toLowerCase() };
      if (event.type === "Match Ended") return { status: "ended", note: `match over ${score}` };
      if (event.type === "Result Confirmed") return { status: "confirmed" };
      return {};
    },
    clock(second) {
      return second < 0 ? "-" : `${Math.floor(second / 60)}m`;
    },
  };
}

/** Tennis as the replay plays it: a day of tennis-data.co.uk results, each match's points drawn to its real set scores. */
export const sportFeed: SportFeed<TennisFixture, TennisMatchFeed, { matches: TennisDataMatch[] }> = {
  fixturesOfDay: (source, selection) => tennisDay(source.matches, selection),
  leadSeconds: LEAD_SECONDS,
  matchFeed: tennisMatchFeed,
  describe: ({ fixture }) => ({ fixture: matchName(fixture), result: fixture.ending.kind === "walkover" ? "w/o" : fixture.sets.map(([a, b]) => `${a}-${b}`).join(" ") + (fixture.ending.kind === "retired" ? " ret." : "") }),
  watch: watchTennisMatch,
  examples: (seed) => exampleFixtures(seed).map((f) => tennisMatchFeed(f, { seed, kickoffMs: Date.parse("2030-06-01T12:00:00Z") })),
};

/** The completed matches (with odds) of one day of tennis-data files, the winner as player A. */
function tennisDay(matches: TennisDataMatch[], selection: DaySelection = {}): { date: string; fixtures: TennisFixture[] } {
  const completedMatches = matches.filter((m) => m.status === "completed" && m.pinnacle);
  const counts = new Map<string, number>();
  for (const m of completedMatches) counts.set(m.date, (counts.get(m.date) ?? 0) + 1);
  const date = selection.date ?? [...counts].sort((x, y) => y[1] - x[1] || y[0].localeCompare(x[0]))[0]?.[0];
  if (!date || !counts.has(date)) throw new InputError("replay.no_matches", `no completed tennis match with odds on ${date ?? "any day"}`);
  const fixtures = completedMatches.filter((m) => m.date === date).slice(0, selection.matches ?? Infinity).map((m, i): TennisFixture => ({
    key: `${m.tour}-${m.date.replaceAll("-", "")}-${i + 1}`,
    tour: m.tour,
    competition: m.tournament,
    surface: (["Hard", "Clay", "Grass", "Carpet"].includes(m.surface) ? m.surface : "Hard") as TennisFixture["surface"],
    date: m.date,
    playerA: m.winner,
    playerB: m.loser,
    rules: { bestOf: m.bestOf, finalSet: finalSetOf(m), noAd: false },
    sets: m.sets,
    ending: { kind: "completed" },
    closing: m.pinnacle ? { a: m.pinnacle.winner, b: m.pinnacle.loser } : null,
  }));
  return { date, fixtures };
}

/** Until 2019 the Grand Slams played advantage final sets (Wimbledon a tiebreak at 12-12 from 2019, all at 6-6 to 10 from 2022). */
function finalSetOf(m: TennisDataMatch): FinalSetRule {
  const last = m.sets.at(-1);
  return last && Math.max(...last) > 7 ? "advantage" : "tiebreak7";
}

/** Six made-up matches: both formats and every final-set rule, a deciding set, a retirement and a walkover. */
function exampleFixtures(seed: number): TennisFixture[] {
  const random = seededRandom(seed, "tennis-examples");
  const fixture = (i: number, rules: MatchRules, sets: [number, number][], ending: TennisFixture["ending"] = { kind: "completed" }): TennisFixture => ({
    key: `TX-${seed}-${i}`, tour: i % 2 ? "WTA" : "ATP", competition: "Example Open", surface: "Hard", date: "2030-06-01",
    playerA: `Player ${i}A`, playerB: `Player ${i}B`, rules, sets, ending, closing: i === 3 ? null : odds(random),
  });
  const bo3 = (finalSet: FinalSetRule): MatchRules => ({ bestOf: 3, finalSet, noAd: false });
  return [
    fixture(1, bo3("tiebreak7"), [[6, 4], [3, 6], [7, 6]]),
    fixture(2, bo3("tiebreak10"), [[7, 5], [6, 7], [7, 6]]),
    fixture(3, bo3("advantage"), [[4, 6], [6, 2], [8, 6]]),
    fixture(4, { bestOf: 5, finalSet: "tiebreak10", noAd: false }, [[6, 3], [4, 6], [6, 4], [6, 7], [7, 6]]),
    fixture(5, bo3("tiebreak7"), [[6, 2], [2, 6], [6, 3]], { kind: "retired", player: "b", afterPoints: 120 + random.int(0, 20) }),
    fixture(6, bo3("tiebreak7"), [], { kind: "walkover", player: "a" }),
  ];
}

function odds(random: Random): { a: number; b: number } {
  const p = 0.25 + random.unit() * 0.5;
  return { a: 1 / (p * 1.03), b: 1 / ((1 - p) * 1.03) };
}
