import type { Command } from "commander";
import { InputError } from "@pricing/core/errors";
import { numberOption } from "../../options";
import {
  FINAL_SET_RULES, offerTennisMarket, parseScore, priceMatch, serveSpreadOf, serveSumOf, solveDifference, solveFromMarket, sumSpreadOf,
  type FinalSetRule, type MatchRules, type OfferedTennisMarket, type Player, type ServeStrength,
} from "@pricing/core/sports/tennis/index";

export interface TennisPriceOptions {
  serveA?: string;
  serveB?: string;
  matchProb?: string;
  surface: string;
  tour: string;
  serveSum?: string;
  spread?: string;
  totalGamesLine?: string;
  overProb?: string;
  bestOf: string;
  finalSet: string;
  /** false with --no-ad. */
  ad?: boolean;
  firstServer?: string;
  score?: string;
  server?: string;
  margin?: string;
  json?: boolean;
}

const CODE = "price.invalid_option";
/** The book margin of every tennis market unless --margin says otherwise: football's 1X2 target. */
const TENNIS_MARGIN = 0.05;

function player(name: string, text: string): Player {
  if (text !== "a" && text !== "b") throw new InputError(CODE, `--${name} must be a or b, got "${text}"`);
  return text;
}

function rulesOf(options: TennisPriceOptions): MatchRules {
  const bestOf = Number(options.bestOf);
  if (bestOf !== 3 && bestOf !== 5) throw new InputError(CODE, `--best-of must be 3 or 5, got "${options.bestOf}"`);
  if (!FINAL_SET_RULES.includes(options.finalSet as FinalSetRule)) {
    throw new InputError(CODE, `--final-set must be one of ${FINAL_SET_RULES.join(", ")}, got "${options.finalSet}"`);
  }
  return { bestOf, finalSet: options.finalSet as FinalSetRule, noAd: options.ad === false };
}

/** Serve strength from two serve probabilities (plain iid unless --spread) or from a match probability (with the tour's spread). */
function strengthOf(options: TennisPriceOptions, rules: MatchRules, firstServer?: Player): ServeStrength {
  const given = (name: string, text: string | undefined) => (text === undefined ? undefined : numberOption(CODE, name, text));
  const serveA = given("serve-a", options.serveA), serveB = given("serve-b", options.serveB);
  const matchProb = given("match-prob", options.matchProb);
  if (serveA !== undefined && serveB !== undefined) {
    for (const [name, p] of [["serve-a", serveA], ["serve-b", serveB]] as const) {
      if (!(p > 0 && p < 1)) throw new InputError(CODE, `--${name} must be a probability in (0, 1), got ${p}`);
    }
    return { sum: serveA + serveB, difference: serveA - serveB, spread: given("spread", options.spread) ?? 0 };
  }
  if (matchProb === undefined) throw new InputError("price.missing_option", "give --serve-a and --serve-b, or --match-prob");
  const spread = given("spread", options.spread) ?? serveSpreadOf(options.tour);
  const line = given("total-games-line", options.totalGamesLine), over = given("over-prob", options.overProb);
  if ((line === undefined) !== (over === undefined)) throw new InputError("price.missing_option", "--total-games-line and --over-prob go together");
  if (line !== undefined && over !== undefined) return solveFromMarket(matchProb, { line, over }, spread, rules, firstServer, sumSpreadOf(options.tour));
  const sum = given("serve-sum", options.serveSum) ?? serveSumOf(options.tour, options.surface);
  return solveDifference(matchProb, sum, spread, rules, firstServer, 0, sumSpreadOf(options.tour));
}

function fixed(x: number | null, digits: number): string {
  return x === null ? "-" : x.toFixed(digits);
}

function printTable(inputs: Record<string, unknown>, markets: OfferedTennisMarket[]): void {
  console.log(Object.entries(inputs).map(([k, v]) => `${k} ${typeof v === "object" ? JSON.stringify(v) : v}`).join("  "));
  let group = "";
  for (const m of markets) {
    if (m.group !== group) {
      group = m.group;
      console.log(`\n${group}`);
      console.log(`  ${"market".padEnd(26)}${"selection".padEnd(12)}${"win".padStart(9)}${"push".padStart(9)}${"fair".padStart(10)}${"odds".padStart(9)}`);
    }
    const label = m.key + (m.line !== null ? ` ${m.line > 0 && m.group.endsWith("handicap") ? "+" : ""}${m.line}` : "");
    m.selections.forEach((s, k) => {
      const odds = s.outcome ? s.outcome : fixed(s.odds, 2);
      console.log(`  ${(k === 0 ? label : "").padEnd(26)}${s.key.padEnd(12)}${s.probability.toFixed(4).padStart(9)}${s.push.toFixed(4).padStart(9)}${fixed(s.fairOdds, 3).padStart(10)}${odds.padStart(9)}`);
    });
  }
}

/** `pricing price --sport tennis`: every tennis market of one match, pre-match or in play. */
export function tennisPriceAction(options: TennisPriceOptions): void {
  const margin = options.margin === undefined ? TENNIS_MARGIN : numberOption(CODE, "margin", options.margin);
  const rules = rulesOf(options);
  const firstServer = options.firstServer === undefined ? undefined : player("first-server", options.firstServer);
  if (options.score !== undefined && options.server === undefined) throw new InputError("price.missing_option", "--score needs --server a|b (who serves the game in progress)");
  const score = options.score === undefined ? undefined : parseScore(options.score, player("server", options.server!), rules);
  const strength = strengthOf(options, rules, firstServer);
  const markets = priceMatch({ strength, rules, score, firstServer }).map((m) => offerTennisMarket(m, margin));
  const pA = (strength.sum + strength.difference) / 2, pB = (strength.sum - strength.difference) / 2;
  const inputs: Record<string, unknown> = { sport: "tennis", serveA: pA, serveB: pB, spread: strength.spread, ...rules, firstServer: firstServer ?? null, margin };
  if (options.matchProb !== undefined) Object.assign(inputs, { matchProb: Number(options.matchProb), tour: options.tour, surface: options.surface });
  if (score) Object.assign(inputs, { score: options.score, server: score.current.server });
  if (options.json) console.log(JSON.stringify({ inputs, markets }));
  else printTable(inputs, markets);
}

/** The tennis options of `pricing price` (football's --margin, --score and --json are shared). */
export function addTennisPriceOptions(command: Command): Command {
  return command
    .option("--serve-a <p>", "tennis: player A's probability of winning a point on serve, e.g. 0.66")
    .option("--serve-b <p>", "tennis: player B's probability of winning a point on serve, e.g. 0.62")
    .option("--match-prob <p>", "tennis: A's match-win probability (ratings or market), instead of --serve-a/--serve-b")
    .option("--tour <tour>", "tennis: ATP | WTA, for the serve-strength sum and spread with --match-prob", "ATP")
    .option("--surface <surface>", "tennis: Hard | Clay | Grass | Carpet, with --match-prob", "Hard")
    .option("--serve-sum <sum>", "tennis: pA + pB with --match-prob (default: the tour's on the surface)")
    .option("--total-games-line <games>", "tennis: with --match-prob and --over-prob, the market's total-games line (solves the serve-strength sum)")
    .option("--over-prob <p>", "tennis: the market's de-margined probability of over --total-games-line")
    .option("--spread <sd>", "tennis: standard deviation of pA - pB from match to match (default 0 with serve probabilities, the tour's with --match-prob)")
    .option("--best-of <n>", "tennis: 3 or 5", "3")
    .option("--final-set <rule>", `tennis: ${FINAL_SET_RULES.join(" | ")}`, "tiebreak7")
    .option("--no-ad", "tennis: no-ad games (the point at deuce decides)")
    .option("--first-server <player>", "tennis: a | b before the first point (default: a coin toss)")
    .option("--server <player>", 'tennis: a | b, who serves the game in progress with --score "6-4 3-2 30-15"');
}
