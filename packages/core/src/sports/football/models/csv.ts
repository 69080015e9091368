/**
 * Results and closing odds from football-data.co.uk CSV files, with the quirks of
 * the real files: a byte-order mark, CRLF line ends, dates as dd/mm/yy or dd/mm/yyyy,
 * integers written as "2.0", blank trailing rows (",,,,"). A malformed row is returned
 * as a counted reject with its line number and a reason, never thrown.
 */
import { InputError } from "../../../errors";

/** One parsed CSV record with the 1-based line number it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * Splits RFC 4180 text into records: commas, CR/LF/CRLF line ends, double-quoted
 * fields with "" escapes and embedded newlines. No CSV library is installed and the
 * format is small enough that a dependency would cost more than it saves.
 */
export function parseCsvRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1, recordLine = 1;
  const endRecord = () => {
    fields.push(field);
    records.push({ line: recordLine, fields });
    fields = [];
    field = "";
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else { if (ch === "\n") line++; field += ch; }
    } else if (ch === '"') quoted = true;
    else if (ch === ",") { fields.push(field); field = ""; }
    else if (ch === "\r" || ch === "\n") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else field += ch;
  }
  if (field !== "" || fields.length > 0) endRecord();
  return records;
}

/** A played match as football-data.co.uk records it. */
export interface FootballDataMatch {
  /** Line of the CSV file the match is on (the header is line 1). */
  line: number;
  /** League code ("E0" is the English Premier League); null when the file has no Div column. */
  division: string | null;
  /** Match date, ISO yyyy-mm-dd. */
  date: string;
  /** Kick-off time "hh:mm" (UK time) where the file has a Time column. */
  time: string | null;
  homeTeam: string;
  awayTeam: string;
  homeGoals: number;
  awayGoals: number;
  /** Half-time goals where recorded. */
  halfTime: { home: number; away: number } | null;
  /** Red cards where recorded. */
  redCards: { home: number; away: number } | null;
  /** The referee's name where the file has a Referee column (the EPL files do); absent or null otherwise. */
  referee?: string | null;
  /**
   * Every other numeric column by its header name: odds such as "B365H", "PSCH",
   * "PC>2.5", "AHCh", "PCAHH", and match statistics such as "HS". Blank cells are absent.
   */
  values: Record<string, number>;
}

export interface CsvReject {
  line: number;
  reason: string;
}

export interface FootballDataFile {
  matches: FootballDataMatch[];
  rejects: CsvReject[];
  /** Rows with every cell blank (football-data pads some files with them); skipped. */
  blankRows: number;
  columns: string[];
}

/** Required columns, each with the older or alternative header names football-data uses. */
const REQUIRED = {
  date: ["Date"],
  homeTeam: ["HomeTeam", "Home", "HT"],
  awayTeam: ["AwayTeam", "Away", "AT"],
  homeGoals: ["FTHG", "HG"],
  awayGoals: ["FTAG", "AG"],
} as const;

const TEXT_COLUMNS = new Set(["Div", "Date", "Time", "HomeTeam", "AwayTeam", "Home", "Away", "HT", "AT", "FTR", "HTR", "Res", "Referee", "Country", "League", "Season"]);

type Columns = Record<keyof typeof REQUIRED, number>;

function locateColumns(header: string[]): Columns {
  const at = (names: readonly string[], key: string): number => {
    for (const name of names) {
      const i = header.indexOf(name);
      if (i >= 0) return i;
    }
    throw new InputError("csv.missing_column", `the CSV has no ${names.join(" or ")} column (needed for ${key}); is it a football-data.co.uk results file?`, { column: names[0] });
  };
  return {
    date: at(REQUIRED.date, "the match date"),
    homeTeam: at(REQUIRED.homeTeam, "the home team"),
    awayTeam: at(REQUIRED.awayTeam, "the away team"),
    homeGoals: at(REQUIRED.homeGoals, "home goals"),
    awayGoals: at(REQUIRED.awayGoals, "away goals"),
  };
}

/** dd/mm/yy (yy < 50 is 20yy) or dd/mm/yyyy to ISO yyyy-mm-dd; null if not a calendar date. */
export function parseFootballDataDate(text: string): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(text.trim());
  if (!m) return null;
  const day = Number(m[1]), month = Number(m[2]);
  let year = Number(m[3]);
  if (m[3].length === 2) year += year < 50 ? 2000 : 1900;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.toISOString().slice(0, 10);
}

/** A goal or card count: a non-negative integer, possibly written "2.0"; null otherwise. */
export function parseCount(text: string | undefined): number | null {
  const t = text?.trim() ?? "";
  if (!/^\d+(\.0*)?$/.test(t)) return null;
  return Number(t);
}

/** A text cell, trimmed; null when the column is missing or the cell blank. */
function textOf(fields: string[], header: string[], name: string): string | null {
  const i = header.indexOf(name);
  const t = i >= 0 ? fields[i]?.trim() : "";
  return t ? t : null;
}

function pairOf(fields: string[], header: string[], home: string, away: string): { home: number; away: number } | null {
  const h = parseCount(fields[header.indexOf(home)]), a = parseCount(fields[header.indexOf(away)]);
  return header.includes(home) && header.includes(away) && h !== null && a !== null ? { home: h, away: a } : null;
}

function numericValues(fields: string[], header: string[]): Record<string, number> {
  const values: Record<string, number> = {};
  header.forEach((name, i) => {
    const cell = fields[i]?.trim();
    if (!name || TEXT_COLUMNS.has(name) || !cell) return;
    const v = Number(cell);
    if (Number.isFinite(v)) values[name] = v;
  });
  return values;
}

type RowResult = { match: FootballDataMatch } | { reject: string };

function parseRow(record: CsvRecord, header: string[], col: Columns): RowResult {
  const f = record.fields;
  const date = parseFootballDataDate(f[col.date] ?? "");
  if (!date) return { reject: `unparseable date "${f[col.date] ?? ""}" (expected dd/mm/yy or dd/mm/yyyy)` };
  const homeTeam = f[col.homeTeam]?.trim() ?? "", awayTeam = f[col.awayTeam]?.trim() ?? "";
  if (!homeTeam || !awayTeam) return { reject: "missing team name" };
  if (homeTeam === awayTeam) return { reject: `team "${homeTeam}" plays itself` };
  const homeGoals = parseCount(f[col.homeGoals]), awayGoals = parseCount(f[col.awayGoals]);
  if (homeGoals === null || awayGoals === null) {
    return { reject: `unparseable score "${f[col.homeGoals] ?? ""}"-"${f[col.awayGoals] ?? ""}" (expected non-negative whole numbers)` };
  }
  const result = f[header.indexOf("FTR")]?.trim();
  const actual = homeGoals > awayGoals ? "H" : homeGoals === awayGoals ? "D" : "A";
  if (header.includes("FTR") && result && result !== actual) {
    return { reject: `result "${result}" disagrees with the score ${homeGoals}-${awayGoals}` };
  }
  const time = header.includes("Time") ? f[header.indexOf("Time")]?.trim() || null : null;
  const division = header.includes("Div") ? f[header.indexOf("Div")]?.trim() || null : null;
  return {
    match: {
      line: record.line, division, date, time, homeTeam, awayTeam, homeGoals, awayGoals,
      halfTime: pairOf(f, header, "HTHG", "HTAG"),
      redCards: pairOf(f, header, "HR", "AR"),
      referee: textOf(f, header, "Referee"),
      values: numericValues(f, header),
    },
  };
}

/**
 * Parses one football-data.co.uk results file.
 *
 * @param text the file's contents (a leading byte-order mark is ignored)
 * @throws InputError "csv.missing_column" when Date, HomeTeam, AwayTeam, FTHG or FTAG
 *   (or their older names) is missing, "csv.empty" for a file with no header.
 */
export function parseFootballData(text: string): FootballDataFile {
  const records = parseCsvRecords(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (records.length === 0 || records[0].fields.every((f) => f.trim() === "")) {
    throw new InputError("csv.empty", "the CSV is empty: expected a football-data.co.uk header row");
  }
  const header = records[0].fields.map((h) => h.trim());
  const columns = locateColumns(header);
  const out: FootballDataFile = { matches: [], rejects: [], blankRows: 0, columns: header };
  for (const record of records.slice(1)) {
    if (record.fields.every((f) => f.trim() === "")) { out.blankRows++; continue; }
    const row = parseRow(record, header, columns);
    if ("match" in row) out.matches.push(row.match);
    else out.rejects.push({ line: record.line, reason: row.reject });
  }
  return out;
}

/** Pinnacle closing 1X2 odds (PSCH/PSCD/PSCA) of a match, or null where any is missing. */
export function closingMatchOdds(match: FootballDataMatch): [number, number, number] | null {
  const { PSCH, PSCD, PSCA } = match.values;
  return PSCH > 1 && PSCD > 1 && PSCA > 1 ? [PSCH, PSCD, PSCA] : null;
}

/** Pinnacle closing over/under 2.5 goals odds ("PC>2.5", "PC<2.5"), or null where missing. */
export function closingOverUnder25(match: FootballDataMatch): [number, number] | null {
  const over = match.values["PC>2.5"], under = match.values["PC<2.5"];
  return over > 1 && under > 1 ? [over, under] : null;
}

/** Pinnacle closing Asian handicap: the home side's line (AHCh) and odds (PCAHH, PCAHA). */
export function closingAsianHandicap(match: FootballDataMatch): { line: number; home: number; away: number } | null {
  const { AHCh, PCAHH, PCAHA } = match.values;
  return AHCh !== undefined && PCAHH > 1 && PCAHA > 1 ? { line: AHCh, home: PCAHH, away: PCAHA } : null;
}
