import type { Score } from "../markets/types";
import { ABANDONABLE_EPOCHS, Epoch } from "./epoch";
import type { FeedEvent, FeedEventOf } from "./events";
import { RECENT_LIMIT, type MatchState } from "./state";
import { marketStrength } from "../sports/football/strength";

/** Why prices stop while the engine reprices. */
export type SuspendReason = "goal" | "goal disallowed" | "red card" | "full time" | "abandoned";

/** What the world must do because of a transition; the reducer itself does nothing. */
export interface Effects {
  /** The match entered a new epoch: signal its Lifecycle execution. */
  epochChanged: boolean;
  /** The first `Match Scheduled`: start the Lifecycle execution. */
  scheduled: boolean;
  /** Publish `Markets Suspended` before anything else. */
  suspend: SuspendReason | null;
  /** Prices must move: start a PriceMatch execution. */
  reprice: boolean;
}

export const NO_EFFECTS: Effects = { epochChanged: false, scheduled: false, suspend: null, reprice: false };

/** The effects of two transitions in a row: everything either asks for; the first suspension's reason. */
export function mergeEffects(a: Effects, b: Effects): Effects {
  return {
    epochChanged: a.epochChanged || b.epochChanged,
    scheduled: a.scheduled || b.scheduled,
    suspend: a.suspend ?? b.suspend,
    reprice: a.reprice || b.reprice,
  };
}

export interface Transition {
  state: MatchState;
  /** Why the state changed, or why the event changed nothing but its seq. */
  reason: string;
  effects: Effects;
}

type Step = { patch: Partial<MatchState>; reason: string; effects?: Partial<Effects> };
const ignore = (reason: string): Step => ({ patch: {}, reason: `ignored: ${reason}` });

/**
 * The one way a match's state changes: applies the feed event that follows `state`
 * (its seq is the next one; ordering is the sequencer's job) and records why. Events
 * that make no sense in the current epoch (a goal before kick-off) still advance the
 * seq, change nothing else and say why they were ignored. Pure.
 */
export function applyEvent(state: MatchState, event: FeedEvent): Transition {
  const step = stepFor(state, event);
  const next: MatchState = { ...state, ...step.patch, lastSeq: event.seq };
  next.recentEventIds = [...state.recentEventIds, event.eventId].slice(-RECENT_LIMIT);
  next.changes = [
    ...state.changes,
    { seq: event.seq, eventId: event.eventId, type: event.type, reason: step.reason, epoch: next.epoch },
  ].slice(-RECENT_LIMIT);
  const effects: Effects = { ...NO_EFFECTS, ...step.effects, epochChanged: next.epoch !== state.epoch };
  return { state: next, reason: step.reason, effects };
}

function stepFor(state: MatchState, event: FeedEvent): Step {
  if (event.type === "Match Abandoned") return abandoned(state, event);
  if (state.epoch !== Epoch.Scheduled && state.epoch !== Epoch.InPlay && state.epoch !== Epoch.FullTime) {
    return ignore(`match is ${state.epoch}`);
  }
  switch (event.type) {
    case "Match Scheduled":
      return scheduled(state, event);
    case "Market Prices Observed":
      return pricesObserved(state, event);
    case "Match Started":
      return kickedOff(state, event.occurredAt);
    case "Period Started":
      return periodStarted(state, event);
    case "Period Ended":
      return periodEnded(state, event);
    case "Goal Scored":
      return goalScored(state, event);
    case "Goal Disallowed":
      return goalDisallowed(state, event);
    case "Card Shown":
      return cardShown(state, event);
    case "Added Time Announced":
      return addedTimeAnnounced(state, event);
    case "Match Ended":
      return matchEnded(state, event);
    case "Result Confirmed":
      return resultConfirmed(state, event);
  }
}

function scheduled(state: MatchState, e: FeedEventOf<"Match Scheduled">): Step {
  if (state.epoch !== Epoch.Scheduled) return ignore("the match has kicked off");
  const fixture = { competition: e.competition, homeTeam: e.homeTeam, awayTeam: e.awayTeam, kickoff: e.kickoff };
  let strength = state.strength;
  if (e.expectedGoals) {
    strength = { source: "expected-goals", homeXg: e.expectedGoals.home, awayXg: e.expectedGoals.away, rho: e.expectedGoals.rho ?? 0 };
  } else if (e.ratings) {
    const r = e.ratings;
    strength = {
      source: "ratings",
      homeXg: Math.exp(r.intercept + r.home.attack - r.away.defence + r.homeAdvantage),
      awayXg: Math.exp(r.intercept + r.away.attack - r.home.defence),
      rho: r.rho ?? 0,
    };
  }
  const reason = state.fixture ? `rescheduled for ${e.kickoff}` : `scheduled for ${e.kickoff}`;
  return { patch: { fixture, strength }, reason, effects: { scheduled: state.fixture === null, reprice: strength !== null } };
}

function pricesObserved(state: MatchState, e: FeedEventOf<"Market Prices Observed">): Step {
  if (state.epoch !== Epoch.Scheduled) return ignore("prices observed after kick-off are not used");
  return {
    patch: { strength: marketStrength(e.bookmaker, e) },
    reason: `prices observed at ${e.bookmaker}`,
    effects: { reprice: true },
  };
}

function kickedOff(state: MatchState, at: string): Step {
  if (state.epoch !== Epoch.Scheduled) return ignore("the match has already kicked off");
  return {
    patch: { epoch: Epoch.InPlay, clock: { period: "1H", minute: 0, anchoredAt: at } },
    reason: "kicked off",
    effects: { reprice: true },
  };
}

function periodStarted(state: MatchState, e: FeedEventOf<"Period Started">): Step {
  if (e.period === "1H") return kickedOff(state, e.occurredAt);
  if (state.epoch !== Epoch.InPlay || state.clock.period !== "HT") return ignore("the second half starts after half time");
  return { patch: { clock: { period: "2H", minute: 45, anchoredAt: e.occurredAt } }, reason: "second half started", effects: { reprice: true } };
}

function periodEnded(state: MatchState, e: FeedEventOf<"Period Ended">): Step {
  if (state.epoch !== Epoch.InPlay || state.clock.period !== e.period) return ignore(`${e.period} is not being played`);
  if (e.period === "1H") {
    return {
      patch: { clock: { period: "HT", minute: 45, anchoredAt: null }, halfTimeScore: { ...state.score } },
      reason: `half time at ${scoreText(state.score)}`,
      effects: { reprice: true },
    };
  }
  return { patch: { clock: { period: "END", minute: Math.max(90, e.minute), anchoredAt: null } }, reason: "second half ended" };
}

/**
 * Bounds on what a feed can claim of one match, so a faulty or hostile feed cannot grow
 * a state item toward DynamoDB's 400 KB or drive the in-play model out of its range.
 * More goals than this is a feed error (the record in a competitive match is 31); a
 * side reduced below seven players cannot play on, so five red cards each at most.
 */
export const MAX_GOALS = 40;
export const MAX_RED_CARDS = 5;

function goalScored(state: MatchState, e: FeedEventOf<"Goal Scored">): Step {
  if (state.epoch !== Epoch.InPlay) return ignore("no goal counts outside play");
  if (state.goals.length >= MAX_GOALS) return ignore(`more than ${MAX_GOALS} goals is a feed error`);
  const score = { ...state.score, [e.team]: state.score[e.team] + 1 };
  return {
    patch: { score, goals: [...state.goals, { eventId: e.eventId, team: e.team, minute: e.minute }] },
    reason: `${e.team} goal in minute ${e.minute}: ${scoreText(score)}`,
    effects: { suspend: "goal", reprice: true },
  };
}

function goalDisallowed(state: MatchState, e: FeedEventOf<"Goal Disallowed">): Step {
  const goal = state.goals.find((g) => g.eventId === e.goalEventId);
  if (!goal || state.epoch !== Epoch.InPlay) return ignore(`no goal ${e.goalEventId} to disallow`);
  const score = { ...state.score, [goal.team]: state.score[goal.team] - 1 };
  const halfTimeScore = state.halfTimeScore && goal.minute <= 45 && state.clock.period !== "1H"
    ? { ...state.halfTimeScore, [goal.team]: Math.max(0, state.halfTimeScore[goal.team] - 1) }
    : state.halfTimeScore;
  return {
    patch: { score, halfTimeScore, goals: state.goals.filter((g) => g !== goal) },
    reason: `${goal.team} goal of minute ${goal.minute} disallowed: ${scoreText(score)}`,
    effects: { suspend: "goal disallowed", reprice: true },
  };
}

function cardShown(state: MatchState, e: FeedEventOf<"Card Shown">): Step {
  if (state.epoch !== Epoch.InPlay) return ignore("cards outside play do not change prices");
  if (e.colour === "yellow") return { patch: {}, reason: `${e.team} yellow card in minute ${e.minute}` };
  if (state.redCards[e.team] >= MAX_RED_CARDS) return ignore(`a ${e.team} side with ${MAX_RED_CARDS} players sent off cannot play on`);
  return {
    patch: { redCards: { ...state.redCards, [e.team]: state.redCards[e.team] + 1 } },
    reason: `${e.team} red card in minute ${e.minute}`,
    effects: { suspend: "red card", reprice: true },
  };
}

function addedTimeAnnounced(state: MatchState, e: FeedEventOf<"Added Time Announced">): Step {
  if (state.epoch !== Epoch.InPlay || state.clock.period !== e.period) return ignore(`${e.period} is not being played`);
  return {
    patch: { addedTime: { period: e.period, minutes: e.minutes } },
    reason: `${e.minutes} minutes added to the ${e.period === "1H" ? "first" : "second"} half`,
    effects: { reprice: true },
  };
}

function matchEnded(state: MatchState, e: FeedEventOf<"Match Ended">): Step {
  if (state.epoch !== Epoch.InPlay) return ignore("the match is not in play");
  return {
    patch: {
      epoch: Epoch.FullTime,
      clock: { period: "END", minute: Math.max(90, e.minute), anchoredAt: null },
      halfTimeScore: state.halfTimeScore ?? { ...state.score },
    },
    reason: `full time: ${scoreText(state.score)}`,
    effects: { suspend: "full time" },
  };
}

function resultConfirmed(state: MatchState, e: FeedEventOf<"Result Confirmed">): Step {
  if (state.epoch !== Epoch.FullTime) return ignore("a result is confirmed after full time");
  return {
    patch: { epoch: Epoch.Confirmed, result: { score: e.score, halfTimeScore: e.halfTimeScore } },
    reason: `result confirmed: ${scoreText(e.score)} (half time ${scoreText(e.halfTimeScore)})`,
  };
}

function abandoned(state: MatchState, e: FeedEventOf<"Match Abandoned">): Step {
  if (!ABANDONABLE_EPOCHS.includes(state.epoch)) return ignore(`match is ${state.epoch}`);
  return {
    patch: { epoch: Epoch.Abandoned, abandonReason: e.reason, clock: { ...state.clock, anchoredAt: null } },
    reason: `abandoned: ${e.reason}`,
    effects: { suspend: "abandoned" },
  };
}

const scoreText = (s: Score) => `${s.home}-${s.away}`;
