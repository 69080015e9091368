import { InputError } from "../errors";
import { GAP_BOUND_SECONDS, PARK_LIMIT, SEQ_WINDOW } from "../policy";
import { eventSport, type FeedEventBase as FeedEvent } from "./feed-event";
import { isComplete } from "./epoch";
import { applyEvent, mergeEffects, NO_EFFECTS, type Effects } from "./reducer";
import { RECENT_LIMIT, type Change, type MatchState } from "./state";

/** How far ahead of the last applied seq an event may be parked (see policy.ts). */
export { SEQ_WINDOW } from "../policy";

/**
 * How long a gap in the feed's sequence may stay open, how many early events may wait
 * behind it before the missing events are given up on, and how far ahead an event may be.
 */
export interface GapPolicy {
  /** Seconds a gap may stay open. */
  gapBoundSeconds: number;
  /** Most events parked in one state item (bounds the item size); never above `seqWindow`. */
  parkLimit: number;
  /** Largest `seq - lastSeq` an event may have to be parked; further ahead it is refused. */
  seqWindow: number;
}
/** The policy's bounds (see policy.ts). */
export const DEFAULT_GAP_POLICY: GapPolicy = { gapBoundSeconds: GAP_BOUND_SECONDS, parkLimit: PARK_LIMIT, seqWindow: SEQ_WINDOW };

/** The default policy with the deployment's gap bound, in seconds. */
export const gapPolicy = (gapBoundSeconds: number): GapPolicy => ({ ...DEFAULT_GAP_POLICY, gapBoundSeconds });

/**
 * `unscheduled`: the event's match was never scheduled (see {@link sequence}); it is
 * refused. `outOfWindow`: its seq is more than the policy's window ahead of the last
 * applied one; it is refused and the state is unchanged. `wrongSport`: it names
 * another sport than the match was scheduled as; it is refused likewise. `finished`: a
 * new event of a match whose outcome is complete (confirmed, settled, abandoned or
 * void): nothing a feed says can change it, so it is refused likewise.
 */
export type Outcome = "applied" | "parked" | "duplicate" | "stale" | "unscheduled" | "outOfWindow" | "wrongSport" | "finished";

export interface Sequenced {
  outcome: Outcome;
  state: MatchState;
  /** Events applied by this step, in seq order (the event itself and any it unparked). */
  applied: FeedEvent[];
  /** Sequence numbers given up on, as inclusive ranges. */
  skipped: Array<{ from: number; to: number }>;
  /** The union of the effects of every applied event. */
  effects: Effects;
  /**
   * Events refused because their match was never scheduled: a seq 1 that is not
   * `Match Scheduled`, or events that waited for one past the gap bound. They are
   * taken out of `parked` and never applied.
   */
  unscheduled: FeedEvent[];
}

/**
 * Puts one feed event in its place in the match's sequence: the next seq is applied
 * (then every parked event it unblocks), a later one is parked until the gap fills,
 * an earlier one or a repeat is a no-op. A gap open longer than the policy allows, or
 * with too many events behind it, is skipped. A match exists from its `Match Scheduled`
 * (seq 1): events of a match never scheduled wait for it like any early event, but a
 * gap before seq 1 is never skipped; past the bound they are refused as
 * `unscheduled`, as is a seq 1 of another type. An event more than `seqWindow` ahead
 * of the last applied seq is refused as `outOfWindow`, never parked, so one wrong seq
 * cannot be applied over the gap and make the real events behind it stale; a new event
 * of a match already complete is refused as `finished`. `now` is an ISO time. Pure.
 *
 * @throws InputError "match.wrong_match" when the event belongs to another match
 */
export function sequence<E extends FeedEvent>(state: MatchState, event: E, now: string, policy: GapPolicy = DEFAULT_GAP_POLICY): Sequenced {
  if (event.matchId !== state.matchId) {
    throw new InputError("match.wrong_match", `event ${event.eventId} is for match ${event.matchId}, not ${state.matchId}`);
  }
  if (event.seq <= state.lastSeq) {
    const outcome = state.recentEventIds.includes(event.eventId) ? "duplicate" : "stale";
    return { outcome, state, applied: [], skipped: [], effects: NO_EFFECTS, unscheduled: [] };
  }
  if (state.parked.some((p) => p.seq === event.seq)) {
    return { outcome: "duplicate", state, applied: [], skipped: [], effects: NO_EFFECTS, unscheduled: [] };
  }
  if (isComplete(state.epoch)) {
    return { outcome: "finished", state, applied: [], skipped: [], effects: NO_EFFECTS, unscheduled: [] };
  }
  if (event.seq - state.lastSeq > policy.seqWindow) {
    return { outcome: "outOfWindow", state, applied: [], skipped: [], effects: NO_EFFECTS, unscheduled: [] };
  }
  if (state.sport !== null && eventSport(event) !== state.sport) {
    return { outcome: "wrongSport", state, applied: [], skipped: [], effects: NO_EFFECTS, unscheduled: [] };
  }
  const parked = [...state.parked, event].sort((a, b) => a.seq - b.seq);
  const withEvent: MatchState = { ...state, parked, gapOpenedAt: state.gapOpenedAt ?? now };
  const result = drain(withEvent, now, policy);
  const outcome = result.applied.some((e) => e.eventId === event.eventId) ? "applied" : result.unscheduled.includes(event) ? "unscheduled" : "parked";
  return { ...result, outcome };
}

/**
 * Skips a gap that has been open past the policy's bound, applying what waited behind
 * it; called on clock ticks so a gap closes even when no further event arrives. Pure.
 */
export function releaseGap(state: MatchState, now: string, policy: GapPolicy = DEFAULT_GAP_POLICY): Sequenced {
  const result = drain(state, now, policy);
  return { ...result, outcome: result.applied.length > 0 ? "applied" : "parked" };
}

function drain(start: MatchState, now: string, policy: GapPolicy): Omit<Sequenced, "outcome"> {
  let state = start;
  const applied: FeedEvent[] = [];
  const skipped: Sequenced["skipped"] = [];
  const unscheduled: FeedEvent[] = [];
  let effects = NO_EFFECTS;
  for (;;) {
    const next = state.parked[0];
    if (!next) break;
    if (state.lastSeq === 0 && !(next.seq === 1 && next.type === "Match Scheduled")) {
      // Nothing precedes seq 1, so a match whose Match Scheduled never came has no gap to skip.
      const refused = next.seq === 1 ? [next] : gapExpired(state, now, policy) ? state.parked : [];
      if (refused.length === 0) break;
      unscheduled.push(...refused);
      state = { ...state, parked: state.parked.filter((e) => !refused.includes(e)) };
      continue;
    }
    if (next.seq !== state.lastSeq + 1) {
      if (!gapExpired(state, now, policy)) break;
      skipped.push({ from: state.lastSeq + 1, to: next.seq - 1 });
      state = skipTo(state, next.seq - 1);
    }
    const t = applyEvent({ ...state, parked: state.parked.slice(1) }, next);
    state = t.state;
    applied.push(next);
    effects = mergeEffects(effects, t.effects);
  }
  const gapOpenedAt = state.parked.length === 0 ? null : applied.length > 0 ? now : state.gapOpenedAt;
  return { state: { ...state, gapOpenedAt }, applied, skipped, effects, unscheduled };
}

function gapExpired(state: MatchState, now: string, policy: GapPolicy): boolean {
  if (state.parked.length > policy.parkLimit) return true;
  if (state.gapOpenedAt === null) return false;
  return Date.parse(now) - Date.parse(state.gapOpenedAt) >= policy.gapBoundSeconds * 1000;
}

function skipTo(state: MatchState, lastSeq: number): MatchState {
  const change: Change = {
    seq: lastSeq,
    eventId: "",
    type: "Gap Skipped",
    reason: `gave up on seq ${state.lastSeq + 1}..${lastSeq}`,
    epoch: state.epoch,
  };
  return { ...state, lastSeq, changes: [...state.changes, change].slice(-RECENT_LIMIT) };
}

