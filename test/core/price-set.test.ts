import { afterAll, beforeAll, describe, test } from "vitest";
import assert from "node:assert/strict";
import fc from "fast-check";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import { GOAL_GROUPS, MARKET_GROUPS } from "@pricing/core/sports/football/markets/types";
import { priceMarketGroup, priceMarketGroups } from "@pricing/core/match/flows/model";
import { marketsFromWire, marketsOfWire } from "@pricing/core/margin/offer-encoding";
import { footballModel } from "@pricing/core/sports/football/model";
import type { MatchSituation } from "@pricing/core/sports/football/models/situation";
import type { OfferedMarket } from "@pricing/core/margin/offer";
import {
  decodeGroupMarkets, encodeGroupMarkets, fromPriceVersion, headersOf, toPriceVersion, type PriceSetItem,
} from "@pricing/core/store/price-set";
import { startTable, writer } from "../console/table-fixture";

const situation: fc.Arbitrary<MatchSituation> = fc
  .record({
    homeXg: fc.double({ min: 0.2, max: 3.5, noNaN: true }),
    awayXg: fc.double({ min: 0.2, max: 3.5, noNaN: true }),
    rho: fc.double({ min: -0.15, max: 0.05, noNaN: true }),
    minute: fc.double({ min: 46, max: 95, noNaN: true }),
    score: fc.record({ home: fc.nat(4), away: fc.nat(4) }),
    redCards: fc.record({ home: fc.nat(1), away: fc.nat(1) }),
  })
  .map(({ score, ...s }) => ({ ...s, period: "2H" as const, score, halfTimeScore: { home: Math.min(score.home, 1), away: 0 } }));

const publication = (s: MatchSituation, version = 100): PriceSetItem[] =>
  MARKET_GROUPS.map((group) => {
    const r = priceMarketGroup(footballModel, group, s);
    return { matchId: "m-1", priceVersion: version, group, stateVersion: 7, asOf: "2024-08-17T15:30:00.000Z", status: r.status, markets: r.markets };
  });

const LIVE: MatchSituation = { homeXg: 1.6, awayXg: 1.1, rho: -0.1, period: "2H", minute: 63, score: { home: 1, away: 0 }, halfTimeScore: { home: 1, away: 0 }, redCards: { home: 0, away: 0 } };

describe("stored price versions", () => {
  test("every group's markets come back from storage exactly as priced, decided and open markets alike", () => {
    fc.assert(
      fc.property(situation, (s) => {
        const sets = publication(s);
        assert.deepEqual(fromPriceVersion(toPriceVersion(sets)), sets);
      }),
      { numRuns: 60 },
    );
  });

  test("a model batch's wire form is what is stored: it reads back as priced, at a fraction of the markets' JSON", () => {
    const batch = priceMarketGroups(footballModel, MARKET_GROUPS, LIVE);
    assert.deepEqual(batch.failures, []);
    const sets = publication(LIVE);
    const fromWire = batch.results.map((r) => {
      assert.equal(r.status, "priced");
      const { markets: _markets, ...header } = sets.find((s) => s.group === r.group)!;
      return { ...header, encoded: r.status === "priced" ? marketsFromWire(r.markets) : undefined };
    });
    assert.deepEqual(fromPriceVersion(toPriceVersion(fromWire)), sets);
    for (const r of batch.results) if (r.status === "priced") assert.deepEqual(marketsOfWire(r.group, r.markets), sets.find((s) => s.group === r.group)!.markets);
    const json = JSON.stringify(sets.map((s) => s.markets)).length;
    const wire = JSON.stringify(batch).length;
    assert.ok(wire * 4 < json, `wire ${wire} bytes against ${json} of JSON`);
    assert.equal(marketsFromWire(""), undefined);
    assert.throws(() => marketsFromWire(Buffer.from(JSON.stringify(sets[0].markets)).toString("base64")), RangeError);
  });

  test("fair odds that are not the ones derived from probability and push are kept as they were", () => {
    const [market] = priceMarketGroup(footballModel, "match-result", LIVE).markets;
    const odd: OfferedMarket = { ...market, selections: market.selections.map((s, k) => ({ ...s, fairOdds: k === 0 ? null : k === 1 ? s.fairOdds! * (1 + 1e-15) : s.fairOdds })) };
    const back = decodeGroupMarkets("match-result", encodeGroupMarkets([odd]));
    assert.deepEqual(back, [odd]);
    assert.equal(back[0].selections[0].fairOdds, null);
    assert.notEqual(back[0].selections[1].fairOdds, market.selections[1].fairOdds);
  });

  test("a suspended group keeps its status and error and has no markets; one group is read alone", () => {
    const sets = publication(LIVE);
    sets[4] = { ...sets[4], status: "suspended", markets: [], error: "ModelError" };
    const item = toPriceVersion(sets);
    assert.deepEqual(Object.keys(item.markets as object).sort(), MARKET_GROUPS.filter((g) => g !== sets[4].group).sort());
    assert.deepEqual(fromPriceVersion(item, sets[4].group), [sets[4]]);
    assert.deepEqual(fromPriceVersion(item, "totals"), sets.filter((s) => s.group === "totals"));
    assert.deepEqual(headersOf(item).map((h) => [h.group, h.status, h.error]), sets.map((s) => [s.group, s.status, s.error]));
  });

  test("the groups of one item share match, versions and time", () => {
    const sets = publication(LIVE);
    assert.throws(() => toPriceVersion([sets[0], { ...sets[1], priceVersion: 101 }]), RangeError);
    assert.throws(() => toPriceVersion([]), RangeError);
  });
});

describe("what a publication costs to store", () => {
  let table: Awaited<ReturnType<typeof startTable>>;
  beforeAll(async () => {
    table = await startTable();
  });
  afterAll(() => table?.stop());

  // DynamoDB bills a write unit per started KB of the item, as the backend counts it.
  async function writeUnits(sets: PriceSetItem[]): Promise<number> {
    const w = writer(table.client);
    const params = w.entities.priceVersion.put(toPriceVersion(sets)).params<{ TableName: string; Item: Record<string, unknown> }>();
    const document = DynamoDBDocumentClient.from(table.client);
    const out = await document.send(new PutCommand({ ...params, ReturnConsumedCapacity: "TOTAL" }));
    const { data } = await w.entities.priceVersion.get({ matchId: "m-1", priceVersion: sets[0].priceVersion }).go();
    assert.deepEqual(fromPriceVersion(data!), sets);
    return out.ConsumedCapacity!.CapacityUnits!;
  }

  test("the eight goal groups of an in-play publication are one item of at most 6 write units (the JSON alone is over 28 KB)", async () => {
    const sets = publication(LIVE).filter((s) => (GOAL_GROUPS as readonly string[]).includes(s.group));
    assert.ok(JSON.stringify(sets.map((s) => s.markets)).length > 28 * 1024);
    const units = await writeUnits(sets);
    assert.ok(units <= 6, `${units} write units`);
  });

  test("with the corners and cards groups (94 markets more) the item stays within 8 write units", async () => {
    const units = await writeUnits(publication({ ...LIVE, counts: { corners: { home: 5, away: 3 }, yellowCards: { home: 1, away: 2 } } }, 101));
    assert.ok(units <= 8, `${units} write units`);
  });
});
