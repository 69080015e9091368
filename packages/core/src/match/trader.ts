import * as z from "zod/mini";
import { InputError } from "../errors";
import { TRADER_MARGIN_MAX, TRADER_MARGIN_MIN, TRADER_REASON_MAX_LENGTH } from "../policy";
import { sportOf } from "../sports/registry";
import { Envelope, MalformedEventError } from "./events";
import { Id, Instant, LIMITS, MatchId } from "./event-fields";
import { NO_EFFECTS, type Effects, type TraderNotice } from "./effects";
import { Epoch } from "./epoch";
import { RECENT_LIMIT, type Change, type MatchState, type TraderHold, type TraderState } from "./state";

import { modelsOf, traderOf, traderReason } from "./trader-state";

export { emptyTraderState, type TraderHold, type TraderState } from "./state";
export { heldGroups, marginOverrides, modelsOf, traderOf, traderReason } from "./trader-state";

/**
 * Trader controls: a person on the trading desk suspends and resumes a market group or
 * a whole match, changes a group's margin, or pauses a match's model. Each action is an
 * event on the bus from its own source, `pricing.trader`, which only the stage's
 * TraderRole may put (stacks/Events.ts), carrying who made it (`traderId`) and why
 * (`reason`, required). They belong to the engine, not to a sport: the same actions
 * serve every sport, and a sport's groups are checked against its module.
 *
 * Ordering and deduplication. Trader actions are not part of the feed's `seq`: a feed
 * numbers its own events and a trader cannot know where the feed is. They are applied
 * on arrival, between feed events, each as one conditional write of the match's state
 * (the same optimistic lock as a feed event), and counted by their own version
 * (`state.trader.version`, +1 for each action applied). An action whose `eventId` is
 * among the match's recent trader event ids is a duplicate (a redelivery) and changes
 * nothing. Delivery through SQS may reorder two actions: an action is applied only if
 * it is not older (`occurredAt`) than the last one applied to the same target (the
 * match, a group, a group's margin, a model); an older one is recorded as superseded
 * and changes nothing, so a "resume" overtaken by the "suspend" it followed cannot
 * leave the group suspended.
 */
export const TRADER_SOURCE = "pricing.trader";
/** The detail-type of every trader action; `action` says which. */
export const TRADER_DETAIL_TYPE = "Trader Action";

/** Why a trader acted: free text, required. */
const Reason = z.string().check(z.trim(), z.minLength(1, "a reason is required"), z.maxLength(TRADER_REASON_MAX_LENGTH));
const Group = z.string().check(z.regex(/^[a-z0-9-]{1,40}$/, "group must be a market group's name"));
const Margin = z.number().check(
  z.gte(TRADER_MARGIN_MIN, `margin must be at least ${TRADER_MARGIN_MIN}`),
  z.lte(TRADER_MARGIN_MAX, `margin must be at most ${TRADER_MARGIN_MAX}`),
);

const TraderBase = z.object({
  eventId: Id,
  matchId: MatchId,
  /** Who acted: the trader's id (an IAM user or session name, a desk login). */
  traderId: z.string().check(z.trim(), z.minLength(1, "a trader id is required"), z.maxLength(LIMITS.idLength)),
  reason: Reason,
  occurredAt: Instant,
});

/** Every trader action by `action`: the fields each needs besides the common ones. */
export const TraderAction = z.discriminatedUnion("action", [
  z.extend(TraderBase, { action: z.literal("suspend-match") }),
  z.extend(TraderBase, { action: z.literal("resume-match") }),
  z.extend(TraderBase, { action: z.literal("suspend-group"), group: Group }),
  z.extend(TraderBase, { action: z.literal("resume-group"), group: Group }),
  z.extend(TraderBase, { action: z.literal("set-margin"), group: Group, margin: Margin }),
  z.extend(TraderBase, { action: z.literal("clear-margin"), group: Group }),
  /** A match's model: its sport's model function (named by the sport); the match's own when left out. */
  z.extend(TraderBase, { action: z.literal("pause-model"), model: z.optional(Group) }),
  z.extend(TraderBase, { action: z.literal("resume-model"), model: z.optional(Group) }),
]);
export type TraderAction = z.infer<typeof TraderAction>;
export type TraderActionName = TraderAction["action"];
export const TRADER_ACTIONS: readonly TraderActionName[] = [
  "suspend-match", "resume-match", "suspend-group", "resume-group", "set-margin", "clear-margin", "pause-model", "resume-model",
];

/** A trader action the engine refuses: it changes nothing and is recorded as a rejected event. */
export class TraderRefusedError extends MalformedEventError {
  override readonly name: string = "TraderRefusedError";
}

/** What applying a trader action did. */
export type TraderOutcome =
  | { outcome: "applied"; state: MatchState; reason: string; effects: Effects }
  | { outcome: "duplicate" }
  | { outcome: "refused"; error: TraderRefusedError };

/**
 * Applies a trader action to a match's state (pure). Refused, with nothing changed:
 * a match never scheduled, or finished (settled, void, abandoned); a group its sport
 * does not price; a model it does not have. A duplicate changes nothing. An action
 * older than the last on its target, or with nothing to do (resuming a group not
 * suspended), is applied as a no-op that says why: it is logged and counted, and
 * asks for no repricing.
 */
export function applyTraderAction(state: MatchState, action: TraderAction): TraderOutcome {
  const refuse = (code: string, why: string): TraderOutcome => ({ outcome: "refused", error: refusal(code, why, action) });
  if (action.matchId !== state.matchId) return refuse("trader.wrong_match", `action ${action.eventId} is for match ${action.matchId}, not ${state.matchId}`);
  const before = traderOf(state);
  if (before.recentEventIds.includes(action.eventId)) return { outcome: "duplicate" };
  if (state.sport === null) return refuse("trader.unknown_match", `match ${action.matchId} is not scheduled`);
  if (state.epoch !== Epoch.Scheduled && state.epoch !== Epoch.InPlay && state.epoch !== Epoch.FullTime) {
    return refuse("trader.match_finished", `match ${action.matchId} is ${state.epoch}: nothing is priced to act on`);
  }
  const sport = sportOf(state.sport);
  if ("group" in action && !sport.groups.includes(action.group)) {
    return refuse("trader.unknown_group", `${sport.id} has no market group "${action.group}"; its groups are ${sport.groups.join(", ")}`);
  }
  const model = action.action === "pause-model" || action.action === "resume-model" ? action.model ?? sport.id : null;
  if (model !== null && !modelsOf(sport.id).includes(model)) {
    return refuse("trader.unknown_model", `a ${sport.id} match has no model "${model}"; its models are ${modelsOf(sport.id).join(", ")}`);
  }

  const hold: TraderHold = { reason: action.reason, traderId: action.traderId, at: action.occurredAt };
  const target = targetOf(action, model);
  const next: TraderState = {
    ...before,
    version: before.version + 1,
    recentEventIds: [...before.recentEventIds, action.eventId].slice(-RECENT_LIMIT),
  };
  let reason: string;
  let effects: Effects = NO_EFFECTS;
  const last = before.lastAt[target];
  if (last !== undefined && Date.parse(action.occurredAt) < Date.parse(last)) {
    reason = `ignored: superseded by a later action on ${target} (${last})`;
  } else {
    next.lastAt = { ...before.lastAt, [target]: action.occurredAt };
    ({ reason, effects } = change(before, next, action, hold, model ?? sport.id));
  }
  const changeRecord: Change = {
    seq: state.lastSeq, eventId: action.eventId, type: TRADER_DETAIL_TYPE, reason: `${reason} (by ${action.traderId}: ${action.reason})`, epoch: state.epoch,
    ...(effects.suspend ? { suspend: effects.suspend } : {}),
  };
  const notice: TraderNotice = {
    eventId: action.eventId, action: action.action, traderId: action.traderId, reason: action.reason, result: reason, traderVersion: next.version, occurredAt: action.occurredAt,
    group: "group" in action ? action.group : null, margin: "margin" in action ? action.margin : null, model,
  };
  return {
    outcome: "applied",
    state: { ...state, trader: next, changes: [...state.changes, changeRecord].slice(-RECENT_LIMIT) },
    reason,
    effects: { ...effects, traderActions: [notice] },
  };
}

const without = <T>(record: Record<string, T>, key: string): Record<string, T> => Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));

/** Writes the action into `next` (mutating it) and says what it did and what must follow. */
function change(before: TraderState, next: TraderState, action: TraderAction, hold: TraderHold, model: string): { reason: string; effects: Effects } {
  const reprice: Effects = { ...NO_EFFECTS, reprice: true };
  const suspend = (groups: string[] | null): Effects => ({ ...reprice, suspend: traderReason(hold), suspendGroups: groups });
  const noop = (why: string) => ({ reason: `ignored: ${why}`, effects: NO_EFFECTS });
  switch (action.action) {
    case "suspend-match":
      next.match = hold;
      return { reason: "match suspended", effects: suspend(null) };
    case "resume-match":
      if (before.match === null) return noop("the match is not suspended");
      next.match = null;
      return { reason: "match resumed", effects: reprice };
    case "suspend-group":
      next.groups = { ...before.groups, [action.group]: hold };
      return { reason: `${action.group} suspended`, effects: suspend([action.group]) };
    case "resume-group":
      if (!(action.group in before.groups)) return noop(`${action.group} is not suspended`);
      next.groups = without(before.groups, action.group);
      return { reason: `${action.group} resumed`, effects: reprice };
    case "set-margin":
      next.margins = { ...before.margins, [action.group]: { margin: action.margin, ...hold } };
      return { reason: `${action.group} margin ${(action.margin * 100).toFixed(1)}%`, effects: reprice };
    case "clear-margin":
      if (!(action.group in before.margins)) return noop(`${action.group} has no margin override`);
      next.margins = without(before.margins, action.group);
      return { reason: `${action.group} margin back to its default`, effects: reprice };
    case "pause-model":
      next.models = { ...before.models, [model]: hold };
      return { reason: `model ${model} paused`, effects: suspend(null) };
    case "resume-model":
      if (!(model in before.models)) return noop(`model ${model} is not paused`);
      next.models = without(before.models, model);
      return { reason: `model ${model} resumed`, effects: reprice };
  }
}

function targetOf(action: TraderAction, model: string | null): string {
  switch (action.action) {
    case "suspend-match": case "resume-match": return "match";
    case "suspend-group": case "resume-group": return `group:${action.group}`;
    case "set-margin": case "clear-margin": return `margin:${action.group}`;
    default: return `model:${model}`;
  }
}

function refusal(code: string, why: string, action: Pick<TraderAction, "eventId" | "matchId">): TraderRefusedError {
  return new TraderRefusedError(code, why, { detailType: TRADER_DETAIL_TYPE, eventId: action.eventId, matchId: action.matchId });
}

/**
 * Parses an EventBridge event from the trader source into a trader action.
 * @throws TraderRefusedError "trader.invalid_action" naming every issue (a missing reason or trader, a margin out of its band)
 */
export function parseTraderEvent(body: string | unknown): TraderAction {
  let raw: unknown = body;
  if (typeof body === "string") {
    try {
      raw = JSON.parse(body);
    } catch {
      raw = null;
    }
  }
  const envelope = Envelope.safeParse(raw);
  const detail = envelope.success ? envelope.data.detail : null;
  const pick = (key: string) => {
    const value = (detail as Record<string, unknown> | null)?.[key];
    return typeof value === "string" ? value.slice(0, LIMITS.idLength) : null;
  };
  const refuse = (why: string) => new TraderRefusedError("trader.invalid_action", why, { detailType: TRADER_DETAIL_TYPE, eventId: pick("eventId"), matchId: pick("matchId") });
  if (!envelope.success) throw refuse(`not an EventBridge event: ${z.prettifyError(envelope.error)}`);
  if (envelope.data.source !== TRADER_SOURCE) throw refuse(`source must be ${TRADER_SOURCE}, got ${envelope.data.source}`);
  if (envelope.data["detail-type"] !== TRADER_DETAIL_TYPE) throw refuse(`detail-type must be "${TRADER_DETAIL_TYPE}", got "${envelope.data["detail-type"]}"`);
  const parsed = TraderAction.safeParse(detail);
  if (!parsed.success) throw refuse(`invalid trader action: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Whether an EventBridge event (an SQS message's body) comes from the trader source. */
export function isTraderMessage(body: string): boolean {
  try {
    return (JSON.parse(body) as { source?: unknown } | null)?.source === TRADER_SOURCE;
  } catch {
    return false;
  }
}

/**
 * Builds the EventBridge entry of a trader action (the console, tests).
 * @throws InputError "trader.invalid_action" for an action the engine would refuse on its face
 */
export function traderEntry(action: TraderAction, busName: string) {
  const parsed = TraderAction.safeParse(action);
  if (!parsed.success) throw new InputError("trader.invalid_action", `invalid trader action: ${z.prettifyError(parsed.error)}`);
  return { Source: TRADER_SOURCE, DetailType: TRADER_DETAIL_TYPE, Detail: JSON.stringify(parsed.data), EventBusName: busName };
}

/** One trader action as a line of the event log. */
export function describeTraderAction(action: TraderAction): string {
  const what = {
    "suspend-match": "suspend the match", "resume-match": "resume the match",
    "suspend-group": `suspend ${"group" in action ? action.group : ""}`, "resume-group": `resume ${"group" in action ? action.group : ""}`,
    "set-margin": `margin of ${"group" in action ? action.group : ""} to ${"margin" in action ? `${(action.margin * 100).toFixed(1)}%` : ""}`,
    "clear-margin": `default margin for ${"group" in action ? action.group : ""}`,
    "pause-model": `pause the ${"model" in action && action.model ? action.model : "match's"} model`,
    "resume-model": `resume the ${"model" in action && action.model ? action.model : "match's"} model`,
  }[action.action];
  return `${what}, by ${action.traderId}: ${action.reason}`;
}
