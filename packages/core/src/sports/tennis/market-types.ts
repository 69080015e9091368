import type { SelectionPrice } from "../../markets/types";

/** Tennis market groups; each is one model invocation, as football's are. */
export const TENNIS_MARKET_GROUPS = [
  "match-winner",
  "set-betting",
  "set-handicap",
  "total-sets",
  "set-winner",
  "total-games",
  "game-handicap",
  "player-games",
  "tiebreak",
  "game-winner",
] as const;
export type TennisMarketGroup = (typeof TENNIS_MARKET_GROUPS)[number];

/**
 * One tennis market, in football's shape. Lines: total games and total sets are
 * totals; set and game handicaps are player A's handicap (A wins the selection "a"
 * when A's count plus the line beats B's); player-games lines are one player's games;
 * a game-winner market's line is the number in the match of the game it prices.
 */
export interface TennisMarket {
  group: TennisMarketGroup;
  key: string;
  line: number | null;
  status: "open" | "decided";
  selections: SelectionPrice[];
}

/** Lines to price, where the defaults (around the expected value) are not wanted. */
export interface MarketLines {
  totalGames?: number[];
  gameHandicap?: number[];
  playerGamesA?: number[];
  playerGamesB?: number[];
}
