import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Service } from "electrodb";
import { EPOCHS } from "@pricing/core/match/epoch";
import type { MatchState } from "@pricing/core/match/state";
import { eventLogEntity, type EventLogItem } from "@pricing/core/store/event-log";
import { matchEntity, type MatchItem } from "@pricing/core/store/match";
import { matchStateEntity } from "@pricing/core/store/match-state";
import { fromPriceVersion, priceVersionEntity, type PriceSetItem, type PriceVersionItem } from "@pricing/core/store/price-set";
import { rejectedEventEntity, type RejectedEventItem } from "@pricing/core/store/rejected-event";
import { settlementEntity, type SettlementItem } from "@pricing/core/store/settlement";

/** A stored price version without its markets: what each group of it came to. */
export type PriceVersionHeader = Omit<PriceVersionItem, "markets">;

/**
 * The pricing table read through the core's ElectroDB entities, built afresh from the
 * core's builders: an ElectroDB Service sets its client and table on the entities it is
 * given, and the core's own entities (the handlers', in the same process on a local
 * cloud) must keep theirs.
 */
function consoleService(client: DynamoDBClient, table: string) {
  const document = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return new Service(
    {
      match: matchEntity(),
      matchState: matchStateEntity(),
      eventLog: eventLogEntity(),
      priceVersion: priceVersionEntity(),
      settlement: settlementEntity(),
      rejectedEvent: rejectedEventEntity(),
    },
    { client: document, table },
  );
}

/** Read access to one stage's table: every query the console makes. */
export class PricingTable {
  private readonly service: ReturnType<typeof consoleService>;

  constructor(client: DynamoDBClient, readonly tableName: string) {
    this.service = consoleService(client, tableName);
  }

  /** Every match, by status and kickoff (one index query per status). */
  async matches(): Promise<MatchItem[]> {
    const byStatus = await Promise.all(
      EPOCHS.map((status) => this.service.entities.match.query.matchesByStatusAndKickoff({ status }).go({ pages: "all" })),
    );
    return byStatus.flatMap((r) => r.data).sort((a, b) => a.kickoff.localeCompare(b.kickoff) || a.matchId.localeCompare(b.matchId));
  }

  async match(matchId: string): Promise<MatchItem | null> {
    return (await this.service.entities.match.get({ matchId }).go()).data;
  }

  async state(matchId: string): Promise<MatchState | null> {
    const { data } = await this.service.entities.matchState.get({ matchId }).go();
    return data ? (data.state as MatchState) : null;
  }

  async eventLog(matchId: string): Promise<EventLogItem[]> {
    return (await this.service.entities.eventLog.query.bySeq({ matchId }).go({ pages: "all" })).data;
  }

  /** The stored price versions of a match above `afterVersion`, oldest first. */
  private async versions(matchId: string, afterVersion?: number, attributes?: Array<keyof PriceVersionItem>): Promise<PriceVersionItem[]> {
    const query = this.service.entities.priceVersion.query.byVersion({ matchId });
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
      const page: { data: PriceVersionItem[]; cursor: string | null } = await this.service.entities.priceVersion.query
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
    return (await this.service.entities.settlement.query.byMarket({ matchId }).go({ pages: "all" })).data;
  }

  async rejections(limit = 50): Promise<RejectedEventItem[]> {
    return (await this.service.entities.rejectedEvent.query.rejectionsByTime({}).go({ order: "desc", limit })).data;
  }
}
