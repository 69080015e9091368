import { startPriceMatch } from "../../bus/workflow";
import { Config } from "../../config";
import { claimTickLink } from "../../store/match-state";
import { isLive } from "../epoch";
import { gapPolicy, releaseGap } from "../sequencer";
import { commit } from "./ingest";
import { pricingJob } from "./load";
import type { Tick } from "../../bus/clock";

/**
 * One clock tick of an in-play match: claims its link of the tick chain and reads the
 * state in one call (a stale or foreign tick gets no state and ends here), closes a
 * feed gap that has outlived its bound and, if the match is still in play, starts the
 * repricing with the clock run on, on that state, and returns the chain's next tick for
 * the caller to send (the clock-tick handler sends a batch's next ticks together, see
 * `sendTicks`). `claimant` names the delivery (the SQS message id), so its redelivery
 * can resend a tick whose send failed.
 */
export async function tickClock(tick: Tick, claimant: string, now: Date = new Date()): Promise<{ continued: boolean; skipped: number; next?: Tick }> {
  const at = now.toISOString();
  const claimed = await claimTickLink(tick.matchId, tick.tickerId, tick.tickSeq, claimant);
  if (!claimed) return { continued: false, skipped: 0 };
  const released = releaseGap(claimed, at, gapPolicy(Config.gapBoundSeconds));
  const state = released.applied.length > 0 ? await commit(claimed, released, at) : claimed;
  const skipped = released.skipped.length;
  if (!isLive(state.epoch)) return { continued: false, skipped };
  await startPriceMatch(pricingJob(state, at), "clock");
  return { continued: true, skipped, next: { ...tick, tickSeq: tick.tickSeq + 1 } };
}
