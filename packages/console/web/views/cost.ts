import type { CostResponse } from "../../src/api";
import { count, fill, h, table, usd } from "../dom";
import { resourceView, type View } from "../view";

/** The projected AWS cost of what has run: per service, per match, per day. */
export function costView(): View {
  return resourceView<CostResponse>("Cost", "cost", (main, d) => {
    fill(main,
      h("h2", {}, "Cost"),
      h("p", { class: "total" }, h("span", { class: "big", "data-total": "" }, usd(d.totalUsd)), ` for ${d.matches} matches`,
        d.perMatchUsd !== null ? `, ${usd(d.perMatchUsd)} per match` : ""),
      h("p", { class: "note" }, `Projected AWS cost, ${d.basis}.`),
      h("div", { class: "two-col" },
        table("Per day", ["Day", "Matches", "Cost"], d.days.map((x) => h("tr", {}, h("th", { scope: "row" }, x.day), h("td", { class: "num" }, x.matches), h("td", { class: "num" }, usd(x.usd))))),
        table("Per match", ["Match", "Cost"], d.byMatch.map((x) => h("tr", {}, h("th", { scope: "row" }, h("a", { href: `#/matches/${encodeURIComponent(x.matchId)}` }, x.label), h("div", { class: "sub mono" }, x.matchId)), h("td", { class: "num" }, usd(x.usd)))))),
      table("Per billed item", ["Service", "Item", "Quantity", "Unit", "Cost"], d.lines.map((l) => h("tr", {},
        h("td", {}, l.service), h("td", {}, l.item), h("td", { class: "num" }, count(l.quantity)), h("td", {}, l.unit), h("td", { class: "num" }, usd(l.usd))))));
  });
}
