/**
 * What the world must do because of a transition; the reducer itself does nothing.
 * Apart from the reducer and the state so that neither imports the other.
 */
export interface Effects {
  /** The match entered a new epoch: signal its Lifecycle execution. */
  epochChanged: boolean;
  /** The first `Match Scheduled`: start the Lifecycle execution. */
  scheduled: boolean;
  /** Publish `Markets Suspended` with this reason before anything else (the sport's words: "goal", "red card", "abandoned"). */
  suspend: string | null;
  /** Prices must move: start a PriceMatch execution. */
  reprice: boolean;
}

export const NO_EFFECTS: Effects = { epochChanged: false, scheduled: false, suspend: null, reprice: false };

/** The effects of two transitions in a row: everything either asks for; the first suspension's reason. */
export function mergeEffects(a: Effects, b: Effects): Effects {
  return {
    epochChanged: a.epochChanged || b.epochChanged,
    scheduled: a.scheduled || b.scheduled,
    suspend: a.suspend ?? b.suspend,
    reprice: a.reprice || b.reprice,
  };
}
