import { randomUUID } from "node:crypto";
import { PutEventsCommand, type EventBridgeClient } from "@aws-sdk/client-eventbridge";
import * as z from "zod/mini";
import { InputError, PricingError } from "@pricing/core/errors";
import type { MatchState } from "@pricing/core/match/state";
import { describeTraderAction, modelsOf, TRADER_ACTIONS, traderEntry, traderOf, type TraderAction } from "@pricing/core/match/trader";
import { TRADER_MARGIN_MAX, TRADER_MARGIN_MIN } from "@pricing/core/policy";
import { sportGroups } from "@pricing/core/sports/registry";
import type { TraderLogItem } from "@pricing/core/store/trader-log";
import type { EventLogEntry, TraderActionResponse, TraderView } from "../api";
import { RefusedError } from "./guard";

/** The trader id the console acts as when nothing else is set (a local cloud's desk). */
export const DEFAULT_TRADER_ID = "local";

/** What the page posts: the action, its target, and why (required). */
const ActionBody = z.object({
  action: z.enum(TRADER_ACTIONS as [TraderAction["action"], ...TraderAction["action"][]]),
  group: z.optional(z.string()),
  margin: z.optional(z.number()),
  model: z.optional(z.string()),
  reason: z.string(),
});

/** The trader's part of a match, as the page's trader panel reads it. */
export function traderView(state: MatchState | null): TraderView | null {
  if (!state?.sport) return null;
  const t = traderOf(state);
  return {
    version: t.version,
    match: t.match,
    groups: t.groups,
    margins: t.margins,
    models: t.models,
    sportGroups: [...sportGroups(state.sport)],
    sportModels: modelsOf(state.sport),
    marginBand: { min: TRADER_MARGIN_MIN, max: TRADER_MARGIN_MAX },
  };
}

/**
 * The event log with the trader actions in their place: each after the feed event
 * that was the last applied when it came (in the order applied).
 */
export function withTraderActions(feed: EventLogEntry[], actions: TraderLogItem[]): EventLogEntry[] {
  const entries = [...actions].sort((a, b) => a.traderVersion - b.traderVersion).map((a): EventLogEntry => ({
    seq: a.afterSeq, type: "Trader Action", occurredAt: a.occurredAt, minute: null,
    summary: `${describeTraderAction(a.event as TraderAction)} (${a.result})`,
    trader: { traderId: a.traderId, reason: a.reason, action: a.action, result: a.result },
  }));
  const out: EventLogEntry[] = entries.filter((e) => !feed.some((f) => f.seq === e.seq));
  for (const f of feed) out.push(f, ...entries.filter((e) => e.seq === f.seq));
  return out;
}

/**
 * Puts a trader action on the stage's bus with the console's credentials: on a
 * deployed stage only principals allowed the TraderRole may (IAM decides; a refusal is
 * a 403 that says so). The engine validates it again and applies it.
 *
 * @throws InputError "console.invalid_trader_action" for a body the engine would refuse
 */
export async function putTraderAction(
  client: EventBridgeClient, busName: string, state: MatchState | null, matchId: string, traderId: string, body: Record<string, unknown>,
): Promise<TraderActionResponse> {
  const parsed = ActionBody.safeParse(body);
  if (!parsed.success) throw new InputError("console.invalid_trader_action", `a trader action is {action, group?, margin?, model?, reason}: ${z.prettifyError(parsed.error)}`);
  const { action: name, group, margin, model, reason } = parsed.data;
  if (!state?.sport) throw new InputError("console.invalid_trader_action", `match ${matchId} is not scheduled`);
  const needsGroup = ["suspend-group", "resume-group", "set-margin", "clear-margin"].includes(name);
  if (needsGroup && (group === undefined || !sportGroups(state.sport).includes(group))) {
    throw new InputError("console.invalid_trader_action", `${name} needs a group of ${state.sport}: one of ${sportGroups(state.sport).join(", ")}`);
  }
  const action = {
    eventId: randomUUID(), matchId, traderId, reason, occurredAt: new Date().toISOString(), action: name,
    ...(needsGroup ? { group } : {}), ...(name === "set-margin" ? { margin } : {}), ...(name.endsWith("-model") && model ? { model } : {}),
  } as TraderAction;
  let entry;
  try {
    entry = traderEntry(action, busName);
  } catch (error) {
    if (error instanceof PricingError) throw new InputError("console.invalid_trader_action", error.message);
    throw error;
  }
  let out;
  try {
    out = await client.send(new PutEventsCommand({ Entries: [entry] }));
  } catch (error) {
    if ((error as Error)?.name === "AccessDeniedException") {
      throw new RefusedError(403, "console.not_a_trader", `these credentials may not put trader events on ${busName}: assume the stage's TraderRole (${(error as Error).message})`);
    }
    throw error;
  }
  const failed = out.Entries?.find((e) => e.ErrorCode);
  if ((out.FailedEntryCount ?? 0) > 0) {
    const status = /AccessDenied/.test(failed?.ErrorCode ?? "") ? 403 : 502;
    throw new RefusedError(status, "console.trader_action_refused", `the bus refused the action: ${failed?.ErrorCode} ${failed?.ErrorMessage ?? ""}`.trim());
  }
  return { eventId: action.eventId, traderId, action: name };
}
