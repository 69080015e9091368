import { completeTask } from "../../bus/workflow";
import { firstTickDelaySeconds, sendTick } from "../../bus/clock";
import { clearToken, getMatch, mirrorState, parkToken, recordExecution } from "../../store/match";
import { claimTickLink, loadState } from "../../store/match-state";
import { InputError } from "../../errors";
import { Epoch, hasReached, isLive } from "../epoch";
import type { MatchState } from "../state";

/** What a waiting Lifecycle task receives when it resumes. */
export interface EpochSignal {
  matchId: string;
  epoch: Epoch;
}

/** Register: ties the Lifecycle execution to the match and mirrors its state. */
export async function registerMatch(matchId: string, executionArn: string): Promise<EpochSignal> {
  const state = await loadState(matchId);
  if (state.version === 0) throw new InputError("match.unknown", `match ${matchId} has no state; a Lifecycle starts after Match Scheduled`);
  await mirrorState(state, state.view);
  await recordExecution(matchId, executionArn);
  return { matchId, epoch: state.epoch };
}

/**
 * The waiting side of the callback race: parks the task token first, then reads the
 * state; if the epoch has already moved (the event was ingested before the token was
 * parked) it completes the task itself. Ingest writes the state first and reads the
 * token second, so with strongly consistent reads at least one side sees the other.
 */
export async function awaitEpoch(matchId: string, awaiting: Epoch, taskToken: string): Promise<{ completed: boolean }> {
  await parkToken(matchId, awaiting, taskToken);
  const state = await loadState(matchId);
  if (!hasReached(state.epoch, awaiting)) return { completed: false };
  const completed = await completeTask(taskToken, { matchId, epoch: state.epoch } satisfies EpochSignal);
  await clearToken(matchId, taskToken);
  return { completed };
}

/** The ingest side of the race: resumes the parked task if the state has reached what it waits for. */
export async function signalLifecycle(state: MatchState): Promise<boolean> {
  const match = await getMatch(state.matchId);
  if (!match?.taskToken || !match.awaitingEpoch || !hasReached(state.epoch, match.awaitingEpoch)) return false;
  const completed = await completeTask(match.taskToken, { matchId: state.matchId, epoch: state.epoch } satisfies EpochSignal);
  await clearToken(state.matchId, match.taskToken);
  return completed;
}

/**
 * InPlay: starts the match's clock-tick chain, its first tick at the match's phase
 * (`firstTickDelaySeconds`); the Lifecycle runs it only for a sport that reprices as
 * the clock runs (a point sport reprices on its events alone). The chain id is the Lifecycle
 * execution, so a retried start claims the same first link again and resends the
 * first tick: one chain per match, and a failed send does not leave it unstarted.
 */
export async function startTicker(matchId: string, tickerId: string): Promise<{ started: boolean }> {
  const started = (await claimTickLink(matchId, tickerId, 0, `start:${tickerId}`)) !== null;
  if (started) await sendTick({ matchId, tickerId, tickSeq: 1 }, firstTickDelaySeconds(matchId));
  return { started };
}

/**
 * One clock tick: claims its link of the match's chain (a stale or foreign tick gets no
 * state and ends there) and reads the state at the claim, in one call. `prepare` brings
 * the state up to date (a feed gap past its bound closed); if the match is then in play,
 * the next tick is sent and `alongside`, the tick's own work (its repricing), runs beside
 * the send: neither waits for the other. Otherwise the chain ends. `claimant` names this
 * delivery (the SQS message id), so its redelivery can resend a tick whose send failed.
 */
export async function continueTicker(
  tick: { matchId: string; tickerId: string; tickSeq: number },
  claimant: string,
  prepare: (state: MatchState) => Promise<MatchState>,
  alongside?: (state: MatchState) => Promise<unknown>,
): Promise<boolean> {
  const claimed = await claimTickLink(tick.matchId, tick.tickerId, tick.tickSeq, claimant);
  if (!claimed) return false;
  const state = await prepare(claimed);
  if (!isLive(state.epoch)) return false;
  await Promise.all([sendTick({ ...tick, tickSeq: tick.tickSeq + 1 }), alongside?.(state)]);
  return true;
}
