import { publishEngineEvents } from "../../bus/events";
import { mirrorState } from "../../store/match";
import { saveSettlements } from "../../store/settlement";
import { loadState } from "../../store/match-state";
import { InputError } from "../../errors";
import { sportStateOf } from "../../sports/registry";
import { Epoch } from "../epoch";
import type { MatchState } from "../state";

export interface SettleReport {
  matchId: string;
  /** The match was abandoned (settled by its sport's abandonment rule); selections that stood are in the settlements. */
  void: boolean;
  markets: number;
  selections: number;
  autoConfirmed: boolean;
}

/**
 * Settle: settles every offered selection by the match's sport from the confirmed
 * result (or, when the confirmation timed out, from what the feed reported at the
 * end), stores the settlements and publishes `Markets Settled`. Prices nothing.
 */
export async function settleMatch(matchId: string, now: Date = new Date()): Promise<SettleReport> {
  const state = await loadState(matchId);
  if (state.sport === null || (state.epoch !== Epoch.Confirmed && state.epoch !== Epoch.FullTime)) {
    throw new InputError("match.not_finished", `match ${matchId} is ${state.epoch}; only a finished match settles`);
  }
  return settle(state, false, Epoch.Settled, now, state.epoch === Epoch.FullTime);
}

/**
 * Void: an abandoned match, settled by its sport's abandonment rule (football's
 * "decided-stand": selections no further play could have changed stand, every other
 * is void).
 */
export async function voidMatch(matchId: string, now: Date = new Date()): Promise<SettleReport> {
  const state = await loadState(matchId);
  if (state.sport === null) throw new InputError("match.unknown", `match ${matchId} was never scheduled`);
  return settle(state, true, Epoch.Void, now, false);
}

async function settle(state: MatchState, abandoned: boolean, epoch: Epoch, now: Date, autoConfirmed: boolean): Promise<SettleReport> {
  const settledAt = now.toISOString();
  const { sport, own } = sportStateOf(state);
  const { markets, result } = sport.settle(own, { abandoned });
  await saveSettlements(
    markets.map((m) => ({
      matchId: state.matchId,
      market: m.key,
      void: m.selections.every((s) => s.outcome === "void"),
      selections: m.selections,
      settledAt,
    })),
  );
  const selections = markets.reduce((n, m) => n + m.selections.length, 0);
  await mirrorState({ ...state, epoch }, state.view);
  await publishEngineEvents([
    { type: "Markets Settled", detail: { matchId: state.matchId, sport: sport.id, void: abandoned, result, selections, settledAt } },
  ]);
  return { matchId: state.matchId, void: abandoned, markets: markets.length, selections, autoConfirmed };
}
