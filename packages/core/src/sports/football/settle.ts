import type { Settlement } from "../contract";
import { ABANDONMENT_RULE, settleAll, settlementKey, type MatchResult } from "./markets/settle";
import { scoreText } from "./reducer";
import type { Score } from "../../markets/types";
import { countsOf, type FootballState } from "./state";
import { settleCountMarkets } from "./markets/count-settle";
import type { FinalCounts } from "./markets/counts";

/**
 * Settles a football match. Finished: from the confirmed result or, when the
 * confirmation timed out, the score the feed reported at full time. Abandoned: by
 * ABANDONMENT_RULE ("decided-stand": selections no further play could have changed
 * stand, such as a completed first half's markets, overs already passed, a goal
 * already scored in next goal; every other is void), on the score when play stopped,
 * the half-time score if the first half was completed, and the goal order the feed
 * reported. Corner and card markets settle on the confirmed counts where the result
 * gave them, else on the counts of the feed's events (see finalCounts).
 */
export function settleFootball(state: FootballState, { abandoned }: { abandoned: boolean }): Settlement {
  const final = abandoned ? { score: state.score, halfTimeScore: state.halfTimeScore } : state.result ?? { score: state.score, halfTimeScore: state.halfTimeScore };
  const result: MatchResult = { ...final, goals: goalOrder(state, final.score), ...(abandoned ? { abandoned: true } : {}) };
  const markets = [
    ...settleAll(result, ABANDONMENT_RULE).map((m) => ({ key: settlementKey(m), selections: m.selections })),
    ...settleCountMarkets(finalCounts(state, abandoned), abandoned),
  ];
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

/**
 * The counts the corner and card markets settle on: the feed's events' counts, each
 * replaced by the confirmed result's where it gave one (the official count wins; the
 * reducer recorded any disagreement when the result was confirmed).
 */
export function finalCounts(state: FootballState, abandoned: boolean): FinalCounts {
  const seen = countsOf(state);
  const confirmed = abandoned ? undefined : state.result?.counts;
  return {
    corners: confirmed?.corners ?? seen.corners,
    yellowCards: confirmed?.yellowCards ?? seen.yellowCards,
    redCards: confirmed?.redCards ?? seen.redCards,
  };
}
