import type { GroupPerformance, ModelsResponse } from "../../src/api";
import { count, fill, h, ms, table } from "../dom";
import { reliabilityDiagram } from "../reliability";
import { resourceView, type View } from "../view";
import { groupName } from "../names";

const loss = (x: number | null) => (x === null ? "–" : x.toFixed(4));

function row(g: GroupPerformance): HTMLTableRowElement {
  const l = g.latency;
  return h("tr", { "data-group": g.group },
    h("th", { scope: "row" }, groupName(g.group)),
    h("td", { class: "num" }, l ? ms(l.p50) : "–"),
    h("td", { class: "num" }, l ? ms(l.p90) : "–"),
    h("td", { class: "num" }, l ? ms(l.p99) : "–"),
    h("td", { class: "num" }, l ? count(l.samples) : "–"),
    h("td", { class: "num" }, count(g.priced)),
    h("td", { class: `num${g.failed ? " bad" : ""}` }, count(g.failed)),
    h("td", {}, g.lastError ?? ""),
    h("td", { class: "num" }, loss(g.calibration.logLoss)),
    h("td", { class: "num" }, g.calibration.markets ? `${loss(g.calibration.marketLogLoss)} (${g.calibration.markets})` : "–"),
    h("td", { class: "num" }, loss(g.calibration.brier)),
    h("td", { class: "num" }, count(g.calibration.selections)));
}

/** Per market group: model latency, failures and calibration on settled matches. */
export function modelsView(): View {
  return resourceView<ModelsResponse>("Models", "models", (main, d) => {
    fill(main,
      h("h2", {}, "Models"),
      table("Per market group: model latency, published and failed runs, calibration on settled matches",
        ["Group", "p50", "p90", "p99", "Samples", "Priced", "Failed", "Last error", "Log-loss (selection)", "Log-loss (market)", "Brier", "Selections"],
        d.groups.map(row), { class: "models" }),
      h("p", { class: "note" }, `Latency: ${d.latencySource}. Calibration: ${d.calibrationBasis}; ${d.settledMatches} settled matches. ` +
        "Selection log-loss is the mean binary log-loss of every selection (nats); market log-loss is -ln p(winner) over markets with one winner."),
      h("h3", {}, "Reliability diagrams"),
      d.settledMatches === 0
        ? h("p", { class: "message info" }, "No settled matches yet: calibration needs results.")
        : h("div", { class: "reliability-grid" }, ...d.groups.map((g) => h("figure", { "data-reliability": g.group },
          reliabilityDiagram(g.calibration.bins, `${groupName(g.group)} reliability: forecast against observed frequency over ${g.calibration.selections} selections`),
          h("figcaption", {}, groupName(g.group), h("div", { class: "sub" }, `${g.calibration.selections} selections, log-loss ${loss(g.calibration.logLoss)}`))))));
  });
}
