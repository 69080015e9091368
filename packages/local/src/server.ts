import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
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
}

/** Checks a caller may perform `targetPrefix.operation`; throws an AwsServiceError when not. */
export type Authorizer = (request: IncomingMessage, targetPrefix: string, operation: string) => void;

export const DEFAULT_PORT = 4010;
const MAX_BODY_BYTES = 10 * 1024 * 1024;

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

  constructor(private readonly options: LocalEndpointOptions = {}) {}

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
      const target = request.headers["x-amz-target"];
      if (typeof target === "string" && request.method === "POST") return await this.handleTarget(target, request, response);
      const url = new URL(request.url ?? "/", `http://${request.headers.host ?? "localhost"}`);
      const route = this.routes.find((candidate) => url.pathname.startsWith(candidate.prefix));
      if (route) return await route.handler(request, response, url);
      response.writeHead(404, { "content-type": "text/plain" }).end("Not Found\n");
    } catch (error) {
      this.options.onInternalError?.(error);
      if (!response.headersSent) writeError(response, contentTypeOf(request), new AwsServiceError("InternalFailure", "internal error", 500));
      else response.end();
    }
  }

  private async handleTarget(target: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const contentType = contentTypeOf(request);
    const dot = target.lastIndexOf(".");
    const service = this.services.get(target.slice(0, dot));
    if (dot < 0 || !service) {
      return writeError(response, contentType, new AwsServiceError("UnknownOperationException", `No local service handles ${target}`));
    }
    let input: Record<string, unknown>;
    try {
      const text = await readBody(request);
      input = text.trim() === "" ? {} : JSON.parse(text);
      if (input === null || typeof input !== "object" || Array.isArray(input)) throw new Error("not an object");
    } catch (error) {
      const message = error instanceof AwsServiceError ? error.message : "The request body is not a JSON object";
      return writeError(response, contentType, new AwsServiceError("SerializationException", message));
    }
    try {
      this.authorizer?.(request, target.slice(0, dot), target.slice(dot + 1));
      const output = await service.handle(target.slice(dot + 1), input);
      const body = JSON.stringify(output ?? {});
      response.writeHead(200, { "content-type": contentType, "x-amzn-requestid": randomUUID(), "content-length": Buffer.byteLength(body) });
      response.end(body);
    } catch (error) {
      if (!(error instanceof AwsServiceError)) throw error;
      writeError(response, contentType, error);
    }
  }
}

function contentTypeOf(request: IncomingMessage): string {
  const type = request.headers["content-type"] ?? "";
  return /^application\/x-amz-json-1\.[01]/.test(type) ? type.split(";")[0] : "application/x-amz-json-1.1";
}

function writeError(response: ServerResponse, contentType: string, error: AwsServiceError): void {
  const body = JSON.stringify({ __type: error.type, message: error.message });
  const extra = (error as AwsServiceError & { headers?: Record<string, string> }).headers ?? {};
  response.writeHead(error.statusCode, {
    ...extra,
    "content-type": contentType,
    "x-amzn-errortype": error.type,
    "x-amzn-requestid": randomUUID(),
    "content-length": Buffer.byteLength(body),
  });
  response.end(body);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new AwsServiceError("SerializationException", `Request body over ${MAX_BODY_BYTES} bytes`));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}
