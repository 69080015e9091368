import { publishEngineEvents } from "../../bus/events";
import { settleAll, type MatchResult } from "../../markets/settle";
import { mirrorState } from "../../store/match-store";
import { saveSettlements } from "../../store/records";
import { loadState } from "../../store/state-store";
import { InputError } from "../../errors";
import { Epoch } from "../epoch";
import type { MatchState } from "../state";

export interface SettleReport {
  matchId: string;
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
  const result: MatchResult = state.result
    ? { ...state.result, goals: goalOrder(state) }
    : { score: state.score, halfTimeScore: state.halfTimeScore, goals: goalOrder(state) };
  return settle(state, result, Epoch.Settled, now, state.result === null);
}

/** Void: an abandoned match; every offered selection is void. */
export async function voidMatch(matchId: string, now: Date = new Date()): Promise<SettleReport> {
  const state = await loadState(matchId);
  return settle(state, { score: state.score, halfTimeScore: state.halfTimeScore, abandoned: true }, Epoch.Void, now, false);
}

async function settle(state: MatchState, result: MatchResult, epoch: Epoch, now: Date, autoConfirmed: boolean): Promise<SettleReport> {
  const settledAt = now.toISOString();
  const markets = settleAll(result);
  await saveSettlements(
    markets.map((m) => ({
      matchId: state.matchId,
      market: [m.key, m.line ?? "-", m.goal ?? "-"].join("|"),
      void: result.abandoned === true,
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

const goalOrder = (state: MatchState) => state.goals.map((g) => g.team);
