import { afterAll, beforeAll, describe, test } from "vitest";
import assert from "node:assert/strict";
import { PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { traderEntry, type TraderAction } from "@pricing/core/match/trader";
import { recentPriceSets, type PriceSetItem } from "@pricing/core/store/price-set";
import { loadState } from "@pricing/core/store/match-state";
import { traderLogEntity } from "@pricing/core/store/trader-log";
import { engineTable } from "@pricing/core/store/table";
import type { OfferedMarket } from "@pricing/core/margin/offer";
import { sportGroups } from "@pricing/core/sports/registry";
import { matchFeed } from "../support/match-feed";
import { postFeed, runUntil, startE2e, type E2e } from "./harness";

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
  process.env.TABLE_NAME = e2e.cloud.dynamodb.tableName;
});
afterAll(() => e2e?.stop());

const matchId = "e2e-trader";
let n = 0;

/** Puts a trader action on the bus, as the console does. */
async function trade(fields: Partial<TraderAction> & Pick<TraderAction, "action">): Promise<string> {
  const action = { eventId: `${matchId}-trader-${++n}`, matchId, traderId: "alice", reason: "injury news", occurredAt: new Date(e2e.clock.now()).toISOString(), ...fields } as TraderAction;
  const out = await e2e.events.send(new PutEventsCommand({ Entries: [traderEntry(action, e2e.cloud.busName)] }));
  assert.equal(out.FailedEntryCount, 0);
  return action.eventId;
}

/** Every price set of the newest price versions, newest first. */
const recent = (versions = 30) => recentPriceSets(matchId, versions);
const newest = async (group: string): Promise<PriceSetItem | undefined> => (await recent(4)).find((s) => s.group === group);
const overround = (m: OfferedMarket) => m.selections.reduce((s, x) => s + (x.odds ? 1 / x.odds : 0), 0) - 1;
const total25 = (set: PriceSetItem) => (set.markets as OfferedMarket[]).find((m) => m.key === "total-goals" && m.line === 2.5)!;

describe("trader controls on the local cloud", () => {
  test("suspend totals in play: totals published as suspended with the trader's reason while the other groups reprice; resume brings prices back; a margin shows in the offered odds", async () => {
    const feed = matchFeed(matchId, [{ kind: "goal", team: "home", minute: 30 }]);
    // To kick-off (14:00) and five minutes on, so each tick's price is newer than the last (clock seconds order them).
    await e2e.clock.advance(65 * 60_000);
    await postFeed(e2e, feed.slice(0, 2));
    await runUntil(e2e, async () => (await newest("totals"))?.status === "priced" && (await newest("totals"))!.stateVersion >= 2, "in-play prices after kick-off");
    const beforeMargin = overround(total25((await newest("totals"))!));

    // Suspend totals.
    const suspendId = await trade({ action: "suspend-group", group: "totals", reason: "injury news" });
    await runUntil(e2e, async () => (await newest("totals"))?.status === "suspended", "totals suspended");
    const suspendedAt = (await loadState(matchId)).version;
    const held = (await newest("totals"))!;
    assert.equal(held.error, "trader: injury news");
    assert.deepEqual(held.markets, []);
    assert.equal(held.stateVersion, suspendedAt);

    // The clock runs on: other groups keep repricing on the ticks, totals stays suspended in every version.
    const firstVersion = held.priceVersion;
    await runUntil(e2e, async () => {
      const sets = (await recent()).filter((s) => s.priceVersion > firstVersion);
      return new Set(sets.map((s) => s.priceVersion)).size >= 2;
    }, "two more tick repricings");
    const after = (await recent()).filter((s) => s.priceVersion >= firstVersion);
    const versions = [...new Set(after.map((s) => s.priceVersion))];
    assert.ok(versions.length >= 3, `${versions.length} repricings`);
    for (const v of versions) {
      const sets = after.filter((s) => s.priceVersion === v);
      assert.equal(sets.find((s) => s.group === "totals")?.status, "suspended", `version ${v}: totals`);
      assert.equal(sets.find((s) => s.group === "match-result")?.status, "priced", `version ${v}: match-result`);
      assert.equal(sets.length, sportGroups("football").length, `version ${v}: every group is named`);
    }

    const events = (await e2e.engineEvents()).filter((e) => e.detail.matchId === matchId);
    const announced = events.find((e) => e.type === "Trader Action Applied" && e.detail.eventId === suspendId);
    assert.ok(announced, "the action is announced");
    assert.equal(announced.detail.traderId, "alice");
    assert.equal(announced.detail.reason, "injury news");
    assert.equal(announced.detail.result, "totals suspended");
    const suspension = events.find((e) => e.type === "Markets Suspended" && e.detail.reason === "trader: injury news");
    assert.deepEqual(suspension?.detail.groups, ["totals"], "only totals is suspended");
    const published = events.filter((e) => e.type === "Prices Published" && e.detail.priceVersion >= firstVersion);
    assert.ok(published.length >= 3);
    for (const p of published) {
      assert.ok(p.detail.suspended.includes("totals"));
      assert.ok(!p.detail.groups.includes("totals"));
      assert.ok(p.detail.groups.includes("match-result"));
    }

    // The event log keeps who and why.
    const log = (await engineTable().entity(traderLogEntity).query.byEvent({ matchId }).go()).data;
    assert.deepEqual(log.map((l) => [l.action, l.traderId, l.reason, l.result]), [["suspend-group", "alice", "injury news", "totals suspended"]]);

    // A redelivered action changes nothing.
    await e2e.events.send(new PutEventsCommand({ Entries: [traderEntry({ eventId: suspendId, matchId, traderId: "alice", reason: "injury news", occurredAt: new Date(e2e.clock.now()).toISOString(), action: "suspend-group", group: "totals" }, e2e.cloud.busName)] }));
    await e2e.cloud.idle({ timeoutMs: 20_000 });
    assert.equal((await loadState(matchId)).trader?.version, 1);

    // Resume: prices return at once.
    await trade({ action: "resume-group", group: "totals", reason: "news was wrong" });
    await runUntil(e2e, async () => (await newest("totals"))?.status === "priced", "totals priced again", 5);
    assert.ok((await newest("totals"))!.stateVersion > suspendedAt);

    // A margin of 12% on totals shows in the offered odds.
    await trade({ action: "set-margin", group: "totals", margin: 0.12, reason: "volatile" });
    const marginState = suspendedAt + 2;
    await runUntil(e2e, async () => ((await newest("totals"))?.stateVersion ?? 0) >= marginState, "totals at the new margin", 5);
    const wide = overround(total25((await newest("totals"))!));
    assert.ok(Math.abs(beforeMargin - 0.05) <= 0.011, `default overround ${beforeMargin}`);
    assert.ok(Math.abs(wide - 0.12) <= 0.011, `overround at 12%: ${wide}`);
    const handicap = (await newest("handicap"))!.markets as OfferedMarket[];
    assert.ok(handicap.filter((m) => m.selections.every((s) => s.odds)).every((m) => overround(m) < 0.065), "other groups keep their margin");
  });

  test("a trader action for an unknown group is refused, recorded, and changes nothing", async () => {
    const version = (await loadState(matchId)).version;
    const eventId = await trade({ action: "suspend-group", group: "set-betting", reason: "wrong sport" });
    await e2e.cloud.idle({ timeoutMs: 20_000 });
    assert.equal((await loadState(matchId)).version, version);
    const rejected = (await e2e.engineEvents()).find((e) => e.type === "Event Rejected" && e.detail.eventId === eventId);
    assert.match(rejected?.detail.reason ?? "", /football has no market group "set-betting"/);
  });
});
