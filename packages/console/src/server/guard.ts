import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { InputError } from "@pricing/core/errors";
import { TOKEN_HEADER } from "../api";

/**
 * Largest request body the console reads. Its one action (a redrive) takes no body at
 * all; a few kilobytes leave room for a small JSON object and nothing more.
 */
export const MAX_BODY_BYTES = 16 * 1024;

/** A request the console will not answer, with the HTTP status that says why. */
export class RefusedError extends InputError {
  override readonly name: string = "RefusedError";
  constructor(readonly status: number, code: string, message: string, readonly headers: Record<string, string> = {}) {
    super(code, message);
  }
}

/** The names a browser on this machine reaches a loopback listener by. */
export const LOOPBACK_NAMES = ["127.0.0.1", "localhost", "[::1]"] as const;

/** What a request header says, clipped for an error message. */
const quoted = (value: string | undefined) => JSON.stringify((value ?? "").slice(0, 100));

/**
 * The console's checks on who is asking. It has no user authentication, so it answers
 * only a browser on this machine at its own address (the Host allow-list defeats DNS
 * rebinding), reads only for same-origin pages, and acts only for a same-origin request
 * that carries the token written into the page it served (a custom header, which a
 * cross-origin page cannot send without a preflight the console never grants).
 */
export class RequestGuard {
  private readonly token: Buffer;
  private readonly names: Set<string>;

  /** `names`: host names or addresses (no port) accepted besides the loopback ones. */
  constructor(token: string, names: readonly string[] = []) {
    this.token = Buffer.from(token);
    this.names = new Set([...LOOPBACK_NAMES, ...names.map((n) => n.toLowerCase())]);
  }

  /**
   * The request's Host, when it names this console at the port it was reached on.
   *
   * @throws RefusedError 421 "console.foreign_host"
   */
  host(request: IncomingMessage): string {
    const host = request.headers.host?.toLowerCase() ?? "";
    const port = request.socket.localPort;
    const colon = host.lastIndexOf(":");
    const [name, hostPort] = colon > host.lastIndexOf("]") ? [host.slice(0, colon), host.slice(colon + 1)] : [host, ""];
    if (this.names.has(name) && hostPort === String(port)) return host;
    // The other names allowed are left out: a page that rebinds its DNS name reads this answer.
    const loopback = LOOPBACK_NAMES.map((n) => `${n}:${port}`).join(", ");
    throw new RefusedError(421, "console.foreign_host", `the console answers only to its own address (Host ${loopback}), not ${quoted(request.headers.host)}: open it by one of those`);
  }

  /**
   * Refuses a request a page of another origin made: its Origin is not this console's, or
   * the browser says it came from another site.
   *
   * @throws RefusedError 403 "console.cross_origin"
   */
  sameOrigin(request: IncomingMessage, host: string): void {
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== `http://${host}`) {
      throw new RefusedError(403, "console.cross_origin", `the console answers only its own page (origin http://${host}), not a page of origin ${quoted(origin)}`);
    }
    const site = request.headers["sec-fetch-site"];
    if (site !== undefined && site !== "same-origin" && site !== "none") {
      throw new RefusedError(403, "console.cross_origin", `the console answers only its own page, not a ${quoted(site)} request`);
    }
  }

  /**
   * Requires a request to show it comes from the console's own page: an `Origin` of this
   * console, or `Sec-Fetch-Site: same-origin` (a browser sends one or both with every
   * POST a page makes). A request that says neither is refused, not given the benefit
   * of the doubt: trader actions move prices.
   *
   * @throws RefusedError 403 "console.cross_origin"
   */
  ownPage(request: IncomingMessage, host: string): void {
    this.sameOrigin(request, host);
    if (request.headers.origin === `http://${host}` || request.headers["sec-fetch-site"] === "same-origin") return;
    throw new RefusedError(403, "console.cross_origin", `this action is taken only from the console's own page (origin http://${host}); the request names no origin`);
  }

  /**
   * Checks an action: the token of this launch, a JSON body (a cross-site form cannot
   * send one) and no more than MAX_BODY_BYTES of it.
   *
   * @returns the body, parsed ({} when empty)
   * @throws RefusedError 403 "console.no_token", 415 "console.not_json", 413 "console.body_too_large", 400 "console.invalid_body"
   */
  async action(request: IncomingMessage): Promise<Record<string, unknown>> {
    const sent = request.headers[TOKEN_HEADER];
    if (typeof sent !== "string" || !this.matchesToken(sent)) {
      throw new RefusedError(403, "console.no_token", `an action needs the ${TOKEN_HEADER} header of the page the console served; reload the page`);
    }
    const type = request.headers["content-type"]?.split(";")[0].trim().toLowerCase();
    if (type !== "application/json") {
      throw new RefusedError(415, "console.not_json", `an action's body is application/json, not ${quoted(request.headers["content-type"])}`);
    }
    const text = await readBody(request);
    let body: unknown = {};
    try {
      if (text.trim() !== "") body = JSON.parse(text);
    } catch {
      body = null;
    }
    if (body === null || typeof body !== "object" || Array.isArray(body)) throw new RefusedError(400, "console.invalid_body", "an action's body is a JSON object");
    return body as Record<string, unknown>;
  }

  private matchesToken(sent: string): boolean {
    const given = Buffer.from(sent);
    return given.length === this.token.length && timingSafeEqual(given, this.token);
  }
}

/** Throws 405 unless the request's method is one of `methods`. */
export function allowMethods(request: IncomingMessage, methods: readonly string[]): void {
  if (!methods.includes(request.method ?? "")) {
    throw new RefusedError(405, "console.method_not_allowed", `${request.method} is not answered here; ${methods.join(" or ")} is`, { allow: methods.join(", ") });
  }
}

/**
 * Reads a body of at most MAX_BODY_BYTES. A larger one is refused before it is read
 * (from its Content-Length) or as soon as it passes the limit; Node drains the rest
 * once the 413 is sent, so the client reads the answer rather than a reset.
 */
function readBody(request: IncomingMessage): Promise<string> {
  const tooLarge = () => new RefusedError(413, "console.body_too_large", `a request body is at most ${MAX_BODY_BYTES} bytes`);
  if (Number(request.headers["content-length"] ?? 0) > MAX_BODY_BYTES) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
      request.off("data", onData);
      request.resume();
      reject(tooLarge());
    };
    request.on("data", onData);
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}
