import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from "@aws-sdk/client-eventbridge";
import { InputError } from "@pricing/core/errors";

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

/** The bus of the local cloud at `endpoint`, from its index page. */
async function localBusName(endpoint: string): Promise<string | undefined> {
  try {
    const response = await fetch(new URL("/", endpoint));
    return ((await response.json()) as { busName?: string }).busName;
  } catch {
    return undefined;
  }
}

async function putFile(file: string, options: PutOptions): Promise<void> {
  const entries = readEntries(file);
  const bus = options.bus ?? (options.endpoint ? await localBusName(options.endpoint) : undefined);
  const local = options.endpoint !== undefined;
  const client = new EventBridgeClient({
    ...(options.region ? { region: options.region } : local ? { region: process.env.AWS_REGION ?? "us-east-1" } : {}),
    ...(local ? { endpoint: options.endpoint } : {}),
    // The local cloud checks no signature; AWS uses the default credential chain.
    ...(local && !process.env.AWS_ACCESS_KEY_ID ? { credentials: { accessKeyId: "local", secretAccessKey: "local" } } : {}),
  });
  let accepted = 0;
  const failures: string[] = [];
  for (const batch of putEventsBatches(bus ? entries.map((e) => ({ ...e, EventBusName: bus })) : entries)) {
    const out = await client.send(new PutEventsCommand({ Entries: batch }));
    (out.Entries ?? []).forEach((result, i) => {
      if (result.ErrorCode) failures.push(`${batch[i].DetailType ?? "?"}: ${result.ErrorCode} ${result.ErrorMessage ?? ""}`);
      else accepted++;
    });
  }
  client.destroy();
  console.log(`${accepted} of ${entries.length} events put on ${bus ?? "the buses named in the file"} at ${options.endpoint ?? "AWS"}`);
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
    .option("--region <region>", "AWS region (default: the SDK's)")
    .action((file: string, options: PutOptions) => putFile(file, options));
}
