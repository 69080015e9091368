import { randomUUID } from "node:crypto";
import { AwsServiceError } from "../protocol";

/** One entry of a PutEvents request, as the SDK sends it. */
export interface PutEventsEntry {
  Source?: string;
  DetailType?: string;
  /** JSON text of an object. */
  Detail?: string;
  /** Bus name or ARN; "default" when omitted. */
  EventBusName?: string;
  /** Epoch seconds (the JSON protocol's timestamp form), a Date, or ISO text. */
  Time?: number | string | Date;
  Resources?: string[];
  TraceHeader?: string;
}

/** The event a rule sees and a target receives (the `aws.events` envelope). */
export interface BusEvent {
  version: "0";
  id: string;
  "detail-type": string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
}

export type PutEventsResultEntry = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

export interface PutEventsResult {
  FailedEntryCount: number;
  Entries: PutEventsResultEntry[];
}

/** AWS's limit on one PutEvents entry (and on the whole request): 256 KB. */
export const MAX_ENTRY_BYTES = 256 * 1024;
export const MAX_ENTRIES_PER_REQUEST = 10;

/** Checks the request as a whole; a bad request fails with no entry accepted. */
export function validatePutEventsRequest(entries: unknown): PutEventsEntry[] {
  if (!Array.isArray(entries) || entries.length === 0 || entries.length > MAX_ENTRIES_PER_REQUEST) {
    const count = Array.isArray(entries) ? entries.length : 0;
    throw new AwsServiceError(
      "ValidationException",
      `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length between 1 and ${MAX_ENTRIES_PER_REQUEST} (got ${count})`,
    );
  }
  const total = entries.reduce((sum: number, entry: PutEventsEntry) => sum + entrySizeBytes(entry), 0);
  if (total > MAX_ENTRY_BYTES) {
    throw new AwsServiceError("ValidationException", `Total size of the entries in the request is over the limit (${total} > ${MAX_ENTRY_BYTES} bytes)`);
  }
  return entries as PutEventsEntry[];
}

/** Entry size as AWS counts it: 14 bytes for Time, UTF-8 bytes of Source, DetailType, Detail and Resources. */
export function entrySizeBytes(entry: PutEventsEntry): number {
  const bytes = (text: unknown) => (typeof text === "string" ? Buffer.byteLength(text, "utf8") : 0);
  let size = entry.Time !== undefined ? 14 : 0;
  size += bytes(entry.Source) + bytes(entry.DetailType) + bytes(entry.Detail);
  for (const resource of entry.Resources ?? []) size += bytes(resource);
  return size;
}

export type EntryCheck = { event: BusEvent; busName: string } | { ErrorCode: string; ErrorMessage: string };

/**
 * Builds the envelope for one entry, or the per-entry error AWS returns for it (a missing
 * Source/DetailType/Detail, Detail that is not a JSON object). Size is checked per request.
 */
export function buildBusEvent(
  entry: PutEventsEntry,
  where: { account: string; region: string; nowMs: number },
): EntryCheck {
  const missing = (["Source", "DetailType", "Detail"] as const).find((key) => typeof entry[key] !== "string" || entry[key] === "");
  if (missing) return invalidArgument(`Parameter ${missing} is not valid. Reason: ${missing} is a required argument.`);
  let detail: unknown;
  try {
    detail = JSON.parse(entry.Detail!);
  } catch {
    return invalidArgument("Parameter Detail is not valid. Reason: Detail is malformed.");
  }
  if (detail === null || typeof detail !== "object" || Array.isArray(detail)) {
    return invalidArgument("Parameter Detail is not valid. Reason: Detail must be a JSON object.");
  }
  const time = eventTime(entry.Time, where.nowMs);
  if (time === undefined) return invalidArgument("Parameter Time is not valid.");
  const busName = busNameOf(entry.EventBusName);
  return {
    busName,
    event: {
      version: "0",
      id: randomUUID(),
      "detail-type": entry.DetailType!,
      source: entry.Source!,
      account: where.account,
      time,
      region: where.region,
      resources: entry.Resources ?? [],
      detail: detail as Record<string, unknown>,
    },
  };
}

/** "default", a bus name, or the name part of a bus ARN. */
export function busNameOf(nameOrArn: string | undefined): string {
  if (!nameOrArn) return "default";
  const marker = ":event-bus/";
  const at = nameOrArn.indexOf(marker);
  return at >= 0 ? nameOrArn.slice(at + marker.length) : nameOrArn;
}

function invalidArgument(message: string) {
  return { ErrorCode: "InvalidArgument", ErrorMessage: message };
}

/** Event times are ISO-8601 to the second, as on AWS: "2017-10-02T16:24:49Z". */
function eventTime(time: PutEventsEntry["Time"], nowMs: number): string | undefined {
  let ms = nowMs;
  if (time instanceof Date) ms = time.getTime();
  else if (typeof time === "number") ms = time * 1000;
  else if (typeof time === "string") ms = Date.parse(time);
  if (!Number.isFinite(ms)) return undefined;
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}
