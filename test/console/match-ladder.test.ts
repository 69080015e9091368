import { describe, test } from "vitest";
import assert from "node:assert/strict";
import type { EventLogItem } from "@pricing/core/store/event-log";
import type { PriceSetItem } from "@pricing/core/store/price-set";
import { MatchClock } from "@pricing/console/server/match-clock";
import { ladderOf, overround, settlementView, suspendedBy } from "@pricing/console/server/match-detail";
import { byLine, GroupHistory } from "@pricing/console/server/prices";
import type { MatchMarker } from "@pricing/console/api";

const T0 = Date.parse("2022-05-22T15:00:00Z");
const iso = (ms: number) => new Date(ms).toISOString();

function logOf(events: Array<Record<string, unknown> & { type: string; occurred: number; logged: number }>): EventLogItem[] {
  return events.map(({ type, occurred, logged, ...rest }, i) => ({
    matchId: "m", seq: i + 1, eventId: `e${i + 1}`, type, occurredAt: iso(occurred), loggedAt: iso(logged),
    event: { type, seq: i + 1, occurredAt: iso(occurred), ...rest },
  }) as EventLogItem);
}

describe("the match clock of the charts", () => {
  test("football: events at the feed's minute whenever they were logged, stoppage time pushing the second half right, prices run on between events", () => {
    // Logged a little after the feed's time, as the engine does.
    const at = (minute: number) => ({ occurred: T0 + minute * 60_000, logged: T0 + minute * 60_000 + 700 });
    const log = logOf([
      { type: "Match Scheduled", ...at(-5) },
      { type: "Match Started", ...at(0) },
      { type: "Goal Scored", minute: 14, ...at(14) },
      { type: "Period Ended", minute: 48, ...at(48) },
      { type: "Period Started", ...at(63) },
      { type: "Corner Taken", minute: 46, ...at(64) },
      { type: "Corner Taken", minute: 60, ...at(78) },
    ]);
    const clock = new MatchClock(log, true, iso(T0));
    assert.equal(clock.at(at(-5).logged), -5, "pre-match by the feed's time before kick-off");
    assert.equal(clock.at(at(0).logged), 0);
    assert.equal(clock.at(at(14).logged), 14, "a goal at its minute");
    assert.equal(clock.at(at(15).logged), 15, "a price a minute later");
    assert.equal(clock.at(at(55).logged), 48, "the clock stands through half time");
    assert.equal(clock.at(at(64).logged), 48, "46' of the second half after 48' of the first");
    assert.equal(clock.at(at(78).logged), 62);
    assert.equal(clock.at(at(79).logged, 61), 63, "after the last event as far as the engine's clock goes");
    const labels = clock.axis.ticks.map((t) => `${t.label}@${t.x}`);
    assert.deepEqual(labels, ["KO@0", "15'@15", "30'@30", "45'@45", "60'@62", "75'@77"]);
    assert.equal(clock.axis.unit, "minute");
  });

  test("tennis: one step per point, games and sets from the feed's score as ticks", () => {
    const points = ["0-0 15-0", "0-0 30-0", "0-0 40-0", "1-0 0-0", "1-0 0-15", "6-4 0-0 0-0", "6-4 0-0 15-0"];
    const log = logOf([
      { type: "Match Scheduled", occurred: T0 - 60_000, logged: 1 },
      { type: "Match Started", occurred: T0, logged: 2 },
      ...points.map((score, i) => ({ type: "Point Won", score, occurred: T0 + i * 60_000, logged: T0 + i * 60_000 + 500 })),
    ]);
    const clock = new MatchClock(log, false, iso(T0));
    assert.ok(clock.at(1) < 0, "pre-match before the start");
    assert.equal(clock.at(T0 + 3 * 60_000 + 500), 4);
    assert.equal(clock.at(T0 + 3 * 60_000 + 50_000), 4, "no clock runs between points");
    assert.deepEqual(clock.axis.ticks.map((t) => t.label), ["Start", "1-0", "Set 2"]);
    assert.deepEqual(clock.axis.ticks.map((t) => t.x), [0, 4, 6]);
  });
});

const selection = (key: string, probability: number, odds: number | null, outcome?: "won" | "lost") => ({ key, probability, push: 0, fairOdds: 1 / probability, odds, ...(outcome ? { outcome } : {}) });

function totals(asOf: number, status: PriceSetItem["status"] = "priced", error?: string): PriceSetItem {
  return {
    matchId: "m", priceVersion: asOf, group: "totals", stateVersion: 1, asOf: iso(asOf), status, ...(error ? { error } : {}),
    markets: [10.5, 2.5, 0.5, 1.5].map((line) => ({
      group: "totals", key: "total-goals", line, status: line === 0.5 ? "decided" as const : "open" as const,
      selections: line === 0.5 ? [selection("over", 1, null, "won"), selection("under", 0, null, "lost")] : [selection("over", 0.5, 1.9), selection("under", 0.5, 1.9)],
    })),
  };
}

describe("the ladder", () => {
  test("markets read by line as numbers, not as text", () => {
    const ladder = ladderOf([totals(1)], ["totals"])!;
    assert.deepEqual(ladder.groups[0].markets.map((m) => m.line), [0.5, 1.5, 2.5, 10.5]);
    assert.deepEqual(byLine([{ key: "a", line: 10.5 }, { key: "b", line: null }, { key: "a", line: -1.5 }, { key: "a", line: 2 }]).map((m) => `${m.key}${m.line}`), ["a-1.5", "a2", "a10.5", "bnull"]);
  });

  test("each open market's overround from its offered odds; a decided market shows outcomes and no overround", () => {
    const [decided, open] = ladderOf([totals(1)], ["totals"])!.groups[0].markets;
    assert.ok(Math.abs(open.overround! - (2 / 1.9 - 1)) < 1e-6);
    assert.equal(decided.overround, null);
    assert.deepEqual(decided.selections.map((s) => s.outcome), ["won", "lost"]);
    assert.equal(overround([{ probability: 0.6, odds: 1.5 }, { probability: 0.4, odds: null }]), null, "a selection not offered");
    assert.ok(Math.abs(overround([{ probability: 1, odds: 1.2 }, { probability: 0.7, odds: 1.3 }, { probability: 0.3, odds: 3 }])! - (1 / 1.2 + 1 / 1.3 + 1 / 3 - 2)) < 1e-6, "a double chance has two winners");
  });

  test("a group is suspended by what it waits for: an incident after its prices, a trader's hold, a model failure", () => {
    const goal = { at: 5, suspends: true, label: "Goal Arsenal 14'" } as MatchMarker;
    assert.equal(suspendedBy(totals(4), [goal]), "Goal Arsenal 14'");
    assert.equal(suspendedBy(totals(5), [goal]), null, "priced with the goal known");
    assert.equal(suspendedBy(totals(6, "suspended", "trader: injury news"), []), "trader: injury news");
    assert.equal(suspendedBy(totals(6, "suspended", "timeout"), []), "model failed: timeout");
  });

  test("a settled market shows its settlement's outcomes; the settlement table reads by line", () => {
    const settlement = settlementView([10.5, 2.5, 0.5, 1.5].map((line) => ({
      matchId: "m", market: `total-goals|${line}`, void: false, settledAt: iso(T0), selections: [{ key: "over", outcome: line < 3 ? "won" : "lost" }, { key: "under", outcome: line < 3 ? "lost" : "won" }],
    }) as never))!;
    assert.deepEqual(settlement.markets.map((m) => m.id), ["total-goals|0.5", "total-goals|1.5", "total-goals|2.5", "total-goals|10.5"]);
    const markets = ladderOf([totals(1)], ["totals"], { settlement })!.groups[0].markets;
    assert.ok(markets.every((m) => m.status === "settled" && m.overround === null));
    assert.deepEqual(markets.at(-1)!.selections.map((s) => s.outcome), ["lost", "won"]);
  });
});

describe("several lines on one chart", () => {
  test("every line of a key, by line, each its first selection", () => {
    const history = new GroupHistory("totals");
    history.append(totals(1));
    const view = history.view("total-goals|*")!;
    assert.deepEqual(view.selections.map((s) => s.key), ["over@0.5", "over@1.5", "over@2.5", "over@10.5"], "open and decided lines alike, by line");
    assert.ok(view.markets.some((m) => m.id === "total-goals|*"));
    assert.deepEqual(view.markets.filter((m) => m.id !== "total-goals|*").map((m) => m.id), ["total-goals|0.5", "total-goals|1.5", "total-goals|2.5", "total-goals|10.5"]);
  });
});
