import { createHash } from "node:crypto";
import { SqsError } from "./errors";

/** A message attribute as the JSON protocol carries it (binary values are base64 text). */
export interface MessageAttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
  StringListValues?: string[];
  BinaryListValues?: string[];
}

export type MessageAttributes = Record<string, MessageAttributeValue>;

/** Why a message is in a dead-letter queue, kept for the console. */
export interface DeadLetterRecord {
  reason: "maxReceiveCountExceeded" | "eventBridgeDeliveryFailed";
  sourceArn: string;
  receiveCount: number;
  movedAtMs: number;
}

/** A message as a local queue stores it. */
export interface StoredMessage {
  messageId: string;
  body: string;
  md5OfBody: string;
  messageAttributes: MessageAttributes;
  md5OfMessageAttributes?: string;
  senderId: string;
  sentTimestampMs: number;
  /** When the message can next be received (delay or visibility timeout), epoch ms. */
  visibleAtMs: number;
  receiveCount: number;
  firstReceiveTimestampMs?: number;
  /** The receipt handle of the latest receive; older handles no longer delete. */
  receiptHandle?: string;
  messageGroupId?: string;
  messageDeduplicationId?: string;
  sequenceNumber?: string;
  deadLetterSourceArn?: string;
  deadLetter?: DeadLetterRecord;
  systemAttributes?: MessageAttributes;
}

export const MAX_MESSAGE_BYTES = 262_144;

export function md5Hex(data: string | Buffer): string {
  return createHash("md5").update(data).digest("hex");
}

/**
 * MD5OfMessageAttributes as SQS computes it: attributes sorted by name, each encoded as
 * length-prefixed (4-byte big-endian) name, data type, a transport byte (1 string, 2
 * binary) and length-prefixed value.
 */
export function md5OfMessageAttributes(attributes: MessageAttributes): string | undefined {
  const names = Object.keys(attributes).sort();
  if (names.length === 0) return undefined;
  const parts: Buffer[] = [];
  const lengthPrefixed = (bytes: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    parts.push(length, bytes);
  };
  for (const name of names) {
    const value = attributes[name];
    lengthPrefixed(Buffer.from(name, "utf8"));
    lengthPrefixed(Buffer.from(value.DataType, "utf8"));
    if (value.BinaryValue !== undefined) {
      parts.push(Buffer.from([2]));
      lengthPrefixed(Buffer.from(value.BinaryValue, "base64"));
    } else {
      parts.push(Buffer.from([1]));
      lengthPrefixed(Buffer.from(value.StringValue ?? "", "utf8"));
    }
  }
  return md5Hex(Buffer.concat(parts));
}

// Characters SQS accepts in a body: #x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF.
// eslint-disable-next-line no-control-regex -- the SQS body spec allows exactly #x9, #xA and #xD below #x20, so the class names them
const INVALID_BODY_CHARACTER = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** Checks body and attributes as SendMessage does; returns the size in bytes. */
export function validateMessage(body: unknown, attributes: unknown, maxBytes: number): number {
  if (typeof body !== "string" || body.length === 0) {
    throw new SqsError("MissingParameter", "The request must contain the parameter MessageBody.");
  }
  if (INVALID_BODY_CHARACTER.test(body)) {
    throw new SqsError("InvalidMessageContents", "Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF");
  }
  let size = Buffer.byteLength(body, "utf8");
  const entries = Object.entries((attributes ?? {}) as MessageAttributes);
  if (entries.length > 10) {
    throw new SqsError("InvalidParameterValue", "Number of message attributes [" + entries.length + "] exceeds the allowed maximum [10].");
  }
  for (const [name, value] of entries) {
    if (!/^[A-Za-z0-9_.-]{1,256}$/.test(name) || name.startsWith("AWS.") || name.startsWith("Amazon.")) {
      throw new SqsError("InvalidParameterValue", `Message attribute name '${name}' is not valid.`);
    }
    if (!value || !/^(String|Number|Binary)(\..+)?$/.test(value.DataType ?? "")) {
      throw new SqsError("InvalidParameterValue", `The message attribute '${name}' has an invalid message attribute type.`);
    }
    const isBinary = value.DataType.startsWith("Binary");
    const content = isBinary ? value.BinaryValue : value.StringValue;
    if (content === undefined || content === "") {
      throw new SqsError("InvalidParameterValue", `The message attribute '${name}' must contain a non-empty message attribute value.`);
    }
    if (value.DataType.startsWith("Number") && !Number.isFinite(Number(content))) {
      throw new SqsError("InvalidParameterValue", `Can't cast the value of message (user) attribute '${name}' to a number.`);
    }
    size += Buffer.byteLength(name) + Buffer.byteLength(value.DataType);
    size += isBinary ? Buffer.from(content, "base64").length : Buffer.byteLength(content);
  }
  if (size > maxBytes) {
    throw new SqsError("InvalidParameterValue", `One or more parameters are invalid. Reason: Message must be shorter than ${maxBytes} bytes.`);
  }
  return size;
}

/** The message attributes a receive asked for: names, "All", ".*", or "prefix.*". */
export function selectMessageAttributes(attributes: MessageAttributes, requested: unknown): MessageAttributes | undefined {
  if (!Array.isArray(requested) || requested.length === 0) return undefined;
  const wanted = (name: string) =>
    requested.some((pattern: string) =>
      pattern === "All" || pattern === ".*" || pattern === name || (pattern.endsWith(".*") && name.startsWith(pattern.slice(0, -1))),
    );
  const selected = Object.fromEntries(Object.entries(attributes).filter(([name]) => wanted(name)));
  return Object.keys(selected).length > 0 ? selected : undefined;
}

/** The system attributes of a received message, as strings, filtered by the names asked for. */
export function systemAttributes(message: StoredMessage, requested: unknown): Record<string, string> | undefined {
  if (!Array.isArray(requested) || requested.length === 0) return undefined;
  const all: Record<string, string | undefined> = {
    SenderId: message.senderId,
    SentTimestamp: String(message.sentTimestampMs),
    ApproximateReceiveCount: String(message.receiveCount),
    ApproximateFirstReceiveTimestamp:
      message.firstReceiveTimestampMs !== undefined ? String(message.firstReceiveTimestampMs) : undefined,
    MessageGroupId: message.messageGroupId,
    MessageDeduplicationId: message.messageDeduplicationId,
    SequenceNumber: message.sequenceNumber,
    DeadLetterQueueSourceArn: message.deadLetterSourceArn,
    AWSTraceHeader: message.systemAttributes?.AWSTraceHeader?.StringValue,
  };
  const everything = requested.includes("All");
  const selected = Object.entries(all).filter(([name, value]) => value !== undefined && (everything || requested.includes(name)));
  return selected.length > 0 ? (Object.fromEntries(selected) as Record<string, string>) : undefined;
}
