import { publishEngineEvents } from "../../bus/events";
import { ABANDONMENT_RULE, settleAll, settlementKey, type MatchResult } from "../../markets/settle";
import { mirrorState } from "../../store/match";
import { saveSettlements } from "../../store/settlement";
import { loadState } from "../../store/match-state";
import { InputError } from "../../errors";
import { Epoch } from "../epoch";
import type { Score } from "../../markets/types";
import type { MatchState } from "../state";

export interface SettleReport {
  matchId: string;
  /** The match was abandoned (settled by ABANDONMENT_RULE); selections that stood are in the settlements. */
  void: boolean;
  markets: number;
  selections: number;
  autoConfirmed: boolean;
}

/**
 * Settle: settles every offered selection from the confirmed result (or, when the
 * confirmation timed out, from the score the feed reported at full time), stores the
 * settlements and publishes `Markets Settled`. Prices nothing.
 */
export async function settleMatch(matchId: string, now: Date = new Date()): Promise<SettleReport> {
  const state = await loadState(matchId);
  if (state.epoch !== Epoch.Confirmed && state.epoch !== Epoch.FullTime) {
    throw new InputError("match.not_finished", `match ${matchId} is ${state.epoch}; only a finished match settles`);
  }
  const final = state.result ?? { score: state.score, halfTimeScore: state.halfTimeScore };
  const result: MatchResult = { ...final, goals: goalOrder(state, final.score) };
  return settle(state, result, Epoch.Settled, now, state.result === null);
}

/**
 * Void: an abandoned match, settled by ABANDONMENT_RULE ("decided-stand"): selections
 * no further play could have changed stand (a completed first half's markets, overs
 * already passed, a goal already scored in next goal), every other is void. Settles on
 * the score when play stopped, the half-time score if the first half was completed, and
 * the goal order the feed reported.
 */
export async function voidMatch(matchId: string, now: Date = new Date()): Promise<SettleReport> {
  const state = await loadState(matchId);
  const result: MatchResult = { score: state.score, halfTimeScore: state.halfTimeScore, abandoned: true, goals: goalOrder(state, state.score) };
  return settle(state, result, Epoch.Void, now, false);
}

async function settle(state: MatchState, result: MatchResult, epoch: Epoch, now: Date, autoConfirmed: boolean): Promise<SettleReport> {
  const settledAt = now.toISOString();
  const markets = settleAll(result, ABANDONMENT_RULE);
  await saveSettlements(
    markets.map((m) => ({
      matchId: state.matchId,
      market: settlementKey(m),
      void: m.selections.every((s) => s.outcome === "void"),
      selections: m.selections,
      settledAt,
    })),
  );
  const selections = markets.reduce((n, m) => n + m.selections.length, 0);
  await mirrorState({ ...state, epoch });
  await publishEngineEvents([
    {
      type: "Markets Settled",
      detail: { matchId: state.matchId, void: result.abandoned === true, score: result.abandoned ? null : result.score, halfTimeScore: result.abandoned ? null : result.halfTimeScore, selections, settledAt },
    },
  ]);
  return { matchId: state.matchId, void: result.abandoned === true, markets: markets.length, selections, autoConfirmed };
}

/**
 * The order of the goals the feed reported, or null when it does not add up to the
 * final score (a goal event was lost or skipped): next-goal markets then settle void.
 */
function goalOrder(state: MatchState, score: Score): ("home" | "away")[] | null {
  const order = state.goals.map((g) => g.team);
  const home = order.filter((team) => team === "home").length;
  return home === score.home && order.length === score.home + score.away ? order : null;
}
