import type { ScoreGrid } from "../sports/football/models/grid";

/** The market groups a match is priced in; each is one model invocation in PriceMatch. */
export const MARKET_GROUPS = [
  "match-result",
  "totals",
  "handicap",
  "correct-score",
  "goals",
  "next-goal",
  "half-time",
] as const;
export type MarketGroup = (typeof MARKET_GROUPS)[number];

export interface Score {
  home: number;
  away: number;
}

/** How a selection settles. Half results belong to quarter lines. */
export const OUTCOMES = ["won", "lost", "push", "half-won", "half-lost", "void"] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * Everything market derivation needs for one moment of a match. Pre-match it is two
 * grids from 0-0; in play the grids hold the goals still to come, offset by the score.
 */
export interface PricingState {
  /** Goals still to come until the final whistle. */
  fullTime: ScoreGrid;
  /** Goals still to come until half time; null once the first half is over. */
  firstHalf: ScoreGrid | null;
  /** The score now. */
  score: Score;
  /** The half-time score, once the first half is over. */
  halfTimeScore: Score | null;
  /** Probability that the next goal is scored by the home side, by nobody, by the away side. */
  nextGoal: { home: number; none: number; away: number };
  /**
   * Whether the match has kicked off. In play, Asian handicaps are quoted on the rest of
   * the match and totals lines follow the score (see LINE_BASIS). Left out, a state is
   * in play once it has a goal or a half-time score.
   */
  inPlay?: boolean;
}

/**
 * What a line market's line is counted on. "match": the final score (totals, and every
 * line before kick-off). "rest": the goals scored after the price was made, the score
 * then (`from`) counting as 0-0; in-play Asian handicaps are quoted so, as bookmakers
 * quote them, and settle on the final score minus `from`.
 */
export type LineBasis = "match" | "rest";

/**
 * One selection's price. A half-won result counts half as a win and half as a push, a
 * half-lost result half as a loss and half as a push, so win + push + lose = 1 and
 * the fair (zero expected value) decimal odds are (1 - push) / probability.
 */
export interface SelectionPrice {
  key: string;
  /** Win probability, halves counted as halves. */
  probability: number;
  push: number;
  lose: number;
  /** Zero-EV decimal odds; null when the selection cannot win. */
  fairOdds: number | null;
  /** Set when the market is decided: how this selection settles. */
  outcome?: Outcome;
}

export interface MarketPrice {
  group: MarketGroup;
  key: string;
  /** The line (goals, or the home side's handicap); null for markets without one. */
  line: number | null;
  /** "decided" once no goal still to come can change how it settles. */
  status: "open" | "decided";
  selections: SelectionPrice[];
  /** Next-goal markets only: which goal of the match it is about (1 for the first). */
  goal?: number;
  /** Line markets only: what the line is counted on. */
  basis?: LineBasis;
  /** Rest-of-match lines only: the score when the price was made, which counts as 0-0. */
  from?: Score;
}
