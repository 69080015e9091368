import { parentPort, workerData } from "node:worker_threads";
import { timelineNow } from "../clock";
import { SharedAnchor } from "../clock-timeline";
import { markFunctionRequests, roleCheck } from "../iam";
import { LocalEndpoint, type TargetAnswer } from "../server";
import { DynamoDbProxy } from "../wiring/dynamodb-proxy";
import { serveInProcess } from "../wiring/in-process-transport";
import { errorPayload, InThreadRunner, type FunctionToLoad } from "./handlers";
import { inClockTime } from "./handler-time";
import type { FromThread, ThreadData, ToThread } from "./threads";
import type { ClockLike } from "./types";

/**
 * A handler thread: imports the app's handler modules and runs the invocations the
 * local cloud posts to it, each in its function's environment, InvokeStore context and
 * clock time, as the local cloud's own thread would (see ./handlers). The
 * requests it makes to the local endpoint carry the calling function's name for the
 * role check, as from the local cloud's thread; with `endpoint`, the SDK's requests to
 * it are posted to the local cloud's thread as messages rather than sent over HTTP.
 *
 * DynamoDB, the service the handlers call most, is served from the thread itself: its
 * own endpoint, with the same role check and the same capacity count, in front of the
 * same backend, answering the SDK in process (../wiring/in-process-transport). A DynamoDB
 * request then costs the local cloud's thread nothing, as on AWS a function reaches
 * DynamoDB without passing through anything else of the app. The thread's capacity
 * count goes back with every outcome.
 *
 * Forked as a child process instead (ThreadedRunner's `processes`), the same code runs
 * over the IPC channel: what a thread gets as workerData comes as the first message,
 * and the clock, whose buffer a process cannot share, is a copy of its anchor that
 * every message brings up to date.
 */
interface Port {
  postMessage(message: FromThread): void;
  on(event: "message", listener: (message: ToThread) => void): void;
}

/** The channel to the local cloud and what the handlers start from. */
async function connect(): Promise<{ port: Port; data: ThreadData; follow: (message: ToThread) => void }> {
  if (parentPort) return { port: parentPort as Port, data: workerData as ThreadData, follow: () => undefined };
  // A child process: messages that come before the set-up is done wait in order.
  const early: ToThread[] = [];
  const listeners: Array<(message: ToThread) => void> = [];
  process.on("message", (message: ToThread) => (listeners.length > 0 ? listeners.forEach((l) => l(message)) : early.push(message)));
  // The local cloud gone, nothing is left to serve.
  process.on("disconnect", () => process.exit(0));
  // Stopped by its parent: exit as on a disconnect, so a CPU profile (--cpu-prof) is written.
  process.on("SIGTERM", () => process.exit(0));
  const init = await new Promise<ToThread & { kind: "init" }>((resolve) => {
    const wait = setInterval(() => {
      const first = early.findIndex((m) => m.kind === "init");
      if (first < 0) return;
      clearInterval(wait);
      resolve(early.splice(first, 1)[0] as ToThread & { kind: "init" });
    }, 1);
  });
  const anchor = SharedAnchor.create(init.anchor[0], init.anchor[1]);
  anchor.write(init.anchor[0], init.anchor[1], init.anchor[2] === 1);
  const follow = (message: ToThread) => {
    if (message.anchor) anchor.write(message.anchor[0], message.anchor[1], message.anchor[2] === 1);
  };
  const port: Port = {
    postMessage: (message) => void process.send!(message),
    on: (_event, listener) => {
      listeners.push(listener);
      for (const message of early.splice(0)) listener(message);
    },
  };
  const { speed, ...data } = init.data;
  return { port, data: { ...data, timeline: { speed, shared: anchor.buffer } }, follow };
}

const { port, data, follow } = await connect();
const { appRoot, timeline, dynamodb, endpoint } = data;
const clock: ClockLike = { speed: timeline.speed, now: () => timelineNow(timeline), sleep: () => Promise.reject(new Error("no timers in a handler thread")) };
const handlers = new InThreadRunner(appRoot, clock);
markFunctionRequests();

const proxy = dynamodb ? new DynamoDbProxy(dynamodb.backendEndpoint) : undefined;
const dynamodbUrl: Promise<string | undefined> = dynamodb && proxy ? serveDynamoDb(proxy, dynamodb) : Promise.resolve(undefined);

/** This thread's DynamoDB endpoint, whose requests from the SDK are answered in process. */
async function serveDynamoDb(service: DynamoDbProxy, { permissions, accountId }: NonNullable<ThreadData["dynamodb"]>): Promise<string> {
  const own = new LocalEndpoint({ port: 0 }).mount(service).authorizeWith(roleCheck(permissions, accountId));
  const url = await own.listen();
  serveInProcess(url, own);
  return url;
}

/** Requests to the local cloud's endpoint, posted to its thread and answered by message. */
const calls = new Map<number, (answer: TargetAnswer) => void>();
let nextCall = 1;
if (endpoint) {
  serveInProcess(endpoint, {
    answer: (target, headers, body) => new Promise((resolve) => {
      const id = nextCall++;
      calls.set(id, resolve);
      port.postMessage({ kind: "call", id, target, headers: headers as Record<string, string>, body } satisfies FromThread);
    }),
  });
}

/** The invocation's environment, with this thread's DynamoDB endpoint when it has one. */
async function environment(env: Record<string, string>): Promise<Record<string, string>> {
  const url = await dynamodbUrl;
  return url ? { ...env, AWS_ENDPOINT_URL_DYNAMODB: url } : env;
}

async function preload(functions: FunctionToLoad[]): Promise<FromThread> {
  try {
    await handlers.preload(await Promise.all(functions.map(async ({ spec, env }) => ({ spec, env: await environment(env) }))));
    return { kind: "preloaded" };
  } catch (error) {
    return { kind: "preloaded", error: errorPayload(error) };
  }
}

port.on("message", (message: ToThread) => {
  follow(message);
  if (message.kind === "init") return;
  if (message.kind === "answered") {
    calls.get(message.id)?.(message.answer);
    calls.delete(message.id);
    return;
  }
  if (message.kind === "preload") {
    void preload(message.functions).then((reply) => port.postMessage(reply));
    return;
  }
  void (async () => {
    const request = { ...message.request, env: await environment(message.request.env) };
    const outcome = await inClockTime(clock, () => handlers.run(request));
    port.postMessage({ kind: "outcome", id: message.id, outcome, dynamodb: proxy ? { ...proxy.usage } : undefined } satisfies FromThread);
  })();
});
