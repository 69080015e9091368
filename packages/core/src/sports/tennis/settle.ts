import type { Outcome } from "../../markets/types";
import { gameWinner, type GameRecord } from "./game-record";
import { mixtureDistribution } from "./inplay";
import type { MarketLines, TennisMarket } from "./market-types";
import { deriveMarkets } from "./markets";
import type { MatchRules } from "./rules";
import { checkScore, type TennisScore } from "./state";

/**
 * How a match ended, from A's side: completed sets, and for a retirement the set
 * in progress when it stopped.
 */
export interface TennisResult {
  status: "completed" | "retired" | "walkover";
  sets: [number, number][];
  /** Games of the unfinished set at a retirement. */
  unfinished?: [number, number];
  /** Who won each game (game-record.ts), agreeing with `sets`; absent: game-winner markets are void. */
  games?: GameRecord;
}

/**
 * The retirement rule, a policy: a market already decided by the games completed when
 * a player retires is settled as it stands (a set won, a total already passed, a
 * tiebreak played, a game won); every other market is void (the game in progress too), the match winner included (no
 * "advancing player" rule). A walkover voids every market.
 */
export const RETIREMENT_RULE = "decided-markets-stand-rest-void" as const;

/** Any serve probabilities do: settlement only reads which markets are decided. */
const SETTLEMENT_STRENGTH = [{ pA: 0.6, pB: 0.6, weight: 1 }];

export interface SettledMarket {
  group: TennisMarket["group"];
  key: string;
  line: number | null;
  outcomes: Record<string, Outcome>;
}

function voided(m: TennisMarket): SettledMarket {
  return { group: m.group, key: m.key, line: m.line, outcomes: Object.fromEntries(m.selections.map((s) => [s.key, "void" as Outcome])) };
}

function setMarketOutcome(m: TennisMarket, result: TennisResult): SettledMarket {
  const n = Number(/^set-(\d+)-/.exec(m.key)?.[1]);
  const set = result.sets[n - 1];
  if (!set) return voided(m);
  const winner = set[0] > set[1] ? "a" : "b";
  const score = `${set[0]}-${set[1]}`;
  const won = (key: string) => (m.key.endsWith("-winner") ? key === winner : key === score);
  return { group: m.group, key: m.key, line: m.line, outcomes: Object.fromEntries(m.selections.map((s) => [s.key, won(s.key) ? "won" : "lost"])) };
}

function linesOf(markets: TennisMarket[]): MarketLines {
  const of = (key: string) => markets.filter((m) => m.key === key && m.line !== null).map((m) => m.line as number);
  return { totalGames: of("total-games"), gameHandicap: of("game-handicap"), playerGamesA: of("player-games-a"), playerGamesB: of("player-games-b") };
}

/** A game-winner market (its line the game's number in the match): won or lost by who won that game, void when it was not played or its winner is unknown. */
function gameMarketOutcome(m: TennisMarket, games: GameRecord | undefined): SettledMarket {
  const winner = games !== undefined && m.line !== null && Number.isInteger(m.line) ? gameWinner(games, m.line) : null;
  if (!winner) return voided(m);
  return { group: m.group, key: m.key, line: m.line, outcomes: Object.fromEntries(m.selections.map((s) => [s.key, s.key === winner ? "won" : "lost"])) };
}

/**
 * Settles every selection of the given markets from how the match ended, under
 * RETIREMENT_RULE. Game-winner markets settle from the record of games (`result.games`).
 */
export function settleMarkets(markets: TennisMarket[], result: TennisResult, rules: MatchRules): SettledMarket[] {
  if (result.status === "walkover") return markets.map(voided);
  const [a, b] = result.unfinished ?? [0, 0];
  const score: TennisScore = { sets: result.sets, current: { gamesA: a, gamesB: b, pointsA: 0, pointsB: 0, server: "a" } };
  let final: TennisMarket[];
  try {
    final = deriveMarkets(mixtureDistribution(SETTLEMENT_STRENGTH, rules, checkScore(score, rules)), rules, linesOf(markets));
  } catch {
    return markets.map(voided);
  }
  return markets.map((m) => {
    if (m.group === "game-winner") return gameMarketOutcome(m, result.games);
    if (m.group === "set-winner") return setMarketOutcome(m, result);
    const at = final.find((f) => f.key === m.key && f.line === m.line);
    if (!at || at.status !== "decided") return voided(m);
    const outcome = (key: string): Outcome => at.selections.find((s) => s.key === key)?.outcome ?? "void";
    return { group: m.group, key: m.key, line: m.line, outcomes: Object.fromEntries(m.selections.map((s) => [s.key, outcome(s.key)])) };
  });
}
