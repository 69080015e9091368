import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { MARKET_GROUPS } from "@pricing/core/sports/football/markets/types";
import { settleAll } from "@pricing/core/sports/football/markets/settle";
import type { FeedEvent } from "@pricing/core/match/events";
import { priceMarketGroup } from "@pricing/core/match/flows/pricing";
import { footballModel } from "@pricing/core/sports/football/model";
import { applyEvent } from "@pricing/core/match/reducer";
import { priceVersion } from "@pricing/core/match/price-version";
import { clockSeconds, situationAt } from "@pricing/core/sports/football/situation";
import { emptyState, type MatchState } from "@pricing/core/match/state";
import { eventLogEntity } from "@pricing/core/store/event-log";
import { TABLE_KEYS } from "@pricing/core/store/keys";
import { matchEntity } from "@pricing/core/store/match";
import { matchStateEntity } from "@pricing/core/store/match-state";
import { priceVersionEntity, toPriceVersion, type PriceSetItem } from "@pricing/core/store/price-set";
import { settlementEntity } from "@pricing/core/store/settlement";
import { openTable } from "@pricing/core/store/table";
import { footballOf } from "@pricing/core/sports/football/state";

const dynalite = createRequire(import.meta.url)("dynalite") as (opts: object) => Server;
export const TABLE = "test-pricing-engine-Storage-TableCD117FA1";

/** dynalite in-process with the app's table (keys and index as the Storage stack declares them). */
export async function startTable(): Promise<{ client: DynamoDBClient; endpoint: string; stop(): Promise<void> }> {
  const server = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({ endpoint, region: "us-east-1", credentials: { accessKeyId: "t", secretAccessKey: "t" } });
  const index = TABLE_KEYS.indexes[0];
  await client.send(new CreateTableCommand({
    TableName: TABLE,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey, index.partitionKey, index.sortKey].map((n) => ({ AttributeName: n, AttributeType: "S" })),
    KeySchema: [{ AttributeName: TABLE_KEYS.partitionKey, KeyType: "HASH" }, { AttributeName: TABLE_KEYS.sortKey, KeyType: "RANGE" }],
    GlobalSecondaryIndexes: [{ IndexName: index.name, Projection: { ProjectionType: "ALL" }, KeySchema: [{ AttributeName: index.partitionKey, KeyType: "HASH" }, { AttributeName: index.sortKey, KeyType: "RANGE" }] }],
  }));
  return { client, endpoint, stop: async () => { client.destroy(); await new Promise((resolve) => server.close(resolve)); } };
}

/** Writes what the engine writes, through the core's entities. */
export function writer(client: DynamoDBClient) {
  const table = openTable({ client, tableName: TABLE });
  return {
    entities: {
      match: table.entity(matchEntity), matchState: table.entity(matchStateEntity), eventLog: table.entity(eventLogEntity),
      priceVersion: table.entity(priceVersionEntity), settlement: table.entity(settlementEntity),
    },
  };
}

const KICKOFF = Date.parse("2024-08-17T14:00:00Z");
const at = (minute: number) => new Date(KICKOFF + minute * 60_000).toISOString();

/** A match's feed up to `through` events, as the engine would store it: one write per event, prices after price-relevant ones. */
export interface StoredMatch {
  state: MatchState;
  prices: PriceSetItem[];
  events: FeedEvent[];
}

/**
 * Arsenal v Fulham with the reference expected goals (goalmodel's): scheduled, kick-off, a
 * home goal in minute 20, half time, full time at 1-0, the result confirmed. Prices are
 * made by the core's own model for every price-relevant event, at that event's time.
 */
export function arsenalFulham(matchId: string, through = Infinity, options: { unpricedLast?: boolean } = {}): StoredMatch {
  const all: FeedEvent[] = [];
  const add = (e: Omit<FeedEvent, "eventId" | "matchId" | "seq">) => all.push({ ...e, eventId: `${matchId}-${all.length + 1}`, matchId, seq: all.length + 1 } as FeedEvent);
  add({ type: "Match Scheduled", occurredAt: at(-60), competition: "Premier League", homeTeam: "Arsenal", awayTeam: "Fulham", kickoff: at(0), expectedGoals: { home: 2.117914, away: 1.025718, rho: -0.1335741 } } as never);
  add({ type: "Match Started", occurredAt: at(0) } as never);
  add({ type: "Goal Scored", occurredAt: at(20), team: "home", minute: 20 } as never);
  add({ type: "Period Ended", occurredAt: at(46), period: "1H", minute: 46 } as never);
  add({ type: "Period Started", occurredAt: at(61), period: "2H" } as never);
  add({ type: "Match Ended", occurredAt: at(109), minute: 94 } as never);
  add({ type: "Result Confirmed", occurredAt: at(115), score: { home: 1, away: 0 }, halfTimeScore: { home: 1, away: 0 } } as never);
  const events = all.slice(0, through);
  let state = emptyState(matchId);
  const prices: PriceSetItem[] = [];
  events.forEach((event, i) => {
    const t = applyEvent(state, event);
    state = { ...t.state, version: state.version + 1 };
    const last = i === events.length - 1;
    if (t.effects.reprice && !(last && options.unpricedLast)) {
      const asOf = new Date(Date.parse(event.occurredAt) + 1000).toISOString();
      const situation = situationAt(footballOf(state), asOf);
      const version = priceVersion(state.version, clockSeconds(footballOf(state).clock, asOf));
      for (const group of MARKET_GROUPS) {
        const r = priceMarketGroup(footballModel, group, situation);
        prices.push({ matchId, priceVersion: version, group, stateVersion: state.version, asOf, status: r.status, markets: r.markets });
      }
    }
  });
  return { state, prices, events };
}

/** Stores a match: Match item, state, event log (each event applied half a second after it occurred), price sets, and settlements when it settled. */
export async function store(w: ReturnType<typeof writer>, m: StoredMatch, status: string): Promise<void> {
  const { state } = m;
  const newest = m.prices.at(-1)?.priceVersion;
  await w.entities.match.put({
    matchId: state.matchId, status: status as never, kickoff: footballOf(state).fixture!.kickoff, competition: footballOf(state).fixture!.competition, homeTeam: footballOf(state).fixture!.homeTeam, awayTeam: footballOf(state).fixture!.awayTeam,
    executionArn: `arn:aws:states:us-east-1:000000000000:execution:test-pricing-engine-Lifecycle:${state.matchId}`,
    ...(newest !== undefined ? { priceVersion: newest } : {}),
  }).go();
  await w.entities.matchState.put({ matchId: state.matchId, version: state.version, lastSeq: state.lastSeq, epoch: state.epoch, state, updatedAt: at(0) }).go();
  await w.entities.eventLog.put(m.events.map((event) => ({ matchId: event.matchId, seq: event.seq, eventId: event.eventId, type: event.type, occurredAt: event.occurredAt, event, loggedAt: new Date(Date.parse(event.occurredAt) + 500).toISOString() }))).go();
  const versions = new Map<number, PriceSetItem[]>();
  for (const p of m.prices) versions.set(p.priceVersion, [...(versions.get(p.priceVersion) ?? []), p]);
  if (versions.size) await w.entities.priceVersion.put([...versions.values()].map((sets) => toPriceVersion(sets))).go();
  if (status === "SETTLED") {
    const settled = settleAll({ score: footballOf(state).result!.score, halfTimeScore: footballOf(state).result!.halfTimeScore, goals: footballOf(state).goals.map((g) => g.team) });
    await w.entities.settlement.put(settled.map((s) => ({ matchId: state.matchId, market: [s.key, s.line ?? "-", s.goal ?? "-"].join("|"), void: false, selections: s.selections, settledAt: at(120) }))).go();
  }
}
