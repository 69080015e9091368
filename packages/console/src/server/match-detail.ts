import { isSportId, matchMoments, sportGroups, sportOf } from "@pricing/core/sports/registry";
import { eventSport } from "@pricing/core/match/feed-event";
import type { MatchView } from "@pricing/core/match/view";
import type { FeedEvent } from "@pricing/core/match/events";
import type { EventLogItem } from "@pricing/core/store/event-log";
import type { SettlementItem } from "@pricing/core/store/settlement";
import type { PriceSetItem } from "@pricing/core/store/price-set";
import type {
  EventLogEntry, LadderGroup, LadderMarket, MatchDetailResponse, MatchMarker, MatchSummary, SettlementView, SuspensionBand,
} from "../api";
import { byLine, marketId, marketLabel, parseMarketId, type MatchPriceHistory } from "./prices";

/**
 * The scheduled start as the feed gave it: the kick-off (football) or start (tennis)
 * of the newest Match Scheduled event (a rescheduling replaces it), else null.
 */
export function scheduledStart(log: readonly EventLogItem[]): string | null {
  for (let i = log.length - 1; i >= 0; i--) {
    const { kickoff, start } = log[i].event as { kickoff?: unknown; start?: unknown };
    const when = kickoff ?? start;
    if (log[i].type === "Match Scheduled" && typeof when === "string") return when;
  }
  return null;
}

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

type Teams = Pick<MatchSummary, "homeTeam" | "awayTeam" | "sport">;

/**
 * Moments of the match drawn on the charts' time axis, as its sport reads them from the
 * event log. A moment stands at the time the engine logged its event: the clock the
 * prices' times are on (a feed's own clock may differ; `occurredAt` keeps its time).
 */
export function markers(log: EventLogItem[], match: Teams): MatchMarker[] {
  const participants: [string, string] | null = match.homeTeam && match.awayTeam ? [match.homeTeam, match.awayTeam] : null;
  const view: MatchView = { competition: null, start: null, participants, score: null, situation: null };
  const loggedAt = new Map(log.map((item) => [item.seq, Date.parse(item.loggedAt)]));
  return matchMoments(match.sport, log.map((item) => item.event as FeedEvent), view)
    .map(({ at, ...m }) => ({ ...m, occurredAt: at, at: loggedAt.get(m.seq) ?? Date.parse(at) }));
}

/**
 * Suspensions: from each moment that suspends markets to the first price of the
 * headline group whose state version is newer than the one priced before the moment
 * (the reprice that knows it): the time a trader had no price, feed and engine latency
 * included. A suspension of play lasts until play resumes and a price follows.
 */
export function suspensionBands(marks: MatchMarker[], prices: MatchPriceHistory | null, group: string): SuspensionBand[] {
  const result = prices?.groups.get(group);
  if (!result) return [];
  return marks.filter((m) => m.suspends).map((m) => {
    let before = -1;
    for (let i = 0; i < result.times.length && result.times[i] < m.at; i++) before = i;
    const pricedState = before >= 0 ? result.stateVersions[before] : -1;
    const after = result.stateVersions.findIndex((v, i) => i > before && v > pricedState);
    return { from: m.at, to: after >= 0 ? result.times[after] : null, reason: m.label };
  });
}

const SIDES: Record<string, 0 | 1> = { home: 0, a: 0, away: 1, b: 1 };

/**
 * A selection as a trader reads it: a side's key (home/away, a/b) is its name; a score
 * key ("2-1", from the first side's view) reads from the winner's side ("Sinner 2-1",
 * "Vukic 2-1" for 1-2; "Draw 1-1"); other keys (draw, over, under, yes) are words.
 */
export function selectionName(key: string, participants: [string, string] | null): string {
  const side = SIDES[key];
  if (side !== undefined) return participants?.[side] ?? key;
  const score = /^(\d+)-(\d+)$/.exec(key);
  if (score && participants) {
    const [a, b] = [Number(score[1]), Number(score[2])];
    if (a === b) return `Draw ${a}-${b}`;
    return a > b ? `${participants[0]} ${a}-${b}` : `${participants[1]} ${b}-${a}`;
  }
  return key.charAt(0).toUpperCase() + key.slice(1);
}

/** Offered odds as a book: implied probabilities summed, less the winners the market has (see LadderMarket.overround). */
export function overround(selections: ReadonlyArray<{ probability: number; odds: number | null }>): number | null {
  if (selections.length === 0 || selections.some((s) => s.odds === null || !(s.odds > 0))) return null;
  const winners = Math.max(1, Math.round(selections.reduce((sum, s) => sum + s.probability, 0)));
  return Math.round((selections.reduce((sum, s) => sum + 1 / s.odds!, 0) - winners) * 1e6) / 1e6;
}

/**
 * Why a group offers nothing: its set was published suspended (a trader's hold keeps
 * its "trader: why"; anything else is a model failure), or an incident (a goal, a
 * review) came after the prices it holds, so they no longer stand.
 */
export function suspendedBy(item: Pick<PriceSetItem, "status" | "error" | "asOf">, incidents: readonly MatchMarker[]): string | null {
  if (item.status === "suspended") return item.error?.startsWith("trader: ") ? item.error : `model failed${item.error ? `: ${item.error}` : ""}`;
  const priced = Date.parse(item.asOf);
  const unknown = incidents.filter((m) => m.suspends && m.at > priced);
  return unknown.at(-1)?.label ?? null;
}

export interface LadderOptions {
  participants?: [string, string] | null;
  /** Suspending moments seen by the moment shown; those after a group's prices suspend it. */
  incidents?: readonly MatchMarker[];
  /** How the match settled: each settled market shows its selections' outcomes. */
  settlement?: SettlementView | null;
}

/**
 * The ladder from one price set per group (the newest, or the newest at a moment): fair
 * and offered odds side by side, markets by line, each with its overround; a decided
 * or settled market shows its outcomes instead of prices.
 */
export function ladderOf(items: readonly PriceSetItem[], groupOrder: readonly string[], options: LadderOptions = {}): MatchDetailResponse["ladder"] {
  if (items.length === 0) return null;
  const newest = items.reduce((a, b) => (b.priceVersion > a.priceVersion ? b : a));
  const settled = new Map((options.settlement?.markets ?? []).map((m) => [m.id.split("|").slice(0, 2).join("|"), m]));
  const groups: LadderGroup[] = groupOrder.flatMap((group) => {
    const item = items.find((p) => p.group === group);
    if (!item) return [];
    return [{
      group,
      status: item.status,
      error: item.error ?? null,
      suspendedBy: options.settlement ? null : suspendedBy(item, options.incidents ?? []),
      markets: byLine(item.markets).map((m): LadderMarket => {
        const settlement = settled.get(marketId(m));
        const outcomes = new Map(settlement?.selections.map((x) => [x.key, settlement.void ? "void" : x.outcome]) ?? []);
        return {
          group, id: marketId(m), label: marketLabel(m), line: m.line, status: settlement ? "settled" : m.status, overround: settlement || m.status === "decided" ? null : overround(m.selections),
          selections: m.selections.map((s) => ({
            key: s.key, name: selectionName(s.key, options.participants ?? null), probability: s.probability, fairOdds: s.fairOdds, odds: s.odds,
            outcome: outcomes.get(s.key) ?? (settlement?.void ? "void" : null) ?? s.outcome ?? null,
          })),
        };
      }),
    }];
  });
  return { priceVersion: newest.priceVersion, asOf: newest.asOf, groups };
}

/** The newest price of every market of every group. */
export function ladder(prices: MatchPriceHistory, groupOrder: readonly string[] = sportGroups(null), options: LadderOptions = {}): MatchDetailResponse["ladder"] {
  return ladderOf(prices.latest(), groupOrder, options);
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
  const ordered = byLine(markets.map((m) => ({ ...m, ...parseMarketId(m.id) }))).map(({ key: _key, line: _line, ...m }) => m);
  return { settledAt: items[0].settledAt, void: items.every((s) => s.void), markets: ordered };
}
