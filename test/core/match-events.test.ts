import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { applyEvent, emptyState, Epoch, parseFeedEvent, type FeedEvent } from "@pricing/core/match/index";
import { situationAt } from "@pricing/core/sports/football/situation";
import { footballOf } from "@pricing/core/sports/football/state";

const dir = "examples/put-events";
const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
const entries = files.flatMap((f) => JSON.parse(readFileSync(`${dir}/${f}`, "utf8")) as Array<{ Source: string; DetailType: string; Detail: string; EventBusName: string }>);
const asDelivered = (e: (typeof entries)[number]) => ({ source: e.Source, "detail-type": e.DetailType, detail: JSON.parse(e.Detail) });

describe("event catalogue and the example match", () => {
  test("each example file is one PutEvents call (at most 10 entries) for the dev bus", () => {
    assert.ok(files.length >= 2);
    for (const f of files) {
      const batch = JSON.parse(readFileSync(`${dir}/${f}`, "utf8"));
      assert.ok(batch.length >= 1 && batch.length <= 10, f);
      for (const e of batch) assert.equal(e.EventBusName, "dev-match-events");
    }
  });

  test("the example feed parses, runs seq 1..n and folds to the confirmed 2-1", () => {
    const events: FeedEvent[] = entries.map((e) => parseFeedEvent(asDelivered(e)));
    assert.deepEqual(events.map((e) => e.seq), events.map((_, i) => i + 1));
    const state = events.reduce((s, e) => applyEvent(s, e).state, emptyState(events[0].matchId));
    assert.equal(state.epoch, Epoch.Confirmed);
    assert.deepEqual(footballOf(state).score, { home: 2, away: 1 });
    assert.deepEqual(footballOf(state).halfTimeScore, { home: 1, away: 0 });
    assert.deepEqual(footballOf(state).result?.score, footballOf(state).score);
  });

  test("observed prices become expected goals by inverting the de-margined market", () => {
    const events = entries.slice(0, 2).map((e) => parseFeedEvent(asDelivered(e)));
    const state = events.reduce((s, e) => applyEvent(s, e).state, emptyState(events[0].matchId));
    assert.equal(footballOf(state).strength?.source, "market");
    const situation = situationAt(footballOf(state), "2024-08-17T13:30:00Z");
    assert.ok(situation.homeXg > situation.awayXg, "the 1.55 favourite has more expected goals");
    assert.ok(situation.homeXg + situation.awayXg > 2.5 && situation.homeXg + situation.awayXg < 4, "over 2.5 at 1.72");
  });

  test("malformed messages raise MalformedEventError with a reason that says what is wrong", () => {
    const good = asDelivered(entries[0]);
    const cases: Array<[unknown, RegExp]> = [
      ["{not json", /not JSON/],
      [{ ...good, source: "someone.else" }, /source must be pricing.feed/],
      [{ ...good, "detail-type": "Goal Celebrated" }, /unknown detail-type "Goal Celebrated"/],
      // Names every object inherits: an `in` lookup would take them for schemas and throw a TypeError.
      ...["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "isPrototypeOf"].map(
        (name) => [{ ...good, "detail-type": name }, new RegExp(`unknown detail-type "${name}"`)] as [unknown, RegExp],
      ),
      [{ ...good, detail: { ...good.detail, seq: 0 } }, /seq/],
      [{ ...good, detail: { ...good.detail, matchId: "has spaces" } }, /matchId/],
      [{ ...good, detail: { ...good.detail, competition: "x".repeat(500) } }, /competition/],
    ];
    for (const [input, reason] of cases) {
      assert.throws(() => parseFeedEvent(typeof input === "string" ? input : JSON.stringify(input)), (err: Error & { code?: string }) => {
        assert.equal(err.name, "MalformedEventError");
        assert.equal(err.code, "match.malformed_event");
        assert.match(err.message, reason);
        return true;
      });
    }
  });
});
