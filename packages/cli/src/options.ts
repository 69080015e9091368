import { InputError } from "@pricing/core/errors";

/** A numeric command-line option; anything else is an InputError with the command's code. */
export function numberOption(code: string, name: string, text: string): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value)) {
    throw new InputError(code, `--${name} must be a number, got "${text}"`);
  }
  return value;
}

/** A TCP port option: a whole number in 0-65535 (0 lets the system pick a free port). */
export function portOption(code: string, text: string, name = "port"): number {
  const port = Number(text);
  if (text.trim() === "" || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InputError(code, `--${name} must be a whole number in 0-65535 (0 picks a free port), got "${text}"`);
  }
  return port;
}

/** An endpoint option: an http(s) URL such as http://127.0.0.1:4010. */
export function endpointOption(code: string, text: string, name = "endpoint"): string {
  let url: URL | undefined;
  try {
    url = /^https?:\/\//i.test(text) ? new URL(text) : undefined;
  } catch {
    url = undefined;
  }
  if (!url) throw new InputError(code, `--${name} must be a URL that starts with http:// or https://, e.g. http://127.0.0.1:4010, got "${text}"`);
  return text;
}
