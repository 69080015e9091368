import { AwsServiceError } from "../protocol";

/** How a target's input is built from the matched event (AWS::Events::Rule Target). */
export interface TargetInputProps {
  /** Constant JSON text sent instead of the event. */
  Input?: string;
  /** JSONPath selecting the part of the event to send, e.g. "$.detail". */
  InputPath?: string;
  InputTransformer?: {
    /** Variable name -> JSONPath into the event (at most 100). */
    InputPathsMap?: Record<string, string>;
    /** Text with `<variable>` placeholders. */
    InputTemplate: string;
  };
}

/** What a template may reference besides the event itself. */
export interface TransformContext {
  ruleArn: string;
  ruleName: string;
  /** ISO-8601 time the bus received the event. */
  ingestionTime: string;
}

const PREDEFINED = new Set([
  "aws.events.rule-arn",
  "aws.events.rule-name",
  "aws.events.event",
  "aws.events.event.ingestion-time",
  "aws.events.event.json",
]);

/** Throws ValidationException when a target's input settings are not ones AWS accepts. */
export function validateTargetInput(props: TargetInputProps): void {
  const modes = [props.Input, props.InputPath, props.InputTransformer].filter((mode) => mode !== undefined);
  if (modes.length > 1) {
    throw new AwsServiceError("ValidationException", "Only one of Input, InputPath, or InputTransformer may be given");
  }
  if (props.InputPath !== undefined) parseJsonPath(props.InputPath);
  const paths = props.InputTransformer?.InputPathsMap ?? {};
  if (Object.keys(paths).length > 100) {
    throw new AwsServiceError("ValidationException", "InputPathsMap may define at most 100 variables");
  }
  for (const [name, path] of Object.entries(paths)) {
    if (PREDEFINED.has(name)) {
      throw new AwsServiceError("ValidationException", `InputPathsMap may not redefine the reserved variable ${name}`);
    }
    parseJsonPath(path);
  }
}

/**
 * The text a target receives, as AWS builds it: the whole event, the `Input` constant,
 * the value at `InputPath`, or the rendered `InputTemplate`. JSON results are minified;
 * a template that does not render to JSON is passed as it is.
 */
export function renderTargetInput(props: TargetInputProps, event: unknown, context: TransformContext): string {
  if (props.Input !== undefined) return minifyIfJson(props.Input);
  if (props.InputPath !== undefined) return JSON.stringify(readJsonPath(event, props.InputPath) ?? null);
  if (props.InputTransformer === undefined) return JSON.stringify(event);
  const variables = new Map<string, unknown>();
  for (const [name, path] of Object.entries(props.InputTransformer.InputPathsMap ?? {})) {
    variables.set(name, readJsonPath(event, path));
  }
  variables.set("aws.events.rule-arn", context.ruleArn);
  variables.set("aws.events.rule-name", context.ruleName);
  variables.set("aws.events.event", event);
  variables.set("aws.events.event.ingestion-time", context.ingestionTime);
  variables.set("aws.events.event.json", JSON.stringify(event));
  return minifyIfJson(renderTemplate(props.InputTransformer.InputTemplate, variables));
}

/**
 * Substitutes `<name>` placeholders. Inside a JSON string literal a string value goes in
 * raw (AWS does not escape values taken by InputPathsMap); outside one, a value goes in as
 * JSON (so a string gains its quotes). A variable whose path is absent from the event
 * renders as "" inside a string and `null` outside. Text in angle brackets that is not a
 * variable is kept.
 */
export function renderTemplate(template: string, variables: Map<string, unknown>): string {
  let out = "";
  let inString = false;
  for (let i = 0; i < template.length; i++) {
    const char = template[i];
    if (inString && char === "\\") {
      out += char + (template[i + 1] ?? "");
      i++;
      continue;
    }
    if (char === '"') inString = !inString;
    const close = char === "<" ? template.indexOf(">", i + 1) : -1;
    const name = close > i ? template.slice(i + 1, close) : "";
    if (!variables.has(name)) {
      out += char;
      continue;
    }
    const value = variables.get(name);
    if (inString) out += value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
    else out += value === undefined ? "null" : JSON.stringify(value);
    i = close;
  }
  return out;
}

function minifyIfJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}

/** One step of a JSONPath: an object key or an array index. */
type PathStep = string | number;

/** Parses the JSONPath forms EventBridge targets use: `$`, `$.a.b`, `$.a[0]`, `$['a-b']`. */
export function parseJsonPath(path: string): PathStep[] {
  const bad = () => new AwsServiceError("ValidationException", `${path} is not a valid JSONPath`);
  if (!path.startsWith("$")) throw bad();
  const steps: PathStep[] = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    const dotted = /^\.([^.[\]]+)/.exec(rest);
    const indexed = /^\[(\d+)\]/.exec(rest);
    const quoted = /^\[(['"])(.*?)\1\]/.exec(rest);
    if (dotted) steps.push(dotted[1]);
    else if (indexed) steps.push(Number(indexed[1]));
    else if (quoted) steps.push(quoted[2]);
    else throw bad();
    rest = rest.slice((dotted ?? indexed ?? quoted)![0].length);
  }
  return steps;
}

/** The value at a JSONPath, or undefined when any step is missing. */
export function readJsonPath(value: unknown, path: string): unknown {
  let current = value;
  for (const step of parseJsonPath(path)) {
    if (current === null || typeof current !== "object") return undefined;
    if (typeof step === "number" ? !Array.isArray(current) : Array.isArray(current)) return undefined;
    current = (current as Record<PathStep, unknown>)[step];
  }
  return current;
}
