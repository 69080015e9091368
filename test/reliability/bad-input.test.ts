import "./quiet";
import { afterAll, beforeAll, describe, test } from "vitest";
import assert from "node:assert/strict";
import fc from "fast-check";
import { handler as ingest } from "@pricing/functions/events/ingest";
import { ingestMessage, type IngestReport } from "@pricing/core/match/flows/ingest";
import { Epoch } from "@pricing/core/match/epoch";
import { loadState } from "@pricing/core/store/match-state";
import { rejectedEventEntity } from "@pricing/core/store/rejected-event";
import { engineTable } from "@pricing/core/store/table";
import { resetConfig } from "@pricing/core/config";
import { GAP_BOUND_SECONDS } from "@pricing/core/policy";
import type { FeedEvent } from "@pricing/core/match/events";
import { eventBridgeBody, lambdaContext, sqsEvent, sqsRecord, startAws } from "../support/aws";
import { BAD_TARGETS, badCase, envelopeBody, type BadCase, type BadKind } from "./bad-events";

const T0 = Date.parse("2024-08-17T14:30:00Z");
const RUNS = 1000;
/** Fixed unless RELIABILITY_SEED names another: the cases, and so each kind's count, are the same every run. */
const SEED = Number(process.env.RELIABILITY_SEED) || 20240817;

let aws: Awaited<ReturnType<typeof startAws>>;
beforeAll(async () => {
  aws = await startAws();
  process.env.GAP_BOUND_SECONDS = String(GAP_BOUND_SECONDS);
  resetConfig();
});
afterAll(() => aws?.stop());

const bodyOf = (c: BadCase) => c.body ?? envelopeBody(c.entry);
const unknownMatchOf = (c: BadCase) => (c.kind === "unknown match" ? (JSON.parse(c.entry.detail).matchId as string) : null);
/** Match ids only unknown-match cases use, made unique per case so earlier runs do not interfere. */
let caseNumber = 0;
function unique(c: BadCase): BadCase {
  if (c.kind !== "unknown match") return c;
  const n = ++caseNumber;
  const rename = (detail: string) => JSON.stringify({ ...JSON.parse(detail), matchId: `u${n}-${JSON.parse(detail).matchId}`.slice(0, 80) });
  return { ...c, entry: { ...c.entry, detail: rename(c.entry.detail) } };
}

async function assertStoredRejection(report: IngestReport, c: BadCase): Promise<void> {
  assert.equal(report.outcome, "rejected", `${c.kind}: ${bodyOf(c).slice(0, 300)} -> ${JSON.stringify(report)}`);
  if (report.outcome !== "rejected") return;
  assert.match(report.reason, c.reason, `${c.kind}: ${bodyOf(c).slice(0, 300)}`);
  const stored = await engineTable().entity(rejectedEventEntity).get({ rejectionId: report.rejectionId }).go();
  assert.equal(stored.data?.reason, report.reason);
}

describe.each(BAD_TARGETS)(`bad input through ingest: $sport (seed ${SEED}; handler level: dynalite, mocked Step Functions and EventBridge)`, (target) => {
  const TARGET_MATCH = target.match;
  const TARGET_APPLIED = target.applied;
  const ingestAll = async (events: FeedEvent[]) => {
    for (const event of events) assert.equal((await ingestMessage(eventBridgeBody(event), new Date(T0))).outcome, "applied", event.eventId);
  };
  beforeAll(async () => {
    await ingestAll(target.feed().slice(0, TARGET_APPLIED));
    if (target.finished) await ingestAll(target.finished.feed());
    aws.calls.length = 0;
  });
  const seen = new Map<BadKind, number>();
  const unknownMatches = new Set<string>();
  const caseVariants = new Set<string>();
  let rejected = 0;

  test(`${RUNS} generated malformed events are each rejected with a reason and stored`, async () => {
    const before = await loadState(TARGET_MATCH);
    const finishedBefore = target.finished ? await loadState(target.finished.match) : null;
    await fc.assert(
      fc.asyncProperty(badCase({ target }).map(unique), async (c) => {
        seen.set(c.kind, (seen.get(c.kind) ?? 0) + 1);
        const sent = aws.calls.length;
        const first = await ingestMessage(bodyOf(c), new Date(T0));
        if (c.parks) {
          // An unknown match's event waits for its Match Scheduled until the gap bound;
          // the gap check ingest sent itself then refuses it.
          assert.equal(first.outcome, "parked", JSON.stringify(first));
          const checks = aws.calls.slice(sent).filter((call) => call.service === "sqs:SendMessage");
          assert.equal(checks.length, 1, "one gap check");
          const checked = await ingestMessage(checks[0].input.MessageBody, new Date(T0 + (GAP_BOUND_SECONDS + 1) * 1000));
          assert.ok(checked.outcome === "gapChecked" && checked.refused.length === 1, JSON.stringify(checked));
          const [announced] = aws.calls.slice(sent).filter((call) => call.service === "events:PutEvents").map((call) => JSON.parse(call.input.Entries[0].Detail));
          assert.match(announced.reason, c.reason);
          assert.equal(announced.matchId, unknownMatchOf(c));
          rejected += 1;
        } else {
          await assertStoredRejection(first, c);
          rejected += 1;
        }
        const unknown = unknownMatchOf(c);
        if (unknown) unknownMatches.add(unknown);
        if (c.kind === "case-colliding id") caseVariants.add(JSON.parse(c.entry.detail).matchId);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    assert.deepEqual(await loadState(TARGET_MATCH), before, "the target match's state is untouched");
    if (target.finished) assert.deepEqual(await loadState(target.finished.match), finishedBefore, "the finished match's state is untouched");
    for (const kind of target.kinds) assert.ok((seen.get(kind) ?? 0) >= (target.sport === "football" ? 50 : 25), `${kind}: ${seen.get(kind)} cases`);
  });

  test("the unknown matches hold nothing: no fixture, no event applied or parked, no Lifecycle", async () => {
    assert.ok(unknownMatches.size >= 50);
    for (const matchId of unknownMatches) {
      const state = await loadState(matchId);
      assert.equal(state.epoch, Epoch.Scheduled, matchId);
      assert.equal(state.lastSeq, 0, matchId);
      assert.equal(state.sport, null, matchId);
      assert.equal(state.view, null, matchId);
      assert.deepEqual(state.parked, [], matchId);
    }
  });

  test("the target's id with upper case in it named other matches: nothing stored for them, nothing on the target", async () => {
    assert.ok(caseVariants.size >= 20, `${caseVariants.size} variants`);
    for (const matchId of caseVariants) {
      assert.notEqual(matchId, TARGET_MATCH);
      const state = await loadState(matchId);
      assert.equal(state.matchId, matchId);
      assert.equal(state.version, 0, matchId);
      assert.deepEqual(state.parked, [], matchId);
    }
    assert.equal((await loadState(TARGET_MATCH)).lastSeq, TARGET_APPLIED);
  });

  test("every rejection was announced, and nothing else happened: no execution started, no tick sent", () => {
    const services = new Set(aws.calls.map((c) => c.service));
    assert.deepEqual([...services].sort(), ["events:PutEvents", "sqs:SendMessage"]);
    const sent = aws.calls.filter((c) => c.service === "sqs:SendMessage");
    assert.ok(sent.every((c) => c.input.QueueUrl === process.env.FEED_QUEUE_URL && "gapCheck" in JSON.parse(c.input.MessageBody)), "only gap checks");
    const types = aws.engineEvents().map((e) => e.type);
    assert.equal(types.length, rejected);
    assert.ok(types.every((t) => t === "Event Rejected"));
  });

  test("through the Lambda handler in batches of ten: no batch item fails, every record is rejected", async () => {
    aws.calls.length = 0;
    const cases = fc.sample(badCase({ target }).map(unique).filter((c) => !c.parks), { numRuns: 100, seed: SEED });
    for (let i = 0; i < cases.length; i += 10) {
      const result = await ingest(sqsEvent(cases.slice(i, i + 10).map((c) => sqsRecord(bodyOf(c)))), lambdaContext);
      assert.deepEqual(result.batchItemFailures, []);
    }
    assert.equal(aws.engineEvents().filter((e) => e.type === "Event Rejected").length, cases.length);
  });
});
