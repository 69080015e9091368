import type { Command } from "commander";
import { InputError } from "@pricing/core/errors";
import { endpointOption, portOption } from "../options";
import { isLoopback, startConsole, type ConsoleTarget } from "@pricing/console/server/mount";

interface ConsoleCommandOptions {
  stage?: string;
  region?: string;
  endpoint?: string;
  table?: string;
  port: string;
  host: string;
  allowRemote?: boolean;
  pollSeconds: string;
  traderId?: string;
}

function target(options: ConsoleCommandOptions): ConsoleTarget {
  if (options.endpoint) {
    endpointOption("console.invalid_option", options.endpoint);
    return { endpoint: options.endpoint, ...(options.region ? { region: options.region } : {}), ...(options.stage ? { stage: options.stage } : {}), ...(options.table ? { tableName: options.table } : {}) };
  }
  if (!options.stage) throw new InputError("console.invalid_option", "say what to look at: --stage NAME (a deployed stage, with your AWS credentials) or --endpoint URL (a local cloud)");
  return { stage: options.stage, ...(options.region ? { region: options.region } : {}), ...(options.table ? { tableName: options.table } : {}) };
}

function numberIn(text: string, option: string, min: number, max: number): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value < min || value > max) throw new InputError("console.invalid_option", `${option} must be a number in [${min}, ${max}], got "${text}"`);
  return value;
}

const REMOTE_WARNING = (host: string) => [
  "",
  "!".repeat(78),
  `!! WARNING: the console listens on ${host}, beyond this machine (--allow-remote).`,
  "!! It has no user authentication: anyone who can reach this port reads the stage",
  "!! with your AWS credentials and can redrive its dead-letter queues.",
  "!! Use it on a trusted network only, or prefer an SSH tunnel to 127.0.0.1.",
  "!".repeat(78),
  "",
].join("\n");

/** `pricing console`: the web console for a deployed stage or a local cloud, until interrupted. */
export function registerConsole(program: Command): void {
  program
    .command("console")
    .description("Serve the web console (matches, prices, executions, models, queues, cost) for a deployed stage or a local cloud")
    .option("--stage <name>", "the stage to show; with --endpoint, only needed when the endpoint runs several")
    .option("--region <region>", "AWS region of the stage (default: AWS_REGION, else us-east-1)")
    .option("--endpoint <url>", "a local cloud's endpoint, e.g. http://127.0.0.1:4010, instead of AWS")
    .option("--table <name>", "the stage's table, when it is not named <stage>-pricing-engine-Storage-Table…")
    .option("--port <port>", "port of the console (0 picks a free one)", "4020")
    .option("--host <host>", "address to listen on; other than loopback only with --allow-remote", "127.0.0.1")
    .option("--allow-remote", "listen on a --host other than loopback: anyone who reaches it can read the stage and redrive its queues")
    .option("--poll-seconds <s>", "seconds between looks at the stage while a page is open", "1")
    .option("--trader-id <id>", "who the console's trader actions are made by (default: PRICING_TRADER_ID, else local)")
    .action(async (options: ConsoleCommandOptions) => {
      const served = await startConsole(target(options), {
        port: portOption("console.invalid_option", options.port),
        host: options.host,
        allowRemote: options.allowRemote === true,
        pollSeconds: numberIn(options.pollSeconds, "--poll-seconds", 0.2, 3600),
        ...(options.traderId ? { traderId: options.traderId } : {}),
      });
      const info = served.app.info();
      if (!isLoopback(options.host)) console.warn(REMOTE_WARNING(options.host));
      console.log(`Pricing console for ${info.target} (stage ${info.stage}, table ${info.tableName}) at ${served.url}\nCtrl-C stops it.`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          void served.stop().then(resolve);
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      });
    });
}
