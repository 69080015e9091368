import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { applyEvent, emptyState, Epoch, type FeedEvent, type MatchState } from "@pricing/core/match/index";
import {
  applyTraderAction, heldGroups, marginOverrides, parseTraderEvent, TRADER_DETAIL_TYPE, TRADER_SOURCE, TraderRefusedError, traderEntry, traderOf, type TraderAction,
} from "@pricing/core/match/trader";
import { pricingJob } from "@pricing/core/match/flows/load";
import { mergeEffects, NO_EFFECTS } from "@pricing/core/match/effects";
import { modelHandler } from "@pricing/core/match/flows/model";
import { footballModel } from "@pricing/core/sports/football/model";
import { GROUP_MARGINS } from "@pricing/core/sports/football/margins";
import { TRADER_MARGIN_MAX, TRADER_MARGIN_MIN } from "@pricing/core/policy";
import type { OfferedMarket } from "@pricing/core/margin/offer";
import { marketsOfWire } from "@pricing/core/margin/offer-encoding";
import { matchFeed } from "../support/match-feed";

const feed = matchFeed("t1", [{ kind: "goal", team: "home", minute: 23 }]);
/** The match in play after its first goal, as stored (a stored state has a version). */
function inPlay(): MatchState {
  const upTo = feed.findIndex((e) => e.type === "Goal Scored") + 1;
  const state = feed.slice(0, upTo).reduce((s, e) => applyEvent(s, e as FeedEvent).state, emptyState("t1"));
  return { ...state, version: upTo };
}

let n = 0;
const act = (fields: Partial<TraderAction> & Pick<TraderAction, "action">, at = "2024-08-17T14:30:00.000Z"): TraderAction =>
  ({ eventId: `tr-${++n}`, matchId: "t1", traderId: "alice", reason: "injury news", occurredAt: at, ...fields }) as TraderAction;

function applied(state: MatchState, action: TraderAction) {
  const t = applyTraderAction(state, action);
  assert.equal(t.outcome, "applied", t.outcome === "refused" ? t.error.message : t.outcome);
  return t as Extract<typeof t, { outcome: "applied" }>;
}
function refused(state: MatchState, action: TraderAction, code: string) {
  const t = applyTraderAction(state, action);
  assert.equal(t.outcome, "refused");
  const error = (t as Extract<typeof t, { outcome: "refused" }>).error;
  assert.ok(error instanceof TraderRefusedError);
  assert.equal(error.code, code);
  return error;
}

describe("trader actions on a match's state", () => {
  test("suspend a group: held with the reason, fenced and announced for that group alone, repriced; the other groups are priced", () => {
    const before = inPlay();
    const t = applied(before, act({ action: "suspend-group", group: "totals" }));
    assert.equal(t.effects.suspend, "trader: injury news");
    assert.deepEqual(t.effects.suspendGroups, ["totals"]);
    assert.equal(t.effects.reprice, true);
    assert.equal(traderOf(t.state).version, 1);
    assert.deepEqual(traderOf(t.state).groups.totals, { reason: "injury news", traderId: "alice", at: "2024-08-17T14:30:00.000Z" });
    assert.equal(t.state.lastSeq, before.lastSeq, "the feed's seq is not the trader's");
    assert.match(t.state.changes.at(-1)!.reason, /totals suspended \(by alice: injury news\)/);
    const job = pricingJob(t.state, "2024-08-17T14:30:00.000Z");
    assert.ok(job.priceable);
    assert.ok(!job.groups.includes("totals"));
    assert.deepEqual(job.held, [{ group: "totals", reason: "trader: injury news" }]);
    assert.equal(job.groups.length, footballModel.groups.length - 1);
    assert.ok(!job.batches.flat().includes("totals"), "a held group goes to no model invocation");
    assert.equal(t.effects.traderActions?.[0].traderId, "alice");
    assert.equal(t.effects.traderActions?.[0].result, "totals suspended");
  });

  test("resume after suspend: the group is priced again at once (a repricing), nothing is held", () => {
    const suspended = applied(inPlay(), act({ action: "suspend-group", group: "totals" })).state;
    const t = applied(suspended, act({ action: "resume-group", group: "totals", reason: "news was wrong" }, "2024-08-17T14:31:00.000Z"));
    assert.equal(t.effects.reprice, true);
    assert.equal(t.effects.suspend, null);
    assert.deepEqual(traderOf(t.state).groups, {});
    assert.equal(traderOf(t.state).version, 2);
    const job = pricingJob(t.state, "2024-08-17T14:31:00.000Z");
    assert.ok(job.groups.includes("totals"));
    assert.deepEqual(job.held, []);
  });

  test("suspend and resume the match: every group held, then none", () => {
    const t = applied(inPlay(), act({ action: "suspend-match", reason: "pitch invasion" }));
    assert.equal(t.effects.suspend, "trader: pitch invasion");
    assert.equal(t.effects.suspendGroups, null, "every group");
    const job = pricingJob(t.state, "2024-08-17T14:30:00.000Z");
    assert.deepEqual([job.groups, job.batches], [[], []]);
    assert.equal(job.held.length, footballModel.groups.length);
    assert.ok(job.held.every((h) => h.reason === "trader: pitch invasion"));
    assert.ok(job.priceable, "still published, as suspended");
    const resumed = applied(t.state, act({ action: "resume-match" }, "2024-08-17T14:32:00.000Z"));
    assert.equal(pricingJob(resumed.state, "2024-08-17T14:32:00.000Z").groups.length, footballModel.groups.length);
  });

  test("a suspended match holds its groups with the match's reason even where a group has its own", () => {
    let state = applied(inPlay(), act({ action: "suspend-group", group: "totals", reason: "group reason" })).state;
    state = applied(state, act({ action: "suspend-match", reason: "match reason" })).state;
    assert.deepEqual(heldGroups(state, ["totals", "handicap"]), [{ group: "totals", reason: "trader: match reason" }, { group: "handicap", reason: "trader: match reason" }]);
  });

  test("pause and resume the match's model: its groups are held while paused", () => {
    const t = applied(inPlay(), act({ action: "pause-model", reason: "model drifting" }));
    assert.deepEqual(Object.keys(traderOf(t.state).models), ["football"]);
    assert.equal(pricingJob(t.state, "2024-08-17T14:30:00.000Z").groups.length, 0);
    const resumed = applied(t.state, act({ action: "resume-model", model: "football" }, "2024-08-17T14:31:00.000Z"));
    assert.deepEqual(traderOf(resumed.state).models, {});
    assert.equal(pricingJob(resumed.state, "2024-08-17T14:31:00.000Z").groups.length, footballModel.groups.length);
  });

  test("set and clear a margin: the override reaches the pricing job, not the held list", () => {
    const t = applied(inPlay(), act({ action: "set-margin", group: "totals", margin: 0.1 }));
    assert.equal(t.effects.reprice, true);
    assert.equal(t.effects.suspend, null);
    assert.deepEqual(marginOverrides(t.state), { totals: 0.1 });
    assert.deepEqual(pricingJob(t.state, "2024-08-17T14:30:00.000Z").margins, { totals: 0.1 });
    const cleared = applied(t.state, act({ action: "clear-margin", group: "totals" }, "2024-08-17T14:31:00.000Z"));
    assert.deepEqual(pricingJob(cleared.state, "2024-08-17T14:31:00.000Z").margins, {});
  });

  test("a margin override changes the offered odds but not the fair probabilities", async () => {
    const state = applied(inPlay(), act({ action: "set-margin", group: "totals", margin: 0.12 })).state;
    const job = pricingJob(state, "2024-08-17T14:30:00.000Z");
    const handler = modelHandler(footballModel);
    const priced = async (margins?: Record<string, number>) => {
      const batch = await handler({ matchId: "t1", groups: ["totals", "handicap"], situation: job.situation as never, ...(margins ? { margins } : {}) });
      assert.deepEqual(batch.failures, []);
      const [totals, handicap] = batch.results;
      assert.ok(totals.status === "priced" && handicap.status === "priced");
      return { totals: { markets: marketsOfWire("totals", totals.markets) }, handicap: { markets: marketsOfWire("handicap", handicap.markets) } };
    };
    const { totals: base, handicap: plainHandicap } = await priced();
    // One batch: the override reaches its group alone.
    const { totals: wide, handicap: other } = await priced(job.margins);
    const overround = (m: OfferedMarket) => m.selections.reduce((s, x) => s + (x.odds ? 1 / x.odds : 0), 0) - 1;
    const offered = base.markets.filter((m) => m.status === "open" && m.selections.every((s) => s.odds !== null));
    assert.ok(offered.length > 3);
    for (const m of offered) {
      const w: OfferedMarket = wide.markets.find((x) => x.key === m.key && x.line === m.line)!;
      assert.deepEqual(w.selections.map((s) => s.probability), m.selections.map((s) => s.probability), `${m.key} ${m.line}: fair unchanged`);
      assert.deepEqual(w.selections.map((s) => s.fairOdds), m.selections.map((s) => s.fairOdds));
      // The ladder keeps a market within -0.5/+1 point of its target (README, "Margins").
      assert.ok(Math.abs(overround(m) - GROUP_MARGINS.totals) <= 0.011, `${m.key} ${m.line}: default ${overround(m)}`);
      assert.ok(Math.abs(overround(w) - 0.12) <= 0.011, `${m.key} ${m.line}: override ${overround(w)}`);
      assert.ok(w.selections.every((s, i) => s.odds === null || s.odds <= m.selections[i].odds!), "a wider margin never lengthens a price");
    }
    assert.deepEqual(other.markets, plainHandicap.markets, "other groups keep their own margin");
  });

  test("idempotent by event id: the same action again is a duplicate and changes nothing", () => {
    const action = act({ action: "suspend-group", group: "totals" });
    const once = applied(inPlay(), action).state;
    assert.deepEqual(applyTraderAction(once, action), { outcome: "duplicate" });
    assert.deepEqual(applyTraderAction(once, { ...action, reason: "something else" }), { outcome: "duplicate" });
  });

  test("ordered by time per target: a resume overtaken by its suspend leaves the group resumed", () => {
    const suspend = act({ action: "suspend-group", group: "totals" }, "2024-08-17T14:30:00.000Z");
    const resume = act({ action: "resume-group", group: "totals" }, "2024-08-17T14:31:00.000Z");
    const afterResume = applied(inPlay(), resume);
    assert.match(afterResume.reason, /ignored: totals is not suspended/);
    const late = applied(afterResume.state, suspend);
    assert.match(late.reason, /superseded/);
    assert.deepEqual(traderOf(late.state).groups, {});
    assert.equal(late.effects.reprice, false);
    // A later action on another target still applies.
    const other = applied(late.state, act({ action: "suspend-group", group: "handicap" }, "2024-08-17T14:29:00.000Z"));
    assert.ok("handicap" in traderOf(other.state).groups);
  });

  test("refusals change nothing: unknown group, unknown model, a match not scheduled or finished, another match", () => {
    const state = inPlay();
    const e1 = refused(state, act({ action: "suspend-group", group: "set-betting" }), "trader.unknown_group");
    assert.match(e1.message, /football has no market group "set-betting"/);
    assert.deepEqual(e1.details, { detailType: TRADER_DETAIL_TYPE, eventId: `tr-${n}`, matchId: "t1" });
    refused(state, act({ action: "set-margin", group: "nope", margin: 0.1 }), "trader.unknown_group");
    refused(state, act({ action: "pause-model", model: "tennis" }), "trader.unknown_model");
    refused(emptyState("t1"), act({ action: "suspend-match" }), "trader.unknown_match");
    refused({ ...state, epoch: Epoch.Settled }, act({ action: "suspend-match" }), "trader.match_finished");
    refused(state, { ...act({ action: "suspend-match" }), matchId: "other" }, "trader.wrong_match");
    assert.equal(traderOf(state).version, 0);
  });

  test("two suspensions merged in the outbox cover both groups, or every group when either does", () => {
    const a = { ...NO_EFFECTS, suspend: "trader: a", suspendGroups: ["totals"] };
    const b = { ...NO_EFFECTS, suspend: "trader: b", suspendGroups: ["handicap"] };
    assert.deepEqual(mergeEffects(a, b).suspendGroups, ["totals", "handicap"]);
    assert.equal(mergeEffects(a, { ...NO_EFFECTS, suspend: "goal" }).suspendGroups, undefined);
    assert.equal(mergeEffects({ ...NO_EFFECTS, suspend: "goal" }, a).suspend, "goal");
  });
});

describe("trader events on the bus", () => {
  const envelope = (detail: unknown, source = TRADER_SOURCE, type = TRADER_DETAIL_TYPE) => JSON.stringify({ id: "x", source, "detail-type": type, detail });
  const valid = { eventId: "e1", matchId: "t1", traderId: "alice", reason: "injury news", occurredAt: "2024-08-17T14:30:00.000Z", action: "set-margin", group: "totals", margin: 0.08 };

  test("a valid action parses; its entry round-trips", () => {
    assert.deepEqual(parseTraderEvent(envelope(valid)), valid);
    const entry = traderEntry(valid as TraderAction, "bus");
    assert.equal(entry.Source, TRADER_SOURCE);
    assert.deepEqual(parseTraderEvent(envelope(JSON.parse(entry.Detail))), valid);
  });

  const bad: Array<[string, unknown, RegExp]> = [
    ["no reason", { ...valid, reason: undefined }, /reason/],
    ["a blank reason", { ...valid, reason: "   " }, /a reason is required/],
    ["no trader", { ...valid, traderId: undefined }, /traderId/],
    ["a margin below the band", { ...valid, margin: TRADER_MARGIN_MIN / 2 }, new RegExp(`at least ${TRADER_MARGIN_MIN}`)],
    ["a margin above the band", { ...valid, margin: TRADER_MARGIN_MAX + 0.01 }, new RegExp(`at most ${TRADER_MARGIN_MAX}`)],
    ["a margin that is not a number", { ...valid, margin: "0.1" }, /margin/],
    ["an unknown action", { ...valid, action: "delete-match" }, /action/],
  ];
  for (const [what, detail, message] of bad) {
    test(`refused with a typed error: ${what}`, () => {
      assert.throws(() => parseTraderEvent(envelope(detail)), (err: unknown) => err instanceof TraderRefusedError && err.code === "trader.invalid_action" && message.test(err.message));
      assert.throws(() => traderEntry(detail as TraderAction, "bus"), /invalid trader action/);
    });
  }

  test("refused: the feed's source, another detail-type, not JSON", () => {
    assert.throws(() => parseTraderEvent(envelope(valid, "pricing.feed")), /source must be pricing.trader/);
    assert.throws(() => parseTraderEvent(envelope(valid, TRADER_SOURCE, "Goal Scored")), /detail-type must be/);
    assert.throws(() => parseTraderEvent("{"), TraderRefusedError);
  });
});
