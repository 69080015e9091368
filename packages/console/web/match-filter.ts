import type { MatchStatus, MatchSummary } from "../src/api";

/**
 * The Matches view's filters and order, as they stand in the page's address
 * (#/matches?sport=tennis&status=in+play&q=sinner&from=2021-02-03&sort=-kickoff).
 */
export interface MatchFilter {
  sport: string;
  competition: string;
  status: string;
  /** Free text matched against the sides' names and the competition, case and accents aside. */
  q: string;
  /** First and last fixture date (YYYY-MM-DD, inclusive), either may be empty: a day is from = to. */
  from: string;
  to: string;
  /** The column the list is ordered by, "-" before it for newest or last first ("-kickoff"). */
  sort: string;
}

export const STATUSES: readonly MatchStatus[] = ["scheduled", "pre-event", "in play", "ended", "settled", "void"];
const KEYS = ["sport", "competition", "status", "q", "from", "to", "sort"] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The columns a trader may order the list by, each with the value it compares. */
export const SORT_KEYS = {
  match: (m: MatchSummary) => `${m.homeTeam ?? ""} ${m.awayTeam ?? ""}`.toLowerCase(),
  sport: (m: MatchSummary) => m.sport ?? "",
  competition: (m: MatchSummary) => (m.competition ?? "").toLowerCase(),
  kickoff: (m: MatchSummary) => m.kickoff ?? "9999",
  // The order a match goes through them, not the alphabet's.
  status: (m: MatchSummary) => String(STATUSES.indexOf(m.status)).padStart(2, "0"),
} as const satisfies Record<string, (m: MatchSummary) => string>;
export type SortKey = keyof typeof SORT_KEYS;

const sortKeyOf = (sort: string): SortKey | null => {
  const key = sort.replace(/^-/, "");
  return key in SORT_KEYS ? (key as SortKey) : null;
};

export function filterOf(params: URLSearchParams): MatchFilter {
  const get = (k: (typeof KEYS)[number]) => (params.get(k) ?? "").trim().slice(0, 100);
  const day = (k: "from" | "to") => (DAY.test(get(k)) ? get(k) : "");
  const sort = sortKeyOf(get("sort")) ? get("sort") : "";
  return { sport: get("sport"), competition: get("competition"), status: get("status"), q: get("q"), from: day("from"), to: day("to"), sort };
}

/** The query of a filter, empty fields left out. */
export function queryOf(filter: MatchFilter): string {
  const params = new URLSearchParams();
  for (const k of KEYS) if (filter[k]) params.set(k, filter[k]);
  return params.toString();
}

const fold = (text: string) => text.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase();

/**
 * The fixture's date as the feed gave it: the date part of its kick-off as written, not
 * moved into the browser's time zone, so a match is on the day its feed says it is.
 */
export const fixtureDate = (m: Pick<MatchSummary, "kickoff">): string | null => (m.kickoff && DAY.test(m.kickoff.slice(0, 10)) ? m.kickoff.slice(0, 10) : null);

/** The matches that pass every filter set, in the filter's order (the server's, kick-off then id, when unset). */
export function filterMatches(matches: readonly MatchSummary[], filter: MatchFilter): MatchSummary[] {
  const words = fold(filter.q).split(/\s+/).filter(Boolean);
  const shown = matches.filter((m) => {
    if (filter.sport && m.sport !== filter.sport) return false;
    if (filter.competition && m.competition !== filter.competition) return false;
    if (filter.status && m.status !== filter.status) return false;
    if (filter.from || filter.to) {
      const day = fixtureDate(m);
      if (day === null || (filter.from && day < filter.from) || (filter.to && day > filter.to)) return false;
    }
    const text = fold(`${m.homeTeam ?? ""} ${m.awayTeam ?? ""} ${m.competition ?? ""}`);
    return words.every((w) => text.includes(w));
  });
  const key = sortKeyOf(filter.sort);
  if (!key) return shown;
  const value = SORT_KEYS[key];
  const sign = filter.sort.startsWith("-") ? -1 : 1;
  // Ties keep the server's order (kick-off, then id): Array.prototype.sort is stable.
  return shown.sort((a, b) => sign * value(a).localeCompare(value(b)));
}

/** The sort after a click on a column's header: ascending first, then descending, then the other column's. */
export function nextSort(current: string, key: SortKey): string {
  return current === key ? `-${key}` : key;
}
