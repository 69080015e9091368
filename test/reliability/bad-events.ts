import fc from "fast-check";
import { z } from "zod";
import { FEED_SCHEMAS, FEED_SOURCE, type FeedEvent } from "@pricing/core/match/events";
import { SEQ_WINDOW } from "@pricing/core/match/sequencer";
import { MAX_SCORE_TEXT } from "@pricing/core/sports/tennis/events";
import { matchFeed } from "../support/match-feed";
import { shortTennisFeed } from "./sports";

/**
 * Generators of malformed feed input. Every generated case is invalid by construction
 * (a generator that could produce a valid event would make the property meaningless),
 * and carries the pattern its rejection reason must match.
 *
 * What "rejected" means per kind:
 * - wrong types, missing fields, oversize values, injected strings in constrained
 *   fields (ids, enums, times, the envelope), non-finite numbers: the message fails
 *   the event's zod schema (or is not JSON) and is stored as a RejectedEvent at once;
 * - unknown matches: an event of a match never scheduled (no `Match Scheduled`, seq 1)
 *   waits, parked, for the gap bound like any early event (a feed may deliver a new
 *   match's first events out of order); once the bound has passed it is refused as
 *   `match.unscheduled` and stored as a RejectedEvent. A seq 1 that is not
 *   `Match Scheduled` is refused at once. Parking sends a gap check to the feed queue,
 *   delivered after the bound, which refuses the event with no further event needed;
 * - far-ahead seqs: a seq more than SEQ_WINDOW ahead of its match's last applied one
 *   (the target match's or a match never scheduled) is refused at once, never parked;
 * - case-colliding ids: the target's id with upper case in it names another match, one
 *   never scheduled, and must never reach the target's state;
 * - prototype-named detail types (`constructor`, `__proto__`, ...): unknown detail types.
 */
export type BadKind =
  | "wrong type" | "missing field" | "oversize" | "unknown match" | "injected string" | "non-finite number" | "not JSON"
  | "far-ahead seq" | "case-colliding id" | "prototype detail-type"
  | "wrong sport" | "unknown player" | "impossible score" | "after the match";
/** Football's kinds (BadTarget.kinds has each sport's). */
export const BAD_KINDS: BadKind[] = [
  "wrong type", "missing field", "oversize", "unknown match", "injected string", "non-finite number", "not JSON",
  "far-ahead seq", "case-colliding id", "prototype detail-type",
];

/** An EventBridge entry as a feed would put it; `detail` is JSON text, possibly corrupted. */
export interface BadEntry {
  source: string;
  detailType: string;
  detail: string;
}

export interface BadCase {
  kind: BadKind;
  entry: BadEntry;
  /** The whole SQS body, when the corruption is in the envelope or the JSON itself (not postable through PutEvents). */
  body?: string;
  /** What the rejection reason must mention. */
  reason: RegExp;
  /** Unknown matches with seq > 1: parked, then refused by the gap check after the bound. */
  parks?: true;
}

/** The valid match every mutation starts from: scheduled, kicked off, one goal applied. */
export const TARGET_MATCH = "bad-input-target";
export const targetFeed = (): FeedEvent[] => {
  const feed = matchFeed(TARGET_MATCH, [
    { kind: "goal", team: "home", minute: 20 },
    { kind: "card", team: "away", colour: "red", minute: 30 },
    { kind: "disallow", minute: 35 },
  ]);
  const base = { matchId: TARGET_MATCH, occurredAt: "2024-08-17T13:00:00.000Z" };
  return [
    ...feed,
    { ...base, type: "Market Prices Observed", eventId: `${TARGET_MATCH}-mpo`, seq: feed.length + 1, bookmaker: "Pinnacle", matchResult: { home: 2.7, draw: 2.3, away: 4.4 }, overUnder25: { over: 1.9, under: 1.95 } },
    { ...base, type: "Match Abandoned", eventId: `${TARGET_MATCH}-ab`, seq: feed.length + 2, reason: "floodlight failure", minute: 60 },
  ] as FeedEvent[];
};
/** How many events of the target feed are ingested before the bad input arrives. */
export const TARGET_APPLIED = 3;

const INJECTIONS = [
  "'; DROP TABLE matches; --", "\" OR \"1\"=\"1", "<script>alert(1)</script>", "{\"$ne\": null}", "${process.exit(1)}",
  "\"}],\"seq\":1}", "\\u0000", "../../etc/passwd", "%00%27", "`rm -rf /`", "<img src=x onerror=alert(1)>",
];
const NON_FINITE = ["1e999", "-1e999", "NaN", "Infinity", "-Infinity"];
/** Fields whose schema constrains content (ids by pattern, enums, times): an injected string can never pass. */
const CONSTRAINED = new Set(["matchId", "team", "colour", "period", "occurredAt", "kickoff", "sport", "player", "server", "firstServer", "tour", "surface", "finalSet", "start", "score"]);

/**
 * The match the malformed input aims at, per sport: its feed (every event type a
 * mutation starts from), how many of its events are applied first, and for tennis a
 * second match already complete (its result confirmed), the target of events after the match.
 */
export interface BadTarget {
  sport: "football" | "tennis";
  match: string;
  feed(): FeedEvent[];
  applied: number;
  kinds: BadKind[];
  finished?: { match: string; feed(): FeedEvent[] };
}
const COMMON_KINDS: BadKind[] = [
  "wrong type", "missing field", "oversize", "unknown match", "injected string", "non-finite number", "not JSON",
  "far-ahead seq", "case-colliding id", "prototype detail-type",
];
export const FOOTBALL_TARGET: BadTarget = { sport: "football", match: TARGET_MATCH, feed: targetFeed, applied: TARGET_APPLIED, kinds: COMMON_KINDS };
const TENNIS_MATCH = "bad-input-tennis";
const TENNIS_DONE = "bad-input-tennis-done";
/** A short tennis match with every tennis event type: its own feed's, then a review, a walkover, the end and an abandonment. */
const tennisTargetFeed = (): FeedEvent[] => {
  const feed = shortTennisFeed(TENNIS_MATCH, 5, 12, "b") as Array<FeedEvent & Record<string, unknown>>;
  const base = { sport: "tennis", matchId: TENNIS_MATCH, occurredAt: "2030-06-01T12:30:00.000Z" };
  const extra = [
    { ...base, type: "Point Corrected", points: 1, score: "0-0 15-0", server: "a" },
    { ...base, type: "Play Suspended", reason: "rain" },
    { ...base, type: "Play Resumed" },
    { ...base, type: "Walkover", player: "a" },
    { ...base, type: "Match Ended" },
    { ...base, type: "Match Abandoned", reason: "rain" },
  ];
  return [...feed, ...extra.map((e, i) => ({ ...e, eventId: `${TENNIS_MATCH}-x${i + 1}`, seq: feed.length + i + 1 }))] as FeedEvent[];
};
export const TENNIS_TARGET: BadTarget = {
  sport: "tennis", match: TENNIS_MATCH, feed: tennisTargetFeed, applied: TARGET_APPLIED,
  kinds: [...COMMON_KINDS, "wrong sport", "unknown player", "impossible score", "after the match"],
  finished: { match: TENNIS_DONE, feed: () => shortTennisFeed(TENNIS_DONE, 6, 12, "a") },
};
export const BAD_TARGETS = [FOOTBALL_TARGET, TENNIS_TARGET];
const PLACEHOLDER = "\u0001raw\u0001";

type Path = string[];
type Detail = Record<string, unknown>;

function leaves(value: unknown, path: Path = []): Array<{ path: Path; value: unknown }> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return [{ path, value }];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
}

/** Required field paths of an event type, from its schema. */
function requiredPaths(schema: any, present: Detail, path: Path = []): Path[] {
  return (schema.required ?? []).flatMap((key: string) => {
    const child = schema.properties[key];
    const here = [...path, key];
    return child.type === "object" && present[key] ? [here, ...requiredPaths(child, present[key] as Detail, here)] : [here];
  });
}

/** The longest string the schema of a field allows, or the largest number. */
function upperBound(schema: any, path: Path): { maxLength?: number; maximum?: number } {
  let s = schema;
  for (const key of path) s = s.properties[key];
  const fromPattern = Number(/\{\d+,(\d+)\}\$$/.exec(s.pattern ?? "")?.[1] ?? NaN);
  return { maxLength: s.maxLength ?? (Number.isFinite(fromPattern) ? fromPattern : s.enum ? Math.max(...s.enum.map((e: string) => e.length)) : typeof s.const === "string" ? s.const.length : undefined), maximum: s.maximum ?? s.exclusiveMaximum };
}

const set = (detail: Detail, path: Path, value: unknown): Detail => {
  const copy = structuredClone(detail);
  let at: any = copy;
  for (const key of path.slice(0, -1)) at = at[key];
  if (value === undefined) delete at[path.at(-1)!];
  else at[path.at(-1)!] = value;
  return copy;
};
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const mentions = (path: Path) => new RegExp(escape(path.at(-1) ?? "detail"));

function templates(target: BadTarget) {
  const seen = new Set<string>();
  return target.feed().filter((e) => !seen.has(e.type) && seen.add(e.type)).map((event) => {
    const { type, ...detail } = event;
    return { type, detail: detail as Detail, schema: z.toJSONSchema(FEED_SCHEMAS[target.sport][type]) as any, target };
  });
}
type Template = ReturnType<typeof templates>[number];
const entryOf = (t: { type: string }, detail: Detail | string, source = FEED_SOURCE): BadEntry => ({
  source, detailType: t.type, detail: typeof detail === "string" ? detail : JSON.stringify(detail),
});

const otherType = (value: unknown): fc.Arbitrary<unknown> => {
  const all: Record<string, fc.Arbitrary<unknown>> = {
    string: fc.string({ maxLength: 12 }),
    number: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
    boolean: fc.boolean(),
    null: fc.constant(null),
    array: fc.array(fc.integer(), { maxLength: 3 }),
    object: fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
  };
  const kind = value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
  return fc.oneof(...Object.entries(all).filter(([k]) => k !== kind).map(([, a]) => a));
};

function wrongType(t: Template): fc.Arbitrary<BadCase> {
  const paths = [...leaves(t.detail), ...Object.keys(t.detail).filter((k) => typeof t.detail[k] === "object").map((k) => ({ path: [k], value: t.detail[k] })), { path: [], value: t.detail }];
  return fc.constantFrom(...paths).chain(({ path, value }) =>
    otherType(value).map((replacement) => ({
      kind: "wrong type" as const,
      entry: entryOf(t, path.length === 0 ? JSON.stringify(replacement) : set(t.detail, path, replacement)),
      reason: path.length === 0 ? /detail/ : mentions(path),
    })),
  );
}

function missingField(t: Template): fc.Arbitrary<BadCase> {
  // An event without `sport` is read as the default sport's (football's): no such event, not these fields, or the wrong sport for the match.
  const reasonOf = (path: Path) => (path.join(".") === "sport" ? /unknown detail-type|invalid "|a football event for match/ : mentions(path));
  // Such an event may read as a valid football one: given a seq past the applied ones, it is refused for its sport, not taken for a duplicate.
  const detailOf = (path: Path) => (path.join(".") === "sport" ? { ...set(t.detail, path, undefined), seq: Math.max(Number(t.detail.seq), t.target.applied + 1) } : set(t.detail, path, undefined));
  return fc.constantFrom(...requiredPaths(t.schema, t.detail)).map((path) => ({ kind: "missing field" as const, entry: entryOf(t, detailOf(path)), reason: reasonOf(path) }));
}

function oversize(t: Template): fc.Arbitrary<BadCase> {
  const strings = leaves(t.detail).filter((l) => typeof l.value === "string");
  const numbers = leaves(t.detail).filter((l) => typeof l.value === "number" && upperBound(t.schema, l.path).maximum !== undefined);
  const longString = fc.constantFrom(...strings).chain(({ path }) =>
    fc.integer({ min: upperBound(t.schema, path).maxLength! + 1, max: 70_000 }).map((n) => ({ path, value: "x".repeat(n) as unknown })),
  );
  const bigNumber = fc.constantFrom(...numbers).chain(({ path }) =>
    fc.integer({ min: 0, max: 1e9 }).map((d) => ({ path, value: upperBound(t.schema, path).maximum! + 1 + d as unknown })),
  );
  return fc.oneof(longString, bigNumber).map(({ path, value }) => ({ kind: "oversize" as const, entry: entryOf(t, set(t.detail, path, value)), reason: mentions(path) }));
}

function injected(t: Template): fc.Arbitrary<BadCase> {
  const injection = fc.tuple(fc.constantFrom(...INJECTIONS), fc.string({ maxLength: 8 })).map(([a, b]) => a + b);
  const fields = leaves(t.detail).filter((l) => CONSTRAINED.has(l.path.at(-1)!));
  const inDetail = fc.tuple(fc.constantFrom(...fields), injection).map(([{ path }, s]) => ({ kind: "injected string" as const, entry: entryOf(t, set(t.detail, path, s)), reason: mentions(path) }));
  const inType = injection.map((s) => ({ kind: "injected string" as const, entry: { ...entryOf(t, t.detail), detailType: s }, reason: /detail-type/ }));
  const inSource = injection.map((s) => ({ kind: "injected string" as const, entry: entryOf(t, t.detail, s), reason: /source must be/ }));
  return fc.oneof(inDetail, inType, inSource);
}

function nonFinite(t: Template): fc.Arbitrary<BadCase> {
  const numbers = leaves(t.detail).filter((l) => typeof l.value === "number");
  return fc.tuple(fc.constantFrom(...numbers), fc.constantFrom(...NON_FINITE)).map(([{ path }, token]) => ({
    kind: "non-finite number" as const,
    entry: entryOf(t, JSON.stringify(set(t.detail, path, PLACEHOLDER)).replace(JSON.stringify(PLACEHOLDER), token)),
    // 1e999 parses, to Infinity, and fails the field's schema; NaN and Infinity are not JSON.
    reason: token.endsWith("e999") ? mentions(path) : /not JSON/,
  }));
}

const unknownMatchId = fc.stringMatching(/^[A-Za-z0-9_-]{1,50}$/);

function unknownMatch(t: Template): fc.Arbitrary<BadCase> {
  return fc.tuple(unknownMatchId, fc.integer({ min: 1, max: SEQ_WINDOW })).map(([id, seq]) => {
    const matchId = `unknown-${id}`;
    // A Match Scheduled with seq 1 is how a match comes to exist: not bad input.
    const first = { ...t.detail, matchId, seq: t.type === "Match Scheduled" && seq === 1 ? 2 : seq };
    return {
      kind: "unknown match" as const,
      entry: entryOf(t, first),
      ...(first.seq === 1 ? {} : { parks: true as const }),
      reason: /was never scheduled/,
    };
  });
}

/** Seqs beyond the window whatever the match has applied so far (each target has applied at most TARGET_APPLIED). */
const farSeq = fc.oneof(fc.integer({ min: TARGET_APPLIED + SEQ_WINDOW + 1, max: TARGET_APPLIED + 2 * SEQ_WINDOW }), fc.integer({ min: 1000, max: 1_000_000 }));
const FAR_AHEAD = /seq \d+ is more than \d+ ahead/;

function farAhead(t: Template): fc.Arbitrary<BadCase> {
  const ofTarget = farSeq.map((seq) => ({ ...t.detail, seq }));
  const ofUnknown = fc.tuple(unknownMatchId, farSeq).map(([id, seq]) => ({ ...t.detail, matchId: `far-${id}`, seq }));
  return fc.oneof(ofTarget, ofUnknown).map((detail) => ({ kind: "far-ahead seq" as const, entry: entryOf(t, detail), reason: FAR_AHEAD }));
}

/** The target's id with at least one letter upper-cased: another match, never scheduled. */
const caseVariant = (target: string) => fc.array(fc.boolean(), { minLength: target.length, maxLength: target.length }).map((upper) => {
  const letters = [...target].map((ch, i) => (upper[i] ? ch.toUpperCase() : ch));
  if (letters.join("") === target) letters[0] = letters[0].toUpperCase();
  return letters.join("");
});

function caseColliding(t: Template): fc.Arbitrary<BadCase> {
  // Refused at once, so nothing is stored for the variant: a seq 1 that is not its Match
  // Scheduled, or (a Match Scheduled would schedule it) a seq beyond the window.
  return fc.tuple(caseVariant(t.target.match), farSeq).map(([matchId, far]) => {
    const scheduling = t.type === "Match Scheduled";
    const detail = { ...t.detail, matchId, seq: scheduling ? far : 1 };
    return { kind: "case-colliding id" as const, entry: entryOf(t, detail), reason: scheduling ? FAR_AHEAD : /was never scheduled/ };
  });
}

/** Names every object inherits: a lookup with `in` would take them for event types. */
export const PROTOTYPE_NAMES = [
  "constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "isPrototypeOf", "propertyIsEnumerable", "toLocaleString", "__defineGetter__", "__lookupSetter__",
];

function prototypeType(t: Template): fc.Arbitrary<BadCase> {
  return fc.constantFrom(...PROTOTYPE_NAMES).map((name) => ({
    kind: "prototype detail-type" as const,
    entry: { ...entryOf(t, t.detail), detailType: name },
    reason: new RegExp(`unknown detail-type "${escape(name)}"`),
  }));
}

/** Corruptions of the SQS body itself: not JSON, or an envelope missing or mistyping a field. */
function brokenBody(t: Template): fc.Arbitrary<BadCase> {
  const body = envelopeBody(entryOf(t, t.detail));
  const truncated = fc.integer({ min: 0, max: body.length - 1 }).map((n) => ({ body: body.slice(0, n), reason: /not JSON/ }));
  const prefixed = fc.constantFrom(...INJECTIONS).map((s) => ({ body: s + body, reason: /not JSON/ }));
  const envelope = fc.constantFrom("source", "detail-type", "detail").chain((key) =>
    fc.oneof(fc.constant(undefined), otherType("")).map((v) => {
      const parsed = JSON.parse(body);
      if (v === undefined) delete parsed[key];
      else parsed[key] = v;
      return { body: JSON.stringify(parsed), reason: new RegExp(escape(key)) };
    }),
  );
  return fc.oneof(truncated, prefixed, envelope).map(({ body: b, reason }) => ({ kind: "not JSON" as const, entry: entryOf(t, t.detail), body: b, reason }));
}

/** A football event aimed at the tennis target, inside its window: refused as the wrong sport for the match. */
function wrongSport(t: Template): fc.Arbitrary<BadCase> {
  const football = templates(FOOTBALL_TARGET);
  return fc.tuple(fc.constantFrom(...football), fc.integer({ min: t.target.applied + 1, max: t.target.applied + SEQ_WINDOW })).map(([f, seq]) => ({
    kind: "wrong sport" as const,
    entry: entryOf(f, { ...f.detail, matchId: t.target.match, seq }),
    reason: new RegExp(`a football event for match ${escape(t.target.match)}, scheduled as tennis`),
  }));
}

/** A player named other than a or b, wherever the event names one. */
function unknownPlayer(t: Template): fc.Arbitrary<BadCase> | null {
  const fields = leaves(t.detail).filter((l) => ["player", "server", "firstServer"].includes(l.path.at(-1)!));
  if (fields.length === 0) return null;
  const name = fc.oneof(fc.constantFrom("c", "A", "B", "", "player a", "ab", "home"), fc.string({ minLength: 2, maxLength: 6 }));
  return fc.tuple(fc.constantFrom(...fields), name).map(([{ path }, v]) => ({ kind: "unknown player" as const, entry: entryOf(t, set(t.detail, path, v)), reason: mentions(path) }));
}

/** Scores no match can have: more than five sets, games out of range or not whole, a score text that is no score. */
function impossibleScore(t: Template): fc.Arbitrary<BadCase> | null {
  if (t.type === "Result Confirmed") {
    const game = fc.oneof(fc.integer({ min: 100, max: 1e6 }), fc.integer({ min: -1e6, max: -1 }), fc.double({ min: 0.1, max: 6.9, noInteger: true }));
    const tooMany = fc.array(fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 7 })), { minLength: 6, maxLength: 9 });
    const badGame = fc.tuple(game, fc.integer({ min: 0, max: 7 }), fc.boolean()).map(([g, o, first]) => [first ? [g, o] : [o, g], [6, 4]]);
    return fc.oneof(tooMany, badGame).map((sets) => ({ kind: "impossible score" as const, entry: entryOf(t, { ...t.detail, sets }), reason: /sets/ }));
  }
  if (!("score" in t.detail)) return null;
  const text = fc.oneof(
    fc.constant(""), fc.constant("6-4 x-2"), fc.constant("6:4 3:2"), fc.constant("love-15"),
    fc.integer({ min: MAX_SCORE_TEXT + 1, max: 500 }).map((n) => "6".repeat(n)),
    fc.string({ minLength: 1, maxLength: 12 }).filter((x) => !/^[0-9AaDd -]+$/.test(x)),
  );
  return text.map((score) => ({ kind: "impossible score" as const, entry: entryOf(t, { ...t.detail, score }), reason: /score/ }));
}

/** Events of the tennis match already complete, next in its sequence: refused, the result stands. */
function afterTheMatch(t: Template): fc.Arbitrary<BadCase> | null {
  const done = t.target.finished;
  if (!done) return null;
  const last = done.feed().length;
  return fc.integer({ min: last + 1, max: last + SEQ_WINDOW }).map((seq) => ({
    kind: "after the match" as const,
    entry: entryOf(t, { ...t.detail, matchId: done.match, seq }),
    reason: new RegExp(`match ${escape(done.match)} is (CONFIRMED|SETTLED): a ${escape(t.type)} \\(seq ${seq}\\) after its outcome is complete`),
  }));
}

/** Any malformed case, over every event type of the target match (football's unless another target is given); each kind equally likely. */
export function badCase(options: { bodies?: boolean; target?: BadTarget } = {}): fc.Arbitrary<BadCase> {
  const target = options.target ?? FOOTBALL_TARGET;
  const ts = templates(target);
  const common = [wrongType, missingField, oversize, injected, nonFinite, unknownMatch, farAhead, caseColliding, prototypeType, ...(options.bodies === false ? [] : [brokenBody])];
  const own = target.sport === "tennis" ? [wrongSport, unknownPlayer, impossibleScore, afterTheMatch] : [];
  // The kind first, then an event type it applies to: a kind that fits few event types
  // (an impossible score needs a score) is drawn as often as the others.
  const kinds = [...common, ...own]
    .map((k) => ts.map((t) => k(t)).filter((a): a is fc.Arbitrary<BadCase> => a !== null))
    .filter((arbs) => arbs.length > 0);
  return fc.oneof(...kinds.map((arbs) => fc.oneof(...arbs)));
}

/** The SQS body the feed rule would deliver for an entry (raw detail text kept as is). */
export function envelopeBody(entry: BadEntry, id = "bad"): string {
  return (
    `{"version":"0","id":${JSON.stringify(id)},"detail-type":${JSON.stringify(entry.detailType)},"source":${JSON.stringify(entry.source)},` +
    `"account":"000000000000","time":"2024-08-17T13:00:00Z","region":"us-east-1","resources":[],"detail":${entry.detail}}`
  );
}
