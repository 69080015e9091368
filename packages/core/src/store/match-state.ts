import { gunzipSync, gzipSync } from "node:zlib";
import { Entity, type EntityConfiguration, type EntityItem } from "electrodb";
import { EPOCHS } from "../match/epoch";
import { UNSCHEDULED_EXPIRY_SECONDS } from "../policy";
import type { FeedEventBase as FeedEvent } from "../match/feed-event";
import { emptyState, type MatchState } from "../match/state";
import { isConditionFailure, StateConflictError } from "./conditions";
import { logEvents } from "./event-log";
import { matchPartition } from "./keys";
import { engineTable } from "./table";

/**
 * The folded state of a match (see `match/state.ts`), stored whole in `state` (gzipped JSON), with
 * its `version` beside it for the optimistic-lock condition of every write.
 */
export function matchStateEntity(config?: EntityConfiguration) {
  return new Entity({
    model: { entity: "matchState", version: "1", service: "pricing" },
    attributes: {
      matchId: { type: "string", required: true },
      version: { type: "number", required: true },
      lastSeq: { type: "number", required: true },
      epoch: { type: EPOCHS, required: true },
      /**
       * The state as gzipped JSON (a binary attribute), not a DynamoDB map. A map of its
       * nested fields (the recent changes and event ids, the sport's score) is marshalled
       * field by field by the SDK on every read and write and parsed field by field by
       * the store; one blob is not. A 5.3 KB tennis state in play is 1.8 KB gzipped: two
       * write units a point instead of six, and a tick's claim (which returns the item)
       * one or two. Gzip costs about 50 µs and reading it back 65 µs. Every reader gets the
       * object back (`get`); an item stored as a map or as JSON text still reads.
       */
      state: {
        type: "any",
        required: true,
        set: (state: unknown) => gzipSync(JSON.stringify(state)),
        get: (stored: unknown): unknown => (stored instanceof Uint8Array ? JSON.parse(gunzipSync(stored).toString("utf8")) : typeof stored === "string" ? JSON.parse(stored) : stored),
      },
      updatedAt: { type: "string", required: true },
      /**
       * The clock-tick chain's identity and position (see claimTickLink): on the state
       * item, so a tick claims its link and reads the state it reprices in one call.
       */
      tickerId: { type: "string" },
      tickSeq: { type: "number" },
      /** Who moved the chain to tickSeq (an SQS message id, or the start): lets that claimant resend after a failure. */
      tickClaimedBy: { type: "string" },
      /** Epoch seconds after which the item of a match never scheduled is expired (the table's TTL attribute); absent once scheduled. */
      expiresAt: { type: "number" },
    },
    indexes: {
      byMatch: { pk: matchPartition, sk: { field: "sk", composite: [] } },
    },
  }, config);
}
/** Unbound, for its types (a table binds the builder: see table.ts). A bundle that does not use it drops it. */
export const MatchStateRecord = /* @__PURE__ */ matchStateEntity();
export type MatchStateItem = EntityItem<typeof MatchStateRecord>;

const states = () => engineTable().entity(matchStateEntity);

/** Reads a match's state with a strongly consistent read; a match never seen is empty. */
export async function loadState(matchId: string): Promise<MatchState> {
  const { data } = await states().get({ matchId }).go({ consistent: true });
  return data ? (data.state as MatchState) : emptyState(matchId);
}

/** The TTL attribute's name on the table (stacks/Storage.ts enables it). */
export const EXPIRES_AT_ATTRIBUTE = "expiresAt";

/**
 * A match's stored state as read at `now`, and what an expired item held: the item of a
 * match never scheduled is expired UNSCHEDULED_EXPIRY_SECONDS after its last write
 * (DynamoDB's TTL deletes it some time later; this check makes every read agree). An
 * expired item comes back as `expired`, its stored state with the events still parked
 * in it, for the caller to refuse and announce them and then delete the item; `state`
 * is then the empty state.
 */
export async function loadStateAt(matchId: string, now: Date): Promise<{ state: MatchState; expired: MatchState | null }> {
  const { data } = await states().get({ matchId }).go({ consistent: true });
  if (!data) return { state: emptyState(matchId), expired: null };
  const state = data.state as MatchState;
  if (data.expiresAt === undefined || now.getTime() < data.expiresAt * 1000) return { state, expired: null };
  return { state: emptyState(matchId), expired: state };
}

/**
 * Deletes an expired item if no write has come since it was read at `version`.
 * @throws StateConflictError "match.state_conflict" when another writer got there first
 */
export async function deleteExpiredState(matchId: string, version: number): Promise<void> {
  try {
    await states().delete({ matchId }).where((a, op) => op.eq(a.version, version)).go();
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
    throw new StateConflictError("match.state_conflict", `match ${matchId} moved past version ${version}`);
  }
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
  await logEvents(applied, now);
  const stored: MatchState = { ...next, version: expectedVersion + 1 };
  // A match never scheduled holds only parked events: its item expires (see UNSCHEDULED_EXPIRY_SECONDS).
  const expiresAt = stored.sport === null ? Math.floor(Date.parse(now) / 1000) + UNSCHEDULED_EXPIRY_SECONDS : undefined;
  const fields = { version: stored.version, lastSeq: stored.lastSeq, epoch: stored.epoch, state: stored, updatedAt: now };
  try {
    if (expectedVersion === 0) await states().create({ matchId: stored.matchId, ...fields, ...(expiresAt === undefined ? {} : { expiresAt }) }).go();
    else {
      // An update, not a put: the clock-tick chain's fields on the item are the ticks' own.
      const update = states().patch({ matchId: stored.matchId });
      await (expiresAt === undefined ? update.set(fields).remove(["expiresAt"]) : update.set({ ...fields, expiresAt }))
        .where((a, op) => op.eq(a.version, expectedVersion))
        .go();
    }
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
  try {
    await states()
      .patch({ matchId: state.matchId })
      .set({ state: { ...state, pendingEffects: null }, updatedAt: now })
      .where((a, op) => op.eq(a.version, state.version))
      .go();
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
  }
}

/**
 * Moves the clock-tick chain of a match from `tickSeq` to `tickSeq + 1`, only if the
 * chain is still `tickerId` at `tickSeq`, and returns the match's state as it stood at
 * that write; a replaced chain or another tick of the same link gets null and stops.
 * `tickSeq` 0 with a new id starts a chain, replacing any other. The same `claimant`
 * may claim again after it claimed but failed to send the next tick, so a redelivered
 * tick resends it and the chain never dies. One UpdateItem returning the item: a tick
 * reads the state it reprices and claims its link in one call, not two.
 */
export async function claimTickLink(matchId: string, tickerId: string, tickSeq: number, claimant: string): Promise<MatchState | null> {
  try {
    const { data } = await states()
      .patch({ matchId })
      .set({ tickerId, tickSeq: tickSeq + 1, tickClaimedBy: claimant })
      .where((a, op) => {
        const reclaim = `(${op.eq(a.tickerId, tickerId)} AND ${op.eq(a.tickSeq, tickSeq + 1)} AND ${op.eq(a.tickClaimedBy, claimant)})`;
        const claim = tickSeq === 0
          ? `${op.notExists(a.tickerId)} OR ${op.ne(a.tickerId, tickerId)}`
          : `(${op.eq(a.tickerId, tickerId)} AND ${op.eq(a.tickSeq, tickSeq)})`;
        return `${claim} OR ${reclaim}`;
      })
      .go({ response: "all_new" });
    return data.state as MatchState;
  } catch (err) {
    if (isConditionFailure(err)) return null;
    throw err;
  }
}
