import { afterAll, beforeAll, describe, test } from "vitest";
import assert from "node:assert/strict";
import { PutEventsCommand } from "@aws-sdk/client-eventbridge";
import fc from "fast-check";
import { FEED_SOURCE } from "@pricing/core/match/events";
import { GAP_BOUND_SECONDS } from "@pricing/core/policy";
import { loadState } from "@pricing/core/store/match-state";
import { ManualClock } from "@pricing/local";
import { validateMessage } from "@pricing/local/sqs/message";
import { advance, lifecycle, postFeed, runSeed, runUntil, startHarness, type Harness } from "./cloud";
import { badCase, TARGET_MATCH, targetFeed, type BadCase, type BadEntry } from "./bad-events";

const SAMPLE = 100;
/** Largest message the feed queue takes (the template's MaximumMessageSize). */
const QUEUE_MESSAGE_BYTES = 64 * 1024;
const seed = runSeed();
let h: Harness & { clock: ManualClock };

beforeAll(async () => {
  h = (await startHarness({ clock: new ManualClock(Date.parse("2024-08-17T14:30:00Z")) })) as typeof h;
  // Scheduled only: an in-play match would reprice on every tick while the clock runs through delivery retries.
  await postFeed(h, targetFeed().slice(0, 1));
  await runUntil(h, async () => (await loadState(TARGET_MATCH)).lastSeq === 1, "the target match scheduled");
});
afterAll(() => h?.stop());

const rejections = () => h.engine.filter((e) => e.type === "Event Rejected");
const deliveryDlq = () => h.cloud.sqs.getQueue(Object.values(h.cloud.resources.queues).find((u) => /FeedDeliveryDlq/.test(u))!);
/** Whether the feed queue takes the message the rule would make of the entry (as the local queue checks it). */
function fitsQueue(e: BadEntry): boolean {
  const envelope = { version: "0", id: "00000000-0000-0000-0000-000000000000", "detail-type": e.detailType, source: e.source, account: h.cloud.accountId, time: "2024-08-17T14:30:00Z", region: h.cloud.region, resources: [], detail: JSON.parse(e.detail) };
  try {
    validateMessage(JSON.stringify(envelope), {}, QUEUE_MESSAGE_BYTES);
    return true;
  } catch {
    return false;
  }
}
const entryOf = (e: BadEntry) => ({ Source: e.source, DetailType: e.detailType, Detail: e.detail, EventBusName: h.cloud.busName });

/** Puts one entry; the bus's own refusal (Detail not a JSON object) is returned, else null. */
async function put(e: BadEntry): Promise<string | null> {
  const out = await h.events.send(new PutEventsCommand({ Entries: [entryOf(e)] }));
  const entry = out.Entries![0];
  return "ErrorCode" in entry && entry.ErrorCode ? `${entry.ErrorCode}: ${entry.ErrorMessage}` : null;
}

describe(`bad input through the local cloud's PutEvents (seed ${seed})`, () => {
  test(`${SAMPLE} malformed feed events: each refused by the bus, rejected by ingest with its reason, or dead-lettered when too big to queue`, async () => {
    // A foreign source is not a feed event: no rule routes it, so it cannot reach ingest (checked below).
    const cases = fc.sample(badCase({ bodies: false }).filter((c) => c.entry.source === FEED_SOURCE), { numRuns: SAMPLE, seed });
    const before = await loadState(TARGET_MATCH);
    const outcome = { refusedByBus: 0, rejected: 0, deadLettered: 0 };
    for (const [i, c] of cases.entries()) {
      const unique: BadCase = c.kind === "unknown match" ? renamed(c, `c${i}`) : c;
      const refused = await put(unique.entry);
      if (refused) {
        assert.match(refused, /Detail/, `${unique.kind}: ${refused}`);
        outcome.refusedByBus++;
        continue;
      }
      if (!fitsQueue(unique.entry)) {
        // The bus retries on the clock (1 s doubling to 5 min, 20 retries) before the DLQ: about an hour.
        for (let minute = 0; minute < 6 * 60 && deliveryDlq().peek().length === outcome.deadLettered; minute++) {
          await h.clock.advance(60_000);
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
        outcome.deadLettered++;
        continue;
      }
      const seen = rejections().length;
      await advance(h, 2);
      // A parked event of a match never scheduled is refused by the gap check ingest sent itself.
      if (unique.parks) await advance(h, GAP_BOUND_SECONDS, GAP_BOUND_SECONDS);
      const added = rejections().slice(seen);
      assert.equal(added.length, 1, `${unique.kind}: ${unique.entry.detail.slice(0, 200)}`);
      for (const r of added) assert.match(r.detail.reason, unique.reason, `${unique.kind}: ${unique.entry.detail.slice(0, 200)}`);
      outcome.rejected++;
    }
    assert.equal(outcome.refusedByBus + outcome.rejected + outcome.deadLettered, SAMPLE);
    assert.ok(outcome.rejected >= SAMPLE / 2, JSON.stringify(outcome));
    const deadLetters = deliveryDlq().peek();
    assert.equal(deadLetters.length, outcome.deadLettered);
    for (const m of deadLetters) assert.match(m.messageAttributes.ERROR_MESSAGE?.StringValue ?? "", /shorter than 65536 bytes/);

    assert.deepEqual(await loadState(TARGET_MATCH), before, "the target match's state is untouched");
    const other = h.engine.filter((e) => e.type !== "Event Rejected" && e.detail.matchId !== TARGET_MATCH);
    assert.deepEqual(other, [], "no engine event but rejections for any other match");
    for (const kind of ["far-ahead seq", "case-colliding id", "prototype detail-type"]) assert.ok(cases.some((c) => c.kind === kind), `no ${kind} case`);
    for (const c of cases.filter((x) => x.kind === "case-colliding id")) {
      const matchId = JSON.parse(c.entry.detail).matchId as string;
      assert.equal((await loadState(matchId)).version, 0, `${matchId}: nothing stored`);
    }
    for (const c of cases.filter((x) => x.kind === "unknown match")) {
      const matchId = JSON.parse(c.entry.detail).matchId as string;
      assert.equal((await lifecycle(h, matchId)).status, undefined, `${matchId}: no Lifecycle`);
    }
  });

  test("an event from another source is routed nowhere and changes nothing", async () => {
    const matched = h.cloud.usage().eventBridge.matchedRules;
    const seen = h.engine.length;
    await put({ source: "attacker.feed", detailType: "Match Started", detail: JSON.stringify({ ...targetFeed()[1], type: undefined }) });
    await advance(h, 2);
    assert.equal(h.cloud.usage().eventBridge.matchedRules, matched);
    assert.equal(h.engine.length, seen);
  });
});

function renamed(c: BadCase, suffix: string): BadCase {
  const rename = (detail: string) => JSON.stringify({ ...JSON.parse(detail), matchId: `${JSON.parse(detail).matchId}-${suffix}`.slice(0, 80) });
  return { ...c, entry: { ...c.entry, detail: rename(c.entry.detail) } };
}

describe("malformed entries in one PutEvents batch with valid ones", () => {
  test("each malformed entry gets PutEvents' own error at its index or is routed nowhere; every valid entry of the batch is applied", async () => {
    const valid = targetFeed().slice(1, 4);
    const before = await loadState(TARGET_MATCH);
    assert.equal(before.lastSeq, 1, "the target is scheduled only");
    const good = valid.map((e) => { const { type, ...detail } = e; return { Source: FEED_SOURCE, DetailType: type, Detail: JSON.stringify(detail), EventBusName: h.cloud.busName }; });
    const bad = [
      { Source: FEED_SOURCE, DetailType: "Goal Scored", Detail: "{not json", EventBusName: h.cloud.busName },
      { Source: FEED_SOURCE, Detail: good[0].Detail, EventBusName: h.cloud.busName },
      { DetailType: "Goal Scored", Detail: good[0].Detail, EventBusName: h.cloud.busName },
      { Source: FEED_SOURCE, DetailType: "Goal Scored", Detail: "[1, 2]", EventBusName: h.cloud.busName },
      { Source: "attacker.feed", DetailType: "Goal Scored", Detail: good[1].Detail, EventBusName: h.cloud.busName },
    ];
    // Interleaved: good, bad, good, bad, ...
    const entries = [good[0], bad[0], bad[1], good[1], bad[2], bad[3], good[2], bad[4]];
    const matched = h.cloud.usage().eventBridge.matchedRules;
    // The earlier test's malformed entries reuse the target feed's event ids: only this batch's rejections count.
    const rejectedBefore = rejections().length;
    const out = await h.events.send(new PutEventsCommand({ Entries: entries }));
    const codes = out.Entries!.map((e) => ("ErrorCode" in e && e.ErrorCode ? e.ErrorCode : "ok"));
    assert.deepEqual(codes, ["ok", "InvalidArgument", "InvalidArgument", "ok", "InvalidArgument", "InvalidArgument", "ok", "ok"]);
    assert.equal(out.FailedEntryCount, 4);
    for (const e of out.Entries!) if (e.ErrorCode) assert.ok(e.ErrorMessage && e.ErrorMessage.length > 0, "each refusal says why");
    await runUntil(h, async () => (await loadState(TARGET_MATCH)).lastSeq === 4, "the three valid events applied");
    assert.equal(h.cloud.usage().eventBridge.matchedRules - matched, 3, "only the three valid feed entries matched the feed rule; the foreign source none");
    // Of this batch only the valid entries reach ingest (the malformed ones are refused by PutEvents or routed nowhere).
    assert.deepEqual(rejections().slice(rejectedBefore).filter((r) => r.detail.matchId === TARGET_MATCH), [], "no valid entry was rejected");
  });

  test("an entry over PutEvents' 256 KB fails the whole request with an error the caller sees; nothing of it is delivered", async () => {
    const seen = h.engine.length;
    const matched = h.cloud.usage().eventBridge.matchedRules;
    const huge = { Source: FEED_SOURCE, DetailType: "Goal Scored", Detail: JSON.stringify({ padding: "x".repeat(256 * 1024) }), EventBusName: h.cloud.busName };
    const scheduled = { Source: FEED_SOURCE, DetailType: "Match Scheduled", Detail: JSON.stringify({ ...targetFeed()[0], type: undefined, matchId: "oversize-batch", eventId: "oversize-batch-1" }), EventBusName: h.cloud.busName };
    await assert.rejects(h.events.send(new PutEventsCommand({ Entries: [scheduled, huge] })), (err: Error) => /size|large|256/i.test(`${err.name} ${err.message}`));
    await advance(h, 2);
    assert.equal(h.cloud.usage().eventBridge.matchedRules, matched);
    assert.equal(h.engine.length, seen);
    assert.equal((await loadState("oversize-batch")).version, 0, "the valid entry of the refused request was not delivered: the caller must resend it");
  });
});
