import { nextDueAt, type Tick } from "../../bus/clock";
import { Config } from "../../config";
import { claimTickLink } from "../../store/match-state";
import { isLive } from "../epoch";
import { gapPolicy, releaseGap } from "../sequencer";
import { commit } from "./ingest";
import { pricingJob, type PricingJob } from "./load";

/**
 * One clock tick of an in-play match: claims its link of the tick chain and reads the
 * state in one call (a stale or foreign tick gets no state and ends here), closes a
 * feed gap that has outlived its bound and, if the match is still in play, returns the
 * chain's next tick and the repricing's job (the clock run on, on that state); no
 * `next` when the chain ends here. The
 * caller sends the one and starts the other, neither waiting for the other: the
 * clock-tick handler does a batch's together (`sendTicks`, one call per ten ticks).
 * `claimant` names the delivery (the SQS message id), so its redelivery can claim the
 * link again and resend a tick whose send failed.
 */
export async function tickClock(tick: Tick, claimant: string, now: Date = new Date()): Promise<{ skipped: number; next?: { tick: Tick; job: PricingJob } }> {
  const at = now.toISOString();
  const claimed = await claimTickLink(tick.matchId, tick.tickerId, tick.tickSeq, claimant);
  if (!claimed) return { skipped: 0 };
  const released = releaseGap(claimed, at, gapPolicy(Config.gapBoundSeconds));
  const state = released.applied.length > 0 ? await commit(claimed, released, at) : claimed;
  const skipped = released.skipped.length;
  if (!isLive(state.epoch)) return { skipped };
  return { skipped, next: { tick: { ...tick, tickSeq: tick.tickSeq + 1, dueAt: nextDueAt(tick.dueAt, now.getTime()) }, job: pricingJob(state, at) } };
}
