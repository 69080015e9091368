import { Epoch } from "../match/epoch";
import type { MeteredUsage } from "./estimate";

/** Every function of the app runs on Graviton (stacks/functions.ts). */
export const ARCHITECTURE = "arm64";

/**
 * What one match's work costs in billed units, per thing the table counts. Counts are
 * exact (events logged, versions published); durations and sizes are assumptions,
 * marked as such, for a deployed stage where nothing measures them.
 */
export const UNITS = {
  /** Lifecycle: Register, PricePreEvent, three awaits, two choices, InPlay, Settle, Settled and the rest. */
  standardTransitionsPerMatch: 14,
  /** Lifecycle Lambda tasks: Register, three AwaitEpoch, InPlay (start ticker), Settle. */
  lifecycleInvocationsPerMatch: 6,
  /** A clock tick (tick Lambda, SQS send/receive/delete) per version priced on the clock: assumed most of them. */
  sqsRequestsPerTick: 3,
  /** Per feed event: EventBridge's send to the buffer queue, the poller's receive and delete (batches of one when events are sparse). */
  sqsRequestsPerEvent: 3,
  /** Assumed: a model runs ~20 ms at 1024 MB, other handlers ~30 ms at 256 MB. */
  modelGbSeconds: 0.02 * 1,
  handlerGbSeconds: 0.03 * 0.25,
  /** Assumed: an Express execution bills its 100 ms minimum. */
  expressBilledMs: 100,
  /** Write units: a version's price sets (the correct-score group alone is ~5 KB), the price claim; an event's state, log and match writes. */
  writeUnitsPerVersion: 28,
  writeUnitsPerEvent: 6,
  /** Read units: the clock tick's strongly consistent read of the state per version, the state read of ingest per event. */
  readUnitsPerVersion: 2,
  readUnitsPerEvent: 2,
  /** Settlement items written when a match settles (one per market). */
  settlementWriteUnits: 160,
  /** Engine events per version (Prices Published) and per match (Markets Settled, suspensions). */
  engineEventsPerVersion: 1,
  engineEventsPerMatch: 6,
} as const;

export interface MatchCounts {
  events: number;
  /** Market groups of the match's sport: one model invocation each per published version, beside Publish. */
  groups: number;
  versions: number;
  /** The match's epoch: how far its Lifecycle got. */
  epoch: string;
}

/** Lifecycle transitions by how far the match got: registered and waiting, in play, finished. */
function lifecycleTransitions(c: MatchCounts): number {
  if (c.events === 0) return 0;
  if (c.epoch === Epoch.Settled || c.epoch === Epoch.Void) return UNITS.standardTransitionsPerMatch;
  return c.epoch === Epoch.Scheduled ? 4 : 8;
}

/** The billed units of one match, estimated from what the table holds for it. */
export function estimateMatchUsage(c: MatchCounts): MeteredUsage {
  const u = UNITS;
  const settled = c.epoch === Epoch.Settled;
  const transitions = lifecycleTransitions(c);
  const lifecycleTasks = Math.round((u.lifecycleInvocationsPerMatch * transitions) / u.standardTransitionsPerMatch);
  // Per version, Publish and the clock tick; per event, ingest.
  const handlers = c.versions * 2 + c.events + lifecycleTasks;
  return {
    stepFunctions: { standardTransitions: transitions, expressRequests: c.versions, expressBilledMs: c.versions * u.expressBilledMs },
    lambda: {
      requests: c.versions * (c.groups + 1) + c.events + c.versions + lifecycleTasks,
      gbSeconds: c.versions * c.groups * u.modelGbSeconds + handlers * u.handlerGbSeconds,
      architecture: ARCHITECTURE,
    },
    eventBridge: { events: c.events + c.versions * u.engineEventsPerVersion + (c.events > 0 ? u.engineEventsPerMatch : 0) },
    sqs: { standardRequests: c.events * u.sqsRequestsPerEvent + c.versions * u.sqsRequestsPerTick, fifoRequests: 0 },
    dynamodb: {
      writeUnits: c.versions * u.writeUnitsPerVersion + c.events * u.writeUnitsPerEvent + (settled ? u.settlementWriteUnits : 0),
      readUnits: c.versions * u.readUnitsPerVersion + c.events * u.readUnitsPerEvent,
    },
  };
}

