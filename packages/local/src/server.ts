import { randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { AwsServiceError, type AwsJsonService } from "./protocol";

/** Handles a plain HTTP request under a mounted path prefix (the console, health checks). */
export type RouteHandler = (request: IncomingMessage, response: ServerResponse, url: URL) => void | Promise<void>;

export interface LocalEndpointOptions {
  /** Default 4010; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Told about unexpected errors (answered as 500 InternalFailure). */
  onInternalError?: (error: unknown) => void;
  /**
   * False while the services are still being mounted after `listen()`: until
   * `markReady()` every request over HTTP is answered 503 with Retry-After, which the
   * AWS SDKs retry, and the health path says "starting". Default true.
   */
  ready?: boolean;
}

/** Checks a caller may perform `targetPrefix.operation`; throws an AwsServiceError when not. */
export type Authorizer = (request: { headers: IncomingHttpHeaders }, targetPrefix: string, operation: string) => void;

export const DEFAULT_PORT = 4010;

/** GET here answers 200 {"status":"ready"} once the services are mounted, 503 {"status":"starting"} before. */
export const HEALTH_PATH = "/health";

/** Seconds a client is told to wait (Retry-After) while the endpoint is starting. */
const STARTING_RETRY_AFTER_S = 1;

/**
 * The largest request body, by target prefix: DynamoDB takes requests of up to 16 MB
 * (BatchWriteItem); SQS messages are at most 1 MiB, and EventBridge entries and Step
 * Functions inputs 256 KiB, so 1 MiB covers every other service.
 */
const BODY_LIMITS = new Map<string, number>([["DynamoDB_20120810", 16 * 1024 * 1024]]);
const DEFAULT_BODY_LIMIT = 1024 * 1024;
/** Past this much, an over-limit body is no longer read to the end before the 413: the connection is closed. */
const DRAIN_LIMIT = 64 * 1024 * 1024;

/** AWS operation names are PascalCase; anything else (`constructor`, `__proto__`, `toString`) names none. */
const OPERATION_NAME = /^[A-Z][A-Za-z0-9]{0,127}$/;

/** The body limit of requests to `targetPrefix`. */
export function bodyLimit(targetPrefix: string): number {
  return BODY_LIMITS.get(targetPrefix) ?? DEFAULT_BODY_LIMIT;
}

/**
 * The one local endpoint: POSTs carrying `X-Amz-Target: <prefix>.<Action>` go to the
 * AwsJsonService mounted for that prefix and are answered in the AWS JSON protocol
 * (errors as `{"__type", "message"}` with `x-amzn-ErrorType`); other requests go to the
 * longest matching route prefix.
 */
export class LocalEndpoint {
  private readonly services = new Map<string, AwsJsonService>();
  private readonly routes: Array<{ prefix: string; handler: RouteHandler }> = [];
  private server?: Server;
  private boundUrl?: string;
  private authorizer?: Authorizer;
  private isReady: boolean;

  constructor(private readonly options: LocalEndpointOptions = {}) {
    this.isReady = options.ready ?? true;
  }

  /** Starts answering requests over HTTP (see `LocalEndpointOptions.ready`). */
  markReady(): this {
    this.isReady = true;
    return this;
  }

  /** Whether requests over HTTP are served, or answered 503 while starting. */
  get ready(): boolean {
    return this.isReady;
  }

  /** Mounts a service under its target prefix ("AWSEvents", "AmazonSQS", ...). */
  mount(service: AwsJsonService): this {
    this.services.set(service.targetPrefix, service);
    return this;
  }

  /** Checks every AWS request with `authorizer` before its service sees it. */
  authorizeWith(authorizer: Authorizer): this {
    this.authorizer = authorizer;
    return this;
  }

  /** Adds a plain HTTP handler for paths starting with `pathPrefix`. */
  route(pathPrefix: string, handler: RouteHandler): this {
    this.routes.push({ prefix: pathPrefix, handler });
    this.routes.sort((a, b) => b.prefix.length - a.prefix.length);
    return this;
  }

  /** Starts listening; resolves to the endpoint URL, e.g. "http://127.0.0.1:4010". */
  listen(): Promise<string> {
    const host = this.options.host ?? "127.0.0.1";
    const server = createServer((request, response) => void this.dispatch(request, response));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.options.port ?? DEFAULT_PORT, host, () => {
        server.off("error", reject);
        const { port } = server.address() as AddressInfo;
        this.boundUrl = `http://${host}:${port}`;
        resolve(this.boundUrl);
      });
    });
  }

  /** The URL once listening. */
  get url(): string {
    if (!this.boundUrl) throw new Error("the local endpoint is not listening yet");
    return this.boundUrl;
  }

  /** Stops listening and drops open (keep-alive and long-poll) connections. */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }

  private async dispatch(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      if (!this.hostAccepted(request.headers.host)) {
        const error = new AwsServiceError("AccessDeniedException", "The local endpoint answers requests addressed to 127.0.0.1 or localhost only", 403);
        return writeAnswer(response, errorAnswer(request.headers, error));
      }
      const url = requestUrl(request);
      if (!url) return writeAnswer(response, errorAnswer(request.headers, new AwsServiceError("InvalidRequest", "The request target is not a valid path")));
      if (url.pathname === HEALTH_PATH && (request.method === "GET" || request.method === "HEAD")) return this.answerHealth(response);
      if (!this.isReady) return this.answerStarting(request, response);
      const target = request.headers["x-amz-target"];
      if (typeof target === "string" && request.method === "POST") return await this.handleTarget(target, request, response);
      const route = this.routes.find((candidate) => url.pathname.startsWith(candidate.prefix));
      if (route) return await route.handler(request, response, url);
      response.writeHead(404, { "content-type": "text/plain" }).end("Not Found\n");
    } catch (error) {
      this.options.onInternalError?.(error);
      if (!response.headersSent) {
        writeAnswer(response, errorAnswer(request.headers, new AwsServiceError("InternalFailure", "internal error", 500)));
      }
      else response.end();
    }
  }

  /**
   * Whether a request with this Host header is served. An endpoint on a loopback address
   * serves only requests addressed to a loopback name: a web page whose own name was made
   * to resolve to 127.0.0.1 (DNS rebinding) sends its name, and is refused.
   */
  private hostAccepted(host: string | undefined): boolean {
    if (!isLoopbackName(this.options.host ?? "127.0.0.1")) return true;
    if (host === undefined) return true;
    const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::\d{1,5})?$/.exec(host);
    return match !== null && isLoopbackName(match[1]);
  }

  private answerHealth(response: ServerResponse): void {
    const body = JSON.stringify({ status: this.isReady ? "ready" : "starting" });
    const headers: Record<string, string> = { "content-type": "application/json", "cache-control": "no-store" };
    if (!this.isReady) headers["retry-after"] = String(STARTING_RETRY_AFTER_S);
    response.writeHead(this.isReady ? 200 : 503, headers).end(body);
  }

  /** 503 while starting: the AWS error shape for AWS requests (the SDKs retry it), the health document otherwise. */
  private answerStarting(request: IncomingMessage, response: ServerResponse): void {
    if (typeof request.headers["x-amz-target"] !== "string") return this.answerHealth(response);
    const error = new AwsServiceError("ServiceUnavailable", "The local cloud is starting; retry shortly", 503);
    const answer = errorAnswer(request.headers, error);
    writeAnswer(response, { ...answer, headers: { ...answer.headers, "retry-after": String(STARTING_RETRY_AFTER_S) } });
  }

  /**
   * Answers one AWS JSON protocol request (`X-Amz-Target: <prefix>.<Action>`) as the
   * endpoint would over HTTP, without HTTP: for callers in this thread that reach the
   * endpoint through their own transport (see wiring/in-process-transport).
   */
  async answer(target: string, headers: IncomingHttpHeaders, body: string): Promise<TargetAnswer> {
    const contentType = contentTypeOf(headers);
    const dot = target.lastIndexOf(".");
    const prefix = target.slice(0, dot);
    const operation = target.slice(dot + 1);
    const service = dot < 0 ? undefined : this.services.get(prefix);
    if (!service || !OPERATION_NAME.test(operation)) {
      return errorAnswer(headers, new AwsServiceError("UnknownOperationException", `No local service handles ${target.slice(0, 200)}`));
    }
    if (Buffer.byteLength(body) > bodyLimit(prefix)) return errorAnswer(headers, tooLarge(prefix));
    let input: Record<string, unknown>;
    try {
      input = body.trim() === "" ? {} : JSON.parse(body);
      if (input === null || typeof input !== "object" || Array.isArray(input)) throw new Error("not an object");
    } catch {
      return errorAnswer(headers, new AwsServiceError("SerializationException", "The request body is not a JSON object"));
    }
    try {
      this.authorizer?.({ headers }, prefix, operation);
      const output = await service.handle(operation, input);
      const text = JSON.stringify(output ?? {});
      return { statusCode: 200, headers: { "content-type": contentType, "x-amzn-requestid": randomUUID(), "content-length": String(Buffer.byteLength(text)) }, body: text };
    } catch (error) {
      if (error instanceof AwsServiceError) return errorAnswer(headers, error);
      this.options.onInternalError?.(error);
      return errorAnswer(headers, new AwsServiceError("InternalFailure", "internal error", 500));
    }
  }

  private async handleTarget(target: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const prefix = target.slice(0, Math.max(0, target.lastIndexOf(".")));
    let body: string;
    try {
      body = await readBody(request, bodyLimit(prefix));
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        if (!error.drained) response.shouldKeepAlive = false;
        return writeAnswer(response, errorAnswer(request.headers, tooLarge(prefix)));
      }
      return writeAnswer(response, errorAnswer(request.headers, new AwsServiceError("SerializationException", "The request body could not be read")));
    }
    writeAnswer(response, await this.answer(target, request.headers, body));
  }
}

/** A request's answer: status, headers and JSON body. */
export interface TargetAnswer {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

function contentTypeOf(headers: IncomingHttpHeaders): string {
  const type = headers["content-type"] ?? "";
  return /^application\/x-amz-json-1\.[01]/.test(type) ? type.split(";")[0] : "application/x-amz-json-1.1";
}

/** The error document the endpoint answers `error` with, in the request's JSON content type. */
export function errorAnswer(headers: IncomingHttpHeaders, error: AwsServiceError): TargetAnswer {
  const contentType = contentTypeOf(headers);
  const body = JSON.stringify({ __type: error.type, message: error.message });
  const extra = (error as AwsServiceError & { headers?: Record<string, string> }).headers ?? {};
  return {
    statusCode: error.statusCode,
    headers: { ...extra, "content-type": contentType, "x-amzn-errortype": error.type, "x-amzn-requestid": randomUUID(), "content-length": String(Buffer.byteLength(body)) },
    body,
  };
}

function writeAnswer(response: ServerResponse, answer: TargetAnswer): void {
  response.writeHead(answer.statusCode, answer.headers).end(answer.body);
}

/**
 * The request's URL from its request target alone: the Host header is the client's to
 * send and may be anything, so it is not parsed. A path is read as a path ("//x" is not
 * a host); undefined when the target is not a valid URL.
 */
function requestUrl(request: IncomingMessage): URL | undefined {
  const target = request.url ?? "/";
  try {
    return new URL(target.startsWith("/") ? `http://localhost${target}` : target);
  } catch {
    return undefined;
  }
}

/** localhost and its subdomains, 127.0.0.0/8 and ::1, as a Host header or a bind address writes them. */
function isLoopbackName(name: string): boolean {
  const host = name.toLowerCase();
  return host === "localhost" || host.endsWith(".localhost") || /^127(\.\d{1,3}){3}$/.test(host) || host === "::1" || host === "[::1]";
}

function tooLarge(prefix: string): AwsServiceError {
  return new AwsServiceError("RequestEntityTooLargeException", `Request body over ${bodyLimit(prefix)} bytes, the limit for ${prefix || "this endpoint"}`, 413);
}

/** A body over the limit; `drained` when it was read to its end, so the connection can serve the next request. */
class BodyTooLarge extends Error {
  override readonly name = "BodyTooLarge";
  constructor(readonly drained: boolean) {
    super("request body too large");
  }
}

/**
 * Reads the body, keeping at most `limit` bytes. A larger one is read on to its end and
 * dropped, so the client, still sending, gets the 413 rather than a reset connection;
 * past DRAIN_LIMIT it is not read further and the connection closes after the answer.
 */
function readBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const declared = Number(request.headers["content-length"]);
    if (Number.isFinite(declared) && declared > DRAIN_LIMIT) {
      request.pause();
      return reject(new BodyTooLarge(false));
    }
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > DRAIN_LIMIT) {
        request.pause();
        request.removeAllListeners("data");
        reject(new BodyTooLarge(false));
      }
    });
    request.on("end", () => (size > limit ? reject(new BodyTooLarge(true)) : resolve(Buffer.concat(chunks).toString("utf8"))));
    request.on("error", reject);
  });
}
