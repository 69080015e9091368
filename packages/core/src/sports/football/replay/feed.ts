import { InputError } from "../../../errors";
import { applyEvent } from "../../../match/reducer";
import { emptyState } from "../../../match/state";
import { MatchId } from "../../../match/events";
import type { FootballEvent as FeedEvent } from "../events";
import { HALF_MINUTES, MAX_ADDED_TIME } from "../models/goal-profile";
import { seededRandom } from "../../../math/random";
import type { FeedOptions, MatchFeed, TimedFeedEvent } from "../../feed";
import type { MatchDayFixture } from "./fixtures";
import { drawMatchScript, type MatchScript } from "./script";

/** When the pre-match and post-match events come, around play, in simulated minutes. */
export interface MatchTiming {
  /** `Match Scheduled` this long before kick-off. */
  scheduledLeadMinutes: number;
  /** `Market Prices Observed` (the closing odds) this long before kick-off. */
  pricesLeadMinutes: number;
  halfTimeBreakMinutes: number;
  /** `Result Confirmed` this long after the final whistle. */
  resultDelayMinutes: number;
}

/**
 * A compressed pre-match and a real half-time break: the replay spends its time on
 * play. The fixtures of a match day are replayed kicking off together.
 */
export const DEFAULT_TIMING: MatchTiming = { scheduledLeadMinutes: 3, pricesLeadMinutes: 2, halfTimeBreakMinutes: 15, resultDelayMinutes: 2 };

/** A football match's feed, with the fixture it replays and the script drawn for it. */
export interface FootballMatchFeed extends MatchFeed {
  fixture: MatchDayFixture;
  script: MatchScript;
}

/** The options of any sport's feed, and when football's pre- and post-match events come (DEFAULT_TIMING where not given). */
export interface FootballFeedOptions extends FeedOptions {
  timing?: Partial<MatchTiming>;
}

/** The feed of every fixture of a match day; deterministic in (fixtures, seed, kickoffMs, runTag). */
export function matchDayFeed(fixtures: MatchDayFixture[], options: FootballFeedOptions): FootballMatchFeed[] {
  return fixtures.map((fixture) => matchFeed(fixture, options));
}

type Draft = { [K in FeedEvent["type"]]: Omit<Extract<FeedEvent, { type: K }>, "eventId" | "matchId" | "seq" | "occurredAt"> }[FeedEvent["type"]];

/**
 * The feed of one fixture: scheduled, the closing odds observed, kick-off, goals and
 * red cards as drawn by its match script, both periods, the final whistle and the
 * confirmed real result. Each event carries its match id, a per-match seq from 1 and
 * the simulated time it occurs.
 *
 * @throws InputError "matchday.invalid_match_id" when the run tag makes an invalid id
 */
export function matchFeed(fixture: MatchDayFixture, options: FootballFeedOptions): FootballMatchFeed {
  const timing = { ...DEFAULT_TIMING, ...options.timing };
  const matchId = options.runTag ? `${fixture.key}-${options.runTag}` : fixture.key;
  if (!MatchId.safeParse(matchId).success) {
    throw new InputError("matchday.invalid_match_id", `"${matchId}" is not a valid match id: use up to 80 of A-Z a-z 0-9 _ -`);
  }
  const script = drawMatchScript(fixture, seededRandom(options.seed, fixture.key), timing.halfTimeBreakMinutes);
  const kickoffMs = options.kickoffMs + script.kickoffDelaySeconds * 1000;
  const drafts = draftEvents(fixture, script, timing, new Date(kickoffMs).toISOString());
  const events: FeedEvent[] = drafts.map(({ second, draft }, i) => ({
    ...draft,
    eventId: `${matchId}-${i + 1}`,
    matchId,
    seq: i + 1,
    occurredAt: new Date(kickoffMs + second * 1000).toISOString(),
  }) as FeedEvent);
  return { matchId, fixture, script, kickoffMs, events: markPriceRelevant(events) };
}

/** Every event of the match with its time in seconds after kick-off, in feed order. */
function draftEvents(fixture: MatchDayFixture, script: MatchScript, timing: MatchTiming, kickoff: string): Array<{ second: number; draft: Draft }> {
  const out: Array<{ second: number; draft: Draft }> = [];
  const add = (second: number, draft: Draft) => out.push({ second, draft });
  // At equal times a period starts before anything happens in it and ends after.
  const rank = (d: Draft) => (d.type === "Goal Scored" || d.type === "Card Shown" || d.type === "Corner Taken" ? 1 : d.type === "Period Ended" || d.type === "Match Ended" ? 2 : d.type === "Result Confirmed" ? 3 : 0);
  add(-timing.scheduledLeadMinutes * 60, {
    type: "Match Scheduled", competition: fixture.competition, homeTeam: fixture.homeTeam, awayTeam: fixture.awayTeam, kickoff,
    ...(fixture.countExpectations ? { countExpectations: fixture.countExpectations } : {}),
  });
  if (fixture.closing) {
    const { bookmaker, matchResult, overUnder25 } = fixture.closing;
    add(-timing.pricesLeadMinutes * 60, { type: "Market Prices Observed", bookmaker, matchResult, ...(overUnder25 ? { overUnder25 } : {}) });
  }
  add(0, { type: "Match Started" });
  add(0, { type: "Period Started", period: "1H" });
  const halfTimeMinute = 45 + script.stoppage.firstHalf;
  const fullTimeMinute = 90 + script.stoppage.secondHalf;
  for (const incident of script.incidents) {
    const { team, minute } = incident;
    if (incident.kind === "goal") add(incident.atSecond, { type: "Goal Scored", team, minute });
    else if (incident.kind === "corner") add(incident.atSecond, { type: "Corner Taken", team, minute });
    else add(incident.atSecond, { type: "Card Shown", team, colour: incident.kind === "red card" ? "red" : "yellow", minute });
  }
  // The fourth official's board goes up at the end of each half's regular time, with
  // the stoppage the script plays (bounded as the feed's schema bounds it).
  add(HALF_MINUTES * 60, { type: "Added Time Announced", period: "1H", minutes: Math.min(script.stoppage.firstHalf, MAX_ADDED_TIME) });
  add(script.secondHalfSecond + HALF_MINUTES * 60, { type: "Added Time Announced", period: "2H", minutes: Math.min(script.stoppage.secondHalf, MAX_ADDED_TIME) });
  add(script.halfTimeSecond, { type: "Period Ended", period: "1H", minute: halfTimeMinute });
  add(script.secondHalfSecond, { type: "Period Started", period: "2H" });
  add(script.fullTimeSecond, { type: "Period Ended", period: "2H", minute: fullTimeMinute });
  add(script.fullTimeSecond, { type: "Match Ended", minute: fullTimeMinute });
  add(script.fullTimeSecond + timing.resultDelayMinutes * 60, {
    type: "Result Confirmed", score: { ...fixture.fullTime }, halfTimeScore: { ...fixture.halfTime },
    // The official counts, where the row has them: settlement takes them over the events' counts.
    ...(fixture.corners && fixture.yellowCards ? { corners: { ...fixture.corners }, yellowCards: { ...fixture.yellowCards }, redCards: { ...fixture.redCards } } : {}),
  });
  // Stable: equal times and ranks keep the order they were added in.
  out.sort((a, b) => a.second - b.second || rank(a.draft) - rank(b.draft));
  return out;
}

/** Folds the feed through the core reducer: an event is price-relevant when the reducer reprices on it. */
function markPriceRelevant(events: FeedEvent[]): TimedFeedEvent[] {
  let state = emptyState(events[0].matchId);
  return events.map((event) => {
    const transition = applyEvent(state, event);
    state = transition.state;
    return { atMs: Date.parse(event.occurredAt), event, priceRelevant: transition.effects.reprice !== false };
  });
}
