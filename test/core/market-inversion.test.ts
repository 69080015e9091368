import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { removeMargin } from "@pricing/core/margin/remove";
import { priceAll } from "@pricing/core/sports/football/markets/derive";
import type { MarketPrice } from "@pricing/core/markets/types";
import { applyEvent } from "@pricing/core/match/reducer";
import { situationAt } from "@pricing/core/sports/football/situation";
import { footballOf } from "@pricing/core/sports/football/state";
import { emptyState } from "@pricing/core/match/state";
import { marketExpectedGoals } from "@pricing/core/sports/football/backtest/market";
import { DEFAULT_PARAMS } from "@pricing/core/sports/football/backtest/params";
import { MARKET_INVERSION } from "@pricing/core/sports/football/models/invert";
import { pricingState } from "@pricing/core/sports/football/models/inplay";

const over25 = (markets: MarketPrice[]) =>
  markets.find((m) => m.key === "total-goals" && m.line === 2.5)!.selections.find((s) => s.key === "over")!.probability;

/** The live path: a `Market Prices Observed` event folded into a state, priced before kick-off. */
function livePrematch(matchResult: { home: number; draw: number; away: number }, overUnder25?: { over: number; under: number }) {
  const base = { matchId: "m1", occurredAt: "2026-01-01T12:00:00Z" };
  let state = emptyState("m1");
  state = applyEvent(state, { ...base, type: "Match Scheduled", eventId: "e1", seq: 1, competition: "EPL", homeTeam: "A", awayTeam: "B", kickoff: "2026-01-01T15:00:00Z" }).state;
  state = applyEvent(state, { ...base, type: "Market Prices Observed", eventId: "e2", seq: 2, bookmaker: "pinnacle", matchResult, ...(overUnder25 ? { overUnder25 } : {}) }).state;
  const situation = situationAt(footballOf(state), "2026-01-01T12:00:00Z");
  return { situation, markets: priceAll(pricingState(situation)) };
}

describe("market inversion: one for the live engine and the backtest", () => {
  test("1X2 alone (2.10/3.40/3.60): over 2.5 within 1 pt of the backtest's 49.2%, not rho 0's 39.6%", () => {
    const { situation, markets } = livePrematch({ home: 2.1, draw: 3.4, away: 3.6 });
    const p = removeMargin([2.1, 3.4, 3.6], "shin").probabilities as [number, number, number];
    const backtest = marketExpectedGoals(p, DEFAULT_PARAMS.market);
    assert.ok(Math.abs(situation.homeXg - backtest.homeXg) < 1e-9 && Math.abs(situation.awayXg - backtest.awayXg) < 1e-9);
    assert.equal(situation.rho, backtest.rho);
    const over = over25(markets);
    assert.ok(Math.abs(over - 0.492) < 0.01, `over 2.5 ${over}`);
  });

  test("the backtest's default is the engine's constant", () => {
    assert.deepEqual(DEFAULT_PARAMS.market, MARKET_INVERSION);
  });

  test("with an over/under price the market's own total is reproduced", () => {
    const { markets } = livePrematch({ home: 2.1, draw: 3.4, away: 3.6 }, { over: 1.95, under: 1.9 });
    const target = removeMargin([1.95, 1.9], "shin").probabilities[0];
    assert.ok(Math.abs(over25(markets) - target) < 1e-4, `${over25(markets)} v ${target}`);
  });
});
