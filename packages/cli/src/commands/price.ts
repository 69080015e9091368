import type { Command } from "commander";
import { InputError } from "@pricing/core/errors";
import { numberOption } from "../options";
import { offerMarket, type OfferedMarket } from "@pricing/core/margin/offer";
import { priceAll } from "@pricing/core/markets/derive";
import type { Score } from "@pricing/core/markets/types";
import { pricingState } from "@pricing/core/models/football/inplay";
import { PERIODS, type MatchSituation, type Period } from "@pricing/core/models/football/situation";
import { addTennisPriceOptions, tennisPriceAction, type TennisPriceOptions } from "./tennis/price";

interface PriceOptions {
  homeXg: string;
  awayXg: string;
  rho: string;
  margin: string;
  minute?: string;
  score?: string;
  htScore?: string;
  redHome: string;
  redAway: string;
  period?: string;
  json?: boolean;
}

function scoreOption(name: string, text: string): Score {
  const match = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(text);
  if (!match) throw new InputError("price.invalid_option", `--${name} must be a score like 1-0, got "${text}"`);
  return { home: Number(match[1]), away: Number(match[2]) };
}

function periodOf(options: PriceOptions, minute: number): Period {
  if (options.period === undefined) {
    if (options.minute === undefined) return "PRE";
    return minute <= 45 ? "1H" : "2H";
  }
  const period = options.period.toUpperCase() as Period;
  if (!PERIODS.includes(period)) {
    throw new InputError("price.invalid_option", `--period must be one of ${PERIODS.join(", ")}, got "${options.period}"`);
  }
  return period;
}

/** The match situation the options describe; pre-match unless in-play options are given. */
function situationOf(options: PriceOptions): MatchSituation {
  const minute = options.minute === undefined ? 0 : numberOption("price.invalid_option", "minute", options.minute);
  const period = periodOf(options, minute);
  const situation: MatchSituation = {
    homeXg: numberOption("price.invalid_option", "home-xg", options.homeXg),
    awayXg: numberOption("price.invalid_option", "away-xg", options.awayXg),
    rho: numberOption("price.invalid_option", "rho", options.rho),
    period,
    minute,
    score: options.score === undefined ? { home: 0, away: 0 } : scoreOption("score", options.score),
    redCards: { home: numberOption("price.invalid_option", "red-home", options.redHome), away: numberOption("price.invalid_option", "red-away", options.redAway) },
  };
  if (options.htScore !== undefined) situation.halfTimeScore = scoreOption("ht-score", options.htScore);
  return situation;
}

function fixed(x: number | null, digits: number): string {
  return x === null ? "-" : x.toFixed(digits);
}

function printTable(inputs: Record<string, unknown>, markets: OfferedMarket[], notes: string[]): void {
  console.log(Object.entries(inputs).map(([k, v]) => `${k} ${typeof v === "object" ? JSON.stringify(v) : v}`).join("  "));
  for (const note of notes) console.log(`note: ${note}`);
  let group = "";
  for (const m of markets) {
    if (m.group !== group) {
      group = m.group;
      console.log(`\n${group}`);
      console.log(`  ${"market".padEnd(22)}${"selection".padEnd(12)}${"win".padStart(9)}${"push".padStart(9)}${"fair".padStart(10)}${"odds".padStart(9)}`);
    }
    const label = m.key + (m.line !== null ? ` ${m.line > 0 && m.key === "asian-handicap" ? "+" : ""}${m.line}` : m.goal ? ` (goal ${m.goal})` : "");
    m.selections.forEach((s, k) => {
      const odds = s.outcome ? s.outcome : fixed(s.odds, 2);
      console.log(
        `  ${(k === 0 ? label : "").padEnd(22)}${s.key.padEnd(12)}${s.probability.toFixed(4).padStart(9)}${s.push.toFixed(4).padStart(9)}${fixed(s.fairOdds, 3).padStart(10)}${odds.padStart(9)}`,
      );
    });
  }
}

function priceAction(options: PriceOptions & TennisPriceOptions & { sport: string }): void {
  if (options.sport === "tennis") return tennisPriceAction(options);
  if (options.homeXg === undefined || options.awayXg === undefined) throw new InputError("price.missing_option", "football needs --home-xg and --away-xg");
  const margin = numberOption("price.invalid_option", "margin", options.margin);
  const situation = situationOf(options);
  const notes: string[] = [];
  let priced = situation;
  const needsHalfTime = situation.period === "2H" || situation.period === "END";
  if (needsHalfTime && !situation.halfTimeScore) {
    // Full-time markets do not depend on the half-time score; half-time markets are left out.
    priced = { ...situation, halfTimeScore: { home: 0, away: 0 } };
    notes.push("half-time markets are left out: give --ht-score to settle them after half time");
  }
  const markets = priceAll(pricingState(priced))
    .filter((m) => !(priced !== situation && m.group === "half-time"))
    .map((m) => offerMarket(m, margin));
  const { homeXg, awayXg, rho, period, minute, score, redCards } = situation;
  const inputs: Record<string, unknown> = { homeXg, awayXg, rho, margin, period };
  if (period !== "PRE") Object.assign(inputs, { minute, score, halfTimeScore: situation.halfTimeScore ?? null, redCards });
  if (options.json) {
    console.log(JSON.stringify(notes.length ? { inputs, notes, markets } : { inputs, markets }));
    return;
  }
  printTable(inputs, markets, notes);
}

/** `pricing price`: every market of one match from expected goals, pre-match or in play. */
export function registerPrice(program: Command): void {
  const command = program
    .command("price")
    .description("Price every market of one match from each side's expected goals (Dixon-Coles), pre-match or in play.")
    .option("--sport <sport>", "football | tennis", "football")
    .option("--home-xg <goals>", "home side's expected goals for the match, e.g. 2.117914")
    .option("--away-xg <goals>", "away side's expected goals for the match, e.g. 1.025718")
    .option("--rho <rho>", "Dixon-Coles low-score dependence (0 for independent Poisson)", "0")
    .option("--margin <fraction>", "target margin on offered odds, e.g. 0.05 for 5%; 0 offers fair odds rounded down to the ladder", "0")
    .option("--period <period>", `match period: ${PERIODS.join(" | ")} (default PRE, or 1H/2H from --minute)`)
    .option("--minute <minute>", "match minute in play (1H 0-60, 2H 45-110, stoppage time included)")
    .option("--score <h-a>", "score now, e.g. 1-0")
    .option("--ht-score <h-a>", "half-time score, needed in 2H and END for the half-time markets")
    .option("--red-home <n>", "red cards shown to the home side", "0")
    .option("--red-away <n>", "red cards shown to the away side", "0")
    .option("--json", 'print JSON: {"inputs": {...}, "markets": [{"group", "key", "line", "status", "selections": [{"key", "probability", "push", "fairOdds", "odds"}]}]}')
    .action(priceAction);
  addTennisPriceOptions(command);
}
