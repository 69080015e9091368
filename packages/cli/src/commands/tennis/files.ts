import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { InputError } from "@pricing/core/errors";
import { parseTennisData, type TennisSeason } from "@pricing/core/sports/tennis/index";

/** Reads and parses a tennis-data.co.uk season file; an unreadable file is an InputError. */
export function readTennisSeason(file: string): TennisSeason & { file: string } {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new InputError("csv.unreadable_file", `cannot read ${file}: ${(error as Error).message}`, { file });
  }
  return { ...parseTennisData(text), file, label: basename(file).replace(/\.csv$/i, "") };
}
