import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { InputError } from "@pricing/core/errors";
import { parseFootballData, type FootballDataFile } from "@pricing/core/sports/football/models/csv";

/** The repository's bundled data folder (`data/` at the root). */
export const DATA_DIR = fileURLToPath(new URL("../../../data/", import.meta.url));

/** A parsed football-data.co.uk file, labelled by its name ("E0_2122"). */
export interface FootballDataSource extends FootballDataFile {
  file: string;
  label: string;
}

/** A data file's text and the label its name gives it; an unreadable file is an InputError. */
export function readDataFile(file: string): { text: string; file: string; label: string } {
  try {
    return { text: readFileSync(file, "utf8"), file, label: basename(file).replace(/\.csv$/i, "") };
  } catch (error) {
    throw new InputError("csv.unreadable_file", `cannot read ${file}: ${(error as Error).message}`, { file });
  }
}

/** Reads and parses a football-data.co.uk CSV; an unreadable file is an InputError. */
export function readFootballData(file: string): FootballDataSource {
  const { text, label } = readDataFile(file);
  return { ...parseFootballData(text), file, label };
}

/** Writes a report's files into `dir` (made if missing); a failure making or writing them is an InputError. */
export function writeReportFiles(dir: string, files: () => readonly { name: string; text: string }[]): void {
  try {
    mkdirSync(dir, { recursive: true });
    for (const file of files()) writeFileSync(join(dir, file.name), file.text);
  } catch (error) {
    throw new InputError("backtest.unwritable_report", `cannot write the report to ${dir}: ${(error as Error).message}`, { dir });
  }
}
