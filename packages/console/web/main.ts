import type { ChangeEvent, ConsoleInfo } from "../src/api";
import { ApiError, getJson } from "./api";
import { fill, message } from "./dom";
import type { View } from "./view";
import { costView } from "./views/cost";
import { executionView } from "./views/execution";
import { executionsView } from "./views/executions";
import { matchView } from "./views/match";
import { matchesView } from "./views/matches";
import { modelsView } from "./views/models";
import { queuesView } from "./views/queues";

/** The view for a location hash: #/matches (?sport=&competition=&status=&q=), #/matches/ID, #/executions, #/executions/ARN, #/models, #/queues, #/cost. */
function route(hash: string): { section: string; view: View } {
  const [path, query = ""] = hash.replace(/^#\/?/, "").split("?");
  const [section = "matches", id] = path.split("/").map(decodeURIComponent);
  switch (section) {
    case "matches": return { section, view: id ? matchView(id) : matchesView(new URLSearchParams(query)) };
    case "executions": return { section, view: id ? executionView(id) : executionsView() };
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

function showError(error: unknown): void {
  const text = error instanceof ApiError ? `${error.message} (${error.code})` : error instanceof Error ? error.message : String(error);
  main.prepend(message(`Could not read the stage: ${text}`, "error"));
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
