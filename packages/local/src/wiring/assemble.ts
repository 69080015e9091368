import { mkdirSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { InputError } from "@pricing/core/errors";
import type { LocalCloud, LocalCloudOptions } from "../types";
import { RealClock, type Clock, type ClockTimeline } from "../clock";
import { startLocalDynamoDb, type LocalDynamoDb, type TableCreated } from "../dynamodb";
import type { LocalEventBridge } from "../eventbridge/bus";
import type { BusEvent } from "../eventbridge/events";
import { EventBridgeService } from "../eventbridge/service";
import { InThreadRunner, LocalLambda } from "../lambda";
import { callsLocalServices, functionPermissions, markFunctionRequests, roleCheck } from "../iam";
import { DEFAULT_PORT, LocalEndpoint } from "../server";
import type { SqsEventSource } from "../sqs/event-source";
import { SqsService } from "../sqs/service";
import { LocalSqs } from "../sqs/sqs";
import { restoreQueues, saveQueues } from "../sqs/persist";
import { JsonFileExecutionStore, LocalStepFunctions, MemoryExecutionStore, stepFunctionsService } from "../stepfunctions";
import { AppTemplate } from "../template/app";
import { DynamoDbProxy, sumCapacity, type CapacityUsage } from "./dynamodb-proxy";
import { ClockedLambda } from "../lambda/handler-time";
import { inProcessRequestHandler } from "./in-process-transport";
import { SplitRunner, ThreadedRunner } from "../lambda/threads";
import { isClockWork } from "./lanes";
import { oldestWorkMs, waitUntilIdle } from "./idle";
import { localLog, powertoolsLogLevel, type LocalLog } from "./log";
import { describeResources, pickStateMachines } from "./resources";
import {
  Activity, createEventBridge, createQueues, createTables, registerFunctions, registerStateMachines, startEventSources, stepFunctionIntegrations,
} from "./services";
import { synthesizeLocalApp, type LocalApp } from "./synth";
import { localUsage } from "./usage";

/** The repository root: handler paths in the template are relative to it. */
const REPO_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));

/** Credentials nothing checks: the local services accept any signature. */
export const LOCAL_CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" };

/** What SDK clients (and the aws CLI) need to reach the local cloud at `endpoint`. */
export function localEnvironment(endpoint: string, region: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    AWS_ENDPOINT_URL_SFN: endpoint,
    AWS_ENDPOINT_URL_EVENTBRIDGE: endpoint,
    AWS_ENDPOINT_URL_SQS: endpoint,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  };
}

/**
 * One thread for the handlers beside the local cloud's own: on a 2-core machine that
 * leaves DynamoDB Local the rest (BENCHMARKS.md, "Reliability and load").
 */
const DEFAULT_HANDLER_THREADS = 1;

/** Real ms a stop waits for invocations under way to finish. */
const STOP_GRACE_MS = 10_000;

/** Where a data directory keeps the queues' messages across a restart. */
const queuesFile = (dataDir: string) => path.join(dataDir, "sqs.json");

/** Synthesis and the DynamoDB backend start together; either failing stops the other. */
async function startFoundations(options: LocalCloudOptions, stage: string, appRoot: string) {
  const timings = { synthMs: 0, dynamodbMs: 0 };
  const began = performance.now();
  const synth = inDirectory(appRoot, () => synthesizeLocalApp(stage)).then((app) => ((timings.synthMs = performance.now() - began), app));
  const dynamoDir = options.dataDir ? path.join(options.dataDir, "dynamodb") : undefined;
  // DynamoDB Local refuses a -dbPath that does not exist yet.
  if (dynamoDir) mkdirSync(dynamoDir, { recursive: true });
  const dynamo = startLocalDynamoDb({ backend: options.backend ?? "auto", dataDir: dynamoDir }).then((db) => ((timings.dynamodbMs = performance.now() - began), db));
  const [app, db] = await Promise.allSettled([synth, dynamo]);
  if (app.status === "rejected" || db.status === "rejected") {
    if (db.status === "fulfilled") await db.value.stop();
    throw app.status === "rejected" ? app.reason : (db as PromiseRejectedResult).reason;
  }
  return { app: app.value as LocalApp, db: db.value as LocalDynamoDb, timings };
}

/** SST finds the project from the working directory, so synthesis runs in the repository root. */
async function inDirectory<T>(dir: string, work: () => Promise<T>): Promise<T> {
  const previous = process.cwd();
  process.chdir(dir);
  try {
    return await work();
  } finally {
    process.chdir(previous);
  }
}

async function listen(endpoint: LocalEndpoint, port: number): Promise<string> {
  try {
    return await endpoint.listen();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new InputError("local.port_in_use", `Port ${port} is in use: stop what holds it or pass another --port (0 picks a free one)`, { port });
    }
    throw error;
  }
}

interface Wired {
  app: AppTemplate;
  activity: Activity;
  sqs: LocalSqs;
  lambda: LocalLambda;
  stepFunctions: LocalStepFunctions;
  eventBridge: LocalEventBridge;
  sources: SqsEventSource[];
  /** Capacity counted by every DynamoDB endpoint: the local cloud's and its handler threads'. */
  dynamodbUsage: () => CapacityUsage;
  dynamoProxy: DynamoDbProxy;
  dynamodbClient: DynamoDBClient;
  tables: TableCreated[];
  listeners: Set<(event: BusEvent, busName: string) => void>;
}

/** How many handler threads, and the clock's time for them to follow; undefined for none. */
type HandlerThreads = { count: number; timeline: ClockTimeline } | undefined;

/**
 * One handler thread by default on a RealClock, whose time a thread can follow; none
 * on a ManualClock, which moves only when a test says so, in its thread.
 */
function handlerThreads(options: LocalCloudOptions, clock: Clock): HandlerThreads {
  const count = options.handlerThreads ?? (clock instanceof RealClock ? DEFAULT_HANDLER_THREADS : 0);
  if (!Number.isInteger(count) || count < 0) {
    throw new InputError("local.invalid_handler_threads", `handler threads must be a whole number of 0 or more, got ${count}`, { threads: count });
  }
  if (count === 0 && options.handlerProcesses) {
    throw new InputError("local.handler_processes_need_threads", "handler processes take the handler threads' place: give handlerThreads 1 or more (on a RealClock)");
  }
  if (count === 0) return undefined;
  if (!(clock instanceof RealClock)) {
    throw new InputError("local.handler_threads_need_real_clock", "handler threads follow a RealClock's time; run the handlers of a ManualClock in the local cloud's thread (handlerThreads 0)");
  }
  return { count, timeline: clock.timeline };
}

/** Every resource of the templates, running and mounted on the endpoint. */
async function wire(options: LocalCloudOptions, ctx: { localApp: LocalApp; db: LocalDynamoDb; endpoint: LocalEndpoint; url: string; clock: Clock; log: LocalLog; env: Record<string, string>; handlerThreads: HandlerThreads }): Promise<Wired> {
  const { localApp, db, endpoint, url, clock, log, env } = ctx;
  const { region, accountId } = localApp;
  const logLevel = options.logLevel ?? "warn";
  const app = new AppTemplate(localApp.stacks, { region, accountId, endpointUrl: url });
  const dynamoProxy = new DynamoDbProxy(db.endpoint);
  endpoint.mount(dynamoProxy);
  const dynamodbClient = new DynamoDBClient({ endpoint: url, region, credentials: LOCAL_CREDENTIALS, requestHandler: inProcessRequestHandler(endpoint) });
  const tables = await createTables(app, dynamodbClient);
  const activity = new Activity(clock);
  const sqs = new LocalSqs({ clock, endpointUrl: url, region, accountId });
  createQueues(app, sqs);
  if (options.dataDir) restoreQueues(sqs, queuesFile(options.dataDir));
  // Each function may call only what its role allows, as on AWS (see ../iam).
  const permissions = functionPermissions(app);
  const appRoot = options.appRoot ?? REPO_ROOT;
  // Functions that call none of the local services, decided once, not at every invocation.
  const computeOnly = new Set([...permissions].filter(([, statements]) => !callsLocalServices(statements)).map(([name]) => name));
  const processes = options.handlerProcesses === true;
  // With two handler processes or more, the clock's work has a lane of its own (see ./lanes).
  const background = processes && (ctx.handlerThreads?.count ?? 0) >= 2 ? isClockWork : undefined;
  const threads = ctx.handlerThreads && new ThreadedRunner({
    appRoot, timeline: ctx.handlerThreads.timeline, threads: ctx.handlerThreads.count, processes, dynamodb: { backendEndpoint: db.endpoint, permissions, accountId },
    endpoint: { url, answer: (target, headers, body) => endpoint.answer(target, headers, body) },
    background,
  });
  // With handler processes, the compute-only functions get a process of their own too, and one for the clock's lane.
  const here = threads && processes ? new ThreadedRunner({ appRoot, timeline: ctx.handlerThreads!.timeline, threads: background ? 2 : 1, processes, background }) : new InThreadRunner(appRoot, clock);
  const lambda = new ClockedLambda(clock, {
    appRoot, region,
    baseEnvironment: { ...env, POWERTOOLS_LOG_LEVEL: powertoolsLogLevel(logLevel), POWERTOOLS_METRICS_DISABLED: logLevel === "debug" ? "false" : "true" },
    runner: threads && new SplitRunner({ here, threads, runsHere: (spec) => computeOnly.has(spec.name) }),
  });
  registerFunctions(app, lambda, localApp.handlers);
  markFunctionRequests();
  endpoint.authorizeWith(roleCheck(permissions, accountId));
  try {
    await lambda.preload();
  } catch (error) {
    // A handler that fails to import: its threads go too, or they keep the process alive.
    await lambda.close();
    throw error;
  }
  const store = options.dataDir ? new JsonFileExecutionStore(path.join(options.dataDir, "executions.json")) : new MemoryExecutionStore();
  const stepFunctions = new LocalStepFunctions({
    clock, store, region, account: accountId,
    integrations: stepFunctionIntegrations({ lambda, sqs, bridge: () => eventBridge, dynamodb: dynamodbClient, activity }),
  });
  registerStateMachines(app, stepFunctions, clock.now());
  const listeners = new Set<(event: BusEvent, busName: string) => void>();
  const observe = (event: BusEvent, busName: string) => {
    for (const listener of listeners) listener(event, busName);
  };
  const eventBridge = createEventBridge({ app, clock, sqs, lambda, stepFunctions, activity, log, observe });
  endpoint.mount(new EventBridgeService(eventBridge)).mount(stepFunctionsService(stepFunctions)).mount(new SqsService(sqs));
  const sources = startEventSources(app, sqs, lambda, activity, log);
  const resumed = await stepFunctions.resume();
  if (resumed.length > 0) log.info(`resumed ${resumed.length} running executions from ${options.dataDir}`);
  const dynamodbUsage = () => (threads ? sumCapacity(dynamoProxy.usage, threads.dynamodbUsage) : { ...dynamoProxy.usage });
  return { app, activity, sqs, lambda, stepFunctions, eventBridge, sources, dynamodbUsage, dynamoProxy, dynamodbClient, tables, listeners };
}

function restoreEnvironment(previous: Record<string, string | undefined>): void {
  for (const [key, value] of Object.entries(previous)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
}

/** The LocalCloud face of the wired services, with the index page and the stop sequence. */
function presentCloud(
  wired: Wired,
  ctx: { stage: string; url: string; clock: Clock; db: LocalDynamoDb; env: Record<string, string>; timings: { synthMs: number; dynamodbMs: number }; began: number; release: () => void; dataDir?: string },
  endpoint: LocalEndpoint,
): LocalCloud {
  const { app, sqs, lambda, stepFunctions, eventBridge, sources, dynamodbUsage, dynamoProxy, dynamodbClient, tables, listeners, activity } = wired;
  const { stage, url, clock, db, env } = ctx;
  const resources = describeResources(app, { sqs, lambda, stepFunctions, eventBridge, tables });
  const outputs = Object.assign({}, ...Object.values(resources.outputs)) as Record<string, string>;
  const busName = outputs.BusName ?? eventBridge.eventBusNames().find((name) => name !== "default") ?? "default";
  endpoint.route("/", (_request, response) => {
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ endpoint: url, stage, busName, resources }, null, 2));
  });
  let stopping: Promise<void> | undefined;
  const stop = async () => {
    await Promise.all(sources.map((source) => source.stop()));
    await stepFunctions.shutdown();
    // Invocations under way finish (and send what they send) before their queues are
    // saved and DynamoDB goes away under them.
    await activity.settled(STOP_GRACE_MS);
    await lambda.close();
    if (ctx.dataDir) saveQueues(sqs, queuesFile(ctx.dataDir));
    sqs.close();
    await endpoint.close();
    dynamoProxy.close();
    dynamodbClient.destroy();
    await db.stop();
    ctx.release();
  };
  return {
    endpoint: url, clock, stage, region: app.place.region, accountId: app.place.accountId, busName, eventBridge, sqs, lambda, stepFunctions,
    dynamodb: { backend: db.backend, backendEndpoint: db.endpoint, tableName: tables[0]?.tableName ?? "", startMs: db.startMs },
    stateMachines: pickStateMachines(resources),
    resources,
    startup: { ...ctx.timings, totalMs: performance.now() - ctx.began },
    env: () => ({ ...env }),
    route: (pathPrefix, handler) => void endpoint.route(pathPrefix, handler),
    usage: () => localUsage({ stepFunctions, lambda, eventBridge, sqs, sources, dynamodb: dynamodbUsage(), speed: clock.speed }),
    onEvent: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    idle: (idleOptions) => waitUntilIdle({ eventBridge, sqs, stepFunctions, activity, sources }, idleOptions),
    oldestWorkMs: () => oldestWorkMs({ sqs, activity, sources }),
    stop: () => (stopping ??= stop()),
  };
}

/** See {@link startLocalCloud}. */
export async function assembleLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  const began = performance.now();
  const stage = options.stage ?? "local";
  const log = localLog(options.logLevel ?? "warn");
  const ownClock = options.clock ? undefined : new RealClock({ speed: options.speed ?? 1 });
  const clock = options.clock ?? ownClock!;
  let threads: HandlerThreads;
  try {
    threads = handlerThreads(options, clock);
  } catch (error) {
    ownClock?.stop();
    throw error;
  }
  const port = options.port ?? DEFAULT_PORT;
  // Answers 503 (retryable) until every service is mounted: see markReady below.
  const endpoint = new LocalEndpoint({ port, ready: false, onInternalError: (error) => log.error(`endpoint: ${(error as Error)?.stack ?? error}`) });
  // The port first: a busy one fails at once, before seconds of synthesis.
  const url = await listen(endpoint, port);
  let foundations: Awaited<ReturnType<typeof startFoundations>>;
  try {
    foundations = await startFoundations(options, stage, options.appRoot ?? REPO_ROOT);
  } catch (error) {
    await endpoint.close();
    ownClock?.stop();
    throw error;
  }
  const { app: localApp, db, timings } = foundations;
  const env: Record<string, string> = {};
  const previousEnv: Record<string, string | undefined> = {};
  let wired: Wired;
  try {
    Object.assign(env, localEnvironment(url, localApp.region));
    for (const key of Object.keys(env)) previousEnv[key] = process.env[key];
    Object.assign(process.env, env);
    wired = await wire(options, { localApp, db, endpoint, url, clock, log, env, handlerThreads: threads });
  } catch (error) {
    await endpoint.close();
    await db.stop();
    ownClock?.stop();
    restoreEnvironment(previousEnv);
    throw error;
  }
  const cloud = presentCloud(wired, { stage, url, clock, db, env, timings, began, dataDir: options.dataDir, release: () => {
    ownClock?.stop();
    restoreEnvironment(previousEnv);
  } }, endpoint);
  if (ownClock && options.maxLagSeconds !== undefined) {
    ownClock.holdBehind({ maxLagMs: options.maxLagSeconds * 1000, oldestWorkMs: cloud.oldestWorkMs });
  }
  endpoint.markReady();
  log.info(`local cloud up at ${url} in ${Math.round(cloud.startup.totalMs)} ms (${db.backend})`);
  return cloud;
}
