import type { LogLevel } from "../types";

const ORDER: Record<LogLevel, number> = { silent: 0, error: 1, warn: 2, info: 3, debug: 4 };

/** The local cloud's own messages, on stderr, above a level. */
export interface LocalLog {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

export function localLog(level: LogLevel): LocalLog {
  const at = (wanted: LogLevel) => (message: string) => {
    if (ORDER[level] >= ORDER[wanted]) process.stderr.write(`[local-cloud] ${wanted}: ${message}\n`);
  };
  return { error: at("error"), warn: at("warn"), info: at("info"), debug: at("debug") };
}

/** Powertools' log level for handlers at the cloud's level. */
export function powertoolsLogLevel(level: LogLevel): string {
  return { silent: "SILENT", error: "ERROR", warn: "WARN", info: "INFO", debug: "DEBUG" }[level];
}
