import { join } from "node:path";
import type { Command } from "commander";
import { InputError } from "@pricing/core/errors";
import { DEFAULT_PARAMS } from "@pricing/core/sports/football/backtest/params";
import { removeMargin } from "@pricing/core/margin/remove";
import type { OfferedMarket } from "@pricing/core/margin/offer";
import { offerMarket } from "@pricing/core/sports/football/offer";
import { priceAll } from "@pricing/core/sports/football/markets/derive";
import { expectedGoals as marketExpectedGoals, marketStrength } from "@pricing/core/sports/football/strength";
import { closingMatchOdds, closingOverUnder25, type FootballDataMatch } from "@pricing/core/sports/football/models/csv";
import { pricingState } from "@pricing/core/sports/football/models/inplay";
import { behindClosedDoors, expectedGoals, fitRatings, type Ratings } from "@pricing/core/sports/football/models/ratings";
import { DATA_DIR, readFootballData } from "../files";

const DEFAULT_FILES = ["E0_2021.csv", "E0_2122.csv"].map((f) => join(DATA_DIR, "football-data", f));

interface FixturesOptions {
  date?: string;
  margin: string;
  json?: boolean;
}

interface PricedFixture {
  date: string;
  homeTeam: string;
  awayTeam: string;
  /** Where the expected goals came from: the ratings, Pinnacle's closing prices, or nowhere. */
  source: "ratings" | "market" | "not rated";
  /** Why a fixture is not priced from the ratings. */
  reason?: string;
  expectedGoals: { home: number; away: number } | null;
  /** Pinnacle's closing 1X2, de-margined with Shin, for comparison. */
  pinnacle: number[] | null;
  result: string;
  markets: OfferedMarket[];
}

/** The fixtures of one match day and the matches before it, from the given files. */
function roundOf(matches: FootballDataMatch[], date: string | undefined) {
  const dates = [...new Set(matches.map((m) => m.date))].sort();
  const day = date ?? dates[dates.length - 1];
  const fixtures = matches.filter((m) => m.date === day);
  if (fixtures.length === 0) {
    throw new InputError("fixtures.no_matches", `no fixtures on ${day}; the files cover ${dates[0]} to ${dates[dates.length - 1]}`);
  }
  return { day, fixtures, history: matches.filter((m) => m.date < day) };
}

/** Matches each team played in the fit window (the backtest's minimum-history count). */
function teamMatches(history: FootballDataMatch[], day: string, windowDays: number): Map<string, number> {
  const since = new Date(Date.parse(`${day}T00:00:00Z`) - windowDays * 86_400_000).toISOString().slice(0, 10);
  const counts = new Map<string, number>();
  for (const m of history) {
    if (m.date < since) continue;
    for (const team of [m.homeTeam, m.awayTeam]) counts.set(team, (counts.get(team) ?? 0) + 1);
  }
  return counts;
}

/**
 * Expected goals for one fixture: from the ratings once both sides have the backtest's
 * minimum history; otherwise from Pinnacle's closing prices through the live engine's
 * market path; otherwise none, with the reason.
 */
function strengthOf(m: FootballDataMatch, ratings: Ratings | null, played: Map<string, number>) {
  const { minTeamMatches } = DEFAULT_PARAMS.walkForward;
  const short = [m.homeTeam, m.awayTeam].filter((t) => !ratings?.teams[t] || (played.get(t) ?? 0) < minTeamMatches);
  if (ratings && short.length === 0) {
    return { source: "ratings" as const, xg: expectedGoals(ratings, m.homeTeam, m.awayTeam, false, behindClosedDoors(m.date)) };
  }
  const reason = `${short.map((t) => `${t} has ${played.get(t) ?? 0}`).join(", ")} of the ${minTeamMatches} matches a rating needs`;
  const closing = closingMatchOdds(m), ou = closingOverUnder25(m);
  if (!closing) return { source: "not rated" as const, reason: `${reason}, and no market prices`, xg: null };
  const odds = { matchResult: { home: closing[0], draw: closing[1], away: closing[2] }, ...(ou ? { overUnder25: { over: ou[0], under: ou[1] } } : {}) };
  return { source: "market" as const, reason: `${reason}: priced from Pinnacle's closing prices`, xg: marketExpectedGoals(marketStrength("pinnacle", odds)) };
}

function priceFixtures(files: string[], options: FixturesOptions): PricedFixture[] {
  const margin = Number(options.margin);
  if (!(margin >= 0 && margin < 1)) throw new InputError("fixtures.invalid_option", `--margin must be in [0, 1), got "${options.margin}"`);
  const { day, fixtures, history } = roundOf(files.map(readFootballData).flatMap((s) => s.matches), options.date);
  const { model, xi, ridge, windowDays } = DEFAULT_PARAMS.walkForward;
  const ratings = history.length > 0 ? fitRatings(history, { model, xi, ridge }) : null;
  const played = teamMatches(history, day, windowDays);
  return fixtures.map((m) => {
    const { source, reason, xg } = strengthOf(m, ratings, played);
    const closing = closingMatchOdds(m);
    const markets = xg
      ? priceAll(pricingState({ ...xg, period: "PRE", minute: 0, score: { home: 0, away: 0 }, redCards: { home: 0, away: 0 } })).map((market) => offerMarket(market, margin))
      : [];
    return {
      date: day,
      homeTeam: m.homeTeam,
      awayTeam: m.awayTeam,
      source,
      ...(reason ? { reason } : {}),
      expectedGoals: xg && { home: xg.homeXg, away: xg.awayXg },
      pinnacle: closing ? removeMargin(closing, "shin").probabilities : null,
      result: `${m.homeGoals}-${m.awayGoals}`,
      markets,
    };
  });
}

const odds = (x: number | null | undefined) => (x == null ? "-" : x.toFixed(2)).padStart(6);

function selectionsOf(f: PricedFixture, key: string, line: number | null = null) {
  return f.markets.find((m) => m.key === key && m.line === line)?.selections ?? [];
}

function printTable(fixtures: PricedFixture[]): void {
  console.log(`Premier League, ${fixtures[0].date}: ratings fitted on every earlier match; offered odds with the margin, fair win probability in brackets\n`);
  console.log(`${"fixture".padEnd(34)}${"xG".padEnd(11)}${"1".padStart(6)}${"X".padStart(6)}${"2".padStart(6)}  ${"O2.5".padStart(6)}${"U2.5".padStart(6)}  ${"BTTS".padStart(6)}  pinnacle 1X2 (Shin)   result`);
  for (const f of fixtures) {
    if (!f.expectedGoals) {
      console.log(`${`${f.homeTeam} v ${f.awayTeam}`.padEnd(34)}not rated: ${f.reason}`);
      continue;
    }
    const [h, d, a] = selectionsOf(f, "1x2");
    const [over, under] = selectionsOf(f, "total-goals", 2.5);
    const [yes] = selectionsOf(f, "btts");
    const pin = f.pinnacle ? f.pinnacle.map((p) => p.toFixed(3)).join(" ") : "-";
    console.log(
      `${`${f.homeTeam} v ${f.awayTeam}`.padEnd(34)}${`${f.expectedGoals.home.toFixed(2)}-${f.expectedGoals.away.toFixed(2)}`.padEnd(11)}` +
        `${odds(h.odds)}${odds(d.odds)}${odds(a.odds)}  ${odds(over.odds)}${odds(under.odds)}  ${odds(yes.odds)}  ` +
        `${`(${h.probability.toFixed(3)} ${d.probability.toFixed(3)} ${a.probability.toFixed(3)})`.padEnd(22)}${pin.padEnd(22)}${f.result}${f.source === "market" ? "  (market)" : ""}`,
    );
  }
  const priced = fixtures.find((f) => f.markets.length > 0);
  const count = priced ? priced.markets.reduce((n, m) => n + m.selections.length, 0) : 0;
  console.log(`\n${fixtures.length} fixtures, ${priced?.markets.length ?? 0} markets and ${count} selections each; --json prints them all.`);
  for (const f of fixtures.filter((x) => x.source === "market")) console.log(`${f.homeTeam} v ${f.awayTeam} (market): ${f.reason}`);
}

/** `pricing fixtures`: fit ratings on bundled results and price a real round of fixtures. */
export function registerFixtures(program: Command): void {
  program
    .command("fixtures")
    .description("Fit ratings on real results and price every market of a real round of fixtures (default: the last round of the bundled 2021/22 Premier League); a side with under 10 matches of history is priced from Pinnacle's closing prices, or reported as not rated.")
    .argument("[files...]", "football-data.co.uk CSV files (default: the bundled EPL 2020/21 and 2021/22)")
    .option("--date <yyyy-mm-dd>", "the match day to price (default: the last one in the files)")
    .option("--margin <fraction>", "target margin on offered odds", "0.05")
    .option("--json", "print every market of every fixture as JSON")
    .action((files: string[], options: FixturesOptions) => {
      const fixtures = priceFixtures(files.length ? files : DEFAULT_FILES, options);
      if (options.json) console.log(JSON.stringify({ fixtures }));
      else printTable(fixtures);
    });
}
