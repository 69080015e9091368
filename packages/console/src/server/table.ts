import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EPOCHS } from "@pricing/core/match/epoch";
import type { MatchState } from "@pricing/core/match/state";
import { eventLogEntity, type EventLogItem } from "@pricing/core/store/event-log";
import { matchEntity, type MatchItem } from "@pricing/core/store/match";
import { matchStateEntity } from "@pricing/core/store/match-state";
import { fromPriceVersion, priceVersionEntity, type PriceSetItem, type PriceVersionItem } from "@pricing/core/store/price-set";
import { rejectedEventEntity, type RejectedEventItem } from "@pricing/core/store/rejected-event";
import { settlementEntity, type SettlementItem } from "@pricing/core/store/settlement";
import { traderLogEntity, type TraderLogItem } from "@pricing/core/store/trader-log";
import { openTable, type EngineTable } from "@pricing/core/store/table";

/** A stored price version without its markets: what each group of it came to. */
export type PriceVersionHeader = Omit<PriceVersionItem, "markets">;

/** Read access to one stage's table: every query the console makes. */
export class PricingTable {
  /** The table through the console's client, with entities of its own (those of the handlers in the same process keep theirs). */
  private readonly table: EngineTable;

  constructor(client: DynamoDBClient, readonly tableName: string) {
    this.table = openTable({ client, tableName });
  }

  /** Every match, by status and kickoff (one index query per status). */
  async matches(): Promise<MatchItem[]> {
    const byStatus = await Promise.all(
      EPOCHS.map((status) => this.table.entity(matchEntity).query.matchesByStatusAndKickoff({ status }).go({ pages: "all" })),
    );
    return byStatus.flatMap((r) => r.data).sort((a, b) => a.kickoff.localeCompare(b.kickoff) || a.matchId.localeCompare(b.matchId));
  }

  async match(matchId: string): Promise<MatchItem | null> {
    return (await this.table.entity(matchEntity).get({ matchId }).go()).data;
  }

  async state(matchId: string): Promise<MatchState | null> {
    const { data } = await this.table.entity(matchStateEntity).get({ matchId }).go();
    return data ? (data.state as MatchState) : null;
  }

  async eventLog(matchId: string): Promise<EventLogItem[]> {
    return (await this.table.entity(eventLogEntity).query.bySeq({ matchId }).go({ pages: "all" })).data;
  }

  /** The trader actions applied to a match. */
  async traderLog(matchId: string): Promise<TraderLogItem[]> {
    return (await this.table.entity(traderLogEntity).query.byEvent({ matchId }).go({ pages: "all" })).data;
  }

  /** The stored price versions of a match above `afterVersion`, oldest first. */
  private async versions(matchId: string, afterVersion?: number, attributes?: Array<keyof PriceVersionItem>): Promise<PriceVersionItem[]> {
    const query = this.table.entity(priceVersionEntity).query.byVersion({ matchId });
    const ranged = afterVersion !== undefined ? query.gte({ priceVersion: afterVersion + 1 }) : query;
    const { data } = await ranged.go({ pages: "all", ...(attributes ? { attributes } : {}) });
    return (afterVersion === undefined ? data : data.filter((p) => p.priceVersion > afterVersion)) as PriceVersionItem[];
  }

  /**
   * Price sets of a match with a price version above `afterVersion`, oldest first;
   * only `group` when given (only that group's markets are decoded).
   */
  async priceSets(matchId: string, options: { afterVersion?: number; group?: PriceSetItem["group"] } = {}): Promise<PriceSetItem[]> {
    return (await this.versions(matchId, options.afterVersion)).flatMap((item) => fromPriceVersion(item, options.group));
  }

  /** The price sets of the given versions of a match (one read per hundred versions), oldest first. */
  async priceSetsOf(matchId: string, versions: readonly number[]): Promise<PriceSetItem[]> {
    const keys = [...new Set(versions)].map((priceVersion) => ({ matchId, priceVersion }));
    const items: PriceVersionItem[] = [];
    for (let i = 0; i < keys.length; i += 100) {
      const { data } = await this.table.entity(priceVersionEntity).get(keys.slice(i, i + 100)).go();
      items.push(...(data as PriceVersionItem[]));
    }
    return items.sort((a, b) => a.priceVersion - b.priceVersion).flatMap((item) => fromPriceVersion(item));
  }

  /** The price versions of a match above `afterVersion` without their markets: groups and statuses. */
  async versionHeaders(matchId: string, afterVersion?: number): Promise<PriceVersionHeader[]> {
    return this.versions(matchId, afterVersion, ["matchId", "priceVersion", "stateVersion", "asOf", "groups"]);
  }

  /**
   * The first price sets of a match, oldest first, up to and including the first
   * version priced at or after `until` (ISO) or of state version `untilStateVersion`:
   * the pre-event prices without reading the in-play ones.
   */
  async earlyPriceSets(matchId: string, until: string, untilStateVersion = Infinity): Promise<PriceSetItem[]> {
    const out: PriceSetItem[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: PriceVersionItem[]; cursor: string | null } = await this.table.entity(priceVersionEntity).query
        .byVersion({ matchId })
        .go({ limit: 10, cursor });
      for (const item of page.data) {
        out.push(...fromPriceVersion(item));
        if (item.asOf >= until || item.stateVersion >= untilStateVersion) return out;
      }
      cursor = page.cursor;
    } while (cursor);
    return out;
  }

  async settlements(matchId: string): Promise<SettlementItem[]> {
    return (await this.table.entity(settlementEntity).query.byMarket({ matchId }).go({ pages: "all" })).data;
  }

  async rejections(limit = 50): Promise<RejectedEventItem[]> {
    return (await this.table.entity(rejectedEventEntity).query.rejectionsByTime({}).go({ order: "desc", limit })).data;
  }
}
