import { afterAll, beforeAll, beforeEach, describe, test } from "vitest";
import assert from "node:assert/strict";
import { ingestMessage } from "@pricing/core/match/flows/ingest";
import { Epoch } from "@pricing/core/match/epoch";
import { loadState, matchStateEntity } from "@pricing/core/store/match-state";
import { rejectedEventEntity } from "@pricing/core/store/rejected-event";
import { engineTable } from "@pricing/core/store/table";
import { GAP_BOUND_SECONDS, UNSCHEDULED_EXPIRY_SECONDS } from "@pricing/core/policy";
import { matchFeed } from "../support/match-feed";
import { eventBridgeBody, startAws } from "../support/aws";

let aws: Awaited<ReturnType<typeof startAws>>;
beforeAll(async () => { aws = await startAws(); });
afterAll(async () => { await aws.stop(); });
beforeEach(() => { aws.calls.length = 0; });

const stored = async (matchId: string) => (await engineTable().entity(matchStateEntity).get({ matchId }).go({ consistent: true })).data;
const rejections = () => aws.engineEvents().filter((e) => e.type === "Event Rejected");

describe("the parked events of a match never scheduled expire", () => {
  test("its state item carries a TTL an hour after its last write; once scheduled, none", async () => {
    const feed = matchFeed("expiry-ttl", []);
    const t0 = Date.parse(feed[1].occurredAt);
    assert.equal((await ingestMessage(eventBridgeBody(feed[1]), new Date(t0))).outcome, "parked");
    assert.equal((await stored("expiry-ttl"))?.expiresAt, Math.floor(t0 / 1000) + UNSCHEDULED_EXPIRY_SECONDS);
    assert.equal((await ingestMessage(eventBridgeBody(feed[0]), new Date(t0 + 1000))).outcome, "applied");
    const scheduled = await stored("expiry-ttl");
    assert.equal(scheduled?.lastSeq, 2, "the parked event applied behind its Match Scheduled");
    assert.equal(scheduled?.expiresAt, undefined, "a scheduled match's item does not expire");
  });

  test("the gap check lost: the next read past the expiry refuses what was still parked, announces it as expired, and deletes the item", async () => {
    const feed = matchFeed("expiry-lost-check", []);
    const t0 = Date.parse(feed[2].occurredAt);
    for (const e of [feed[2], feed[3]]) assert.equal((await ingestMessage(eventBridgeBody(e), new Date(t0))).outcome, "parked");
    assert.equal(aws.calls.filter((c) => c.service === "sqs:SendMessage").length, 1, "one gap check, here never delivered");
    // Before the expiry the item holds them (a gap check, had it come, would have refused them).
    assert.deepEqual((await loadState("expiry-lost-check")).parked.map((e) => e.seq), [3, 4]);

    const later = new Date(t0 + UNSCHEDULED_EXPIRY_SECONDS * 1000);
    const report = await ingestMessage(JSON.stringify({ gapCheck: { matchId: "expiry-lost-check" } }), later);
    assert.ok(report.outcome === "gapChecked" && report.version === 0, JSON.stringify(report));
    const refused = rejections();
    assert.deepEqual(refused.map((r) => r.detail.eventId), [feed[2].eventId, feed[3].eventId]);
    for (const r of refused) assert.match(r.detail.reason, /was never scheduled: its event parked since .* expired after 3600 s with no Match Scheduled/);
    for (const r of refused) assert.equal(r.detail.matchId, "expiry-lost-check");
    const { data: rows } = await engineTable().entity(rejectedEventEntity).scan.where((a, op) => op.eq(a.matchId, "expiry-lost-check")).go({ pages: "all" });
    assert.equal(rows.length, 2, "both stored as rejections");
    assert.equal(await stored("expiry-lost-check"), null, "the item is gone");
    const again = await ingestMessage(JSON.stringify({ gapCheck: { matchId: "expiry-lost-check" } }), new Date(later.getTime() + 1000));
    assert.equal(again.outcome, "gapChecked");
    assert.equal(rejections().length, 2, "nothing refused twice");
  });

  test("an event arriving after the expiry: the expired ones are refused first, then the new one is sequenced on an empty match", async () => {
    const feed = matchFeed("expiry-late-event", []);
    const t0 = Date.parse(feed[1].occurredAt);
    assert.equal((await ingestMessage(eventBridgeBody(feed[1]), new Date(t0))).outcome, "parked");
    const later = t0 + (UNSCHEDULED_EXPIRY_SECONDS + 5) * 1000;
    const scheduled = await ingestMessage(eventBridgeBody(feed[0]), new Date(later));
    assert.equal(scheduled.outcome, "applied");
    assert.deepEqual(rejections().map((r) => r.detail.eventId), [feed[1].eventId]);
    const state = await loadState("expiry-late-event");
    assert.equal(state.lastSeq, 1, "seq 2 expired; the match starts again from its Match Scheduled");
    assert.equal(state.version, 1);
    assert.equal(state.epoch, Epoch.Scheduled);
  });

  test("the policy: the expiry is far beyond the gap bound that refuses them first", () => {
    assert.ok(UNSCHEDULED_EXPIRY_SECONDS >= 10 * GAP_BOUND_SECONDS);
  });
});

describe("a match whose outcome is complete", () => {
  test("a new event after its result is confirmed is refused with its reason, stored and announced, and changes nothing", async () => {
    const feed = matchFeed("finished-match", [{ kind: "goal", team: "home", minute: 10 }]);
    const t0 = Date.parse(feed[0].occurredAt);
    for (const e of feed) assert.equal((await ingestMessage(eventBridgeBody(e), new Date(t0))).outcome, "applied");
    const before = await loadState("finished-match");
    assert.equal(before.epoch, Epoch.Confirmed);
    aws.calls.length = 0;
    const late = { ...feed.find((e) => e.type === "Goal Scored")!, eventId: "finished-match-late", seq: feed.length + 1 };
    const report = await ingestMessage(eventBridgeBody(late), new Date(t0));
    assert.equal(report.outcome, "rejected");
    if (report.outcome !== "rejected") return;
    assert.match(report.reason, /match finished-match is CONFIRMED: a Goal Scored \(seq \d+\) after its outcome is complete can change nothing/);
    assert.deepEqual(await loadState("finished-match"), before);
    assert.deepEqual(rejections().map((r) => r.detail.eventId), ["finished-match-late"]);
    assert.equal((await engineTable().entity(rejectedEventEntity).get({ rejectionId: report.rejectionId }).go()).data?.reason, report.reason);
  });
});
