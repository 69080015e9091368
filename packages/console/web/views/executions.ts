import { EXECUTION_STATUSES, STATE_MACHINES, type ExecutionRow, type ExecutionsResponse } from "../../src/api";
import { getJson } from "../api";
import { badge, dateTime, fill, h, message } from "../dom";
import { duration } from "../duration";
import type { View } from "../view";

const minute = (seconds: number) => `${Math.floor(seconds / 60)}'${String(seconds % 60).padStart(2, "0")}`;

/** The filters of the list as they stand in the address (#/executions?machine=PriceMatch&status=FAILED), with the page's token. */
const FILTERS = ["machine", "match", "status", "error"] as const;
type Filter = Record<(typeof FILTERS)[number], string>;

const statusWord = (status: string) => status.toLowerCase().replace("_", " ");

function row(r: ExecutionRow): HTMLTableRowElement {
  const link = r.executionArn
    ? h("a", { href: `#/executions/${encodeURIComponent(r.executionArn)}`, "aria-label": `${r.machine} execution ${r.title}${r.matchName ? ` of ${r.matchName}` : ""}: ${statusWord(r.status)}` }, r.title)
    : h("span", { title: "Its execution is not kept: the run is known by the prices it published" }, r.title);
  const run = r.run;
  return h("tr", { "data-machine": r.machine, "data-status": r.status, "data-match-id": r.matchId ?? "", ...(run ? { "data-run": `${run.matchId}:${run.priceVersion}` } : {}), ...(r.machine === "Lifecycle" ? { "data-execution": r.title } : {}) },
    h("td", {}, r.matchId ? h("a", { href: `#/matches/${encodeURIComponent(r.matchId)}` }, r.matchName ?? r.matchId) : "–"),
    h("td", {}, r.machine),
    h("td", { class: "run" }, link),
    h("td", {}, badge(statusWord(r.status), r.status.toLowerCase().replace("_", "-"))),
    h("td", {}, dateTime(r.startDate)),
    h("td", { class: "num", "data-duration": "" }, duration(r.durationMs)),
    h("td", { class: "num" }, run ? `${run.priceVersion}${run.clockSeconds ? ` · ${minute(run.clockSeconds)}` : ""}` : "–"),
    h("td", {}, r.errors.length ? badge(r.errors.join(", "), "failed") : run?.failedGroups.length ? "" : "none"));
}

const choices = (values: Array<[string, string]>, chosen: string, all: string) => {
  const known = values.some(([v]) => v === chosen) || chosen === "" ? values : [...values, [chosen, chosen] as [string, string]];
  return [h("option", { value: "", selected: chosen === "" }, all), ...known.map(([v, label]) => h("option", { value: v, selected: v === chosen }, label))];
};

/**
 * Lifecycle executions (Standard, one per match) and PriceMatch runs (Express, one per
 * reprice) of the stage, newest first, a page at a time from the server, filtered by
 * match, machine, status and error name; the filters and the page stand in the
 * address, so a link keeps them, and the browser's back button turns back a page.
 */
export function executionsView(params: URLSearchParams = new URLSearchParams()): View {
  const filter: Filter = { machine: params.get("machine") ?? "", match: params.get("match") ?? "", status: params.get("status") ?? "", error: params.get("error") ?? "" };
  let next = params.get("next") ?? "";
  const selects = Object.fromEntries(FILTERS.map((k) => [k, h("select", { name: k, "aria-label": { machine: "State machine", match: "Match", status: "Status", error: "Failure" }[k] })])) as Record<keyof Filter, HTMLSelectElement>;
  const form = h("form", { class: "filters", role: "search", "aria-label": "Filter executions" },
    h("label", {}, "Match ", selects.match), h("label", {}, "State machine ", selects.machine), h("label", {}, "Status ", selects.status), h("label", {}, "Failure ", selects.error));
  const results = h("div", { class: "results" });
  const query = (page: string) => {
    const q = new URLSearchParams();
    for (const k of FILTERS) if (filter[k]) q.set(k, filter[k]);
    if (page) q.set("next", page);
    return q.toString();
  };
  const address = (page: string) => `#/executions${query(page) ? `?${query(page)}` : ""}`;

  const draw = (d: ExecutionsResponse) => {
    // Two fixtures of the same sides (a league's return match) differ by their day.
    fill(selects.match, ...choices(d.matches.map((m) => [m.matchId, m.kickoff ? `${m.name}, ${m.kickoff.slice(0, 10)}` : m.name]), filter.match, "All matches"));
    fill(selects.machine, ...choices(STATE_MACHINES.map((m) => [m, m]), filter.machine, "Both"));
    fill(selects.status, ...choices(EXECUTION_STATUSES.map((s) => [s, statusWord(s)]), filter.status, "Any status"));
    fill(selects.error, ...choices(d.errors.map((e) => [e, e]), filter.error, "Any or none"));
    const from = d.total === 0 ? 0 : 1;
    fill(results,
      h("p", { class: "note" }, `PriceMatch runs: ${d.pricing.source}.${d.clockSpeed !== null && d.clockSpeed !== 1 ? ` Lifecycle times and durations are on the local cloud's clock (${d.clockSpeed}× real time); PriceMatch durations are real time.` : ""}`),
      d.executions.length === 0
        ? message(d.total === 0 && !FILTERS.some((k) => filter[k]) ? "No executions yet." : next ? "No more executions." : "No execution passes the filters.")
        : h("table", { class: "executions" },
          h("caption", {}, `${next ? "Older executions" : `Executions ${from}–${d.executions.length}`} of ${d.total}, newest first`),
          h("thead", {}, h("tr", {}, ...["Match", "State machine", "Execution", "Status", "Started", "Duration", "Price version · clock", "Failure"].map((t) => h("th", { scope: "col" }, t)))),
          h("tbody", {}, ...d.executions.map(row))),
      h("nav", { class: "pager", "aria-label": "Pages" },
        next ? h("a", { href: address(""), "data-page": "first" }, "← Newest") : null,
        d.next ? h("a", { href: address(d.next), "data-page": "next" }, "Older →") : null));
  };

  const load = async () => draw(await getJson<ExecutionsResponse>(`executions${query(next) ? `?${query(next)}` : ""}`));

  const changed = () => {
    for (const k of FILTERS) filter[k] = selects[k].value;
    // New filters start from the newest page: a token belongs to the list it was made in.
    next = "";
    history.replaceState(null, "", address(""));
    void load().catch((error: unknown) => fill(results, message(`Could not read the executions: ${error instanceof Error ? error.message : String(error)}`, "error")));
  };
  for (const k of FILTERS) selects[k].addEventListener("change", changed);
  form.addEventListener("submit", (event) => event.preventDefault());

  return {
    title: "Executions",
    topics: ["executions"],
    async mount(main) {
      fill(main, h("h2", {}, "Executions"), form, results);
      await load();
    },
    refresh: load,
  };
}
