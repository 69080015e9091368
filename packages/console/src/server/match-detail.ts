import { isSportId, sportGroups, sportOf } from "@pricing/core/sports/registry";
import { eventSport } from "@pricing/core/match/feed-event";
import type { MatchView } from "@pricing/core/match/view";
import type { FeedEvent } from "@pricing/core/match/events";
import type { EventLogItem } from "@pricing/core/store/event-log";
import type { SettlementItem } from "@pricing/core/store/settlement";
import type {
  EventLogEntry, LadderGroup, MatchDetailResponse, MatchMarker, MatchSummary, SettlementView, SuspensionBand,
} from "../api";
import { marketId, marketLabel, type MatchPriceHistory } from "./prices";

/** One line of the event log as an operator reads it: the event's sport describes it. */
export function describeEvent(event: FeedEvent, view: MatchView | null): string {
  const sport = eventSport(event);
  return isSportId(sport) ? sportOf(sport).describe(event, view) : "";
}

const minuteOf = (event: FeedEvent): number | null => ("minute" in event && typeof event.minute === "number" ? event.minute : null);

export function eventLogEntries(log: EventLogItem[], view: MatchView | null): EventLogEntry[] {
  return log.map((item) => {
    const event = item.event as FeedEvent;
    return { seq: item.seq, type: item.type, occurredAt: item.occurredAt, minute: minuteOf(event), summary: describeEvent(event, view) };
  });
}

type Teams = Pick<MatchSummary, "homeTeam" | "awayTeam">;

const teamName = (teams: Teams, side: "home" | "away") => (side === "home" ? teams.homeTeam : teams.awayTeam) ?? side;

/** Incidents drawn on the charts' time axis, when they happened. */
export function markers(log: EventLogItem[], teams: Teams): MatchMarker[] {
  const out: MatchMarker[] = [];
  for (const item of log) {
    const e = item.event as FeedEvent;
    const at = Date.parse(e.occurredAt);
    const base = { at, minute: minuteOf(e) };
    const label = (text: string) => (base.minute !== null ? `${text} ${base.minute}'` : text);
    switch (e.type) {
      case "Goal Scored": out.push({ ...base, kind: "goal", team: e.team, label: label(`Goal ${teamName(teams, e.team)}`) }); break;
      case "Goal Disallowed": out.push({ ...base, kind: "goal disallowed", team: null, label: label("Goal disallowed") }); break;
      case "Card Shown": out.push({ ...base, kind: e.colour === "red" ? "red card" : "yellow card", team: e.team, label: label(`${e.colour === "red" ? "Red" : "Yellow"} card ${teamName(teams, e.team)}`) }); break;
      case "Period Started": out.push({ ...base, kind: e.period === "1H" ? "kick-off" : "second half", team: null, label: e.period === "1H" ? "Kick-off" : "Second half" }); break;
      case "Match Started": out.push({ ...base, kind: "kick-off", team: null, label: "Kick-off" }); break;
      case "Period Ended": if (e.period === "1H") out.push({ ...base, kind: "half-time", team: null, label: "Half time" }); break;
      case "Match Ended": out.push({ ...base, kind: "full time", team: null, label: "Full time" }); break;
      case "Match Abandoned": out.push({ ...base, kind: "abandoned", team: null, label: "Abandoned" }); break;
      default: break;
    }
  }
  // A feed may send both "Match Started" and "Period Started 1H": keep one kick-off.
  return out.filter((m, i) => m.kind !== "kick-off" || out.findIndex((o) => o.kind === "kick-off") === i);
}

const SUSPENDING = new Set<MatchMarker["kind"]>(["goal", "goal disallowed", "red card"]);

/**
 * Suspensions: from each incident that suspends markets to the first price whose state
 * version is newer than the one priced before the incident (the reprice that knows
 * it): the time a trader had no price, feed and engine latency included.
 */
export function suspensionBands(marks: MatchMarker[], prices: MatchPriceHistory | null): SuspensionBand[] {
  const result = prices?.groups.get("match-result");
  if (!result) return [];
  return marks.filter((m) => SUSPENDING.has(m.kind)).map((m) => {
    let before = -1;
    for (let i = 0; i < result.times.length && result.times[i] < m.at; i++) before = i;
    const pricedState = before >= 0 ? result.stateVersions[before] : -1;
    const after = result.stateVersions.findIndex((v, i) => i > before && v > pricedState);
    return { from: m.at, to: after >= 0 ? result.times[after] : null, reason: m.label };
  });
}

/** The newest price of every market of every group: fair and offered odds side by side. */
export function ladder(prices: MatchPriceHistory, groupOrder: readonly string[] = sportGroups(null)): MatchDetailResponse["ladder"] {
  const latest = prices.latest();
  if (latest.length === 0) return null;
  const newest = latest.reduce((a, b) => (b.priceVersion > a.priceVersion ? b : a));
  const groups: LadderGroup[] = groupOrder.flatMap((group) => {
    const item = latest.find((p) => p.group === group);
    if (!item) return [];
    return [{
      group,
      status: item.status,
      error: item.error ?? null,
      markets: (item.markets).map((m) => ({
        group, id: marketId(m), label: marketLabel(m), status: m.status,
        selections: m.selections.map((s) => ({ key: s.key, probability: s.probability, fairOdds: s.fairOdds, odds: s.odds, outcome: s.outcome ?? null })),
      })),
    }];
  });
  return { priceVersion: newest.priceVersion, asOf: newest.asOf, groups };
}

/** How the match settled, market by market. */
export function settlementView(items: SettlementItem[]): SettlementView | null {
  if (items.length === 0) return null;
  const markets = items.map((s) => {
    const [key, line] = s.market.split("|");
    const label = marketLabel({ key, line: line === "-" || line === undefined ? null : Number(line) });
    const goal = s.market.split("|")[2];
    return {
      id: s.market,
      label: goal && goal !== "-" ? `${label} (goal ${goal})` : label,
      void: s.void,
      selections: (s.selections as Array<{ key: string; outcome: string }>).map((x) => ({ key: x.key, outcome: x.outcome })),
    };
  });
  return { settledAt: items[0].settledAt, void: items.every((s) => s.void), markets };
}
