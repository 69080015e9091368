import { afterAll, beforeAll, describe, test } from "vitest";
import assert from "node:assert/strict";
import type { OfferedMarket } from "@pricing/core/margin/offer";
import { sportGroups } from "@pricing/core/sports/registry";
import { createClients, destroyClients, type ConsoleClients } from "@pricing/console/server/clients";
import { ConsoleApp } from "@pricing/console/server/app";
import { queueLabel } from "@pricing/console/server/resources";
import { arsenalFulham, startTable, store, TABLE, writer } from "./table-fixture";

/**
 * The console's reads against a real table (dynalite) holding what the engine writes:
 * three matches, one settled, one waiting for the reprice after a goal, one not yet priced.
 */
describe("console API on a stage's table", () => {
  let table: Awaited<ReturnType<typeof startTable>>;
  let clients: ConsoleClients;
  let app: ConsoleApp;
  const settled = arsenalFulham("settled-match");
  const suspended = arsenalFulham("goal-match", 3, { unpricedLast: true });

  beforeAll(async () => {
    table = await startTable();
    const w = writer(table.client);
    await store(w, settled, "SETTLED");
    await store(w, suspended, "IN_PLAY");
    // A scheduled match with no event yet but its Match item (what Register writes).
    await w.entities.match.put({ matchId: "later-match", status: "SCHEDULED", kickoff: "2024-08-24T14:00:00Z", homeTeam: "Chelsea", awayTeam: "Spurs" }).go();
    clients = createClients({ dynamodbEndpoint: table.endpoint, region: "us-east-1", credentials: { accessKeyId: "t", secretAccessKey: "t" } });
    app = new ConsoleApp({ clients, resources: { stage: "test", tableName: TABLE, lifecycleArn: null, priceMatchArn: null, queues: [] }, region: "us-east-1", target: "test" });
  });

  afterAll(async () => {
    destroyClients(clients);
    await table.stop();
  });

  test("Matches: status, score, the newest 1X2 odds and why markets are suspended", async () => {
    const { matches } = await app.matches();
    const byId = new Map(matches.map((m) => [m.matchId, m]));
    assert.equal(byId.get("settled-match")!.status, "settled");
    assert.equal(byId.get("later-match")!.status, "scheduled");
    const live = byId.get("goal-match")!;
    assert.equal(live.status, "in play");
    assert.equal(live.score, "1-0");
    assert.equal(live.sport, "football");
    assert.deepEqual(live.suspended, ["goal"], "the goal is in the state, its reprice not yet in the table");
    const newest = suspended.prices.filter((p) => p.group === "match-result").at(-1)!;
    const oneXTwo = (newest.markets as OfferedMarket[]).find((m) => m.key === "1x2")!;
    assert.deepEqual(live.odds, { home: oneXTwo.selections[0].odds, draw: oneXTwo.selections[1].odds, away: oneXTwo.selections[2].odds });
    assert.equal(live.sparkline.length, new Set(suspended.prices.map((p) => p.priceVersion)).size);
    assert.ok(live.sparkline.every((p) => Math.abs(p[0] + p[1] + p[2] - 1) < 1e-4), "sparkline points are 1X2 probabilities");
    assert.deepEqual(byId.get("settled-match")!.suspended, []);
  });

  test("Match: every group's history, the goal on the time axis, the ladder and the settlement", async () => {
    const d = await app.match("settled-match");
    assert.deepEqual(d.history.map((h) => h.group), [...sportGroups("football")]);
    assert.deepEqual(d.history.map((h) => h.group).slice(0, 7), ["match-result", "totals", "handicap", "correct-score", "goals", "next-goal", "half-time"]);
    const versions = new Set(settled.prices.map((p) => p.priceVersion)).size;
    for (const h of d.history) {
      assert.equal(h.times.length, versions, `${h.group} has a point per version`);
      for (const s of h.selections) assert.equal(s.probability.length, versions);
    }
    assert.equal(d.history.find((h) => h.group === "totals")!.market, "total-goals|2.5");
    const goal = d.markers.find((m) => m.kind === "goal")!;
    // On the prices' clock: the engine logged the goal half a second after it occurred.
    assert.equal(goal.at, Date.parse("2024-08-17T14:20:00.500Z"));
    assert.equal(goal.occurredAt, "2024-08-17T14:20:00.000Z");
    assert.match(goal.label, /Goal Arsenal 20'/);
    assert.equal(d.suspensions.length, 1);
    assert.equal(d.suspensions[0].to! - goal.at, 500, "suspended from the goal's arrival until its reprice half a second later");
    assert.equal(d.ladder!.groups.length, sportGroups("football").length);
    assert.equal(d.settlement!.void, false);
    const oneXTwo = d.settlement!.markets.find((m) => m.id === "1x2|-|-")!;
    assert.deepEqual(oneXTwo.selections, [{ key: "home", outcome: "won" }, { key: "draw", outcome: "lost" }, { key: "away", outcome: "lost" }]);
    assert.deepEqual(d.events.map((e) => e.seq), [1, 2, 3, 4, 5, 6, 7]);

    const other = await app.marketHistory("settled-match", "totals", "total-goals|3.5");
    assert.equal(other.label, "Total goals 3.5");
    await assert.rejects(app.marketHistory("settled-match", "throw-ins", "x"), { code: "console.unknown_group" });
    await assert.rejects(app.match("no-such-match"), { code: "console.no_match" });
  });

  test("Models: calibration of the pre-event prices against the settlement", async () => {
    const report = await app.modelReport();
    assert.equal(report.settledMatches, 1);
    const result = report.groups.find((g) => g.group === "match-result")!;
    // The pre-event 1X2 priced Arsenal at p; Arsenal won: the market log-loss is -ln p.
    const preEvent = settled.prices.find((p) => p.group === "match-result")!;
    const home = (preEvent.markets as OfferedMarket[]).find((m) => m.key === "1x2")!.selections[0].probability;
    assert.ok(Math.abs(home - 0.6114897) < 1e-4, "the reference Dixon-Coles home probability");
    assert.equal(result.calibration.markets, 1, "1X2 is the one one-winner market of the group");
    assert.ok(Math.abs(result.calibration.marketLogLoss! + Math.log(home)) < 1e-12);
    assert.equal(result.calibration.selections, 8, "1X2, double chance and draw no bet selections");
    assert.equal(result.calibration.bins.reduce((n, b) => n + b.count, 0), 8);
    assert.equal(result.priced, new Set(settled.prices.map((p) => p.priceVersion)).size + new Set(suspended.prices.map((p) => p.priceVersion)).size);
    assert.equal(result.failed, 0);
    assert.equal(result.latency, null, "no Express executions to time without a local cloud");
  });

  test("Executions: pricing runs come from the table when Express executions cannot be listed, named by their match, a page at a time", async () => {
    const all = await app.executions({ limit: 50 });
    assert.equal(all.lifecycle.stateMachineArn, null);
    assert.match(all.pricing.source, /cannot be listed/);
    const versions = new Set([...settled.prices, ...suspended.prices].map((p) => `${p.matchId}:${p.priceVersion}`));
    assert.equal(all.total, versions.size);
    assert.ok(all.executions.every((r) => r.machine === "PriceMatch" && r.run!.groups === sportGroups("football").length && r.run!.failedGroups.length === 0 && r.executionArn === null));
    assert.ok(all.executions.every((r) => r.matchName === "Arsenal v Fulham" && r.title === `${sportGroups("football").length} groups`));
    assert.deepEqual(all.matches.map((m) => m.name), ["Arsenal v Fulham", "Arsenal v Fulham", "Chelsea v Spurs"]);

    // Pages of two, followed by their tokens, list every run once, newest first.
    const seen: string[] = [];
    let next: string | undefined;
    do {
      const page = await app.executions({ limit: 2, next });
      assert.ok(page.executions.length <= 2);
      assert.equal(page.total, versions.size);
      seen.push(...page.executions.map((r) => r.key));
      next = page.next ?? undefined;
    } while (next);
    assert.deepEqual(seen, all.executions.map((r) => r.key));
    assert.equal(new Set(seen).size, versions.size);

    const goalMatch = await app.executions({ limit: 50, match: "goal-match" });
    assert.equal(goalMatch.total, new Set(suspended.prices.map((p) => p.priceVersion)).size);
    assert.ok(goalMatch.executions.every((r) => r.matchId === "goal-match"));
    assert.equal((await app.executions({ limit: 50, machine: "Lifecycle" })).total, 0);
    assert.equal((await app.executions({ limit: 50, status: "FAILED" })).total, 0);
  });

  test("Cost: estimated from the table's counts, split by match and day", async () => {
    const cost = await app.cost();
    assert.match(cost.basis, /estimated from counts in the table/);
    assert.ok(cost.totalUsd > 0);
    const sum = cost.byMatch.reduce((s, m) => s + m.usd, 0);
    assert.ok(Math.abs(sum - cost.totalUsd) < 1e-12, "the matches add up to the total");
    assert.ok(Math.abs(cost.days.reduce((s, d) => s + d.usd, 0) - cost.totalUsd) < 1e-12, "so do the days");
    const settledUsd = cost.byMatch.find((m) => m.matchId === "settled-match")!.usd;
    assert.ok(settledUsd > cost.byMatch.find((m) => m.matchId === "later-match")!.usd, "a played match costs more than one not yet started");
  });
});

describe("queue labels", () => {
  test("the construct id of a generated queue name, on AWS and locally", () => {
    assert.equal(queueLabel("prod-pricing-engine-Events-MatchEventsQueueDlq79951ED1-1AbCdEfGhIjK", "prod-pricing-engine-"), "MatchEventsQueueDlq");
    assert.equal(queueLabel("local-pricing-engine-Lifecycle-ClockTicksD635AD84", "local-pricing-engine-"), "ClockTicks");
    assert.equal(queueLabel("something-else", "local-pricing-engine-"), "else");
  });
});
