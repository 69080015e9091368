import { GOAL_GROUPS, type GoalGroup } from "./types";
import { CORRECT_SCORE_MAX, EXACT_GOALS_MAX, KIND, MARGIN_MAX, type MarketKind } from "./rules";

/**
 * One market as offered: a stable key, its line (goals for totals, the home side's
 * handicap for Asian handicap; null when the market has none) and its selections in a
 * fixed order. `first` is the index of its first selection in the flat price layout.
 */
export interface MarketSpec {
  readonly index: number;
  readonly group: GoalGroup;
  readonly key: string;
  readonly line: number | null;
  readonly kind: MarketKind;
  readonly selections: readonly string[];
  readonly first: number;
}

/** Lines from `from` to `to` inclusive in steps of `step` goals (exact in binary for quarter steps). */
function lines(from: number, to: number, step: number): number[] {
  const count = Math.round((to - from) / step);
  return Array.from({ length: count + 1 }, (_, k) => from + k * step);
}

/** Total goals: 0.5 to 6.5 in quarter steps (whole lines push, quarter lines split). */
export const TOTAL_GOALS_LINES = lines(0.5, 6.5, 0.25);
/** Asian handicap, the home side's line: -3.5 to +3.5 in quarter steps. A higher line helps the home side. */
export const HANDICAP_LINES = lines(-3.5, 3.5, 0.25);
/** Team totals: 0.5 to 3.5 in half-goal steps, so whole lines (push) but no quarter lines. */
export const TEAM_TOTAL_LINES = lines(0.5, 3.5, 0.5);
/** First-half total goals: 0.5 to 3.5 in half-goal steps. */
export const HALF_TIME_TOTAL_LINES = lines(0.5, 3.5, 0.5);
/** Second-half total goals: 0.5 to 3.5 in half-goal steps. */
export const SECOND_HALF_TOTAL_LINES = lines(0.5, 3.5, 0.5);

const OVER_UNDER = ["over", "under"] as const;
const HOME_AWAY = ["home", "away"] as const;
const HOME_DRAW_AWAY = ["home", "draw", "away"] as const;
const YES_NO = ["yes", "no"] as const;

/** Winning-margin selections in rules.ts marginIndex order: home by 1, 2, 3+, draw, away by 1, 2, 3+. */
export const WINNING_MARGIN_SELECTIONS: readonly string[] = [
  ...Array.from({ length: MARGIN_MAX }, (_, k) => `home-by-${k + 1}${k + 1 === MARGIN_MAX ? "+" : ""}`),
  "draw",
  ...Array.from({ length: MARGIN_MAX }, (_, k) => `away-by-${k + 1}${k + 1 === MARGIN_MAX ? "+" : ""}`),
];
/** Exact total goals: "0" to "6", then "7+". */
export const EXACT_GOALS_SELECTIONS: readonly string[] = Array.from({ length: EXACT_GOALS_MAX + 1 }, (_, k) => (k === EXACT_GOALS_MAX ? `${k}+` : `${k}`));
/** Half-time/full-time: the half-time result, then the full-time result (`home-draw`: home ahead at half time, a draw at the end). */
export const HALF_TIME_FULL_TIME_SELECTIONS: readonly string[] = HOME_DRAW_AWAY.flatMap((ht) => HOME_DRAW_AWAY.map((ft) => `${ht}-${ft}`));

/** Correct-score selection keys: "h-a" for every score up to 6 a side, then the three "other" buckets. */
export const CORRECT_SCORE_SELECTIONS: readonly string[] = [
  ...Array.from({ length: (CORRECT_SCORE_MAX + 1) ** 2 }, (_, i) =>
    `${Math.floor(i / (CORRECT_SCORE_MAX + 1))}-${i % (CORRECT_SCORE_MAX + 1)}`),
  "other-home",
  "other-draw",
  "other-away",
];

type Draft = Omit<MarketSpec, "index" | "first" | "group">;

function lineMarkets(key: string, kind: MarketKind, at: number[], selections: readonly string[]): Draft[] {
  return at.map((line) => ({ key, kind, line, selections }));
}

const DRAFTS: Record<GoalGroup, Draft[]> = {
  "match-result": [
    { key: "1x2", kind: KIND.matchResult, line: null, selections: HOME_DRAW_AWAY },
    { key: "double-chance", kind: KIND.doubleChance, line: null, selections: ["1x", "12", "x2"] },
    { key: "draw-no-bet", kind: KIND.drawNoBet, line: null, selections: HOME_AWAY },
  ],
  totals: lineMarkets("total-goals", KIND.totalGoals, TOTAL_GOALS_LINES, OVER_UNDER),
  handicap: lineMarkets("asian-handicap", KIND.asianHandicap, HANDICAP_LINES, HOME_AWAY),
  "correct-score": [
    { key: "correct-score", kind: KIND.correctScore, line: null, selections: CORRECT_SCORE_SELECTIONS },
  ],
  goals: [
    { key: "btts", kind: KIND.btts, line: null, selections: ["yes", "no"] },
    ...lineMarkets("team-total-home", KIND.teamTotalHome, TEAM_TOTAL_LINES, OVER_UNDER),
    ...lineMarkets("team-total-away", KIND.teamTotalAway, TEAM_TOTAL_LINES, OVER_UNDER),
    { key: "odd-even", kind: KIND.oddEven, line: null, selections: ["odd", "even"] },
    { key: "win-to-nil-home", kind: KIND.winToNilHome, line: null, selections: YES_NO },
    { key: "win-to-nil-away", kind: KIND.winToNilAway, line: null, selections: YES_NO },
    { key: "clean-sheet-home", kind: KIND.cleanSheetHome, line: null, selections: YES_NO },
    { key: "clean-sheet-away", kind: KIND.cleanSheetAway, line: null, selections: YES_NO },
    { key: "winning-margin", kind: KIND.winningMargin, line: null, selections: WINNING_MARGIN_SELECTIONS },
    { key: "exact-total-goals", kind: KIND.exactTotalGoals, line: null, selections: EXACT_GOALS_SELECTIONS },
  ],
  "next-goal": [{ key: "next-goal", kind: KIND.nextGoal, line: null, selections: ["home", "none", "away"] }],
  "half-time": [
    { key: "ht-1x2", kind: KIND.halfTimeResult, line: null, selections: HOME_DRAW_AWAY },
    ...lineMarkets("ht-total-goals", KIND.halfTimeTotalGoals, HALF_TIME_TOTAL_LINES, OVER_UNDER),
    { key: "ht-ft", kind: KIND.halfTimeFullTime, line: null, selections: HALF_TIME_FULL_TIME_SELECTIONS },
  ],
  "second-half": [
    { key: "2h-1x2", kind: KIND.secondHalfResult, line: null, selections: HOME_DRAW_AWAY },
    ...lineMarkets("2h-total-goals", KIND.secondHalfTotalGoals, SECOND_HALF_TOTAL_LINES, OVER_UNDER),
    { key: "2h-btts", kind: KIND.secondHalfBtts, line: null, selections: YES_NO },
    // Each half over 0.5 goals: a goal in both halves (only the 0.5 line is derived).
    { key: "both-halves-over", kind: KIND.bothHalvesOver, line: 0.5, selections: YES_NO },
  ],
};

function buildCatalogue(): MarketSpec[] {
  const out: MarketSpec[] = [];
  let first = 0;
  for (const group of GOAL_GROUPS) {
    for (const draft of DRAFTS[group]) {
      out.push({ ...draft, group, index: out.length, first });
      first += draft.selections.length;
    }
  }
  return out;
}

/**
 * Every market offered for a match, grouped in GOAL_GROUPS order. Read-only by type
 * but not frozen: building MarketPrice objects from frozen specs measured ~7% slower.
 */
export const CATALOGUE: readonly MarketSpec[] = buildCatalogue();
export const MARKET_COUNT = CATALOGUE.length;
export const SELECTION_COUNT = CATALOGUE.reduce((n, m) => n + m.selections.length, 0);

/** Market index range [start, end) of each group in CATALOGUE. */
export const GROUP_RANGE: Readonly<Record<GoalGroup, { start: number; end: number }>> = Object.fromEntries(
  GOAL_GROUPS.map((group) => {
    const indices = CATALOGUE.filter((m) => m.group === group).map((m) => m.index);
    return [group, { start: indices[0], end: indices[indices.length - 1] + 1 }];
  }),
) as Record<GoalGroup, { start: number; end: number }>;

/**
 * The catalogue as flat typed arrays for the pricing hot path: per market its kind,
 * line (NaN when none), first selection, number of selections and whether the line is
 * a quarter line.
 */
export const LAYOUT = {
  kind: Uint8Array.from(CATALOGUE, (m) => m.kind),
  line: Float64Array.from(CATALOGUE, (m) => m.line ?? Number.NaN),
  first: Uint16Array.from(CATALOGUE, (m) => m.first),
  count: Uint8Array.from(CATALOGUE, (m) => m.selections.length),
  quarter: Uint8Array.from(CATALOGUE, (m) => (m.line !== null && (m.line * 4) % 2 !== 0 ? 1 : 0)),
};

function marketId(key: string, line: number | null): string {
  return line === null ? key : `${key}@${line}`;
}
const BY_ID = new Map(CATALOGUE.map((m) => [marketId(m.key, m.line), m]));

/** The catalogue market with this key and line, or undefined. */
export function findMarket(key: string, line: number | null): MarketSpec | undefined {
  return BY_ID.get(marketId(key, line));
}

/** The markets of one group, in catalogue order. */
export function marketsInGroup(group: GoalGroup): readonly MarketSpec[] {
  const { start, end } = GROUP_RANGE[group];
  return CATALOGUE.slice(start, end);
}
