import { join } from "node:path";
import type { Command } from "commander";
import { InputError } from "@pricing/core/errors";
import { sportFeed as footballFeed } from "@pricing/core/sports/football/replay/index";
import { sportFeed as tennisFeed } from "@pricing/core/sports/tennis/replay/index";
import { mixedDay, type SportDay } from "@pricing/replay/mixed";
import { readTennisSeason } from "./tennis/files";
import { replayProgress } from "@pricing/replay/progress";
import { mountConsole } from "@pricing/console/server/mount";
import { DEFAULT_MATCHES, DEFAULT_SPEED, replayMatchDay } from "@pricing/replay/replay";
import { formatSummary } from "@pricing/replay/summary";
import type { LocalCloud } from "@pricing/local/cloud";
import { DATA_DIR, readFootballData } from "../files";
import { portOption } from "../options";

const DEFAULT_FILE = join(DATA_DIR, "football-data", "E0_2122.csv");
const DEFAULT_TENNIS_FILE = join(DATA_DIR, "tennis-data", "ATP_2021.csv");
/** A day of best-of-3 matches (a Slam's first days are best of 5, twice as long as a football match). */
const DEFAULT_TENNIS_DATE = "2021-02-03";
const SPORT_CHOICES = ["all", "football", "tennis"] as const;

interface MatchDayOptions {
  speed: string;
  matches: string;
  seed: string;
  date?: string;
  port: string;
  keepRunning?: boolean;
  json?: boolean;
  withhold?: string;
  sport: string;
  tennis: string;
  tennisDate?: string;
}

function wholeNumber(text: string, option: string, min: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new InputError("matchday.invalid_option", `${option} must be a whole number of at least ${min}, got "${text}"`);
  return value;
}

function speedOf(text: string): number {
  const speed = Number(text);
  if (!(Number.isFinite(speed) && speed > 0 && speed <= 10_000)) throw new InputError("matchday.invalid_option", `--speed must be a number in (0, 10000], got "${text}"`);
  return speed;
}

function seqList(text: string | undefined): number[] {
  if (text === undefined) return [];
  return text.split(",").map((part) => wholeNumber(part.trim(), "--withhold", 1));
}

async function runMatchDay(file: string | undefined, options: MatchDayOptions): Promise<void> {
  const port = portOption("matchday.invalid_option", options.port);
  if (!(SPORT_CHOICES as readonly string[]).includes(options.sport)) throw new InputError("matchday.invalid_option", `--sport must be one of ${SPORT_CHOICES.join(", ")}, got "${options.sport}"`);
  const matches = wholeNumber(options.matches, "--matches", 1);
  // With --json the summary is all stdout carries, so it can be piped; progress goes to stderr.
  const progress = replayProgress(options.json ? process.stderr : process.stdout);
  const days: Array<SportDay & { label: string; competition: string; date: string; fixturesOfDay: number }> = [];
  if (options.sport !== "tennis") {
    const source = readFootballData(file ?? DEFAULT_FILE);
    const day = footballFeed.fixturesOfDay(source, { date: options.date });
    const fixtures = day.fixtures.slice(0, matches);
    days.push({ sport: footballFeed as SportDay["sport"], fixtures, label: source.label, competition: fixtures[0].competition, date: day.date, fixturesOfDay: day.fixtures.length });
  }
  if (options.sport !== "football") {
    const season = readTennisSeason(options.tennis);
    const day = tennisFeed.fixturesOfDay(season, { date: options.tennisDate ?? (options.tennis === DEFAULT_TENNIS_FILE ? DEFAULT_TENNIS_DATE : undefined) });
    const fixtures = day.fixtures.slice(0, matches);
    days.push({ sport: tennisFeed as SportDay["sport"], fixtures, label: season.label, competition: `${fixtures[0].tour} ${fixtures[0].competition}`, date: day.date, fixturesOfDay: day.fixtures.length });
  }
  for (const d of days) progress.log(`replaying ${d.fixtures.length} of the ${d.fixturesOfDay} matches of ${d.competition}, ${d.date} (${d.label}); --matches ${d.fixturesOfDay} replays them all`);
  const mixed = mixedDay(days);
  const { summary, cloud } = await replayMatchDay({
    sport: mixed.sport, fixtures: mixed.fixtures,
    matchDay: { competition: days.map((d) => d.competition).join(" + "), date: days.map((d) => d.date).join(" + "), fixturesOfDay: days.reduce((n, d) => n + d.fixturesOfDay, 0) },
    seed: wholeNumber(options.seed, "--seed", 0), speed: speedOf(options.speed), port,
    progress, keepRunning: options.keepRunning, withhold: seqList(options.withhold),
    onCloudStarted: async (cloud) => {
      await mountConsole(cloud, { cloud });
      progress.log(`console at ${cloud.endpoint}/console/ (live while the replay runs; --keep-running keeps it up)`);
    },
  });
  process.stdout.write(options.json ? `${JSON.stringify(summary, null, 2)}\n` : `${formatSummary(summary)}\n`);
  if (!summary.ok) {
    console.error(`pricing: the replay FAILED:\n${summary.problems.map((p) => `pricing:   ${p}`).join("\n")}`);
    process.exitCode = 1;
  }
  if (options.keepRunning) await keepRunning(cloud);
}

/** Leaves the cloud up until Ctrl-C, saying how to reach it. */
async function keepRunning(cloud: LocalCloud): Promise<void> {
  const env = cloud.env();
  console.error(
    [
      "",
      `the local cloud keeps running at ${cloud.endpoint} (bus ${cloud.busName}); press Ctrl-C to stop it. From another shell:`,
      ...Object.entries(env).filter(([k]) => k.startsWith("AWS_")).map(([k, v]) => `  export ${k}=${v}`),
      `  aws stepfunctions list-state-machines`,
      `  npx pricing events put examples/put-events/01.json --endpoint ${cloud.endpoint}`,
      `the console: ${cloud.endpoint}/console/`,
    ].join("\n"),
  );
  await new Promise<void>((resolve) => process.once("SIGINT", resolve));
  await cloud.stop();
}

/** `pricing matchday`: replay a real match day on the local cloud (what `npm start` runs). */
export function registerMatchDay(program: Command): void {
  program
    .command("matchday")
    .description("Start the local cloud and replay a real day of football and tennis through it on one clock: closing odds, kick-off, goals, red cards, points, full time, settlement; then a summary with latency and projected AWS cost.")
    .argument("[file]", "a football-data.co.uk season CSV (default: the bundled Premier League 2021/22)")
    .option("--speed <factor>", "simulated time per real time (90: a 90-minute match in a minute)", String(DEFAULT_SPEED))
    .option("--matches <n>", "how many of the day's fixtures to replay, in file order (a 2-core machine keeps up with 2 at 90x)", String(DEFAULT_MATCHES))
    .option("--seed <n>", "seed of the drawn goal and card minutes", "1")
    .option("--date <yyyy-mm-dd>", "the match day (default: the day with the most fixtures, the last round of the bundled season)")
    .option("--port <port>", "port of the local endpoint (0 picks a free one)", "4010")
    .option("--keep-running", "leave the local cloud up after the replay")
    .option("--json", "print the summary as JSON, alone on stdout (progress goes to stderr)")
    .option("--sport <sport>", `which sports to replay, on one clock: ${SPORT_CHOICES.join(", ")}`, "all")
    .option("--tennis <file>", "a tennis-data.co.uk season CSV for the tennis matches (default: the bundled ATP 2021)", DEFAULT_TENNIS_FILE)
    .option("--tennis-date <yyyy-mm-dd>", "the tennis day (default: 3 February 2021 of the bundled ATP season, 28 best-of-3 matches)")
    .option("--withhold <seqs>", "leave these seqs (comma-separated) of the first fixture's feed off the bus: a run that drops events, to see it fail")
    .action(runMatchDay);
}
