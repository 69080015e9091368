// Generated from packages/console/web/*.ts by `npm run build -w @pricing/console`; do not edit.

// src/api.ts
var TOKEN_HEADER = "x-pricing-console-token";
var TOKEN_META = "pricing-console-token";
var STATE_MACHINES = ["Lifecycle", "PriceMatch"];
var EXECUTION_STATUSES = ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"];

// web/api.ts
var ApiError = class extends Error {
  constructor(status, code, message2) {
    super(message2);
    this.status = status;
    this.code = code;
  }
  status;
  code;
  name = "ApiError";
};
var token = () => document.querySelector(`meta[name="${TOKEN_META}"]`)?.content ?? "";
async function parse(response) {
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, body.error ?? "error", body.message ?? response.statusText);
  return body;
}
var getJson = async (path) => parse(await fetch(`/console/api/${path}`, { headers: { accept: "application/json" } }));
var postJson = async (path, body = {}) => parse(await fetch(`/console/api/${path}`, {
  method: "POST",
  headers: { accept: "application/json", "content-type": "application/json", [TOKEN_HEADER]: token() },
  body: JSON.stringify(body)
}));

// web/dom.ts
function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === "function") element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, "");
    else if (value !== false && value !== null && value !== void 0) element.setAttribute(name, String(value));
  }
  append(element, children);
  return element;
}
var SVG_NS = "http://www.w3.org/2000/svg";
function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  append(element, children);
  return element;
}
function append(parent, children) {
  for (const child of children) {
    if (child === null || child === void 0 || child === false) continue;
    parent.append(typeof child === "number" ? String(child) : child);
  }
}
function fill(parent, ...children) {
  parent.replaceChildren();
  append(parent, children);
}
var odds = (x) => x === null || x === void 0 ? "\u2013" : x.toFixed(2);
var percent = (p, digits = 1) => p === null || p === void 0 ? "\u2013" : `${(p * 100).toFixed(digits)}%`;
var ms = (x) => x === null || x === void 0 || Number.isNaN(x) ? "\u2013" : x < 10 ? `${x.toFixed(2)} ms` : `${Math.round(x)} ms`;
var usd = (x) => x === 0 ? "$0" : x < 0.01 ? `$${x.toPrecision(2)}` : `$${x.toFixed(2)}`;
var count = (x) => x.toLocaleString("en-GB", { maximumFractionDigits: 2 });
function time(iso) {
  if (!iso) return "\u2013";
  const d = new Date(iso);
  return d.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}
function dateTime(iso) {
  if (!iso) return "\u2013";
  const d = new Date(iso);
  return `${d.toLocaleDateString("en-GB", { day: "2-digit", month: "short" })} ${time(iso)}`;
}
function table(caption, headers, rows, attributes = {}) {
  return h(
    "table",
    attributes,
    h("caption", {}, caption),
    h("thead", {}, h("tr", {}, ...headers.map((text) => h("th", { scope: "col" }, text)))),
    h("tbody", {}, ...rows)
  );
}
function badge(text, tone) {
  return h("span", { class: `badge ${tone ?? text.toLowerCase().replace(/[^a-z]+/g, "-")}` }, text);
}
function message(text, tone = "info") {
  return h("p", { class: `message ${tone}`, role: tone === "error" ? "alert" : null }, text);
}

// web/view.ts
function resourceView(title, topic, draw, path = topic) {
  let main2;
  const load = async () => draw(main2, await getJson(path));
  return {
    title,
    topics: [topic],
    async mount(element) {
      main2 = element;
      await load();
    },
    refresh: load
  };
}

// web/views/cost.ts
function costView() {
  return resourceView("Cost", "cost", (main2, d) => {
    fill(
      main2,
      h("h2", {}, "Cost"),
      h(
        "p",
        { class: "total" },
        h("span", { class: "big", "data-total": "" }, usd(d.totalUsd)),
        ` for ${d.matches} matches`,
        d.perMatchUsd !== null ? `, ${usd(d.perMatchUsd)} per match` : ""
      ),
      h("p", { class: "note" }, `Projected AWS cost, ${d.basis}.`),
      h(
        "div",
        { class: "two-col" },
        table("Per day", ["Day", "Matches", "Cost"], d.days.map((x) => h("tr", {}, h("th", { scope: "row" }, x.day), h("td", { class: "num" }, x.matches), h("td", { class: "num" }, usd(x.usd))))),
        table("Per match", ["Match", "Cost"], d.byMatch.map((x) => h("tr", {}, h("th", { scope: "row" }, h("a", { href: `#/matches/${encodeURIComponent(x.matchId)}` }, x.label), h("div", { class: "sub mono" }, x.matchId)), h("td", { class: "num" }, usd(x.usd)))))
      ),
      table("Per billed item", ["Service", "Item", "Quantity", "Unit", "Cost"], d.lines.map((l) => h(
        "tr",
        {},
        h("td", {}, l.service),
        h("td", {}, l.item),
        h("td", { class: "num" }, count(l.quantity)),
        h("td", {}, l.unit),
        h("td", { class: "num" }, usd(l.usd))
      )))
    );
  });
}

// web/duration.ts
function duration(ms2) {
  if (ms2 === null || ms2 === void 0 || !Number.isFinite(ms2) || ms2 < 0) return "\u2013";
  if (ms2 < 6e4) {
    const whole = Math.round(ms2);
    if (whole < 6e4) return `0:00:${(whole / 1e3).toFixed(3).padStart(6, "0")}`;
  }
  const seconds = Math.round(ms2 / 1e3);
  const h2 = Math.floor(seconds / 3600), m = Math.floor(seconds % 3600 / 60), s = seconds % 60;
  return `${h2}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}`;
}

// web/json-tree.ts
var SHOWN = 200;
var preview = (value) => Array.isArray(value) ? `[${value.length}]` : `{${Object.keys(value).length}}`;
function leaf(value) {
  const kind = value === null ? "null" : typeof value;
  return h("span", { class: `json-${kind}` }, typeof value === "string" ? JSON.stringify(value) : String(value));
}
function node(key, value, depth) {
  const label = key === null ? null : h("span", { class: "json-key" }, `${key}: `);
  if (value === null || typeof value !== "object") return h("div", { class: "json-leaf" }, label, leaf(value));
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  if (entries.length === 0) return h("div", { class: "json-leaf" }, label, Array.isArray(value) ? "[]" : "{}");
  const children = entries.slice(0, SHOWN).map(([k, v]) => node(k, v, depth + 1));
  const more = entries.length > SHOWN ? h("div", { class: "json-leaf sub" }, `\u2026 ${entries.length - SHOWN} more`) : null;
  return h(
    "details",
    { class: "json-node", open: depth < 2 },
    h("summary", {}, label, h("span", { class: "json-preview" }, preview(value))),
    h("div", { class: "json-children" }, ...children, more)
  );
}
function jsonTree(text, label) {
  if (text === null) return h("p", { class: "sub" }, `No ${label.toLowerCase()}.`);
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return h("pre", { "aria-label": label }, text);
  }
  return h("div", { class: "json-tree", role: "group", "aria-label": label }, node(null, value, 0));
}

// web/state-graph.ts
var PAD = 16;
function stateClass(name, progress) {
  if (progress.failed.includes(name)) return "state failed";
  if (progress.current.includes(name)) return "state current";
  if (progress.visited.includes(name)) return "state visited";
  return "state";
}
function stateWord(name, progress) {
  if (progress.failed.includes(name)) return "failed";
  if (progress.current.includes(name)) return "current";
  if (progress.visited.includes(name)) return "visited";
  return "not visited";
}
function drawGraph(group, graph, progress, dx, dy, choice) {
  for (const edge of graph.edges) {
    const siblings = graph.edges.filter((e) => e.from === edge.from);
    const leftOfCentre = siblings.length > 1 && siblings.indexOf(edge) < siblings.length / 2;
    const taken = progress.visited.includes(edge.from) && progress.visited.includes(edge.to);
    const d = edge.points.map(([x, y], i) => `${i === 0 ? "M" : "L"}${x + dx},${y + dy}`).join("");
    group.append(svg("path", { d, class: `edge${taken ? " taken" : ""}`, "marker-end": "url(#arrow)" }));
    if (edge.label) {
      const [x, y] = edge.points[0];
      const text = edge.label.length > 30 ? `${edge.label.slice(0, 29)}\u2026` : edge.label;
      const at = leftOfCentre ? { x: x + dx - 3, "text-anchor": "end" } : { x: x + dx + 3 };
      group.append(svg("text", { ...at, y: y + dy + 13, class: "edge-label" }, svg("title", {}, edge.label), text));
    }
  }
  for (const node2 of graph.nodes) drawNode(group, node2, progress, dx, dy, choice);
}
function choosable(g, name, choice) {
  const selected = choice.selected === name;
  g.setAttribute("tabindex", "0");
  g.setAttribute("role", "button");
  g.setAttribute("aria-pressed", String(selected));
  if (selected) g.classList.add("selected");
  g.addEventListener("click", (event) => {
    event.stopPropagation();
    choice.select(name);
  });
  g.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault();
    event.stopPropagation();
    choice.select(name);
  });
}
function drawNode(group, node2, progress, dx, dy, choice) {
  const x = node2.x + dx, y = node2.y + dy;
  const g = svg("g", { class: stateClass(node2.name, progress), "data-state": node2.name, "data-progress": stateWord(node2.name, progress) });
  g.append(svg("title", {}, `${node2.name} (${node2.type}): ${stateWord(node2.name, progress)}`));
  if (choice) choosable(g, node2.name, choice);
  const round2 = node2.type === "Succeed" || node2.type === "Fail" ? 17 : node2.type === "Choice" ? 4 : 6;
  g.append(svg("rect", { x, y, width: node2.width, height: node2.height, rx: round2, class: node2.children ? "container" : "" }));
  const label = svg("text", { x: x + node2.width / 2, y: node2.children ? y + 17 : y + node2.height / 2 + 4, "text-anchor": "middle" }, node2.name);
  g.append(label);
  group.append(g);
  if (node2.children) drawGraph(group, node2.children, progress, x + (node2.width - node2.children.width) / 2, y + 26, choice);
}
function stateGraph(graph, progress, label, choice) {
  const width = graph.width + 2 * PAD, height = graph.height + 2 * PAD;
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: choice ? "group" : "img", "aria-label": label, class: "state-graph" });
  root.append(svg("defs", {}, svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" }, svg("path", { d: "M0,0 L10,5 L0,10 z", class: "arrow-head" }))));
  const group = svg("g");
  drawGraph(group, graph, progress, PAD, PAD, choice);
  root.append(group);
  return root;
}

// web/views/execution.ts
var span = (from, to) => from && to ? Date.parse(to) - Date.parse(from) : null;
function payload(label, text) {
  return text ? h("details", { class: "payload" }, h("summary", {}, label), jsonTree(text, label)) : null;
}
function visitPanel(name, visits, chosen, choose) {
  const visit = visits[chosen];
  const picker = visits.length > 1 ? h("label", {}, "Visit ", h(
    "select",
    { name: "visit", onchange: (e) => choose(Number(e.target.value)) },
    ...visits.map((v, i) => h("option", { value: i, selected: i === chosen }, `${i + 1} of ${visits.length} \xB7 ${dateTime(v.enteredAt)}`))
  )) : null;
  return h(
    "div",
    { "data-visit": chosen },
    h("h4", {}, name),
    picker,
    h(
      "dl",
      { class: "facts-list" },
      h("dt", {}, "Entered"),
      h("dd", {}, dateTime(visit.enteredAt)),
      h("dt", {}, "Exited"),
      h("dd", {}, visit.exitedAt ? dateTime(visit.exitedAt) : "not yet"),
      h("dt", {}, "Duration"),
      h("dd", { "data-duration": "" }, duration(visit.durationMs))
    ),
    visit.error ? h("p", { class: "message error" }, visit.error) : null,
    h("h5", {}, "Input"),
    jsonTree(visit.input, "Input"),
    h("h5", {}, "Output"),
    jsonTree(visit.output, visit.exitedAt ? "Output" : "Output yet")
  );
}
function executionView(executionArn, params = new URLSearchParams()) {
  let selected = params.get("state");
  let visit = null;
  let data2 = null;
  let shown = "";
  const parts2 = { header: h("div"), graph: h("div"), state: h("section", { class: "state-panel", "aria-labelledby": "state-h", "aria-live": "polite" }), history: h("section", { "aria-labelledby": "history-h", class: "history" }) };
  const drawState = () => {
    if (!data2) return;
    const visits = selected ? data2.states[selected] : void 0;
    const index = visits ? Math.min(visit ?? visits.length - 1, visits.length - 1) : -1;
    const print = JSON.stringify([selected, index, visits?.[index]]);
    if (print === shown) return;
    shown = print;
    const title = h("h3", { id: "state-h" }, "State");
    if (!selected) return fill(parts2.state, title, message("Choose a state in the graph to see its input and output."));
    if (!visits?.length) return fill(parts2.state, title, h("h4", {}, selected), message(`${selected} has not run in this execution.`));
    fill(parts2.state, title, visitPanel(selected, visits, index, (i) => {
      visit = i;
      drawState();
    }));
  };
  const select = (state) => {
    selected = state;
    visit = null;
    const [path] = location.hash.split("?");
    history.replaceState(null, "", `${path}?${new URLSearchParams({ state })}`);
    drawGraph2();
    drawState();
    focusState(state);
  };
  const focusState = (state) => {
    if (state) parts2.graph.querySelector(`g[data-state="${CSS.escape(state)}"]`)?.focus();
  };
  const drawGraph2 = () => {
    const d = data2;
    const machine = d.execution.stateMachineArn.split(":").at(-1) ?? "";
    fill(
      parts2.graph,
      h("h3", { id: "graph-h" }, "Graph"),
      h("p", { class: "legend" }, h("span", { class: "key visited" }, "visited"), h("span", { class: "key current" }, "current"), h("span", { class: "key failed" }, "failed"), h("span", { class: "key" }, "not visited")),
      stateGraph(d.graph, d, `${machine} state machine: visited ${d.visited.join(", ") || "nothing yet"}${d.current.length ? `; now in ${d.current.join(", ")}` : ""}${d.failed.length ? `; failed in ${d.failed.join(", ")}` : ""}. Choose a state to see its input and output.`, { selected, select }),
      payload("Execution input", d.execution.input),
      payload("Execution output", d.execution.output)
    );
  };
  const draw = () => {
    const d = data2, e = d.execution;
    const machine = e.stateMachineArn.split(":").at(-1) ?? "";
    fill(
      parts2.header,
      h("h2", {}, e.name),
      h("p", { class: "scoreline" }, badge(e.status), " ", h("span", { class: "sub" }, `${machine} \xB7 started ${dateTime(e.startDate)}${e.stopDate ? ` \xB7 stopped ${dateTime(e.stopDate)} \xB7 took ${duration(span(e.startDate, e.stopDate))}` : ""}`)),
      e.error ? h("p", { class: "message error" }, `${e.error}: ${e.cause ?? ""}`) : null
    );
    drawGraph2();
    drawState();
    fill(
      parts2.history,
      h("h3", { id: "history-h" }, "Event history"),
      d.clockSpeed !== null && d.clockSpeed !== 1 ? h("p", { class: "note" }, `Times are on the local cloud's clock, which runs at ${d.clockSpeed}\xD7 real time.`) : null,
      table(`${d.events.length} events`, ["ID", "Type", "Step", "Elapsed", "Details"], d.events.map((ev) => h(
        "tr",
        { "data-event-type": ev.type },
        h("td", { class: "num" }, ev.id),
        h("td", {}, ev.type),
        h("td", {}, ev.state ?? ""),
        h("td", { class: "num" }, duration(ev.elapsedMs)),
        h("td", { class: "detail" }, ev.detail ?? "")
      )), { class: "history-table" })
    );
  };
  const load = async () => {
    data2 = await getJson(`executions/${encodeURIComponent(executionArn)}`);
    if (selected === null && data2.failed.length) selected = data2.failed[0];
    const focused = document.activeElement instanceof SVGGElement ? document.activeElement.dataset.state ?? null : null;
    draw();
    focusState(focused);
  };
  return {
    title: "Execution",
    topics: ["executions"],
    async mount(main2) {
      fill(
        main2,
        h("p", {}, h("a", { href: "#/executions" }, "\u2190 Executions")),
        parts2.header,
        h(
          "div",
          { class: "execution" },
          h("div", { class: "graph-column" }, h("section", { "aria-labelledby": "graph-h", class: "graph" }, parts2.graph), parts2.state),
          parts2.history
        )
      );
      await load();
    },
    refresh: load
  };
}

// web/views/executions.ts
var minute = (seconds) => `${Math.floor(seconds / 60)}'${String(seconds % 60).padStart(2, "0")}`;
var FILTERS = ["machine", "match", "status", "error"];
var statusWord = (status) => status.toLowerCase().replace("_", " ");
function row(r) {
  const link = r.executionArn ? h("a", { href: `#/executions/${encodeURIComponent(r.executionArn)}`, "aria-label": `${r.machine} execution ${r.title}${r.matchName ? ` of ${r.matchName}` : ""}: ${statusWord(r.status)}` }, r.title) : h("span", { title: "Its execution is not kept: the run is known by the prices it published" }, r.title);
  const run = r.run;
  return h(
    "tr",
    { "data-machine": r.machine, "data-status": r.status, "data-match-id": r.matchId ?? "", ...run ? { "data-run": `${run.matchId}:${run.priceVersion}` } : {}, ...r.machine === "Lifecycle" ? { "data-execution": r.title } : {} },
    h("td", {}, r.matchId ? h("a", { href: `#/matches/${encodeURIComponent(r.matchId)}` }, r.matchName ?? r.matchId) : "\u2013"),
    h("td", {}, r.machine),
    h("td", { class: "run" }, link),
    h("td", {}, badge(statusWord(r.status), r.status.toLowerCase().replace("_", "-"))),
    h("td", {}, dateTime(r.startDate)),
    h("td", { class: "num", "data-duration": "" }, duration(r.durationMs)),
    h("td", { class: "num" }, run ? `${run.priceVersion}${run.clockSeconds ? ` \xB7 ${minute(run.clockSeconds)}` : ""}` : "\u2013"),
    h("td", {}, r.errors.length ? badge(r.errors.join(", "), "failed") : run?.failedGroups.length ? "" : "none")
  );
}
var choices = (values, chosen, all) => {
  const known = values.some(([v]) => v === chosen) || chosen === "" ? values : [...values, [chosen, chosen]];
  return [h("option", { value: "", selected: chosen === "" }, all), ...known.map(([v, label]) => h("option", { value: v, selected: v === chosen }, label))];
};
function executionsView(params = new URLSearchParams()) {
  const filter = { machine: params.get("machine") ?? "", match: params.get("match") ?? "", status: params.get("status") ?? "", error: params.get("error") ?? "" };
  let next = params.get("next") ?? "";
  const selects = Object.fromEntries(FILTERS.map((k) => [k, h("select", { name: k, "aria-label": { machine: "State machine", match: "Match", status: "Status", error: "Failure" }[k] })]));
  const form = h(
    "form",
    { class: "filters", role: "search", "aria-label": "Filter executions" },
    h("label", {}, "Match ", selects.match),
    h("label", {}, "State machine ", selects.machine),
    h("label", {}, "Status ", selects.status),
    h("label", {}, "Failure ", selects.error)
  );
  const results = h("div", { class: "results" });
  const query2 = (page) => {
    const q = new URLSearchParams();
    for (const k of FILTERS) if (filter[k]) q.set(k, filter[k]);
    if (page) q.set("next", page);
    return q.toString();
  };
  const address = (page) => `#/executions${query2(page) ? `?${query2(page)}` : ""}`;
  const draw = (d) => {
    fill(selects.match, ...choices(d.matches.map((m) => [m.matchId, m.kickoff ? `${m.name}, ${m.kickoff.slice(0, 10)}` : m.name]), filter.match, "All matches"));
    fill(selects.machine, ...choices(STATE_MACHINES.map((m) => [m, m]), filter.machine, "Both"));
    fill(selects.status, ...choices(EXECUTION_STATUSES.map((s) => [s, statusWord(s)]), filter.status, "Any status"));
    fill(selects.error, ...choices(d.errors.map((e) => [e, e]), filter.error, "Any or none"));
    const from = d.total === 0 ? 0 : 1;
    fill(
      results,
      h("p", { class: "note" }, `PriceMatch runs: ${d.pricing.source}.${d.clockSpeed !== null && d.clockSpeed !== 1 ? ` Lifecycle times and durations are on the local cloud's clock (${d.clockSpeed}\xD7 real time); PriceMatch durations are real time.` : ""}`),
      d.executions.length === 0 ? message(d.total === 0 && !FILTERS.some((k) => filter[k]) ? "No executions yet." : next ? "No more executions." : "No execution passes the filters.") : h(
        "table",
        { class: "executions" },
        h("caption", {}, `${next ? "Older executions" : `Executions ${from}\u2013${d.executions.length}`} of ${d.total}, newest first`),
        h("thead", {}, h("tr", {}, ...["Match", "State machine", "Execution", "Status", "Started", "Duration", "Price version \xB7 clock", "Failure"].map((t) => h("th", { scope: "col" }, t)))),
        h("tbody", {}, ...d.executions.map(row))
      ),
      h(
        "nav",
        { class: "pager", "aria-label": "Pages" },
        next ? h("a", { href: address(""), "data-page": "first" }, "\u2190 Newest") : null,
        d.next ? h("a", { href: address(d.next), "data-page": "next" }, "Older \u2192") : null
      )
    );
  };
  const load = async () => draw(await getJson(`executions${query2(next) ? `?${query2(next)}` : ""}`));
  const changed = () => {
    for (const k of FILTERS) filter[k] = selects[k].value;
    next = "";
    history.replaceState(null, "", address(""));
    void load().catch((error) => fill(results, message(`Could not read the executions: ${error instanceof Error ? error.message : String(error)}`, "error")));
  };
  for (const k of FILTERS) selects[k].addEventListener("change", changed);
  form.addEventListener("submit", (event) => event.preventDefault());
  return {
    title: "Executions",
    topics: ["executions"],
    async mount(main2) {
      fill(main2, h("h2", {}, "Executions"), form, results);
      await load();
    },
    refresh: load
  };
}

// web/scoreboard.ts
var sportName = (sport) => sport ? sport.charAt(0).toUpperCase() + sport.slice(1) : "\u2013";
function fixtureFacts(m) {
  return [sportName(m.sport), m.competition ?? "", ...m.scoreboard?.details ?? []].filter((x) => x !== "");
}
function scoreboard(board, title) {
  const head = h(
    "tr",
    {},
    h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Side")),
    ...board.columns.map((c) => h("th", { scope: "col", class: `num ${c.kind}` }, c.label))
  );
  const rows = board.rows.map((row4, i) => h(
    "tr",
    { "data-side": i, "data-serving": row4.serving ? "true" : "false" },
    h(
      "th",
      { scope: "row" },
      row4.name,
      row4.serving ? h("span", { class: "serve", title: "serving", "aria-label": "serving", role: "img" }, "\u25CF") : null
    ),
    ...row4.cells.map((cell, k) => h("td", { class: `num ${board.columns[k]?.kind ?? ""}`, "data-column": board.columns[k]?.label ?? "" }, cell))
  ));
  return h(
    "div",
    { class: "board", "data-scoreboard": "" },
    h(
      "table",
      { class: "scoreboard" },
      h("caption", {}, title, " ", badge(board.statusText, board.status === "suspended" ? "suspended" : board.status), board.note ? h("span", { class: "note-badge" }, board.note) : null),
      h("thead", {}, head),
      h("tbody", {}, ...rows)
    )
  );
}

// web/zone-time.ts
var viewerZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
var parts = (iso, options2) => new Intl.DateTimeFormat("en-GB", { timeZone: viewerZone(), ...options2 }).format(new Date(iso));
function zoneTime(iso) {
  if (!iso || Number.isNaN(Date.parse(iso))) return "\u2013";
  return parts(iso, { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
}
function zoneDate(iso) {
  if (!iso || Number.isNaN(Date.parse(iso))) return "\u2013";
  return parts(iso, { weekday: "short", day: "numeric", month: "short", year: "numeric" });
}
function zoneClock(iso) {
  if (!iso || Number.isNaN(Date.parse(iso))) return "\u2013";
  return parts(iso, { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" });
}

// web/names.ts
var GROUP_NAMES = {
  "match-result": "Match result",
  totals: "Total goals",
  handicap: "Asian handicap",
  "correct-score": "Correct score",
  goals: "Goals",
  "next-goal": "Next goal",
  "half-time": "Half time",
  "second-half": "Second half"
};
var groupName = (group) => GROUP_NAMES[group] ?? group.replaceAll("-", " ").replace(/^./, (c) => c.toUpperCase());

// web/views/ladder.ts
var overroundText = (x) => x === null ? "" : `overround ${(x * 100).toFixed(1)}%`;
function priceCells(market, s, suspended) {
  if (s.outcome) {
    return [h("td", { colspan: 3, class: "outcome", "data-outcome": s.outcome }, badge(s.outcome.replace("-", " "), `outcome-${s.outcome}`))];
  }
  const offered = suspended || market.status === "suspended" ? h("td", { class: "num offered suspended-price", "data-suspended": "" }, "suspended") : h("td", { class: "num offered" }, s.odds === null ? "not offered" : odds(s.odds));
  return [
    h("td", { class: "num" }, percent(s.probability, 2)),
    h("td", { class: "num" }, s.fairOdds === null ? "off the scale" : odds(s.fairOdds)),
    offered
  ];
}
function marketHead(m) {
  const status = m.status === "settled" ? "settled" : m.status === "decided" ? "decided" : m.status === "suspended" ? "suspended: no price within the margin" : null;
  return h(
    "th",
    { scope: "rowgroup", rowspan: m.selections.length, "data-market": m.id, ...m.overround !== null ? { "data-overround": m.overround } : {} },
    m.label,
    m.overround !== null ? h("div", { class: "sub overround" }, overroundText(m.overround)) : null,
    status ? h("div", { class: "sub market-status" }, status) : null
  );
}
function ladderGroup(g, open) {
  const suspended = g.suspendedBy !== null;
  const rows = g.markets.flatMap((m) => m.selections.map((s, i) => h(
    "tr",
    { "data-selection": s.key },
    i === 0 ? marketHead(m) : null,
    h("td", { "data-key": s.key }, s.name),
    ...priceCells(m, s, suspended)
  )));
  return h(
    "details",
    { open, "data-group": g.group, "data-suspended": suspended ? g.suspendedBy : null },
    h("summary", {}, groupName(g.group), " ", suspended ? badge(`suspended: ${g.suspendedBy}`, "suspended") : h("span", { class: "sub" }, `${g.markets.length} ${g.markets.length === 1 ? "market" : "markets"}`)),
    g.markets.length ? table(`${groupName(g.group)}: fair and offered odds`, ["Market", "Selection", "Probability", "Fair odds", "Offered odds"], rows, { class: "ladder" }) : message("No markets offered.")
  );
}
var Ladder = class {
  element = h("section", { "aria-labelledby": "ladder-h" });
  /** The groups open: the headline group (the first) until the trader opens or closes one. */
  openGroups = /* @__PURE__ */ new Set();
  first = true;
  draw(ladder, at) {
    if (this.first && ladder?.groups[0]) {
      this.first = false;
      this.openGroups.add(ladder.groups[0].group);
    }
    for (const el of this.element.querySelectorAll("details[data-group]")) {
      if (el.open) this.openGroups.add(el.dataset.group);
      else this.openGroups.delete(el.dataset.group);
    }
    const when = at ? `as it stood at ${zoneTime(at)}` : "now";
    this.element.replaceChildren(
      h("h3", { id: "ladder-h" }, "Price ladder"),
      ...ladder ? [h("p", { class: "sub", "data-ladder-at": at ?? "live" }, `${when}: price version ${ladder.priceVersion}, priced at ${zoneTime(ladder.asOf)}`), ...ladder.groups.map((g) => ladderGroup(g, this.openGroups.has(g.group)))] : [message(at ? `No prices yet at ${zoneTime(at)}.` : "No prices yet.")]
    );
  }
};

// ../../node_modules/uplot/dist/uPlot.esm.js
var FEAT_TIME = true;
var pre = "u-";
var UPLOT = "uplot";
var ORI_HZ = pre + "hz";
var ORI_VT = pre + "vt";
var TITLE = pre + "title";
var WRAP = pre + "wrap";
var UNDER = pre + "under";
var OVER = pre + "over";
var AXIS = pre + "axis";
var OFF = pre + "off";
var SELECT = pre + "select";
var CURSOR_X = pre + "cursor-x";
var CURSOR_Y = pre + "cursor-y";
var CURSOR_PT = pre + "cursor-pt";
var LEGEND = pre + "legend";
var LEGEND_LIVE = pre + "live";
var LEGEND_INLINE = pre + "inline";
var LEGEND_SERIES = pre + "series";
var LEGEND_MARKER = pre + "marker";
var LEGEND_LABEL = pre + "label";
var LEGEND_VALUE = pre + "value";
var WIDTH = "width";
var HEIGHT = "height";
var TOP = "top";
var BOTTOM = "bottom";
var LEFT = "left";
var RIGHT = "right";
var hexBlack = "#000";
var transparent = hexBlack + "0";
var mousemove = "mousemove";
var mousedown = "mousedown";
var mouseup = "mouseup";
var mouseenter = "mouseenter";
var mouseleave = "mouseleave";
var dblclick = "dblclick";
var resize = "resize";
var scroll = "scroll";
var change = "change";
var dppxchange = "dppxchange";
var LEGEND_DISP = "--";
var domEnv = typeof window != "undefined";
var doc = domEnv ? document : null;
var win = domEnv ? window : null;
var nav = domEnv ? navigator : null;
var pxRatio;
var query;
function setPxRatio() {
  let _pxRatio = devicePixelRatio;
  if (pxRatio != _pxRatio) {
    pxRatio = _pxRatio;
    query && off(change, query, setPxRatio);
    query = matchMedia(`(min-resolution: ${pxRatio - 1e-3}dppx) and (max-resolution: ${pxRatio + 1e-3}dppx)`);
    on(change, query, setPxRatio);
    win.dispatchEvent(new CustomEvent(dppxchange));
  }
}
function addClass(el, c) {
  if (c != null) {
    let cl = el.classList;
    !cl.contains(c) && cl.add(c);
  }
}
function remClass(el, c) {
  let cl = el.classList;
  cl.contains(c) && cl.remove(c);
}
function setStylePx(el, name, value) {
  el.style[name] = value + "px";
}
function placeTag(tag, cls, targ, refEl) {
  let el = doc.createElement(tag);
  if (cls != null)
    addClass(el, cls);
  if (targ != null)
    targ.insertBefore(el, refEl);
  return el;
}
function placeDiv(cls, targ) {
  return placeTag("div", cls, targ);
}
var xformCache = /* @__PURE__ */ new WeakMap();
function elTrans(el, xPos, yPos, xMax, yMax) {
  let xform = "translate(" + xPos + "px," + yPos + "px)";
  let xformOld = xformCache.get(el);
  if (xform != xformOld) {
    el.style.transform = xform;
    xformCache.set(el, xform);
    if (xPos < 0 || yPos < 0 || xPos > xMax || yPos > yMax)
      addClass(el, OFF);
    else
      remClass(el, OFF);
  }
}
var colorCache = /* @__PURE__ */ new WeakMap();
function elColor(el, background, borderColor) {
  let newColor = background + borderColor;
  let oldColor = colorCache.get(el);
  if (newColor != oldColor) {
    colorCache.set(el, newColor);
    el.style.background = background;
    el.style.borderColor = borderColor;
  }
}
var sizeCache = /* @__PURE__ */ new WeakMap();
function elSize(el, newWid, newHgt, centered) {
  let newSize = newWid + "" + newHgt;
  let oldSize = sizeCache.get(el);
  if (newSize != oldSize) {
    sizeCache.set(el, newSize);
    el.style.height = newHgt + "px";
    el.style.width = newWid + "px";
    el.style.marginLeft = centered ? -newWid / 2 + "px" : 0;
    el.style.marginTop = centered ? -newHgt / 2 + "px" : 0;
  }
}
var evOpts = { passive: true };
var evOpts2 = { ...evOpts, capture: true };
function on(ev, el, cb, capt) {
  el.addEventListener(ev, cb, capt ? evOpts2 : evOpts);
}
function off(ev, el, cb, capt) {
  el.removeEventListener(ev, cb, evOpts);
}
domEnv && setPxRatio();
function closestIdx(num, arr, lo, hi) {
  let mid;
  lo = lo || 0;
  hi = hi || arr.length - 1;
  let bitwise = hi <= 2147483647;
  while (hi - lo > 1) {
    mid = bitwise ? lo + hi >> 1 : floor((lo + hi) / 2);
    if (arr[mid] < num)
      lo = mid;
    else
      hi = mid;
  }
  if (num - arr[lo] <= arr[hi] - num)
    return lo;
  return hi;
}
function makeIndexOfs(predicate) {
  let indexOfs = (data2, _i0, _i1) => {
    let i0 = -1;
    let i1 = -1;
    for (let i = _i0; i <= _i1; i++) {
      if (predicate(data2[i])) {
        i0 = i;
        break;
      }
    }
    for (let i = _i1; i >= _i0; i--) {
      if (predicate(data2[i])) {
        i1 = i;
        break;
      }
    }
    return [i0, i1];
  };
  return indexOfs;
}
var notNullish = (v) => v != null;
var isPositive = (v) => v != null && v > 0;
var nonNullIdxs = makeIndexOfs(notNullish);
var positiveIdxs = makeIndexOfs(isPositive);
function getMinMax(data2, _i0, _i1, sorted = 0, log = false) {
  let getEdgeIdxs = log ? positiveIdxs : nonNullIdxs;
  let predicate = log ? isPositive : notNullish;
  [_i0, _i1] = getEdgeIdxs(data2, _i0, _i1);
  let _min = data2[_i0];
  let _max = data2[_i0];
  if (_i0 > -1) {
    if (sorted == 1) {
      _min = data2[_i0];
      _max = data2[_i1];
    } else if (sorted == -1) {
      _min = data2[_i1];
      _max = data2[_i0];
    } else {
      for (let i = _i0; i <= _i1; i++) {
        let v = data2[i];
        if (predicate(v)) {
          if (v < _min)
            _min = v;
          else if (v > _max)
            _max = v;
        }
      }
    }
  }
  return [_min ?? inf, _max ?? -inf];
}
function rangeLog(min2, max2, base, fullMags) {
  let minSign = sign(min2);
  let maxSign = sign(max2);
  if (min2 == max2) {
    if (minSign == -1) {
      min2 *= base;
      max2 /= base;
    } else {
      min2 /= base;
      max2 *= base;
    }
  }
  let logFn = base == 10 ? log10 : log2;
  let growMinAbs = minSign == 1 ? floor : ceil;
  let growMaxAbs = maxSign == 1 ? ceil : floor;
  let minExp = growMinAbs(logFn(abs(min2)));
  let maxExp = growMaxAbs(logFn(abs(max2)));
  let minIncr = pow(base, minExp);
  let maxIncr = pow(base, maxExp);
  if (base == 10) {
    if (minExp < 0)
      minIncr = roundDec(minIncr, -minExp);
    if (maxExp < 0)
      maxIncr = roundDec(maxIncr, -maxExp);
  }
  if (fullMags || base == 2) {
    min2 = minIncr * minSign;
    max2 = maxIncr * maxSign;
  } else {
    min2 = incrRoundDn(min2, minIncr);
    max2 = incrRoundUp(max2, maxIncr);
  }
  return [min2, max2];
}
function rangeAsinh(min2, max2, base, fullMags) {
  let minMax = rangeLog(min2, max2, base, fullMags);
  if (min2 == 0)
    minMax[0] = 0;
  if (max2 == 0)
    minMax[1] = 0;
  return minMax;
}
var rangePad = 0.1;
var autoRangePart = {
  mode: 3,
  pad: rangePad
};
var _eqRangePart = {
  pad: 0,
  soft: null,
  mode: 0
};
var _eqRange = {
  min: _eqRangePart,
  max: _eqRangePart
};
function rangeNum(_min, _max, mult, extra) {
  if (isObj(mult))
    return _rangeNum(_min, _max, mult);
  _eqRangePart.pad = mult;
  _eqRangePart.soft = extra ? 0 : null;
  _eqRangePart.mode = extra ? 3 : 0;
  return _rangeNum(_min, _max, _eqRange);
}
function ifNull(lh, rh) {
  return lh == null ? rh : lh;
}
function hasData(data2, idx0, idx1) {
  idx0 = ifNull(idx0, 0);
  idx1 = ifNull(idx1, data2.length - 1);
  while (idx0 <= idx1) {
    if (data2[idx0] != null)
      return true;
    idx0++;
  }
  return false;
}
function _rangeNum(_min, _max, cfg) {
  let cmin = cfg.min;
  let cmax = cfg.max;
  let padMin = ifNull(cmin.pad, 0);
  let padMax = ifNull(cmax.pad, 0);
  let hardMin = ifNull(cmin.hard, -inf);
  let hardMax = ifNull(cmax.hard, inf);
  let softMin = ifNull(cmin.soft, inf);
  let softMax = ifNull(cmax.soft, -inf);
  let softMinMode = ifNull(cmin.mode, 0);
  let softMaxMode = ifNull(cmax.mode, 0);
  let delta = _max - _min;
  let deltaMag = log10(delta);
  let scalarMax = max(abs(_min), abs(_max));
  let scalarMag = log10(scalarMax);
  let scalarMagDelta = abs(scalarMag - deltaMag);
  if (delta < 1e-24 || scalarMagDelta > 10) {
    delta = 0;
    if (_min == 0 || _max == 0) {
      delta = 1e-24;
      if (softMinMode == 2 && softMin != inf)
        padMin = 0;
      if (softMaxMode == 2 && softMax != -inf)
        padMax = 0;
    }
  }
  let nonZeroDelta = delta || scalarMax || 1e3;
  let mag = log10(nonZeroDelta);
  let base = pow(10, floor(mag));
  let _padMin = nonZeroDelta * (delta == 0 ? _min == 0 ? 0.1 : 1 : padMin);
  let _newMin = roundDec(incrRoundDn(_min - _padMin, base / 10), 24);
  let _softMin = _min >= softMin && (softMinMode == 1 || softMinMode == 3 && _newMin <= softMin || softMinMode == 2 && _newMin >= softMin) ? softMin : inf;
  let minLim = max(hardMin, _newMin < _softMin && _min >= _softMin ? _softMin : min(_softMin, _newMin));
  let _padMax = nonZeroDelta * (delta == 0 ? _max == 0 ? 0.1 : 1 : padMax);
  let _newMax = roundDec(incrRoundUp(_max + _padMax, base / 10), 24);
  let _softMax = _max <= softMax && (softMaxMode == 1 || softMaxMode == 3 && _newMax >= softMax || softMaxMode == 2 && _newMax <= softMax) ? softMax : -inf;
  let maxLim = min(hardMax, _newMax > _softMax && _max <= _softMax ? _softMax : max(_softMax, _newMax));
  if (minLim == maxLim && minLim == 0)
    maxLim = 100;
  return [minLim, maxLim];
}
var numFormatter = new Intl.NumberFormat(domEnv ? nav.language : "en-US");
var fmtNum = (val) => numFormatter.format(val);
var M = Math;
var PI = M.PI;
var abs = M.abs;
var floor = M.floor;
var round = M.round;
var ceil = M.ceil;
var min = M.min;
var max = M.max;
var pow = M.pow;
var sign = M.sign;
var log10 = M.log10;
var log2 = M.log2;
var sinh = (v, linthresh = 1) => M.sinh(v) * linthresh;
var asinh = (v, linthresh = 1) => M.asinh(v / linthresh);
var inf = Infinity;
function numIntDigits(x) {
  return (log10((x ^ x >> 31) - (x >> 31)) | 0) + 1;
}
function clamp(num, _min, _max) {
  return min(max(num, _min), _max);
}
function isFn(v) {
  return typeof v == "function";
}
function fnOrSelf(v) {
  return isFn(v) ? v : () => v;
}
var noop = () => {
};
var retArg0 = (_0) => _0;
var retArg1 = (_0, _1) => _1;
var retNull = (_2) => null;
var retTrue = (_2) => true;
var retEq = (a, b) => a == b;
var regex6 = /\.\d*?(?=9{6,}|0{6,})/gm;
var fixFloat = (val) => {
  if (isInt(val) || fixedDec.has(val))
    return val;
  const str = `${val}`;
  const match = str.match(regex6);
  if (match == null)
    return val;
  let len = match[0].length - 1;
  if (str.indexOf("e-") != -1) {
    let [num, exp] = str.split("e");
    return +`${fixFloat(num)}e${exp}`;
  }
  return roundDec(val, len);
};
function incrRound(num, incr) {
  return fixFloat(roundDec(fixFloat(num / incr)) * incr);
}
function incrRoundUp(num, incr) {
  return fixFloat(ceil(fixFloat(num / incr)) * incr);
}
function incrRoundDn(num, incr) {
  return fixFloat(floor(fixFloat(num / incr)) * incr);
}
function roundDec(val, dec = 0) {
  if (isInt(val))
    return val;
  let p = 10 ** dec;
  let n = val * p * (1 + Number.EPSILON);
  return round(n) / p;
}
var fixedDec = /* @__PURE__ */ new Map();
function guessDec(num) {
  return (("" + num).split(".")[1] || "").length;
}
function genIncrs(base, minExp, maxExp, mults) {
  let incrs = [];
  let multDec = mults.map(guessDec);
  for (let exp = minExp; exp < maxExp; exp++) {
    let expa = abs(exp);
    let mag = roundDec(pow(base, exp), expa);
    for (let i = 0; i < mults.length; i++) {
      let _incr = base == 10 ? +`${mults[i]}e${exp}` : mults[i] * mag;
      let dec = (exp >= 0 ? 0 : expa) + (exp >= multDec[i] ? 0 : multDec[i]);
      let incr = base == 10 ? _incr : roundDec(_incr, dec);
      incrs.push(incr);
      fixedDec.set(incr, dec);
    }
  }
  return incrs;
}
var EMPTY_OBJ = {};
var EMPTY_ARR = [];
var nullNullTuple = [null, null];
var isArr = Array.isArray;
var isInt = Number.isInteger;
var isUndef = (v) => v === void 0;
function isStr(v) {
  return typeof v == "string";
}
function isObj(v) {
  let is = false;
  if (v != null) {
    let c = v.constructor;
    is = c == null || c == Object;
  }
  return is;
}
function fastIsObj(v) {
  return v != null && typeof v == "object";
}
var TypedArray = Object.getPrototypeOf(Uint8Array);
var __proto__ = "__proto__";
function copy(o, _isObj = isObj) {
  let out;
  if (isArr(o)) {
    let val = o.find((v) => v != null);
    if (isArr(val) || _isObj(val)) {
      out = Array(o.length);
      for (let i = 0; i < o.length; i++)
        out[i] = copy(o[i], _isObj);
    } else
      out = o.slice();
  } else if (o instanceof TypedArray)
    out = o.slice();
  else if (_isObj(o)) {
    out = {};
    for (let k in o) {
      if (k != __proto__)
        out[k] = copy(o[k], _isObj);
    }
  } else
    out = o;
  return out;
}
function assign(targ) {
  let args = arguments;
  for (let i = 1; i < args.length; i++) {
    let src = args[i];
    for (let key in src) {
      if (key != __proto__) {
        if (isObj(targ[key]))
          assign(targ[key], copy(src[key]));
        else
          targ[key] = copy(src[key]);
      }
    }
  }
  return targ;
}
var NULL_REMOVE = 0;
var NULL_RETAIN = 1;
var NULL_EXPAND = 2;
function nullExpand(yVals, nullIdxs, alignedLen) {
  for (let i = 0, xi, lastNullIdx = -1; i < nullIdxs.length; i++) {
    let nullIdx = nullIdxs[i];
    if (nullIdx > lastNullIdx) {
      xi = nullIdx - 1;
      while (xi >= 0 && yVals[xi] == null)
        yVals[xi--] = null;
      xi = nullIdx + 1;
      while (xi < alignedLen && yVals[xi] == null)
        yVals[lastNullIdx = xi++] = null;
    }
  }
}
function join(tables, nullModes) {
  if (allHeadersSame(tables)) {
    let table2 = tables[0].slice();
    for (let i = 1; i < tables.length; i++)
      table2.push(...tables[i].slice(1));
    if (!isAsc(table2[0]))
      table2 = sortCols(table2);
    return table2;
  }
  let xVals = /* @__PURE__ */ new Set();
  for (let ti = 0; ti < tables.length; ti++) {
    let t = tables[ti];
    let xs = t[0];
    let len = xs.length;
    for (let i = 0; i < len; i++)
      xVals.add(xs[i]);
  }
  let data2 = [Array.from(xVals).sort((a, b) => a - b)];
  let alignedLen = data2[0].length;
  let xIdxs = /* @__PURE__ */ new Map();
  for (let i = 0; i < alignedLen; i++)
    xIdxs.set(data2[0][i], i);
  for (let ti = 0; ti < tables.length; ti++) {
    let t = tables[ti];
    let xs = t[0];
    for (let si = 1; si < t.length; si++) {
      let ys = t[si];
      let yVals = Array(alignedLen).fill(void 0);
      let nullMode = nullModes ? nullModes[ti][si] : NULL_RETAIN;
      let nullIdxs = [];
      for (let i = 0; i < ys.length; i++) {
        let yVal = ys[i];
        let alignedIdx = xIdxs.get(xs[i]);
        if (yVal === null) {
          if (nullMode != NULL_REMOVE) {
            yVals[alignedIdx] = yVal;
            if (nullMode == NULL_EXPAND)
              nullIdxs.push(alignedIdx);
          }
        } else
          yVals[alignedIdx] = yVal;
      }
      nullExpand(yVals, nullIdxs, alignedLen);
      data2.push(yVals);
    }
  }
  return data2;
}
var microTask = typeof queueMicrotask == "undefined" ? (fn) => Promise.resolve().then(fn) : queueMicrotask;
function sortCols(table2) {
  let head = table2[0];
  let rlen = head.length;
  let idxs = Array(rlen);
  for (let i = 0; i < idxs.length; i++)
    idxs[i] = i;
  idxs.sort((i0, i1) => head[i0] - head[i1]);
  let table22 = [];
  for (let i = 0; i < table2.length; i++) {
    let row4 = table2[i];
    let row22 = Array(rlen);
    for (let j = 0; j < rlen; j++)
      row22[j] = row4[idxs[j]];
    table22.push(row22);
  }
  return table22;
}
function allHeadersSame(tables) {
  let vals0 = tables[0][0];
  let len0 = vals0.length;
  for (let i = 1; i < tables.length; i++) {
    let vals1 = tables[i][0];
    if (vals1.length != len0)
      return false;
    if (vals1 != vals0) {
      for (let j = 0; j < len0; j++) {
        if (vals1[j] != vals0[j])
          return false;
      }
    }
  }
  return true;
}
function isAsc(vals, samples = 100) {
  const len = vals.length;
  if (len <= 1)
    return true;
  let firstIdx = 0;
  let lastIdx = len - 1;
  while (firstIdx <= lastIdx && vals[firstIdx] == null)
    firstIdx++;
  while (lastIdx >= firstIdx && vals[lastIdx] == null)
    lastIdx--;
  if (lastIdx <= firstIdx)
    return true;
  const stride = max(1, floor((lastIdx - firstIdx + 1) / samples));
  for (let prevVal = vals[firstIdx], i = firstIdx + stride; i <= lastIdx; i += stride) {
    const v = vals[i];
    if (v != null) {
      if (v <= prevVal)
        return false;
      prevVal = v;
    }
  }
  return true;
}
var months = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December"
];
var days = [
  "Sunday",
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday"
];
function slice3(str) {
  return str.slice(0, 3);
}
var days3 = days.map(slice3);
var months3 = months.map(slice3);
var engNames = {
  MMMM: months,
  MMM: months3,
  WWWW: days,
  WWW: days3
};
function zeroPad2(int) {
  return (int < 10 ? "0" : "") + int;
}
function zeroPad3(int) {
  return (int < 10 ? "00" : int < 100 ? "0" : "") + int;
}
var subs = {
  // 2019
  YYYY: (d) => d.getFullYear(),
  // 19
  YY: (d) => (d.getFullYear() + "").slice(2),
  // July
  MMMM: (d, names) => names.MMMM[d.getMonth()],
  // Jul
  MMM: (d, names) => names.MMM[d.getMonth()],
  // 07
  MM: (d) => zeroPad2(d.getMonth() + 1),
  // 7
  M: (d) => d.getMonth() + 1,
  // 09
  DD: (d) => zeroPad2(d.getDate()),
  // 9
  D: (d) => d.getDate(),
  // Monday
  WWWW: (d, names) => names.WWWW[d.getDay()],
  // Mon
  WWW: (d, names) => names.WWW[d.getDay()],
  // 03
  HH: (d) => zeroPad2(d.getHours()),
  // 3
  H: (d) => d.getHours(),
  // 9 (12hr, unpadded)
  h: (d) => {
    let h2 = d.getHours();
    return h2 == 0 ? 12 : h2 > 12 ? h2 - 12 : h2;
  },
  // AM
  AA: (d) => d.getHours() >= 12 ? "PM" : "AM",
  // am
  aa: (d) => d.getHours() >= 12 ? "pm" : "am",
  // a
  a: (d) => d.getHours() >= 12 ? "p" : "a",
  // 09
  mm: (d) => zeroPad2(d.getMinutes()),
  // 9
  m: (d) => d.getMinutes(),
  // 09
  ss: (d) => zeroPad2(d.getSeconds()),
  // 9
  s: (d) => d.getSeconds(),
  // 374
  fff: (d) => zeroPad3(d.getMilliseconds())
};
function fmtDate(tpl, names) {
  names = names || engNames;
  let parts2 = [];
  let R = /\{([a-z]+)\}|[^{]+/gi, m;
  while (m = R.exec(tpl))
    parts2.push(m[0][0] == "{" ? subs[m[1]] : m[0]);
  return (d) => {
    let out = "";
    for (let i = 0; i < parts2.length; i++)
      out += typeof parts2[i] == "string" ? parts2[i] : parts2[i](d, names);
    return out;
  };
}
var localTz = new Intl.DateTimeFormat().resolvedOptions().timeZone;
function tzDate(date, tz) {
  let date2;
  if (tz == "UTC" || tz == "Etc/UTC")
    date2 = new Date(+date + date.getTimezoneOffset() * 6e4);
  else if (tz == localTz)
    date2 = date;
  else {
    date2 = new Date(date.toLocaleString("en-US", { timeZone: tz }));
    date2.setMilliseconds(date.getMilliseconds());
  }
  return date2;
}
var onlyWhole = (v) => v % 1 == 0;
var allMults = [1, 2, 2.5, 5];
var decIncrs = genIncrs(10, -32, 0, allMults);
var oneIncrs = genIncrs(10, 0, 32, allMults);
var wholeIncrs = oneIncrs.filter(onlyWhole);
var numIncrs = decIncrs.concat(oneIncrs);
var NL = "\n";
var yyyy = "{YYYY}";
var NLyyyy = NL + yyyy;
var md = "{M}/{D}";
var NLmd = NL + md;
var NLmdyy = NLmd + "/{YY}";
var aa = "{aa}";
var hmm = "{h}:{mm}";
var hmmaa = hmm + aa;
var NLhmmaa = NL + hmmaa;
var ss = ":{ss}";
var _ = null;
function genTimeStuffs(ms2) {
  let s = ms2 * 1e3, m = s * 60, h2 = m * 60, d = h2 * 24, mo = d * 30, y = d * 365;
  let subSecIncrs = ms2 == 1 ? genIncrs(10, 0, 3, allMults).filter(onlyWhole) : genIncrs(10, -3, 0, allMults);
  let timeIncrs = subSecIncrs.concat([
    // minute divisors (# of secs)
    s,
    s * 5,
    s * 10,
    s * 15,
    s * 30,
    // hour divisors (# of mins)
    m,
    m * 5,
    m * 10,
    m * 15,
    m * 30,
    // day divisors (# of hrs)
    h2,
    h2 * 2,
    h2 * 3,
    h2 * 4,
    h2 * 6,
    h2 * 8,
    h2 * 12,
    // month divisors TODO: need more?
    d,
    d * 2,
    d * 3,
    d * 4,
    d * 5,
    d * 6,
    d * 7,
    d * 8,
    d * 9,
    d * 10,
    d * 15,
    // year divisors (# months, approx)
    mo,
    mo * 2,
    mo * 3,
    mo * 4,
    mo * 6,
    // century divisors
    y,
    y * 2,
    y * 5,
    y * 10,
    y * 25,
    y * 50,
    y * 100
  ]);
  const _timeAxisStamps = [
    //   tick incr    default          year                    month   day                   hour    min       sec   mode
    [y, yyyy, _, _, _, _, _, _, 1],
    [d * 28, "{MMM}", NLyyyy, _, _, _, _, _, 1],
    [d, md, NLyyyy, _, _, _, _, _, 1],
    [h2, "{h}" + aa, NLmdyy, _, NLmd, _, _, _, 1],
    [m, hmmaa, NLmdyy, _, NLmd, _, _, _, 1],
    [s, ss, NLmdyy + " " + hmmaa, _, NLmd + " " + hmmaa, _, NLhmmaa, _, 1],
    [ms2, ss + ".{fff}", NLmdyy + " " + hmmaa, _, NLmd + " " + hmmaa, _, NLhmmaa, _, 1]
  ];
  function timeAxisSplits(tzDate2) {
    return (self, axisIdx, scaleMin, scaleMax, foundIncr, foundSpace) => {
      let splits = [];
      let isYr = foundIncr >= y;
      let isMo = foundIncr >= mo && foundIncr < y;
      let minDate = tzDate2(scaleMin);
      let minDateTs = roundDec(minDate * ms2, 3);
      let minMin = mkDate(minDate.getFullYear(), isYr ? 0 : minDate.getMonth(), isMo || isYr ? 1 : minDate.getDate());
      let minMinTs = roundDec(minMin * ms2, 3);
      if (isMo || isYr) {
        let moIncr = isMo ? foundIncr / mo : 0;
        let yrIncr = isYr ? foundIncr / y : 0;
        let split = minDateTs == minMinTs ? minDateTs : roundDec(mkDate(minMin.getFullYear() + yrIncr, minMin.getMonth() + moIncr, 1) * ms2, 3);
        let splitDate = new Date(round(split / ms2));
        let baseYear = splitDate.getFullYear();
        let baseMonth = splitDate.getMonth();
        for (let i = 0; split <= scaleMax; i++) {
          let next = mkDate(baseYear + yrIncr * i, baseMonth + moIncr * i, 1);
          let offs = next - tzDate2(roundDec(next * ms2, 3));
          split = roundDec((+next + offs) * ms2, 3);
          if (split <= scaleMax)
            splits.push(split);
        }
      } else {
        let incr0 = foundIncr >= d ? d : foundIncr;
        let tzOffset = floor(scaleMin) - floor(minDateTs);
        let split = minMinTs + tzOffset + incrRoundUp(minDateTs - minMinTs, incr0);
        splits.push(split);
        let date0 = tzDate2(split);
        let prevHour = date0.getHours() + date0.getMinutes() / m + date0.getSeconds() / h2;
        let incrHours = foundIncr / h2;
        let minSpace = self.axes[axisIdx]._space;
        let pctSpace = foundSpace / minSpace;
        while (1) {
          split = roundDec(split + foundIncr, ms2 == 1 ? 0 : 3);
          if (split > scaleMax)
            break;
          if (incrHours > 1) {
            let expectedHour = floor(roundDec(prevHour + incrHours, 6)) % 24;
            let splitDate = tzDate2(split);
            let actualHour = splitDate.getHours();
            let dstShift = actualHour - expectedHour;
            if (dstShift > 1)
              dstShift = -1;
            split -= dstShift * h2;
            prevHour = (prevHour + incrHours) % 24;
            let prevSplit = splits[splits.length - 1];
            let pctIncr = roundDec((split - prevSplit) / foundIncr, 3);
            if (pctIncr * pctSpace >= 0.7)
              splits.push(split);
          } else
            splits.push(split);
        }
      }
      return splits;
    };
  }
  return [
    timeIncrs,
    _timeAxisStamps,
    timeAxisSplits
  ];
}
var [timeIncrsMs, _timeAxisStampsMs, timeAxisSplitsMs] = genTimeStuffs(1);
var [timeIncrsS, _timeAxisStampsS, timeAxisSplitsS] = genTimeStuffs(1e-3);
genIncrs(2, -53, 53, [1]);
function timeAxisStamps(stampCfg, fmtDate2) {
  return stampCfg.map((s) => s.map(
    (v, i) => i == 0 || i == 8 || v == null ? v : fmtDate2(i == 1 || s[8] == 0 ? v : s[1] + v)
  ));
}
function timeAxisVals(tzDate2, stamps) {
  return (self, splits, axisIdx, foundSpace, foundIncr) => {
    let s = stamps.find((s2) => foundIncr >= s2[0]) || stamps[stamps.length - 1];
    let prevYear;
    let prevMnth;
    let prevDate;
    let prevHour;
    let prevMins;
    let prevSecs;
    return splits.map((split) => {
      let date = tzDate2(split);
      let newYear = date.getFullYear();
      let newMnth = date.getMonth();
      let newDate = date.getDate();
      let newHour = date.getHours();
      let newMins = date.getMinutes();
      let newSecs = date.getSeconds();
      let stamp = newYear != prevYear && s[2] || newMnth != prevMnth && s[3] || newDate != prevDate && s[4] || newHour != prevHour && s[5] || newMins != prevMins && s[6] || newSecs != prevSecs && s[7] || s[1];
      prevYear = newYear;
      prevMnth = newMnth;
      prevDate = newDate;
      prevHour = newHour;
      prevMins = newMins;
      prevSecs = newSecs;
      return stamp(date);
    });
  };
}
function timeAxisVal(tzDate2, dateTpl) {
  let stamp = fmtDate(dateTpl);
  return (self, splits, axisIdx, foundSpace, foundIncr) => splits.map((split) => stamp(tzDate2(split)));
}
function mkDate(y, m, d) {
  return new Date(y, m, d);
}
function timeSeriesStamp(stampCfg, fmtDate2) {
  return fmtDate2(stampCfg);
}
var _timeSeriesStamp = "{YYYY}-{MM}-{DD} {h}:{mm}{aa}";
function timeSeriesVal(tzDate2, stamp) {
  return (self, val, seriesIdx, dataIdx) => dataIdx == null ? LEGEND_DISP : stamp(tzDate2(val));
}
function legendStroke(self, seriesIdx) {
  let s = self.series[seriesIdx];
  return s.width ? s.stroke(self, seriesIdx) : s.points.width ? s.points.stroke(self, seriesIdx) : null;
}
function legendFill(self, seriesIdx) {
  return self.series[seriesIdx].fill(self, seriesIdx);
}
var legendOpts = {
  show: true,
  live: true,
  isolate: false,
  mount: noop,
  markers: {
    show: true,
    width: 2,
    stroke: legendStroke,
    fill: legendFill,
    dash: "solid"
  },
  idx: null,
  idxs: null,
  values: []
};
function cursorPointShow(self, si) {
  let o = self.cursor.points;
  let pt = placeDiv();
  let size = o.size(self, si);
  setStylePx(pt, WIDTH, size);
  setStylePx(pt, HEIGHT, size);
  let mar = size / -2;
  setStylePx(pt, "marginLeft", mar);
  setStylePx(pt, "marginTop", mar);
  let width = o.width(self, si, size);
  width && setStylePx(pt, "borderWidth", width);
  return pt;
}
function cursorPointFill(self, si) {
  let sp = self.series[si].points;
  return sp._fill || sp._stroke;
}
function cursorPointStroke(self, si) {
  let sp = self.series[si].points;
  return sp._stroke || sp._fill;
}
function cursorPointSize(self, si) {
  let sp = self.series[si].points;
  return sp.size;
}
var moveTuple = [0, 0];
function cursorMove(self, mouseLeft1, mouseTop1) {
  moveTuple[0] = mouseLeft1;
  moveTuple[1] = mouseTop1;
  return moveTuple;
}
function filtBtn0(self, targ, handle, onlyTarg = true) {
  return (e) => {
    e.button == 0 && (!onlyTarg || e.target == targ) && handle(e);
  };
}
function filtTarg(self, targ, handle, onlyTarg = true) {
  return (e) => {
    (!onlyTarg || e.target == targ) && handle(e);
  };
}
var cursorOpts = {
  show: true,
  x: true,
  y: true,
  lock: false,
  move: cursorMove,
  points: {
    one: false,
    show: cursorPointShow,
    size: cursorPointSize,
    width: 0,
    stroke: cursorPointStroke,
    fill: cursorPointFill
  },
  bind: {
    mousedown: filtBtn0,
    mouseup: filtBtn0,
    click: filtBtn0,
    // legend clicks, not .u-over clicks
    dblclick: filtBtn0,
    mousemove: filtTarg,
    mouseleave: filtTarg,
    mouseenter: filtTarg
  },
  drag: {
    setScale: true,
    x: true,
    y: false,
    dist: 0,
    uni: null,
    click: (self, e) => {
      e.stopPropagation();
      e.stopImmediatePropagation();
    },
    _x: false,
    _y: false
  },
  focus: {
    dist: (self, seriesIdx, dataIdx, valPos, curPos) => valPos - curPos,
    prox: -1,
    bias: 0
  },
  hover: {
    skip: [void 0],
    prox: null,
    bias: 0
  },
  left: -10,
  top: -10,
  idx: null,
  dataIdx: null,
  idxs: null,
  event: null
};
var axisLines = {
  show: true,
  stroke: "rgba(0,0,0,0.07)",
  width: 2
  //	dash: [],
};
var grid = assign({}, axisLines, {
  filter: retArg1
});
var ticks = assign({}, grid, {
  size: 10
});
var border = assign({}, axisLines, {
  show: false
});
var font = '12px system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif, "Apple Color Emoji", "Segoe UI Emoji", "Segoe UI Symbol", "Noto Color Emoji"';
var labelFont = "bold " + font;
var lineGap = 1.5;
var xAxisOpts = {
  show: true,
  scale: "x",
  stroke: hexBlack,
  space: 50,
  gap: 5,
  alignTo: 1,
  size: 50,
  labelGap: 0,
  labelSize: 30,
  labelFont,
  side: 2,
  //	class: "x-vals",
  //	incrs: timeIncrs,
  //	values: timeVals,
  //	filter: retArg1,
  grid,
  ticks,
  border,
  font,
  lineGap,
  rotate: 0
};
var numSeriesLabel = "Value";
var timeSeriesLabel = "Time";
var xSeriesOpts = {
  show: true,
  scale: "x",
  auto: false,
  sorted: 1,
  //	label: "Time",
  //	value: v => stamp(new Date(v * 1e3)),
  // internal caches
  min: inf,
  max: -inf,
  idxs: []
};
function numAxisVals(self, splits, axisIdx, foundSpace, foundIncr) {
  return splits.map((v) => v == null ? "" : fmtNum(v));
}
function numAxisSplits(self, axisIdx, scaleMin, scaleMax, foundIncr, foundSpace, forceMin) {
  let splits = [];
  let numDec = fixedDec.get(foundIncr) || 0;
  scaleMin = forceMin ? scaleMin : roundDec(incrRoundUp(scaleMin, foundIncr), numDec);
  for (let val = scaleMin; val <= scaleMax; val = roundDec(val + foundIncr, numDec))
    splits.push(Object.is(val, -0) ? 0 : val);
  return splits;
}
function logAxisSplits(self, axisIdx, scaleMin, scaleMax, foundIncr, foundSpace, forceMin) {
  const splits = [];
  const logBase = self.scales[self.axes[axisIdx].scale].log;
  const logFn = logBase == 10 ? log10 : log2;
  const exp = floor(logFn(scaleMin));
  foundIncr = pow(logBase, exp);
  if (logBase == 10)
    foundIncr = numIncrs[closestIdx(foundIncr, numIncrs)];
  let split = scaleMin;
  let nextMagIncr = foundIncr * logBase;
  if (logBase == 10)
    nextMagIncr = numIncrs[closestIdx(nextMagIncr, numIncrs)];
  do {
    splits.push(split);
    split = split + foundIncr;
    if (logBase == 10 && !fixedDec.has(split))
      split = roundDec(split, fixedDec.get(foundIncr));
    if (split >= nextMagIncr) {
      foundIncr = split;
      nextMagIncr = foundIncr * logBase;
      if (logBase == 10)
        nextMagIncr = numIncrs[closestIdx(nextMagIncr, numIncrs)];
    }
  } while (split <= scaleMax);
  return splits;
}
function asinhAxisSplits(self, axisIdx, scaleMin, scaleMax, foundIncr, foundSpace, forceMin) {
  let sc = self.scales[self.axes[axisIdx].scale];
  let linthresh = sc.asinh;
  let posSplits = scaleMax > linthresh ? logAxisSplits(self, axisIdx, max(linthresh, scaleMin), scaleMax, foundIncr) : [linthresh];
  let zero = scaleMax >= 0 && scaleMin <= 0 ? [0] : [];
  let negSplits = scaleMin < -linthresh ? logAxisSplits(self, axisIdx, max(linthresh, -scaleMax), -scaleMin, foundIncr) : [linthresh];
  return negSplits.reverse().map((v) => -v).concat(zero, posSplits);
}
var RE_ALL = /./;
var RE_12357 = /[12357]/;
var RE_125 = /[125]/;
var RE_1 = /1/;
var _filt = (splits, distr, re, keepMod) => splits.map((v, i) => distr == 4 && v == 0 || i % keepMod == 0 && re.test(v.toExponential()[v < 0 ? 1 : 0]) ? v : null);
function log10AxisValsFilt(self, splits, axisIdx, foundSpace, foundIncr) {
  let axis = self.axes[axisIdx];
  let scaleKey = axis.scale;
  let sc = self.scales[scaleKey];
  let valToPos = self.valToPos;
  let minSpace = axis._space;
  let _10 = valToPos(10, scaleKey);
  let re = valToPos(9, scaleKey) - _10 >= minSpace ? RE_ALL : valToPos(7, scaleKey) - _10 >= minSpace ? RE_12357 : valToPos(5, scaleKey) - _10 >= minSpace ? RE_125 : RE_1;
  if (re == RE_1) {
    let magSpace = abs(valToPos(1, scaleKey) - _10);
    if (magSpace < minSpace)
      return _filt(splits.slice().reverse(), sc.distr, re, ceil(minSpace / magSpace)).reverse();
  }
  return _filt(splits, sc.distr, re, 1);
}
function log2AxisValsFilt(self, splits, axisIdx, foundSpace, foundIncr) {
  let axis = self.axes[axisIdx];
  let scaleKey = axis.scale;
  let minSpace = axis._space;
  let valToPos = self.valToPos;
  let magSpace = abs(valToPos(1, scaleKey) - valToPos(2, scaleKey));
  if (magSpace < minSpace)
    return _filt(splits.slice().reverse(), 3, RE_ALL, ceil(minSpace / magSpace)).reverse();
  return splits;
}
function numSeriesVal(self, val, seriesIdx, dataIdx) {
  return dataIdx == null ? LEGEND_DISP : val == null ? "" : fmtNum(val);
}
var yAxisOpts = {
  show: true,
  scale: "y",
  stroke: hexBlack,
  space: 30,
  gap: 5,
  alignTo: 1,
  size: 50,
  labelGap: 0,
  labelSize: 30,
  labelFont,
  side: 3,
  //	class: "y-vals",
  //	incrs: numIncrs,
  //	values: (vals, space) => vals,
  //	filter: retArg1,
  grid,
  ticks,
  border,
  font,
  lineGap,
  rotate: 0
};
function ptDia(width, mult) {
  let dia = 3 + (width || 1) * 2;
  return roundDec(dia * mult, 3);
}
function seriesPointsShow(self, si) {
  let { scale, idxs } = self.series[0];
  let xData = self._data[0];
  let p0 = self.valToPos(xData[idxs[0]], scale, true);
  let p1 = self.valToPos(xData[idxs[1]], scale, true);
  let dim = abs(p1 - p0);
  let s = self.series[si];
  let maxPts = dim / (s.points.space * pxRatio);
  return idxs[1] - idxs[0] <= maxPts;
}
var facet = {
  scale: null,
  auto: true,
  sorted: 0,
  // internal caches
  min: inf,
  max: -inf
};
var gaps = (self, seriesIdx, idx0, idx1, nullGaps) => nullGaps;
var xySeriesOpts = {
  show: true,
  auto: true,
  sorted: 0,
  gaps,
  alpha: 1,
  facets: [
    assign({}, facet, { scale: "x" }),
    assign({}, facet, { scale: "y" })
  ]
};
var ySeriesOpts = {
  scale: "y",
  auto: true,
  sorted: 0,
  show: true,
  spanGaps: false,
  gaps,
  alpha: 1,
  points: {
    show: seriesPointsShow,
    filter: null
    //  paths:
    //	stroke: "#000",
    //	fill: "#fff",
    //	width: 1,
    //	size: 10,
  },
  //	label: "Value",
  //	value: v => v,
  values: null,
  // internal caches
  min: inf,
  max: -inf,
  idxs: [],
  path: null,
  clip: null
};
function clampScale(self, val, scaleMin, scaleMax, scaleKey) {
  return scaleMin / 10;
}
var xScaleOpts = {
  time: FEAT_TIME,
  auto: true,
  distr: 1,
  log: 10,
  asinh: 1,
  min: null,
  max: null,
  dir: 1,
  ori: 0
};
var yScaleOpts = assign({}, xScaleOpts, {
  time: false,
  ori: 1
});
var syncs = {};
function _sync(key, opts) {
  let s = syncs[key];
  if (!s) {
    s = {
      key,
      plots: [],
      sub(plot) {
        s.plots.push(plot);
      },
      unsub(plot) {
        s.plots = s.plots.filter((c) => c != plot);
      },
      pub(type, self, x, y, w, h2, i) {
        for (let j = 0; j < s.plots.length; j++)
          s.plots[j] != self && s.plots[j].pub(type, self, x, y, w, h2, i);
      }
    };
    if (key != null)
      syncs[key] = s;
  }
  return s;
}
var BAND_CLIP_FILL = 1 << 0;
var BAND_CLIP_STROKE = 1 << 1;
function orient(u, seriesIdx, cb) {
  const mode = u.mode;
  const series = u.series[seriesIdx];
  const data2 = mode == 2 ? u._data[seriesIdx] : u._data;
  const scales = u.scales;
  const bbox = u.bbox;
  let dx = data2[0], dy = mode == 2 ? data2[1] : data2[seriesIdx], sx = mode == 2 ? scales[series.facets[0].scale] : scales[u.series[0].scale], sy = mode == 2 ? scales[series.facets[1].scale] : scales[series.scale], l = bbox.left, t = bbox.top, w = bbox.width, h2 = bbox.height, H = u.valToPosH, V = u.valToPosV;
  return sx.ori == 0 ? cb(
    series,
    dx,
    dy,
    sx,
    sy,
    H,
    V,
    l,
    t,
    w,
    h2,
    moveToH,
    lineToH,
    rectH,
    arcH,
    bezierCurveToH
  ) : cb(
    series,
    dx,
    dy,
    sx,
    sy,
    V,
    H,
    t,
    l,
    h2,
    w,
    moveToV,
    lineToV,
    rectV,
    arcV,
    bezierCurveToV
  );
}
function bandFillClipDirs(self, seriesIdx) {
  let fillDir = 0;
  let clipDirs = 0;
  let bands = ifNull(self.bands, EMPTY_ARR);
  for (let i = 0; i < bands.length; i++) {
    let b = bands[i];
    if (b.series[0] == seriesIdx)
      fillDir = b.dir;
    else if (b.series[1] == seriesIdx) {
      if (b.dir == 1)
        clipDirs |= 1;
      else
        clipDirs |= 2;
    }
  }
  return [
    fillDir,
    clipDirs == 1 ? -1 : (
      // neg only
      clipDirs == 2 ? 1 : (
        // pos only
        clipDirs == 3 ? 2 : (
          // both
          0
        )
      )
    )
  ];
}
function seriesFillTo(self, seriesIdx, dataMin, dataMax, bandFillDir) {
  let mode = self.mode;
  let series = self.series[seriesIdx];
  let scaleKey = mode == 2 ? series.facets[1].scale : series.scale;
  let scale = self.scales[scaleKey];
  return bandFillDir == -1 ? scale.min : bandFillDir == 1 ? scale.max : scale.distr == 3 ? scale.dir == 1 ? scale.min : scale.max : 0;
}
function clipBandLine(self, seriesIdx, idx0, idx1, strokePath, clipDir) {
  return orient(self, seriesIdx, (series, dataX, dataY, scaleX, scaleY, valToPosX, valToPosY, xOff, yOff, xDim, yDim) => {
    let pxRound = series.pxRound;
    const dir = scaleX.dir * (scaleX.ori == 0 ? 1 : -1);
    const lineTo = scaleX.ori == 0 ? lineToH : lineToV;
    let frIdx, toIdx;
    if (dir == 1) {
      frIdx = idx0;
      toIdx = idx1;
    } else {
      frIdx = idx1;
      toIdx = idx0;
    }
    let x0 = pxRound(valToPosX(dataX[frIdx], scaleX, xDim, xOff));
    let y0 = pxRound(valToPosY(dataY[frIdx], scaleY, yDim, yOff));
    let x1 = pxRound(valToPosX(dataX[toIdx], scaleX, xDim, xOff));
    let yLimit = pxRound(valToPosY(clipDir == 1 ? scaleY.max : scaleY.min, scaleY, yDim, yOff));
    let clip = new Path2D(strokePath);
    lineTo(clip, x1, yLimit);
    lineTo(clip, x0, yLimit);
    lineTo(clip, x0, y0);
    return clip;
  });
}
function clipGaps(gaps2, ori, plotLft, plotTop, plotWid, plotHgt) {
  let clip = null;
  if (gaps2.length > 0) {
    clip = new Path2D();
    const rect2 = ori == 0 ? rectH : rectV;
    let prevGapEnd = plotLft;
    for (let i = 0; i < gaps2.length; i++) {
      let g = gaps2[i];
      if (g[1] > g[0]) {
        let w2 = g[0] - prevGapEnd;
        w2 > 0 && rect2(clip, prevGapEnd, plotTop, w2, plotTop + plotHgt);
        prevGapEnd = g[1];
      }
    }
    let w = plotLft + plotWid - prevGapEnd;
    let maxStrokeWidth = 10;
    w > 0 && rect2(clip, prevGapEnd, plotTop - maxStrokeWidth / 2, w, plotTop + plotHgt + maxStrokeWidth);
  }
  return clip;
}
function addGap(gaps2, fromX, toX) {
  let prevGap = gaps2[gaps2.length - 1];
  if (prevGap && prevGap[0] == fromX)
    prevGap[1] = toX;
  else
    gaps2.push([fromX, toX]);
}
function findGaps(xs, ys, idx0, idx1, dir, pixelForX, align) {
  let gaps2 = [];
  let len = xs.length;
  for (let i = dir == 1 ? idx0 : idx1; i >= idx0 && i <= idx1; i += dir) {
    let yVal = ys[i];
    if (yVal === null) {
      let fr = i, to = i;
      if (dir == 1) {
        while (++i <= idx1 && ys[i] === null)
          to = i;
      } else {
        while (--i >= idx0 && ys[i] === null)
          to = i;
      }
      let frPx = pixelForX(xs[fr]);
      let toPx = to == fr ? frPx : pixelForX(xs[to]);
      let fri2 = fr - dir;
      let frPx2 = align <= 0 && fri2 >= 0 && fri2 < len ? pixelForX(xs[fri2]) : frPx;
      frPx = frPx2;
      let toi2 = to + dir;
      let toPx2 = align >= 0 && toi2 >= 0 && toi2 < len ? pixelForX(xs[toi2]) : toPx;
      toPx = toPx2;
      if (toPx >= frPx)
        gaps2.push([frPx, toPx]);
    }
  }
  return gaps2;
}
function pxRoundGen(pxAlign) {
  return pxAlign == 0 ? retArg0 : pxAlign == 1 ? round : (v) => incrRound(v, pxAlign);
}
function rect(ori) {
  let moveTo = ori == 0 ? moveToH : moveToV;
  let arcTo = ori == 0 ? (p, x1, y1, x2, y2, r) => {
    p.arcTo(x1, y1, x2, y2, r);
  } : (p, y1, x1, y2, x2, r) => {
    p.arcTo(x1, y1, x2, y2, r);
  };
  let rect2 = ori == 0 ? (p, x, y, w, h2) => {
    p.rect(x, y, w, h2);
  } : (p, y, x, h2, w) => {
    p.rect(x, y, w, h2);
  };
  return (p, x, y, w, h2, endRad = 0, baseRad = 0) => {
    if (endRad == 0 && baseRad == 0)
      rect2(p, x, y, w, h2);
    else {
      endRad = min(endRad, w / 2, h2 / 2);
      baseRad = min(baseRad, w / 2, h2 / 2);
      moveTo(p, x + endRad, y);
      arcTo(p, x + w, y, x + w, y + h2, endRad);
      arcTo(p, x + w, y + h2, x, y + h2, baseRad);
      arcTo(p, x, y + h2, x, y, baseRad);
      arcTo(p, x, y, x + w, y, endRad);
      p.closePath();
    }
  };
}
var moveToH = (p, x, y) => {
  p.moveTo(x, y);
};
var moveToV = (p, y, x) => {
  p.moveTo(x, y);
};
var lineToH = (p, x, y) => {
  p.lineTo(x, y);
};
var lineToV = (p, y, x) => {
  p.lineTo(x, y);
};
var rectH = rect(0);
var rectV = rect(1);
var arcH = (p, x, y, r, startAngle, endAngle) => {
  p.arc(x, y, r, startAngle, endAngle);
};
var arcV = (p, y, x, r, startAngle, endAngle) => {
  p.arc(x, y, r, startAngle, endAngle);
};
var bezierCurveToH = (p, bp1x, bp1y, bp2x, bp2y, p2x, p2y) => {
  p.bezierCurveTo(bp1x, bp1y, bp2x, bp2y, p2x, p2y);
};
var bezierCurveToV = (p, bp1y, bp1x, bp2y, bp2x, p2y, p2x) => {
  p.bezierCurveTo(bp1x, bp1y, bp2x, bp2y, p2x, p2y);
};
function points(opts) {
  return (u, seriesIdx, idx0, idx1, filtIdxs) => {
    return orient(u, seriesIdx, (series, dataX, dataY, scaleX, scaleY, valToPosX, valToPosY, xOff, yOff, xDim, yDim) => {
      let { pxRound, points: points2 } = series;
      let moveTo, arc;
      if (scaleX.ori == 0) {
        moveTo = moveToH;
        arc = arcH;
      } else {
        moveTo = moveToV;
        arc = arcV;
      }
      const width = roundDec(points2.width * pxRatio, 3);
      let rad = (points2.size - points2.width) / 2 * pxRatio;
      let dia = roundDec(rad * 2, 3);
      let fill2 = new Path2D();
      let clip = new Path2D();
      let { left: lft, top, width: wid, height: hgt } = u.bbox;
      rectH(
        clip,
        lft - dia,
        top - dia,
        wid + dia * 2,
        hgt + dia * 2
      );
      const drawPoint = (pi) => {
        if (dataY[pi] != null) {
          let x = pxRound(valToPosX(dataX[pi], scaleX, xDim, xOff));
          let y = pxRound(valToPosY(dataY[pi], scaleY, yDim, yOff));
          moveTo(fill2, x + rad, y);
          arc(fill2, x, y, rad, 0, PI * 2);
        }
      };
      if (filtIdxs)
        filtIdxs.forEach(drawPoint);
      else {
        for (let pi = idx0; pi <= idx1; pi++)
          drawPoint(pi);
      }
      return {
        stroke: width > 0 ? fill2 : null,
        fill: fill2,
        clip,
        flags: BAND_CLIP_FILL | BAND_CLIP_STROKE
      };
    });
  };
}
function _drawAcc(lineTo) {
  return (stroke, accX, minY, maxY, inY, outY) => {
    if (minY != maxY) {
      if (inY != minY && outY != minY)
        lineTo(stroke, accX, minY);
      if (inY != maxY && outY != maxY)
        lineTo(stroke, accX, maxY);
      lineTo(stroke, accX, outY);
    }
  };
}
var drawAccH = _drawAcc(lineToH);
var drawAccV = _drawAcc(lineToV);
function linear(opts) {
  const alignGaps = ifNull(opts?.alignGaps, 0);
  return (u, seriesIdx, idx0, idx1) => {
    return orient(u, seriesIdx, (series, dataX, dataY, scaleX, scaleY, valToPosX, valToPosY, xOff, yOff, xDim, yDim) => {
      [idx0, idx1] = nonNullIdxs(dataY, idx0, idx1);
      let pxRound = series.pxRound;
      let pixelForX = (val) => pxRound(valToPosX(val, scaleX, xDim, xOff));
      let pixelForY = (val) => pxRound(valToPosY(val, scaleY, yDim, yOff));
      let lineTo, drawAcc;
      if (scaleX.ori == 0) {
        lineTo = lineToH;
        drawAcc = drawAccH;
      } else {
        lineTo = lineToV;
        drawAcc = drawAccV;
      }
      const dir = scaleX.dir * (scaleX.ori == 0 ? 1 : -1);
      const _paths = { stroke: new Path2D(), fill: null, clip: null, band: null, gaps: null, flags: BAND_CLIP_FILL };
      const stroke = _paths.stroke;
      let hasGap = false;
      const decimate = idx1 - idx0 >= xDim * 4;
      if (decimate) {
        let xForPixel = (pos) => u.posToVal(pos, scaleX.key, true);
        let minY = null, maxY = null, inY, outY, drawnAtX;
        let accX = pixelForX(dataX[dir == 1 ? idx0 : idx1]);
        let idx0px = pixelForX(dataX[idx0]);
        let idx1px = pixelForX(dataX[idx1]);
        let nextAccXVal = xForPixel(dir == 1 ? idx0px + 1 : idx1px - 1);
        for (let i = dir == 1 ? idx0 : idx1; i >= idx0 && i <= idx1; i += dir) {
          let xVal = dataX[i];
          let reuseAccX = dir == 1 ? xVal < nextAccXVal : xVal > nextAccXVal;
          let x = reuseAccX ? accX : pixelForX(xVal);
          let yVal = dataY[i];
          if (x == accX) {
            if (yVal != null) {
              outY = yVal;
              if (minY == null) {
                lineTo(stroke, x, pixelForY(outY));
                inY = minY = maxY = outY;
              } else {
                if (outY < minY)
                  minY = outY;
                else if (outY > maxY)
                  maxY = outY;
              }
            } else {
              if (yVal === null)
                hasGap = true;
            }
          } else {
            if (minY != null)
              drawAcc(stroke, accX, pixelForY(minY), pixelForY(maxY), pixelForY(inY), pixelForY(outY));
            if (yVal != null) {
              outY = yVal;
              lineTo(stroke, x, pixelForY(outY));
              minY = maxY = inY = outY;
            } else {
              minY = maxY = null;
              if (yVal === null)
                hasGap = true;
            }
            accX = x;
            nextAccXVal = xForPixel(accX + dir);
          }
        }
        if (minY != null && minY != maxY && drawnAtX != accX)
          drawAcc(stroke, accX, pixelForY(minY), pixelForY(maxY), pixelForY(inY), pixelForY(outY));
      } else {
        for (let i = dir == 1 ? idx0 : idx1; i >= idx0 && i <= idx1; i += dir) {
          let yVal = dataY[i];
          if (yVal === null)
            hasGap = true;
          else if (yVal != null)
            lineTo(stroke, pixelForX(dataX[i]), pixelForY(yVal));
        }
      }
      let [bandFillDir, bandClipDir] = bandFillClipDirs(u, seriesIdx);
      if (series.fill != null || bandFillDir != 0) {
        let fill2 = _paths.fill = new Path2D(stroke);
        let fillToVal = series.fillTo(u, seriesIdx, series.min, series.max, bandFillDir);
        let fillToY = pixelForY(fillToVal);
        let frX = pixelForX(dataX[idx0]);
        let toX = pixelForX(dataX[idx1]);
        if (dir == -1)
          [toX, frX] = [frX, toX];
        lineTo(fill2, toX, fillToY);
        lineTo(fill2, frX, fillToY);
      }
      if (!series.spanGaps) {
        let gaps2 = [];
        hasGap && gaps2.push(...findGaps(dataX, dataY, idx0, idx1, dir, pixelForX, alignGaps));
        _paths.gaps = gaps2 = series.gaps(u, seriesIdx, idx0, idx1, gaps2);
        _paths.clip = clipGaps(gaps2, scaleX.ori, xOff, yOff, xDim, yDim);
      }
      if (bandClipDir != 0) {
        _paths.band = bandClipDir == 2 ? [
          clipBandLine(u, seriesIdx, idx0, idx1, stroke, -1),
          clipBandLine(u, seriesIdx, idx0, idx1, stroke, 1)
        ] : clipBandLine(u, seriesIdx, idx0, idx1, stroke, bandClipDir);
      }
      return _paths;
    });
  };
}
function stepped(opts) {
  const align = ifNull(opts.align, 1);
  const ascDesc = ifNull(opts.ascDesc, false);
  const alignGaps = ifNull(opts.alignGaps, 0);
  const extend = ifNull(opts.extend, false);
  return (u, seriesIdx, idx0, idx1) => {
    return orient(u, seriesIdx, (series, dataX, dataY, scaleX, scaleY, valToPosX, valToPosY, xOff, yOff, xDim, yDim) => {
      [idx0, idx1] = nonNullIdxs(dataY, idx0, idx1);
      let pxRound = series.pxRound;
      let { left, width } = u.bbox;
      let pixelForX = (val) => pxRound(valToPosX(val, scaleX, xDim, xOff));
      let pixelForY = (val) => pxRound(valToPosY(val, scaleY, yDim, yOff));
      let lineTo = scaleX.ori == 0 ? lineToH : lineToV;
      const _paths = { stroke: new Path2D(), fill: null, clip: null, band: null, gaps: null, flags: BAND_CLIP_FILL };
      const stroke = _paths.stroke;
      const dir = scaleX.dir * (scaleX.ori == 0 ? 1 : -1);
      let prevYPos = pixelForY(dataY[dir == 1 ? idx0 : idx1]);
      let firstXPos = pixelForX(dataX[dir == 1 ? idx0 : idx1]);
      let prevXPos = firstXPos;
      let firstXPosExt = firstXPos;
      if (extend && align == -1) {
        firstXPosExt = left;
        lineTo(stroke, firstXPosExt, prevYPos);
      }
      lineTo(stroke, firstXPos, prevYPos);
      for (let i = dir == 1 ? idx0 : idx1; i >= idx0 && i <= idx1; i += dir) {
        let yVal1 = dataY[i];
        if (yVal1 == null)
          continue;
        let x1 = pixelForX(dataX[i]);
        let y1 = pixelForY(yVal1);
        if (align == 1)
          lineTo(stroke, x1, prevYPos);
        else
          lineTo(stroke, prevXPos, y1);
        lineTo(stroke, x1, y1);
        prevYPos = y1;
        prevXPos = x1;
      }
      let prevXPosExt = prevXPos;
      if (extend && align == 1) {
        prevXPosExt = left + width;
        lineTo(stroke, prevXPosExt, prevYPos);
      }
      let [bandFillDir, bandClipDir] = bandFillClipDirs(u, seriesIdx);
      if (series.fill != null || bandFillDir != 0) {
        let fill2 = _paths.fill = new Path2D(stroke);
        let fillTo = series.fillTo(u, seriesIdx, series.min, series.max, bandFillDir);
        let fillToY = pixelForY(fillTo);
        lineTo(fill2, prevXPosExt, fillToY);
        lineTo(fill2, firstXPosExt, fillToY);
      }
      if (!series.spanGaps) {
        let gaps2 = [];
        gaps2.push(...findGaps(dataX, dataY, idx0, idx1, dir, pixelForX, alignGaps));
        let halfStroke = series.width * pxRatio / 2;
        let startsOffset = ascDesc || align == 1 ? halfStroke : -halfStroke;
        let endsOffset = ascDesc || align == -1 ? -halfStroke : halfStroke;
        gaps2.forEach((g) => {
          g[0] += startsOffset;
          g[1] += endsOffset;
        });
        _paths.gaps = gaps2 = series.gaps(u, seriesIdx, idx0, idx1, gaps2);
        _paths.clip = clipGaps(gaps2, scaleX.ori, xOff, yOff, xDim, yDim);
      }
      if (bandClipDir != 0) {
        _paths.band = bandClipDir == 2 ? [
          clipBandLine(u, seriesIdx, idx0, idx1, stroke, -1),
          clipBandLine(u, seriesIdx, idx0, idx1, stroke, 1)
        ] : clipBandLine(u, seriesIdx, idx0, idx1, stroke, bandClipDir);
      }
      return _paths;
    });
  };
}
function findColWidth(dataX, dataY, valToPosX, scaleX, xDim, xOff, colWid = inf) {
  if (dataX.length > 1) {
    let prevIdx = null;
    for (let i = 0, minDelta = Infinity; i < dataX.length; i++) {
      if (dataY[i] !== void 0) {
        if (prevIdx != null) {
          let delta = abs(dataX[i] - dataX[prevIdx]);
          if (delta < minDelta) {
            minDelta = delta;
            colWid = abs(valToPosX(dataX[i], scaleX, xDim, xOff) - valToPosX(dataX[prevIdx], scaleX, xDim, xOff));
          }
        }
        prevIdx = i;
      }
    }
  }
  return colWid;
}
function bars(opts) {
  opts = opts || EMPTY_OBJ;
  const size = ifNull(opts.size, [0.6, inf, 1]);
  const align = opts.align || 0;
  const _extraGap = opts.gap || 0;
  let ro = opts.radius;
  ro = // [valueRadius, baselineRadius]
  ro == null ? [0, 0] : typeof ro == "number" ? [ro, 0] : ro;
  const radiusFn = fnOrSelf(ro);
  const gapFactor = 1 - size[0];
  const _maxWidth = ifNull(size[1], inf);
  const _minWidth = ifNull(size[2], 1);
  const disp = ifNull(opts.disp, EMPTY_OBJ);
  const _each = ifNull(opts.each, (_2) => {
  });
  const { fill: dispFills, stroke: dispStrokes } = disp;
  return (u, seriesIdx, idx0, idx1) => {
    return orient(u, seriesIdx, (series, dataX, dataY, scaleX, scaleY, valToPosX, valToPosY, xOff, yOff, xDim, yDim) => {
      let pxRound = series.pxRound;
      let _align = align;
      let extraGap = _extraGap * pxRatio;
      let maxWidth = _maxWidth * pxRatio;
      let minWidth = _minWidth * pxRatio;
      let valRadius, baseRadius;
      if (scaleX.ori == 0)
        [valRadius, baseRadius] = radiusFn(u, seriesIdx);
      else
        [baseRadius, valRadius] = radiusFn(u, seriesIdx);
      const _dirX = scaleX.dir * (scaleX.ori == 0 ? 1 : -1);
      let rect2 = scaleX.ori == 0 ? rectH : rectV;
      let each = scaleX.ori == 0 ? _each : (u2, seriesIdx2, i, top, lft, hgt, wid) => {
        _each(u2, seriesIdx2, i, lft, top, wid, hgt);
      };
      let band = ifNull(u.bands, EMPTY_ARR).find((b) => b.series[0] == seriesIdx);
      let fillDir = band != null ? band.dir : 0;
      let fillTo = series.fillTo(u, seriesIdx, series.min, series.max, fillDir);
      let fillToY = pxRound(valToPosY(fillTo, scaleY, yDim, yOff));
      let xShift, barWid, fullGap, colWid = xDim;
      let strokeWidth = pxRound(series.width * pxRatio);
      let multiPath = false;
      let fillColors = null;
      let fillPaths = null;
      let strokeColors = null;
      let strokePaths = null;
      if (dispFills != null && (strokeWidth == 0 || dispStrokes != null)) {
        multiPath = true;
        fillColors = dispFills.values(u, seriesIdx, idx0, idx1);
        fillPaths = /* @__PURE__ */ new Map();
        new Set(fillColors).forEach((color) => {
          if (color != null)
            fillPaths.set(color, new Path2D());
        });
        if (strokeWidth > 0) {
          strokeColors = dispStrokes.values(u, seriesIdx, idx0, idx1);
          strokePaths = /* @__PURE__ */ new Map();
          new Set(strokeColors).forEach((color) => {
            if (color != null)
              strokePaths.set(color, new Path2D());
          });
        }
      }
      let { x0, size: size2 } = disp;
      if (x0 != null && size2 != null) {
        _align = 1;
        dataX = x0.values(u, seriesIdx, idx0, idx1);
        if (x0.unit == 2)
          dataX = dataX.map((pct2) => u.posToVal(xOff + pct2 * xDim, scaleX.key, true));
        let sizes = size2.values(u, seriesIdx, idx0, idx1);
        if (size2.unit == 2)
          barWid = sizes[0] * xDim;
        else
          barWid = valToPosX(sizes[0], scaleX, xDim, xOff) - valToPosX(0, scaleX, xDim, xOff);
        colWid = findColWidth(dataX, dataY, valToPosX, scaleX, xDim, xOff, colWid);
        let gapWid = colWid - barWid;
        fullGap = gapWid + extraGap;
      } else {
        colWid = findColWidth(dataX, dataY, valToPosX, scaleX, xDim, xOff, colWid);
        let gapWid = colWid * gapFactor;
        fullGap = gapWid + extraGap;
        barWid = colWid - fullGap;
      }
      if (fullGap < 1)
        fullGap = 0;
      if (strokeWidth >= barWid / 2)
        strokeWidth = 0;
      if (fullGap < 5)
        pxRound = retArg0;
      let insetStroke = fullGap > 0;
      let rawBarWid = colWid - fullGap - (insetStroke ? strokeWidth : 0);
      barWid = pxRound(clamp(rawBarWid, minWidth, maxWidth));
      xShift = (_align == 0 ? barWid / 2 : _align == _dirX ? 0 : barWid) - _align * _dirX * ((_align == 0 ? extraGap / 2 : 0) + (insetStroke ? strokeWidth / 2 : 0));
      const _paths = { stroke: null, fill: null, clip: null, band: null, gaps: null, flags: 0 };
      const stroke = multiPath ? null : new Path2D();
      let dataY0 = null;
      if (band != null)
        dataY0 = u.data[band.series[1]];
      else {
        let { y0, y1 } = disp;
        if (y0 != null && y1 != null) {
          dataY = y1.values(u, seriesIdx, idx0, idx1);
          dataY0 = y0.values(u, seriesIdx, idx0, idx1);
        }
      }
      let radVal = valRadius * barWid;
      let radBase = baseRadius * barWid;
      for (let i = _dirX == 1 ? idx0 : idx1; i >= idx0 && i <= idx1; i += _dirX) {
        let yVal = dataY[i];
        if (yVal == null)
          continue;
        if (dataY0 != null) {
          let yVal0 = dataY0[i] ?? 0;
          if (yVal - yVal0 == 0)
            continue;
          fillToY = valToPosY(yVal0, scaleY, yDim, yOff);
        }
        let xVal = scaleX.distr != 2 || disp != null ? dataX[i] : i;
        let xPos = valToPosX(xVal, scaleX, xDim, xOff);
        let yPos = valToPosY(ifNull(yVal, fillTo), scaleY, yDim, yOff);
        let lft = pxRound(xPos - xShift);
        let btm = pxRound(max(yPos, fillToY));
        let top = pxRound(min(yPos, fillToY));
        let barHgt = btm - top;
        if (yVal != null) {
          let rv = yVal < 0 ? radBase : radVal;
          let rb = yVal < 0 ? radVal : radBase;
          if (multiPath) {
            if (strokeWidth > 0 && strokeColors[i] != null)
              rect2(strokePaths.get(strokeColors[i]), lft, top + floor(strokeWidth / 2), barWid, max(0, barHgt - strokeWidth), rv, rb);
            if (fillColors[i] != null)
              rect2(fillPaths.get(fillColors[i]), lft, top + floor(strokeWidth / 2), barWid, max(0, barHgt - strokeWidth), rv, rb);
          } else
            rect2(stroke, lft, top + floor(strokeWidth / 2), barWid, max(0, barHgt - strokeWidth), rv, rb);
          each(
            u,
            seriesIdx,
            i,
            lft - strokeWidth / 2,
            top,
            barWid + strokeWidth,
            barHgt
          );
        }
      }
      if (strokeWidth > 0)
        _paths.stroke = multiPath ? strokePaths : stroke;
      else if (!multiPath) {
        _paths._fill = series.width == 0 ? series._fill : series._stroke ?? series._fill;
        _paths.width = 0;
      }
      _paths.fill = multiPath ? fillPaths : stroke;
      return _paths;
    });
  };
}
function splineInterp(interp, opts) {
  const alignGaps = ifNull(opts?.alignGaps, 0);
  return (u, seriesIdx, idx0, idx1) => {
    return orient(u, seriesIdx, (series, dataX, dataY, scaleX, scaleY, valToPosX, valToPosY, xOff, yOff, xDim, yDim) => {
      [idx0, idx1] = nonNullIdxs(dataY, idx0, idx1);
      let pxRound = series.pxRound;
      let pixelForX = (val) => pxRound(valToPosX(val, scaleX, xDim, xOff));
      let pixelForY = (val) => pxRound(valToPosY(val, scaleY, yDim, yOff));
      let moveTo, bezierCurveTo, lineTo;
      if (scaleX.ori == 0) {
        moveTo = moveToH;
        lineTo = lineToH;
        bezierCurveTo = bezierCurveToH;
      } else {
        moveTo = moveToV;
        lineTo = lineToV;
        bezierCurveTo = bezierCurveToV;
      }
      const dir = scaleX.dir * (scaleX.ori == 0 ? 1 : -1);
      let firstXPos = pixelForX(dataX[dir == 1 ? idx0 : idx1]);
      let prevXPos = firstXPos;
      let xCoords = [];
      let yCoords = [];
      for (let i = dir == 1 ? idx0 : idx1; i >= idx0 && i <= idx1; i += dir) {
        let yVal = dataY[i];
        if (yVal != null) {
          let xVal = dataX[i];
          let xPos = pixelForX(xVal);
          xCoords.push(prevXPos = xPos);
          yCoords.push(pixelForY(dataY[i]));
        }
      }
      const _paths = { stroke: interp(xCoords, yCoords, moveTo, lineTo, bezierCurveTo, pxRound), fill: null, clip: null, band: null, gaps: null, flags: BAND_CLIP_FILL };
      const stroke = _paths.stroke;
      let [bandFillDir, bandClipDir] = bandFillClipDirs(u, seriesIdx);
      if (series.fill != null || bandFillDir != 0) {
        let fill2 = _paths.fill = new Path2D(stroke);
        let fillTo = series.fillTo(u, seriesIdx, series.min, series.max, bandFillDir);
        let fillToY = pixelForY(fillTo);
        lineTo(fill2, prevXPos, fillToY);
        lineTo(fill2, firstXPos, fillToY);
      }
      if (!series.spanGaps) {
        let gaps2 = [];
        gaps2.push(...findGaps(dataX, dataY, idx0, idx1, dir, pixelForX, alignGaps));
        _paths.gaps = gaps2 = series.gaps(u, seriesIdx, idx0, idx1, gaps2);
        _paths.clip = clipGaps(gaps2, scaleX.ori, xOff, yOff, xDim, yDim);
      }
      if (bandClipDir != 0) {
        _paths.band = bandClipDir == 2 ? [
          clipBandLine(u, seriesIdx, idx0, idx1, stroke, -1),
          clipBandLine(u, seriesIdx, idx0, idx1, stroke, 1)
        ] : clipBandLine(u, seriesIdx, idx0, idx1, stroke, bandClipDir);
      }
      return _paths;
    });
  };
}
function monotoneCubic(opts) {
  return splineInterp(_monotoneCubic, opts);
}
function _monotoneCubic(xs, ys, moveTo, lineTo, bezierCurveTo, pxRound) {
  const n = xs.length;
  if (n < 2)
    return null;
  const path = new Path2D();
  moveTo(path, xs[0], ys[0]);
  if (n == 2)
    lineTo(path, xs[1], ys[1]);
  else {
    let ms2 = Array(n), ds = Array(n - 1), dys = Array(n - 1), dxs = Array(n - 1);
    for (let i = 0; i < n - 1; i++) {
      dys[i] = ys[i + 1] - ys[i];
      dxs[i] = xs[i + 1] - xs[i];
      ds[i] = dys[i] / dxs[i];
    }
    ms2[0] = ds[0];
    for (let i = 1; i < n - 1; i++) {
      if (ds[i] === 0 || ds[i - 1] === 0 || ds[i - 1] > 0 !== ds[i] > 0)
        ms2[i] = 0;
      else {
        ms2[i] = 3 * (dxs[i - 1] + dxs[i]) / ((2 * dxs[i] + dxs[i - 1]) / ds[i - 1] + (dxs[i] + 2 * dxs[i - 1]) / ds[i]);
        if (!isFinite(ms2[i]))
          ms2[i] = 0;
      }
    }
    ms2[n - 1] = ds[n - 2];
    for (let i = 0; i < n - 1; i++) {
      bezierCurveTo(
        path,
        xs[i] + dxs[i] / 3,
        ys[i] + ms2[i] * dxs[i] / 3,
        xs[i + 1] - dxs[i] / 3,
        ys[i + 1] - ms2[i + 1] * dxs[i] / 3,
        xs[i + 1],
        ys[i + 1]
      );
    }
  }
  return path;
}
var cursorPlots = /* @__PURE__ */ new Set();
function invalidateRects() {
  for (let u of cursorPlots)
    u.syncRect(true);
}
if (domEnv) {
  on(resize, win, invalidateRects);
  on(scroll, win, invalidateRects, true);
  on(dppxchange, win, () => {
    uPlot.pxRatio = pxRatio;
  });
}
var linearPath = linear();
var pointsPath = points();
function setDefaults(d, xo, yo, initY) {
  let d2 = initY ? [d[0], d[1]].concat(d.slice(2)) : [d[0]].concat(d.slice(1));
  return d2.map((o, i) => setDefault(o, i, xo, yo));
}
function setDefaults2(d, xyo) {
  return d.map((o, i) => i == 0 ? {} : assign({}, xyo, o));
}
function setDefault(o, i, xo, yo) {
  return assign({}, i == 0 ? xo : yo, o);
}
function snapNumX(self, dataMin, dataMax) {
  return dataMin == null ? nullNullTuple : [dataMin, dataMax];
}
var snapTimeX = snapNumX;
function snapNumY(self, dataMin, dataMax) {
  return dataMin == null ? nullNullTuple : rangeNum(dataMin, dataMax, rangePad, true);
}
function snapLogY(self, dataMin, dataMax, scale) {
  return dataMin == null ? nullNullTuple : rangeLog(dataMin, dataMax, self.scales[scale].log, false);
}
var snapLogX = snapLogY;
function snapAsinhY(self, dataMin, dataMax, scale) {
  return dataMin == null ? nullNullTuple : rangeAsinh(dataMin, dataMax, self.scales[scale].log, false);
}
var snapAsinhX = snapAsinhY;
function findIncr(minVal, maxVal, incrs, dim, minSpace) {
  let intDigits = max(numIntDigits(minVal), numIntDigits(maxVal));
  let delta = maxVal - minVal;
  let incrIdx = closestIdx(minSpace / dim * delta, incrs);
  do {
    let foundIncr = incrs[incrIdx];
    let foundSpace = dim * foundIncr / delta;
    if (foundSpace >= minSpace && intDigits + (foundIncr < 5 ? fixedDec.get(foundIncr) : 0) <= 17)
      return [foundIncr, foundSpace];
  } while (++incrIdx < incrs.length);
  return [0, 0];
}
function pxRatioFont(font2) {
  let fontSize, fontSizeCss;
  font2 = font2.replace(/(\d+)px/, (m, p1) => (fontSize = round((fontSizeCss = +p1) * pxRatio)) + "px");
  return [font2, fontSize, fontSizeCss];
}
function syncFontSize(axis) {
  if (axis.show) {
    [axis.font, axis.labelFont].forEach((f) => {
      let size = roundDec(f[2] * pxRatio, 1);
      f[0] = f[0].replace(/[0-9.]+px/, size + "px");
      f[1] = size;
    });
  }
}
function uPlot(opts, data2, then) {
  const self = {
    mode: ifNull(opts.mode, 1)
  };
  const mode = self.mode;
  function getHPos(val, scale, dim, off2) {
    let pct2 = scale.valToPct(val);
    return off2 + dim * (scale.dir == -1 ? 1 - pct2 : pct2);
  }
  function getVPos(val, scale, dim, off2) {
    let pct2 = scale.valToPct(val);
    return off2 + dim * (scale.dir == -1 ? pct2 : 1 - pct2);
  }
  function getPos(val, scale, dim, off2) {
    return scale.ori == 0 ? getHPos(val, scale, dim, off2) : getVPos(val, scale, dim, off2);
  }
  self.valToPosH = getHPos;
  self.valToPosV = getVPos;
  let ready = false;
  self.status = 0;
  const root = self.root = placeDiv(UPLOT);
  if (opts.id != null)
    root.id = opts.id;
  addClass(root, opts.class);
  if (opts.title) {
    let title = placeDiv(TITLE, root);
    title.textContent = opts.title;
  }
  const can = placeTag("canvas");
  const ctx = self.ctx = can.getContext("2d");
  const wrap = placeDiv(WRAP, root);
  on("click", wrap, (e) => {
    if (e.target === over) {
      let didDrag = mouseLeft1 != mouseLeft0 || mouseTop1 != mouseTop0;
      didDrag && drag.click(self, e);
    }
  }, true);
  const under = self.under = placeDiv(UNDER, wrap);
  wrap.appendChild(can);
  const over = self.over = placeDiv(OVER, wrap);
  opts = copy(opts);
  const pxAlign = +ifNull(opts.pxAlign, 1);
  const pxRound = pxRoundGen(pxAlign);
  (opts.plugins || []).forEach((p) => {
    if (p.opts)
      opts = p.opts(self, opts) || opts;
  });
  const ms2 = opts.ms || 1e-3;
  const series = self.series = mode == 1 ? setDefaults(opts.series || [], xSeriesOpts, ySeriesOpts, false) : setDefaults2(opts.series || [null], xySeriesOpts);
  const axes = self.axes = setDefaults(opts.axes || [], xAxisOpts, yAxisOpts, true);
  const scales = self.scales = {};
  const bands = self.bands = opts.bands || [];
  bands.forEach((b) => {
    b.fill = fnOrSelf(b.fill || null);
    b.dir = ifNull(b.dir, -1);
  });
  const xScaleKey = mode == 2 ? series[1].facets[0].scale : series[0].scale;
  const drawOrderMap = {
    axes: drawAxesGrid,
    series: drawSeries
  };
  const drawOrder = (opts.drawOrder || ["axes", "series"]).map((key2) => drawOrderMap[key2]);
  function initValToPct(sc) {
    const getVal = sc.distr == 3 ? (val) => log10(val > 0 ? val : sc.clamp(self, val, sc.min, sc.max, sc.key)) : sc.distr == 4 ? (val) => asinh(val, sc.asinh) : sc.distr == 100 ? (val) => sc.fwd(val) : (val) => val;
    return (val) => {
      let _val = getVal(val);
      let { _min, _max } = sc;
      let delta = _max - _min;
      return (_val - _min) / delta;
    };
  }
  function initScale(scaleKey) {
    let sc = scales[scaleKey];
    if (sc == null) {
      let scaleOpts = (opts.scales || EMPTY_OBJ)[scaleKey] || EMPTY_OBJ;
      if (scaleOpts.from != null) {
        initScale(scaleOpts.from);
        let sc2 = assign({}, scales[scaleOpts.from], scaleOpts, { key: scaleKey });
        sc2.valToPct = initValToPct(sc2);
        scales[scaleKey] = sc2;
      } else {
        sc = scales[scaleKey] = assign({}, scaleKey == xScaleKey ? xScaleOpts : yScaleOpts, scaleOpts);
        sc.key = scaleKey;
        let isTime = sc.time;
        let rn = sc.range;
        let rangeIsArr = isArr(rn);
        if (scaleKey != xScaleKey || mode == 2 && !isTime) {
          if (rangeIsArr && (rn[0] == null || rn[1] == null)) {
            rn = {
              min: rn[0] == null ? autoRangePart : {
                mode: 1,
                hard: rn[0],
                soft: rn[0]
              },
              max: rn[1] == null ? autoRangePart : {
                mode: 1,
                hard: rn[1],
                soft: rn[1]
              }
            };
            rangeIsArr = false;
          }
          if (!rangeIsArr && isObj(rn)) {
            let cfg = rn;
            rn = (self2, dataMin, dataMax) => dataMin == null ? nullNullTuple : rangeNum(dataMin, dataMax, cfg);
          }
        }
        sc.range = fnOrSelf(rn || (isTime ? snapTimeX : scaleKey == xScaleKey ? sc.distr == 3 ? snapLogX : sc.distr == 4 ? snapAsinhX : snapNumX : sc.distr == 3 ? snapLogY : sc.distr == 4 ? snapAsinhY : snapNumY));
        sc.auto = fnOrSelf(rangeIsArr ? false : sc.auto);
        sc.clamp = fnOrSelf(sc.clamp || clampScale);
        sc._min = sc._max = null;
        sc.valToPct = initValToPct(sc);
      }
    }
  }
  initScale("x");
  initScale("y");
  if (mode == 1) {
    series.forEach((s) => {
      initScale(s.scale);
    });
  }
  axes.forEach((a) => {
    initScale(a.scale);
  });
  for (let k in opts.scales)
    initScale(k);
  const scaleX = scales[xScaleKey];
  const xScaleDistr = scaleX.distr;
  let valToPosX, valToPosY;
  if (scaleX.ori == 0) {
    addClass(root, ORI_HZ);
    valToPosX = getHPos;
    valToPosY = getVPos;
  } else {
    addClass(root, ORI_VT);
    valToPosX = getVPos;
    valToPosY = getHPos;
  }
  const pendScales = {};
  for (let k in scales) {
    let sc = scales[k];
    if (sc.min != null || sc.max != null) {
      pendScales[k] = { min: sc.min, max: sc.max };
      sc.min = sc.max = null;
    }
  }
  const _tzDate = opts.tzDate || ((ts) => new Date(round(ts / ms2)));
  const _fmtDate = opts.fmtDate || fmtDate;
  const _timeAxisSplits = ms2 == 1 ? timeAxisSplitsMs(_tzDate) : timeAxisSplitsS(_tzDate);
  const _timeAxisVals = timeAxisVals(_tzDate, timeAxisStamps(ms2 == 1 ? _timeAxisStampsMs : _timeAxisStampsS, _fmtDate));
  const _timeSeriesVal = timeSeriesVal(_tzDate, timeSeriesStamp(_timeSeriesStamp, _fmtDate));
  const activeIdxs = [];
  const legend = self.legend = assign({}, legendOpts, opts.legend);
  const cursor = self.cursor = assign({}, cursorOpts, { drag: { y: mode == 2 } }, opts.cursor);
  const showLegend = legend.show;
  const showCursor = cursor.show;
  const markers = legend.markers;
  {
    legend.idxs = activeIdxs;
    markers.width = fnOrSelf(markers.width);
    markers.dash = fnOrSelf(markers.dash);
    markers.stroke = fnOrSelf(markers.stroke);
    markers.fill = fnOrSelf(markers.fill);
  }
  let legendTable;
  let legendHead;
  let legendBody;
  let legendRows = [];
  let legendCells = [];
  let legendCols;
  let multiValLegend = false;
  let NULL_LEGEND_VALUES = {};
  if (legend.live) {
    const getMultiVals = series[1] ? series[1].values : null;
    multiValLegend = getMultiVals != null;
    legendCols = multiValLegend ? getMultiVals(self, 1, 0) : { _: 0 };
    for (let k in legendCols)
      NULL_LEGEND_VALUES[k] = LEGEND_DISP;
  }
  if (showLegend) {
    legendTable = placeTag("table", LEGEND, root);
    legendBody = placeTag("tbody", null, legendTable);
    legend.mount(self, legendTable);
    if (multiValLegend) {
      legendHead = placeTag("thead", null, legendTable, legendBody);
      let head = placeTag("tr", null, legendHead);
      placeTag("th", null, head);
      for (var key in legendCols)
        placeTag("th", LEGEND_LABEL, head).textContent = key;
    } else {
      addClass(legendTable, LEGEND_INLINE);
      legend.live && addClass(legendTable, LEGEND_LIVE);
    }
  }
  const son = { show: true };
  const soff = { show: false };
  function initLegendRow(s, i) {
    if (i == 0 && (multiValLegend || !legend.live || mode == 2))
      return nullNullTuple;
    let cells = [];
    let row4 = placeTag("tr", LEGEND_SERIES, legendBody, legendBody.childNodes[i]);
    addClass(row4, s.class);
    if (!s.show)
      addClass(row4, OFF);
    let label = placeTag("th", null, row4);
    if (markers.show) {
      let indic = placeDiv(LEGEND_MARKER, label);
      if (i > 0) {
        let width = markers.width(self, i);
        if (width)
          indic.style.border = width + "px " + markers.dash(self, i) + " " + markers.stroke(self, i);
        indic.style.background = markers.fill(self, i);
      }
    }
    let text = placeDiv(LEGEND_LABEL, label);
    if (s.label instanceof HTMLElement)
      text.appendChild(s.label);
    else
      text.textContent = s.label;
    if (i > 0) {
      if (!markers.show)
        text.style.color = s.width > 0 ? markers.stroke(self, i) : markers.fill(self, i);
      onMouse("click", label, (e) => {
        if (cursor._lock)
          return;
        setCursorEvent(e);
        let seriesIdx = series.indexOf(s);
        if ((e.ctrlKey || e.metaKey) != legend.isolate) {
          let isolate = series.some((s2, i2) => i2 > 0 && i2 != seriesIdx && s2.show);
          series.forEach((s2, i2) => {
            i2 > 0 && setSeries(i2, isolate ? i2 == seriesIdx ? son : soff : son, true, syncOpts.setSeries);
          });
        } else
          setSeries(seriesIdx, { show: !s.show }, true, syncOpts.setSeries);
      }, false);
      if (cursorFocus) {
        onMouse(mouseenter, label, (e) => {
          if (cursor._lock)
            return;
          setCursorEvent(e);
          setSeries(series.indexOf(s), FOCUS_TRUE, true, syncOpts.setSeries);
        }, false);
      }
    }
    for (var key2 in legendCols) {
      let v = placeTag("td", LEGEND_VALUE, row4);
      v.textContent = "--";
      cells.push(v);
    }
    return [row4, cells];
  }
  const mouseListeners = /* @__PURE__ */ new Map();
  function onMouse(ev, targ, fn, onlyTarg = true) {
    const targListeners = mouseListeners.get(targ) || {};
    const listener = cursor.bind[ev](self, targ, fn, onlyTarg);
    if (listener) {
      on(ev, targ, targListeners[ev] = listener);
      mouseListeners.set(targ, targListeners);
    }
  }
  function offMouse(ev, targ, fn) {
    const targListeners = mouseListeners.get(targ) || {};
    for (let k in targListeners) {
      if (ev == null || k == ev) {
        off(k, targ, targListeners[k]);
        delete targListeners[k];
      }
    }
    if (ev == null)
      mouseListeners.delete(targ);
  }
  let fullWidCss = 0;
  let fullHgtCss = 0;
  let plotWidCss = 0;
  let plotHgtCss = 0;
  let plotLftCss = 0;
  let plotTopCss = 0;
  let _plotLftCss = plotLftCss;
  let _plotTopCss = plotTopCss;
  let _plotWidCss = plotWidCss;
  let _plotHgtCss = plotHgtCss;
  let plotLft = 0;
  let plotTop = 0;
  let plotWid = 0;
  let plotHgt = 0;
  self.bbox = {};
  let shouldSetScales = false;
  let shouldSetSize = false;
  let shouldConvergeSize = false;
  let shouldSetCursor = false;
  let shouldSetSelect = false;
  let shouldSetLegend = false;
  function _setSize(width, height, force) {
    if (force || (width != self.width || height != self.height))
      calcSize(width, height);
    resetYSeries(false);
    shouldConvergeSize = true;
    shouldSetSize = true;
    commit();
  }
  function calcSize(width, height) {
    self.width = fullWidCss = plotWidCss = width;
    self.height = fullHgtCss = plotHgtCss = height;
    plotLftCss = plotTopCss = 0;
    calcPlotRect();
    calcAxesRects();
    let bb = self.bbox;
    plotLft = bb.left = incrRound(plotLftCss * pxRatio, 0.5);
    plotTop = bb.top = incrRound(plotTopCss * pxRatio, 0.5);
    plotWid = bb.width = incrRound(plotWidCss * pxRatio, 0.5);
    plotHgt = bb.height = incrRound(plotHgtCss * pxRatio, 0.5);
  }
  const CYCLE_LIMIT = 3;
  function convergeSize() {
    let converged = false;
    let cycleNum = 0;
    while (!converged) {
      cycleNum++;
      let axesConverged = axesCalc(cycleNum);
      let paddingConverged = paddingCalc(cycleNum);
      converged = cycleNum == CYCLE_LIMIT || axesConverged && paddingConverged;
      if (!converged) {
        calcSize(self.width, self.height);
        shouldSetSize = true;
      }
    }
  }
  function setSize({ width, height }) {
    _setSize(width, height);
  }
  self.setSize = setSize;
  function calcPlotRect() {
    let hasTopAxis = false;
    let hasBtmAxis = false;
    let hasRgtAxis = false;
    let hasLftAxis = false;
    axes.forEach((axis, i) => {
      if (axis.show && axis._show) {
        let { side, _size } = axis;
        let isVt = side % 2;
        let labelSize = axis.label != null ? axis.labelSize : 0;
        let fullSize = _size + labelSize;
        if (fullSize > 0) {
          if (isVt) {
            plotWidCss -= fullSize;
            if (side == 3) {
              plotLftCss += fullSize;
              hasLftAxis = true;
            } else
              hasRgtAxis = true;
          } else {
            plotHgtCss -= fullSize;
            if (side == 0) {
              plotTopCss += fullSize;
              hasTopAxis = true;
            } else
              hasBtmAxis = true;
          }
        }
      }
    });
    sidesWithAxes[0] = hasTopAxis;
    sidesWithAxes[1] = hasRgtAxis;
    sidesWithAxes[2] = hasBtmAxis;
    sidesWithAxes[3] = hasLftAxis;
    plotWidCss -= _padding[1] + _padding[3];
    plotLftCss += _padding[3];
    plotHgtCss -= _padding[2] + _padding[0];
    plotTopCss += _padding[0];
  }
  function calcAxesRects() {
    let off1 = plotLftCss + plotWidCss;
    let off2 = plotTopCss + plotHgtCss;
    let off3 = plotLftCss;
    let off0 = plotTopCss;
    function incrOffset(side, size) {
      switch (side) {
        case 1:
          off1 += size;
          return off1 - size;
        case 2:
          off2 += size;
          return off2 - size;
        case 3:
          off3 -= size;
          return off3 + size;
        case 0:
          off0 -= size;
          return off0 + size;
      }
    }
    axes.forEach((axis, i) => {
      if (axis.show && axis._show) {
        let side = axis.side;
        axis._pos = incrOffset(side, axis._size);
        if (axis.label != null)
          axis._lpos = incrOffset(side, axis.labelSize);
      }
    });
  }
  if (cursor.dataIdx == null) {
    let hov = cursor.hover;
    let skip = hov.skip = new Set(hov.skip ?? []);
    skip.add(void 0);
    let prox = hov.prox = fnOrSelf(hov.prox);
    let bias = hov.bias ??= 0;
    cursor.dataIdx = (self2, seriesIdx, cursorIdx, valAtPosX) => {
      if (seriesIdx == 0)
        return cursorIdx;
      let idx2 = cursorIdx;
      let _prox = prox(self2, seriesIdx, cursorIdx, valAtPosX) ?? inf;
      let withProx = _prox >= 0 && _prox < inf;
      let xDim = scaleX.ori == 0 ? plotWidCss : plotHgtCss;
      let cursorLft = cursor.left;
      let xValues = data2[0];
      let yValues = data2[seriesIdx];
      if (skip.has(yValues[cursorIdx])) {
        idx2 = null;
        let nonNullLft = null, nonNullRgt = null, j;
        if (bias == 0 || bias == -1) {
          j = cursorIdx;
          while (nonNullLft == null && j-- > 0) {
            if (!skip.has(yValues[j]))
              nonNullLft = j;
          }
        }
        if (bias == 0 || bias == 1) {
          j = cursorIdx;
          while (nonNullRgt == null && j++ < yValues.length) {
            if (!skip.has(yValues[j]))
              nonNullRgt = j;
          }
        }
        if (nonNullLft != null || nonNullRgt != null) {
          if (withProx) {
            let lftPos = nonNullLft == null ? -Infinity : valToPosX(xValues[nonNullLft], scaleX, xDim, 0);
            let rgtPos = nonNullRgt == null ? Infinity : valToPosX(xValues[nonNullRgt], scaleX, xDim, 0);
            let lftDelta = cursorLft - lftPos;
            let rgtDelta = rgtPos - cursorLft;
            if (lftDelta <= rgtDelta) {
              if (lftDelta <= _prox)
                idx2 = nonNullLft;
            } else {
              if (rgtDelta <= _prox)
                idx2 = nonNullRgt;
            }
          } else {
            idx2 = nonNullRgt == null ? nonNullLft : nonNullLft == null ? nonNullRgt : cursorIdx - nonNullLft <= nonNullRgt - cursorIdx ? nonNullLft : nonNullRgt;
          }
        }
      } else if (withProx) {
        let dist = abs(cursorLft - valToPosX(xValues[cursorIdx], scaleX, xDim, 0));
        if (dist > _prox)
          idx2 = null;
      }
      return idx2;
    };
  }
  const setCursorEvent = (e) => {
    cursor.event = e;
  };
  cursor.idxs = activeIdxs;
  cursor._lock = false;
  let points2 = cursor.points;
  points2.show = fnOrSelf(points2.show);
  points2.size = fnOrSelf(points2.size);
  points2.stroke = fnOrSelf(points2.stroke);
  points2.width = fnOrSelf(points2.width);
  points2.fill = fnOrSelf(points2.fill);
  const focus = self.focus = assign({}, opts.focus || { alpha: 0.3 }, cursor.focus);
  const cursorFocus = focus.prox >= 0;
  const cursorOnePt = cursorFocus && points2.one;
  let cursorPts = [];
  let cursorPtsLft = [];
  let cursorPtsTop = [];
  function initCursorPt(s, si) {
    let pt = points2.show(self, si);
    if (pt instanceof HTMLElement) {
      addClass(pt, CURSOR_PT);
      addClass(pt, s.class);
      elTrans(pt, -10, -10, plotWidCss, plotHgtCss);
      over.insertBefore(pt, cursorPts[si]);
      return pt;
    }
  }
  function initSeries(s, i) {
    if (mode == 1 || i > 0) {
      let isTime = mode == 1 && scales[s.scale].time;
      let sv = s.value;
      s.value = isTime ? isStr(sv) ? timeSeriesVal(_tzDate, timeSeriesStamp(sv, _fmtDate)) : sv || _timeSeriesVal : sv || numSeriesVal;
      s.label = s.label || (isTime ? timeSeriesLabel : numSeriesLabel);
    }
    if (cursorOnePt || i > 0) {
      s.width = s.width == null ? 1 : s.width;
      s.paths = s.paths || linearPath || retNull;
      s.fillTo = fnOrSelf(s.fillTo || seriesFillTo);
      s.pxAlign = +ifNull(s.pxAlign, pxAlign);
      s.pxRound = pxRoundGen(s.pxAlign);
      s.stroke = fnOrSelf(s.stroke || null);
      s.fill = fnOrSelf(s.fill || null);
      s._stroke = s._fill = s._paths = s._focus = null;
      let _ptDia = ptDia(max(1, s.width), 1);
      let points3 = s.points = assign({}, {
        size: _ptDia,
        width: max(1, _ptDia * 0.2),
        stroke: s.stroke,
        space: _ptDia * 2,
        paths: pointsPath,
        _stroke: null,
        _fill: null
      }, s.points);
      points3.show = fnOrSelf(points3.show);
      points3.filter = fnOrSelf(points3.filter);
      points3.fill = fnOrSelf(points3.fill);
      points3.stroke = fnOrSelf(points3.stroke);
      points3.paths = fnOrSelf(points3.paths);
      points3.pxAlign = s.pxAlign;
    }
    if (showLegend) {
      let rowCells = initLegendRow(s, i);
      legendRows.splice(i, 0, rowCells[0]);
      legendCells.splice(i, 0, rowCells[1]);
      legend.values.push(null);
    }
    if (showCursor) {
      activeIdxs.splice(i, 0, null);
      let pt = null;
      if (cursorOnePt) {
        if (i == 0)
          pt = initCursorPt(s, i);
      } else if (i > 0)
        pt = initCursorPt(s, i);
      cursorPts.splice(i, 0, pt);
      cursorPtsLft.splice(i, 0, 0);
      cursorPtsTop.splice(i, 0, 0);
    }
    fire("addSeries", i);
  }
  function addSeries(opts2, si) {
    si = si == null ? series.length : si;
    opts2 = mode == 1 ? setDefault(opts2, si, xSeriesOpts, ySeriesOpts) : setDefault(opts2, si, {}, xySeriesOpts);
    series.splice(si, 0, opts2);
    initSeries(series[si], si);
  }
  self.addSeries = addSeries;
  function delSeries(i) {
    series.splice(i, 1);
    if (showLegend) {
      legend.values.splice(i, 1);
      legendCells.splice(i, 1);
      let tr = legendRows.splice(i, 1)[0];
      offMouse(null, tr.firstChild);
      tr.remove();
    }
    if (showCursor) {
      activeIdxs.splice(i, 1);
      cursorPts.splice(i, 1)[0].remove();
      cursorPtsLft.splice(i, 1);
      cursorPtsTop.splice(i, 1);
    }
    fire("delSeries", i);
  }
  self.delSeries = delSeries;
  const sidesWithAxes = [false, false, false, false];
  function initAxis(axis, i) {
    axis._show = axis.show;
    if (axis.show) {
      let isVt = axis.side % 2;
      let sc = scales[axis.scale];
      if (sc == null) {
        axis.scale = isVt ? series[1].scale : xScaleKey;
        sc = scales[axis.scale];
      }
      let isTime = sc.time;
      axis.size = fnOrSelf(axis.size);
      axis.space = fnOrSelf(axis.space);
      axis.rotate = fnOrSelf(axis.rotate);
      if (isArr(axis.incrs)) {
        axis.incrs.forEach((incr) => {
          !fixedDec.has(incr) && fixedDec.set(incr, guessDec(incr));
        });
      }
      axis.incrs = fnOrSelf(axis.incrs || (sc.distr == 2 ? wholeIncrs : isTime ? ms2 == 1 ? timeIncrsMs : timeIncrsS : numIncrs));
      axis.splits = fnOrSelf(axis.splits || (isTime && sc.distr == 1 ? _timeAxisSplits : sc.distr == 3 ? logAxisSplits : sc.distr == 4 ? asinhAxisSplits : numAxisSplits));
      axis.stroke = fnOrSelf(axis.stroke);
      axis.grid.stroke = fnOrSelf(axis.grid.stroke);
      axis.ticks.stroke = fnOrSelf(axis.ticks.stroke);
      axis.border.stroke = fnOrSelf(axis.border.stroke);
      let av = axis.values;
      axis.values = // static array of tick values
      isArr(av) && !isArr(av[0]) ? fnOrSelf(av) : (
        // temporal
        isTime ? (
          // config array of fmtDate string tpls
          isArr(av) ? timeAxisVals(_tzDate, timeAxisStamps(av, _fmtDate)) : (
            // fmtDate string tpl
            isStr(av) ? timeAxisVal(_tzDate, av) : av || _timeAxisVals
          )
        ) : av || numAxisVals
      );
      axis.filter = fnOrSelf(axis.filter || (sc.distr >= 3 && sc.log == 10 ? log10AxisValsFilt : sc.distr == 3 && sc.log == 2 ? log2AxisValsFilt : retArg1));
      axis.font = pxRatioFont(axis.font);
      axis.labelFont = pxRatioFont(axis.labelFont);
      axis._size = axis.size(self, null, i, 0);
      axis._space = axis._rotate = axis._incrs = axis._found = // foundIncrSpace
      axis._splits = axis._values = null;
      if (axis._size > 0) {
        sidesWithAxes[i] = true;
        axis._el = placeDiv(AXIS, wrap);
      }
    }
  }
  function autoPadSide(self2, side, sidesWithAxes2, cycleNum) {
    let [hasTopAxis, hasRgtAxis, hasBtmAxis, hasLftAxis] = sidesWithAxes2;
    let ori = side % 2;
    let size = 0;
    if (ori == 0 && (hasLftAxis || hasRgtAxis))
      size = side == 0 && !hasTopAxis || side == 2 && !hasBtmAxis ? round(xAxisOpts.size / 3) : 0;
    if (ori == 1 && (hasTopAxis || hasBtmAxis))
      size = side == 1 && !hasRgtAxis || side == 3 && !hasLftAxis ? round(yAxisOpts.size / 2) : 0;
    return size;
  }
  const padding = self.padding = (opts.padding || [autoPadSide, autoPadSide, autoPadSide, autoPadSide]).map((p) => fnOrSelf(ifNull(p, autoPadSide)));
  const _padding = self._padding = padding.map((p, i) => p(self, i, sidesWithAxes, 0));
  let dataLen;
  let i0 = null;
  let i1 = null;
  const idxs = mode == 1 ? series[0].idxs : null;
  let data0 = null;
  let viaAutoScaleX = false;
  function setData(_data, _resetScales) {
    data2 = _data == null ? [] : _data;
    self.data = self._data = data2;
    if (mode == 2) {
      dataLen = 0;
      for (let i = 1; i < series.length; i++)
        dataLen += data2[i][0].length;
    } else {
      if (data2.length == 0)
        self.data = self._data = data2 = [[]];
      data0 = data2[0];
      dataLen = data0.length;
      let scaleData = data2;
      if (xScaleDistr == 2) {
        scaleData = data2.slice();
        let _data0 = scaleData[0] = Array(dataLen);
        for (let i = 0; i < dataLen; i++)
          _data0[i] = i;
      }
      self._data = data2 = scaleData;
    }
    resetYSeries(true);
    fire("setData");
    if (xScaleDistr == 2) {
      shouldConvergeSize = true;
    }
    if (_resetScales !== false) {
      let xsc = scaleX;
      if (xsc.auto(self, viaAutoScaleX))
        autoScaleX();
      else
        _setScale(xScaleKey, xsc.min, xsc.max);
      shouldSetCursor = shouldSetCursor || cursor.left >= 0;
      shouldSetLegend = true;
      commit();
    }
  }
  self.setData = setData;
  function autoScaleX() {
    viaAutoScaleX = true;
    let _min, _max;
    if (mode == 1) {
      if (dataLen > 0) {
        i0 = idxs[0] = 0;
        i1 = idxs[1] = dataLen - 1;
        _min = data2[0][i0];
        _max = data2[0][i1];
        if (xScaleDistr == 2) {
          _min = i0;
          _max = i1;
        } else if (_min == _max) {
          if (xScaleDistr == 3)
            [_min, _max] = rangeLog(_min, _min, scaleX.log, false);
          else if (xScaleDistr == 4)
            [_min, _max] = rangeAsinh(_min, _min, scaleX.log, false);
          else if (scaleX.time)
            _max = _min + round(86400 / ms2);
          else
            [_min, _max] = rangeNum(_min, _max, rangePad, true);
        }
      } else {
        i0 = idxs[0] = _min = null;
        i1 = idxs[1] = _max = null;
      }
    }
    _setScale(xScaleKey, _min, _max);
  }
  let ctxStroke, ctxFill, ctxWidth, ctxDash, ctxJoin, ctxCap, ctxFont, ctxAlign, ctxBaseline;
  let ctxAlpha;
  function setCtxStyle(stroke, width, dash, cap, fill2, join2) {
    stroke ??= transparent;
    dash ??= EMPTY_ARR;
    cap ??= "butt";
    fill2 ??= transparent;
    join2 ??= "round";
    if (stroke != ctxStroke)
      ctx.strokeStyle = ctxStroke = stroke;
    if (fill2 != ctxFill)
      ctx.fillStyle = ctxFill = fill2;
    if (width != ctxWidth)
      ctx.lineWidth = ctxWidth = width;
    if (join2 != ctxJoin)
      ctx.lineJoin = ctxJoin = join2;
    if (cap != ctxCap)
      ctx.lineCap = ctxCap = cap;
    if (dash != ctxDash)
      ctx.setLineDash(ctxDash = dash);
  }
  function setFontStyle(font2, fill2, align, baseline) {
    if (fill2 != ctxFill)
      ctx.fillStyle = ctxFill = fill2;
    if (font2 != ctxFont)
      ctx.font = ctxFont = font2;
    if (align != ctxAlign)
      ctx.textAlign = ctxAlign = align;
    if (baseline != ctxBaseline)
      ctx.textBaseline = ctxBaseline = baseline;
  }
  function accScale(wsc, psc, facet2, data3, sorted = 0) {
    if (data3.length > 0 && wsc.auto(self, viaAutoScaleX) && (psc == null || psc.min == null)) {
      let _i0 = ifNull(i0, 0);
      let _i1 = ifNull(i1, data3.length - 1);
      let minMax = facet2.min == null ? getMinMax(data3, _i0, _i1, sorted, wsc.distr == 3) : [facet2.min, facet2.max];
      wsc.min = min(wsc.min, facet2.min = minMax[0]);
      wsc.max = max(wsc.max, facet2.max = minMax[1]);
    }
  }
  const AUTOSCALE = { min: null, max: null };
  function setScales() {
    for (let k in scales) {
      let sc = scales[k];
      if (pendScales[k] == null && // scales that have never been set (on init)
      (sc.min == null || // or auto scales when the x scale was explicitly set
      pendScales[xScaleKey] != null && sc.auto(self, viaAutoScaleX))) {
        pendScales[k] = AUTOSCALE;
      }
    }
    for (let k in scales) {
      let sc = scales[k];
      if (pendScales[k] == null && sc.from != null && pendScales[sc.from] != null)
        pendScales[k] = AUTOSCALE;
    }
    if (pendScales[xScaleKey] != null)
      resetYSeries(true);
    let wipScales = {};
    for (let k in pendScales) {
      let psc = pendScales[k];
      if (psc != null) {
        let wsc = wipScales[k] = copy(scales[k], fastIsObj);
        if (psc.min != null)
          assign(wsc, psc);
        else if (k != xScaleKey || mode == 2) {
          if (dataLen == 0 && wsc.from == null) {
            let minMax = wsc.range(self, null, null, k);
            wsc.min = minMax[0];
            wsc.max = minMax[1];
          } else {
            wsc.min = inf;
            wsc.max = -inf;
          }
        }
      }
    }
    if (dataLen > 0) {
      series.forEach((s, i) => {
        if (mode == 1) {
          let k = s.scale;
          let psc = pendScales[k];
          if (psc == null)
            return;
          let wsc = wipScales[k];
          if (i == 0) {
            let minMax = wsc.range(self, wsc.min, wsc.max, k);
            wsc.min = minMax[0];
            wsc.max = minMax[1];
            i0 = closestIdx(wsc.min, data2[0]);
            i1 = closestIdx(wsc.max, data2[0]);
            if (i1 - i0 > 1) {
              if (data2[0][i0] < wsc.min)
                i0++;
              if (data2[0][i1] > wsc.max)
                i1--;
            }
            s.min = data0[i0];
            s.max = data0[i1];
          } else if (s.show && s.auto)
            accScale(wsc, psc, s, data2[i], s.sorted);
          s.idxs[0] = i0;
          s.idxs[1] = i1;
        } else {
          if (i > 0) {
            if (s.show && s.auto) {
              let [xFacet, yFacet] = s.facets;
              let xScaleKey2 = xFacet.scale;
              let yScaleKey = yFacet.scale;
              let [xData, yData] = data2[i];
              let wscx = wipScales[xScaleKey2];
              let wscy = wipScales[yScaleKey];
              wscx != null && accScale(wscx, pendScales[xScaleKey2], xFacet, xData, xFacet.sorted);
              wscy != null && accScale(wscy, pendScales[yScaleKey], yFacet, yData, yFacet.sorted);
              s.min = yFacet.min;
              s.max = yFacet.max;
            }
          }
        }
      });
      for (let k in wipScales) {
        let wsc = wipScales[k];
        let psc = pendScales[k];
        if (wsc.from == null && (psc == null || psc.min == null)) {
          let minMax = wsc.range(
            self,
            wsc.min == inf ? null : wsc.min,
            wsc.max == -inf ? null : wsc.max,
            k
          );
          wsc.min = minMax[0];
          wsc.max = minMax[1];
        }
      }
    }
    for (let k in wipScales) {
      let wsc = wipScales[k];
      if (wsc.from != null) {
        let base = wipScales[wsc.from];
        if (base.min == null)
          wsc.min = wsc.max = null;
        else {
          let minMax = wsc.range(self, base.min, base.max, k);
          wsc.min = minMax[0];
          wsc.max = minMax[1];
        }
      }
    }
    let changed = {};
    let anyChanged = false;
    for (let k in wipScales) {
      let wsc = wipScales[k];
      let sc = scales[k];
      if (sc.min != wsc.min || sc.max != wsc.max) {
        sc.min = wsc.min;
        sc.max = wsc.max;
        let distr = sc.distr;
        sc._min = distr == 3 ? log10(sc.min) : distr == 4 ? asinh(sc.min, sc.asinh) : distr == 100 ? sc.fwd(sc.min) : sc.min;
        sc._max = distr == 3 ? log10(sc.max) : distr == 4 ? asinh(sc.max, sc.asinh) : distr == 100 ? sc.fwd(sc.max) : sc.max;
        changed[k] = anyChanged = true;
      }
    }
    if (anyChanged) {
      series.forEach((s, i) => {
        if (mode == 2) {
          if (i > 0 && changed.y)
            s._paths = null;
        } else {
          if (changed[s.scale])
            s._paths = null;
        }
      });
      for (let k in changed) {
        shouldConvergeSize = true;
        fire("setScale", k);
      }
      if (showCursor && cursor.left >= 0)
        shouldSetCursor = shouldSetLegend = true;
    }
    for (let k in pendScales)
      pendScales[k] = null;
  }
  function getOuterIdxs(ydata) {
    let _i0 = clamp(i0 - 1, 0, dataLen - 1);
    let _i1 = clamp(i1 + 1, 0, dataLen - 1);
    while (ydata[_i0] == null && _i0 > 0)
      _i0--;
    while (ydata[_i1] == null && _i1 < dataLen - 1)
      _i1++;
    return [_i0, _i1];
  }
  function drawSeries() {
    if (dataLen > 0) {
      let shouldAlpha = series.some((s) => s._focus) && ctxAlpha != focus.alpha;
      if (shouldAlpha)
        ctx.globalAlpha = ctxAlpha = focus.alpha;
      series.forEach((s, i) => {
        if (i > 0 && s.show) {
          cacheStrokeFill(i, false);
          cacheStrokeFill(i, true);
          if (s._paths == null) {
            let _ctxAlpha = ctxAlpha;
            if (ctxAlpha != s.alpha)
              ctx.globalAlpha = ctxAlpha = s.alpha;
            let _idxs = mode == 2 ? [0, data2[i][0].length - 1] : getOuterIdxs(data2[i]);
            s._paths = s.paths(self, i, _idxs[0], _idxs[1]);
            if (ctxAlpha != _ctxAlpha)
              ctx.globalAlpha = ctxAlpha = _ctxAlpha;
          }
        }
      });
      series.forEach((s, i) => {
        if (i > 0 && s.show) {
          let _ctxAlpha = ctxAlpha;
          if (ctxAlpha != s.alpha)
            ctx.globalAlpha = ctxAlpha = s.alpha;
          s._paths != null && drawPath(i, false);
          {
            let _gaps = s._paths != null ? s._paths.gaps : null;
            let show2 = s.points.show(self, i, i0, i1, _gaps);
            let idxs2 = s.points.filter(self, i, show2, _gaps);
            if (show2 || idxs2) {
              s.points._paths = s.points.paths(self, i, i0, i1, idxs2);
              drawPath(i, true);
            }
          }
          if (ctxAlpha != _ctxAlpha)
            ctx.globalAlpha = ctxAlpha = _ctxAlpha;
          fire("drawSeries", i);
        }
      });
      if (shouldAlpha)
        ctx.globalAlpha = ctxAlpha = 1;
    }
  }
  function cacheStrokeFill(si, _points) {
    let s = _points ? series[si].points : series[si];
    s._stroke = s.stroke(self, si);
    s._fill = s.fill(self, si);
  }
  function drawPath(si, _points) {
    let s = _points ? series[si].points : series[si];
    let {
      stroke,
      fill: fill2,
      clip: gapsClip,
      flags,
      _stroke: strokeStyle = s._stroke,
      _fill: fillStyle = s._fill,
      _width: width = s.width
    } = s._paths;
    width = roundDec(width * pxRatio, 3);
    let boundsClip = null;
    let offset = width % 2 / 2;
    if (_points && fillStyle == null)
      fillStyle = width > 0 ? "#fff" : strokeStyle;
    let _pxAlign = s.pxAlign == 1 && offset > 0;
    _pxAlign && ctx.translate(offset, offset);
    if (!_points) {
      let lft = plotLft - width / 2, top = plotTop - width / 2, wid = plotWid + width, hgt = plotHgt + width;
      boundsClip = new Path2D();
      boundsClip.rect(lft, top, wid, hgt);
    }
    if (_points)
      strokeFill(strokeStyle, width, s.dash, s.cap, fillStyle, stroke, fill2, flags, gapsClip);
    else
      fillStroke(si, strokeStyle, width, s.dash, s.cap, fillStyle, stroke, fill2, flags, boundsClip, gapsClip);
    _pxAlign && ctx.translate(-offset, -offset);
  }
  function fillStroke(si, strokeStyle, lineWidth, lineDash, lineCap, fillStyle, strokePath, fillPath, flags, boundsClip, gapsClip) {
    let didStrokeFill = false;
    flags != 0 && bands.forEach((b, bi) => {
      if (b.series[0] == si) {
        let lowerEdge = series[b.series[1]];
        let lowerData = data2[b.series[1]];
        let bandClip = (lowerEdge._paths || EMPTY_OBJ).band;
        if (isArr(bandClip))
          bandClip = b.dir == 1 ? bandClip[0] : bandClip[1];
        let gapsClip2;
        let _fillStyle = null;
        if (lowerEdge.show && bandClip && hasData(lowerData, i0, i1)) {
          _fillStyle = b.fill(self, bi) || fillStyle;
          gapsClip2 = lowerEdge._paths.clip;
        } else
          bandClip = null;
        strokeFill(strokeStyle, lineWidth, lineDash, lineCap, _fillStyle, strokePath, fillPath, flags, boundsClip, gapsClip, gapsClip2, bandClip);
        didStrokeFill = true;
      }
    });
    if (!didStrokeFill)
      strokeFill(strokeStyle, lineWidth, lineDash, lineCap, fillStyle, strokePath, fillPath, flags, boundsClip, gapsClip);
  }
  const CLIP_FILL_STROKE = BAND_CLIP_FILL | BAND_CLIP_STROKE;
  function strokeFill(strokeStyle, lineWidth, lineDash, lineCap, fillStyle, strokePath, fillPath, flags, boundsClip, gapsClip, gapsClip2, bandClip) {
    setCtxStyle(strokeStyle, lineWidth, lineDash, lineCap, fillStyle);
    if (boundsClip || gapsClip || bandClip) {
      ctx.save();
      boundsClip && ctx.clip(boundsClip);
      gapsClip && ctx.clip(gapsClip);
    }
    if (bandClip) {
      if ((flags & CLIP_FILL_STROKE) == CLIP_FILL_STROKE) {
        ctx.clip(bandClip);
        gapsClip2 && ctx.clip(gapsClip2);
        doFill(fillStyle, fillPath);
        doStroke(strokeStyle, strokePath, lineWidth);
      } else if (flags & BAND_CLIP_STROKE) {
        doFill(fillStyle, fillPath);
        ctx.clip(bandClip);
        doStroke(strokeStyle, strokePath, lineWidth);
      } else if (flags & BAND_CLIP_FILL) {
        ctx.save();
        ctx.clip(bandClip);
        gapsClip2 && ctx.clip(gapsClip2);
        doFill(fillStyle, fillPath);
        ctx.restore();
        doStroke(strokeStyle, strokePath, lineWidth);
      }
    } else {
      doFill(fillStyle, fillPath);
      doStroke(strokeStyle, strokePath, lineWidth);
    }
    if (boundsClip || gapsClip || bandClip)
      ctx.restore();
  }
  function doStroke(strokeStyle, strokePath, lineWidth) {
    if (lineWidth > 0) {
      if (strokePath instanceof Map) {
        strokePath.forEach((strokePath2, strokeStyle2) => {
          ctx.strokeStyle = ctxStroke = strokeStyle2;
          ctx.stroke(strokePath2);
        });
      } else
        strokePath != null && strokeStyle && ctx.stroke(strokePath);
    }
  }
  function doFill(fillStyle, fillPath) {
    if (fillPath instanceof Map) {
      fillPath.forEach((fillPath2, fillStyle2) => {
        ctx.fillStyle = ctxFill = fillStyle2;
        ctx.fill(fillPath2);
      });
    } else
      fillPath != null && fillStyle && ctx.fill(fillPath);
  }
  function getIncrSpace(axisIdx, min2, max2, fullDim) {
    let axis = axes[axisIdx];
    let incrSpace;
    if (fullDim <= 0)
      incrSpace = [0, 0];
    else {
      let minSpace = axis._space = axis.space(self, axisIdx, min2, max2, fullDim);
      let incrs = axis._incrs = axis.incrs(self, axisIdx, min2, max2, fullDim, minSpace);
      incrSpace = findIncr(min2, max2, incrs, fullDim, minSpace);
    }
    return axis._found = incrSpace;
  }
  function drawOrthoLines(offs, filts, ori, side, pos0, len, width, stroke, dash, cap) {
    let offset = width % 2 / 2;
    pxAlign == 1 && ctx.translate(offset, offset);
    setCtxStyle(stroke, width, dash, cap, stroke);
    ctx.beginPath();
    let x0, y0, x1, y1, pos1 = pos0 + (side == 0 || side == 3 ? -len : len);
    if (ori == 0) {
      y0 = pos0;
      y1 = pos1;
    } else {
      x0 = pos0;
      x1 = pos1;
    }
    for (let i = 0; i < offs.length; i++) {
      if (filts[i] != null) {
        if (ori == 0)
          x0 = x1 = offs[i];
        else
          y0 = y1 = offs[i];
        ctx.moveTo(x0, y0);
        ctx.lineTo(x1, y1);
      }
    }
    ctx.stroke();
    pxAlign == 1 && ctx.translate(-offset, -offset);
  }
  function axesCalc(cycleNum) {
    let converged = true;
    axes.forEach((axis, i) => {
      if (!axis.show)
        return;
      let scale = scales[axis.scale];
      if (scale.min == null) {
        if (axis._show) {
          converged = false;
          axis._show = false;
          resetYSeries(false);
        }
        return;
      } else {
        if (!axis._show) {
          converged = false;
          axis._show = true;
          resetYSeries(false);
        }
      }
      let side = axis.side;
      let ori = side % 2;
      let { min: min2, max: max2 } = scale;
      let [_incr, _space] = getIncrSpace(i, min2, max2, ori == 0 ? plotWidCss : plotHgtCss);
      if (_space == 0)
        return;
      let forceMin = scale.distr == 2;
      let _splits = axis._splits = axis.splits(self, i, min2, max2, _incr, _space, forceMin);
      let splits = scale.distr == 2 ? _splits.map((i2) => data0[i2]) : _splits;
      let incr = scale.distr == 2 ? data0[_splits[1]] - data0[_splits[0]] : _incr;
      let values = axis._values = axis.values(self, axis.filter(self, splits, i, _space, incr), i, _space, incr);
      axis._rotate = side == 2 ? axis.rotate(self, values, i, _space) : 0;
      let oldSize = axis._size;
      axis._size = ceil(axis.size(self, values, i, cycleNum));
      if (oldSize != null && axis._size != oldSize)
        converged = false;
    });
    return converged;
  }
  function paddingCalc(cycleNum) {
    let converged = true;
    padding.forEach((p, i) => {
      let _p = p(self, i, sidesWithAxes, cycleNum);
      if (_p != _padding[i])
        converged = false;
      _padding[i] = _p;
    });
    return converged;
  }
  function drawAxesGrid() {
    for (let i = 0; i < axes.length; i++) {
      let axis = axes[i];
      if (!axis.show || !axis._show)
        continue;
      let side = axis.side;
      let ori = side % 2;
      let x, y;
      let fillStyle = axis.stroke(self, i);
      let shiftDir = side == 0 || side == 3 ? -1 : 1;
      let [_incr, _space] = axis._found;
      if (axis.label != null) {
        let shiftAmt2 = axis.labelGap * shiftDir;
        let baseLpos = round((axis._lpos + shiftAmt2) * pxRatio);
        setFontStyle(axis.labelFont[0], fillStyle, "center", side == 2 ? TOP : BOTTOM);
        ctx.save();
        if (ori == 1) {
          x = y = 0;
          ctx.translate(
            baseLpos,
            round(plotTop + plotHgt / 2)
          );
          ctx.rotate((side == 3 ? -PI : PI) / 2);
        } else {
          x = round(plotLft + plotWid / 2);
          y = baseLpos;
        }
        let _label = isFn(axis.label) ? axis.label(self, i, _incr, _space) : axis.label;
        ctx.fillText(_label, x, y);
        ctx.restore();
      }
      if (_space == 0)
        continue;
      let scale = scales[axis.scale];
      let plotDim = ori == 0 ? plotWid : plotHgt;
      let plotOff = ori == 0 ? plotLft : plotTop;
      let _splits = axis._splits;
      let splits = scale.distr == 2 ? _splits.map((i2) => data0[i2]) : _splits;
      let incr = scale.distr == 2 ? data0[_splits[1]] - data0[_splits[0]] : _incr;
      let ticks2 = axis.ticks;
      let border2 = axis.border;
      let _tickSize = ticks2.show ? ticks2.size : 0;
      let tickSize = round(_tickSize * pxRatio);
      let axisGap = round((axis.alignTo == 2 ? axis._size - _tickSize - axis.gap : axis.gap) * pxRatio);
      let angle = axis._rotate * -PI / 180;
      let basePos = pxRound(axis._pos * pxRatio);
      let shiftAmt = (tickSize + axisGap) * shiftDir;
      let finalPos = basePos + shiftAmt;
      y = ori == 0 ? finalPos : 0;
      x = ori == 1 ? finalPos : 0;
      let font2 = axis.font[0];
      let textAlign = axis.align == 1 ? LEFT : axis.align == 2 ? RIGHT : angle > 0 ? LEFT : angle < 0 ? RIGHT : ori == 0 ? "center" : side == 3 ? RIGHT : LEFT;
      let textBaseline = angle || ori == 1 ? "middle" : side == 2 ? TOP : BOTTOM;
      setFontStyle(font2, fillStyle, textAlign, textBaseline);
      let lineHeight = axis.font[1] * axis.lineGap;
      let canOffs = _splits.map((val) => pxRound(getPos(val, scale, plotDim, plotOff)));
      let _values = axis._values;
      for (let i2 = 0; i2 < _values.length; i2++) {
        let val = _values[i2];
        if (val != null) {
          if (ori == 0)
            x = canOffs[i2];
          else
            y = canOffs[i2];
          val = "" + val;
          let _parts = val.indexOf("\n") == -1 ? [val] : val.split(/\n/gm);
          for (let j = 0; j < _parts.length; j++) {
            let text = _parts[j];
            if (angle) {
              ctx.save();
              ctx.translate(x, y + j * lineHeight);
              ctx.rotate(angle);
              ctx.fillText(text, 0, 0);
              ctx.restore();
            } else
              ctx.fillText(text, x, y + j * lineHeight);
          }
        }
      }
      if (ticks2.show) {
        drawOrthoLines(
          canOffs,
          ticks2.filter(self, splits, i, _space, incr),
          ori,
          side,
          basePos,
          tickSize,
          roundDec(ticks2.width * pxRatio, 3),
          ticks2.stroke(self, i),
          ticks2.dash,
          ticks2.cap
        );
      }
      let grid2 = axis.grid;
      if (grid2.show) {
        drawOrthoLines(
          canOffs,
          grid2.filter(self, splits, i, _space, incr),
          ori,
          ori == 0 ? 2 : 1,
          ori == 0 ? plotTop : plotLft,
          ori == 0 ? plotHgt : plotWid,
          roundDec(grid2.width * pxRatio, 3),
          grid2.stroke(self, i),
          grid2.dash,
          grid2.cap
        );
      }
      if (border2.show) {
        drawOrthoLines(
          [basePos],
          [1],
          ori == 0 ? 1 : 0,
          ori == 0 ? 1 : 2,
          ori == 1 ? plotTop : plotLft,
          ori == 1 ? plotHgt : plotWid,
          roundDec(border2.width * pxRatio, 3),
          border2.stroke(self, i),
          border2.dash,
          border2.cap
        );
      }
    }
    fire("drawAxes");
  }
  function resetYSeries(minMax) {
    series.forEach((s, i) => {
      if (i > 0) {
        s._paths = null;
        if (minMax) {
          if (mode == 1) {
            s.min = null;
            s.max = null;
          } else {
            s.facets.forEach((f) => {
              f.min = null;
              f.max = null;
            });
          }
        }
      }
    });
  }
  let queuedCommit = false;
  let deferHooks = false;
  let hooksQueue = [];
  function flushHooks() {
    deferHooks = false;
    for (let i = 0; i < hooksQueue.length; i++)
      fire(...hooksQueue[i]);
    hooksQueue.length = 0;
  }
  function commit() {
    if (!queuedCommit) {
      microTask(_commit);
      queuedCommit = true;
    }
  }
  function batch(fn, _deferHooks = false) {
    queuedCommit = true;
    deferHooks = _deferHooks;
    fn(self);
    _commit();
    if (_deferHooks && hooksQueue.length > 0)
      queueMicrotask(flushHooks);
  }
  self.batch = batch;
  function _commit() {
    if (shouldSetScales) {
      setScales();
      shouldSetScales = false;
    }
    if (shouldConvergeSize) {
      convergeSize();
      shouldConvergeSize = false;
    }
    if (shouldSetSize) {
      setStylePx(under, LEFT, plotLftCss);
      setStylePx(under, TOP, plotTopCss);
      setStylePx(under, WIDTH, plotWidCss);
      setStylePx(under, HEIGHT, plotHgtCss);
      setStylePx(over, LEFT, plotLftCss);
      setStylePx(over, TOP, plotTopCss);
      setStylePx(over, WIDTH, plotWidCss);
      setStylePx(over, HEIGHT, plotHgtCss);
      setStylePx(wrap, WIDTH, fullWidCss);
      setStylePx(wrap, HEIGHT, fullHgtCss);
      can.width = round(fullWidCss * pxRatio);
      can.height = round(fullHgtCss * pxRatio);
      axes.forEach(({ _el, _show, _size, _pos, side }) => {
        if (_el != null) {
          if (_show) {
            let posOffset = side === 3 || side === 0 ? _size : 0;
            let isVt = side % 2 == 1;
            setStylePx(_el, isVt ? "left" : "top", _pos - posOffset);
            setStylePx(_el, isVt ? "width" : "height", _size);
            setStylePx(_el, isVt ? "top" : "left", isVt ? plotTopCss : plotLftCss);
            setStylePx(_el, isVt ? "height" : "width", isVt ? plotHgtCss : plotWidCss);
            remClass(_el, OFF);
          } else
            addClass(_el, OFF);
        }
      });
      ctxStroke = ctxFill = ctxWidth = ctxJoin = ctxCap = ctxFont = ctxAlign = ctxBaseline = ctxDash = null;
      ctxAlpha = 1;
      syncRect(true);
      if (plotLftCss != _plotLftCss || plotTopCss != _plotTopCss || plotWidCss != _plotWidCss || plotHgtCss != _plotHgtCss) {
        resetYSeries(false);
        let pctWid = plotWidCss / _plotWidCss;
        let pctHgt = plotHgtCss / _plotHgtCss;
        if (showCursor && !shouldSetCursor && cursor.left >= 0) {
          cursor.left *= pctWid;
          cursor.top *= pctHgt;
          vCursor && elTrans(vCursor, round(cursor.left), 0, plotWidCss, plotHgtCss);
          hCursor && elTrans(hCursor, 0, round(cursor.top), plotWidCss, plotHgtCss);
          for (let i = 0; i < cursorPts.length; i++) {
            let pt = cursorPts[i];
            if (pt != null) {
              cursorPtsLft[i] *= pctWid;
              cursorPtsTop[i] *= pctHgt;
              elTrans(pt, ceil(cursorPtsLft[i]), ceil(cursorPtsTop[i]), plotWidCss, plotHgtCss);
            }
          }
        }
        if (select.show && !shouldSetSelect && select.left >= 0 && select.width > 0) {
          select.left *= pctWid;
          select.width *= pctWid;
          select.top *= pctHgt;
          select.height *= pctHgt;
          for (let prop in _hideProps)
            setStylePx(selectDiv, prop, select[prop]);
        }
        _plotLftCss = plotLftCss;
        _plotTopCss = plotTopCss;
        _plotWidCss = plotWidCss;
        _plotHgtCss = plotHgtCss;
      }
      fire("setSize");
      shouldSetSize = false;
    }
    if (fullWidCss > 0 && fullHgtCss > 0) {
      ctx.clearRect(0, 0, can.width, can.height);
      fire("drawClear");
      drawOrder.forEach((fn) => fn());
      fire("draw");
    }
    if (select.show && shouldSetSelect) {
      setSelect(select);
      shouldSetSelect = false;
    }
    if (showCursor && shouldSetCursor) {
      updateCursor(null, true, false);
      shouldSetCursor = false;
    }
    if (legend.show && legend.live && shouldSetLegend) {
      setLegend();
      shouldSetLegend = false;
    }
    if (!ready) {
      ready = true;
      self.status = 1;
      fire("ready");
    }
    viaAutoScaleX = false;
    queuedCommit = false;
  }
  self.redraw = (rebuildPaths, recalcAxes) => {
    shouldConvergeSize = recalcAxes || false;
    if (rebuildPaths !== false)
      _setScale(xScaleKey, scaleX.min, scaleX.max);
    else
      commit();
  };
  function setScale(key2, opts2) {
    let sc = scales[key2];
    if (sc.from == null) {
      if (dataLen == 0) {
        let minMax = sc.range(self, opts2.min, opts2.max, key2);
        opts2.min = minMax[0];
        opts2.max = minMax[1];
      }
      if (opts2.min > opts2.max) {
        let _min = opts2.min;
        opts2.min = opts2.max;
        opts2.max = _min;
      }
      if (dataLen > 1 && opts2.min != null && opts2.max != null && opts2.max - opts2.min < 1e-16)
        return;
      if (key2 == xScaleKey) {
        if (sc.distr == 2 && dataLen > 0) {
          opts2.min = closestIdx(opts2.min, data2[0]);
          opts2.max = closestIdx(opts2.max, data2[0]);
          if (opts2.min == opts2.max)
            opts2.max++;
        }
      }
      pendScales[key2] = opts2;
      shouldSetScales = true;
      commit();
    }
  }
  self.setScale = setScale;
  let xCursor;
  let yCursor;
  let vCursor;
  let hCursor;
  let rawMouseLeft0;
  let rawMouseTop0;
  let mouseLeft0;
  let mouseTop0;
  let rawMouseLeft1;
  let rawMouseTop1;
  let mouseLeft1;
  let mouseTop1;
  let dragging = false;
  const drag = cursor.drag;
  let dragX = drag.x;
  let dragY = drag.y;
  if (showCursor) {
    if (cursor.x)
      xCursor = placeDiv(CURSOR_X, over);
    if (cursor.y)
      yCursor = placeDiv(CURSOR_Y, over);
    if (scaleX.ori == 0) {
      vCursor = xCursor;
      hCursor = yCursor;
    } else {
      vCursor = yCursor;
      hCursor = xCursor;
    }
    mouseLeft1 = cursor.left;
    mouseTop1 = cursor.top;
  }
  const select = self.select = assign({
    show: true,
    over: true,
    left: 0,
    width: 0,
    top: 0,
    height: 0
  }, opts.select);
  const selectDiv = select.show ? placeDiv(SELECT, select.over ? over : under) : null;
  function setSelect(opts2, _fire) {
    if (select.show) {
      for (let prop in opts2) {
        select[prop] = opts2[prop];
        if (prop in _hideProps)
          setStylePx(selectDiv, prop, opts2[prop]);
      }
      _fire !== false && fire("setSelect");
    }
  }
  self.setSelect = setSelect;
  function toggleDOM(i) {
    let s = series[i];
    if (s.show)
      showLegend && remClass(legendRows[i], OFF);
    else {
      showLegend && addClass(legendRows[i], OFF);
      if (showCursor) {
        let pt = cursorOnePt ? cursorPts[0] : cursorPts[i];
        pt != null && elTrans(pt, -10, -10, plotWidCss, plotHgtCss);
      }
    }
  }
  function _setScale(key2, min2, max2) {
    setScale(key2, { min: min2, max: max2 });
  }
  function setSeries(i, opts2, _fire, _pub) {
    if (opts2.focus != null)
      setFocus(i);
    if (opts2.show != null) {
      series.forEach((s, si) => {
        if (si > 0 && (i == si || i == null)) {
          s.show = opts2.show;
          toggleDOM(si);
          if (mode == 2) {
            _setScale(s.facets[0].scale, null, null);
            _setScale(s.facets[1].scale, null, null);
          } else
            _setScale(s.scale, null, null);
          commit();
        }
      });
    }
    _fire !== false && fire("setSeries", i, opts2);
    _pub && pubSync("setSeries", self, i, opts2);
  }
  self.setSeries = setSeries;
  function setBand(bi, opts2) {
    assign(bands[bi], opts2);
  }
  function addBand(opts2, bi) {
    opts2.fill = fnOrSelf(opts2.fill || null);
    opts2.dir = ifNull(opts2.dir, -1);
    bi = bi == null ? bands.length : bi;
    bands.splice(bi, 0, opts2);
  }
  function delBand(bi) {
    if (bi == null)
      bands.length = 0;
    else
      bands.splice(bi, 1);
  }
  self.addBand = addBand;
  self.setBand = setBand;
  self.delBand = delBand;
  function setAlpha(i, value) {
    series[i].alpha = value;
    if (showCursor && cursorPts[i] != null)
      cursorPts[i].style.opacity = value;
    if (showLegend && legendRows[i])
      legendRows[i].style.opacity = value;
  }
  let closestDist;
  let closestSeries;
  let focusedSeries;
  const FOCUS_TRUE = { focus: true };
  function setFocus(i) {
    if (i != focusedSeries) {
      let allFocused = i == null;
      let _setAlpha = focus.alpha != 1;
      series.forEach((s, i2) => {
        if (mode == 1 || i2 > 0) {
          let isFocused = allFocused || i2 == 0 || i2 == i;
          s._focus = allFocused ? null : isFocused;
          _setAlpha && setAlpha(i2, isFocused ? 1 : focus.alpha);
        }
      });
      focusedSeries = i;
      _setAlpha && commit();
    }
  }
  if (showLegend && cursorFocus) {
    onMouse(mouseleave, legendTable, (e) => {
      if (cursor._lock)
        return;
      setCursorEvent(e);
      if (focusedSeries != null)
        setSeries(null, FOCUS_TRUE, true, syncOpts.setSeries);
    });
  }
  function posToVal(pos, scale, can2) {
    let sc = scales[scale];
    if (can2)
      pos = pos / pxRatio - (sc.ori == 1 ? plotTopCss : plotLftCss);
    let dim = plotWidCss;
    if (sc.ori == 1) {
      dim = plotHgtCss;
      pos = dim - pos;
    }
    if (sc.dir == -1)
      pos = dim - pos;
    let _min = sc._min, _max = sc._max, pct2 = pos / dim;
    let sv = _min + (_max - _min) * pct2;
    let distr = sc.distr;
    return distr == 3 ? pow(10, sv) : distr == 4 ? sinh(sv, sc.asinh) : distr == 100 ? sc.bwd(sv) : sv;
  }
  function closestIdxFromXpos(pos, can2) {
    let v = posToVal(pos, xScaleKey, can2);
    return closestIdx(v, data2[0], i0, i1);
  }
  self.valToIdx = (val) => closestIdx(val, data2[0]);
  self.posToIdx = closestIdxFromXpos;
  self.posToVal = posToVal;
  self.valToPos = (val, scale, can2) => scales[scale].ori == 0 ? getHPos(
    val,
    scales[scale],
    can2 ? plotWid : plotWidCss,
    can2 ? plotLft : 0
  ) : getVPos(
    val,
    scales[scale],
    can2 ? plotHgt : plotHgtCss,
    can2 ? plotTop : 0
  );
  self.setCursor = (opts2, _fire, _pub) => {
    mouseLeft1 = opts2.left;
    mouseTop1 = opts2.top;
    updateCursor(null, _fire, _pub);
  };
  function setSelH(off2, dim) {
    setStylePx(selectDiv, LEFT, select.left = off2);
    setStylePx(selectDiv, WIDTH, select.width = dim);
  }
  function setSelV(off2, dim) {
    setStylePx(selectDiv, TOP, select.top = off2);
    setStylePx(selectDiv, HEIGHT, select.height = dim);
  }
  let setSelX = scaleX.ori == 0 ? setSelH : setSelV;
  let setSelY = scaleX.ori == 1 ? setSelH : setSelV;
  function syncLegend() {
    if (showLegend && legend.live) {
      for (let i = mode == 2 ? 1 : 0; i < series.length; i++) {
        if (i == 0 && multiValLegend)
          continue;
        let vals = legend.values[i];
        let j = 0;
        for (let k in vals)
          legendCells[i][j++].firstChild.nodeValue = vals[k];
      }
    }
  }
  function setLegend(opts2, _fire) {
    if (opts2 != null) {
      if (opts2.idxs) {
        opts2.idxs.forEach((didx, sidx) => {
          activeIdxs[sidx] = didx;
        });
      } else if (!isUndef(opts2.idx))
        activeIdxs.fill(opts2.idx);
      legend.idx = activeIdxs[0];
    }
    if (showLegend && legend.live) {
      for (let sidx = 0; sidx < series.length; sidx++) {
        if (sidx > 0 || mode == 1 && !multiValLegend)
          setLegendValues(sidx, activeIdxs[sidx]);
      }
      syncLegend();
    }
    shouldSetLegend = false;
    _fire !== false && fire("setLegend");
  }
  self.setLegend = setLegend;
  function setLegendValues(sidx, idx) {
    let s = series[sidx];
    let src = sidx == 0 && xScaleDistr == 2 ? data0 : data2[sidx];
    let val;
    if (multiValLegend)
      val = s.values(self, sidx, idx) ?? NULL_LEGEND_VALUES;
    else {
      val = s.value(self, idx == null ? null : src[idx], sidx, idx);
      val = val == null ? NULL_LEGEND_VALUES : { _: val };
    }
    legend.values[sidx] = val;
  }
  function updateCursor(src, _fire, _pub) {
    rawMouseLeft1 = mouseLeft1;
    rawMouseTop1 = mouseTop1;
    [mouseLeft1, mouseTop1] = cursor.move(self, mouseLeft1, mouseTop1);
    cursor.left = mouseLeft1;
    cursor.top = mouseTop1;
    if (showCursor) {
      vCursor && elTrans(vCursor, round(mouseLeft1), 0, plotWidCss, plotHgtCss);
      hCursor && elTrans(hCursor, 0, round(mouseTop1), plotWidCss, plotHgtCss);
    }
    let idx;
    let noDataInRange = i0 > i1;
    closestDist = inf;
    closestSeries = null;
    let xDim = scaleX.ori == 0 ? plotWidCss : plotHgtCss;
    let yDim = scaleX.ori == 1 ? plotWidCss : plotHgtCss;
    if (mouseLeft1 < 0 || dataLen == 0 || noDataInRange) {
      idx = cursor.idx = null;
      for (let i = 0; i < series.length; i++) {
        let pt = cursorPts[i];
        pt != null && elTrans(pt, -10, -10, plotWidCss, plotHgtCss);
      }
      if (cursorFocus)
        setSeries(null, FOCUS_TRUE, true, src == null && syncOpts.setSeries);
      if (legend.live) {
        activeIdxs.fill(idx);
        shouldSetLegend = true;
      }
    } else {
      let mouseXPos, valAtPosX, xPos;
      if (mode == 1) {
        mouseXPos = scaleX.ori == 0 ? mouseLeft1 : mouseTop1;
        valAtPosX = posToVal(mouseXPos, xScaleKey);
        idx = cursor.idx = closestIdx(valAtPosX, data2[0], i0, i1);
        xPos = valToPosX(data2[0][idx], scaleX, xDim, 0);
      }
      let _ptLft = -10;
      let _ptTop = -10;
      let _ptWid = 0;
      let _ptHgt = 0;
      let _centered = true;
      let _ptFill = "";
      let _ptStroke = "";
      for (let i = mode == 2 ? 1 : 0; i < series.length; i++) {
        let s = series[i];
        let idx1 = activeIdxs[i];
        let yVal1 = idx1 == null ? null : mode == 1 ? data2[i][idx1] : data2[i][1][idx1];
        let idx2 = cursor.dataIdx(self, i, idx, valAtPosX);
        let yVal2 = idx2 == null ? null : mode == 1 ? data2[i][idx2] : data2[i][1][idx2];
        shouldSetLegend = shouldSetLegend || yVal2 != yVal1 || idx2 != idx1;
        activeIdxs[i] = idx2;
        if (i > 0 && s.show) {
          let xPos2 = idx2 == null ? -10 : idx2 == idx ? xPos : valToPosX(mode == 1 ? data2[0][idx2] : data2[i][0][idx2], scaleX, xDim, 0);
          let yPos = yVal2 == null ? -10 : valToPosY(yVal2, mode == 1 ? scales[s.scale] : scales[s.facets[1].scale], yDim, 0);
          if (cursorFocus && yVal2 != null) {
            let mouseYPos = scaleX.ori == 1 ? mouseLeft1 : mouseTop1;
            let dist = abs(focus.dist(self, i, idx2, yPos, mouseYPos));
            if (dist < closestDist) {
              let bias = focus.bias;
              if (bias != 0) {
                let mouseYVal = posToVal(mouseYPos, s.scale);
                let seriesYValSign = yVal2 >= 0 ? 1 : -1;
                let mouseYValSign = mouseYVal >= 0 ? 1 : -1;
                if (mouseYValSign == seriesYValSign && (mouseYValSign == 1 ? bias == 1 ? yVal2 >= mouseYVal : yVal2 <= mouseYVal : (
                  // >= 0
                  bias == 1 ? yVal2 <= mouseYVal : yVal2 >= mouseYVal
                ))) {
                  closestDist = dist;
                  closestSeries = i;
                }
              } else {
                closestDist = dist;
                closestSeries = i;
              }
            }
          }
          if (shouldSetLegend || cursorOnePt) {
            let hPos, vPos;
            if (scaleX.ori == 0) {
              hPos = xPos2;
              vPos = yPos;
            } else {
              hPos = yPos;
              vPos = xPos2;
            }
            let ptWid, ptHgt, ptLft, ptTop, ptStroke, ptFill, centered = true, getBBox = points2.bbox;
            if (getBBox != null) {
              centered = false;
              let bbox = getBBox(self, i);
              ptLft = bbox.left;
              ptTop = bbox.top;
              ptWid = bbox.width;
              ptHgt = bbox.height;
            } else {
              ptLft = hPos;
              ptTop = vPos;
              ptWid = ptHgt = points2.size(self, i);
            }
            ptFill = points2.fill(self, i);
            ptStroke = points2.stroke(self, i);
            if (cursorOnePt) {
              if (i == closestSeries && closestDist <= focus.prox) {
                _ptLft = ptLft;
                _ptTop = ptTop;
                _ptWid = ptWid;
                _ptHgt = ptHgt;
                _centered = centered;
                _ptFill = ptFill;
                _ptStroke = ptStroke;
              }
            } else {
              let pt = cursorPts[i];
              if (pt != null) {
                cursorPtsLft[i] = ptLft;
                cursorPtsTop[i] = ptTop;
                elSize(pt, ptWid, ptHgt, centered);
                elColor(pt, ptFill, ptStroke);
                elTrans(pt, ceil(ptLft), ceil(ptTop), plotWidCss, plotHgtCss);
              }
            }
          }
        }
      }
      if (cursorOnePt) {
        let p = focus.prox;
        let focusChanged = focusedSeries == null ? closestDist <= p : closestDist > p || closestSeries != focusedSeries;
        if (shouldSetLegend || focusChanged) {
          let pt = cursorPts[0];
          if (pt != null) {
            cursorPtsLft[0] = _ptLft;
            cursorPtsTop[0] = _ptTop;
            elSize(pt, _ptWid, _ptHgt, _centered);
            elColor(pt, _ptFill, _ptStroke);
            elTrans(pt, ceil(_ptLft), ceil(_ptTop), plotWidCss, plotHgtCss);
          }
        }
      }
    }
    if (select.show && dragging) {
      if (src != null) {
        let [xKey, yKey] = syncOpts.scales;
        let [matchXKeys, matchYKeys] = syncOpts.match;
        let [xKeySrc, yKeySrc] = src.cursor.sync.scales;
        let sdrag = src.cursor.drag;
        dragX = sdrag._x;
        dragY = sdrag._y;
        if (dragX || dragY) {
          let { left, top, width, height } = src.select;
          let sori = src.scales[xKeySrc].ori;
          let sPosToVal = src.posToVal;
          let sOff, sDim, sc, a, b;
          let matchingX = xKey != null && matchXKeys(xKey, xKeySrc);
          let matchingY = yKey != null && matchYKeys(yKey, yKeySrc);
          if (matchingX && dragX) {
            if (sori == 0) {
              sOff = left;
              sDim = width;
            } else {
              sOff = top;
              sDim = height;
            }
            sc = scales[xKey];
            a = valToPosX(sPosToVal(sOff, xKeySrc), sc, xDim, 0);
            b = valToPosX(sPosToVal(sOff + sDim, xKeySrc), sc, xDim, 0);
            setSelX(min(a, b), abs(b - a));
          } else
            setSelX(0, xDim);
          if (matchingY && dragY) {
            if (sori == 1) {
              sOff = left;
              sDim = width;
            } else {
              sOff = top;
              sDim = height;
            }
            sc = scales[yKey];
            a = valToPosY(sPosToVal(sOff, yKeySrc), sc, yDim, 0);
            b = valToPosY(sPosToVal(sOff + sDim, yKeySrc), sc, yDim, 0);
            setSelY(min(a, b), abs(b - a));
          } else
            setSelY(0, yDim);
        } else
          hideSelect();
      } else {
        let rawDX = abs(rawMouseLeft1 - rawMouseLeft0);
        let rawDY = abs(rawMouseTop1 - rawMouseTop0);
        if (scaleX.ori == 1) {
          let _rawDX = rawDX;
          rawDX = rawDY;
          rawDY = _rawDX;
        }
        dragX = drag.x && rawDX >= drag.dist;
        dragY = drag.y && rawDY >= drag.dist;
        let uni = drag.uni;
        if (uni != null) {
          if (dragX && dragY) {
            dragX = rawDX >= uni;
            dragY = rawDY >= uni;
            if (!dragX && !dragY) {
              if (rawDY > rawDX)
                dragY = true;
              else
                dragX = true;
            }
          }
        } else if (drag.x && drag.y && (dragX || dragY))
          dragX = dragY = true;
        let p0, p1;
        if (dragX) {
          if (scaleX.ori == 0) {
            p0 = mouseLeft0;
            p1 = mouseLeft1;
          } else {
            p0 = mouseTop0;
            p1 = mouseTop1;
          }
          setSelX(min(p0, p1), abs(p1 - p0));
          if (!dragY)
            setSelY(0, yDim);
        }
        if (dragY) {
          if (scaleX.ori == 1) {
            p0 = mouseLeft0;
            p1 = mouseLeft1;
          } else {
            p0 = mouseTop0;
            p1 = mouseTop1;
          }
          setSelY(min(p0, p1), abs(p1 - p0));
          if (!dragX)
            setSelX(0, xDim);
        }
        if (!dragX && !dragY) {
          setSelX(0, 0);
          setSelY(0, 0);
        }
      }
    }
    drag._x = dragX;
    drag._y = dragY;
    if (src == null) {
      if (_pub) {
        if (syncKey != null) {
          let [xSyncKey, ySyncKey] = syncOpts.scales;
          syncOpts.values[0] = xSyncKey != null ? posToVal(scaleX.ori == 0 ? mouseLeft1 : mouseTop1, xSyncKey) : null;
          syncOpts.values[1] = ySyncKey != null ? posToVal(scaleX.ori == 1 ? mouseLeft1 : mouseTop1, ySyncKey) : null;
        }
        pubSync(mousemove, self, mouseLeft1, mouseTop1, plotWidCss, plotHgtCss, idx);
      }
      if (cursorFocus) {
        let shouldPub = _pub && syncOpts.setSeries;
        let p = focus.prox;
        if (focusedSeries == null) {
          if (closestDist <= p)
            setSeries(closestSeries, FOCUS_TRUE, true, shouldPub);
        } else {
          if (closestDist > p)
            setSeries(null, FOCUS_TRUE, true, shouldPub);
          else if (closestSeries != focusedSeries)
            setSeries(closestSeries, FOCUS_TRUE, true, shouldPub);
        }
      }
    }
    if (shouldSetLegend) {
      legend.idx = idx;
      setLegend();
    }
    _fire !== false && fire("setCursor");
  }
  let rect2 = null;
  Object.defineProperty(self, "rect", {
    get() {
      if (rect2 == null)
        syncRect(false);
      return rect2;
    }
  });
  function syncRect(defer = false) {
    if (defer)
      rect2 = null;
    else {
      rect2 = over.getBoundingClientRect();
      fire("syncRect", rect2);
    }
  }
  function mouseMove(e, src, _l, _t, _w, _h, _i) {
    if (cursor._lock)
      return;
    if (dragging && e != null && e.movementX == 0 && e.movementY == 0)
      return;
    cacheMouse(e, src, _l, _t, _w, _h, _i, false, e != null);
    if (e != null)
      updateCursor(null, true, true);
    else
      updateCursor(src, true, false);
  }
  function cacheMouse(e, src, _l, _t, _w, _h, _i, initial, snap) {
    if (rect2 == null)
      syncRect(false);
    setCursorEvent(e);
    if (e != null) {
      _l = e.clientX - rect2.left;
      _t = e.clientY - rect2.top;
    } else {
      if (_l < 0 || _t < 0) {
        mouseLeft1 = -10;
        mouseTop1 = -10;
        return;
      }
      let [xKey, yKey] = syncOpts.scales;
      let syncOptsSrc = src.cursor.sync;
      let [xValSrc, yValSrc] = syncOptsSrc.values;
      let [xKeySrc, yKeySrc] = syncOptsSrc.scales;
      let [matchXKeys, matchYKeys] = syncOpts.match;
      let rotSrc = src.axes[0].side % 2 == 1;
      let xDim = scaleX.ori == 0 ? plotWidCss : plotHgtCss, yDim = scaleX.ori == 1 ? plotWidCss : plotHgtCss, _xDim = rotSrc ? _h : _w, _yDim = rotSrc ? _w : _h, _xPos = rotSrc ? _t : _l, _yPos = rotSrc ? _l : _t;
      if (xKeySrc != null)
        _l = matchXKeys(xKey, xKeySrc) ? getPos(xValSrc, scales[xKey], xDim, 0) : -10;
      else
        _l = xDim * (_xPos / _xDim);
      if (yKeySrc != null)
        _t = matchYKeys(yKey, yKeySrc) ? getPos(yValSrc, scales[yKey], yDim, 0) : -10;
      else
        _t = yDim * (_yPos / _yDim);
      if (scaleX.ori == 1) {
        let __l = _l;
        _l = _t;
        _t = __l;
      }
    }
    if (snap && (src == null || src.cursor.event.type == mousemove)) {
      if (_l <= 1 || _l >= plotWidCss - 1)
        _l = incrRound(_l, plotWidCss);
      if (_t <= 1 || _t >= plotHgtCss - 1)
        _t = incrRound(_t, plotHgtCss);
    }
    if (initial) {
      rawMouseLeft0 = _l;
      rawMouseTop0 = _t;
      [mouseLeft0, mouseTop0] = cursor.move(self, _l, _t);
    } else {
      mouseLeft1 = _l;
      mouseTop1 = _t;
    }
  }
  const _hideProps = {
    width: 0,
    height: 0,
    left: 0,
    top: 0
  };
  function hideSelect() {
    setSelect(_hideProps, false);
  }
  let downSelectLeft;
  let downSelectTop;
  let downSelectWidth;
  let downSelectHeight;
  function mouseDown(e, src, _l, _t, _w, _h, _i) {
    dragging = true;
    dragX = dragY = drag._x = drag._y = false;
    cacheMouse(e, src, _l, _t, _w, _h, _i, true, false);
    if (e != null) {
      onMouse(mouseup, doc, mouseUp, false);
      pubSync(mousedown, self, mouseLeft0, mouseTop0, plotWidCss, plotHgtCss, null);
    }
    let { left, top, width, height } = select;
    downSelectLeft = left;
    downSelectTop = top;
    downSelectWidth = width;
    downSelectHeight = height;
  }
  function mouseUp(e, src, _l, _t, _w, _h, _i) {
    dragging = drag._x = drag._y = false;
    cacheMouse(e, src, _l, _t, _w, _h, _i, false, true);
    let { left, top, width, height } = select;
    let hasSelect = width > 0 || height > 0;
    let chgSelect = downSelectLeft != left || downSelectTop != top || downSelectWidth != width || downSelectHeight != height;
    hasSelect && chgSelect && setSelect(select);
    if (drag.setScale && hasSelect && chgSelect) {
      let xOff = left, xDim = width, yOff = top, yDim = height;
      if (scaleX.ori == 1) {
        xOff = top, xDim = height, yOff = left, yDim = width;
      }
      if (dragX) {
        _setScale(
          xScaleKey,
          posToVal(xOff, xScaleKey),
          posToVal(xOff + xDim, xScaleKey)
        );
      }
      if (dragY) {
        for (let k in scales) {
          let sc = scales[k];
          if (k != xScaleKey && sc.from == null && sc.min != inf) {
            _setScale(
              k,
              posToVal(yOff + yDim, k),
              posToVal(yOff, k)
            );
          }
        }
      }
      hideSelect();
    } else if (cursor.lock) {
      cursor._lock = !cursor._lock;
      updateCursor(src, true, e != null);
    }
    if (e != null) {
      offMouse(mouseup, doc);
      pubSync(mouseup, self, mouseLeft1, mouseTop1, plotWidCss, plotHgtCss, null);
    }
  }
  function mouseLeave(e, src, _l, _t, _w, _h, _i) {
    if (cursor._lock)
      return;
    setCursorEvent(e);
    let _dragging = dragging;
    if (dragging) {
      let snapH = true;
      let snapV = true;
      let snapProx = 10;
      let dragH, dragV;
      if (scaleX.ori == 0) {
        dragH = dragX;
        dragV = dragY;
      } else {
        dragH = dragY;
        dragV = dragX;
      }
      if (dragH && dragV) {
        snapH = mouseLeft1 <= snapProx || mouseLeft1 >= plotWidCss - snapProx;
        snapV = mouseTop1 <= snapProx || mouseTop1 >= plotHgtCss - snapProx;
      }
      if (dragH && snapH)
        mouseLeft1 = mouseLeft1 < mouseLeft0 ? 0 : plotWidCss;
      if (dragV && snapV)
        mouseTop1 = mouseTop1 < mouseTop0 ? 0 : plotHgtCss;
      updateCursor(null, true, true);
      dragging = false;
    }
    mouseLeft1 = -10;
    mouseTop1 = -10;
    activeIdxs.fill(null);
    updateCursor(null, true, true);
    if (_dragging)
      dragging = _dragging;
  }
  function dblClick(e, src, _l, _t, _w, _h, _i) {
    if (cursor._lock)
      return;
    setCursorEvent(e);
    autoScaleX();
    hideSelect();
    if (e != null)
      pubSync(dblclick, self, mouseLeft1, mouseTop1, plotWidCss, plotHgtCss, null);
  }
  function syncPxRatio() {
    axes.forEach(syncFontSize);
    _setSize(self.width, self.height, true);
  }
  on(dppxchange, win, syncPxRatio);
  const events = {};
  events.mousedown = mouseDown;
  events.mousemove = mouseMove;
  events.mouseup = mouseUp;
  events.dblclick = dblClick;
  events["setSeries"] = (e, src, idx, opts2) => {
    let seriesIdxMatcher2 = syncOpts.match[2];
    idx = seriesIdxMatcher2(self, src, idx);
    idx != -1 && setSeries(idx, opts2, true, false);
  };
  if (showCursor) {
    onMouse(mousedown, over, mouseDown);
    onMouse(mousemove, over, mouseMove);
    onMouse(mouseenter, over, (e) => {
      setCursorEvent(e);
      syncRect(false);
    });
    onMouse(mouseleave, over, mouseLeave);
    onMouse(dblclick, over, dblClick);
    cursorPlots.add(self);
    self.syncRect = syncRect;
  }
  const hooks = self.hooks = opts.hooks || {};
  function fire(evName, a1, a2) {
    if (deferHooks)
      hooksQueue.push([evName, a1, a2]);
    else {
      if (evName in hooks) {
        hooks[evName].forEach((fn) => {
          fn.call(null, self, a1, a2);
        });
      }
    }
  }
  (opts.plugins || []).forEach((p) => {
    for (let evName in p.hooks)
      hooks[evName] = (hooks[evName] || []).concat(p.hooks[evName]);
  });
  const seriesIdxMatcher = (self2, src, srcSeriesIdx) => srcSeriesIdx;
  const syncOpts = assign({
    key: null,
    setSeries: false,
    filters: {
      pub: retTrue,
      sub: retTrue
    },
    scales: [xScaleKey, series[1] ? series[1].scale : null],
    match: [retEq, retEq, seriesIdxMatcher],
    values: [null, null]
  }, cursor.sync);
  if (syncOpts.match.length == 2)
    syncOpts.match.push(seriesIdxMatcher);
  cursor.sync = syncOpts;
  const syncKey = syncOpts.key;
  const sync = _sync(syncKey);
  function pubSync(type, src, x, y, w, h2, i) {
    if (syncOpts.filters.pub(type, src, x, y, w, h2, i))
      sync.pub(type, src, x, y, w, h2, i);
  }
  sync.sub(self);
  function pub(type, src, x, y, w, h2, i) {
    if (syncOpts.filters.sub(type, src, x, y, w, h2, i))
      events[type](null, src, x, y, w, h2, i);
  }
  self.pub = pub;
  function destroy() {
    sync.unsub(self);
    cursorPlots.delete(self);
    mouseListeners.clear();
    off(dppxchange, win, syncPxRatio);
    root.remove();
    legendTable?.remove();
    fire("destroy");
  }
  self.destroy = destroy;
  function _init() {
    fire("init", opts, data2);
    setData(data2 || opts.data, false);
    if (pendScales[xScaleKey])
      setScale(xScaleKey, pendScales[xScaleKey]);
    else
      autoScaleX();
    shouldSetSelect = select.show && (select.width > 0 || select.height > 0);
    shouldSetCursor = shouldSetLegend = true;
    _setSize(opts.width, opts.height);
  }
  series.forEach(initSeries);
  axes.forEach(initAxis);
  if (then) {
    if (then instanceof HTMLElement) {
      then.appendChild(root);
      _init();
    } else
      then(self, _init);
  } else
    _init();
  return self;
}
uPlot.assign = assign;
uPlot.fmtNum = fmtNum;
uPlot.rangeNum = rangeNum;
uPlot.rangeLog = rangeLog;
uPlot.rangeAsinh = rangeAsinh;
uPlot.orient = orient;
uPlot.pxRatio = pxRatio;
{
  uPlot.join = join;
}
{
  uPlot.fmtDate = fmtDate;
  uPlot.tzDate = tzDate;
}
uPlot.sync = _sync;
{
  uPlot.addGap = addGap;
  uPlot.clipGaps = clipGaps;
  let paths = uPlot.paths = {
    points
  };
  paths.linear = linear;
  paths.stepped = stepped;
  paths.bars = bars;
  paths.spline = monotoneCubic;
}

// web/label-lanes.ts
function layLabels(labels, lanes, gap = 4) {
  const ends = [];
  const order = labels.map((_2, i) => i).sort((a, b) => labels[a].x - labels[b].x);
  const lane = labels.map(() => null);
  for (const i of order) {
    const { x, width } = labels[i];
    let k = ends.findIndex((end) => end + gap <= x);
    if (k < 0 && ends.length < lanes) k = ends.push(-Infinity) - 1;
    if (k < 0) continue;
    ends[k] = x + width;
    lane[i] = k;
  }
  return lane;
}

// web/charts.ts
var LIGHT = {
  "--chart-surface": "#fff",
  "--chart-ink": "#1d2330",
  "--chart-axis": "#555",
  "--chart-grid": "#eee",
  "--chart-suspension": "rgba(192, 57, 43, 0.14)",
  "--chart-failure": "rgba(192, 57, 43, 0.35)",
  "--scrub": "#1f6fd1",
  "--series-1": "#1f6fd1",
  "--series-2": "#8a8f98",
  "--series-3": "#d1541f",
  "--series-4": "#2a9d55",
  "--series-5": "#8e44ad",
  "--series-6": "#c49a00",
  "--series-7": "#16a2b8",
  "--series-8": "#e83e8c",
  "--marker-goal": "#1b7f3b",
  "--marker-red": "#c0392b",
  "--marker-yellow": "#c49a00",
  "--marker-break": "#8e44ad",
  "--marker-major": "#1d2330",
  "--marker-minor": "#6c757d",
  "--marker-period": "#9aa0a6"
};
var SERIES = ["--series-1", "--series-2", "--series-3", "--series-4", "--series-5", "--series-6", "--series-7", "--series-8"];
var cssColour = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || LIGHT[name];
var MARKER_STYLE = {
  goal: { colour: "--marker-goal", dash: [] },
  "goal disallowed": { colour: "--marker-minor", dash: [4, 3] },
  "red card": { colour: "--marker-red", dash: [] },
  "yellow card": { colour: "--marker-yellow", dash: [2, 3] },
  break: { colour: "--marker-break", dash: [] },
  set: { colour: "--marker-major", dash: [] },
  suspended: { colour: "--marker-red", dash: [4, 3] },
  correction: { colour: "--marker-minor", dash: [2, 3] },
  retired: { colour: "--marker-red", dash: [] },
  walkover: { colour: "--marker-red", dash: [] },
  abandoned: { colour: "--marker-red", dash: [6, 4] }
};
var WEIGHT_STYLE = {
  major: { colour: "--marker-major", dash: [] },
  minor: { colour: "--marker-minor", dash: [2, 3] },
  period: { colour: "--marker-period", dash: [6, 4] }
};
var styleOf = (m) => MARKER_STYLE[m.kind] ?? WEIGHT_STYLE[m.weight];
var PERIOD_SHORT = { "half-time": "HT", "full time": "FT", abandoned: "Abandoned" };
var shortOf = (m) => m.short || PERIOD_SHORT[m.kind] || "";
var LANE = 15;
var TICK_ROOM = 34;
var xsOf = (history2) => history2.x ?? history2.times.map((t) => t / 1e3);
var markerX = (m) => m.x ?? m.at / 1e3;
function data(history2, mode) {
  return [
    xsOf(history2),
    ...history2.selections.map((s) => mode === "odds" ? s.odds : s.probability.map((p) => p === null ? null : p * 100))
  ];
}
function fittingTicks(axis, min2, max2, widthPx) {
  const px = (x) => (x - min2) / Math.max(1e-9, max2 - min2) * widthPx;
  const kept = [];
  const inRange = axis.ticks.filter((t) => t.x >= min2 && t.x <= max2);
  for (const t of [...inRange.filter((t2) => t2.major), ...inRange.filter((t2) => !t2.major)]) {
    if (kept.every((k) => Math.abs(px(k.x) - px(t.x)) >= TICK_ROOM)) kept.push(t);
  }
  return kept.sort((a, b) => a.x - b.x);
}
function overlayPlugin(overlay, failedAt, scrub) {
  return {
    hooks: {
      draw: [
        (u) => {
          const { ctx } = u;
          const { left, top, width, height } = u.bbox;
          const x = (v) => u.valToPos(v, "x", true);
          const inside = (px) => px >= left && px <= left + width;
          ctx.save();
          ctx.beginPath();
          ctx.rect(left, top, width, height);
          ctx.clip();
          ctx.fillStyle = cssColour("--chart-suspension");
          for (const band of overlay().suspensions) {
            const from = x(band.fromX ?? band.from / 1e3);
            const to = band.to === null ? left + width : x(band.toX ?? band.to / 1e3);
            ctx.fillRect(from, top, Math.max(2 * devicePixelRatio, to - from), height);
          }
          ctx.fillStyle = cssColour("--chart-failure");
          for (const at2 of failedAt()) ctx.fillRect(x(at2) - devicePixelRatio, top, 2 * devicePixelRatio, height);
          for (const m of overlay().markers) {
            const px = x(markerX(m));
            if (!inside(px)) continue;
            const style = styleOf(m);
            ctx.strokeStyle = cssColour(style.colour);
            ctx.lineWidth = (m.weight === "major" ? 2 : 1) * devicePixelRatio;
            ctx.setLineDash(style.dash.map((d) => d * devicePixelRatio));
            ctx.beginPath();
            ctx.moveTo(px, top);
            ctx.lineTo(px, top + height);
            ctx.stroke();
          }
          const at = scrub();
          if (at !== null && inside(x(at))) {
            ctx.strokeStyle = cssColour("--scrub");
            ctx.lineWidth = 2 * devicePixelRatio;
            ctx.setLineDash([]);
            ctx.beginPath();
            ctx.moveTo(x(at), top);
            ctx.lineTo(x(at), top + height);
            ctx.stroke();
          }
          ctx.restore();
          labelMarkers(u, overlay().markers);
        }
      ]
    }
  };
}
function labelMarkers(u, markers) {
  let layer = u.over.querySelector(".marker-labels");
  if (!layer) {
    layer = document.createElement("div");
    layer.className = "marker-labels";
    u.over.append(layer);
  }
  layer.replaceChildren();
  const width = u.bbox.width / devicePixelRatio, height = u.bbox.height / devicePixelRatio;
  const shown = markers.filter((m) => shortOf(m) !== "").map((m) => ({ m, x: u.valToPos(markerX(m), "x") })).filter(({ x }) => x >= 0 && x <= width);
  const { ctx } = u;
  ctx.save();
  ctx.font = "11px system-ui, sans-serif";
  const boxes = shown.map(({ m, x }) => {
    const w = Math.ceil(ctx.measureText(shortOf(m)).width) + 6;
    return { x: x + 3 + w > width ? Math.max(0, x - 3 - w) : x + 3, width: w };
  });
  ctx.restore();
  const lanes = layLabels(boxes, Math.max(1, Math.floor(height / LANE / 2)));
  shown.forEach(({ m }, i) => {
    const lane = lanes[i];
    if (lane === null) return;
    const label = document.createElement("span");
    label.className = "marker-label";
    label.dataset.kind = m.kind;
    label.textContent = shortOf(m);
    label.title = m.label;
    label.style.left = `${boxes[i].x}px`;
    label.style.top = `${2 + lane * LANE}px`;
    label.style.width = `${boxes[i].width}px`;
    label.style.color = cssColour(styleOf(m).colour);
    layer.append(label);
  });
}
var PriceChart = class {
  constructor(container, history2, overlay, mode = "probability") {
    this.container = container;
    this.history = history2;
    this.overlay = overlay;
    this.mode = mode;
    this.plot = this.create();
    this.pinLegend();
    this.scheme.addEventListener("change", this.onScheme);
  }
  container;
  plot;
  history;
  overlay;
  mode;
  /** The scrubber's moment: on the match's axis, and in epoch ms; null when following the newest prices. */
  scrub = null;
  /** The system's colour scheme: the chart is drawn again in the other theme's colours when it changes. */
  scheme = matchMedia("(prefers-color-scheme: dark)");
  onScheme = () => this.rebuild();
  /** The version shown when nothing is hovered: the newest made before the scrubber's moment (as the ladder shows it), else the newest. */
  pinnedIndex() {
    const { times } = this.history;
    if (this.scrub === null) return times.length - 1;
    let i = -1;
    while (i + 1 < times.length && times[i + 1] < this.scrub.at) i++;
    return Math.max(0, i);
  }
  pinLegend() {
    if (this.history.times.length > 0) this.plot.setLegend({ idx: this.pinnedIndex() }, false);
  }
  create() {
    const history2 = () => this.history;
    const axis = this.overlay.axis;
    const odd = this.mode === "odds";
    const ink = cssColour("--chart-axis"), grid2 = { stroke: cssColour("--chart-grid") }, surface = cssColour("--chart-surface");
    const xAxis = axis ? {
      label: axis.title,
      labelSize: 18,
      stroke: ink,
      grid: grid2,
      ticks: grid2,
      splits: (u, _i, min2, max2) => fittingTicks(axis, min2, max2, u.bbox.width / devicePixelRatio || 400).map((t) => t.x),
      values: (u, splits) => {
        const labels = splits.map((x) => axis.ticks.find((t) => t.x === x)?.label ?? "");
        u.root.dataset.ticks = labels.join(",");
        return labels;
      }
    } : { label: "Time", labelSize: 18, stroke: ink, grid: grid2, ticks: grid2, space: 70 };
    const options2 = {
      width: Math.max(280, this.container.clientWidth),
      height: 240,
      cursor: { drag: { x: true, y: false } },
      scales: {
        // A little room after the newest price, so that a moment at the edge keeps its label.
        x: { time: !axis, range: (_u, min2, max2) => [min2, max2 + Math.max(axis ? 1 : 30, (max2 - min2) * 0.04)] },
        y: odd ? { distr: 3, range: (_u, min2, max2) => [Math.max(1, (min2 || 1) / 1.1), Math.max(2, (max2 || 2) * 1.1)] } : { range: (_u, _min, max2) => [0, Math.min(100, Math.max(10, Math.ceil(max2 * 1.1 / 10) * 10))] }
      },
      axes: [
        xAxis,
        odd ? { label: "Offered odds (decimal)", labelSize: 18, stroke: ink, grid: grid2, ticks: grid2, values: (_u, ticks2) => ticks2.map((t) => t === null ? "" : t >= 10 ? t.toFixed(0) : t.toFixed(2)), size: 52 } : { label: "Fair probability (%)", labelSize: 18, stroke: ink, grid: grid2, ticks: grid2, values: (_u, ticks2) => ticks2.map((t) => `${t}%`), size: 52 }
      ],
      series: [
        { label: axis ? axis.unit === "minute" ? "Minute" : "Point" : "Time", value: (_u, v) => v === null ? "\u2013" : axis ? axisLabel(axis, v) : new Date(v * 1e3).toLocaleTimeString() },
        ...this.history.selections.map((s, k) => ({
          label: s.name ?? s.key,
          stroke: cssColour(SERIES[k % SERIES.length]),
          points: { fill: surface },
          width: 1.5,
          spanGaps: false,
          value: (_u, _v, _si, di) => legendValue(history2().selections[k], di, this.mode)
        }))
      ],
      hooks: {
        // Leaving the plot puts the legend back on the pinned version instead of blanking it.
        setCursor: [(u) => {
          if (u.cursor.idx === null || u.cursor.idx === void 0) queueMicrotask(() => this.pinLegend());
        }]
      },
      plugins: [overlayPlugin(() => this.overlay, () => this.history.failedX ?? this.history.failedAt.map((t) => t / 1e3), () => this.scrub?.x ?? null)]
    };
    const plot = new uPlot(options2, data(this.history, this.mode), this.container);
    plot.root.dataset.mode = this.mode;
    plot.root.dataset.xTitle = xAxis.label;
    plot.root.dataset.yTitle = options2.axes[1].label;
    if (axis) plot.root.dataset.axis = axis.unit;
    plot.root.dataset.ink = ink;
    return plot;
  }
  rebuild() {
    this.plot.destroy();
    this.plot = this.create();
    this.pinLegend();
  }
  /** New data; the chart is rebuilt only when the selections charted or the axis changed. */
  update(history2, overlay) {
    const same = history2.selections.length === this.history.selections.length && history2.selections.every((s, i) => s.key === this.history.selections[i].key) && JSON.stringify(overlay.axis) === JSON.stringify(this.overlay.axis);
    this.history = history2;
    this.overlay = overlay;
    if (!same) return this.rebuild();
    this.plot.setData(data(history2, this.mode));
    this.pinLegend();
  }
  setMode(mode) {
    if (mode === this.mode) return;
    this.mode = mode;
    this.rebuild();
  }
  /** Shows the scrubber's moment (its place on the match's axis and its time), or the newest prices with null. */
  scrubTo(moment) {
    this.scrub = moment;
    this.plot.redraw(false);
    this.pinLegend();
  }
  resize() {
    this.plot.setSize({ width: Math.max(280, this.container.clientWidth), height: 240 });
  }
  destroy() {
    this.scheme.removeEventListener("change", this.onScheme);
    this.plot.destroy();
  }
};
function axisLabel(axis, x) {
  if (axis.unit === "minute") return x < 0 ? `${Math.round(-x)}' before KO` : `${Math.floor(x)}'`;
  const before = axis.ticks.filter((t) => t.x <= x + 1e-9);
  const setTick = before.filter((t) => t.major).at(-1);
  const set = !setTick || setTick.label === "Start" ? "Set 1" : setTick.label;
  const game = before.filter((t) => !t.major && t.x >= (setTick?.x ?? -Infinity)).at(-1)?.label;
  return x < 0 ? "before play" : `${set}${game ? `, games ${game}` : ""}, point ${Math.round(x)}`;
}
function legendValue(s, i, mode) {
  if (i === null || i === void 0) return "\u2013";
  const p = s.probability[i], o = s.odds[i];
  if (p === null && o === null) return "\u2013";
  return mode === "odds" ? `${o === null ? "not offered" : odds(o)} (${percent(p)})` : `${percent(p)} @ ${o === null ? "not offered" : odds(o)}`;
}

// web/views/match-charts.ts
var MatchCharts = class {
  constructor(container, matchId, onChoice) {
    this.container = container;
    this.matchId = matchId;
    this.onChoice = onChoice;
    const option = (mode, label) => h(
      "label",
      {},
      h("input", { type: "radio", name: "chart-mode", value: mode, checked: mode === this.mode, onchange: () => this.setMode(mode) }),
      ` ${label}`
    );
    this.toolbar = h(
      "fieldset",
      { class: "chart-mode" },
      h("legend", {}, "Charts show"),
      option("probability", "Probability"),
      " ",
      option("odds", "Decimal odds")
    );
  }
  container;
  matchId;
  onChoice;
  charts = /* @__PURE__ */ new Map();
  /** The market charted per group when the trader picked another than the headline one. */
  chosen = /* @__PURE__ */ new Map();
  mode = "probability";
  scrub = null;
  toolbar;
  setMode(mode) {
    this.mode = mode;
    this.charts.forEach((c) => c.setMode(mode));
  }
  async historyOf(d, group) {
    const base = d.history.find((x) => x.group === group);
    const market = this.chosen.get(group);
    if (!base || !market || market === base.market) return base;
    const query2 = `group=${encodeURIComponent(group)}&market=${encodeURIComponent(market)}`;
    return getJson(`matches/${encodeURIComponent(this.matchId)}/history?${query2}`);
  }
  card(group, history2) {
    const select = h(
      "select",
      { "aria-label": `Market charted for ${groupName(group)}` },
      ...history2.markets.map((m) => h("option", { value: m.id, selected: m.id === history2.market }, m.label))
    );
    select.addEventListener("change", () => {
      this.chosen.set(group, select.value);
      this.onChoice();
    });
    return h(
      "figure",
      { class: "chart-card", "data-chart": group },
      h("figcaption", {}, h("h4", {}, groupName(group)), select),
      h("div", { class: "chart", role: "img" })
    );
  }
  async draw(d) {
    const overlay = { markers: d.markers, suspensions: d.suspensions, axis: d.axis ?? null };
    if (d.history.length === 0) {
      fill(this.container, message("No prices yet."));
      return;
    }
    this.container.querySelector(".message")?.remove();
    for (const base of d.history) {
      const history2 = await this.historyOf(d, base.group) ?? base;
      let card = this.container.querySelector(`[data-chart="${base.group}"]`);
      if (!card) this.container.append(card = this.card(base.group, history2));
      card.dataset.market = history2.market;
      card.dataset.lines = String(history2.selections.length);
      if (d.axis) card.dataset.axisTicks = d.axis.ticks.map((t) => t.label).join(",");
      const area = card.querySelector(".chart");
      const now = history2.selections.map((s) => `${s.name ?? s.key} ${percent(s.probability.at(-1))} at ${odds(s.odds.at(-1))}`).join(", ");
      const span2 = d.axis && history2.x?.length ? ` from ${axisLabel(d.axis, history2.x[0])} to ${axisLabel(d.axis, history2.x.at(-1))}` : "";
      area.setAttribute("aria-label", `${history2.label}: each selection over ${history2.times.length} prices${span2}, now ${now}`);
      const chart = this.charts.get(base.group);
      if (chart) chart.update(history2, overlay);
      else this.charts.set(base.group, new PriceChart(area, history2, overlay, this.mode));
      this.charts.get(base.group).scrubTo(this.scrub);
    }
  }
  /** Marks the scrubber's moment on every chart (null: back to the newest prices). */
  scrubTo(moment) {
    this.scrub = moment;
    this.charts.forEach((c) => c.scrubTo(moment));
  }
  resize() {
    this.charts.forEach((c) => c.resize());
  }
  destroy() {
    this.charts.forEach((c) => c.destroy());
  }
};

// web/match-filter.ts
var STATUSES = ["scheduled", "pre-event", "in play", "ended", "settled", "void"];
var KEYS = ["sport", "competition", "status", "q", "from", "to", "sort"];
var DAY = /^\d{4}-\d{2}-\d{2}$/;
var SORT_KEYS = {
  match: (m) => `${m.homeTeam ?? ""} ${m.awayTeam ?? ""}`.toLowerCase(),
  sport: (m) => m.sport ?? "",
  competition: (m) => (m.competition ?? "").toLowerCase(),
  kickoff: (m) => m.kickoff ?? "9999",
  // The order a match goes through them, not the alphabet's.
  status: (m) => String(STATUSES.indexOf(m.status)).padStart(2, "0")
};
var sortKeyOf = (sort) => {
  const key = sort.replace(/^-/, "");
  return key in SORT_KEYS ? key : null;
};
function filterOf(params) {
  const get = (k) => (params.get(k) ?? "").trim().slice(0, 100);
  const day = (k) => DAY.test(get(k)) ? get(k) : "";
  const sort = sortKeyOf(get("sort")) ? get("sort") : "";
  return { sport: get("sport"), competition: get("competition"), status: get("status"), q: get("q"), from: day("from"), to: day("to"), sort };
}
function queryOf(filter) {
  const params = new URLSearchParams();
  for (const k of KEYS) if (filter[k]) params.set(k, filter[k]);
  return params.toString();
}
var fold = (text) => text.normalize("NFD").replace(new RegExp("\\p{Diacritic}", "gu"), "").toLowerCase();
var fixtureDate = (m) => m.kickoff && DAY.test(m.kickoff.slice(0, 10)) ? m.kickoff.slice(0, 10) : null;
function filterMatches(matches, filter) {
  const words = fold(filter.q).split(/\s+/).filter(Boolean);
  const shown = matches.filter((m) => {
    if (filter.sport && m.sport !== filter.sport) return false;
    if (filter.competition && m.competition !== filter.competition) return false;
    if (filter.status && m.status !== filter.status) return false;
    if (filter.from || filter.to) {
      const day = fixtureDate(m);
      if (day === null || filter.from && day < filter.from || filter.to && day > filter.to) return false;
    }
    const text = fold(`${m.homeTeam ?? ""} ${m.awayTeam ?? ""} ${m.competition ?? ""}`);
    return words.every((w) => text.includes(w));
  });
  const key = sortKeyOf(filter.sort);
  if (!key) return shown;
  const value = SORT_KEYS[key];
  const sign2 = filter.sort.startsWith("-") ? -1 : 1;
  return shown.sort((a, b) => sign2 * value(a).localeCompare(value(b)));
}
function nextSort(current2, key) {
  return current2 === key ? `-${key}` : key;
}

// web/sparkline.ts
var SELECTION_COLOURS = ["#1f6fd1", "#8a8f98", "#d1541f"];
function sparkline(points2, label, width = 132, height = 30) {
  const chart = svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": label, class: "sparkline" });
  chart.append(svg("title", {}, label));
  if (points2.length === 0) return chart;
  const x = (i) => points2.length === 1 ? width / 2 : i / (points2.length - 1) * (width - 4) + 2;
  const y = (p) => height - 2 - p * (height - 4);
  const n = points2[0].length;
  for (let k = 0; k < n; k++) {
    const colour = SELECTION_COLOURS[n === 2 && k === 1 ? 2 : k % SELECTION_COLOURS.length];
    const d = points2.map((pt, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(pt[k]).toFixed(1)}`).join("");
    chart.append(svg("path", { d: points2.length === 1 ? `${d}h0.1` : d, stroke: colour, fill: "none", "stroke-width": 1.5, "stroke-linecap": "round" }));
  }
  return chart;
}

// web/views/matches.ts
var fixtureName = (m) => m.homeTeam && m.awayTeam ? `${m.homeTeam} v ${m.awayTeam}` : m.matchId;
var scoreText = (m) => m.score ? m.score.replaceAll("-", "\u2013") : "\u2013";
var kickoffText = (iso) => iso ? new Date(iso).toLocaleString("en-GB", { weekday: "short", day: "2-digit", month: "short", hour: "2-digit", minute: "2-digit" }) : "unscheduled";
var COLUMNS = [
  { label: "Match", sort: "match" },
  { label: "Competition", sort: "competition" },
  { label: "Kick-off", sort: "kickoff" },
  { label: "Sport", sort: "sport" },
  { label: "Status", sort: "status" },
  { label: "Score" },
  { label: "Clock" },
  { label: "1" },
  { label: "X" },
  { label: "2" },
  { label: "Trend" },
  { label: "Markets" }
];
var sideOf = (kind, match) => kind === "draw" ? "draw" : (kind === "home" ? match.homeTeam : match.awayTeam) ?? kind;
function oddsCell(kind, match, previous) {
  const value = odds(match.odds?.[kind]);
  const moved = previous !== void 0 && previous !== value;
  const up = moved && Number(value) > Number(previous);
  return h("td", { class: `odds${moved ? up ? " drifted" : " shortened" : ""}`, "data-odds": kind, "aria-label": `${sideOf(kind, match)} ${value}` }, value);
}
function row2(match, previous) {
  const name = fixtureName(match);
  const last = match.sparkline.at(-1);
  return h(
    "tr",
    { "data-match-id": match.matchId, "data-sport": match.sport ?? "", "data-status": match.status, "data-state-version": match.stateVersion, "data-priced-state-version": match.pricedStateVersion ?? "" },
    h(
      "th",
      { scope: "row" },
      h("a", { href: `#/matches/${encodeURIComponent(match.matchId)}` }, name),
      h("div", { class: "sub" }, fixtureFacts(match).slice(1).join(" \xB7 "))
    ),
    h("td", { class: "competition" }, match.competition ?? "\u2013"),
    h("td", { class: "kickoff", "data-date": fixtureDate(match) ?? "" }, kickoffText(match.kickoff)),
    h("td", { class: "sport" }, sportName(match.sport)),
    h("td", {}, badge(match.status)),
    h("td", { class: "score", "data-score": "" }, scoreText(match)),
    h("td", { class: "clock" }, match.clock ?? "\u2013"),
    oddsCell("home", match, previous?.get("home")),
    oddsCell("draw", match, previous?.get("draw")),
    oddsCell("away", match, previous?.get("away")),
    h("td", {}, sparkline(match.sparkline, last ? `${name}: fair probabilities of the headline market over the last ${match.sparkline.length} prices, now ${last.map((p) => percent(p)).join(" / ")}` : `${name}: no prices yet`)),
    h("td", { class: "suspended" }, ...match.suspended.length ? match.suspended.map((r) => badge(`suspended: ${r}`, "suspended")) : ["\u2013"])
  );
}
var options = (values, chosen, all, label = (v) => v) => {
  const list = [.../* @__PURE__ */ new Set([...values, ...chosen ? [chosen] : []])].sort();
  return [h("option", { value: "", selected: chosen === "" }, all), ...list.map((v) => h("option", { value: v, selected: v === chosen }, label(v)))];
};
function header(column, sort, onSort) {
  if (!column.sort) return h("th", { scope: "col" }, column.label);
  const key = column.sort;
  const order = sort === key ? "ascending" : sort === `-${key}` ? "descending" : null;
  return h(
    "th",
    { scope: "col", "aria-sort": order, class: "sortable" },
    h("button", { type: "button", "data-sort": key, onclick: () => onSort(key) }, column.label, h("span", { "aria-hidden": "true", class: "sort-mark" }, order === "ascending" ? " \u25B2" : order === "descending" ? " \u25BC" : " \u2195"))
  );
}
function matchesView(params = new URLSearchParams()) {
  let filter = filterOf(params);
  let data2 = null;
  const previous = /* @__PURE__ */ new Map();
  const sport = h("select", { name: "sport", "aria-label": "Sport" });
  const competition = h("select", { name: "competition", "aria-label": "Competition" });
  const status = h("select", { name: "status", "aria-label": "Status" });
  const search = h("input", { type: "search", name: "q", placeholder: "Team, player or competition", "aria-label": "Search team or player names", value: filter.q, autocomplete: "off" });
  const from = h("input", { type: "date", name: "from", "aria-label": "Fixtures from", value: filter.from });
  const to = h("input", { type: "date", name: "to", "aria-label": "Fixtures to", value: filter.to });
  const form = h(
    "form",
    { class: "filters", role: "search", "aria-label": "Filter matches" },
    h("label", {}, "Sport ", sport),
    h("label", {}, "Competition ", competition),
    h("label", {}, "Status ", status),
    h("label", {}, "From ", from),
    h("label", {}, "to ", to),
    h("label", {}, "Search ", search)
  );
  const results = h("div", { class: "results" });
  const fillOptions = (all) => {
    fill(sport, ...options(all.flatMap((m) => m.sport ? [m.sport] : []), filter.sport, "All sports", sportName));
    fill(competition, ...options(all.filter((m) => !filter.sport || m.sport === filter.sport).flatMap((m) => m.competition ? [m.competition] : []), filter.competition, "All competitions"));
    fill(status, ...options(STATUSES, filter.status, "Any status"));
  };
  const draw = () => {
    if (!data2) return;
    fillOptions(data2.matches);
    if (data2.matches.length === 0) {
      fill(results, message("No matches yet: post a Match Scheduled event to the bus, or run npm start."));
      return;
    }
    const shown = filterMatches(data2.matches, filter);
    const rows = shown.map((m) => row2(m, previous.get(m.matchId)));
    for (const m of data2.matches) previous.set(m.matchId, new Map(["home", "draw", "away"].map((k) => [k, odds(m.odds?.[k])])));
    const narrowed = shown.length < data2.matches.length ? ` of ${data2.matches.length}` : "";
    fill(
      results,
      h(
        "table",
        { class: "matches" },
        h("caption", {}, `${shown.length}${narrowed} matches; offered odds of each match's headline market (1X2; match winner: 1 and 2 are the sides in the order named), sparkline of its fair probabilities`),
        h("thead", {}, h("tr", {}, ...COLUMNS.map((c) => header(c, filter.sort, sortBy)))),
        h("tbody", {}, ...rows)
      ),
      shown.length === 0 ? message("No match passes the filters.") : null,
      h("p", { class: "note" }, `Read ${new Date(data2.readAt).toLocaleTimeString("en-GB")}`)
    );
  };
  const keep = () => {
    const query2 = queryOf(filter);
    history.replaceState(null, "", `#/matches${query2 ? `?${query2}` : ""}`);
    draw();
  };
  const changed = () => {
    filter = { ...filter, sport: sport.value, competition: competition.value, status: status.value, q: search.value.trim(), from: from.value, to: to.value };
    keep();
  };
  function sortBy(key) {
    filter = { ...filter, sort: nextSort(filter.sort, key) };
    keep();
    results.querySelector(`button[data-sort="${key}"]`)?.focus();
  }
  for (const control of [sport, competition, status, from, to]) control.addEventListener("change", changed);
  search.addEventListener("input", changed);
  form.addEventListener("submit", (event) => event.preventDefault());
  return {
    title: "Matches",
    topics: ["matches"],
    async mount(main2) {
      fill(main2, h("h2", {}, "Matches"), form, results);
      data2 = await getJson("matches");
      draw();
    },
    async refresh() {
      const focused = document.activeElement instanceof HTMLAnchorElement ? document.activeElement.getAttribute("href") : null;
      data2 = await getJson("matches");
      draw();
      if (focused) results.querySelector(`a[href="${CSS.escape(focused)}"]`)?.focus();
    }
  };
}

// web/views/scrubber.ts
function tapeSteps(d) {
  const steps = /* @__PURE__ */ new Map();
  for (const history2 of d.history) for (const t of history2.times) steps.set(t + 1, steps.get(t + 1) ?? "prices");
  for (const m of d.markers) if (m.suspends) steps.set(m.at, m.label);
  return [...steps.entries()].map(([at, what]) => ({ at, what })).sort((a, b) => a.at - b.at);
}
var Scrubber = class {
  constructor(matchId, show2) {
    this.matchId = matchId;
    this.show = show2;
    this.range = h("input", { type: "range", min: 0, max: 0, step: 1, value: 0, id: "scrubber", list: "scrubber-marks", "aria-describedby": "scrubber-at" });
    this.marks = h("datalist", { id: "scrubber-marks" });
    this.output = h("output", { id: "scrubber-at", for: "scrubber", "aria-live": "polite" }, "live");
    this.range.addEventListener("input", () => void this.move());
    this.element = h(
      "section",
      { class: "scrubber", "aria-labelledby": "scrubber-h" },
      h("h3", { id: "scrubber-h" }, h("label", { for: "scrubber" }, "Time travel")),
      h(
        "div",
        { class: "scrubber-row" },
        this.range,
        this.marks,
        h("button", { type: "button", "data-scrub": "live", onclick: () => this.toLive() }, "Live")
      ),
      this.output
    );
  }
  matchId;
  show;
  element;
  range;
  output;
  /** The tape's incidents as the slider's tick marks (a goal, a review), labelled. */
  marks;
  steps = [];
  axis = null;
  /** The request in flight: a newer move supersedes it. */
  asked = 0;
  /** Whether the view shows a past moment (the live refreshes then leave the ladder alone). */
  get scrubbing() {
    return Number(this.range.value) < this.steps.length;
  }
  /** New tape; a scrubber at its live end stays there. */
  update(d) {
    const live2 = !this.scrubbing;
    this.steps = tapeSteps(d);
    this.axis = d.axis ?? null;
    this.range.max = String(this.steps.length);
    this.marks.replaceChildren(...this.steps.flatMap((s, i) => s.what === "prices" ? [] : [h("option", { value: i, label: s.what, "data-at": new Date(s.at).toISOString() }, s.what)]));
    this.range.setAttribute("aria-valuetext", this.output.textContent ?? "live");
    if (live2) this.range.value = String(this.steps.length);
  }
  toLive() {
    this.range.value = this.range.max;
    void this.move();
  }
  async move() {
    const ask = ++this.asked;
    const i = Number(this.range.value);
    const step = this.steps[i];
    if (!step) {
      this.say("live", null);
      this.show(null);
      return;
    }
    const iso = new Date(step.at).toISOString();
    const moment = await getJson(`matches/${encodeURIComponent(this.matchId)}/prices?at=${encodeURIComponent(iso)}`);
    if (ask !== this.asked) return;
    const where = this.axis ? axisLabel(this.axis, moment.x) : "";
    this.say(`${where ? `${where} \xB7 ` : ""}${zoneTime(iso)} \xB7 ${step.what === "prices" ? `step ${i + 1} of ${this.steps.length}` : step.what}`, iso);
    this.show(moment);
  }
  say(text, at) {
    this.output.textContent = text;
    this.output.dataset.at = at ?? "live";
    this.range.setAttribute("aria-valuetext", text);
  }
};

// web/views/trader.ts
var pct = (x) => `${(x * 100).toFixed(1)}%`;
var TraderPanel = class {
  constructor(matchId, refresh2) {
    this.matchId = matchId;
    this.refresh = refresh2;
    this.reason = h("input", { id: "trader-reason", type: "text", maxlength: 200, required: true, placeholder: "why (required)", "aria-describedby": "trader-status", size: 40 });
    this.status = h("div", { id: "trader-status", role: "status", "aria-live": "polite" });
    this.controls = h("div");
    this.element = h(
      "section",
      { "aria-labelledby": "trader-h", class: "trader" },
      h("h3", { id: "trader-h" }, "Trader controls"),
      h("p", {}, h("label", { for: "trader-reason" }, "Reason "), this.reason),
      this.status,
      this.controls
    );
  }
  matchId;
  refresh;
  element;
  reason;
  status;
  controls;
  busy = false;
  /** Draws the controls for the match's trader state (hidden before it is scheduled). */
  update(d) {
    const t = d.trader;
    this.element.hidden = !t;
    if (!t) return;
    fill(this.controls, this.matchRow(t), this.groupTable(t));
  }
  button(label, request, extra) {
    return h("button", {
      type: "button",
      "data-trader-action": request.action,
      ...request.group ? { "data-group": request.group } : {},
      onclick: () => {
        const more = extra ? extra() : {};
        if (more !== null) void this.send({ ...request, ...more });
      }
    }, label);
  }
  matchRow(t) {
    const hold = (what, x) => x ? badge(`${what} by ${x.traderId}: ${x.reason}`, "suspended") : null;
    const model = t.sportModels[0];
    const paused = model ? t.models[model] ?? null : null;
    return h(
      "p",
      { class: "trader-match" },
      t.match ? this.button("Resume match", { action: "resume-match" }) : this.button("Suspend match", { action: "suspend-match" }),
      " ",
      paused ? this.button("Resume model", { action: "resume-model", model }) : this.button("Pause model", { action: "pause-model", model }),
      " ",
      hold("match suspended", t.match),
      " ",
      hold(`model ${model} paused`, paused)
    );
  }
  groupTable(t) {
    const rows = t.sportGroups.map((group) => {
      const held = t.groups[group];
      const margin = t.margins[group];
      const input = h("input", {
        type: "number",
        step: 0.5,
        min: t.marginBand.min * 100,
        max: t.marginBand.max * 100,
        size: 5,
        "aria-label": `${groupName(group)} margin, percent`,
        "data-margin-group": group,
        value: margin ? (margin.margin * 100).toFixed(1) : ""
      });
      const readMargin = () => {
        const value = Number(input.value) / 100;
        if (input.value.trim() === "" || !(value >= t.marginBand.min && value <= t.marginBand.max)) {
          this.say(`A margin is a percentage from ${pct(t.marginBand.min)} to ${pct(t.marginBand.max)}.`, "error");
          input.focus();
          return null;
        }
        return { margin: value };
      };
      return h(
        "tr",
        { "data-trader-group": group },
        h("th", { scope: "row" }, groupName(group)),
        h("td", {}, held ? badge(`suspended by ${held.traderId}: ${held.reason}`, "suspended") : "open"),
        h("td", {}, held ? this.button("Resume", { action: "resume-group", group }) : this.button("Suspend", { action: "suspend-group", group })),
        h(
          "td",
          {},
          input,
          " ",
          this.button("Set margin", { action: "set-margin", group }, readMargin),
          " ",
          margin ? this.button("Default", { action: "clear-margin", group }) : null,
          margin ? h("span", { class: "sub" }, ` ${pct(margin.margin)} by ${margin.traderId}`) : null
        )
      );
    });
    return table("Market groups: suspend, resume, margin", ["Group", "Status", "", "Margin (%)"], rows, { class: "trader-groups" });
  }
  say(text, tone = "info") {
    fill(this.status, message(text, tone));
  }
  async send(request) {
    const reason = this.reason.value.trim();
    if (reason === "") {
      this.say("A reason is required: say why before acting.", "error");
      this.reason.focus();
      return;
    }
    if (this.busy) return;
    this.busy = true;
    try {
      const sent = await postJson(`matches/${encodeURIComponent(this.matchId)}/trader`, { ...request, reason });
      this.say(`Sent ${sent.action}${request.group ? ` ${request.group}` : ""} as ${sent.traderId} (event ${sent.eventId.slice(0, 8)}).`);
      await this.refresh();
    } catch (error) {
      this.say(error instanceof ApiError ? `Refused: ${error.message}` : `Failed: ${error.message}`, "error");
    } finally {
      this.busy = false;
    }
  }
};

// web/views/match.ts
function header2(d) {
  const m = d.match;
  const arn = m.executionArn;
  const start2 = d.scheduledStart ?? m.kickoff;
  const suspended = m.suspended.map((r) => badge(`suspended: ${r}`, "suspended"));
  return h(
    "div",
    { class: "match-header", "data-sport": m.sport ?? "" },
    h("h2", {}, fixtureName(m)),
    h("p", { class: "facts", "data-facts": "" }, fixtureFacts(m).join(" \xB7 ")),
    m.scoreboard && m.scoreboard.rows.length === 2 ? h("div", { class: "scoreline" }, badge(m.status), scoreboard(m.scoreboard, m.clock ?? "Score"), ...suspended) : h(
      "p",
      { class: "scoreline" },
      badge(m.status),
      " ",
      h("span", { class: "big", "data-score": "" }, m.score ? m.score.replaceAll("-", "\u2013") : "\u2013"),
      " ",
      h("span", { class: "clock" }, m.clock ?? ""),
      " ",
      ...suspended
    ),
    h(
      "p",
      { class: "fixture-time", "data-start": start2 ?? "" },
      h("span", { "data-fixture-date": "" }, zoneDate(start2)),
      " \xB7 ",
      d.axis?.unit === "point" ? "start " : "kick-off ",
      h("time", { datetime: start2 ?? "", "data-kickoff": "" }, zoneClock(start2))
    ),
    h(
      "p",
      { class: "sub" },
      `state version ${m.stateVersion} \xB7 price version ${m.priceVersion ?? "\u2013"} \xB7 `,
      arn ? h("a", { href: `#/executions/${encodeURIComponent(arn)}` }, "Lifecycle execution") : "no Lifecycle execution"
    )
  );
}
function settlement(s) {
  const rows = s.markets.map((m) => h(
    "tr",
    { "data-market": m.id },
    h("th", { scope: "row" }, m.label),
    h("td", {}, m.void ? "void" : m.selections.map((x) => `${x.key}: ${x.outcome}`).join(", "))
  ));
  return h(
    "section",
    { "aria-labelledby": "settlement-h" },
    h("h3", { id: "settlement-h" }, "Settlement"),
    h("p", {}, `${s.void ? "Void" : "Settled"} on ${zoneDate(s.settledAt)} at ${zoneTime(s.settledAt)}: ${s.markets.length} markets.`),
    h("details", {}, h("summary", {}, "Every market"), table("How each market settled, by line", ["Market", "Selections"], rows, { class: "settlement" }))
  );
}
function eventLog(d) {
  const legend = d.markers.filter((m) => m.weight === "major").map((m) => m.label).join(" \xB7 ");
  const zone = viewerZone();
  return [
    h("h3", { id: "events-h" }, "Event log"),
    legend ? h("p", { class: "sub" }, `On the charts: ${legend}; suspensions shaded until the first price that knows them.`) : null,
    table(`${d.events.length} feed events in sequence; times in ${zone}`, ["Seq", `Occurred (${zone})`, "Minute", "Event", "Details"], d.events.map((e) => h(
      "tr",
      {},
      h("td", { class: "num" }, e.seq),
      h("td", { "data-occurred": e.occurredAt }, h("time", { datetime: e.occurredAt }, zoneTime(e.occurredAt))),
      h("td", { class: "num" }, e.minute ?? ""),
      h("td", {}, e.type),
      h("td", {}, e.summary)
    )), { class: "events" })
  ];
}
function matchView(matchId) {
  let main2;
  let charts;
  let trader;
  let scrubber;
  const ladder = new Ladder();
  let latest = null;
  let parts2;
  const onResize = () => charts.resize();
  const showMoment = (moment) => {
    charts.scrubTo(moment ? { x: moment.x, at: Date.parse(moment.at) } : null);
    if (moment) ladder.draw(moment.ladder, moment.at);
    else if (latest) ladder.draw(latest.ladder, null);
  };
  const draw = async (d) => {
    latest = d;
    fill(parts2.header, header2(d));
    trader.update(d);
    scrubber.update(d);
    await charts.draw(d);
    if (!scrubber.scrubbing) ladder.draw(d.ladder, null);
    fill(parts2.events, ...eventLog(d));
    fill(parts2.settlement, ...d.settlement ? [settlement(d.settlement)] : []);
  };
  const refresh2 = async () => draw(await getJson(`matches/${encodeURIComponent(matchId)}`));
  return {
    title: "Match",
    topics: ["matches"],
    async mount(element) {
      main2 = element;
      parts2 = {
        header: h("div"),
        charts: h("div", { class: "charts" }),
        events: h("section", { "aria-labelledby": "events-h" }),
        settlement: h("div")
      };
      charts = new MatchCharts(parts2.charts, matchId, () => void refresh2());
      scrubber = new Scrubber(matchId, showMoment);
      fill(
        main2,
        h("p", {}, h("a", { href: "#/matches" }, "\u2190 Matches")),
        parts2.header,
        h("section", { "aria-labelledby": "history-h" }, h("h3", { id: "history-h" }, "Price history"), charts.toolbar, scrubber.element, parts2.charts),
        parts2.settlement,
        h("div", { class: "two-col" }, ladder.element, parts2.events)
      );
      trader = new TraderPanel(matchId, refresh2);
      parts2.header.after(trader.element);
      window.addEventListener("resize", onResize);
      const d = await getJson(`matches/${encodeURIComponent(matchId)}`);
      document.title = `${fixtureName(d.match)} \xB7 Pricing console`;
      await draw(d);
    },
    refresh: refresh2,
    unmount() {
      window.removeEventListener("resize", onResize);
      charts.destroy();
    }
  };
}

// web/views/match-route.ts
var lookUp = async (matchId) => (await getJson(`matches?id=${encodeURIComponent(matchId)}`)).matches.length > 0;
function matchRoute(matchId) {
  let inner = null;
  let main2;
  const open = async () => {
    if (!await lookUp(matchId)) {
      document.title = "Unknown match \xB7 Pricing console";
      fill(
        main2,
        h("p", {}, h("a", { href: "#/matches" }, "\u2190 Matches")),
        h("h2", {}, "Unknown match"),
        message(`This stage has no match ${matchId}. It may not be scheduled yet: this page opens it when it is.`)
      );
      main2.dataset.unknown = "true";
      return;
    }
    delete main2.dataset.unknown;
    inner = matchView(matchId);
    await inner.mount(main2);
  };
  return {
    title: "Match",
    topics: ["matches"],
    async mount(element) {
      main2 = element;
      await open();
    },
    refresh: async () => inner ? inner.refresh() : open(),
    unmount() {
      inner?.unmount?.();
      delete main2?.dataset.unknown;
    }
  };
}

// web/reliability.ts
function reliabilityDiagram(bins, label, size = 180) {
  const pad = 26, inner = size - pad - 8;
  const x = (p) => pad + p * inner;
  const y = (p) => 8 + (1 - p) * inner;
  const root = svg("svg", { width: size, height: size, viewBox: `0 0 ${size} ${size}`, role: "img", "aria-label": label, class: "reliability" });
  root.append(svg("title", {}, label));
  root.append(svg("rect", { x: pad, y: 8, width: inner, height: inner, class: "frame" }));
  root.append(svg("line", { x1: x(0), y1: y(0), x2: x(1), y2: y(1), class: "diagonal" }));
  for (const t of [0, 0.5, 1]) {
    root.append(svg("text", { x: x(t), y: size - 4, "text-anchor": "middle", class: "tick" }, t));
    root.append(svg("text", { x: pad - 4, y: y(t) + 3, "text-anchor": "end", class: "tick" }, t));
  }
  const most = Math.max(1, ...bins.map((b) => b.count));
  const points2 = bins.map((b) => `${x(b.meanForecast).toFixed(1)},${y(b.observedFrequency).toFixed(1)}`).join(" ");
  if (bins.length > 1) root.append(svg("polyline", { points: points2, class: "curve" }));
  for (const b of bins) {
    root.append(svg(
      "circle",
      { cx: x(b.meanForecast), cy: y(b.observedFrequency), r: 2 + 5 * Math.sqrt(b.count / most), class: "bin" },
      svg("title", {}, `forecast ${(b.meanForecast * 100).toFixed(1)}%, observed ${(b.observedFrequency * 100).toFixed(1)}% of ${b.count}`)
    ));
  }
  return root;
}

// web/views/models.ts
var loss = (x) => x === null ? "\u2013" : x.toFixed(4);
function row3(g) {
  const l = g.latency;
  return h(
    "tr",
    { "data-group": g.group },
    h("th", { scope: "row" }, groupName(g.group)),
    h("td", { class: "num" }, l ? ms(l.p50) : "\u2013"),
    h("td", { class: "num" }, l ? ms(l.p90) : "\u2013"),
    h("td", { class: "num" }, l ? ms(l.p99) : "\u2013"),
    h("td", { class: "num" }, l ? count(l.samples) : "\u2013"),
    h("td", { class: "num" }, count(g.priced)),
    h("td", { class: `num${g.failed ? " bad" : ""}` }, count(g.failed)),
    h("td", {}, g.lastError ?? ""),
    h("td", { class: "num" }, loss(g.calibration.logLoss)),
    h("td", { class: "num" }, g.calibration.markets ? `${loss(g.calibration.marketLogLoss)} (${g.calibration.markets})` : "\u2013"),
    h("td", { class: "num" }, loss(g.calibration.brier)),
    h("td", { class: "num" }, count(g.calibration.selections))
  );
}
function modelsView() {
  return resourceView("Models", "models", (main2, d) => {
    fill(
      main2,
      h("h2", {}, "Models"),
      table(
        "Per market group: model latency, published and failed runs, calibration on settled matches",
        ["Group", "p50", "p90", "p99", "Samples", "Priced", "Failed", "Last error", "Log-loss (selection)", "Log-loss (market)", "Brier", "Selections"],
        d.groups.map(row3),
        { class: "models" }
      ),
      h("p", { class: "note" }, `Latency: ${d.latencySource}. Calibration: ${d.calibrationBasis}; ${d.settledMatches} settled matches. Selection log-loss is the mean binary log-loss of every selection (nats); market log-loss is -ln p(winner) over markets with one winner.`),
      h("h3", {}, "Reliability diagrams"),
      d.settledMatches === 0 ? h("p", { class: "message info" }, "No settled matches yet: calibration needs results.") : h("div", { class: "reliability-grid" }, ...d.groups.map((g) => h(
        "figure",
        { "data-reliability": g.group },
        reliabilityDiagram(g.calibration.bins, `${groupName(g.group)} reliability: forecast against observed frequency over ${g.calibration.selections} selections`),
        h("figcaption", {}, groupName(g.group), h("div", { class: "sub" }, `${g.calibration.selections} selections, log-loss ${loss(g.calibration.logLoss)}`))
      )))
    );
  });
}

// web/views/queues.ts
var plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
function deadLetters(q, redrive) {
  const button = h("button", { type: "button", "aria-label": `Redrive ${q.label}`, disabled: !q.redrivable }, "Redrive");
  button.addEventListener("click", () => redrive(q, button));
  const messages = q.messages ?? [];
  return h(
    "section",
    { class: "dlq", "data-queue": q.label, "aria-label": `${q.label} messages` },
    h("h4", {}, q.label, " ", badge(plural(q.visible, "message"), q.visible ? "failed" : "ok"), " ", button),
    h("p", { class: "sub" }, q.sources.length ? `Dead-letter queue of ${q.sources.join(", ")}; redrive sends messages back to it.` : "Dead-letter queue of an EventBridge target; redrive sends each message to the target queue it names."),
    messages.length === 0 ? message("Empty.") : table(`${plural(messages.length, "message")} in ${q.label}`, ["Message", "Sent", "Receives", "Reason", "Body"], messages.map((m) => h(
      "tr",
      { "data-message-id": m.messageId },
      h("td", { class: "mono" }, m.messageId.slice(0, 8)),
      h("td", {}, dateTime(m.sentAt)),
      h("td", { class: "num" }, m.receiveCount ?? "\u2013"),
      h("td", { class: "reason" }, m.reason),
      h("td", {}, h("details", {}, h("summary", {}, m.body.length > 60 ? `${m.body.slice(0, 60)}\u2026` : m.body), h("pre", {}, m.body)))
    )))
  );
}
function queuesView() {
  let main2;
  let notice = h("p", { role: "status", "aria-live": "polite", class: "notice" });
  const redrive = async (q, button) => {
    button.disabled = true;
    try {
      const r = await postJson(`queues/${encodeURIComponent(q.name)}/redrive`);
      notice.textContent = r.method === "StartMessageMoveTask" ? `Redrive of ${r.queue} started (move task ${r.taskHandle ?? ""}).` : `Sent ${plural(r.moved ?? 0, "message")} of ${r.queue} back to their target.`;
      await refresh2();
    } catch (error) {
      notice.textContent = `Redrive failed: ${error instanceof ApiError ? error.message : String(error)}`;
      button.disabled = false;
    }
  };
  const draw = (d) => {
    const work = d.queues.filter((q) => !q.isDeadLetterQueue);
    const dlqs = d.queues.filter((q) => q.isDeadLetterQueue);
    fill(
      main2,
      h("h2", {}, "Queues"),
      notice,
      table("Work queues", ["Queue", "Visible", "In flight", "Delayed", "Dead-letter queue", "Max receives"], work.map((q) => h(
        "tr",
        { "data-queue": q.label },
        h("th", { scope: "row" }, q.label, h("div", { class: "sub mono" }, q.name)),
        h("td", { class: "num", "data-count": "visible" }, q.visible),
        h("td", { class: "num", "data-count": "in-flight" }, q.inFlight),
        h("td", { class: "num" }, q.delayed),
        h("td", {}, q.deadLetterQueue ?? "\u2013"),
        h("td", { class: "num" }, q.maxReceiveCount ?? "\u2013")
      ))),
      h("h3", {}, "Dead-letter queues"),
      ...dlqs.map((q) => deadLetters(q, redrive))
    );
  };
  const refresh2 = async () => draw(await getJson("queues"));
  return {
    title: "Queues",
    topics: ["queues"],
    async mount(element) {
      main2 = element;
      notice = h("p", { role: "status", "aria-live": "polite", class: "notice" });
      await refresh2();
    },
    refresh: refresh2
  };
}

// web/main.ts
var decode = (part) => {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
};
function route(hash) {
  const [path, query2 = ""] = hash.replace(/^#\/?/, "").split("?");
  const params = new URLSearchParams(query2);
  const [section = "matches", id] = path.split("/").map(decode);
  switch (section) {
    case "matches":
      return { section, view: id ? matchRoute(id) : matchesView(params) };
    case "executions":
      return { section, view: id ? executionView(id, params) : executionsView(params) };
    case "models":
      return { section, view: modelsView() };
    case "queues":
      return { section, view: queuesView() };
    case "cost":
      return { section, view: costView() };
    default:
      return { section: "matches", view: matchesView() };
  }
}
var main = document.getElementById("main");
var live = document.getElementById("live");
var current = null;
var busy = false;
var again = false;
function showError(error) {
  const text = error instanceof ApiError ? `${error.message} (${error.code})` : error instanceof Error ? error.message : String(error);
  const shown = message(`Could not read the stage: ${text}`, "error");
  shown.id = "stage-error";
  const before = document.getElementById("stage-error");
  if (before) before.replaceWith(shown);
  else main.prepend(shown);
}
async function refresh() {
  if (busy) {
    again = true;
    return;
  }
  busy = true;
  try {
    do {
      again = false;
      await current?.refresh();
    } while (again);
    document.getElementById("stage-error")?.remove();
  } catch (error) {
    showError(error);
  } finally {
    busy = false;
  }
}
async function show() {
  current?.unmount?.();
  const { section, view } = route(location.hash);
  current = view;
  for (const link of document.querySelectorAll("nav a")) {
    if (link.dataset.view === section) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  document.title = `${view.title} \xB7 Pricing console`;
  fill(main, message("Loading\u2026"));
  busy = true;
  try {
    await view.mount(main);
    main.dataset.ready = "true";
  } catch (error) {
    fill(main);
    showError(error);
  } finally {
    busy = false;
  }
  if (again) void refresh();
}
function listen() {
  const stream = new EventSource("/console/api/stream");
  stream.addEventListener("open", () => {
    live.textContent = "live";
    live.className = "live on";
  });
  stream.addEventListener("error", () => {
    live.textContent = "reconnecting\u2026";
    live.className = "live off";
  });
  stream.addEventListener("change", (event) => {
    const change2 = JSON.parse(event.data);
    live.dataset.lastChange = change2.at;
    if (current && change2.topics.some((t) => current.topics.includes(t))) void refresh();
  });
}
async function start() {
  window.addEventListener("hashchange", () => {
    main.dataset.ready = "false";
    void show();
  });
  if (!location.hash) history.replaceState(null, "", "#/matches");
  getJson("info").then(
    (info) => document.getElementById("target").textContent = `${info.local ? "local" : "AWS"} \xB7 stage ${info.stage} \xB7 ${info.region} \xB7 ${info.tableName}`,
    (error) => showError(error)
  );
  listen();
  await show();
}
void start();
