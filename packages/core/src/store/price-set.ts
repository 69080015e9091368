import { Entity, type EntityConfiguration, type EntityItem } from "electrodb";
import { InternalError } from "../errors";
import type { OfferedMarket } from "../margin/offer";
import { decodeGroupMarkets, encodeGroupMarkets } from "../margin/offer-encoding";
import { matchPartition } from "./keys";
import { engineTable } from "./table";

export { decodeGroupMarkets, encodeGroupMarkets } from "../margin/offer-encoding";

/**
 * The prices of every market group at one price version, one item per version: the
 * price history of a match. A price version orders repricings: the state version
 * first, then the match clock (see `match/situation.ts`).
 *
 * One item per version, not per group: a publication is then one PutItem that lands
 * whole or not at all, and its size is billed once. The markets of
 * each group are stored gzipped (`encodeGroupMarkets`): the JSON of the seven groups
 * football had was about 29 KB (29 write units a publication), the stored item about
 * 4 KB; with the eighth (second half) and the other new goal markets the item is 6 write
 * units. `groups`
 * keeps each group's status uncompressed so headers read without decoding.
 */
export function priceVersionEntity(config?: EntityConfiguration) {
  return new Entity({
    model: { entity: "priceVersion", version: "1", service: "pricing" },
    attributes: {
      matchId: { type: "string", required: true },
      priceVersion: { type: "number", required: true, padding: { length: 12, char: "0" } },
      stateVersion: { type: "number", required: true },
      asOf: { type: "string", required: true },
      groups: {
        type: "list",
        required: true,
        items: {
          type: "map",
          properties: {
            group: { type: "string", required: true },
            status: { type: ["priced", "suspended"] as const, required: true },
            error: { type: "string" },
          },
        },
      },
      /**
       * True when the version holds a part of the match's groups (a group-limited
       * repricing); the newest prices of the others are in earlier versions. Absent on a
       * version of every group.
       */
      partial: { type: "boolean" },
      /** Group name to its gzipped markets (Uint8Array); suspended groups have none. */
      markets: { type: "any", required: true },
    },
    indexes: {
      byVersion: { pk: matchPartition, sk: { field: "sk", composite: ["priceVersion"] } },
    },
  }, config);
}
/** Unbound, for its types (a table binds the builder: see table.ts). A bundle that does not use it drops it. */
export const PriceVersion = /* @__PURE__ */ priceVersionEntity();
export type PriceVersionItem = EntityItem<typeof PriceVersion>;

/** One market group at one price version, as the engine publishes it and readers see it. */
export interface PriceSetItem {
  matchId: string;
  priceVersion: number;
  group: string;
  stateVersion: number;
  asOf: string;
  status: "priced" | "suspended";
  markets: OfferedMarket[];
  error?: string;
}
/** A price set without its markets: what a projection of `groups` gives. */
export type PriceSetHeader = Omit<PriceSetItem, "markets">;
/** A price set whose markets are already in their stored form (`encodeGroupMarkets`, as a model function returns them); none for a group without markets. */
export interface EncodedPriceSet extends PriceSetHeader {
  encoded?: Uint8Array;
}

/** A set's markets as stored: encoded here, or as they came. */
function storedMarkets(s: PriceSetItem | EncodedPriceSet): Uint8Array | undefined {
  if ("markets" in s) return s.markets.length > 0 ? encodeGroupMarkets(s.markets) : undefined;
  return s.encoded;
}

/** The stored item of one price version from its groups' price sets (all of the same version); `partial` when they are a part of the match's groups. */
export function toPriceVersion(sets: Array<PriceSetItem | EncodedPriceSet>, partial = false): PriceVersionItem {
  const [first] = sets;
  if (!first || sets.some((s) => s.matchId !== first.matchId || s.priceVersion !== first.priceVersion || s.stateVersion !== first.stateVersion || s.asOf !== first.asOf)) {
    throw new RangeError("a price version item holds the groups of one match, state version, price version and time");
  }
  return {
    matchId: first.matchId, priceVersion: first.priceVersion, stateVersion: first.stateVersion, asOf: first.asOf,
    groups: sets.map((s) => ({ group: s.group, status: s.status, ...(s.error !== undefined ? { error: s.error } : {}) })),
    ...(partial ? { partial: true } : {}),
    markets: Object.fromEntries(sets.flatMap((s) => {
      const bytes = storedMarkets(s);
      return bytes ? [[s.group, bytes]] : [];
    })),
  };
}

/** The price sets of a stored version, in the order they were published; only `group` when given. */
export function fromPriceVersion(item: PriceVersionItem, group?: string): PriceSetItem[] {
  const encoded = item.markets as Partial<Record<string, Uint8Array>>;
  return headersOf(item, group).map((h) => ({ ...h, markets: encoded[h.group] ? decodeGroupMarkets(h.group, encoded[h.group]!) : [] }));
}

/** The price set headers of a stored version (markets not read); only `group` when given. */
export function headersOf(item: Pick<PriceVersionItem, "matchId" | "priceVersion" | "stateVersion" | "asOf" | "groups">, group?: string): PriceSetHeader[] {
  return item.groups
    .filter((g) => group === undefined || g.group === group)
    .map((g) => ({
      matchId: item.matchId, priceVersion: item.priceVersion, group: g.group, stateVersion: item.stateVersion, asOf: item.asOf, status: g.status,
      ...(g.error !== undefined ? { error: g.error } : {}),
    }));
}

const priceVersions = () => engineTable().entity(priceVersionEntity);

/** Writes the price sets of one price version as its one item (idempotent: keyed by the version); `partial` as `toPriceVersion`. */
export async function savePriceSets(sets: Array<PriceSetItem | EncodedPriceSet>, partial = false): Promise<void> {
  if (sets.length > 0) await savePriceVersion(toPriceVersion(sets, partial));
}

/** Writes one price version item (idempotent: keyed by its version). */
export async function savePriceVersion(item: PriceVersionItem): Promise<void> {
  await priceVersions().put(item).go();
}

/** Attempts of a batch write before its unprocessed versions are an error (the caller's retry writes them again). */
const BATCH_WRITE_ATTEMPTS = 4;

/**
 * Writes price version items (of several matches: a batch of repricings) in
 * BatchWriteItem calls of 25. DynamoDB may hand back items it did not write (throttled
 * partitions): those are written again, after a short backoff, up to
 * BATCH_WRITE_ATTEMPTS times. Idempotent, as `savePriceSets` (each item keyed by its
 * version).
 * @throws InternalError "store.unprocessed" when some are still unwritten after the attempts
 */
export async function savePriceVersions(items: PriceVersionItem[]): Promise<void> {
  const keyOf = (k: { matchId?: unknown; priceVersion?: unknown }) => `${String(k.matchId)}|${Number(k.priceVersion)}`;
  let pending = items;
  for (let attempt = 1; pending.length > 0; attempt++) {
    const { unprocessed } = await priceVersions().put(pending).go();
    if (unprocessed.length === 0) return;
    const left = new Set(unprocessed.map(keyOf));
    pending = pending.filter((item) => left.has(keyOf(item)));
    if (attempt >= BATCH_WRITE_ATTEMPTS) throw new InternalError("store.unprocessed", `${pending.length} price version(s) not written after ${attempt} batch writes`);
    await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt * Math.random()));
  }
}

/**
 * The price sets of the newest `versions` price versions of a match, newest version
 * first: the price history's tail, as stored (a group-limited version holds its groups
 * alone). For the current prices of every group, `latestPriceSets`.
 */
export async function recentPriceSets(matchId: string, versions = 3): Promise<PriceSetItem[]> {
  const { data } = await priceVersions().query.byVersion({ matchId }).go({ order: "desc", limit: versions });
  return data.flatMap((item) => fromPriceVersion(item));
}

/**
 * The current prices of a match: the newest price set of each group, newest version
 * first. Reads back from the newest version to the newest one of every group (not
 * `partial`), decoding only the markets it returns.
 */
export async function latestPriceSets(matchId: string): Promise<PriceSetItem[]> {
  return newestPerGroup(await versionsBackToComplete(matchId));
}

/** Of versions newest first, each group's price set from the newest version holding it. */
export function newestPerGroup(items: PriceVersionItem[]): PriceSetItem[] {
  const seen = new Set<string>();
  const out: PriceSetItem[] = [];
  for (const item of items) {
    for (const { group } of item.groups) {
      if (seen.has(group)) continue;
      seen.add(group);
      out.push(...fromPriceVersion(item, group));
    }
  }
  return out;
}

/** The newest versions of a match, newest first, down to and including the newest that holds every group. */
async function versionsBackToComplete(matchId: string): Promise<PriceVersionItem[]> {
  const out: PriceVersionItem[] = [];
  let cursor: string | null = null;
  do {
    const page: { data: PriceVersionItem[]; cursor: string | null } = await priceVersions().query.byVersion({ matchId }).go({ order: "desc", limit: 4, cursor });
    for (const item of page.data) {
      out.push(item);
      if (item.partial !== true) return out;
    }
    cursor = page.cursor;
  } while (cursor);
  return out;
}
