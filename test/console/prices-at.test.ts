import { afterAll, beforeAll, describe, test } from "vitest";
import assert from "node:assert/strict";
import { sportGroups } from "@pricing/core/sports/registry";
import { createClients, destroyClients, type ConsoleClients } from "@pricing/console/server/clients";
import { ConsoleApp } from "@pricing/console/server/app";
import { arsenalFulham, startTable, store, TABLE, writer } from "./table-fixture";

/**
 * Time travel on a stage's table (dynalite): every market as it stood at a moment, for
 * a settled match whose goal was logged half a second after it occurred and repriced
 * half a second later.
 */
describe("prices at a moment", () => {
  let table: Awaited<ReturnType<typeof startTable>>;
  let clients: ConsoleClients;
  let app: ConsoleApp;
  const settled = arsenalFulham("settled-match");
  /** The same match stopped at its goal, whose reprice is not in the table yet. */
  const waiting = arsenalFulham("goal-match", 3, { unpricedLast: true });
  const goal = settled.events.find((e) => e.type === "Goal Scored")!;
  const loggedAt = Date.parse(goal.occurredAt) + 500;
  const at = (ms: number) => new URLSearchParams({ at: new Date(ms).toISOString() });
  const home = (ladder: Awaited<ReturnType<ConsoleApp["pricesAt"]>>["ladder"]) =>
    ladder!.groups.find((g) => g.group === "match-result")!.markets.find((m) => m.id === "1x2|-")!.selections.find((s) => s.key === "home")!;

  beforeAll(async () => {
    table = await startTable();
    await store(writer(table.client), settled, "SETTLED");
    await store(writer(table.client), waiting, "IN_PLAY");
    clients = createClients({ dynamodbEndpoint: table.endpoint, region: "us-east-1", credentials: { accessKeyId: "t", secretAccessKey: "t" } });
    app = new ConsoleApp({ clients, resources: { stage: "test", tableName: TABLE, lifecycleArn: null, priceMatchArn: null, queues: [] }, region: "us-east-1", target: "test" });
  });

  afterAll(async () => {
    destroyClients(clients);
    await table.stop();
  });

  test("before a goal its prices, on its arrival every group suspended for it, after its reprice the new prices", async () => {
    const sets = settled.prices.filter((p) => p.group === "match-result");
    const before = sets.filter((p) => Date.parse(p.asOf) < loggedAt).at(-1)!;
    const after = sets.find((p) => Date.parse(p.asOf) > loggedAt)!;
    const odds = (set: typeof before) => set.markets.find((m) => m.key === "1x2")!.selections[0].odds;

    const pre = await app.pricesAt("settled-match", at(loggedAt - 1));
    assert.ok(pre.ladder!.groups.every((g) => g.suspendedBy === null));
    assert.equal(home(pre.ladder).odds, odds(before));

    const arrived = await app.pricesAt("settled-match", at(loggedAt));
    assert.equal(arrived.ladder!.groups.length, sportGroups("football").length);
    assert.ok(arrived.ladder!.groups.every((g) => /^Goal Arsenal 20'/.test(g.suspendedBy ?? "")), "every group waits for the goal's reprice");
    assert.equal(arrived.ladder!.priceVersion, before.priceVersion);
    assert.equal(arrived.x, 20, "on the match clock");

    const repriced = await app.pricesAt("settled-match", at(Date.parse(after.asOf) + 1));
    assert.ok(repriced.ladder!.groups.every((g) => g.suspendedBy === null));
    assert.equal(home(repriced.ladder).odds, odds(after));
    assert.notEqual(odds(after), odds(before));
  });

  test("now: a goal waiting for its reprice suspends every group of the live ladder, with the goal as its reason", async () => {
    const d = await app.match("goal-match");
    assert.equal(d.ladder!.groups.length, sportGroups("football").length);
    assert.ok(d.ladder!.groups.every((g) => /^Goal Arsenal 20'/.test(g.suspendedBy ?? "")), d.ladder!.groups.map((g) => g.suspendedBy).join(", "));
    const settledNow = await app.match("settled-match");
    assert.ok(settledNow.ladder!.groups.every((g) => g.suspendedBy === null), "a settled match shows outcomes, not suspensions");
  });

  test("once settled every market shows its outcome; before the first price there is none; a bad time is refused", async () => {
    // The fixture settles five minutes after the result is confirmed.
    const late = await app.pricesAt("settled-match", at(Date.parse(settled.events.at(-1)!.occurredAt) + 10 * 60_000));
    assert.equal(home(late.ladder).outcome, "won");
    const result = late.ladder!.groups.find((g) => g.group === "match-result")!;
    assert.ok(result.markets.every((m) => m.status === "settled" && m.overround === null && m.selections.every((s) => s.outcome !== null)));
    const early = await app.pricesAt("settled-match", at(Date.parse(settled.prices[0].asOf) - 1));
    assert.equal(early.ladder, null);
    await assert.rejects(app.pricesAt("settled-match", new URLSearchParams({ at: "yesterday" })), { code: "console.bad_time" });
    await assert.rejects(app.pricesAt("no-such-match", at(loggedAt)), { code: "console.no_match" });
  });
});
