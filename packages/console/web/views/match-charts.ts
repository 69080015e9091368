import type { MarketHistory, MatchDetailResponse } from "../../src/api";
import { getJson } from "../api";
import { axisLabel, PriceChart, type ChartMode } from "../charts";
import { fill, h, message, odds, percent } from "../dom";
import { groupName } from "../names";

/**
 * The price charts of a match, one card per market group, each with a choice of market
 * (or of every line of a market, compared), all on the match clock, in probability or
 * in decimal odds.
 */
export class MatchCharts {
  private readonly charts = new Map<string, PriceChart>();
  /** The market charted per group when the trader picked another than the headline one. */
  private readonly chosen = new Map<string, string>();
  private mode: ChartMode = "probability";
  private scrub: { x: number; at: number } | null = null;
  readonly toolbar: HTMLElement;

  constructor(private readonly container: HTMLElement, private readonly matchId: string, private readonly onChoice: () => void) {
    const option = (mode: ChartMode, label: string) => h("label", {},
      h("input", { type: "radio", name: "chart-mode", value: mode, checked: mode === this.mode, onchange: () => this.setMode(mode) }), ` ${label}`);
    this.toolbar = h("fieldset", { class: "chart-mode" },
      h("legend", {}, "Charts show"), option("probability", "Probability"), " ", option("odds", "Decimal odds"));
  }

  private setMode(mode: ChartMode): void {
    this.mode = mode;
    this.charts.forEach((c) => c.setMode(mode));
  }

  private async historyOf(d: MatchDetailResponse, group: string): Promise<MarketHistory | undefined> {
    const base = d.history.find((x) => x.group === group);
    const market = this.chosen.get(group);
    if (!base || !market || market === base.market) return base;
    const query = `group=${encodeURIComponent(group)}&market=${encodeURIComponent(market)}`;
    return getJson<MarketHistory>(`matches/${encodeURIComponent(this.matchId)}/history?${query}`);
  }

  private card(group: string, history: MarketHistory): HTMLElement {
    const select = h("select", { "aria-label": `Market charted for ${groupName(group)}` },
      ...history.markets.map((m) => h("option", { value: m.id, selected: m.id === history.market }, m.label)));
    select.addEventListener("change", () => {
      this.chosen.set(group, select.value);
      this.onChoice();
    });
    return h("figure", { class: "chart-card", "data-chart": group },
      h("figcaption", {}, h("h4", {}, groupName(group)), select),
      h("div", { class: "chart", role: "img" }));
  }

  async draw(d: MatchDetailResponse): Promise<void> {
    const overlay = { markers: d.markers, suspensions: d.suspensions, axis: d.axis ?? null };
    if (d.history.length === 0) {
      fill(this.container, message("No prices yet."));
      return;
    }
    this.container.querySelector(".message")?.remove();
    for (const base of d.history) {
      const history = (await this.historyOf(d, base.group)) ?? base;
      let card = this.container.querySelector<HTMLElement>(`[data-chart="${base.group}"]`);
      if (!card) this.container.append((card = this.card(base.group, history)));
      card.dataset.market = history.market;
      card.dataset.lines = String(history.selections.length);
      if (d.axis) card.dataset.axisTicks = d.axis.ticks.map((t) => t.label).join(",");
      const area = card.querySelector<HTMLElement>(".chart")!;
      const now = history.selections.map((s) => `${s.name ?? s.key} ${percent(s.probability.at(-1))} at ${odds(s.odds.at(-1))}`).join(", ");
      const span = d.axis && history.x?.length ? ` from ${axisLabel(d.axis, history.x[0])} to ${axisLabel(d.axis, history.x.at(-1)!)}` : "";
      area.setAttribute("aria-label", `${history.label}: each selection over ${history.times.length} prices${span}, now ${now}`);
      const chart = this.charts.get(base.group);
      if (chart) chart.update(history, overlay);
      else this.charts.set(base.group, new PriceChart(area, history, overlay, this.mode));
      this.charts.get(base.group)!.scrubTo(this.scrub);
    }
  }

  /** Marks the scrubber's moment on every chart (null: back to the newest prices). */
  scrubTo(moment: { x: number; at: number } | null): void {
    this.scrub = moment;
    this.charts.forEach((c) => c.scrubTo(moment));
  }

  resize(): void {
    this.charts.forEach((c) => c.resize());
  }

  destroy(): void {
    this.charts.forEach((c) => c.destroy());
  }
}
