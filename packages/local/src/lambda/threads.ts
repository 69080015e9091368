import { fork } from "node:child_process";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { AwsServiceError } from "../protocol";
import type { ClockTimeline } from "../clock";
import { SharedAnchor } from "../clock-timeline";
import type { Permissions } from "../iam";
import { errorAnswer, type TargetAnswer } from "../server";
import { emptyCapacityUsage, sumCapacity, type CapacityUsage } from "../wiring/dynamodb-proxy";
import type { FunctionToLoad, HandlerRunner, InvocationOutcome, InvocationRequest } from "./handlers";
import type { LambdaErrorPayload, LambdaFunctionSpec } from "./types";

/** What a handler thread starts from. */
export interface ThreadData {
  appRoot: string;
  timeline: ClockTimeline;
  /** The DynamoDB backend the thread serves its handlers' requests to, and the roles to check them against. */
  dynamodb?: { backendEndpoint: string; permissions: Permissions; accountId: string };
  /** The local cloud's endpoint URL, whose requests the thread passes to the local cloud's thread as messages. */
  endpoint?: string;
}

/** Answers a request to the local cloud's endpoint: `LocalEndpoint.answer`. */
export type Answer = (target: string, headers: Record<string, string>, body: string) => Promise<TargetAnswer>;

/**
 * The clock's anchor as last written (`SharedAnchor.read`): a handler process cannot
 * share the clock's buffer, so every message to one carries it.
 */
export type AnchorValues = [simMs: number, realMs: number, held: number];

/** What the local cloud posts to a handler thread (or process). */
export type ToThread =
  | { kind: "init"; data: Omit<ThreadData, "timeline"> & { speed: number }; anchor: AnchorValues }
  | { kind: "preload"; functions: FunctionToLoad[]; anchor?: AnchorValues }
  | { kind: "invoke"; id: number; request: InvocationRequest; anchor?: AnchorValues }
  | { kind: "answered"; id: number; answer: TargetAnswer; anchor?: AnchorValues };

/** What a handler thread answers. */
export type FromThread =
  | { kind: "preloaded"; error?: LambdaErrorPayload }
  | { kind: "outcome"; id: number; outcome: InvocationOutcome; dynamodb?: CapacityUsage }
  | { kind: "call"; id: number; target: string; headers: Record<string, string>; body: string };

const ENTRY = new URL("./worker.mjs", import.meta.url);

/** Young generation of a handler thread, as `--max-semi-space-size=64` gives the main one (see `npm start`). */
const YOUNG_GENERATION_MB = 192;

/** A handler thread or process, as the runner talks to it. */
interface Channel {
  /** The child's process id; none for a thread. */
  readonly pid?: number;
  post(message: ToThread): void;
  onMessage(listener: (message: FromThread) => void): void;
  onError(listener: (error: Error) => void): void;
  onExit(listener: (code: number | null) => void): void;
  terminate(): Promise<void>;
}

function threadChannel(data: ThreadData): Channel {
  const worker = new Worker(ENTRY, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
  return {
    post: (message) => worker.postMessage(message),
    onMessage: (listener) => void worker.on("message", listener),
    onError: (listener) => void worker.on("error", listener),
    onExit: (listener) => void worker.on("exit", listener),
    terminate: async () => void (await worker.terminate()),
  };
}

/**
 * The niceness of a background lane's process (`nice 10`): on a machine with fewer
 * cores than busy processes the kernel runs the other lanes' work first, and the
 * background lane's when a core is free.
 */
export const BACKGROUND_NICENESS = 10;

/**
 * A handler process: the same entry as a thread, forked, its messages structured-cloned
 * over the IPC channel. It follows the clock from the anchor each message carries.
 */
function processChannel(data: ThreadData, anchor: SharedAnchor, niceness: number): Channel {
  const child = fork(fileURLToPath(ENTRY), [], {
    serialization: "advanced",
    // LOCAL_HANDLER_CPU_PROF=<dir>: each handler process writes a V8 CPU profile there when it exits.
    execArgv: [`--max-semi-space-size=${YOUNG_GENERATION_MB / 3}`, ...(process.env.LOCAL_HANDLER_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.LOCAL_HANDLER_CPU_PROF}`] : [])],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  if (niceness !== 0 && child.pid !== undefined) {
    try {
      os.setPriority(child.pid, niceness);
    } catch {
      // Not allowed here (a sandbox without setpriority): the lane still keeps its work apart.
    }
  }
  const { timeline, ...rest } = data;
  child.send({ kind: "init", data: { ...rest, speed: timeline.speed }, anchor: anchor.read() } satisfies ToThread);
  let exited: Promise<void> | null = null;
  const exit = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    pid: child.pid,
    post: (message) => {
      if (child.connected) child.send({ ...message, anchor: anchor.read() });
    },
    onMessage: (listener) => void child.on("message", (message) => listener(message as FromThread)),
    onError: (listener) => void child.on("error", listener),
    onExit: (listener) => void child.on("exit", (code) => listener(code)),
    terminate: () => (exited ??= (child.kill(), exit)),
  };
}

interface Thread {
  worker: Channel;
  /** Which lane it serves: background invocations go to the background thread alone, the rest to the others. */
  background: boolean;
  pending: Map<number, (outcome: InvocationOutcome) => void>;
  ready: Promise<void>;
  /** The capacity its DynamoDB endpoint has counted, as of its last outcome. */
  dynamodb: CapacityUsage;
}

function failPending(thread: Thread, reason: string): void {
  for (const resolve of thread.pending.values()) resolve({ error: { errorType: "Runtime.ExitError", errorMessage: reason } });
  thread.pending.clear();
}

/**
 * Runs the handlers in worker threads, so that their work (SDK clients, ElectroDB,
 * the models) takes another core than the local cloud's own thread, which keeps the
 * queues, the bus, the Step Functions engine and the endpoint. An invocation goes to the
 * thread with the fewest under way. Each thread imports every handler module once, as a
 * Lambda execution environment does; a thread that dies fails the invocations it had
 * (as a runtime exit does on AWS) and is replaced. With `dynamodb`, each thread serves
 * its handlers' DynamoDB requests itself (see ./worker). With `endpoint`, their
 * requests to the local cloud's endpoint (the bus, Step Functions, SQS) come as messages
 * and are answered by it without a connection.
 *
 * Time inside a thread follows the local cloud's RealClock (`timeline`), so handlers see
 * the same time of day as the timers around them.
 */
export class ThreadedRunner implements HandlerRunner {
  private readonly threads: Thread[] = [];
  private nextId = 1;
  private preloaded: FunctionToLoad[] = [];
  private closed = false;
  /** Capacity counted by threads that have since been replaced. */
  private retired: CapacityUsage = emptyCapacityUsage();

  private readonly anchor: SharedAnchor;
  /** Picks the background lane's invocations; none without a lane (fewer than two threads). */
  private readonly background?: (request: InvocationRequest) => boolean;

  /**
   * With `processes`, each "thread" is a child process instead (same entry, same
   * messages over IPC): its work then leaves this process's CPU, at the cost of
   * copying each message between processes.
   *
   * With `background` and two threads or more, the last thread is a lane of its own for
   * the invocations `background` picks, and the others never run them; as a process it
   * runs at BACKGROUND_NICENESS. On AWS every invocation has an execution environment
   * of its own; here a few share the machine's cores, and work that can wait (a batch
   * of clock ticks, due within its interval) would otherwise hold up work that cannot
   * (a goal's repricing) in the same process's queue and on the same cores.
   */
  constructor(private readonly options: Omit<ThreadData, "endpoint"> & { threads: number; processes?: boolean; endpoint?: { url: string; answer: Answer }; background?: (request: InvocationRequest) => boolean }) {
    this.anchor = new SharedAnchor(options.timeline.shared);
    this.background = options.threads >= 2 ? options.background : undefined;
    for (let i = 0; i < options.threads; i++) this.threads.push(this.spawn(this.background !== undefined && i === options.threads - 1));
  }

  /** The process ids of the handler processes (none for threads), the background lane's last when there is one. */
  get pids(): number[] {
    return this.threads.map((t) => t.worker.pid).filter((pid): pid is number => pid !== undefined);
  }

  /** DynamoDB capacity the threads' endpoints have counted. */
  get dynamodbUsage(): CapacityUsage {
    return this.threads.reduce((total, thread) => sumCapacity(total, thread.dynamodb), this.retired);
  }

  async preload(functions: FunctionToLoad[]): Promise<void> {
    this.preloaded = functions;
    await Promise.all(this.threads.map((thread) => this.preloadIn(thread)));
  }

  run(request: InvocationRequest): Promise<InvocationOutcome> {
    const lane = this.background?.(request) ?? false;
    let thread: Thread | undefined;
    for (const t of this.threads) if (t.background === lane && (!thread || t.pending.size < thread.pending.size)) thread = t;
    if (!thread) throw new Error("no handler thread serves this lane");
    const id = this.nextId++;
    return new Promise((resolve) => {
      thread.pending.set(id, resolve);
      thread.worker.post({ kind: "invoke", id, request } satisfies ToThread);
    });
  }

  /** Stops the threads; invocations still under way fail as a runtime exit does. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.threads.map((thread) => thread.worker.terminate()));
    for (const thread of this.threads) failPending(thread, "the local cloud stopped");
  }

  private spawn(background: boolean): Thread {
    const { appRoot, timeline, dynamodb, endpoint, processes } = this.options;
    const data: ThreadData = { appRoot, timeline, dynamodb, endpoint: endpoint?.url };
    const worker = processes ? processChannel(data, this.anchor, background ? BACKGROUND_NICENESS : 0) : threadChannel(data);
    let preloaded: (reply: FromThread & { kind: "preloaded" }) => void = () => undefined;
    const ready = new Promise<void>((resolve, reject) => {
      preloaded = (reply) => (reply.error ? reject(Object.assign(new Error(reply.error.errorMessage), { name: reply.error.errorType })) : resolve());
    });
    ready.catch(() => undefined);
    const thread: Thread = { worker, background, pending: new Map(), ready, dynamodb: emptyCapacityUsage() };
    worker.onMessage((message: FromThread) => {
      if (message.kind === "preloaded") return preloaded(message);
      if (message.kind === "call") return void this.answerCall(worker, message);
      if (message.dynamodb) thread.dynamodb = message.dynamodb;
      const resolve = thread.pending.get(message.id);
      thread.pending.delete(message.id);
      resolve?.(message.outcome);
    });
    worker.onError((error) => this.replace(thread, error));
    worker.onExit((code) => {
      if (!this.closed) this.replace(thread, new Error(`handler thread exited with code ${code}`));
    });
    return thread;
  }

  /** A thread's request to the local cloud's endpoint, answered back to it. */
  private async answerCall(worker: Channel, call: FromThread & { kind: "call" }): Promise<void> {
    let answer: TargetAnswer;
    try {
      answer = await this.options.endpoint!.answer(call.target, call.headers, call.body);
    } catch {
      answer = errorAnswer(call.headers, new AwsServiceError("InternalFailure", "internal error", 500));
    }
    worker.post({ kind: "answered", id: call.id, answer } satisfies ToThread);
  }

  private async preloadIn(thread: Thread): Promise<void> {
    thread.worker.post({ kind: "preload", functions: this.preloaded } satisfies ToThread);
    await thread.ready;
  }

  /** A dead thread's invocations fail as a runtime exit does; a new thread takes its place. */
  private replace(thread: Thread, error: Error): void {
    const index = this.threads.indexOf(thread);
    if (index < 0) return;
    failPending(thread, `the handler thread died: ${error.message}`);
    if (this.closed) return;
    this.retired = sumCapacity(this.retired, thread.dynamodb);
    const next = this.spawn(thread.background);
    this.threads[index] = next;
    void this.preloadIn(next).catch(() => undefined);
    void thread.worker.terminate();
  }
}

/**
 * Handlers split between the local cloud's own thread and the handler threads: those
 * `here` picks (functions that only compute) run in the local cloud's thread, the rest
 * in the threads. A model invocation is a few milliseconds of pricing; posting it to a
 * thread and back costs two message hops, and at 500 in play the handler thread is the
 * busy one (BENCHMARKS.md, "Pipeline").
 */
export class SplitRunner implements HandlerRunner {
  constructor(private readonly parts: { here: HandlerRunner; threads: HandlerRunner; runsHere: (spec: LambdaFunctionSpec) => boolean }) {}

  async preload(functions: FunctionToLoad[]): Promise<void> {
    const { here, threads, runsHere } = this.parts;
    await Promise.all([here.preload(functions.filter((f) => runsHere(f.spec))), threads.preload(functions.filter((f) => !runsHere(f.spec)))]);
  }

  run(request: InvocationRequest): Promise<InvocationOutcome> {
    const { here, threads, runsHere } = this.parts;
    return (runsHere(request.spec) ? here : threads).run(request);
  }

  async close(): Promise<void> {
    await Promise.all([this.parts.here.close(), this.parts.threads.close()]);
  }
}
