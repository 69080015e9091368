import { gunzipSync, gzipSync } from "node:zlib";
import { MAX_FAIR_ODDS, type OfferedMarket, type OfferedSelection } from "./offer";
import { fairOddsOf } from "../markets/fair-odds";

// A group's markets in the form they are stored, with nothing of the store itself
// (no ElectroDB, no table): a sport's model function encodes its groups with this, so
// what it returns through PriceMatch is what Publish writes.

/** The fair odds `offerMarket` gives a selection, from its probability and push. */
function derivedFairOdds(status: OfferedMarket["status"], s: Pick<OfferedSelection, "probability" | "push">): number | null {
  const odds = status === "decided" ? null : fairOddsOf(s.probability, s.push);
  return odds !== null && odds <= MAX_FAIR_ODDS ? odds : null;
}

/**
 * A group's markets as stored: gzipped JSON without what the reader can rebuild
 * exactly (each market's group, and fair odds equal to `(1 - push) / probability` as
 * computed here, bit for bit). Lossless: `decodeGroupMarkets` returns equal markets.
 * Node's zlib, not a library: the store needs nothing else.
 */
export function encodeGroupMarkets(markets: OfferedMarket[]): Uint8Array {
  const slim = markets.map(({ group: _group, ...market }) => ({
    ...market,
    selections: market.selections.map(({ fairOdds, ...s }) => (Object.is(fairOdds, derivedFairOdds(market.status, s)) ? s : { ...s, fairOdds })),
  }));
  return gzipSync(JSON.stringify(slim), { level: 9 });
}

export function decodeGroupMarkets(group: string, bytes: Uint8Array): OfferedMarket[] {
  const slim = JSON.parse(gunzipSync(bytes).toString("utf8")) as Array<Omit<OfferedMarket, "group"> & { selections: Array<Omit<OfferedSelection, "fairOdds"> & { fairOdds?: number | null }> }>;
  return slim.map(({ key, line, status, goal, basis, from, selections }) => {
    const market: OfferedMarket = {
      group, key, line, status,
      selections: selections.map(({ key: k, probability, push, fairOdds, odds, outcome }) => {
        const s: OfferedSelection = { key: k, probability, push, fairOdds: fairOdds === undefined ? derivedFairOdds(status, { probability, push }) : fairOdds, odds };
        if (outcome !== undefined) s.outcome = outcome;
        return s;
      }),
    };
    if (goal !== undefined) market.goal = goal;
    if (basis !== undefined) market.basis = basis;
    if (from !== undefined) market.from = from;
    return market;
  });
}

/**
 * A group's markets on the wire (a model function's result, Publish's input): the
 * stored bytes in base64, empty for no markets. Football's ten groups are about 69 KB
 * of JSON and 10 KB this way, and every state of PriceMatch copies its input: the
 * smaller payload is less work at every step and further from Step Functions' 256 KB.
 */
export function marketsToWire(markets: OfferedMarket[]): string {
  return markets.length === 0 ? "" : Buffer.from(encodeGroupMarkets(markets)).toString("base64");
}

/** The stored bytes of a group's markets from their wire form; undefined for none. */
export function marketsFromWire(wire: string): Uint8Array | undefined {
  if (wire === "") return undefined;
  const bytes = Buffer.from(wire, "base64");
  // A gzip stream starts 1f 8b: anything else is not a group's markets.
  if (bytes.length < 18 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) throw new RangeError("a group's markets on the wire are gzipped JSON in base64");
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A group's markets read back from their wire form (none for ""). */
export function marketsOfWire(group: string, wire: string): OfferedMarket[] {
  const bytes = marketsFromWire(wire);
  return bytes ? decodeGroupMarkets(group, bytes) : [];
}
