import type { IncomingMessage, ServerResponse } from "node:http";
import { InputError, PricingError } from "@pricing/core/errors";
import type { ConsoleApp } from "./app";
import { NotFoundError } from "./app";
import { Assets } from "./assets";
import { ChangeStream } from "./stream";

/** Where the console lives on an endpoint: pages under it, the JSON API under `${CONSOLE_PATH}api/`. */
export const CONSOLE_PATH = "/console/";

export type RouteHandler = (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<void>;

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, { "content-type": type, "cache-control": "no-store", "content-length": Buffer.byteLength(body) });
  response.end(body);
}

const json = (response: ServerResponse, status: number, value: unknown) => send(response, status, "application/json; charset=utf-8", JSON.stringify(value));

type Api = (app: ConsoleApp, parts: string[], url: URL) => Promise<unknown>;

/** GET routes of the JSON API by their first path segment after /console/api/. */
const GETS: Record<string, Api> = {
  info: async (app) => app.info(),
  matches: async (app, [id, sub], url) => {
    if (!id) return app.matches();
    if (sub === "history") return app.marketHistory(id, url.searchParams.get("group") ?? "", url.searchParams.get("market") ?? "");
    return app.match(id);
  },
  executions: async (app, [arn]) => (arn ? app.execution(arn) : app.executions()),
  models: async (app) => app.modelReport(),
  queues: async (app) => app.queues(),
  cost: async (app) => app.cost(),
};

/**
 * The console's HTTP handler for everything under /console/: the page and its assets,
 * the JSON API, the change stream, and the one action (redrive a dead-letter queue, a POST).
 */
export function consoleHandler(app: ConsoleApp, options: { pollMs?: number; onError?: (error: unknown) => void } = {}) {
  const assets = new Assets();
  const onError = options.onError ?? ((error) => console.error(error));
  const stream = new ChangeStream(app, options.pollMs ?? 1000, onError);
  const handle: RouteHandler = async (request, response, url) => {
    const path = url.pathname.slice(CONSOLE_PATH.length);
    if (url.pathname === CONSOLE_PATH.slice(0, -1)) {
      response.writeHead(302, { location: CONSOLE_PATH }).end();
      return;
    }
    if (!path.startsWith("api/")) {
      const asset = request.method === "GET" ? assets.get(path) : null;
      if (!asset) return send(response, 404, "text/plain", "Not Found\n");
      const { type, body } = await asset;
      return send(response, 200, type, body);
    }
    const parts = path.slice(4).split("/").map(decodeURIComponent);
    try {
      if (parts[0] === "stream") return stream.open(response);
      if (request.method === "POST" && parts[0] === "queues" && parts[2] === "redrive") return json(response, 200, await app.redrive(parts[1]));
      const route = request.method === "GET" ? GETS[parts[0]] : undefined;
      if (!route) return json(response, 404, { error: "console.no_route", message: `no ${request.method} ${url.pathname}` });
      json(response, 200, await route(app, parts.slice(1), url));
    } catch (error) {
      if (error instanceof NotFoundError) return json(response, 404, { error: error.code, message: error.message });
      if (error instanceof InputError) return json(response, 400, { error: error.code, message: error.message });
      onError(error);
      const name = (error as Error)?.name ?? "Error";
      json(response, error instanceof PricingError ? 500 : 502, { error: name, message: (error as Error)?.message ?? String(error) });
    }
  };
  return { handle, close: () => stream.close() };
}
