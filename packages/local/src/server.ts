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
}

/** Checks a caller may perform `targetPrefix.operation`; throws an AwsServiceError when not. */
export type Authorizer = (request: { headers: IncomingHttpHeaders }, targetPrefix: string, operation: string) => void;

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
      if (!response.headersSent) {
        writeAnswer(response, errorAnswer(request.headers, new AwsServiceError("InternalFailure", "internal error", 500)));
      }
      else response.end();
    }
  }

  /**
   * Answers one AWS JSON protocol request (`X-Amz-Target: <prefix>.<Action>`) as the
   * endpoint would over HTTP, without HTTP: for callers in this thread that reach the
   * endpoint through their own transport (see wiring/in-process-transport).
   */
  async answer(target: string, headers: IncomingHttpHeaders, body: string): Promise<TargetAnswer> {
    const contentType = contentTypeOf(headers);
    const dot = target.lastIndexOf(".");
    const service = this.services.get(target.slice(0, dot));
    if (dot < 0 || !service) {
      return errorAnswer(headers, new AwsServiceError("UnknownOperationException", `No local service handles ${target}`));
    }
    let input: Record<string, unknown>;
    try {
      if (Buffer.byteLength(body) > MAX_BODY_BYTES) throw new AwsServiceError("SerializationException", `Request body over ${MAX_BODY_BYTES} bytes`);
      input = body.trim() === "" ? {} : JSON.parse(body);
      if (input === null || typeof input !== "object" || Array.isArray(input)) throw new Error("not an object");
    } catch (error) {
      const message = error instanceof AwsServiceError ? error.message : "The request body is not a JSON object";
      return errorAnswer(headers, new AwsServiceError("SerializationException", message));
    }
    try {
      this.authorizer?.({ headers }, target.slice(0, dot), target.slice(dot + 1));
      const output = await service.handle(target.slice(dot + 1), input);
      const text = JSON.stringify(output ?? {});
      return { statusCode: 200, headers: { "content-type": contentType, "x-amzn-requestid": randomUUID(), "content-length": String(Buffer.byteLength(text)) }, body: text };
    } catch (error) {
      if (error instanceof AwsServiceError) return errorAnswer(headers, error);
      this.options.onInternalError?.(error);
      return errorAnswer(headers, new AwsServiceError("InternalFailure", "internal error", 500));
    }
  }

  private async handleTarget(target: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    let body: string;
    try {
      body = await readBody(request);
    } catch (error) {
      const message = error instanceof AwsServiceError ? error.message : "The request body could not be read";
      return writeAnswer(response, errorAnswer(request.headers, new AwsServiceError("SerializationException", message)));
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
