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
  /** The groups the suspension covers; null (or absent): every group of the match's sport. */
  suspendGroups?: string[] | null;
  /**
   * Prices must move: start a PriceMatch execution. `true` reprices every group; a
   * list reprices only those groups (an event that moves some markets alone, such as a
   * corner), never empty.
   */
  reprice: Reprice;
  /** Trader actions applied, to announce as `Trader Action Applied` (see match/trader.ts). */
  traderActions?: TraderNotice[];
}

/** A trader action as announced: what was asked, by whom and why, and what it did. */
export interface TraderNotice {
  eventId: string;
  action: string;
  group: string | null;
  margin: number | null;
  model: string | null;
  traderId: string;
  reason: string;
  /** What it did ("totals suspended", "ignored: ..."). */
  result: string;
  traderVersion: number;
  occurredAt: string;
}

/** Whether to reprice: no, every group, or only the groups listed (never an empty list). */
export type Reprice = boolean | readonly string[];

export const NO_EFFECTS: Effects = { epochChanged: false, scheduled: false, suspend: null, reprice: false };

/** The effects of two transitions in a row: everything either asks for; the first suspension's reason. */
export function mergeEffects(a: Effects, b: Effects): Effects {
  const groups = suspendedGroups(a, b);
  return {
    epochChanged: a.epochChanged || b.epochChanged,
    scheduled: a.scheduled || b.scheduled,
    suspend: a.suspend ?? b.suspend,
    reprice: mergeReprice(a.reprice, b.reprice),
    ...(groups ? { suspendGroups: groups } : {}),
    ...(a.traderActions || b.traderActions ? { traderActions: [...(a.traderActions ?? []), ...(b.traderActions ?? [])] } : {}),
  };
}

/** The groups two suspensions in a row cover: every group if either covers every group. */
function suspendedGroups(a: Effects, b: Effects): string[] | null {
  if (!a.suspend) return b.suspendGroups ?? null;
  if (!b.suspend) return a.suspendGroups ?? null;
  if (!a.suspendGroups || !b.suspendGroups) return null;
  return [...new Set([...a.suspendGroups, ...b.suspendGroups])];
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
