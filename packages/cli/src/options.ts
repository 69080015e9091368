import { InputError } from "@pricing/core/errors";

/** A numeric command-line option; anything else is an InputError with the command's code. */
export function numberOption(code: string, name: string, text: string): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value)) {
    throw new InputError(code, `--${name} must be a number, got "${text}"`);
  }
  return value;
}
