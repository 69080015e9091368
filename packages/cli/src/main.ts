import "./environment";
import { Command, CommanderError } from "commander";
import { InputError } from "@pricing/core/errors";
import { registerImplied } from "./commands/implied";
import { registerFit } from "./commands/fit";
import { registerPrice } from "./commands/price";
import { registerFixtures } from "./commands/fixtures";
import { registerBacktest } from "./commands/backtest";
import { registerLocal } from "./commands/local";
import { registerEvents } from "./commands/events";
import { registerMatchDay } from "./commands/matchday";
import { registerConsole } from "./commands/console";

/** Exit code of bad input: a bad value, an unknown option or command, a missing argument. */
const USAGE_EXIT_CODE = 2;

// exitOverride is inherited by the commands registered below: commander prints its own
// message (unknown option, missing argument) and throws instead of exiting with 1.
const program = new Command()
  .name("pricing")
  .description("Price football markets, fit ratings, validate models and run the pricing engine locally.")
  .showHelpAfterError()
  .exitOverride();

// Each command lives in its own file under ./commands and registers itself here.
registerImplied(program);
registerFit(program);
registerPrice(program);
registerFixtures(program);
registerBacktest(program);
registerLocal(program);
registerEvents(program);
registerMatchDay(program);
registerConsole(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : USAGE_EXIT_CODE);
  if (error instanceof InputError) {
    console.error(`pricing: ${error.message} [${error.code}]`);
    process.exit(USAGE_EXIT_CODE);
  }
  throw error;
});
