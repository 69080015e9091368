import type { LadderGroup, MatchDetailResponse, SettlementView } from "../../src/api";
import { getJson } from "../api";
import { badge, dateTime, fill, h, message, odds, percent, table, time } from "../dom";
import type { View } from "../view";
import { groupName } from "../names";
import { fixtureFacts, scoreboard } from "../scoreboard";
import { MatchCharts } from "./match-charts";
import { fixtureName } from "./matches";
import { TraderPanel } from "./trader";


/**
 * The match's name, sport and fixture, and its score: the sport's scoreboard where it
 * draws one (tennis: sets, games, points, the server), else the score and the clock.
 */
function header(d: MatchDetailResponse): HTMLElement {
  const m = d.match;
  const arn = m.executionArn;
  const suspended = m.suspended.map((r) => badge(`suspended: ${r}`, "suspended"));
  return h("div", { class: "match-header", "data-sport": m.sport ?? "" },
    h("h2", {}, fixtureName(m)),
    h("p", { class: "facts", "data-facts": "" }, fixtureFacts(m).join(" · ")),
    m.scoreboard && m.scoreboard.rows.length === 2
      ? h("div", { class: "scoreline" }, badge(m.status), scoreboard(m.scoreboard, m.clock ?? "Score"), ...suspended)
      : h("p", { class: "scoreline" },
        badge(m.status), " ",
        h("span", { class: "big", "data-score": "" }, m.score ? m.score.replaceAll("-", "–") : "–"), " ",
        h("span", { class: "clock" }, m.clock ?? ""), " ",
        ...suspended),
    h("p", { class: "sub" },
      `start ${dateTime(m.kickoff)} · state version ${m.stateVersion} · price version ${m.priceVersion ?? "–"} · `,
      arn ? h("a", { href: `#/executions/${encodeURIComponent(arn)}` }, "Lifecycle execution") : "no Lifecycle execution"));
}

function ladderGroup(g: LadderGroup, open: boolean): HTMLDetailsElement {
  const rows = g.markets.flatMap((m) => m.selections.map((s, i) => h("tr", {},
    i === 0 ? h("th", { scope: "rowgroup", rowspan: m.selections.length }, m.label, m.status === "decided" ? h("div", { class: "sub" }, "decided") : null) : null,
    h("td", { "data-key": s.key }, s.name),
    h("td", { class: "num" }, percent(s.probability, 2)),
    h("td", { class: "num" }, odds(s.fairOdds)),
    h("td", { class: "num offered" }, odds(s.odds)),
    h("td", {}, s.outcome ?? ""))));
  return h("details", { open, "data-group": g.group },
    h("summary", {}, groupName(g.group), " ", g.status === "suspended" ? badge(`suspended${g.error ? `: ${g.error}` : ""}`, "suspended") : h("span", { class: "sub" }, `${g.markets.length} markets`)),
    g.markets.length ? table(`${groupName(g.group)}: fair and offered odds`, ["Market", "Selection", "Probability", "Fair odds", "Offered odds", "Outcome"], rows, { class: "ladder" }) : message("No markets offered."));
}

function settlement(s: SettlementView): HTMLElement {
  const rows = s.markets.map((m) => h("tr", {},
    h("th", { scope: "row" }, m.label),
    h("td", {}, m.void ? "void" : m.selections.map((x) => `${x.key}: ${x.outcome}`).join(", "))));
  return h("section", { "aria-labelledby": "settlement-h" },
    h("h3", { id: "settlement-h" }, "Settlement"),
    h("p", {}, `${s.void ? "Void" : "Settled"} at ${dateTime(s.settledAt)}: ${s.markets.length} markets.`),
    h("details", {}, h("summary", {}, "Every market"), table("How each market settled", ["Market", "Selections"], rows)));
}

/** One match: price history charts, the event log, the ladder and the settlement. */
export function matchView(matchId: string): View {
  let main: HTMLElement;
  let charts: MatchCharts;
  let trader: TraderPanel;
  /** The ladder's groups open: the headline group (the first) until the trader opens or closes one. */
  const openGroups = new Set<string>();
  let firstLadder = true;
  let parts: { header: HTMLElement; charts: HTMLElement; ladder: HTMLElement; events: HTMLElement; settlement: HTMLElement };
  const onResize = () => charts.resize();

  const draw = async (d: MatchDetailResponse) => {
    fill(parts.header, header(d));
    trader.update(d);
    await charts.draw(d);
    if (firstLadder && d.ladder?.groups[0]) {
      firstLadder = false;
      openGroups.add(d.ladder.groups[0].group);
    }
    for (const el of parts.ladder.querySelectorAll<HTMLDetailsElement>("details[data-group]")) {
      if (el.open) openGroups.add(el.dataset.group!);
      else openGroups.delete(el.dataset.group!);
    }
    fill(parts.ladder, h("h3", { id: "ladder-h" }, "Price ladder"),
      ...(d.ladder
        ? [h("p", { class: "sub" }, `Price version ${d.ladder.priceVersion}, priced at ${time(d.ladder.asOf)}`), ...d.ladder.groups.map((g) => ladderGroup(g, openGroups.has(g.group)))]
        : [message("No prices yet.")]));
    const legend = d.markers.filter((m) => m.weight === "major").map((m) => m.label).join(" · ");
    fill(parts.events, h("h3", { id: "events-h" }, "Event log"),
      legend ? h("p", { class: "sub" }, `On the charts: ${legend}; suspensions shaded until the first price that knows them.`) : null,
      table(`${d.events.length} feed events in sequence`, ["Seq", "Occurred", "Minute", "Event", "Details"], d.events.map((e) => h("tr", {},
        h("td", { class: "num" }, e.seq), h("td", {}, time(e.occurredAt)), h("td", { class: "num" }, e.minute ?? ""), h("td", {}, e.type), h("td", {}, e.summary))), { class: "events" }));
    fill(parts.settlement, ...(d.settlement ? [settlement(d.settlement)] : []));
  };

  const refresh = async () => draw(await getJson<MatchDetailResponse>(`matches/${encodeURIComponent(matchId)}`));

  return {
    title: "Match",
    topics: ["matches"],
    async mount(element) {
      main = element;
      parts = {
        header: h("div"),
        charts: h("div", { class: "charts" }),
        ladder: h("section", { "aria-labelledby": "ladder-h" }),
        events: h("section", { "aria-labelledby": "events-h" }),
        settlement: h("div"),
      };
      fill(main,
        h("p", {}, h("a", { href: "#/matches" }, "← Matches")),
        parts.header,
        h("section", { "aria-labelledby": "history-h" }, h("h3", { id: "history-h" }, "Price history"), parts.charts),
        parts.settlement,
        h("div", { class: "two-col" }, parts.ladder, parts.events));
      charts = new MatchCharts(parts.charts, matchId, () => void refresh());
      trader = new TraderPanel(matchId, refresh);
      parts.header.after(trader.element);
      window.addEventListener("resize", onResize);
      const d = await getJson<MatchDetailResponse>(`matches/${encodeURIComponent(matchId)}`);
      document.title = `${fixtureName(d.match)} · Pricing console`;
      await draw(d);
    },
    refresh,
    unmount() {
      window.removeEventListener("resize", onResize);
      charts.destroy();
    },
  };
}
