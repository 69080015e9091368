import { readFileSync, writeFileSync } from "node:fs";

/**
 * Every difference between two JSON values, paths naming where (at most 20). Numbers
 * agree within `tolerance`, taken relative to the value's size when `relative` (a fair
 * price of a 1e-5 chance moves by 6e-11 when its probability moves by one rounding).
 */
export function differences(expected: unknown, actual: unknown, tolerance: number, relative = false, path = "$", out: string[] = []): string[] {
  if (out.length >= 20) return out;
  if (typeof expected === "number" && typeof actual === "number") {
    const bound = relative ? tolerance * Math.max(1, Math.abs(expected)) : tolerance;
    if (!(Math.abs(expected - actual) <= bound)) out.push(`${path}: ${expected} -> ${actual}`);
  } else if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) out.push(`${path}: length ${expected.length} -> ${actual.length}`);
    else expected.forEach((e, i) => differences(e, actual[i], tolerance, relative, `${path}[${i}]`, out));
  } else if (expected && actual && typeof expected === "object" && typeof actual === "object") {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    for (const k of keys) differences((expected as Record<string, unknown>)[k], (actual as Record<string, unknown>)[k], tolerance, relative, `${path}.${k}`, out);
  } else if (expected !== actual) {
    out.push(`${path}: ${JSON.stringify(expected)} -> ${JSON.stringify(actual)}`);
  }
  return out;
}

/**
 * The recorded figures and the ones computed now, as JSON. With GOLDEN_WRITE=1 the
 * file is rewritten from the computed figures first (a deliberate change, which its
 * commit explains).
 */
export function golden<T>(file: URL, computed: T): { golden: T; actual: T } {
  const actual = JSON.parse(JSON.stringify(computed)) as T;
  if (process.env.GOLDEN_WRITE === "1") writeFileSync(file, `${JSON.stringify(actual, null, 1)}\n`);
  return { golden: JSON.parse(readFileSync(file, "utf8")) as T, actual };
}
