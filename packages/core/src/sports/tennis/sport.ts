import { InputError } from "../../errors";
import { settlementKey } from "../../markets/settlement-key";
import type { Settlement, Sport } from "../contract";
import { TennisEvents, type TennisEvent } from "./events";
import { initialTennisState, type TennisState } from "./match-state";
import { TENNIS_MARKET_GROUPS, type TennisMarket } from "./market-types";
import { solveFromMarket } from "./market-strength";
import { deriveMarkets } from "./markets";
import { firstSetBlendOf } from "./first-set-blend";
import { mixtureDistribution } from "./inplay";
import type { TennisPricingInput } from "./price";
import { abandonTennis, reduceTennis } from "./reducer";
import { ADVANTAGE_SET_CAP, setRuleOf, setsToWin } from "./rules";
import { recordGames } from "./game-record";
import { RETIREMENT_RULE, settleMarkets } from "./settle";
import { isFinishedSet, isOver, setsWon } from "./state";
import { differenceFor, evidenceOf, serveSpreadOf, serveSumOf, setSpreadOf, sumSpreadOf, type ServeStrength } from "./strength";
import { tennisMoments } from "./moments";
import { describeTennis, scoreboardTennis, viewTennis } from "./view";

/**
 * Tennis as a sport module: its feed (points with the feed's score, corrections,
 * suspensions of play, retirements, walkovers), the reducer, no clock (every point
 * reprices), ten market groups priced by the point model's mixture, settlement under
 * RETIREMENT_RULE, and how a match reads.
 */
export const tennis: Sport<"tennis", TennisState, TennisEvent, TennisPricingInput> = {
  id: "tennis",
  events: TennisEvents,
  initialState: initialTennisState,
  reduce: reduceTennis,
  abandon: abandonTennis,
  groups: TENNIS_MARKET_GROUPS,
  priceable: (state) => state.strength !== null && state.rules !== null && state.fixture !== null && state.hold === null && state.ending === null && !(state.score && state.rules && isOver(state.score, state.rules)),
  situation: situationOf,
  settle: settleTennis,
  view: viewTennis,
  describe: describeTennis,
  scoreboard: scoreboardTennis,
  moments: tennisMoments,
  modelHandler: "packages/core/src/sports/tennis/model.handler",
};

/**
 * The model input of a tennis match: serve strengths solved from A's match
 * probability (and the total-games price, when the market gave one) with the tour's
 * spreads on its surface, the in-play settings refitted on 2015-2021 (the evidence
 * weight, the after-first-set blend with the baseline's frequencies), the rules, and
 * the score once play has begun.
 *
 * @throws InputError "match.no_strength" when neither ratings nor prices are known
 */
function situationOf(state: TennisState): TennisPricingInput {
  const { strength, rules, fixture } = state;
  if (!strength || !rules || !fixture) throw new InputError("match.no_strength", "the match has no ratings or observed prices yet");
  return { strength: serveStrength(state), rules, ...(state.score ? { score: state.score } : state.firstServer ? { firstServer: state.firstServer } : {}) };
}

function serveStrength({ strength, rules, fixture, firstServer }: TennisState): ServeStrength {
  const { tour, surface } = fixture!;
  const blend = firstSetBlendOf(tour, rules!.bestOf, strength!.matchProbability);
  const inplay = { evidence: evidenceOf(tour), ...(blend ? { firstSetBlend: blend } : {}) };
  if (strength!.source === "market" && strength!.totalGames) {
    return { ...solveFromMarket(strength!.matchProbability, strength!.totalGames, serveSpreadOf(tour), rules!, firstServer ?? undefined, sumSpreadOf(tour)), ...inplay };
  }
  return { ...differenceFor(strength!.matchProbability, serveSumOf(tour, surface), serveSpreadOf(tour), rules!, setSpreadOf(tour), sumSpreadOf(tour)), ...inplay };
}

/** Every half line a match could have been offered on: totals and player games up to the longest match, handicaps either way. */
function everyLine(bestOf: 3 | 5) {
  // Advantage final sets run long (the model cuts them at ADVANTAGE_SET_CAP games a side).
  const most = bestOf === 3 ? 60 : 90;
  const halves = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i + 0.5);
  return { totalGames: halves(5, most), gameHandicap: halves(-most / 2, most / 2 - 1), playerGamesA: halves(0, most / 2 + 1), playerGamesB: halves(0, most / 2 + 1) };
}

/**
 * Settles every market a tennis match could have been offered, from its set scores
 * (the confirmed result, or the score when play ended): every line, each set's winner
 * and exact score. A retirement settles markets already decided and voids the rest
 * (RETIREMENT_RULE); a walkover and an abandoned match void everything but what play
 * had decided. Game-winner markets (the current and the next game of every moment,
 * each named by its game's number) settle from the record of games, read against the
 * set scores settled on.
 */
function settleTennis(state: TennisState, { abandoned }: { abandoned: boolean }): Settlement {
  const rules = state.rules ?? { bestOf: 3, finalSet: "tiebreak7", noAd: false };
  const score = state.score;
  const walkover = state.ending?.kind === "walkover" || (!score && !abandoned && !state.result);
  const cut = abandoned || state.ending?.kind === "retired";
  const sets = !cut && state.result ? state.result : score?.sets ?? [];
  const unfinished: [number, number] | undefined = cut && score ? [score.current.gamesA, score.current.gamesB] : undefined;
  // Every market and line, read from a pre-match distribution (any strength will do: settlement reads the final score).
  const markets: TennisMarket[] = deriveMarkets(mixtureDistribution([{ pA: 0.6, pB: 0.6, weight: 1 }], rules, null), rules, everyLine(rules.bestOf));
  // Each set's winner and score once: the pre-match markets already hold the first set's (one Settlement item per key).
  const offered = new Set(markets.map((m) => m.key));
  for (let n = 1; n <= 2 * setsToWin(rules) - 1; n++) {
    if (!offered.has(`set-${n}-winner`)) markets.push({ group: "set-winner", key: `set-${n}-winner`, line: null, status: "open", selections: [sel("a"), sel("b")] });
    const cap = setRuleOf(rules, n - 1) === "advantage" ? ADVANTAGE_SET_CAP : 7;
    const scores: string[] = [];
    for (let a = 0; a <= cap; a++) for (let b = 0; b <= cap; b++) if (isFinishedSet(rules, n - 1, a, b)) scores.push(`${a}-${b}`);
    if (!offered.has(`set-${n}-score`)) markets.push({ group: "set-winner", key: `set-${n}-score`, line: null, status: "open", selections: scores.map(sel) });
  }
  const [ua, ub] = unfinished ?? [0, 0];
  const games = recordGames(state.games, { sets, current: { gamesA: ua, gamesB: ub, pointsA: 0, pointsB: 0, server: "a" } });
  // Every game a market was offered on: each one played, and the two after the last (current and next when play stopped).
  for (let n = 1; n <= games.length + 2; n++) {
    for (const key of ["current-game", "next-game"]) if (key === "current-game" || n > 1) markets.push({ group: "game-winner", key, line: n, status: "open", selections: [sel("a"), sel("b")] });
  }
  const settled = settleMarkets(markets, { status: walkover ? "walkover" : cut ? "retired" : "completed", sets, games, ...(unfinished ? { unfinished } : {}) }, rules);
  const [a, b] = setsWon({ sets, current: { gamesA: 0, gamesB: 0, pointsA: 0, pointsB: 0, server: "a" } });
  const result = walkover || abandoned ? null : `${sets.map(([x, y]) => `${x}-${y}`).join(" ")}${state.ending?.kind === "retired" ? ` (${state.ending.player.toUpperCase()} retired; ${RETIREMENT_RULE})` : ""} (sets ${a}-${b})`;
  return {
    markets: settled.map((m) => ({ key: settlementKey(m), selections: Object.entries(m.outcomes).map(([key, outcome]) => ({ key, outcome })) })),
    result,
  };
}

const sel = (key: string) => ({ key, probability: 0.5, push: 0, lose: 0.5, fairOdds: 2 });
