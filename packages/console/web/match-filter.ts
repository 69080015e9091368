import type { MatchStatus, MatchSummary } from "../src/api";

/** The Matches view's filters, as they stand in the page's address (#/matches?sport=tennis&status=in+play&q=sinner). */
export interface MatchFilter {
  sport: string;
  competition: string;
  status: string;
  /** Free text matched against the sides' names, case and accents aside. */
  q: string;
}

export const STATUSES: readonly MatchStatus[] = ["scheduled", "pre-event", "in play", "ended", "settled", "void"];
const KEYS = ["sport", "competition", "status", "q"] as const;

export function filterOf(params: URLSearchParams): MatchFilter {
  const get = (k: (typeof KEYS)[number]) => (params.get(k) ?? "").trim().slice(0, 100);
  return { sport: get("sport"), competition: get("competition"), status: get("status"), q: get("q") };
}

/** The query of a filter, empty fields left out. */
export function queryOf(filter: MatchFilter): string {
  const params = new URLSearchParams();
  for (const k of KEYS) if (filter[k]) params.set(k, filter[k]);
  return params.toString();
}

const fold = (text: string) => text.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase();

/** The matches that pass every filter set. */
export function filterMatches(matches: readonly MatchSummary[], filter: MatchFilter): MatchSummary[] {
  const words = fold(filter.q).split(/\s+/).filter(Boolean);
  return matches.filter((m) => {
    if (filter.sport && m.sport !== filter.sport) return false;
    if (filter.competition && m.competition !== filter.competition) return false;
    if (filter.status && m.status !== filter.status) return false;
    const names = fold(`${m.homeTeam ?? ""} ${m.awayTeam ?? ""}`);
    return words.every((w) => names.includes(w));
  });
}
