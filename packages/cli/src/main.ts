import "./environment";
import { Command } from "commander";
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

const program = new Command()
  .name("pricing")
  .description("Price football markets, fit ratings, validate models and run the pricing engine locally.")
  .showHelpAfterError();

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
  if (error instanceof InputError) {
    console.error(`pricing: ${error.message} [${error.code}]`);
    process.exit(2);
  }
  throw error;
});
