import { join } from "node:path";
import type { Command } from "commander";
import { InputError } from "@pricing/core/errors";
import { sportFeed as footballFeed } from "@pricing/core/sports/football/replay/index";
import { replayProgress } from "@pricing/replay/progress";
import { mountConsole } from "@pricing/console/server/mount";
import { DEFAULT_MATCHES, DEFAULT_SPEED, replayMatchDay } from "@pricing/replay/replay";
import { formatSummary } from "@pricing/replay/summary";
import type { LocalCloud } from "@pricing/local/cloud";
import { DATA_DIR, readFootballData } from "../files";
import { portOption } from "../options";

const DEFAULT_FILE = join(DATA_DIR, "football-data", "E0_2122.csv");

interface MatchDayOptions {
  speed: string;
  matches: string;
  seed: string;
  date?: string;
  port: string;
  keepRunning?: boolean;
  json?: boolean;
  withhold?: string;
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
  const source = readFootballData(file ?? DEFAULT_FILE);
  const day = footballFeed.fixturesOfDay(source, { date: options.date });
  const fixtures = day.fixtures.slice(0, wholeNumber(options.matches, "--matches", 1));
  // With --json the summary is all stdout carries, so it can be piped; progress goes to stderr.
  const progress = replayProgress(options.json ? process.stderr : process.stdout);
  progress.log(`replaying ${fixtures.length} of the ${day.fixtures.length} fixtures of ${fixtures[0].competition}, ${day.date} (${source.label}); --matches ${day.fixtures.length} replays them all`);
  const { summary, cloud } = await replayMatchDay({
    sport: footballFeed, fixtures, matchDay: { competition: fixtures[0].competition, date: day.date, fixturesOfDay: day.fixtures.length },
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
    .description("Start the local cloud and replay a real match day through it: closing odds, kick-off, goals, red cards, full time, settlement; then a summary with latency and projected AWS cost.")
    .argument("[file]", "a football-data.co.uk season CSV (default: the bundled Premier League 2021/22)")
    .option("--speed <factor>", "simulated time per real time (90: a 90-minute match in a minute)", String(DEFAULT_SPEED))
    .option("--matches <n>", "how many of the day's fixtures to replay, in file order (a 2-core machine keeps up with 2 at 90x)", String(DEFAULT_MATCHES))
    .option("--seed <n>", "seed of the drawn goal and card minutes", "1")
    .option("--date <yyyy-mm-dd>", "the match day (default: the day with the most fixtures, the last round of the bundled season)")
    .option("--port <port>", "port of the local endpoint (0 picks a free one)", "4010")
    .option("--keep-running", "leave the local cloud up after the replay")
    .option("--json", "print the summary as JSON, alone on stdout (progress goes to stderr)")
    .option("--withhold <seqs>", "leave these seqs (comma-separated) of the first fixture's feed off the bus: a run that drops events, to see it fail")
    .action(runMatchDay);
}
