import { startPriceMatch } from "../../bus/workflow";
import { Config } from "../../config";
import { loadState } from "../../store/match-state";
import { gapPolicy, releaseGap } from "../sequencer";
import { commit } from "./ingest";
import { continueTicker } from "./lifecycle";
import { pricingJob } from "./load";
import type { Tick } from "../../bus/clock";

/**
 * One clock tick of an in-play match: closes a feed gap that has outlived its bound,
 * continues the tick chain (fenced: a stale or foreign tick ends here) and, beside
 * sending the next tick, reprices with the clock run on, on the state it read. `claimant` names the delivery (the SQS
 * message id).
 */
export async function tickClock(tick: Tick, claimant: string, now: Date = new Date()): Promise<{ continued: boolean; skipped: number }> {
  const at = now.toISOString();
  let state = await loadState(tick.matchId);
  const released = releaseGap(state, at, gapPolicy(Config.gapBoundSeconds));
  if (released.applied.length > 0) state = await commit(state, released, at);
  const live = state;
  const continued = await continueTicker(tick, live, claimant, () => startPriceMatch(pricingJob(live, at), "clock"));
  return { continued, skipped: released.skipped.length };
}
