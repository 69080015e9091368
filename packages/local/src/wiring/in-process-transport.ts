import { NodeHttpHandler } from "@smithy/node-http-handler";
import { CALLER_HEADER } from "../iam";
import { currentFunctionEnv } from "../lambda/env";
import type { LocalEndpoint } from "../server";

/** What answers the requests: a LocalEndpoint in this thread, or one in another thread reached by messages. */
export type Answerer = Pick<LocalEndpoint, "answer">;

type Handle = NodeHttpHandler["handle"];
type SmithyRequest = Parameters<Handle>[0];
type SmithyResponse = Awaited<ReturnType<Handle>>["response"];

/** Requests answered in process: the endpoints served so, by "host:port". */
const served = new Map<string, Answerer>();
let original: Handle | undefined;
/**
 * How many requests this thread has answered in process. Kept on the thread's global
 * object: a handler compiled to CommonJS that imports this module gets a copy of its
 * own, and both must read one count.
 */
const COUNT = Symbol.for("pricing.local.answeredInProcess");
const counts = globalThis as { [COUNT]?: number };

export function answeredInProcess(): number {
  return counts[COUNT] ?? 0;
}

/**
 * Answers the AWS SDK's requests to `url` in this thread, from `endpoint` itself, instead
 * of over a loopback HTTP connection to it. The SDK still builds, signs and parses each
 * request as it would on AWS; only the connection is left out: an HTTP client request, a
 * server request and their sockets per call, which at 500 matches in play were a tenth of
 * a handler thread's CPU for DynamoDB calls alone. The endpoint still listens at `url`, so
 * anything that reaches it otherwise gets the same answers.
 *
 * The SDK's clients take their HTTP handler from their own configuration, which the
 * handler code builds; the local cloud cannot pass one in from outside. So the shared
 * `NodeHttpHandler` class is wrapped once, for this thread: a request to a served host
 * and port is answered by the endpoint (with the calling function's name for the role
 * check, as `markFunctionRequests` adds over HTTP); every other request goes out as before.
 */
export function serveInProcess(url: string, endpoint: Answerer): void {
  const { hostname, port } = new URL(url);
  served.set(`${hostname}:${port}`, endpoint);
  if (original) return;
  const handle = (original = NodeHttpHandler.prototype.handle);
  NodeHttpHandler.prototype.handle = function handleInProcess(this: NodeHttpHandler, request, options) {
    const target = served.get(`${request.hostname}:${request.port ?? ""}`);
    const body = typeof request.body === "string" ? request.body : request.body instanceof Uint8Array ? utf8(request.body) : undefined;
    if (!target || body === undefined || typeof request.headers["x-amz-target"] !== "string") return handle.call(this, request, options);
    return answer(target, request, body);
  };
}

/**
 * An SDK request handler that answers every request from `endpoint` in this thread: for
 * the local cloud's own clients (creating the tables, Step Functions' DynamoDB tasks),
 * which also reach the endpoint while it still answers 503 over HTTP to everyone else.
 */
export function inProcessRequestHandler(endpoint: Answerer) {
  return {
    handle: (request: SmithyRequest) => {
      const body = typeof request.body === "string" ? request.body : request.body instanceof Uint8Array ? utf8(request.body) : "";
      return answer(endpoint, request, body, false);
    },
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
    destroy: () => undefined,
  };
}

async function answer(endpoint: Answerer, request: SmithyRequest, body: string, counted = true): Promise<{ response: SmithyResponse }> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
  const caller = currentFunctionEnv()?.AWS_LAMBDA_FUNCTION_NAME;
  if (caller !== undefined) headers[CALLER_HEADER] = caller;
  const reply = await endpoint.answer(headers["x-amz-target"], headers, body);
  if (counted) counts[COUNT] = answeredInProcess() + 1;
  return { response: { statusCode: reply.statusCode, headers: reply.headers, body: Buffer.from(reply.body, "utf8") } as SmithyResponse };
}

/** The text of a request body the SDK wrote as bytes, read without its string adapter's methods. */
function utf8(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
}
