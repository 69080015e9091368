import { Config } from "../../config";
import { UNSCHEDULED_EXPIRY_SECONDS } from "../../policy";
import { publishEngineEvents } from "../../bus/events";
import { gapCheckOf, sendGapCheck } from "../../bus/gap-check";
import { startLifecycle, startPriceMatch } from "../../bus/workflow";
import { clearPendingEffects, deleteExpiredState, loadStateAt, saveState } from "../../store/match-state";
import { fencePriceVersions, mirrorState } from "../../store/match";
import { saveRejection } from "../../store/rejected-event";
import { StateConflictError } from "../../store/conditions";
import { firstPriceVersion } from "../price-version";
import { MalformedEventError, parseFeedEvent } from "../events";
import { eventSport, type FeedEventBase as FeedEvent } from "../feed-event";
import { sportStateOf } from "../../sports/registry";
import { mergeEffects, NO_EFFECTS } from "../reducer";
import { gapPolicy, releaseGap, sequence, type GapPolicy, type Outcome, type Sequenced } from "../sequencer";
import type { MatchState, PendingEffects } from "../state";
import { applyTraderAction, isTraderMessage, parseTraderEvent, TraderRefusedError, type TraderAction } from "../trader";
import { logTraderAction } from "../../store/trader-log";
import { signalLifecycle } from "./lifecycle";
import { pricingJob } from "./load";

export type IngestReport =
  | { outcome: Outcome; matchId: string; seq: number; version: number; applied: number[]; skipped: Sequenced["skipped"]; attempts: number }
  | { outcome: "gapChecked"; matchId: string; version: number; applied: number[]; skipped: Sequenced["skipped"]; refused: number[]; attempts: number }
  | { outcome: "rejected"; reason: string; rejectionId: string }
  | { outcome: "traderApplied" | "traderDuplicate"; matchId: string; eventId: string; version: number; traderVersion: number; applied: []; skipped: []; attempts: number };

/**
 * Optimistic concurrency: a writer that loses the version race re-reads the state and
 * re-applies its event. This is not a transport retry (the SDK does those); after a
 * few lost races the record fails and SQS redelivers it.
 */
const APPLY_ATTEMPTS = 3;

/**
 * The match a feed queue message is about, to keep one match's messages in order while
 * other matches' run beside them: a gap check's match, else the event's
 * `detail.matchId`; null for a body that names none (it is refused on its own).
 */
export function messageMatchId(body: string): string | null {
  const gapCheck = gapCheckOf(body);
  if (gapCheck !== null) return gapCheck;
  try {
    const matchId = (JSON.parse(body) as { detail?: { matchId?: unknown } } | null)?.detail?.matchId;
    return typeof matchId === "string" ? matchId : null;
  } catch {
    return null;
  }
}

/**
 * Ingests one message of the feed queue: parses it (a malformed one is stored as a
 * RejectedEvent and announced as `Event Rejected`, and counts as handled), puts the
 * event in its place in the match's sequence with one conditional write, then acts on
 * what changed: starts the Lifecycle, suspends markets, signals an epoch change,
 * starts a repricing.
 */
export async function ingestMessage(body: string, now: Date = new Date()): Promise<IngestReport> {
  const gapCheck = gapCheckOf(body);
  if (gapCheck !== null) return checkGap(gapCheck, now);
  if (isTraderMessage(body)) return ingestTraderMessage(body, now);
  let event: FeedEvent;
  try {
    event = parseFeedEvent(body);
  } catch (err) {
    if (err instanceof MalformedEventError) return reject(body, err, now.toISOString());
    throw err;
  }
  return ingestEvent(event, now);
}

export async function ingestEvent(event: FeedEvent, now: Date = new Date()): Promise<IngestReport> {
  const at = now.toISOString();
  const policy = gapPolicy(Config.gapBoundSeconds);
  return withLatestState(event.matchId, now, async (before, attempt) => {
    const result = sequence(before, event, at, policy);
    const report = { matchId: event.matchId, seq: event.seq, applied: result.applied.map((e) => e.seq), skipped: result.skipped, attempts: attempt };
    if (result.outcome === "duplicate" || result.outcome === "stale") {
      // A redelivery may follow a writer that stored its transition and died before
      // acting on it: finish that work, then make sure a waiting Lifecycle hears.
      await settleOutbox(before, at);
      await signalLifecycle(before);
      return { ...report, outcome: result.outcome, version: before.version };
    }
    if (result.outcome === "outOfWindow") return reject(JSON.stringify(event), outOfWindow(event, before, policy), at);
    if (result.outcome === "wrongSport") return reject(JSON.stringify(event), wrongSport(event, before), at);
    if (result.outcome === "finished") return reject(JSON.stringify(event), finished(event, before), at);
    // A match never scheduled gets no state item for an event refused at once.
    const remembers = before.version > 0 || result.state.parked.length > 0 || result.applied.length > 0;
    await timeGap(before, result, policy);
    const stored = remembers ? await commit(before, result, at) : before;
    const refusal = await rejectUnscheduled(result.unscheduled, event, policy.gapBoundSeconds, at);
    if (refusal) return refusal;
    return { ...report, outcome: result.outcome, version: stored.version };
  });
}

/**
 * A message of the trader source (match/trader.ts): parsed (an invalid one is refused,
 * stored as a RejectedEvent and announced as `Event Rejected`), then applied on arrival
 * with one conditional write. A refused action (a match not scheduled or finished, a
 * group or model the match does not have) changes nothing and is recorded likewise.
 */
export async function ingestTraderMessage(body: string, now: Date = new Date()): Promise<IngestReport> {
  let action: TraderAction;
  try {
    action = parseTraderEvent(body);
  } catch (err) {
    if (err instanceof TraderRefusedError) return reject(body, err, now.toISOString());
    throw err;
  }
  return ingestTraderAction(action, now);
}

export async function ingestTraderAction(action: TraderAction, now: Date = new Date()): Promise<IngestReport> {
  const at = now.toISOString();
  return withLatestState(action.matchId, now, async (before, attempt) => {
    const result = applyTraderAction(before, action);
    const report = { matchId: action.matchId, eventId: action.eventId, applied: [] as [], skipped: [] as [], attempts: attempt };
    if (result.outcome === "refused") return reject(JSON.stringify(action), result.error, at);
    if (result.outcome === "duplicate") {
      await settleOutbox(before, at);
      return { ...report, outcome: "traderDuplicate" as const, version: before.version, traderVersion: before.trader?.version ?? 0 };
    }
    const traderVersion = result.state.trader!.version;
    await logTraderAction(action, { result: result.reason, traderVersion, afterSeq: before.lastSeq }, at);
    const owed = { effects: mergeEffects(before.pendingEffects?.effects ?? NO_EFFECTS, result.effects), reason: "Trader Action", at };
    const stored = await saveState({ ...result.state, pendingEffects: owed }, before.version, [], at);
    await settleOutbox(stored, at);
    return { ...report, outcome: "traderApplied" as const, version: stored.version, traderVersion };
  });
}

/**
 * Runs `step` on the match's stored state as read at `now`; a step that loses the
 * version race to another writer (StateConflictError) runs again on the state re-read,
 * at most APPLY_ATTEMPTS times, after which the conflict is thrown. An expired item (a
 * match never scheduled, see UNSCHEDULED_EXPIRY_SECONDS) has the events still parked
 * in it refused and announced, and is deleted, before the step runs on the empty state.
 */
async function withLatestState<R>(matchId: string, now: Date, step: (before: MatchState, attempt: number) => Promise<R>): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    try {
      const { state, expired } = await loadStateAt(matchId, now);
      if (expired) await expire(expired, now.toISOString());
      return await step(state, attempt);
    } catch (err) {
      if (!(err instanceof StateConflictError) || attempt >= APPLY_ATTEMPTS) throw err;
    }
  }
}

/**
 * A gap check: skips the match's feed gap if it has been open past the bound (applying
 * what waited behind it), or refuses the events of a match never scheduled. Nothing
 * changes while the gap is younger than the bound or already closed.
 */
export async function checkGap(matchId: string, now: Date = new Date()): Promise<IngestReport> {
  const at = now.toISOString();
  const policy = gapPolicy(Config.gapBoundSeconds);
  return withLatestState(matchId, now, async (before, attempt) => {
    const result = releaseGap(before, at, policy);
    const report = { outcome: "gapChecked" as const, matchId, applied: result.applied.map((e) => e.seq), skipped: result.skipped, refused: result.unscheduled.map((e) => e.seq), attempts: attempt };
    if (result.applied.length === 0 && result.unscheduled.length === 0) return { ...report, version: before.version };
    await timeGap(before, result, policy);
    const stored = await commit(before, result, at);
    await rejectUnscheduled(result.unscheduled, null, policy.gapBoundSeconds, at);
    return { ...report, version: stored.version };
  });
}

/**
 * When a step opens a gap (or leaves a new one behind what it applied), a gap check is
 * sent for when its bound will have passed. Sent before the state is stored: a writer
 * that dies between the two leaves at worst a check with nothing to do.
 */
async function timeGap(before: MatchState, result: Sequenced, policy: GapPolicy): Promise<void> {
  const opened = result.state.gapOpenedAt;
  if (opened !== null && opened !== before.gapOpenedAt) await sendGapCheck(result.state.matchId, policy.gapBoundSeconds + 1);
}

/**
 * Stores a transition with its effects in the match's outbox (merged with any a
 * previous writer left there), carries them out, then empties the outbox.
 *
 * @throws StateConflictError when another writer stored a later version first
 */
export async function commit(before: MatchState, result: Sequenced, at: string): Promise<MatchState> {
  const owed = result.applied.length === 0 ? before.pendingEffects : {
    effects: mergeEffects(before.pendingEffects?.effects ?? NO_EFFECTS, result.effects),
    reason: result.applied.at(-1)!.type,
    at,
  };
  const stored = await saveState({ ...result.state, pendingEffects: owed ?? null }, before.version, result.applied, at);
  await settleOutbox(stored, at);
  return stored;
}

/** Carries out what a stored state still owes (suspension first), then clears it. */
export async function settleOutbox(state: MatchState, at: string): Promise<void> {
  const owed = state.pendingEffects;
  if (!owed) return;
  await react(state, owed);
  await clearPendingEffects(state, at);
}

/** The consequences of stored transitions, suspension first; each is safe to repeat. */
async function react(state: MatchState, { effects, reason, at }: PendingEffects): Promise<void> {
  if (effects.suspend) {
    // Fenced before it is announced: a repricing of an older state (a clock tick's,
    // under way) that finishes after the suspension cannot publish prices from before it.
    await fencePriceVersions(state.matchId, firstPriceVersion(state.version));
    await publishEngineEvents([
      { type: "Markets Suspended", detail: { matchId: state.matchId, reason: effects.suspend, groups: [...(effects.suspendGroups ?? sportStateOf(state).sport.groups)], stateVersion: state.version } },
    ]);
  }
  if (effects.traderActions?.length) {
    await publishEngineEvents(effects.traderActions.map(({ traderVersion, ...notice }) => ({
      type: "Trader Action Applied" as const,
      detail: { matchId: state.matchId, ...notice, traderVersion, stateVersion: state.version },
    })));
  }
  if (effects.scheduled || effects.epochChanged) await mirrorState(state, state.view);
  if (effects.scheduled && state.sport) await startLifecycle(state.matchId, state.sport);
  if (effects.epochChanged) await signalLifecycle(state);
  if (effects.reprice) {
    const job = pricingJob(state, at, effects.reprice);
    if (job.priceable && job.groups.length > 0) await startPriceMatch(job, reason);
  }
}

/**
 * Stores and announces the events refused because their match was never scheduled;
 * returns the rejection of `event` itself when it is among them.
 */
async function rejectUnscheduled(events: FeedEvent[], event: FeedEvent | null, gapBoundSeconds: number, receivedAt: string): Promise<IngestReport | null> {
  let own: IngestReport | null = null;
  for (const e of events) {
    const why = e.seq === 1 ? `seq 1 must be its Match Scheduled, not ${e.type}` : `no Match Scheduled (seq 1) came within ${gapBoundSeconds} s`;
    const err = new MalformedEventError("match.unscheduled", `match ${e.matchId} was never scheduled: ${why}`, { detailType: e.type, eventId: e.eventId, matchId: e.matchId });
    const report = await reject(JSON.stringify(e), err, receivedAt);
    if (e === event) own = report;
  }
  return own;
}

/**
 * Refuses the events still parked in the expired item of a match never scheduled, then
 * deletes the item (conditionally: a writer that got there first makes the caller re-read).
 */
async function expire(stored: MatchState, receivedAt: string): Promise<void> {
  for (const e of stored.parked) {
    const reason = `match ${e.matchId} was never scheduled: its event parked since ${stored.gapOpenedAt ?? "its last write"} expired after ${UNSCHEDULED_EXPIRY_SECONDS} s with no Match Scheduled (seq 1)`;
    await reject(JSON.stringify(e), new MalformedEventError("match.parked_expired", reason, { detailType: e.type, eventId: e.eventId, matchId: e.matchId }), receivedAt);
  }
  await deleteExpiredState(stored.matchId, stored.version);
}

function outOfWindow(e: FeedEvent, state: MatchState, policy: GapPolicy): MalformedEventError {
  const reason = `seq ${e.seq} is more than ${policy.seqWindow} ahead of match ${e.matchId}'s last applied seq ${state.lastSeq}: refused, not parked, so it cannot be applied over the gap`;
  return new MalformedEventError("match.seq_out_of_window", reason, { detailType: e.type, eventId: e.eventId, matchId: e.matchId });
}

function wrongSport(e: FeedEvent, state: MatchState): MalformedEventError {
  const reason = `a ${eventSport(e)} event for match ${e.matchId}, scheduled as ${state.sport}: refused`;
  return new MalformedEventError("match.wrong_sport", reason, { detailType: e.type, eventId: e.eventId, matchId: e.matchId });
}

function finished(e: FeedEvent, state: MatchState): MalformedEventError {
  const reason = `match ${e.matchId} is ${state.epoch}: a ${e.type} (seq ${e.seq}) after its outcome is complete can change nothing: refused`;
  return new MalformedEventError("match.finished", reason, { detailType: e.type, eventId: e.eventId, matchId: e.matchId });
}

async function reject(body: string, err: MalformedEventError, receivedAt: string): Promise<IngestReport> {
  const d = err.details as { detailType: string | null; eventId: string | null; matchId: string | null };
  const rejection = { reason: err.message, detailType: d.detailType, eventId: d.eventId, matchId: d.matchId, receivedAt };
  const rejectionId = await saveRejection({ ...rejection, body });
  await publishEngineEvents([{ type: "Event Rejected", detail: rejection }]);
  return { outcome: "rejected", reason: err.message, rejectionId };
}
