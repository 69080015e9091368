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
