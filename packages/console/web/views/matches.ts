import type { MatchesResponse, MatchSummary } from "../../src/api";
import { getJson } from "../api";
import { badge, fill, h, message, odds, percent } from "../dom";
import { filterMatches, filterOf, fixtureDate, nextSort, queryOf, STATUSES, type MatchFilter, type SortKey } from "../match-filter";
import { fixtureFacts, sportName } from "../scoreboard";
import { sparkline } from "../sparkline";
import type { View } from "../view";

export const fixtureName = (m: Pick<MatchSummary, "homeTeam" | "awayTeam" | "matchId">) => (m.homeTeam && m.awayTeam ? `${m.homeTeam} v ${m.awayTeam}` : m.matchId);
const scoreText = (m: MatchSummary) => (m.score ? m.score.replaceAll("-", "–") : "–");
const kickoffText = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString("en-GB", { weekday: "short", day: "2-digit", month: "short", hour: "2-digit", minute: "2-digit" }) : "unscheduled";

/** The list's columns: those with a sort key order the list when their header is clicked. */
const COLUMNS: Array<{ label: string; sort?: SortKey }> = [
  { label: "Match", sort: "match" }, { label: "Competition", sort: "competition" }, { label: "Kick-off", sort: "kickoff" }, { label: "Sport", sort: "sport" },
  { label: "Status", sort: "status" }, { label: "Score" }, { label: "Clock" }, { label: "1" }, { label: "X" }, { label: "2" }, { label: "Trend" }, { label: "Markets" },
];

/** What each odds column holds: the first side, the draw, the second side of the headline market. */
const sideOf = (kind: "home" | "draw" | "away", match: MatchSummary) => (kind === "draw" ? "draw" : (kind === "home" ? match.homeTeam : match.awayTeam) ?? kind);

/** The odds cells keep their previous value, to flash the ones that moved. */
function oddsCell(kind: "home" | "draw" | "away", match: MatchSummary, previous: string | undefined): HTMLTableCellElement {
  const value = odds(match.odds?.[kind]);
  const moved = previous !== undefined && previous !== value;
  const up = moved && Number(value) > Number(previous);
  return h("td", { class: `odds${moved ? (up ? " drifted" : " shortened") : ""}`, "data-odds": kind, "aria-label": `${sideOf(kind, match)} ${value}` }, value);
}

function row(match: MatchSummary, previous: Map<string, string> | undefined): HTMLTableRowElement {
  const name = fixtureName(match);
  const last = match.sparkline.at(-1);
  return h("tr", { "data-match-id": match.matchId, "data-sport": match.sport ?? "", "data-status": match.status, "data-state-version": match.stateVersion, "data-priced-state-version": match.pricedStateVersion ?? "" },
    h("th", { scope: "row" },
      h("a", { href: `#/matches/${encodeURIComponent(match.matchId)}` }, name),
      h("div", { class: "sub" }, fixtureFacts(match).slice(1).join(" · "))),
    h("td", { class: "competition" }, match.competition ?? "–"),
    h("td", { class: "kickoff", "data-date": fixtureDate(match) ?? "" }, kickoffText(match.kickoff)),
    h("td", { class: "sport" }, sportName(match.sport)),
    h("td", {}, badge(match.status)),
    h("td", { class: "score", "data-score": "" }, scoreText(match)),
    h("td", { class: "clock" }, match.clock ?? "–"),
    oddsCell("home", match, previous?.get("home")),
    oddsCell("draw", match, previous?.get("draw")),
    oddsCell("away", match, previous?.get("away")),
    h("td", {}, sparkline(match.sparkline, last
      ? `${name}: fair probabilities of the headline market over the last ${match.sparkline.length} prices, now ${last.map((p) => percent(p)).join(" / ")}`
      : `${name}: no prices yet`)),
    h("td", { class: "suspended" }, ...(match.suspended.length ? match.suspended.map((r) => badge(`suspended: ${r}`, "suspended")) : ["–"])),
  );
}

const options = (values: Iterable<string>, chosen: string, all: string, label: (v: string) => string = (v) => v) => {
  const list = [...new Set([...values, ...(chosen ? [chosen] : [])])].sort();
  return [h("option", { value: "", selected: chosen === "" }, all), ...list.map((v) => h("option", { value: v, selected: v === chosen }, label(v)))];
};

/** A column's header: a button that orders the list by it, the order read out by aria-sort. */
function header(column: (typeof COLUMNS)[number], sort: string, onSort: (key: SortKey) => void): HTMLTableCellElement {
  if (!column.sort) return h("th", { scope: "col" }, column.label);
  const key = column.sort;
  const order = sort === key ? "ascending" : sort === `-${key}` ? "descending" : null;
  return h("th", { scope: "col", "aria-sort": order, class: "sortable" },
    h("button", { type: "button", "data-sort": key, onclick: () => onSort(key) }, column.label, h("span", { "aria-hidden": "true", class: "sort-mark" }, order === "ascending" ? " ▲" : order === "descending" ? " ▼" : " ↕")));
}

/**
 * Every match with its sport, status, score, clock and the live odds of its headline
 * market, narrowed by sport, competition, status, fixture dates and a search on the
 * sides' names and the competition, ordered by a column: all of it stands in the
 * page's address, so a link keeps it.
 */
export function matchesView(params: URLSearchParams = new URLSearchParams()): View {
  let filter: MatchFilter = filterOf(params);
  let data: MatchesResponse | null = null;
  const previous = new Map<string, Map<string, string>>();
  const sport = h("select", { name: "sport", "aria-label": "Sport" });
  const competition = h("select", { name: "competition", "aria-label": "Competition" });
  const status = h("select", { name: "status", "aria-label": "Status" });
  const search = h("input", { type: "search", name: "q", placeholder: "Team, player or competition", "aria-label": "Search team or player names", value: filter.q, autocomplete: "off" });
  const from = h("input", { type: "date", name: "from", "aria-label": "Fixtures from", value: filter.from });
  const to = h("input", { type: "date", name: "to", "aria-label": "Fixtures to", value: filter.to });
  const form = h("form", { class: "filters", role: "search", "aria-label": "Filter matches" },
    h("label", {}, "Sport ", sport), h("label", {}, "Competition ", competition), h("label", {}, "Status ", status),
    h("label", {}, "From ", from), h("label", {}, "to ", to), h("label", {}, "Search ", search));
  const results = h("div", { class: "results" });

  const fillOptions = (all: MatchSummary[]) => {
    fill(sport, ...options(all.flatMap((m) => (m.sport ? [m.sport] : [])), filter.sport, "All sports", sportName));
    fill(competition, ...options(all.filter((m) => !filter.sport || m.sport === filter.sport).flatMap((m) => (m.competition ? [m.competition] : [])), filter.competition, "All competitions"));
    fill(status, ...options(STATUSES, filter.status, "Any status"));
  };

  const draw = () => {
    if (!data) return;
    fillOptions(data.matches);
    if (data.matches.length === 0) {
      fill(results, message("No matches yet: post a Match Scheduled event to the bus, or run npm start."));
      return;
    }
    const shown = filterMatches(data.matches, filter);
    const rows = shown.map((m) => row(m, previous.get(m.matchId)));
    for (const m of data.matches) previous.set(m.matchId, new Map((["home", "draw", "away"] as const).map((k) => [k, odds(m.odds?.[k])])));
    const narrowed = shown.length < data.matches.length ? ` of ${data.matches.length}` : "";
    fill(results,
      h("table", { class: "matches" },
        h("caption", {}, `${shown.length}${narrowed} matches; offered odds of each match's headline market (1X2; match winner: 1 and 2 are the sides in the order named), sparkline of its fair probabilities`),
        h("thead", {}, h("tr", {}, ...COLUMNS.map((c) => header(c, filter.sort, sortBy)))),
        h("tbody", {}, ...rows)),
      shown.length === 0 ? message("No match passes the filters.") : null,
      h("p", { class: "note" }, `Read ${new Date(data.readAt).toLocaleTimeString("en-GB")}`));
  };

  const keep = () => {
    const query = queryOf(filter);
    history.replaceState(null, "", `#/matches${query ? `?${query}` : ""}`);
    draw();
  };
  const changed = () => {
    filter = { ...filter, sport: sport.value, competition: competition.value, status: status.value, q: search.value.trim(), from: from.value, to: to.value };
    keep();
  };
  function sortBy(key: SortKey): void {
    filter = { ...filter, sort: nextSort(filter.sort, key) };
    keep();
    results.querySelector<HTMLButtonElement>(`button[data-sort="${key}"]`)?.focus();
  }
  for (const control of [sport, competition, status, from, to]) control.addEventListener("change", changed);
  search.addEventListener("input", changed);
  form.addEventListener("submit", (event) => event.preventDefault());

  return {
    title: "Matches",
    topics: ["matches"],
    async mount(main) {
      fill(main, h("h2", {}, "Matches"), form, results);
      data = await getJson<MatchesResponse>("matches");
      draw();
    },
    async refresh() {
      const focused = document.activeElement instanceof HTMLAnchorElement ? document.activeElement.getAttribute("href") : null;
      data = await getJson<MatchesResponse>("matches");
      draw();
      if (focused) results.querySelector<HTMLAnchorElement>(`a[href="${CSS.escape(focused)}"]`)?.focus();
    },
  };
}
