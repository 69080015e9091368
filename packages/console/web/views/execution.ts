import type { ExecutionDetailResponse } from "../../src/api";
import { badge, dateTime, fill, h, table } from "../dom";
import { stateGraph } from "../state-graph";
import { resourceView, type View } from "../view";

const elapsed = (ms: number | null) => (ms === null ? "–" : ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);

function pre(label: string, text: string | null): HTMLElement | null {
  if (!text) return null;
  let shown = text;
  try {
    shown = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    // not JSON: shown as it is
  }
  return h("details", {}, h("summary", {}, label), h("pre", {}, shown));
}

/** One execution: its graph with the states visited and current, and its event history. */
export function executionView(executionArn: string): View {
  const draw = (main: HTMLElement, d: ExecutionDetailResponse) => {
    const e = d.execution;
    const machine = e.stateMachineArn.split(":").at(-1) ?? "";
    fill(main,
      h("p", {}, h("a", { href: "#/executions" }, "← Executions")),
      h("h2", {}, e.name),
      h("p", { class: "scoreline" }, badge(e.status), " ", h("span", { class: "sub" }, `${machine} · started ${dateTime(e.startDate)}${e.stopDate ? ` · stopped ${dateTime(e.stopDate)}` : ""}`)),
      e.error ? h("p", { class: "message error" }, `${e.error}: ${e.cause ?? ""}`) : null,
      h("div", { class: "execution" },
        h("section", { "aria-labelledby": "graph-h", class: "graph" },
          h("h3", { id: "graph-h" }, "Graph"),
          h("p", { class: "legend" }, h("span", { class: "key visited" }, "visited"), h("span", { class: "key current" }, "current"), h("span", { class: "key failed" }, "failed"), h("span", { class: "key" }, "not visited")),
          stateGraph(d.graph, d, `${machine} state machine: visited ${d.visited.join(", ") || "nothing yet"}${d.current.length ? `; now in ${d.current.join(", ")}` : ""}${d.failed.length ? `; failed in ${d.failed.join(", ")}` : ""}`),
          pre("Input", e.input), pre("Output", e.output)),
        h("section", { "aria-labelledby": "history-h", class: "history" },
          h("h3", { id: "history-h" }, "Event history"),
          d.clockSpeed !== null && d.clockSpeed !== 1 ? h("p", { class: "note" }, `Times are on the local cloud's clock, which runs at ${d.clockSpeed}× real time.`) : null,
          table(`${d.events.length} events`, ["ID", "Type", "Step", "Elapsed", "Details"], d.events.map((ev) => h("tr", { "data-event-type": ev.type },
            h("td", { class: "num" }, ev.id), h("td", {}, ev.type), h("td", {}, ev.state ?? ""), h("td", { class: "num" }, elapsed(ev.elapsedMs)), h("td", { class: "detail" }, ev.detail ?? ""))), { class: "history-table" }))));
  };
  return resourceView("Execution", "executions", draw, `executions/${encodeURIComponent(executionArn)}`);
}
