import type { Command } from "commander";
import { InputError } from "@pricing/core/errors";
import { REMOVAL_METHODS, removeMargin, type RemovalMethod } from "@pricing/core/margin/remove";

interface ImpliedOptions {
  odds: string;
  method: string;
  json?: boolean;
}

function parseOddsList(text: string): number[] {
  return text.split(",").map((part) => {
    const value = Number(part.trim());
    if (part.trim() === "" || Number.isNaN(value)) {
      throw new InputError("margin.invalid_odds", `cannot read "${part}" in --odds as decimal odds; write them like 2.7,2.3,4.4`);
    }
    return value;
  });
}

function impliedAction(options: ImpliedOptions): void {
  const method = options.method as RemovalMethod;
  if (!REMOVAL_METHODS.includes(method)) {
    throw new InputError("margin.invalid_method", `unknown method "${options.method}"; use one of ${REMOVAL_METHODS.join(", ")}`);
  }
  const odds = parseOddsList(options.odds);
  const result = removeMargin(odds, method);
  const { probabilities, margin, ...rest } = result;
  const parameter = (["z", "k", "c"] as const).find((key) => rest[key] !== undefined);
  if (options.json) {
    const out: Record<string, unknown> = { probabilities, margin, method };
    if (parameter) out[parameter] = rest[parameter];
    console.log(JSON.stringify(out));
    return;
  }
  console.log(`method   ${method}`);
  console.log(`margin   ${(margin * 100).toFixed(3)}% (overround of the offered odds)`);
  if (parameter) console.log(`${parameter.padEnd(8)} ${rest[parameter]!.toPrecision(8)}`);
  console.log("");
  console.log(`${"selection".padEnd(10)}${"odds".padStart(10)}${"probability".padStart(14)}${"fair odds".padStart(12)}`);
  probabilities.forEach((p, i) => {
    console.log(`${String(i + 1).padEnd(10)}${odds[i].toFixed(3).padStart(10)}${p.toFixed(8).padStart(14)}${(1 / p).toFixed(4).padStart(12)}`);
  });
}

/** `pricing implied`: fair probabilities from one market's offered decimal odds. */
export function registerImplied(program: Command): void {
  program
    .command("implied")
    .description("Remove the bookmaker's margin from one market's decimal odds and print the fair probabilities.")
    .requiredOption("--odds <list>", "comma-separated decimal odds of every selection, e.g. 2.7,2.3,4.4")
    .option("--method <method>", `margin removal method: ${REMOVAL_METHODS.join(" | ")}`, "multiplicative")
    .option("--json", "print JSON: {\"probabilities\": [...], \"margin\": ..., \"method\": ..., and z, k or c}")
    .action(impliedAction);
}
