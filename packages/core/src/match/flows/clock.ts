import { startPriceMatch } from "../../bus/workflow";
import { Config } from "../../config";
import { gapPolicy, releaseGap } from "../sequencer";
import { commit } from "./ingest";
import { continueTicker } from "./lifecycle";
import { pricingJob } from "./load";
import type { Tick } from "../../bus/clock";
import type { MatchState } from "../state";

/**
 * One clock tick of an in-play match: continues the tick chain (fenced: a stale or
 * foreign tick ends here) on the state read with its claim, closes a feed gap that has
 * outlived its bound and, beside sending the next tick, reprices with the clock run on,
 * on that state. `claimant` names the delivery (the SQS message id).
 */
export async function tickClock(tick: Tick, claimant: string, now: Date = new Date()): Promise<{ continued: boolean; skipped: number }> {
  const at = now.toISOString();
  let skipped = 0;
  const closeGap = async (state: MatchState) => {
    const released = releaseGap(state, at, gapPolicy(Config.gapBoundSeconds));
    skipped = released.skipped.length;
    return released.applied.length > 0 ? commit(state, released, at) : state;
  };
  const continued = await continueTicker(tick, claimant, closeGap, (live) => startPriceMatch(pricingJob(live, at), "clock"));
  return { continued, skipped };
}
