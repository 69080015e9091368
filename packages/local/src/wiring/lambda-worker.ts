import { parentPort, workerData } from "node:worker_threads";
import { timelineNow } from "../clock";
import { markFunctionRequests, roleCheck } from "../iam";
import { errorPayload, InThreadRunner, type ClockLike, type FunctionToLoad } from "../lambda";
import { LocalEndpoint } from "../server";
import { DynamoDbProxy } from "./dynamodb-proxy";
import { inClockTime } from "./handler-time";
import type { FromThread, ThreadData, ToThread } from "./lambda-threads";

/**
 * A handler thread: imports the app's handler modules and runs the invocations the
 * local cloud posts to it, each in its function's environment, InvokeStore context and
 * clock time, as the local cloud's own thread would (see ../lambda/handlers). The
 * requests it makes to the local endpoint carry the calling function's name for the
 * role check, as from the local cloud's thread.
 *
 * DynamoDB, the service the handlers call most, is served from the thread itself: its
 * own endpoint, with the same role check and the same capacity count, in front of the
 * same backend. A DynamoDB request then costs the local cloud's thread nothing, as on
 * AWS a function reaches DynamoDB without passing through anything else of the app.
 * The thread's capacity count goes back with every outcome.
 */
const { appRoot, timeline, dynamodb } = workerData as ThreadData;
const port = parentPort!;
const clock: ClockLike = { speed: timeline.speed, now: () => timelineNow(timeline), sleep: () => Promise.reject(new Error("no timers in a handler thread")) };
const handlers = new InThreadRunner(appRoot, clock);
markFunctionRequests();

const proxy = dynamodb ? new DynamoDbProxy(dynamodb.backendEndpoint) : undefined;
const dynamodbUrl: Promise<string | undefined> = dynamodb && proxy
  ? new LocalEndpoint({ port: 0 }).mount(proxy).authorizeWith(roleCheck(dynamodb.permissions, dynamodb.accountId)).listen()
  : Promise.resolve(undefined);

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
