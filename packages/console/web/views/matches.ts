import type { MatchesResponse, MatchSummary } from "../../src/api";
import { getJson } from "../api";
import { badge, fill, h, message, odds, percent } from "../dom";
import { sparkline } from "../sparkline";
import type { View } from "../view";

export const fixtureName = (m: Pick<MatchSummary, "homeTeam" | "awayTeam" | "matchId">) => (m.homeTeam && m.awayTeam ? `${m.homeTeam} v ${m.awayTeam}` : m.matchId);
const scoreText = (m: MatchSummary) => (m.score ? m.score.replaceAll("-", "–") : "–");
const kickoffText = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString("en-GB", { weekday: "short", day: "2-digit", month: "short", hour: "2-digit", minute: "2-digit" }) : "unscheduled";

/** The odds cells keep their previous value, to flash the ones that moved. */
function oddsCell(kind: "home" | "draw" | "away", match: MatchSummary, previous: string | undefined): HTMLTableCellElement {
  const value = odds(match.odds?.[kind]);
  const moved = previous !== undefined && previous !== value;
  const up = moved && Number(value) > Number(previous);
  return h("td", { class: `odds${moved ? (up ? " drifted" : " shortened") : ""}`, "data-odds": kind, "aria-label": `${kind} ${value}` }, value);
}

function row(match: MatchSummary, previous: Map<string, string> | undefined): HTMLTableRowElement {
  const name = fixtureName(match);
  const last = match.sparkline.at(-1);
  return h("tr", { "data-match-id": match.matchId, "data-status": match.status, "data-state-version": match.stateVersion, "data-priced-state-version": match.pricedStateVersion ?? "" },
    h("th", { scope: "row" },
      h("a", { href: `#/matches/${encodeURIComponent(match.matchId)}` }, name),
      h("div", { class: "sub" }, `${match.competition ?? ""} · ${kickoffText(match.kickoff)}`)),
    h("td", {}, badge(match.status)),
    h("td", { class: "score", "data-score": "" }, scoreText(match)),
    h("td", { class: "clock" }, match.clock ?? "–"),
    oddsCell("home", match, previous?.get("home")),
    oddsCell("draw", match, previous?.get("draw")),
    oddsCell("away", match, previous?.get("away")),
    h("td", {}, sparkline(match.sparkline, last
      ? `${name}: 1X2 fair probabilities over the last ${match.sparkline.length} prices, now ${percent(last[0])} / ${percent(last[1])} / ${percent(last[2])}`
      : `${name}: no prices yet`)),
    h("td", { class: "suspended" }, ...(match.suspended.length ? match.suspended.map((r) => badge(`suspended: ${r}`, "suspended")) : ["–"])),
  );
}

/** Every match with its status, score, clock and live 1X2 odds. */
export function matchesView(): View {
  let main: HTMLElement;
  const previous = new Map<string, Map<string, string>>();
  const draw = (data: MatchesResponse) => {
    if (data.matches.length === 0) {
      fill(main, h("h2", {}, "Matches"), message("No matches yet: post a Match Scheduled event to the bus, or run npm start."));
      return;
    }
    const rows = data.matches.map((m) => row(m, previous.get(m.matchId)));
    for (const m of data.matches) previous.set(m.matchId, new Map((["home", "draw", "away"] as const).map((k) => [k, odds(m.odds?.[k])])));
    fill(main,
      h("h2", {}, "Matches"),
      h("table", { class: "matches" },
        h("caption", {}, `${data.matches.length} matches; 1X2 offered odds of the newest price, sparkline of fair probabilities (home, draw, away)`),
        h("thead", {}, h("tr", {}, ...["Match", "Status", "Score", "Clock", "Home", "Draw", "Away", "1X2 trend", "Markets"].map((t) => h("th", { scope: "col" }, t)))),
        h("tbody", {}, ...rows)),
      h("p", { class: "note" }, `Read ${new Date(data.readAt).toLocaleTimeString("en-GB")}`));
  };
  return {
    title: "Matches",
    topics: ["matches"],
    async mount(element) {
      main = element;
      draw(await getJson<MatchesResponse>("matches"));
    },
    async refresh() {
      const focused = document.activeElement instanceof HTMLAnchorElement ? document.activeElement.getAttribute("href") : null;
      draw(await getJson<MatchesResponse>("matches"));
      if (focused) main.querySelector<HTMLAnchorElement>(`a[href="${CSS.escape(focused)}"]`)?.focus();
    },
  };
}
