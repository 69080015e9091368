import type { ChangeEvent, ConsoleInfo } from "../src/api";
import { ApiError, getJson } from "./api";
import { fill, message } from "./dom";
import type { View } from "./view";
import { costView } from "./views/cost";
import { executionView } from "./views/execution";
import { executionsView } from "./views/executions";
import { matchRoute } from "./views/match-route";
import { matchesView } from "./views/matches";
import { modelsView } from "./views/models";
import { queuesView } from "./views/queues";

/** A part of the address decoded, or as it is when it is not valid percent-encoding (a hand-edited link). */
const decode = (part: string) => {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
};

/**
 * The view for a location hash: #/matches (?sport=&competition=&status=&q=&from=&to=&sort=),
 * #/matches/ID, #/executions (?machine=&match=&status=&error=&next=), #/executions/ARN
 * (?state=), #/models, #/queues, #/cost.
 */
function route(hash: string): { section: string; view: View } {
  const [path, query = ""] = hash.replace(/^#\/?/, "").split("?");
  const params = new URLSearchParams(query);
  const [section = "matches", id] = path.split("/").map(decode);
  switch (section) {
    case "matches": return { section, view: id ? matchRoute(id) : matchesView(params) };
    case "executions": return { section, view: id ? executionView(id, params) : executionsView(params) };
    case "models": return { section, view: modelsView() };
    case "queues": return { section, view: queuesView() };
    case "cost": return { section, view: costView() };
    default: return { section: "matches", view: matchesView() };
  }
}

const main = document.getElementById("main")!;
const live = document.getElementById("live")!;
let current: View | null = null;
let busy = false, again = false;

/** Says why the stage could not be read, once: a failure repeated by every change replaces its own message. */
function showError(error: unknown): void {
  const text = error instanceof ApiError ? `${error.message} (${error.code})` : error instanceof Error ? error.message : String(error);
  const shown = message(`Could not read the stage: ${text}`, "error");
  shown.id = "stage-error";
  const before = document.getElementById("stage-error");
  if (before) before.replaceWith(shown);
  else main.prepend(shown);
}

/** Refreshes the current view; changes arriving meanwhile cause one more refresh after it. */
async function refresh(): Promise<void> {
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

async function show(): Promise<void> {
  current?.unmount?.();
  const { section, view } = route(location.hash);
  current = view;
  for (const link of document.querySelectorAll<HTMLAnchorElement>("nav a")) {
    if (link.dataset.view === section) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  document.title = `${view.title} · Pricing console`;
  fill(main, message("Loading…"));
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

function listen(): void {
  const stream = new EventSource("/console/api/stream");
  stream.addEventListener("open", () => {
    live.textContent = "live";
    live.className = "live on";
  });
  stream.addEventListener("error", () => {
    live.textContent = "reconnecting…";
    live.className = "live off";
  });
  stream.addEventListener("change", (event) => {
    const change = JSON.parse((event as MessageEvent<string>).data) as ChangeEvent;
    live.dataset.lastChange = change.at;
    if (current && change.topics.some((t) => current!.topics.includes(t))) void refresh();
  });
}

async function start(): Promise<void> {
  window.addEventListener("hashchange", () => {
    main.dataset.ready = "false";
    void show();
  });
  if (!location.hash) history.replaceState(null, "", "#/matches");
  getJson<ConsoleInfo>("info").then(
    (info) => (document.getElementById("target")!.textContent = `${info.local ? "local" : "AWS"} · stage ${info.stage} · ${info.region} · ${info.tableName}`),
    (error) => showError(error),
  );
  listen();
  await show();
}

void start();
