import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { InputError } from "@pricing/core/errors";
import { putEventsBatches, readEntries } from "@pricing/cli/commands/events";

const entry = (detailBytes: number, n = 0) => ({ Source: "s", DetailType: "t", Detail: JSON.stringify({ n, pad: "x".repeat(Math.max(0, detailBytes - 20)) }) });

describe("pricing events put: entries files and PutEvents batches", () => {
  test("splits in order into calls of at most 10 entries", () => {
    const entries = Array.from({ length: 25 }, (_, n) => entry(100, n));
    const batches = putEventsBatches(entries);
    assert.deepEqual(batches.map((b) => b.length), [10, 10, 5]);
    assert.deepEqual(batches.flat().map((e) => JSON.parse(e.Detail!).n), entries.map((_, n) => n));
  });

  test("starts a new call before a call's entries pass 256 KiB together", () => {
    const batches = putEventsBatches([entry(100 * 1024), entry(100 * 1024), entry(100 * 1024)]);
    assert.deepEqual(batches.map((b) => b.length), [2, 1]);
  });

  test("an entry over 256 KiB on its own is refused before anything is sent", () => {
    assert.throws(() => putEventsBatches([entry(10), entry(257 * 1024)]), (e: unknown) => e instanceof InputError && e.code === "events.entry_too_large");
  });

  test("reads the aws CLI's entries array and the {Entries} request form; an object Detail becomes JSON text", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "events-put-"));
    const list = path.join(dir, "list.json");
    const request = path.join(dir, "request.json");
    writeFileSync(list, JSON.stringify([{ Source: "s", DetailType: "t", Detail: { a: 1 } }]));
    writeFileSync(request, JSON.stringify({ Entries: [{ Source: "s", DetailType: "t", Detail: '{"a":1}' }] }));
    assert.deepEqual(readEntries(list), readEntries(request));
    assert.equal(readEntries(list)[0].Detail, '{"a":1}');
  });

  test("the repository's example files are valid entries files", () => {
    const entries = ["01", "02"].flatMap((n) => readEntries(path.join("examples", "put-events", `${n}.json`)));
    assert.equal(entries.length, 15);
    assert.deepEqual(putEventsBatches(entries).map((b) => b.length), [10, 5]);
  });

  test("a file that is not an entries array is an InputError", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "events-put-"));
    const bad = path.join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ nope: true }));
    assert.throws(() => readEntries(bad), (e: unknown) => e instanceof InputError && e.code === "events.invalid_file");
    assert.throws(() => readEntries(path.join(dir, "missing.json")), (e: unknown) => e instanceof InputError && e.code === "events.unreadable_file");
  });
});
