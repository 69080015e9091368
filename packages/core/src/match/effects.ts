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
  /**
   * Prices must move: start a PriceMatch execution. `true` reprices every group; a
   * list reprices only those groups (an event that moves some markets alone, such as a
   * corner), never empty.
   */
  reprice: Reprice;
}

/** Whether to reprice: no, every group, or only the groups listed (never an empty list). */
export type Reprice = boolean | readonly string[];

export const NO_EFFECTS: Effects = { epochChanged: false, scheduled: false, suspend: null, reprice: false };

/** The effects of two transitions in a row: everything either asks for; the first suspension's reason. */
export function mergeEffects(a: Effects, b: Effects): Effects {
  return {
    epochChanged: a.epochChanged || b.epochChanged,
    scheduled: a.scheduled || b.scheduled,
    suspend: a.suspend ?? b.suspend,
    reprice: mergeReprice(a.reprice, b.reprice),
  };
}

/** Two repricings as one: every group when either asks for every group, else the union of the groups listed. */
export function mergeReprice(a: Reprice, b: Reprice): Reprice {
  if (a === true || b === true) return true;
  if (a === false) return b;
  if (b === false) return a;
  return [...new Set([...a, ...b])];
}

/** The groups a repricing prices, of a sport's `groups` in their order: all of them, or those listed. */
export function groupsToReprice(reprice: Reprice, groups: readonly string[]): string[] {
  if (reprice === false) return [];
  return reprice === true ? [...groups] : groups.filter((g) => reprice.includes(g));
}
