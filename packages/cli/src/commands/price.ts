import type { Command } from "commander";
import { InputError } from "@pricing/core/errors";
import { numberOption } from "../options";
import type { OfferedMarket } from "@pricing/core/margin/offer";
import { offerMarket } from "@pricing/core/sports/football/offer";
import { priceAll } from "@pricing/core/sports/football/markets/derive";
import type { Score } from "@pricing/core/markets/types";
import { expectedGoals, marketStrength } from "@pricing/core/sports/football/strength";
import { pricingState } from "@pricing/core/sports/football/models/inplay";
import { PERIODS, type MatchSituation, type Period } from "@pricing/core/sports/football/models/situation";
import { addTennisPriceOptions, tennisPriceAction, type TennisPriceOptions } from "./tennis/price";

interface PriceOptions {
  homeXg?: string;
  awayXg?: string;
  rho?: string;
  odds1x2?: string;
  oddsOu25?: string;
  addedTime?: string;
  margin?: string;
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

/**
 * Without --period a minute names its half only when one half can be meant: before 45
 * the first, past 60 (longer than any first half) the second. 45 to 60 is first-half
 * stoppage or the second half: --period must say which.
 */
function periodOf(options: PriceOptions, minute: number): Period {
  if (options.period === undefined) {
    if (options.minute === undefined) return "PRE";
    if (minute < 45) return "1H";
    if (minute > 60) return "2H";
    throw new InputError("price.ambiguous_period", `--minute ${options.minute} is first-half stoppage time or the second half: give --period 1H or --period 2H`);
  }
  const period = options.period.toUpperCase() as Period;
  if (!PERIODS.includes(period)) {
    throw new InputError("price.invalid_option", `--period must be one of ${PERIODS.join(", ")}, got "${options.period}"`);
  }
  return period;
}

function oddsOption(name: string, text: string, count: number): number[] {
  const odds = text.split(",").map((x) => numberOption("price.invalid_option", name, x));
  if (odds.length !== count || !odds.every((o) => o > 1)) {
    throw new InputError("price.invalid_option", `--${name} must be ${count} decimal odds above 1 separated by commas, got "${text}"`);
  }
  return odds;
}

/**
 * Whole-match expected goals and rho: given, or from market odds through the engine's
 * own path (Shin de-margining, then the market inversion), as a `Market Prices
 * Observed` event would set them.
 */
function strengthOf(options: PriceOptions): { homeXg: number; awayXg: number; rho: number } {
  if (options.odds1x2 === undefined) {
    if (options.oddsOu25 !== undefined) throw new InputError("price.invalid_option", "--odds-ou25 needs --odds-1x2 as well");
    if (options.homeXg === undefined || options.awayXg === undefined) {
      throw new InputError("price.invalid_option", "give --home-xg and --away-xg, or market odds with --odds-1x2 (and --odds-ou25)");
    }
    return {
      homeXg: numberOption("price.invalid_option", "home-xg", options.homeXg),
      awayXg: numberOption("price.invalid_option", "away-xg", options.awayXg),
      rho: numberOption("price.invalid_option", "rho", options.rho ?? "0"),
    };
  }
  if (options.homeXg !== undefined || options.awayXg !== undefined || options.rho !== undefined) {
    throw new InputError("price.invalid_option", "give either market odds (--odds-1x2) or expected goals (--home-xg, --away-xg, --rho), not both");
  }
  const [home, draw, away] = oddsOption("odds-1x2", options.odds1x2, 3);
  const ou = options.oddsOu25 === undefined ? undefined : oddsOption("odds-ou25", options.oddsOu25, 2);
  return expectedGoals(marketStrength("cli", { matchResult: { home, draw, away }, ...(ou ? { overUnder25: { over: ou[0], under: ou[1] } } : {}) }));
}

/** The match situation the options describe; pre-match unless in-play options are given. */
function situationOf(options: PriceOptions): MatchSituation {
  const minute = options.minute === undefined ? 0 : numberOption("price.invalid_option", "minute", options.minute);
  const period = periodOf(options, minute);
  const situation: MatchSituation = {
    ...strengthOf(options),
    period,
    minute,
    score: options.score === undefined ? { home: 0, away: 0 } : scoreOption("score", options.score),
    redCards: { home: numberOption("price.invalid_option", "red-home", options.redHome), away: numberOption("price.invalid_option", "red-away", options.redAway) },
  };
  if (options.htScore !== undefined) situation.halfTimeScore = scoreOption("ht-score", options.htScore);
  if (options.addedTime !== undefined) {
    if (period !== "1H" && period !== "2H") throw new InputError("price.invalid_option", `--added-time is the added time of the half being played; there is none in ${period}`);
    situation.addedTime = numberOption("price.invalid_option", "added-time", options.addedTime);
  }
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
    const rest = m.basis === "rest" && m.from ? ` rest@${m.from.home}-${m.from.away}` : "";
    const label = m.key + (m.line !== null ? ` ${m.line > 0 && m.key === "asian-handicap" ? "+" : ""}${m.line}${rest}` : m.goal ? ` (goal ${m.goal})` : "");
    m.selections.forEach((s, k) => {
      const odds = s.outcome ? s.outcome : m.status === "suspended" ? "susp" : fixed(s.odds, 2);
      console.log(
        `  ${(k === 0 ? label : "").padEnd(22)}${s.key.padEnd(12)}${s.probability.toFixed(4).padStart(9)}${s.push.toFixed(4).padStart(9)}${fixed(s.fairOdds, 3).padStart(10)}${odds.padStart(9)}`,
      );
    });
  }
}

function priceAction(options: PriceOptions & TennisPriceOptions & { sport: string }): void {
  if (options.sport === "tennis") return tennisPriceAction(options);
  const margin = options.margin === undefined ? undefined : numberOption("price.invalid_option", "margin", options.margin);
  const situation = situationOf(options);
  const inPlay = situation.period !== "PRE";
  const notes: string[] = [];
  let priced = situation;
  const needsHalfTime = situation.period === "2H" || situation.period === "END";
  if (needsHalfTime && !situation.halfTimeScore) {
    // Full-time markets do not depend on the half-time score; half-time markets are left out.
    priced = { ...situation, halfTimeScore: { home: 0, away: 0 } };
    notes.push("half-time markets are left out: give --ht-score to settle them after half time");
  }
  const markets = priceAll({ ...pricingState(priced), inPlay })
    .filter((m) => !(priced !== situation && m.group === "half-time"))
    .map((m) => offerMarket(m, { margin, inPlay }));
  const { homeXg, awayXg, rho, period, minute, score, redCards } = situation;
  const inputs: Record<string, unknown> = { homeXg, awayXg, rho, margin: margin ?? "per group", period };
  if (options.odds1x2 !== undefined) inputs.odds = { matchResult: options.odds1x2, overUnder25: options.oddsOu25 ?? null };
  if (period !== "PRE") Object.assign(inputs, { minute, score, halfTimeScore: situation.halfTimeScore ?? null, redCards });
  if (situation.addedTime !== undefined) inputs.addedTime = situation.addedTime;
  if (options.json) {
    console.log(JSON.stringify(notes.length ? { inputs, notes, markets } : { inputs, markets }));
    return;
  }
  printTable(inputs, markets, notes);
}

/** `pricing price`: every market of one match from expected goals or market odds, pre-match or in play. */
export function registerPrice(program: Command): void {
  const command = program
    .command("price")
    .description("Price every market of one match from each side's expected goals (Dixon-Coles) or from market odds, pre-match or in play.")
    .option("--sport <sport>", "football | tennis", "football")
    .option("--home-xg <goals>", "home side's expected goals for the match, e.g. 2.117914")
    .option("--away-xg <goals>", "away side's expected goals for the match, e.g. 1.025718")
    .option("--rho <rho>", "Dixon-Coles low-score dependence (default 0, independent Poisson)")
    .option("--odds-1x2 <h,d,a>", "market 1X2 odds instead of expected goals, e.g. 2.10,3.40,3.60: de-margined (Shin) and inverted as the live engine does")
    .option("--odds-ou25 <over,under>", "market over/under 2.5 odds with --odds-1x2, e.g. 1.95,1.90: rho is solved as well")
    .option("--margin <fraction>", "one target margin for every market, e.g. 0.05 for 5% (default: football each group's target, 5% for 1X2 to 18% for correct score; tennis 5%)")
    .option("--period <period>", `match period: ${PERIODS.join(" | ")} (default PRE; from --minute below 45 1H, above 60 2H; required for minutes 45-60)`)
    .option("--minute <minute>", "match minute in play (1H 0-60, 2H 45-110, stoppage time included)")
    .option("--added-time <minutes>", "added time announced for the half being played (bounds it: no goals expected past the board plus 1.5 minutes)")
    .option("--score <h-a>", "score now, e.g. 1-0")
    .option("--ht-score <h-a>", "half-time score, needed in 2H and END for the half-time markets")
    .option("--red-home <n>", "red cards shown to the home side", "0")
    .option("--red-away <n>", "red cards shown to the away side", "0")
    .option("--json", 'print JSON: {"inputs": {...}, "markets": [{"group", "key", "line", "status", "basis", "from", "selections": [{"key", "probability", "push", "fairOdds", "odds"}]}]}')
    .action(priceAction);
  addTennisPriceOptions(command);
}
