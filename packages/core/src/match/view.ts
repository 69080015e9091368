/** A match as listed: who plays, where, when, and how it stands. */
export interface MatchView {
  competition: string | null;
  /** Scheduled start, ISO time, as the feed gave it. */
  start: string | null;
  /** The two sides in the sport's order (home then away; player A then B). */
  participants: [string, string] | null;
  /** The score now, as the sport writes it ("2-1"; "6-4 3-2 30-15"); null before play. */
  score: string | null;
  /** Where play stands ("67'", "HT"; "set 2, A serving"); null when not in play. */
  situation: string | null;
}

/**
 * A match's scoreboard as an operator reads it, sport-neutral: one row per side with
 * its cells under the columns the sport chooses (sets and points; halves; quarters),
 * who serves or has the ball, and how play stands. A reader draws it without knowing
 * the sport.
 */
export interface Scoreboard {
  /** Column headings, left to right ("Set 1", "Set 2", "Games", "Points"). */
  columns: Array<{ label: string; kind: "period" | "current" | "total" }>;
  /** The two sides in the view's order, each with one cell per column. */
  rows: Array<{ name: string; cells: string[]; serving: boolean }>;
  status: ScoreboardStatus;
  /** Status text as the operator reads it ("suspended: rain", "B retired"). */
  statusText: string;
  /** Facts of the fixture beside the competition ("ATP", "Hard", "best of 3"). */
  details: string[];
  /** What is special about the moment ("tiebreak"), or null. */
  note: string | null;
}

export type ScoreboardStatus = "scheduled" | "in play" | "suspended" | "finished" | "retired" | "walkover" | "abandoned";

/**
 * A moment of a match an operator wants on the time axis of a price chart (a goal, a
 * break of serve, the end of a set), read by the sport from its feed events.
 */
export interface MatchMoment {
  /** ISO time the event occurred. */
  at: string;
  seq: number;
  /** The sport's word for it ("goal", "red card", "break", "set"). */
  kind: string;
  /** How it is drawn: a major incident (labelled, bold), a minor one, a boundary of play. */
  weight: "major" | "minor" | "period";
  /** The side it belongs to (0 or 1, the view's order), or null. */
  side: 0 | 1 | null;
  /** The event log's words ("Goal Arsenal 23'", "Break: Sinner leads 3-1 in set 2"). */
  label: string;
  /** The chart's short label ("H goal 23'", "Break Sinner"). */
  short: string;
  /** Whether markets are suspended from it until a price knows it. */
  suspends: boolean;
}
