import { PutEventsCommand } from "@aws-sdk/client-eventbridge";
import type { z } from "zod/mini";
import { Config } from "../config";
import { InternalError } from "../errors";
import { engineEntry, engineObjectEntry, type EngineDetail, type EngineEventType } from "../match/engine-events";
import { eventBridgeClient } from "./clients";

export type EngineEventInput = { [K in EngineEventType]: { type: K; detail: z.infer<(typeof EngineDetail)[K]> } }[EngineEventType];

/** PutEvents' limit on entries a call. */
const PUT_EVENTS_LIMIT = 10;

/** Items in order, in chunks of at most PUT_EVENTS_LIMIT: one PutEvents call each. */
function perCall<T>(items: readonly T[]): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += PUT_EVENTS_LIMIT) chunks.push(items.slice(i, i + PUT_EVENTS_LIMIT));
  return chunks;
}

/**
 * Puts engine events on the bus (at most 10 per call, the PutEvents limit), in order.
 * @throws InternalError "bus.put_failed" when EventBridge refuses any entry
 */
export async function publishEngineEvents(events: EngineEventInput[]): Promise<void> {
  for (const chunk of perCall(events)) {
    const entries = chunk.map((e) => engineEntry(e.type, e.detail as never, Config.busName));
    const out = await eventBridgeClient().send(new PutEventsCommand({ Entries: entries }));
    if ((out.FailedEntryCount ?? 0) > 0) {
      const failed = out.Entries?.find((e) => e.ErrorCode);
      throw new InternalError("bus.put_failed", `EventBridge refused ${out.FailedEntryCount} event(s): ${failed?.ErrorCode} ${failed?.ErrorMessage}`);
    }
  }
}

/** A PutEvents entry of an engine event for Step Functions' EventBridge integration: Detail as the object it serializes. */
export type EngineEntry = ReturnType<typeof engineObjectEntry>;

/**
 * Engine events, checked, as PutEvents entries in chunks of at most 10 (the PutEvents
 * limit), in order: for a state machine to put (`arn:aws:states:::events:putEvents`).
 */
export function engineEventChunks(events: EngineEventInput[]): EngineEntry[][] {
  return perCall(events).map((chunk) => chunk.map((e) => engineObjectEntry(e.type, e.detail as never, Config.busName)));
}
