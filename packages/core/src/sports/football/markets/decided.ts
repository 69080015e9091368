import { KIND, LOST, WON, selectionOutcome, type MarketKind } from "./rules";

/** Goals added to reach "as many as you like": beyond every line and listed score. */
const MANY_GOALS = 1000;

/**
 * Whether no goal still to come can change how a market settles, by the settlement
 * rules themselves. Writes each selection's outcome code into `outcomes[first + s]`
 * (meaningful only when this returns true).
 *
 * Every rule in the catalogue is monotone in a linear function of the score (goal
 * difference, total, one side's goals, both sides for BTTS; correct score is monotone in
 * the goal difference once a side is past six), so its outcome is constant over the
 * scores still reachable iff it is equal at the corners of that region: the score now,
 * and the score plus many goals for whichever sides may still score. Parity is the
 * exception and is decided only when no goal can come.
 */
export function decideMarket(
  kind: MarketKind,
  line: number,
  count: number,
  home: number,
  away: number,
  canHome: boolean,
  canAway: boolean,
  outcomes: Uint8Array,
  first: number,
): boolean {
  const goalsPossible = canHome || canAway;
  if (kind === KIND.nextGoal) {
    if (goalsPossible) return false;
    outcomes[first] = LOST;
    outcomes[first + 1] = WON;
    outcomes[first + 2] = LOST;
    return true;
  }
  if (kind === KIND.oddEven && goalsPossible) return false;
  const manyHome = home + MANY_GOALS;
  const manyAway = away + MANY_GOALS;
  for (let s = 0; s < count; s++) {
    const now = selectionOutcome(kind, line, s, home, away);
    if (canHome && selectionOutcome(kind, line, s, manyHome, away) !== now) return false;
    if (canAway && selectionOutcome(kind, line, s, home, manyAway) !== now) return false;
    if (canHome && canAway && selectionOutcome(kind, line, s, manyHome, manyAway) !== now) return false;
    outcomes[first + s] = now;
  }
  return true;
}
