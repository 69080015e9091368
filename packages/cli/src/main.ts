import { Command } from "commander";
import { InputError } from "@pricing/core/errors";

const program = new Command()
  .name("pricing")
  .description("Price football markets, fit ratings, validate models and run the pricing engine locally.")
  .showHelpAfterError();

// Each command lives in its own file under ./commands and registers itself here.

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof InputError) {
    console.error(`pricing: ${error.message} [${error.code}]`);
    process.exit(2);
  }
  throw error;
});
