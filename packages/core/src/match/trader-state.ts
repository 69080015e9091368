import { emptyTraderState, type MatchState, type TraderHold, type TraderState } from "./state";

// The trader state's readers, apart from the actions' schemas (./trader): the pricing
// job reads them, and the functions that build one bundle no event schema for it.

/** A match's trader state; a state stored before trader controls existed has none. */
export function traderOf(state: MatchState): TraderState {
  return state.trader ?? emptyTraderState();
}

/** The models a match of `sport` has: its sport's one model function, named by the sport. */
export const modelsOf = (sport: string): string[] => [sport];

/** The reason a trader hold is published with. */
export const traderReason = (hold: Pick<TraderHold, "reason">) => `trader: ${hold.reason}`;

/**
 * The groups a match's trader holds keep from its model, each with the reason it is
 * published with: the whole match when it is suspended or its model paused (the
 * match's hold first), else each suspended group.
 */
export function heldGroups(state: MatchState, groups: readonly string[]): Array<{ group: string; reason: string }> {
  const trader = traderOf(state);
  const whole = trader.match ?? (state.sport !== null ? Object.entries(trader.models).find(([m]) => modelsOf(state.sport!).includes(m))?.[1] : undefined) ?? null;
  return groups.flatMap((group) => {
    const hold = whole ?? trader.groups[group];
    return hold ? [{ group, reason: traderReason(hold) }] : [];
  });
}

/** The margin overrides of a match's groups: group to target overround. */
export function marginOverrides(state: MatchState): Record<string, number> {
  return Object.fromEntries(Object.entries(traderOf(state).margins).map(([group, m]) => [group, m.margin]));
}
