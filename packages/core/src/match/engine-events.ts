import * as z from "zod/mini";
import { Instant, LIMITS, MatchId } from "./event-fields";

/**
 * Engine events, published by this system (source `pricing.engine`): the part of the
 * event catalogue (`./events`) that publishing needs, apart from the feed's schemas.
 */
export const ENGINE_SOURCE = "pricing.engine";

const EngineBase = z.object({ matchId: MatchId });
/** A market group of the match's sport (`match-result`, `set-betting`). */
const Group = z.string().check(z.regex(/^[a-z0-9-]{1,40}$/));
/** Why markets stop: the sport's words ("goal", "red card", "abandoned"), "model failure", or a trader's ("trader: <why>"). */
const SuspendReason = z.string().check(z.minLength(1), z.maxLength(240));
const Version = z.number().check(z.int(), z.gte(0));
export const EngineDetail = {
  "Prices Published": z.extend(EngineBase, {
    stateVersion: Version,
    priceVersion: Version,
    asOf: Instant,
    groups: z.array(Group),
    suspended: z.array(Group),
  }),
  "Markets Suspended": z.extend(EngineBase, {
    reason: SuspendReason,
    groups: z.array(Group),
    stateVersion: Version,
  }),
  "Markets Settled": z.extend(EngineBase, {
    sport: z.string().check(z.minLength(1), z.maxLength(40)),
    /** Abandoned: settled by the sport's abandonment rule (some selections may stand). */
    void: z.boolean(),
    /** The result the markets settled on, as the sport writes it; null for an abandoned match. */
    result: z.nullable(z.string().check(z.maxLength(200))),
    selections: z.number().check(z.int(), z.gte(0)),
    settledAt: Instant,
  }),
  "Model Failed": z.extend(EngineBase, {
    group: Group,
    stateVersion: Version,
    error: z.object({ name: z.string(), message: z.string().check(z.maxLength(1000)) }),
  }),
  /** A trader action the engine applied (match/trader.ts): who, why, and what it did. */
  "Trader Action Applied": z.extend(EngineBase, {
    eventId: z.string().check(z.minLength(1), z.maxLength(LIMITS.idLength)),
    action: z.string().check(z.minLength(1), z.maxLength(40)),
    group: z.nullable(Group),
    margin: z.nullable(z.number()),
    model: z.nullable(Group),
    traderId: z.string().check(z.minLength(1), z.maxLength(LIMITS.idLength)),
    reason: z.string().check(z.minLength(1), z.maxLength(240)),
    result: z.string().check(z.maxLength(400)),
    traderVersion: Version,
    stateVersion: Version,
    occurredAt: Instant,
  }),
  "Event Rejected": z.object({
    reason: z.string().check(z.maxLength(2000)),
    detailType: z.nullable(z.string().check(z.maxLength(128))),
    eventId: z.nullable(z.string().check(z.maxLength(LIMITS.idLength))),
    matchId: z.nullable(z.string().check(z.maxLength(LIMITS.idLength))),
    receivedAt: Instant,
  }),
} as const;
export type EngineEventType = keyof typeof EngineDetail;
export type EngineEvent<K extends EngineEventType = EngineEventType> = {
  [T in K]: { type: T; detail: z.infer<(typeof EngineDetail)[T]> };
}[K];

/**
 * The EventBridge entry of an engine event, its detail validated first, as Step
 * Functions' EventBridge integration takes it: Detail the object it serializes.
 */
export function engineObjectEntry<K extends EngineEventType>(type: K, detail: z.infer<(typeof EngineDetail)[K]>, busName: string) {
  return { Source: ENGINE_SOURCE, DetailType: type, Detail: EngineDetail[type].parse(detail) as unknown, EventBusName: busName };
}

/** Builds the EventBridge entry for an engine event; validates the detail first. */
export function engineEntry<K extends EngineEventType>(type: K, detail: z.infer<(typeof EngineDetail)[K]>, busName: string) {
  const entry = engineObjectEntry(type, detail, busName);
  return { ...entry, Detail: JSON.stringify(entry.Detail) };
}
