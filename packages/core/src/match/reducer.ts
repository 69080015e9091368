import { sportOf } from "../sports/registry";
import { ABANDONABLE_EPOCHS, Epoch } from "./epoch";
import { NO_EFFECTS, type Effects } from "./effects";
import { eventSport, type FeedEventBase } from "./feed-event";
import { ownState, RECENT_LIMIT, type MatchState } from "./state";

export { mergeEffects, NO_EFFECTS, type Effects } from "./effects";

export interface Transition {
  state: MatchState;
  /** Why the state changed, or why the event changed nothing but its seq. */
  reason: string;
  effects: Effects;
}

type Step = { patch: Partial<MatchState> & Record<string, unknown>; reason: string; effects?: Partial<Effects> };
const ignore = (reason: string): Step => ({ patch: {}, reason: `ignored: ${reason}` });

/**
 * The one way a match's state changes: applies the feed event that follows `state`
 * (its seq is the next one; ordering is the sequencer's job) and records why. The
 * engine's part is the same for every sport: the first `Match Scheduled` fixes the
 * match's sport, `Match Abandoned` abandons it from any unfinished epoch, and nothing
 * applies to a finished match; the rest is the sport module's reducer. Events that
 * make no sense now still advance the seq, change nothing else and say why. Pure.
 */
export function applyEvent<E extends FeedEventBase>(state: MatchState, event: E): Transition {
  const step = stepFor(state, event);
  const next: MatchState = { ...state, ...step.patch, lastSeq: event.seq };
  if (next.sport !== null) next.view = sportOf(next.sport).view(ownState(next, next.sport));
  next.recentEventIds = [...state.recentEventIds, event.eventId].slice(-RECENT_LIMIT);
  const suspend = step.effects?.suspend ?? null;
  next.changes = [
    ...state.changes,
    { seq: event.seq, eventId: event.eventId, type: event.type, reason: step.reason, epoch: next.epoch, ...(suspend ? { suspend } : {}) },
  ].slice(-RECENT_LIMIT);
  const effects: Effects = { ...NO_EFFECTS, ...step.effects, epochChanged: next.epoch !== state.epoch };
  return { state: next, reason: step.reason, effects };
}

function stepFor(state: MatchState, event: FeedEventBase): Step {
  const sportId = eventSport(event);
  if (state.sport !== null && sportId !== state.sport) return ignore(`a ${sportId} event for a ${state.sport} match`);
  if (event.type === "Match Abandoned") return abandoned(state, event as FeedEventBase & { reason: string });
  if (state.epoch !== Epoch.Scheduled && state.epoch !== Epoch.InPlay && state.epoch !== Epoch.FullTime) {
    return ignore(`match is ${state.epoch}`);
  }
  const first = state.sport === null;
  if (first && event.type !== "Match Scheduled") return ignore("the match is not scheduled");
  const sport = sportOf(sportId);
  const own = first ? sport.initialState() : ownState(state, sportId);
  const step = sport.reduce(own, event, state.epoch);
  return {
    patch: { sport: sportId, [sportId]: { ...(own as object), ...step.patch }, ...(step.epoch ? { epoch: step.epoch } : {}) },
    reason: step.reason,
    effects: { ...step.effects, ...(first ? { scheduled: true } : {}) },
  };
}

function abandoned(state: MatchState, e: FeedEventBase & { reason: string }): Step {
  if (!ABANDONABLE_EPOCHS.includes(state.epoch) || state.sport === null) return ignore(`match is ${state.sport === null ? "not scheduled" : state.epoch}`);
  const own = ownState(state, state.sport);
  return {
    patch: { epoch: Epoch.Abandoned, abandonReason: e.reason, [state.sport]: { ...(own as object), ...sportOf(state.sport).abandon(own) } },
    reason: `abandoned: ${e.reason}`,
    effects: { suspend: "abandoned" },
  };
}
