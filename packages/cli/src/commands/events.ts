import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from "@aws-sdk/client-eventbridge";
import { InputError } from "@pricing/core/errors";
import { endpointOption } from "../options";

interface PutOptions {
  endpoint?: string;
  bus?: string;
  region?: string;
}

/** PutEvents limits: 10 entries and 256 KiB (Source + DetailType + Detail + Resources + 14 for Time) per call. */
const MAX_ENTRIES = 10;
const MAX_BYTES = 256 * 1024;

function entrySize(entry: PutEventsRequestEntry): number {
  const bytes = (text: string | undefined) => (text ? Buffer.byteLength(text, "utf8") : 0);
  return (entry.Time ? 14 : 0) + bytes(entry.Source) + bytes(entry.DetailType) + bytes(entry.Detail) + (entry.Resources ?? []).reduce((s, r) => s + bytes(r), 0);
}

/** Reads a PutEvents entries file: a JSON array of entries (as `aws events put-events --entries file://`) or `{ "Entries": [...] }`. */
export function readEntries(file: string): PutEventsRequestEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new InputError("events.unreadable_file", `cannot read ${file} as JSON: ${(error as Error).message}`, { file });
  }
  const entries = Array.isArray(parsed) ? parsed : (parsed as { Entries?: unknown })?.Entries;
  if (!Array.isArray(entries) || entries.length === 0 || entries.some((e) => typeof e !== "object" || e === null)) {
    throw new InputError("events.invalid_file", `${file} must hold a non-empty JSON array of PutEvents entries (or {"Entries": [...]})`, { file });
  }
  return entries.map((e) => {
    const entry = { ...(e as PutEventsRequestEntry) };
    if (entry.Detail !== undefined && typeof entry.Detail !== "string") entry.Detail = JSON.stringify(entry.Detail);
    return entry;
  });
}

/** Splits entries, in order, into calls of at most 10 entries and 256 KiB. */
export function putEventsBatches(entries: PutEventsRequestEntry[]): PutEventsRequestEntry[][] {
  const batches: PutEventsRequestEntry[][] = [];
  let batch: PutEventsRequestEntry[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = entrySize(entry);
    if (size > MAX_BYTES) throw new InputError("events.entry_too_large", `an entry of ${size} bytes is over EventBridge's ${MAX_BYTES}-byte limit`);
    if (batch.length === MAX_ENTRIES || bytes + size > MAX_BYTES) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(entry);
    bytes += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/** Network failures that mean nothing answers at the endpoint. */
const UNREACHABLE = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ETIMEDOUT", "UND_ERR_CONNECT_TIMEOUT"]);

function networkCode(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (typeof e.code === "string" && UNREACHABLE.has(e.code)) return e.code;
  }
  return undefined;
}

function unreachable(endpoint: string, code: string): InputError {
  return new InputError(
    "events.endpoint_unreachable",
    `nothing answers at ${endpoint} (${code}): start the local cloud first (npx pricing local, or npm start -- --keep-running), or check --endpoint`,
    { endpoint },
  );
}

/**
 * What a failed PutEvents call means for the user: no cloud at the endpoint, no region, no
 * credentials or an AWS refusal are InputErrors with what to fix; anything else is unexpected.
 */
export function explainPutFailure(error: unknown, endpoint: string | undefined): unknown {
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const code = networkCode(error);
  if (code) return endpoint ? unreachable(endpoint, code) : new InputError("events.endpoint_unreachable", `cannot reach EventBridge (${code}): check the network and the region`);
  if (e?.message === "Region is missing") {
    return new InputError("events.missing_region", "no AWS region: pass --region (the stage's region, us-east-1 unless sst.config.ts is given another) or set AWS_REGION or AWS_DEFAULT_REGION");
  }
  if (e?.name === "CredentialsProviderError" || /Could not load credentials/.test(e?.message ?? "")) {
    return new InputError("events.missing_credentials", "no AWS credentials: set AWS_PROFILE (after aws configure or aws sso login) or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; for the local cloud pass --endpoint");
  }
  if (e?.$metadata?.httpStatusCode !== undefined && typeof e.name === "string") {
    return new InputError("events.put_refused", `PutEvents was refused at ${endpoint ?? "AWS"}: ${e.name}: ${e.message ?? ""}`.trim(), { endpoint: endpoint ?? "AWS" });
  }
  return error;
}

/** The bus of the local cloud at `endpoint`, from its index page. */
async function localBusName(endpoint: string): Promise<string | undefined> {
  let response: Response;
  try {
    response = await fetch(new URL("/", endpoint));
  } catch (error) {
    const e = error as Error & { cause?: Error };
    throw unreachable(endpoint, networkCode(error) ?? e.cause?.message ?? e.message);
  }
  if (response.status === 503) {
    throw new InputError("events.endpoint_not_ready", `the local cloud at ${endpoint} is still starting (503): retry once it prints its banner`, { endpoint });
  }
  try {
    return ((await response.json()) as { busName?: string }).busName;
  } catch {
    return undefined;
  }
}

/** The region of the call: --region, else AWS_REGION (the SDK's), else AWS_DEFAULT_REGION (the aws CLI's). */
function regionOf(options: PutOptions, local: boolean): string | undefined {
  return options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? (local ? "us-east-1" : undefined);
}

async function putFile(file: string, options: PutOptions): Promise<void> {
  const endpoint = options.endpoint === undefined ? undefined : endpointOption("events.invalid_option", options.endpoint);
  const entries = readEntries(file);
  const bus = options.bus ?? (endpoint ? await localBusName(endpoint) : undefined);
  const local = endpoint !== undefined;
  const region = regionOf(options, local);
  const client = new EventBridgeClient({
    ...(region ? { region } : {}),
    ...(local ? { endpoint } : {}),
    // The local cloud checks no signature; AWS uses the default credential chain.
    ...(local && !process.env.AWS_ACCESS_KEY_ID ? { credentials: { accessKeyId: "local", secretAccessKey: "local" } } : {}),
  });
  let accepted = 0;
  const failures: string[] = [];
  try {
    for (const batch of putEventsBatches(bus ? entries.map((e) => ({ ...e, EventBusName: bus })) : entries)) {
      const out = await client.send(new PutEventsCommand({ Entries: batch }));
      (out.Entries ?? []).forEach((result, i) => {
        if (result.ErrorCode) failures.push(`${batch[i].DetailType ?? "?"}: ${result.ErrorCode} ${result.ErrorMessage ?? ""}`);
        else accepted++;
      });
    }
  } catch (error) {
    if (accepted > 0) console.error(`${accepted} of ${entries.length} events were put before the failure`);
    throw explainPutFailure(error, endpoint);
  } finally {
    client.destroy();
  }
  console.log(`${accepted} of ${entries.length} events put on ${bus ?? "the buses named in the file"} at ${endpoint ?? `AWS (${region ?? "the profile's region"})`}`);
  for (const failure of failures) console.error(`  failed: ${failure}`);
  if (failures.length > 0) process.exitCode = 1;
}

/** `pricing events put FILE`: posts feed events to the local cloud or to AWS. */
export function registerEvents(program: Command): void {
  const events = program.command("events").description("Post events to the app's bus");
  events
    .command("put <file>")
    .description("PutEvents from an entries file (10 entries per call, in order) to the local cloud (--endpoint) or to AWS")
    .option("--endpoint <url>", "the local cloud, e.g. http://127.0.0.1:4010 (default: AWS, with the default credential chain)")
    .option("--bus <name>", "put every entry on this bus (default: the local cloud's bus with --endpoint, else each entry's EventBusName)")
    .option("--region <region>", "AWS region (default: AWS_REGION, else AWS_DEFAULT_REGION, else the profile's)")
    .action((file: string, options: PutOptions) => putFile(file, options));
}
