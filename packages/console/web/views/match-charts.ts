import type { MarketHistory, MatchDetailResponse } from "../../src/api";
import { getJson } from "../api";
import { PriceChart } from "../charts";
import { fill, h, message, percent } from "../dom";
import { groupName } from "../names";

/** The price charts of a match, one card per market group, each with a choice of market. */
export class MatchCharts {
  private readonly charts = new Map<string, PriceChart>();
  /** The market charted per group when the trader picked another than the headline one. */
  private readonly chosen = new Map<string, string>();

  constructor(private readonly container: HTMLElement, private readonly matchId: string, private readonly onChoice: () => void) {}

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
    const overlay = { markers: d.markers, suspensions: d.suspensions };
    if (d.history.length === 0) {
      fill(this.container, message("No prices yet."));
      return;
    }
    this.container.querySelector(".message")?.remove();
    for (const base of d.history) {
      const history = (await this.historyOf(d, base.group)) ?? base;
      let card = this.container.querySelector<HTMLElement>(`[data-chart="${base.group}"]`);
      if (!card) this.container.append((card = this.card(base.group, history)));
      const area = card.querySelector<HTMLElement>(".chart")!;
      const now = history.selections.map((s) => `${s.key} ${percent(s.probability.at(-1))}`).join(", ");
      area.setAttribute("aria-label", `${history.label}: fair probability of each selection over ${history.times.length} prices, now ${now}`);
      const chart = this.charts.get(base.group);
      if (chart) chart.update(history, overlay);
      else this.charts.set(base.group, new PriceChart(area, history, overlay));
    }
  }

  resize(): void {
    this.charts.forEach((c) => c.resize());
  }

  destroy(): void {
    this.charts.forEach((c) => c.destroy());
  }
}
