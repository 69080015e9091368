/**
 * The lifecycle of a match as data. The Lifecycle state machine mirrors these epochs:
 * it waits in AwaitKickoff until the match leaves `SCHEDULED`, in AwaitFinalWhistle
 * until it leaves `IN_PLAY`, in AwaitResult until `CONFIRMED`; `ABANDONED` from any
 * earlier epoch goes to Void.
 */
export const Epoch = {
  Scheduled: "SCHEDULED",
  InPlay: "IN_PLAY",
  FullTime: "FULL_TIME",
  Confirmed: "CONFIRMED",
  Settled: "SETTLED",
  Abandoned: "ABANDONED",
  Void: "VOID",
} as const;
export type Epoch = (typeof Epoch)[keyof typeof Epoch];
export const EPOCHS = Object.values(Epoch) as readonly Epoch[];

/** Epochs in which the clock runs and prices move on every tick. */
export const LIVE_EPOCHS: readonly Epoch[] = [Epoch.InPlay];
/** Epochs in which markets are offered (pre-match and in play). */
export const PRICEABLE_EPOCHS: readonly Epoch[] = [Epoch.Scheduled, Epoch.InPlay];
/** Epochs after which nothing a feed says can change the outcome. */
export const COMPLETE_EPOCHS: readonly Epoch[] = [Epoch.Confirmed, Epoch.Settled, Epoch.Abandoned, Epoch.Void];
/** Epochs from which `Match Abandoned` voids the match. */
export const ABANDONABLE_EPOCHS: readonly Epoch[] = [Epoch.Scheduled, Epoch.InPlay, Epoch.FullTime];

/** The order of the main line; abandonment and void sit outside it. */
const MAIN_LINE: readonly Epoch[] = [Epoch.Scheduled, Epoch.InPlay, Epoch.FullTime, Epoch.Confirmed, Epoch.Settled];

export const isLive = (epoch: Epoch): boolean => LIVE_EPOCHS.includes(epoch);
export const isPriceable = (epoch: Epoch): boolean => PRICEABLE_EPOCHS.includes(epoch);
export const isComplete = (epoch: Epoch): boolean => COMPLETE_EPOCHS.includes(epoch);

/**
 * True once a match in `current` no longer needs to wait for `awaited`: it has reached
 * or passed it on the main line, or it was abandoned (the waiting task must wake up
 * and route to Void).
 */
export function hasReached(current: Epoch, awaited: Epoch): boolean {
  if (current === Epoch.Abandoned || current === Epoch.Void) return true;
  const at = MAIN_LINE.indexOf(current);
  const target = MAIN_LINE.indexOf(awaited);
  return at >= 0 && target >= 0 && at >= target;
}
