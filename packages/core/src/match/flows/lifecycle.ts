import { completeTask } from "../../bus/workflow";
import { firstTickDelaySeconds, nextDueAt, sendTick } from "../../bus/clock";
import { clearToken, getMatch, mirrorState, parkToken, recordExecution } from "../../store/match";
import { claimTickLink, loadState } from "../../store/match-state";
import { InputError } from "../../errors";
import { Epoch, hasReached } from "../epoch";
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
  if (started) {
    const delay = firstTickDelaySeconds(matchId);
    await sendTick({ matchId, tickerId, tickSeq: 1, dueAt: nextDueAt(undefined, Date.now(), delay) }, delay);
  }
  return { started };
}
