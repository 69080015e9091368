import { newRatingBook, rateMatch, RATING_PARAMS, type RatingBook, type TennisDataMatch } from "@pricing/core/sports/tennis/index";
import { readTennisSeason } from "./files";

export interface TennisFitOptions {
  json?: boolean;
}

interface PlayerRow {
  player: string;
  matches: number;
  elo: number;
  surface: Record<string, number>;
  /** Null until the player has a match with Pinnacle odds. */
  market: number | null;
  surfaceMarket: Record<string, number>;
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;
const roundAll = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, round(v)]));

function rows(book: RatingBook): PlayerRow[] {
  return [...book.players.entries()]
    .map(([player, p]) => ({ player, matches: p.matches, elo: round(p.elo), surface: roundAll(p.surface), market: p.marketMatches ? round(p.market) : null, surfaceMarket: roundAll(p.surfaceMarket) }))
    .sort((a, b) => (b.market ?? -Infinity) - (a.market ?? -Infinity));
}

/** `pricing fit --sport tennis`: ratings of every player, walked forward through the files in date order. */
export function tennisFitAction(files: string[], options: TennisFitOptions): void {
  const seasons = files.map(readTennisSeason);
  for (const s of seasons) for (const r of s.rejects.slice(0, 5)) console.error(`pricing: skipped ${s.file} line ${r.line}: ${r.reason}`);
  const matches: TennisDataMatch[] = seasons.flatMap((s) => s.matches).sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
  const books = new Map<string, RatingBook>();
  for (const m of matches) {
    let book = books.get(m.tour);
    if (!book) { book = newRatingBook(RATING_PARAMS[m.tour]); books.set(m.tour, book); }
    rateMatch(book, m);
  }
  const rejected: Record<string, number> = {};
  for (const s of seasons) for (const [reason, n] of Object.entries(s.rejectCounts)) rejected[reason] = (rejected[reason] ?? 0) + n;
  const tours = Object.fromEntries([...books.entries()].map(([tour, book]) => [tour, { matches: book.matches, asOf: book.lastDate, params: book.params, players: rows(book) }]));
  if (options.json) {
    console.log(JSON.stringify({ sport: "tennis", rejected, tours }));
    return;
  }
  for (const [tour, t] of Object.entries(tours)) {
    console.log(`${tour}: ${t.matches} matches up to ${t.asOf}`);
    console.log(`  ${"player".padEnd(24)}${"market".padStart(9)}${"elo".padStart(9)}${"matches".padStart(9)}`);
    for (const r of t.players.slice(0, 30)) console.log(`  ${r.player.padEnd(24)}${(r.market === null ? "-" : r.market.toFixed(3)).padStart(9)}${r.elo.toFixed(3).padStart(9)}${String(r.matches).padStart(9)}`);
  }
  if (Object.keys(rejected).length) console.log(`rejected rows: ${JSON.stringify(rejected)}`);
}
