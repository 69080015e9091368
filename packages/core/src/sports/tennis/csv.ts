/**
 * Results and odds from tennis-data.co.uk season files (ATP and WTA layouts, as
 * normalised: comma-separated, decimal points, dd/mm/yyyy). A malformed row is a
 * counted reject with its line and reason, never thrown.
 */
import { InputError } from "../../errors";

export type Tour = "ATP" | "WTA";
export const MATCH_STATUSES = ["completed", "retired", "walkover"] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];

/** One match as the file records it, winner first. */
export interface TennisDataMatch {
  line: number;
  tour: Tour;
  tournament: string;
  location: string;
  /** ISO yyyy-mm-dd. */
  date: string;
  series: string;
  surface: string;
  round: string;
  bestOf: 3 | 5;
  winner: string;
  loser: string;
  winnerRank: number | null;
  loserRank: number | null;
  /** Set scores (winner's games, loser's games); at a retirement the last may be unfinished. */
  sets: [number, number][];
  status: MatchStatus;
  /** Pinnacle's odds on the winner and the loser, where quoted. */
  pinnacle: { winner: number; loser: number } | null;
  bet365: { winner: number; loser: number } | null;
  /** The average of the bookmakers' odds the file collects (AvgW/AvgL), where quoted. */
  average?: { winner: number; loser: number } | null;
  /** Ranking points of the winner and the loser (WPts/LPts), where given. */
  winnerPoints?: number | null;
  loserPoints?: number | null;
}

export interface TennisDataReject {
  line: number;
  reason: string;
}

export interface TennisDataFile {
  matches: TennisDataMatch[];
  rejects: TennisDataReject[];
  /** Reject counts by reason. */
  rejectCounts: Record<string, number>;
}

const REQUIRED = ["Tournament", "Date", "Surface", "Round", "Best of", "Winner", "Loser", "W1", "L1", "Comment"];

/** Comments as the files write them, misspellings seen in the 2015-2021 files included. */
const STATUS: Record<string, MatchStatus> = { Completed: "completed", Retired: "retired", Rrtired: "retired", Walkover: "walkover", Walkoer: "walkover" };

function isoDate(text: string): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!m) return null;
  const iso = `${m[3]}-${m[2].padStart(2, "0")}-${m[1].padStart(2, "0")}`;
  return Number.isNaN(Date.parse(`${iso}T00:00:00Z`)) ? null : iso;
}

function oddsPair(w: string | undefined, l: string | undefined): { winner: number; loser: number } | null {
  const winner = Number(w), loser = Number(l);
  return w && l && winner > 1 && loser > 1 && Number.isFinite(winner) && Number.isFinite(loser) ? { winner, loser } : null;
}

const count = (s: string | undefined) => (s && /^\d+$/.test(s.trim()) ? Number(s) : null);

function parseRow(get: (name: string) => string | undefined, tour: Tour, line: number): TennisDataMatch | string {
  const date = isoDate(get("Date") ?? "");
  if (!date) return "bad date";
  const winner = get("Winner")?.trim(), loser = get("Loser")?.trim();
  if (!winner || !loser) return "missing player";
  const bestOf = Number(get("Best of"));
  if (bestOf !== 3 && bestOf !== 5) return "bad best-of";
  const status = STATUS[(get("Comment") ?? "").trim()];
  if (!status) return `unhandled comment "${(get("Comment") ?? "").trim()}"`;
  const sets: [number, number][] = [];
  for (let k = 1; k <= 5; k++) {
    const w = get(`W${k}`)?.trim(), l = get(`L${k}`)?.trim();
    if (!w && !l) break;
    const a = count(w), b = count(l);
    if (a === null || b === null) return "bad set score";
    sets.push([a, b]);
  }
  if (status === "completed" && sets.length === 0) return "missing set scores";
  return {
    line, tour, date, winner, loser, bestOf,
    tournament: get("Tournament") ?? "", location: get("Location") ?? "", series: get("Series") ?? get("Tier") ?? "",
    surface: get("Surface") ?? "", round: get("Round") ?? "",
    winnerRank: count(get("WRank")), loserRank: count(get("LRank")), sets, status,
    pinnacle: oddsPair(get("PSW"), get("PSL")), bet365: oddsPair(get("B365W"), get("B365L")), average: oddsPair(get("AvgW"), get("AvgL")),
    winnerPoints: count(get("WPts")), loserPoints: count(get("LPts")),
  };
}

/**
 * Parses one tennis-data.co.uk season. The tour comes from the first header
 * ("ATP" or "WTA"); a missing required column is an InputError, a bad row a reject.
 */
export function parseTennisData(text: string): TennisDataFile {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  const header = (lines[0] ?? "").split(",").map((h) => h.trim());
  const tour = header[0] as Tour;
  if (tour !== "ATP" && tour !== "WTA") throw new InputError("csv.not_tennis_data", `a tennis-data.co.uk file starts with an ATP or WTA column, got "${header[0] ?? ""}"`);
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length) throw new InputError("csv.missing_columns", `missing columns: ${missing.join(", ")}`, { missing });
  const index = new Map(header.map((h, i) => [h, i]));
  const out: TennisDataFile = { matches: [], rejects: [], rejectCounts: {} };
  for (let i = 1; i < lines.length; i++) {
    if (!lines[i].replace(/,/g, "").trim()) continue;
    const fields = lines[i].split(",");
    const row = parseRow((name) => { const k = index.get(name); return k === undefined ? undefined : fields[k]; }, tour, i + 1);
    if (typeof row === "string") {
      out.rejects.push({ line: i + 1, reason: row });
      out.rejectCounts[row] = (out.rejectCounts[row] ?? 0) + 1;
    } else out.matches.push(row);
  }
  return out;
}

/** De-margined (multiplicative) probability that the winner wins, from a pair of odds. */
export function impliedWinner(odds: { winner: number; loser: number }): number {
  const w = 1 / odds.winner, l = 1 / odds.loser;
  return w / (w + l);
}
