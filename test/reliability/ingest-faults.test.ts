import { afterAll, beforeAll, describe, test } from "vitest";
import assert from "node:assert/strict";
import { GetQueueAttributesCommand, StartMessageMoveTaskCommand } from "@aws-sdk/client-sqs";
import type { SQSBatchResponse, SQSEvent } from "aws-lambda";
import { ManualClock } from "@pricing/local";
import {
  allEnded, aroundInvoke, lifecycle, postFeed, postLive, prng, runSeed, runUntil, startHarness, type Harness, assertEndedAsReduced,
} from "./cloud";
import type { FeedEvent } from "@pricing/core/match/events";
import { RELIABILITY_SPORTS } from "./sports";

const MATCHES = 8;
const FAULT_RATE = 0.05;
const seed = runSeed();
let h: Harness & { clock: ManualClock };

beforeAll(async () => {
  h = (await startHarness({ clock: new ManualClock(Date.parse("2024-08-17T13:00:00Z")) })) as typeof h;
});
afterAll(() => h?.stop());

const queueUrl = (pattern: RegExp) => Object.values(h.cloud.resources.queues).find((url) => pattern.test(url))!;
/** A feed event's detail; a gap check (ingest's own message) has none. */
const detailOf = (body: string) => (JSON.parse(body).detail ?? {}) as { eventId?: string };

/**
 * Transient ingest faults, per record, as SQS sees them: the record fails before it is
 * processed (a throttled read), or after (the function died once its write was done);
 * either way it comes back after the visibility timeout. One event fails every time
 * while `poison` holds.
 */
function injectIngestFaults(random: () => number, poisoned: FeedEvent) {
  const faults = { before: 0, after: 0, poisonedAttempts: 0 };
  let poison = true;
  const undo = aroundInvoke(h.cloud, async (fn, event, proceed) => {
    if (!fn.logicalId.startsWith("IngestFunction")) return proceed();
    const records = (event as SQSEvent).Records;
    const failBefore = new Set<string>();
    const failAfter = new Set<string>();
    for (const r of records) {
      if (poison && detailOf(r.body).eventId === poisoned.eventId) {
        failBefore.add(r.messageId);
        faults.poisonedAttempts++;
      } else if (faults.before === 0 || random() < FAULT_RATE / 2) {
        // At least one fault of each kind, then one in twenty at random.
        failBefore.add(r.messageId);
        faults.before++;
      } else if (faults.after === 0 || random() < FAULT_RATE / 2) {
        failAfter.add(r.messageId);
        faults.after++;
      }
    }
    const kept = records.filter((r) => !failBefore.has(r.messageId));
    const result = kept.length > 0 ? await proceed({ Records: kept }) : { payload: null, requestId: "not-invoked", durationMs: 0, billedDurationMs: 0 };
    if (result.functionError) return result;
    const failures = [...((result.payload as SQSBatchResponse | null)?.batchItemFailures ?? []), ...[...failBefore, ...failAfter].map((id) => ({ itemIdentifier: id }))];
    return { ...result, payload: { batchItemFailures: failures } };
  });
  return { faults, cure: () => (poison = false), undo };
}

describe.each(RELIABILITY_SPORTS)(`transient ingest faults: $sport (seed ${seed})`, (sport) => {
  const feeds = sport.feeds(`ingest-${sport.sport}`, sport.matches(MATCHES), seed);
  const poisoned = feeds[0].at(-1)!;

  test(`${FAULT_RATE * 100}% of ingest attempts fail: every event applied once; a poisoned one waits in the DLQ until a redrive applies it`, async () => {
    const injected = injectIngestFaults(prng(seed), poisoned);
    const ids = feeds.map((f) => f[0].matchId);
    if (sport.fitsWindow) for (const feed of feeds) await postFeed(h, feed);
    // A match longer than the sequence window arrives live; its poisoned last event is not waited for.
    else await postLive(h, feeds, { lastWanted: new Map([[poisoned.matchId, poisoned.seq - 1]]) });

    const dlq = queueUrl(/MatchEventsQueueDlq/);
    const deadLetters = () => h.cloud.sqs.getQueue(dlq).peek();
    await runUntil(h, async () => deadLetters().length > 0 && (await allEnded(h, ids.slice(1))()), "the other matches' end and the poisoned event in the DLQ", { stepMs: 2000 });
    const [dead] = deadLetters();
    assert.equal(deadLetters().length, 1);
    assert.equal(detailOf(dead.body).eventId, poisoned.eventId);
    assert.equal(dead.deadLetter?.reason, "maxReceiveCountExceeded");
    assert.equal(dead.deadLetter?.receiveCount, 5, "dead-lettered after maxReceiveCount receives");
    assert.equal(injected.faults.poisonedAttempts, 5);
    assert.equal((await lifecycle(h, ids[0])).status, "RUNNING", "the match waits for its result");

    injected.cure();
    const { Attributes } = await h.sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq, AttributeNames: ["QueueArn"] }));
    await h.sqs.send(new StartMessageMoveTaskCommand({ SourceArn: Attributes!.QueueArn! }));
    await runUntil(h, allEnded(h, ids), "the redriven match's end", { stepMs: 2000 });
    injected.undo();
    assert.equal(deadLetters().length, 0);
    assert.ok(injected.faults.before >= 1 && injected.faults.after >= 1, JSON.stringify(injected.faults));

    for (const feed of feeds) {
      const matchId = feed[0].matchId;
      await assertEndedAsReduced(feed, seed, sport);
      assert.deepEqual((await lifecycle(h, matchId)).entered, sport.settledPath, matchId);
      const settled = h.engine.filter((e) => e.type === "Markets Settled" && e.detail.matchId === matchId);
      assert.equal(settled.length, 1, `${matchId}: settled once`);
    }
  });
});
