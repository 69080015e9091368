import { BlockList, isIP } from "node:net";
import { AwsServiceError } from "../protocol";

/**
 * EventBridge event-pattern matching with AWS content-filtering semantics: exact values,
 * prefix, suffix, equals-ignore-case, wildcard, anything-but, numeric, exists, cidr and
 * `$or`, arrays in events (any element matches) and nested objects. The reference is
 * the EventBridge user guide and aws/event-ruler (the Java library behind it); there is
 * no maintained JavaScript port, so the matcher is ours. Patterns are compiled once, when
 * a rule is added, so an invalid pattern fails as it would in a deployment.
 */
export type CompiledPattern = (event: unknown) => boolean;

type LeafTest = (value: unknown) => boolean;
type FieldTest = (field: unknown) => boolean;

/** Compiles an event pattern (object or JSON text); throws InvalidEventPatternException. */
export function compilePattern(pattern: unknown): CompiledPattern {
  const parsed = typeof pattern === "string" ? parsePatternText(pattern) : pattern;
  if (!isObject(parsed) || Object.keys(parsed).length === 0) {
    throw invalid("the event pattern must be a non-empty JSON object");
  }
  const matchesObject = compileObject(parsed, "");
  return (event) => matchesObject(event);
}

/** True when `event` matches `pattern`; compiles the pattern on every call. */
export function matchesPattern(pattern: unknown, event: unknown): boolean {
  return compilePattern(pattern)(event);
}

function parsePatternText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw invalid("the event pattern is not valid JSON");
  }
}

function invalid(reason: string): AwsServiceError {
  return new AwsServiceError("InvalidEventPatternException", `Event pattern is not valid. Reason: ${reason}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The leaf (non-object) values at a field: arrays are flattened, objects are not leaves. */
function leafValues(value: unknown, out: unknown[] = []): unknown[] {
  if (Array.isArray(value)) for (const item of value) leafValues(item, out);
  else if (value !== undefined && !isObject(value)) out.push(value);
  return out;
}

function fieldOf(value: unknown, key: string): unknown {
  return isObject(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}

function compileObject(pattern: Record<string, unknown>, path: string): FieldTest {
  const tests = Object.entries(pattern).map(([key, sub]): FieldTest => {
    const where = path ? `${path}.${key}` : key;
    if (key === "$or" && Array.isArray(sub)) {
      if (sub.length < 2 || !sub.every(isObject)) throw invalid(`"$or" at ${where} needs two or more objects`);
      const alternatives = sub.map((alternative) => compileObject(alternative, path));
      return (value) => alternatives.some((alternative) => alternative(value));
    }
    if (Array.isArray(sub)) {
      const matchesField = compileLeafList(sub, where);
      return (value) => matchesField(fieldOf(value, key));
    }
    if (isObject(sub)) {
      const nested = compileObject(sub, where);
      return (value) => matchesNested(nested, fieldOf(value, key));
    }
    throw invalid(`the value at ${where} must be an array or an object`);
  });
  return (value) => tests.every((test) => test(value));
}

/** A nested pattern matches an array when one element matches all of it (array-consistent). */
function matchesNested(nested: FieldTest, value: unknown): boolean {
  if (!Array.isArray(value)) return nested(value);
  const items = value.flat(Infinity);
  if (items.some(isObject)) return items.some((item) => isObject(item) && nested(item));
  return nested(undefined);
}

function compileLeafList(list: unknown[], where: string): FieldTest {
  if (list.length === 0) throw invalid(`empty arrays are not allowed (at ${where})`);
  const existsTests: boolean[] = [];
  const valueTests: LeafTest[] = [];
  for (const item of list) {
    if (isObject(item) && "exists" in item) {
      if (Object.keys(item).length !== 1 || typeof item.exists !== "boolean") {
        throw invalid(`"exists" at ${where} must be true or false`);
      }
      existsTests.push(item.exists);
    } else {
      valueTests.push(compileLeaf(item, where));
    }
  }
  return (field) => {
    const leaves = leafValues(field);
    if (existsTests.some((wanted) => wanted === (leaves.length > 0))) return true;
    return leaves.some((leaf) => valueTests.some((test) => test(leaf)));
  };
}

function compileLeaf(item: unknown, where: string): LeafTest {
  if (item === null || typeof item === "string" || typeof item === "boolean") return (value) => value === item;
  if (typeof item === "number") return (value) => typeof value === "number" && value === item;
  if (!isObject(item)) throw invalid(`unsupported value at ${where}`);
  const keys = Object.keys(item);
  if (keys.length !== 1) throw invalid(`a matcher at ${where} must have exactly one operator, got ${keys.join(", ")}`);
  const operator = keys[0];
  const operand = item[operator];
  switch (operator) {
    case "prefix":
    case "suffix":
    case "equals-ignore-case":
    case "wildcard":
      return compileStringMatcher(operator, operand, where);
    case "anything-but":
      return compileAnythingBut(operand, where);
    case "numeric":
      return compileNumeric(operand, where);
    case "cidr":
      return compileCidr(operand, where);
    default:
      throw invalid(`unrecognized match type ${operator} at ${where}`);
  }
}

/** prefix / suffix (optionally with equals-ignore-case inside), equals-ignore-case, wildcard. */
function compileStringMatcher(operator: string, operand: unknown, where: string): LeafTest {
  let ignoreCase = operator === "equals-ignore-case";
  let text = operand;
  if ((operator === "prefix" || operator === "suffix") && isObject(operand)) {
    if (Object.keys(operand).length !== 1 || typeof operand["equals-ignore-case"] !== "string") {
      throw invalid(`${operator} at ${where} takes a string or {"equals-ignore-case": string}`);
    }
    ignoreCase = true;
    text = operand["equals-ignore-case"];
  }
  if (typeof text !== "string") throw invalid(`${operator} at ${where} must be a string`);
  const wanted = ignoreCase ? text.toLowerCase() : text;
  const fold = (value: string) => (ignoreCase ? value.toLowerCase() : value);
  if (operator === "wildcard") {
    const regex = wildcardRegex(text, where);
    return (value) => typeof value === "string" && regex.test(value);
  }
  if (operator === "prefix") return (value) => typeof value === "string" && fold(value).startsWith(wanted);
  if (operator === "suffix") return (value) => typeof value === "string" && fold(value).endsWith(wanted);
  return (value) => typeof value === "string" && fold(value) === wanted;
}

/** `*` matches any run of characters; `\*` is a literal star and `\\` a literal backslash. */
function wildcardRegex(pattern: string, where: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === "\\") {
      const next = pattern[i + 1];
      if (next !== "*" && next !== "\\") throw invalid(`wildcard at ${where}: a backslash may only escape * or \\`);
      source += next === "*" ? "\\*" : "\\\\";
      i++;
    } else if (char === "*") {
      if (pattern[i + 1] === "*") throw invalid(`wildcard at ${where}: consecutive wildcard characters are not allowed`);
      source += ".*";
    } else {
      source += char.replace(/[.+?^${}()|[\]]/g, "\\$&");
    }
  }
  return new RegExp(`^${source}$`, "s");
}

function compileAnythingBut(operand: unknown, where: string): LeafTest {
  if (isObject(operand)) {
    const keys = Object.keys(operand);
    if (keys.length !== 1) throw invalid(`anything-but at ${where} takes one operator`);
    const operator = keys[0];
    if (!["prefix", "suffix", "equals-ignore-case", "wildcard"].includes(operator)) {
      throw invalid(`anything-but at ${where} does not support ${operator}`);
    }
    const inner = operand[operator];
    const texts = Array.isArray(inner) && operator !== "prefix" && operator !== "suffix" ? inner : [inner];
    const tests = texts.map((text) => compileStringMatcher(operator, text, where));
    return (value) => !tests.some((test) => test(value));
  }
  const excluded: unknown[] = Array.isArray(operand) ? operand : [operand];
  const allStrings = excluded.every((value): boolean => typeof value === "string");
  const allNumbers = excluded.every((value): boolean => typeof value === "number");
  if (excluded.length === 0 || !(allStrings || allNumbers)) {
    throw invalid(`anything-but at ${where} takes strings only or numbers only`);
  }
  return (value) => !excluded.includes(value);
}

const LOWER_BOUNDS = new Set([">", ">="]);
const UPPER_BOUNDS = new Set(["<", "<="]);

function compileNumeric(operand: unknown, where: string): LeafTest {
  if (!Array.isArray(operand) || (operand.length !== 2 && operand.length !== 4)) {
    throw invalid(`numeric at ${where} takes [op, number] or [lower op, number, upper op, number]`);
  }
  const comparisons: Array<[string, number]> = [];
  for (let i = 0; i < operand.length; i += 2) {
    const [op, bound] = [operand[i], operand[i + 1]];
    if (typeof bound !== "number" || !Number.isFinite(bound) || Math.abs(bound) > 5e9) {
      throw invalid(`numeric at ${where}: bounds must be numbers within ±5.0e9`);
    }
    if (typeof op !== "string" || !["=", "<", "<=", ">", ">="].includes(op)) {
      throw invalid(`numeric at ${where}: unrecognized operator ${String(op)}`);
    }
    comparisons.push([op, bound]);
  }
  if (comparisons.length === 2) {
    const [[lowOp, low], [highOp, high]] = comparisons;
    if (!LOWER_BOUNDS.has(lowOp) || !UPPER_BOUNDS.has(highOp) || low > high) {
      throw invalid(`numeric range at ${where} must be a lower bound (> or >=) then a higher upper bound (< or <=)`);
    }
  }
  return (value) =>
    typeof value === "number" &&
    comparisons.every(([op, bound]) => {
      if (op === "=") return value === bound;
      if (op === "<") return value < bound;
      if (op === "<=") return value <= bound;
      if (op === ">") return value > bound;
      return value >= bound;
    });
}

function compileCidr(operand: unknown, where: string): LeafTest {
  const [network, bits] = typeof operand === "string" ? operand.split("/") : [];
  const family = isIP(network ?? "");
  const prefix = Number(bits);
  if (!family || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) {
    throw invalid(`cidr at ${where} must be an IP network such as 10.0.0.0/24`);
  }
  const block = new BlockList();
  const type = family === 4 ? "ipv4" : "ipv6";
  block.addSubnet(network, prefix, type);
  return (value) => typeof value === "string" && isIP(value) === family && block.check(value, type);
}
