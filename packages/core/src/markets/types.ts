/**
 * The shape of a priced market, the same for every sport: a group, a stable key, a
 * line, and selections with their probability, push and fair odds.
 */
export interface Score {
  home: number;
  away: number;
}

/** How a selection settles. Half results belong to quarter lines. */
export const OUTCOMES = ["won", "lost", "push", "half-won", "half-lost", "void"] as const;
export type Outcome = (typeof OUTCOMES)[number];

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
  /** The market group, one of its sport's (`match-result`; `set-betting`). */
  group: string;
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
