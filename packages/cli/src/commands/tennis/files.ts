import { readDataFile } from "../../files";
import { parseTennisData, type TennisSeason } from "@pricing/core/sports/tennis/index";

/** Reads and parses a tennis-data.co.uk season file; an unreadable file is an InputError. */
export function readTennisSeason(file: string): TennisSeason & { file: string } {
  const { text, label } = readDataFile(file);
  return { ...parseTennisData(text), file, label };
}
