/**
 * The one base error of the core package. Every error the core raises on purpose
 * carries a stable `code` (`"grid.invalid_expected_goals"`), so callers and Step
 * Functions Retry/Catch rules can match on it rather than on the message.
 *
 * `InputError` is the caller's fault (bad expected goals, an unknown team, a malformed
 * CSV row): say what to fix. `InternalError` is ours: an invariant broke.
 */
export class PricingError extends Error {
  override readonly name: string = "PricingError";
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export class InputError extends PricingError {
  override readonly name: string = "InputError";
}

export class InternalError extends PricingError {
  override readonly name: string = "InternalError";
}

/** Throws an InputError unless `value` is a finite number in [min, max]. */
export function requireFinite(
  code: string,
  what: string,
  value: unknown,
  min = -Infinity,
  max = Infinity,
): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    throw new InputError(
      code,
      `${what} must be a finite number in [${min}, ${max}], got ${String(value)}`,
      { value },
    );
  }
  return value;
}
