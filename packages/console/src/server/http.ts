import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { InputError, PricingError } from "@pricing/core/errors";
import type { ConsoleApp } from "./app";
import { NotFoundError } from "./app";
import { executionQuery } from "./execution-list";
import { Assets } from "./assets";
import { allowMethods, RefusedError, RequestGuard } from "./guard";
import { ChangeStream } from "./stream";

/** Where the console lives on an endpoint: pages under it, the JSON API under `${CONSOLE_PATH}api/`. */
export const CONSOLE_PATH = "/console/";

export type RouteHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/**
 * Sent with every answer: the page loads only its own scripts, styles and data, no
 * other site may frame it (clickjacking on the redrive button), nothing is sniffed into
 * another type, and no URL of the console leaks in a Referer.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cross-origin-resource-policy": "same-origin",
};

function send(response: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  response.writeHead(status, { ...headers, "content-type": type, "cache-control": "no-store", "content-length": Buffer.byteLength(body) });
  response.end(body);
}

const json = (response: ServerResponse, status: number, value: unknown, headers?: Record<string, string>) =>
  send(response, status, "application/json; charset=utf-8", JSON.stringify(value), headers);

type Params = string[];
type Read = (app: ConsoleApp, params: Params, url: URL) => Promise<unknown>;
type Act = (app: ConsoleApp, params: Params, body: Record<string, unknown>) => Promise<unknown>;

/** A route of the JSON API: its path after /console/api/ (":x" is any one segment) and what each method does. */
interface ApiRoute {
  path: string;
  GET?: Read;
  POST?: Act;
  /** A POST that must show it comes from the console's own page (its Origin, or Sec-Fetch-Site same-origin), not merely not from another. */
  sameOriginOnly?: true;
}

const ROUTES: ApiRoute[] = [
  { path: "info", GET: async (app) => app.info() },
  { path: "matches", GET: (app, _, url) => app.matches(url.searchParams.get("id") ?? undefined) },
  { path: "matches/:id", GET: (app, [id]) => app.match(id) },
  { path: "matches/:id/prices", GET: (app, [id], url) => app.pricesAt(id, url.searchParams) },
  { path: "matches/:id/history", GET: (app, [id], url) => app.marketHistory(id, url.searchParams.get("group") ?? "", url.searchParams.get("market") ?? "") },
  { path: "executions", GET: (app, _, url) => app.executions(executionQuery(url.searchParams)) },
  { path: "executions/:arn", GET: (app, [arn]) => app.execution(arn) },
  { path: "models", GET: (app) => app.modelReport() },
  { path: "queues", GET: (app) => app.queues() },
  { path: "queues/:name/redrive", POST: (app, [name]) => app.redrive(name) },
  { path: "matches/:id/trader", POST: (app, [id], body) => app.traderAction(id, body), sameOriginOnly: true },
  { path: "cost", GET: (app) => app.cost() },
];

/** The route a path's segments name, and the values of its ":x" segments. */
function findRoute(parts: string[]): { route: ApiRoute; params: Params } | null {
  for (const route of ROUTES) {
    const pattern = route.path.split("/");
    if (pattern.length !== parts.length) continue;
    if (pattern.every((p, i) => p.startsWith(":") ? parts[i] !== "" : p === parts[i])) {
      return { route, params: parts.filter((_, i) => pattern[i].startsWith(":")) };
    }
  }
  return null;
}

/** The path's segments, decoded (one trailing slash ignored). */
function segments(path: string): string[] {
  const parts = path.replace(/\/$/, "").split("/");
  try {
    return parts.map(decodeURIComponent);
  } catch {
    throw new RefusedError(400, "console.invalid_path", "the path is not valid percent-encoding");
  }
}

export interface ConsoleHandlerOptions {
  pollMs?: number;
  onError?: (error: unknown) => void;
  /** Host names or addresses (no port) the console answers to besides the loopback ones. */
  hosts?: readonly string[];
}

/**
 * The console's HTTP handler for everything under /console/: the page and its assets,
 * the JSON API, the change stream, and the one action (redrive a dead-letter queue, a
 * POST). Every request goes through one error boundary: whatever it sends, the console
 * answers it with a status and goes on serving.
 */
export function consoleHandler(app: ConsoleApp, options: ConsoleHandlerOptions = {}) {
  const token = randomBytes(32).toString("base64url");
  const guard = new RequestGuard(token, options.hosts);
  const assets = new Assets(token);
  const onError = options.onError ?? ((error) => console.error(error));
  const stream = new ChangeStream(app, options.pollMs ?? 1000, onError);

  const route = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const host = guard.host(request);
    const url = new URL(request.url ?? "/", `http://${host}`);
    if (url.pathname === "/" || url.pathname === CONSOLE_PATH.slice(0, -1)) {
      allowMethods(request, ["GET", "HEAD"]);
      return void response.writeHead(302, { location: CONSOLE_PATH }).end();
    }
    if (!url.pathname.startsWith(CONSOLE_PATH)) throw new NotFoundError("console.not_found", `nothing at ${url.pathname}`);
    const path = url.pathname.slice(CONSOLE_PATH.length);
    if (!path.startsWith("api/")) {
      const asset = assets.get(path);
      if (!asset) throw new NotFoundError("console.not_found", `nothing at ${url.pathname}`);
      allowMethods(request, ["GET", "HEAD"]);
      const { type, body } = await asset;
      return send(response, 200, type, body);
    }
    guard.sameOrigin(request, host);
    const parts = segments(path.slice("api/".length));
    if (parts.length === 1 && parts[0] === "stream") {
      allowMethods(request, ["GET"]);
      return stream.open(response);
    }
    const found = findRoute(parts);
    if (!found) throw new NotFoundError("console.no_route", `no route ${url.pathname}`);
    const { route: { GET, POST, sameOriginOnly }, params } = found;
    if (request.method === "GET" && GET) return json(response, 200, await GET(app, params, url));
    if (request.method === "POST" && POST) {
      if (sameOriginOnly) guard.ownPage(request, host);
      return json(response, 200, await POST(app, params, await guard.action(request)));
    }
    allowMethods(request, GET ? ["GET"] : ["POST"]);
  };

  const handle: RouteHandler = async (request, response) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
    try {
      await route(request, response);
    } catch (error) {
      answerError(response, error, onError);
    }
  };
  return { handle, token, close: () => stream.close() };
}

/** Answers a request that failed: the caller's fault as 4xx, ours as 5xx, always as JSON. */
function answerError(response: ServerResponse, error: unknown, onError: (error: unknown) => void): void {
  if (response.headersSent) return void response.end();
  if (error instanceof RefusedError) return json(response, error.status, { error: error.code, message: error.message }, error.headers);
  if (error instanceof NotFoundError) return json(response, 404, { error: error.code, message: error.message });
  if (error instanceof InputError) return json(response, 400, { error: error.code, message: error.message });
  onError(error);
  const name = (error as Error)?.name ?? "Error";
  json(response, error instanceof PricingError ? 500 : 502, { error: name, message: (error as Error)?.message ?? String(error) });
}
