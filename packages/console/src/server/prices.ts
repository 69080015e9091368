import { clockSecondsOf } from "@pricing/core/match/price-version";
import type { OfferedMarket } from "@pricing/core/margin/offer";
import type { PriceSetItem } from "@pricing/core/store/price-set";
import type { MarketHistory } from "../api";
import type { PricingTable } from "./table";

/** A market's id across versions: its key and line (a next-goal market keeps its id as goals are scored). */
export const marketId = (m: Pick<OfferedMarket, "key" | "line">) => `${m.key}|${m.line ?? "-"}`;

const KEY_LABELS: Record<string, string> = {
  "1x2": "1X2", "double-chance": "Double chance", "draw-no-bet": "Draw no bet", "total-goals": "Total goals", "asian-handicap": "Asian handicap",
  "correct-score": "Correct score", btts: "Both teams to score", "team-total-home": "Home team total", "team-total-away": "Away team total",
  "odd-even": "Odd/even goals", "next-goal": "Next goal", "ht-1x2": "Half-time 1X2", "ht-total-goals": "Half-time total goals",
  "win-to-nil-home": "Home win to nil", "win-to-nil-away": "Away win to nil", "clean-sheet-home": "Home clean sheet",
  "clean-sheet-away": "Away clean sheet", "winning-margin": "Winning margin", "exact-total-goals": "Exact total goals",
  "ht-ft": "Half-time/full-time", "2h-1x2": "Second-half 1X2", "2h-total-goals": "Second-half total goals",
  "2h-btts": "Second half both teams to score", "both-halves-over": "Both halves over",
};

/** A market key no label is kept for, as words: "set-2-winner" is "Set 2 winner", "player-games-a" "Player games A". */
const keyWords = (key: string) => key.replace(/-([ab])$/, (_, side: string) => `-${side.toUpperCase()}`).replaceAll("-", " ").replace(/^./, (c) => c.toUpperCase());

/**
 * Orders markets as a trader scans them: by key in the order the sport lists them, then
 * by line as a number (0.5, 1.5, 2.5, 10.5; -1.5 before +1.5), not as text.
 */
export function byLine<T extends { key: string; line: number | null }>(markets: readonly T[]): T[] {
  const keys = [...new Set(markets.map((m) => m.key))];
  return [...markets].sort((a, b) => keys.indexOf(a.key) - keys.indexOf(b.key) || (a.line ?? -Infinity) - (b.line ?? -Infinity));
}

/** A market id's key and line ("total-goals|2.5" is total-goals at 2.5). */
export function parseMarketId(id: string): { key: string; line: number | null } {
  const [key, line] = id.split("|");
  return { key, line: line === undefined || line === "-" || line === "*" ? null : Number(line) };
}

/** The id of a comparison of every line of a market key on one chart ("total-goals|*"). */
export const compareId = (key: string) => `${key}|*`;

export function marketLabel(m: Pick<OfferedMarket, "key" | "line">): string {
  const name = KEY_LABELS[m.key] ?? keyWords(m.key);
  if (m.line === null) return name;
  return m.key.endsWith("handicap") ? `${name} ${m.line > 0 ? "+" : ""}${m.line}` : `${name} ${m.line}`;
}

interface SelectionLine {
  probability: Array<number | null>;
  odds: Array<number | null>;
}

/**
 * One market group's price history as plain number arrays, one entry per price
 * version: a few bytes per selection and version instead of the stored items.
 */
export class GroupHistory {
  readonly times: number[] = [];
  readonly minutes: number[] = [];
  readonly versions: number[] = [];
  readonly stateVersions: number[] = [];
  readonly failedAt: number[] = [];
  readonly markets = new Map<string, { label: string; selections: Map<string, SelectionLine> }>();
  latest: PriceSetItem | null = null;

  constructor(readonly group: string) {}

  append(item: PriceSetItem): void {
    const at = this.times.length;
    this.times.push(Date.parse(item.asOf));
    this.minutes.push(Math.round((clockSecondsOf(item.priceVersion) / 60) * 100) / 100);
    this.versions.push(item.priceVersion);
    this.stateVersions.push(item.stateVersion);
    this.latest = item;
    if (item.status === "suspended") this.failedAt.push(Date.parse(item.asOf));
    for (const market of item.markets) {
      const id = marketId(market);
      let series = this.markets.get(id);
      if (!series) this.markets.set(id, (series = { label: marketLabel(market), selections: new Map() }));
      for (const s of market.selections) {
        let line = series.selections.get(s.key);
        if (!line) series.selections.set(s.key, (line = { probability: [], odds: [] }));
        pad(line.probability, at);
        pad(line.odds, at);
        line.probability.push(round(s.probability, 5));
        line.odds.push(s.odds);
      }
    }
  }

  /**
   * The history of one market, or of the group's headline market; every series padded
   * to full length. A comparison id (`compareId`) charts the first selection of every
   * line of that key (each total's over, each handicap's home side) against each other.
   */
  view(requested?: string): MarketHistory | null {
    if (this.markets.size === 0) return null;
    const ids = byLine([...this.markets.keys()].map((id) => ({ id, ...parseMarketId(id) })));
    const lines = new Map<string, string[]>();
    for (const m of ids) if (m.line !== null) lines.set(m.key, [...(lines.get(m.key) ?? []), m.id]);
    const comparisons = [...lines.entries()].filter(([, of]) => of.length > 1);
    const base = {
      group: this.group,
      markets: [
        ...ids.map((m) => ({ id: m.id, label: this.markets.get(m.id)!.label })),
        ...comparisons.map(([key, of]) => ({ id: compareId(key), label: `Every line: ${this.compareLabel(of)}` })),
      ],
      times: [...this.times],
      minutes: [...this.minutes],
      failedAt: [...this.failedAt],
    };
    const n = this.times.length;
    const compared = comparisons.find(([key]) => compareId(key) === requested);
    if (compared) {
      const [key, of] = compared;
      return {
        ...base, market: compareId(key), label: `${this.markets.get(of[0])!.label.replace(/ [+-]?[\d.]+$/, "")}: every line`,
        selections: of.map((id) => {
          const market = this.markets.get(id)!;
          const [first, line] = [...market.selections.entries()][0];
          return { key: `${first}@${parseMarketId(id).line}`, probability: padded(line.probability, n), odds: padded(line.odds, n) };
        }),
      };
    }
    const id = requested && this.markets.has(requested) ? requested : this.headline();
    const market = this.markets.get(id)!;
    let keys = [...market.selections.keys()];
    if (this.group === "correct-score") keys = topSelections(market.selections, 6);
    return {
      ...base,
      market: id,
      label: market.label,
      selections: keys.map((key) => {
        const line = market.selections.get(key)!;
        return { key, probability: padded(line.probability, n), odds: padded(line.odds, n) };
      }),
    };
  }

  /** What a comparison charts: the first selection of each line ("Over", a side). */
  private compareLabel(ids: string[]): string {
    const first = [...this.markets.get(ids[0])!.selections.keys()][0];
    return `${this.markets.get(ids[0])!.label.replace(/ [+-]?[\d.]+$/, "")} (${first})`;
  }

  /** The index of the newest version priced at or before `ms` (epoch), or -1. */
  indexAt(ms: number): number {
    let found = -1;
    for (let lo = 0, hi = this.times.length - 1; lo <= hi;) {
      const mid = (lo + hi) >> 1;
      if (this.times[mid] <= ms) [found, lo] = [mid, mid + 1];
      else hi = mid - 1;
    }
    return found;
  }

  /**
   * The market a trader looks at first: the 2.5 total, the handicap line closest to
   * even money now, the first market of other groups.
   */
  private headline(): string {
    const ids = [...this.markets.keys()];
    if (this.group === "totals" && this.markets.has("total-goals|2.5")) return "total-goals|2.5";
    if (this.group === "handicap") {
      const last = this.times.length - 1;
      let best = ids[0], gap = Infinity;
      for (const id of ids) {
        const home = this.markets.get(id)!.selections.get("home")?.probability[last];
        if (home !== undefined && home !== null && Math.abs(home - 0.5) < gap) [best, gap] = [id, Math.abs(home - 0.5)];
      }
      return best;
    }
    return ids[0];
  }
}

const pad = (xs: Array<number | null>, length: number) => {
  while (xs.length < length) xs.push(null);
};
const padded = (xs: Array<number | null>, length: number) => {
  const out = xs.slice(0, length);
  pad(out, length);
  return out;
};
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

function topSelections(selections: Map<string, SelectionLine>, count: number): string[] {
  const peak = (line: SelectionLine) => line.probability.reduce<number>((m, p) => Math.max(m, p ?? 0), 0);
  return [...selections.entries()].sort((a, b) => peak(b[1]) - peak(a[1])).slice(0, count).map(([key]) => key);
}

/**
 * The price history of one match (every group, or one), read once and then only the
 * versions newer than the last one seen.
 */
export class MatchPriceHistory {
  readonly groups = new Map<string, GroupHistory>();
  private lastVersion: number | undefined;
  private syncing: Promise<void> | null = null;

  constructor(readonly matchId: string, readonly onlyGroup?: string) {}

  get newestVersion(): number | null {
    return this.lastVersion ?? null;
  }

  /** Reads what is new; concurrent callers share one read. */
  sync(table: PricingTable): Promise<void> {
    this.syncing ??= this.read(table).finally(() => (this.syncing = null));
    return this.syncing;
  }

  private async read(table: PricingTable): Promise<void> {
    // The groups of one version are written by one batch, not atomically: read the
    // newest version seen again in case some of its groups had not landed yet.
    const after = this.lastVersion === undefined ? undefined : this.lastVersion - 1;
    const items = await table.priceSets(this.matchId, { afterVersion: after, ...(this.onlyGroup ? { group: this.onlyGroup } : {}) });
    items.sort((a, b) => a.priceVersion - b.priceVersion);
    for (const item of items) {
      let history = this.groups.get(item.group);
      if (!history) this.groups.set(item.group, (history = new GroupHistory(item.group)));
      if (history.latest && item.priceVersion <= history.latest.priceVersion) continue;
      history.append(item);
      this.lastVersion = Math.max(this.lastVersion ?? 0, item.priceVersion);
    }
  }

  /** The newest stored price set of every group (the current ladder), newest version first. */
  latest(): PriceSetItem[] {
    return [...this.groups.values()].flatMap((g) => (g.latest ? [g.latest] : []));
  }
}

/** Keeps the full histories of the few matches looked at most recently. */
export class HistoryCache {
  private readonly entries = new Map<string, MatchPriceHistory>();

  constructor(private readonly capacity: number) {}

  /** The history of a match, of `onlyGroup` alone when given (an entry read for another group is read again). */
  get(matchId: string, onlyGroup?: string): MatchPriceHistory {
    let entry = this.entries.get(matchId);
    if (entry) this.entries.delete(matchId);
    if (!entry || entry.onlyGroup !== onlyGroup) entry = new MatchPriceHistory(matchId, onlyGroup);
    this.entries.set(matchId, entry);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return entry;
  }
}
