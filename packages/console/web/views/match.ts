import type { MatchDetailResponse, PricesAtResponse, SettlementView } from "../../src/api";
import { getJson } from "../api";
import { badge, fill, h, table } from "../dom";
import type { View } from "../view";
import { fixtureFacts, scoreboard } from "../scoreboard";
import { viewerZone, zoneClock, zoneDate, zoneTime } from "../zone-time";
import { Ladder } from "./ladder";
import { MatchCharts } from "./match-charts";
import { fixtureName } from "./matches";
import { Scrubber } from "./scrubber";
import { TraderPanel } from "./trader";

/**
 * The match's name, sport and fixture, and its score: the sport's scoreboard where it
 * draws one (tennis: sets, games, points, the server), else the score and the clock.
 * The start is the one the feed scheduled, in the viewer's zone.
 */
function header(d: MatchDetailResponse): HTMLElement {
  const m = d.match;
  const arn = m.executionArn;
  const start = d.scheduledStart ?? m.kickoff;
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
    h("p", { class: "fixture-time", "data-start": start ?? "" },
      h("span", { "data-fixture-date": "" }, zoneDate(start)), " · ",
      d.axis?.unit === "point" ? "start " : "kick-off ",
      h("time", { datetime: start ?? "", "data-kickoff": "" }, zoneClock(start))),
    h("p", { class: "sub" },
      `state version ${m.stateVersion} · price version ${m.priceVersion ?? "–"} · `,
      arn ? h("a", { href: `#/executions/${encodeURIComponent(arn)}` }, "Lifecycle execution") : "no Lifecycle execution"));
}

function settlement(s: SettlementView): HTMLElement {
  const rows = s.markets.map((m) => h("tr", { "data-market": m.id },
    h("th", { scope: "row" }, m.label),
    h("td", {}, m.void ? "void" : m.selections.map((x) => `${x.key}: ${x.outcome}`).join(", "))));
  return h("section", { "aria-labelledby": "settlement-h" },
    h("h3", { id: "settlement-h" }, "Settlement"),
    h("p", {}, `${s.void ? "Void" : "Settled"} on ${zoneDate(s.settledAt)} at ${zoneTime(s.settledAt)}: ${s.markets.length} markets.`),
    h("details", {}, h("summary", {}, "Every market"), table("How each market settled, by line", ["Market", "Selections"], rows, { class: "settlement" })));
}

function eventLog(d: MatchDetailResponse): Array<HTMLElement | null> {
  const legend = d.markers.filter((m) => m.weight === "major").map((m) => m.label).join(" · ");
  const zone = viewerZone();
  return [
    h("h3", { id: "events-h" }, "Event log"),
    legend ? h("p", { class: "sub" }, `On the charts: ${legend}; suspensions shaded until the first price that knows them.`) : null,
    table(`${d.events.length} feed events in sequence; times in ${zone}`, ["Seq", `Occurred (${zone})`, "Minute", "Event", "Details"], d.events.map((e) => h("tr", {},
      h("td", { class: "num" }, e.seq), h("td", { "data-occurred": e.occurredAt }, h("time", { datetime: e.occurredAt }, zoneTime(e.occurredAt))),
      h("td", { class: "num" }, e.minute ?? ""), h("td", {}, e.type), h("td", {}, e.summary))), { class: "events" }),
  ];
}

/** One match: price history charts, time travel, the ladder, the event log and the settlement. */
export function matchView(matchId: string): View {
  let main: HTMLElement;
  let charts: MatchCharts;
  let trader: TraderPanel;
  let scrubber: Scrubber;
  const ladder = new Ladder();
  let latest: MatchDetailResponse | null = null;
  let parts: { header: HTMLElement; charts: HTMLElement; events: HTMLElement; settlement: HTMLElement };
  const onResize = () => charts.resize();

  /** A past moment from the scrubber, or the live ladder again (null). */
  const showMoment = (moment: PricesAtResponse | null) => {
    charts.scrubTo(moment ? { x: moment.x, at: Date.parse(moment.at) } : null);
    if (moment) ladder.draw(moment.ladder, moment.at);
    else if (latest) ladder.draw(latest.ladder, null);
  };

  const draw = async (d: MatchDetailResponse) => {
    latest = d;
    fill(parts.header, header(d));
    trader.update(d);
    scrubber.update(d);
    await charts.draw(d);
    if (!scrubber.scrubbing) ladder.draw(d.ladder, null);
    fill(parts.events, ...eventLog(d));
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
        events: h("section", { "aria-labelledby": "events-h" }),
        settlement: h("div"),
      };
      charts = new MatchCharts(parts.charts, matchId, () => void refresh());
      scrubber = new Scrubber(matchId, showMoment);
      fill(main,
        h("p", {}, h("a", { href: "#/matches" }, "← Matches")),
        parts.header,
        h("section", { "aria-labelledby": "history-h" }, h("h3", { id: "history-h" }, "Price history"), charts.toolbar, scrubber.element, parts.charts),
        parts.settlement,
        h("div", { class: "two-col" }, ladder.element, parts.events));
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
