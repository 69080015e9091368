import type { Command } from "commander";
import { InputError } from "@pricing/core/errors";
import { numberOption } from "../options";
import { type CsvReject, type FootballDataMatch } from "@pricing/core/sports/football/models/csv";
import { readFootballData } from "../files";
import { tennisFitAction } from "./tennis/fit";
import { RATINGS_MODELS, fitRatings, type Ratings, type RatingsModel } from "@pricing/core/sports/football/models/ratings";

interface FitCommandOptions {
  model: string;
  xi: string;
  ridge: string;
  asOf?: string;
  json?: boolean;
}

function readMatches(files: string[]): { matches: FootballDataMatch[]; rejects: (CsvReject & { file: string })[] } {
  const sources = files.map(readFootballData);
  return {
    matches: sources.flatMap((s) => s.matches),
    rejects: sources.flatMap((s) => s.rejects.map((r) => ({ ...r, file: s.file }))),
  };
}

function printTable(ratings: Ratings, rejected: number): void {
  const rho = ratings.rho === null ? "-" : ratings.rho.toFixed(6);
  console.log(`model            ${ratings.model}`);
  console.log(`matches          ${ratings.matches}${rejected ? ` (${rejected} rows rejected)` : ""}, up to ${ratings.referenceDate}, xi ${ratings.xi}/day`);
  console.log(`log-likelihood   ${ratings.logLikelihood.toFixed(4)}`);
  console.log(`intercept        ${ratings.intercept.toFixed(6)}`);
  console.log(`home advantage   ${ratings.homeAdvantage.toFixed(6)} (behind closed doors ${ratings.closedDoorsHomeAdvantage.toFixed(6)})`);
  console.log(`rho              ${rho}`);
  console.log("");
  console.log(`${"team".padEnd(24)}${"attack".padStart(10)}${"defence".padStart(10)}`);
  const rows = Object.entries(ratings.teams).sort(([, a], [, b]) => b.attack + b.defence - (a.attack + a.defence));
  for (const [team, r] of rows) {
    console.log(`${team.padEnd(24)}${r.attack.toFixed(4).padStart(10)}${r.defence.toFixed(4).padStart(10)}`);
  }
}

function fitAction(files: string[], options: FitCommandOptions & { sport: string }): void {
  if (options.sport === "tennis") return tennisFitAction(files, options);
  const model = options.model as RatingsModel;
  if (!RATINGS_MODELS.includes(model)) {
    throw new InputError("ratings.invalid_model", `unknown model "${options.model}"; use ${RATINGS_MODELS.join(" or ")}`);
  }
  const { matches, rejects } = readMatches(files);
  for (const r of rejects.slice(0, 10)) console.error(`pricing: skipped ${r.file} line ${r.line}: ${r.reason}`);
  if (rejects.length > 10) console.error(`pricing: skipped ${rejects.length - 10} more rows`);
  const ratings = fitRatings(matches, {
    model,
    xi: numberOption("ratings.invalid_option", "xi", options.xi),
    ridge: numberOption("ratings.invalid_option", "ridge", options.ridge),
    referenceDate: options.asOf,
  });
  if (!ratings.converged) {
    console.error(`pricing: the fit stopped before converging after ${ratings.iterations} iterations; too few matches per team? try --ridge 0.5`);
  }
  if (!options.json) return printTable(ratings, rejects.length);
  const { logLikelihood, homeAdvantage, closedDoorsHomeAdvantage, rho, teams, intercept, referenceDate, xi, ridge } = ratings;
  console.log(JSON.stringify({
    logLikelihood, homeAdvantage, closedDoorsHomeAdvantage, rho, teams, model, intercept,
    matches: ratings.matches, rejected: rejects.length, referenceDate, xi, ridge,
  }));
}

/** `pricing fit`: team ratings from football-data.co.uk result files. */
export function registerFit(program: Command): void {
  program
    .command("fit")
    .description("Fit Poisson or Dixon-Coles team ratings to football-data.co.uk CSV files.")
    .argument("<files...>", "football-data.co.uk CSV files (e.g. data/football-data/E0_2122.csv)")
    .option("--sport <sport>", "football | tennis (tennis-data.co.uk files)", "football")
    .option("--model <model>", `ratings model: ${RATINGS_MODELS.join(" | ")}`, "dixon-coles")
    .option("--xi <perDay>", "time decay per day: a match d days old weighs exp(-xi d)", "0")
    .option("--ridge <strength>", "L2 penalty on attack and defence ratings", "0")
    .option("--as-of <date>", "reference date yyyy-mm-dd (default: the last match); later matches are left out")
    .option("--json", "print JSON: logLikelihood, homeAdvantage, closedDoorsHomeAdvantage, rho (null for poisson), teams {attack, defence}, ...")
    .action(fitAction);
}
