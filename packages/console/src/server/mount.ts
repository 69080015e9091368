import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { isIPv6, type AddressInfo } from "node:net";
import { hostname, networkInterfaces } from "node:os";
import { InputError } from "@pricing/core/errors";
import type { LocalCloud } from "@pricing/local/cloud";
import { ConsoleApp } from "./app";
import { createClients, destroyClients, type ClientOptions } from "./clients";
import { CONSOLE_PATH, consoleHandler } from "./http";
import { localHooks } from "./local-hooks";
import { discoverResources } from "./resources";

/** Anything that serves plain HTTP routes by path prefix, like the local cloud's endpoint. */
export interface RouteTarget {
  route(pathPrefix: string, handler: (request: IncomingMessage, response: ServerResponse, url: URL) => void | Promise<void>): unknown;
}

/** What the console points at. */
export type ConsoleTarget =
  /** A local cloud in this process (its endpoint, backend table reads, Express executions and usage counters). */
  | { cloud: LocalCloud }
  /** A local cloud's endpoint in another process. */
  | { endpoint: string; region?: string; stage?: string; tableName?: string }
  /** A deployed stage, with the user's AWS credentials. */
  | { stage: string; region?: string; tableName?: string };

export interface ConsoleOptions {
  /** Seconds between looks at the stage while a page is open (default 1). */
  pollSeconds?: number;
  onError?: (error: unknown) => void;
  /** Host names or addresses (no port) the console answers to besides the loopback ones. */
  hosts?: readonly string[];
  /** Who the console acts as for trader actions: this, else PRICING_TRADER_ID, else "local". */
  traderId?: string;
}

export interface Console {
  app: ConsoleApp;
  handle: ReturnType<typeof consoleHandler>["handle"];
  close(): void;
}

const LOCAL_CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" };

/**
 * Builds the console for a target: SDK clients, the stage's resources found by name,
 * and the HTTP handler for /console/.
 *
 * @throws InputError "console.no_stage", "console.no_table" when the target has no pricing-engine stage
 */
export async function createConsole(target: ConsoleTarget, options: ConsoleOptions = {}): Promise<Console> {
  let clientOptions: ClientOptions, label: string, region: string;
  if ("cloud" in target) {
    const { cloud } = target;
    region = cloud.region;
    clientOptions = { endpoint: cloud.endpoint, dynamodbEndpoint: cloud.dynamodb.backendEndpoint, region, credentials: LOCAL_CREDENTIALS };
    label = `local cloud at ${cloud.endpoint}`;
  } else if ("endpoint" in target) {
    region = target.region ?? "us-east-1";
    clientOptions = { endpoint: target.endpoint, region, credentials: LOCAL_CREDENTIALS };
    label = `local cloud at ${target.endpoint}`;
  } else {
    region = target.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "us-east-1";
    clientOptions = { region };
    label = `stage ${target.stage} in ${region}`;
  }
  const clients = createClients(clientOptions);
  try {
    const resources = "cloud" in target
      ? await discoverResources(clients, { stage: target.cloud.stage, tableName: target.cloud.dynamodb.tableName })
      : await discoverResources(clients, { stage: target.stage, tableName: target.tableName });
    if ("cloud" in target) resources.busName = target.cloud.busName;
    const traderId = options.traderId ?? process.env.PRICING_TRADER_ID;
    const app = new ConsoleApp({ clients, resources, region, target: label, ...(traderId ? { traderId } : {}), ...("cloud" in target ? { local: localHooks(target.cloud) } : {}) });
    const handler = consoleHandler(app, { pollMs: (options.pollSeconds ?? 1) * 1000, onError: options.onError, hosts: options.hosts });
    return {
      app,
      handle: handler.handle,
      close: () => {
        handler.close();
        destroyClients(clients);
      },
    };
  } catch (error) {
    destroyClients(clients);
    throw explain(error, label);
  }
}

/** Turns "cannot connect" and "no credentials" into errors that say what to do. */
function explain(error: unknown, label: string): unknown {
  const e = error as { code?: string; name?: string; message?: string };
  if (e?.code === "ECONNREFUSED" || e?.code === "ENOTFOUND") {
    return new InputError("console.unreachable", `cannot reach the ${label}: ${e.message}; is it running (npx pricing local) and is the URL right?`);
  }
  if (e?.name === "CredentialsProviderError") {
    return new InputError("console.no_credentials", `no AWS credentials for the ${label}: ${e.message}; set AWS_PROFILE or run aws configure`);
  }
  return error;
}

/** Serves the console under /console/ of an existing endpoint (the local cloud's). */
export async function mountConsole(endpoint: RouteTarget, target: ConsoleTarget, options: ConsoleOptions = {}): Promise<Console> {
  const console = await createConsole(target, options);
  endpoint.route(CONSOLE_PATH.slice(0, -1), console.handle);
  return console;
}

export interface StartedConsole extends Console {
  /** The page, e.g. "http://127.0.0.1:4020/console/". */
  url: string;
  stop(): Promise<void>;
}

export interface StandaloneOptions extends ConsoleOptions {
  /** Default 4020; 0 picks a free one. */
  port?: number;
  /** Address to listen on (default 127.0.0.1). */
  host?: string;
  /** Listen on an address other than loopback: anyone who reaches it can use the console, which has no user authentication. */
  allowRemote?: boolean;
}

/** Whether an address to listen on is reachable from this machine only. */
export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

const isWildcard = (host: string) => host === "0.0.0.0" || host === "::";

/** An address as a URL or a Host header writes it. */
const inUrl = (address: string) => (isIPv6(address) ? `[${address}]` : address);

/** The names a browser may reach a console listening on `host` by (the Host header it sends, less the port). */
function namesOf(host: string): string[] {
  if (!isWildcard(host)) return [inUrl(host)];
  return [...Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((i) => inUrl(i.address))), hostname()];
}

/**
 * Serves the console on its own port (default 4020; 0 picks a free one); "/" leads to the page.
 *
 * @throws InputError "console.remote_refused" for a host other than loopback without `allowRemote`
 */
export async function startConsole(target: ConsoleTarget, options: StandaloneOptions = {}): Promise<StartedConsole> {
  const host = options.host ?? "127.0.0.1";
  if (!isLoopback(host) && !options.allowRemote) {
    throw new InputError("console.remote_refused", `--host ${host} would serve the console beyond this machine, and it has no user authentication: it listens on loopback only unless --allow-remote is given`);
  }
  const hosts = [...(options.hosts ?? []), ...namesOf(host)];
  const console = await createConsole(target, { ...options, hosts });
  const server = createServer((request, response) => void console.handle(request, response));
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 4020, host, () => resolve());
    });
  } catch (error) {
    console.close();
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") throw new InputError("console.port_in_use", `port ${options.port ?? 4020} is in use: pass another --port (0 picks a free one)`);
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  return {
    ...console,
    url: `http://${isWildcard(host) ? "127.0.0.1" : inUrl(host)}:${port}${CONSOLE_PATH}`,
    stop: async () => {
      console.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
