import { join } from "node:path";
import type { Command } from "commander";
import { InputError } from "@pricing/core/errors";
import { DEFAULT_PARAMS } from "@pricing/core/backtest/params";
import { removeMargin } from "@pricing/core/margin/remove";
import { offerMarket, type OfferedMarket } from "@pricing/core/margin/offer";
import { priceAll } from "@pricing/core/markets/derive";
import { closingMatchOdds, type FootballDataMatch } from "@pricing/core/models/football/csv";
import { pricingState } from "@pricing/core/models/football/inplay";
import { expectedGoals, fitRatings } from "@pricing/core/models/football/ratings";
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
  expectedGoals: { home: number; away: number };
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

function priceFixtures(files: string[], options: FixturesOptions): PricedFixture[] {
  const margin = Number(options.margin);
  if (!(margin >= 0 && margin < 1)) throw new InputError("fixtures.invalid_option", `--margin must be in [0, 1), got "${options.margin}"`);
  const { day, fixtures, history } = roundOf(files.map(readFootballData).flatMap((s) => s.matches), options.date);
  const { model, xi, ridge } = DEFAULT_PARAMS.walkForward;
  const ratings = fitRatings(history, { model, xi, ridge });
  return fixtures.map((m) => {
    const xg = expectedGoals(ratings, m.homeTeam, m.awayTeam);
    const state = pricingState({ ...xg, period: "PRE", minute: 0, score: { home: 0, away: 0 }, redCards: { home: 0, away: 0 } });
    const closing = closingMatchOdds(m);
    return {
      date: day,
      homeTeam: m.homeTeam,
      awayTeam: m.awayTeam,
      expectedGoals: { home: xg.homeXg, away: xg.awayXg },
      pinnacle: closing ? removeMargin(closing, "shin").probabilities : null,
      result: `${m.homeGoals}-${m.awayGoals}`,
      markets: priceAll(state).map((market) => offerMarket(market, margin)),
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
    const [h, d, a] = selectionsOf(f, "1x2");
    const [over, under] = selectionsOf(f, "total-goals", 2.5);
    const [yes] = selectionsOf(f, "btts");
    const pin = f.pinnacle ? f.pinnacle.map((p) => p.toFixed(3)).join(" ") : "-";
    console.log(
      `${`${f.homeTeam} v ${f.awayTeam}`.padEnd(34)}${`${f.expectedGoals.home.toFixed(2)}-${f.expectedGoals.away.toFixed(2)}`.padEnd(11)}` +
        `${odds(h.odds)}${odds(d.odds)}${odds(a.odds)}  ${odds(over.odds)}${odds(under.odds)}  ${odds(yes.odds)}  ` +
        `${`(${h.probability.toFixed(3)} ${d.probability.toFixed(3)} ${a.probability.toFixed(3)})`.padEnd(22)}${pin.padEnd(22)}${f.result}`,
    );
  }
  const count = fixtures[0].markets.reduce((n, m) => n + m.selections.length, 0);
  console.log(`\n${fixtures.length} fixtures, ${fixtures[0].markets.length} markets and ${count} selections each; --json prints them all.`);
}

/** `pricing fixtures`: fit ratings on bundled results and price a real round of fixtures. */
export function registerFixtures(program: Command): void {
  program
    .command("fixtures")
    .description("Fit ratings on real results and price every market of a real round of fixtures (default: the last round of the bundled 2021/22 Premier League).")
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
