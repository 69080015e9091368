import type { ExecutionDetailResponse, StateVisit } from "../../src/api";
import { getJson } from "../api";
import { badge, dateTime, fill, h, message, table } from "../dom";
import { duration } from "../duration";
import { jsonTree } from "../json-tree";
import { stateGraph } from "../state-graph";
import type { View } from "../view";

const span = (from: string | null, to: string | null) => (from && to ? Date.parse(to) - Date.parse(from) : null);

/** The execution's own input and output, folded away under the graph. */
function payload(label: string, text: string | null): HTMLElement | null {
  return text ? h("details", { class: "payload" }, h("summary", {}, label), jsonTree(text, label)) : null;
}

/** A state's visit: when, how long, the error it failed with, its input and output as trees. */
function visitPanel(name: string, visits: StateVisit[], chosen: number, choose: (index: number) => void): HTMLElement {
  const visit = visits[chosen];
  const picker = visits.length > 1
    ? h("label", {}, "Visit ", h("select", { name: "visit", onchange: (e: Event) => choose(Number((e.target as HTMLSelectElement).value)) },
      ...visits.map((v, i) => h("option", { value: i, selected: i === chosen }, `${i + 1} of ${visits.length} · ${dateTime(v.enteredAt)}`))))
    : null;
  return h("div", { "data-visit": chosen },
    h("h4", {}, name),
    picker,
    h("dl", { class: "facts-list" },
      h("dt", {}, "Entered"), h("dd", {}, dateTime(visit.enteredAt)),
      h("dt", {}, "Exited"), h("dd", {}, visit.exitedAt ? dateTime(visit.exitedAt) : "not yet"),
      h("dt", {}, "Duration"), h("dd", { "data-duration": "" }, duration(visit.durationMs))),
    visit.error ? h("p", { class: "message error" }, visit.error) : null,
    h("h5", {}, "Input"), jsonTree(visit.input, "Input"),
    h("h5", {}, "Output"), jsonTree(visit.output, visit.exitedAt ? "Output" : "Output yet"));
}

/**
 * One execution: its graph with the states visited and current, each state's input
 * and output on a click (as the Step Functions console shows them), and its event
 * history. The chosen state stands in the address (?state=), so a link opens it.
 */
export function executionView(executionArn: string, params: URLSearchParams = new URLSearchParams()): View {
  let selected: string | null = params.get("state");
  let visit: number | null = null;
  let data: ExecutionDetailResponse | null = null;
  /** What the state panel shows now: redrawn only when it changes, so folds opened in it stay open. */
  let shown = "";
  const parts = { header: h("div"), graph: h("div"), state: h("section", { class: "state-panel", "aria-labelledby": "state-h", "aria-live": "polite" }), history: h("section", { "aria-labelledby": "history-h", class: "history" }) };

  const drawState = () => {
    if (!data) return;
    const visits = selected ? data.states[selected] : undefined;
    const index = visits ? Math.min(visit ?? visits.length - 1, visits.length - 1) : -1;
    const print = JSON.stringify([selected, index, visits?.[index]]);
    if (print === shown) return;
    shown = print;
    const title = h("h3", { id: "state-h" }, "State");
    if (!selected) return fill(parts.state, title, message("Choose a state in the graph to see its input and output."));
    if (!visits?.length) return fill(parts.state, title, h("h4", {}, selected), message(`${selected} has not run in this execution.`));
    fill(parts.state, title, visitPanel(selected, visits, index, (i) => {
      visit = i;
      drawState();
    }));
  };

  const select = (state: string) => {
    selected = state;
    visit = null;
    const [path] = location.hash.split("?");
    history.replaceState(null, "", `${path}?${new URLSearchParams({ state })}`);
    drawGraph();
    drawState();
    focusState(state);
  };

  /** Keeps the keyboard on a state across a redraw of the graph. */
  const focusState = (state: string | null) => {
    if (state) parts.graph.querySelector<SVGGElement>(`g[data-state="${CSS.escape(state)}"]`)?.focus();
  };

  const drawGraph = () => {
    const d = data!;
    const machine = d.execution.stateMachineArn.split(":").at(-1) ?? "";
    fill(parts.graph,
      h("h3", { id: "graph-h" }, "Graph"),
      h("p", { class: "legend" }, h("span", { class: "key visited" }, "visited"), h("span", { class: "key current" }, "current"), h("span", { class: "key failed" }, "failed"), h("span", { class: "key" }, "not visited")),
      stateGraph(d.graph, d, `${machine} state machine: visited ${d.visited.join(", ") || "nothing yet"}${d.current.length ? `; now in ${d.current.join(", ")}` : ""}${d.failed.length ? `; failed in ${d.failed.join(", ")}` : ""}. Choose a state to see its input and output.`, { selected, select }),
      payload("Execution input", d.execution.input), payload("Execution output", d.execution.output));
  };

  const draw = () => {
    const d = data!, e = d.execution;
    const machine = e.stateMachineArn.split(":").at(-1) ?? "";
    fill(parts.header,
      h("h2", {}, e.name),
      h("p", { class: "scoreline" }, badge(e.status), " ", h("span", { class: "sub" }, `${machine} · started ${dateTime(e.startDate)}${e.stopDate ? ` · stopped ${dateTime(e.stopDate)} · took ${duration(span(e.startDate, e.stopDate))}` : ""}`)),
      e.error ? h("p", { class: "message error" }, `${e.error}: ${e.cause ?? ""}`) : null);
    drawGraph();
    drawState();
    fill(parts.history,
      h("h3", { id: "history-h" }, "Event history"),
      d.clockSpeed !== null && d.clockSpeed !== 1 ? h("p", { class: "note" }, `Times are on the local cloud's clock, which runs at ${d.clockSpeed}× real time.`) : null,
      table(`${d.events.length} events`, ["ID", "Type", "Step", "Elapsed", "Details"], d.events.map((ev) => h("tr", { "data-event-type": ev.type },
        h("td", { class: "num" }, ev.id), h("td", {}, ev.type), h("td", {}, ev.state ?? ""), h("td", { class: "num" }, duration(ev.elapsedMs)), h("td", { class: "detail" }, ev.detail ?? ""))), { class: "history-table" }));
  };

  const load = async () => {
    data = await getJson<ExecutionDetailResponse>(`executions/${encodeURIComponent(executionArn)}`);
    // A failed execution opens on the state it failed in, unless the address chose one.
    if (selected === null && data.failed.length) selected = data.failed[0];
    const focused = document.activeElement instanceof SVGGElement ? document.activeElement.dataset.state ?? null : null;
    draw();
    focusState(focused);
  };

  return {
    title: "Execution",
    topics: ["executions"],
    async mount(main) {
      fill(main,
        h("p", {}, h("a", { href: "#/executions" }, "← Executions")),
        parts.header,
        h("div", { class: "execution" },
          h("div", { class: "graph-column" }, h("section", { "aria-labelledby": "graph-h", class: "graph" }, parts.graph), parts.state),
          parts.history));
      await load();
    },
    refresh: load,
  };
}
