import type { Settlement } from "../contract";
import { ABANDONMENT_RULE, settleAll, settlementKey, type MatchResult } from "./markets/settle";
import { scoreText } from "./reducer";
import type { Score } from "../../markets/types";
import type { FootballState } from "./state";

/**
 * Settles a football match. Finished: from the confirmed result or, when the
 * confirmation timed out, the score the feed reported at full time. Abandoned: by
 * ABANDONMENT_RULE ("decided-stand": selections no further play could have changed
 * stand, such as a completed first half's markets, overs already passed, a goal
 * already scored in next goal; every other is void), on the score when play stopped,
 * the half-time score if the first half was completed, and the goal order the feed
 * reported.
 */
export function settleFootball(state: FootballState, { abandoned }: { abandoned: boolean }): Settlement {
  const final = abandoned ? { score: state.score, halfTimeScore: state.halfTimeScore } : state.result ?? { score: state.score, halfTimeScore: state.halfTimeScore };
  const result: MatchResult = { ...final, goals: goalOrder(state, final.score), ...(abandoned ? { abandoned: true } : {}) };
  const markets = settleAll(result, ABANDONMENT_RULE).map((m) => ({ key: settlementKey(m), selections: m.selections }));
  const text = abandoned ? null : `${scoreText(final.score)}${final.halfTimeScore ? ` (HT ${scoreText(final.halfTimeScore)})` : ""}`;
  return { markets, result: text };
}

/**
 * The order of the goals the feed reported, or null when it does not add up to the
 * final score (a goal event was lost or skipped): next-goal markets then settle void.
 */
function goalOrder(state: FootballState, score: Score): ("home" | "away")[] | null {
  const order = state.goals.map((g) => g.team);
  const home = order.filter((team) => team === "home").length;
  return home === score.home && order.length === score.home + score.away ? order : null;
}
