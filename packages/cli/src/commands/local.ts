import type { Command } from "commander";
import { InputError } from "@pricing/core/errors";
import { portOption } from "../options";
import { mountConsole } from "@pricing/console/server/mount";
import { startLocalCloud, type LocalCloud, type LogLevel } from "@pricing/local";

interface LocalOptions {
  port: string;
  speed: string;
  data?: string;
  stage: string;
  backend: string;
  logLevel: string;
  handlerThreads: string;
}

const LOG_LEVELS: LogLevel[] = ["silent", "error", "warn", "info", "debug"];
const BACKENDS = ["auto", "dynamodb-local", "dynalite"] as const;

function parseOptions(options: LocalOptions) {
  const port = portOption("local.invalid_option", options.port);
  const speed = Number(options.speed);
  if (!(speed > 0 && Number.isFinite(speed))) throw new InputError("local.invalid_option", `--speed must be a positive number, got "${options.speed}"`);
  if (!LOG_LEVELS.includes(options.logLevel as LogLevel)) {
    throw new InputError("local.invalid_option", `--log-level must be one of ${LOG_LEVELS.join(", ")}, got "${options.logLevel}"`);
  }
  if (!BACKENDS.includes(options.backend as (typeof BACKENDS)[number])) {
    throw new InputError("local.invalid_option", `--backend must be one of ${BACKENDS.join(", ")}, got "${options.backend}"`);
  }
  const handlerThreads = Number(options.handlerThreads);
  if (!Number.isInteger(handlerThreads) || handlerThreads < 0) {
    throw new InputError("local.invalid_option", `--handler-threads must be a whole number of 0 or more, got "${options.handlerThreads}"`);
  }
  return { port, speed, dataDir: options.data, stage: options.stage, backend: options.backend as (typeof BACKENDS)[number], logLevel: options.logLevel as LogLevel, handlerThreads };
}

/** What a user needs to start talking to the cloud. */
export function banner(cloud: LocalCloud): string {
  const url = cloud.endpoint;
  const lines = [
    `Local cloud (stage ${cloud.stage}) at ${url}, ready in ${(cloud.startup.totalMs / 1000).toFixed(1)} s; DynamoDB: ${cloud.dynamodb.backend}, clock speed ${cloud.clock.speed}x`,
    "",
    `  event bus       ${cloud.busName}`,
    `  table           ${cloud.dynamodb.tableName}`,
    `  Lifecycle       ${cloud.stateMachines.lifecycle}`,
    `  PriceMatch      ${cloud.stateMachines.priceMatch}`,
    `  console         ${url}/console/`,
    `  functions       ${Object.keys(cloud.resources.functions).length}, queues ${Object.keys(cloud.resources.queues).length}, rules ${Object.values(cloud.resources.rules).flat().length}`,
    "",
    "Try:",
    `  npx pricing events put examples/put-events/01.json --endpoint ${url}`,
    `  aws --endpoint-url ${url} events put-events --entries "$(sed s/dev-match-events/${cloud.busName}/ examples/put-events/02.json)"`,
    `  aws --endpoint-url ${url} stepfunctions list-executions --state-machine-arn ${cloud.stateMachines.lifecycle}`,
    `  aws --endpoint-url ${url} dynamodb scan --table-name ${cloud.dynamodb.tableName} --max-items 5`,
    "",
    "SDK clients and the aws CLI need only the endpoint; credentials can be anything, e.g.",
    ...Object.entries(cloud.env()).map(([key, value]) => `  export ${key}=${value}`),
    "",
    "Ctrl-C stops it.",
  ];
  return lines.join("\n");
}

/** `pricing local`: the whole app on this machine until interrupted. */
export function registerLocal(program: Command): void {
  program
    .command("local")
    .description("Run the whole app locally (synthesized from the SST stacks) behind one AWS-compatible endpoint")
    .option("--port <port>", "port of the local endpoint (0 picks a free one)", "4010")
    .option("--speed <factor>", "simulated time per real time for every timer (waits, delays, clock ticks)", "1")
    .option("--data <dir>", "keep tables and running executions in this directory across restarts")
    .option("--stage <stage>", "SST stage to synthesize (names the bus, table and machines)", "local")
    .option("--backend <backend>", "DynamoDB backend: auto, dynamodb-local or dynalite", "auto")
    .option("--handler-threads <n>", "worker threads the Lambda handlers run in (0: the local cloud's own thread)", "1")
    .option("--log-level <level>", "handler and local cloud log level: silent, error, warn, info, debug", "warn")
    .action(async (raw: LocalOptions) => {
      const options = parseOptions(raw);
      const cloud = await startLocalCloud(options);
      const consoleApp = await mountConsole(cloud, { cloud });
      console.log(banner(cloud));
      await new Promise<void>((resolve) => {
        const stop = (signal: NodeJS.Signals) => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          console.log(`\n${signal}: stopping the local cloud${options.dataDir ? `; running executions stay in ${options.dataDir}` : ""}`);
          consoleApp.close();
          void cloud.stop().then(resolve);
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      });
    });
}
