import { PutEventsCommand } from "@aws-sdk/client-eventbridge";
import type { z } from "zod/mini";
import { Config } from "../config";
import { InternalError } from "../errors";
import { engineEntry, engineObjectEntry, type EngineDetail, type EngineEventType } from "../match/engine-events";
import { eventBridgeClient } from "./clients";

export type EngineEventInput = { [K in EngineEventType]: { type: K; detail: z.infer<(typeof EngineDetail)[K]> } }[EngineEventType];

/**
 * Puts engine events on the bus (at most 10 per call, the PutEvents limit), in order.
 * @throws InternalError "bus.put_failed" when EventBridge refuses any entry
 */
export async function publishEngineEvents(events: EngineEventInput[]): Promise<void> {
  for (let i = 0; i < events.length; i += 10) {
    const entries = events.slice(i, i + 10).map((e) => engineEntry(e.type, e.detail as never, Config.busName));
    const out = await eventBridgeClient().send(new PutEventsCommand({ Entries: entries }));
    if ((out.FailedEntryCount ?? 0) > 0) {
      const failed = out.Entries?.find((e) => e.ErrorCode);
      throw new InternalError("bus.put_failed", `EventBridge refused ${out.FailedEntryCount} event(s): ${failed?.ErrorCode} ${failed?.ErrorMessage}`);
    }
  }
}

/** A PutEvents entry of an engine event for Step Functions' EventBridge integration: Detail as the object it serializes. */
export interface EngineEntry {
  Source: string;
  DetailType: string;
  Detail: unknown;
  EventBusName: string;
}

/**
 * Engine events, checked, as PutEvents entries in chunks of at most 10 (the PutEvents
 * limit), in order: for a state machine to put (`arn:aws:states:::events:putEvents`).
 */
export function engineEventChunks(events: EngineEventInput[]): EngineEntry[][] {
  const chunks: EngineEntry[][] = [];
  for (let i = 0; i < events.length; i += 10) {
    chunks.push(events.slice(i, i + 10).map((e) => engineObjectEntry(e.type, e.detail as never, Config.busName)));
  }
  return chunks;
}
