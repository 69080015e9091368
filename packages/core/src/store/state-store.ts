import type { FeedEventBase as FeedEvent } from "../match/feed-event";
import { emptyState, type MatchState } from "../match/state";
import { isConditionFailure, StateConflictError } from "./conditions";
import { pricingService } from "./service";

/** Reads a match's state with a strongly consistent read; a match never seen is empty. */
export async function loadState(matchId: string): Promise<MatchState> {
  const { data } = await pricingService().entities.matchState.get({ matchId }).go({ consistent: true });
  return data ? (data.state as MatchState) : emptyState(matchId);
}

/**
 * Stores `next` as version `expectedVersion + 1` in one conditional write that
 * succeeds only if the stored version is still `expectedVersion`. The events it
 * applied are logged first, keyed by seq: a feed's seq names one event for good, so a
 * log entry written by a writer that then loses the race is the same entry the
 * winner writes.
 *
 * @throws StateConflictError "match.state_conflict" when another writer got there first
 */
export async function saveState(next: MatchState, expectedVersion: number, applied: FeedEvent[], now: string): Promise<MatchState> {
  const { matchState, eventLog } = pricingService().entities;
  if (applied.length > 0) {
    await eventLog
      .put(applied.map((event) => ({ matchId: event.matchId, seq: event.seq, eventId: event.eventId, type: event.type, occurredAt: event.occurredAt, event, loggedAt: now })))
      .go();
  }
  const stored: MatchState = { ...next, version: expectedVersion + 1 };
  const item = { matchId: stored.matchId, version: stored.version, lastSeq: stored.lastSeq, epoch: stored.epoch, state: stored, updatedAt: now };
  try {
    if (expectedVersion === 0) await matchState.create(item).go();
    else await matchState.put(item).where((a, op) => op.eq(a.version, expectedVersion)).go();
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
    throw new StateConflictError("match.state_conflict", `match ${next.matchId} moved past version ${expectedVersion}`);
  }
  return stored;
}

/**
 * Empties a match's outbox once its effects ran, if no later write has come since;
 * a later write carries the same effects merged into its own, so a lost race here
 * only means they may run once more.
 */
export async function clearPendingEffects(state: MatchState, now: string): Promise<void> {
  const { matchState } = pricingService().entities;
  try {
    await matchState
      .patch({ matchId: state.matchId })
      .set({ state: { ...state, pendingEffects: null }, updatedAt: now })
      .where((a, op) => op.eq(a.version, state.version))
      .go();
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
  }
}
