import type { ExecutionsResponse, PricingRun } from "../../src/api";
import { badge, dateTime, fill, h, message, ms, table, time } from "../dom";
import { resourceView, type View } from "../view";

const minute = (seconds: number) => `${Math.floor(seconds / 60)}'${String(seconds % 60).padStart(2, "0")}`;

function runRow(run: PricingRun): HTMLTableRowElement {
  const failed = run.failedGroups.map((g) => `${g.group}${g.error ? ` (${g.error})` : ""}`).join(", ");
  return h("tr", { "data-run": `${run.matchId}:${run.priceVersion}` },
    h("td", {}, h("a", { href: `#/matches/${encodeURIComponent(run.matchId)}` }, run.matchId)),
    h("td", { class: "num" }, run.priceVersion),
    h("td", {}, time(run.asOf)),
    h("td", { class: "num" }, minute(run.clockSeconds)),
    h("td", {}, run.execution?.reason ?? "–"),
    h("td", {}, run.execution ? h("a", { href: `#/executions/${encodeURIComponent(run.execution.executionArn)}`, "aria-label": `PriceMatch execution of ${run.matchId} at version ${run.priceVersion}: ${run.execution.status}` }, badge(run.execution.status)) : "–"),
    h("td", { class: "num" }, ms(run.execution?.durationMs)),
    h("td", { class: "num" }, `${run.groups - run.failedGroups.length}/${run.groups}`),
    h("td", {}, failed ? badge(failed, "failed") : "none"));
}

/** Lifecycle executions (Standard) and pricing runs (Express) of the stage. */
export function executionsView(): View {
  return resourceView<ExecutionsResponse>("Executions", "executions", (main, d) => {
    const lifecycle = d.lifecycle.executions;
    fill(main,
      h("h2", {}, "Executions"),
      h("section", { "aria-labelledby": "lifecycle-h" },
        h("h3", { id: "lifecycle-h" }, "Lifecycle (Standard, one per match)"),
        lifecycle.length === 0
          ? message(d.lifecycle.stateMachineArn ? "No Lifecycle executions yet." : "This stage has no Lifecycle state machine.")
          : table(`${lifecycle.length} Lifecycle executions, newest first`, ["Execution", "Status", "Started", "Stopped"], lifecycle.map((e) => h("tr", { "data-execution": e.name },
            h("td", {}, h("a", { href: `#/executions/${encodeURIComponent(e.executionArn)}` }, e.name)),
            h("td", {}, badge(e.status)),
            h("td", {}, dateTime(e.startDate)),
            h("td", {}, dateTime(e.stopDate)))), { class: "lifecycle" })),
      h("section", { "aria-labelledby": "pricing-h" },
        h("h3", { id: "pricing-h" }, "Pricing (PriceMatch, Express)"),
        h("p", { class: "note" }, `Source: ${d.pricing.source}.`),
        d.pricing.runs.length === 0
          ? message("No prices published yet.")
          : table(`The ${d.pricing.runs.length} newest pricing runs`, ["Match", "Price version", "Priced at", "Clock", "Reason", "Execution", "Duration", "Groups priced", "Failed groups"], d.pricing.runs.map(runRow), { class: "runs" })));
  });
}
