import { performance } from "node:perf_hooks";
import { InternalError } from "@pricing/core/errors";
import type { LocalEventBridge } from "../eventbridge/bus";
import type { SqsEventSource } from "../sqs/event-source";
import type { LocalSqs } from "../sqs/sqs";
import type { LocalStepFunctions } from "../stepfunctions";
import type { Activity } from "./services";

/** Consecutive quiet looks, a few real milliseconds apart, that count as rest. */
const QUIET_LOOKS = 3;

export interface IdleParts {
  eventBridge: LocalEventBridge;
  sqs: LocalSqs;
  stepFunctions: LocalStepFunctions;
  activity: Activity;
  sources: SqsEventSource[];
}

/**
 * Motion is work that proceeds without the clock moving: an invocation running, a
 * visible message on a queue a poller drains, an EXPRESS execution running. Messages
 * held in a batching window or waiting out a visibility timeout or a delay, Wait
 * states and parked task tokens all wait on the clock, so they are rest.
 */
function inMotion(parts: IdleParts): boolean {
  if (parts.activity.running > 0) return true;
  for (const source of parts.sources) {
    if (parts.sqs.getQueue(source.props.EventSourceArn).counts().visible > 0) return true;
  }
  return parts.stepFunctions
    .stateMachines()
    .some((machine) => machine.type === "EXPRESS" && parts.stepFunctions.executions(machine.arn).some((run) => run.status === "RUNNING"));
}

/**
 * Simulated time the oldest work in motion started: a visible message on a queue a
 * poller drains (since it became visible) or a running invocation; undefined when
 * nothing is in motion. What a RealClock's backpressure holds its timers behind.
 */
export function oldestWorkMs(parts: Pick<IdleParts, "sqs" | "activity" | "sources">): number | undefined {
  let oldest = parts.activity.oldestStartMs();
  for (const source of parts.sources) {
    const visible = parts.sqs.getQueue(source.props.EventSourceArn).oldestVisibleMs();
    if (visible !== undefined && (oldest === undefined || visible < oldest)) oldest = visible;
  }
  return oldest;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until nothing is in motion (see LocalCloud.idle). Motion is looked at a few
 * times, real milliseconds apart, because one step hands over to the next through
 * promise jobs and sockets that no single counter sees.
 */
export async function waitUntilIdle(parts: IdleParts, options: { timeoutMs?: number } = {}): Promise<void> {
  const deadline = performance.now() + (options.timeoutMs ?? Number.POSITIVE_INFINITY);
  let quiet = 0;
  while (quiet < QUIET_LOOKS) {
    if (performance.now() > deadline) {
      throw new InternalError("local.idle_timeout", `the local cloud was still busy after ${options.timeoutMs} ms`);
    }
    await Promise.race([parts.eventBridge.idle(), pause(Math.max(0, Math.min(1000, deadline - performance.now())))]);
    quiet = inMotion(parts) ? 0 : quiet + 1;
    await pause(quiet > 0 ? 3 : 5);
  }
}
